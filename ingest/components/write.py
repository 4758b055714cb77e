"""Step 7: everything built → a new index generation, swapped in atomically; returns the per-file report."""

from __future__ import annotations

from typing import Any

import numpy as np
from haystack import component

from ingest.report import FileReport
from tracuu.index.store import IndexContent
from tracuu.index.stores import IndexStore
from tracuu.models import ChunkRecord, CitationMention, DocumentRecord

__all__ = ["IndexWriter"]


def _previous_hashes(store: IndexStore) -> dict[str, str]:
    published = store.published_sources()
    return published.hashes if published else {}


@component
class IndexWriter:
    def __init__(self, store: IndexStore, embedder_name: str, dim: int, chunk_max_chars: int) -> None:
        self.store = store
        self.embedder_name = embedder_name
        self.dim = dim
        self.chunk_max_chars = chunk_max_chars

    @component.output_types(reports=list[FileReport], generation=str, summary=dict)
    def run(
        self,
        documents: list[DocumentRecord],
        chunks: list[ChunkRecord],
        mentions: list[CitationMention],
        vectors: np.ndarray,
        token_lists: list[list[str]],
        failures: list[FileReport],
        warnings: dict[str, list[str]],
        facts: dict[str, Any],
        embedded: int,
        cached: int,
        shared: int = 0,
        converted_by: list[int] | None = None,
        notes: dict[str, list[str]] | None = None,
    ) -> dict:
        previous = _previous_hashes(self.store)
        for path, extra in (notes or {}).items():
            warnings = {**warnings, path: [*warnings.get(path, []), *extra]}
        per_doc: dict[str, int] = {}
        for c in chunks:
            per_doc[c.doc_id] = per_doc.get(c.doc_id, 0) + 1
        reports = [
            FileReport(
                path=d.source_path or "",
                status="indexed",
                doc_id=d.doc_id,
                chunks=per_doc.get(d.doc_id, 0),
                changed=previous.get(d.source_path or "") != d.content_hash,
                warnings=warnings.get(d.source_path or "", []),
            )
            for d in documents
            if d.status == "full_text"
        ] + list(failures)
        held_paths = {d.source_path for d in documents if d.source_path}
        summary = {
            "files": len(reports),
            "indexed": sum(r.status == "indexed" for r in reports),
            "failed": sum(r.status == "failed" for r in reports),
            "skipped": sum(r.status == "skipped" for r in reports),
            "changed": sum(r.status == "indexed" and r.changed for r in reports),
            "removed": sorted(p for p in previous if p not in held_paths),
            "documents": len(documents),
            "citation_only": sum(d.status == "citation_only" for d in documents),
            "chunks": len(chunks),
            "embedded": embedded,
            "embedding_cache_hits": cached,
            "shared_vectors": shared,  # Bộ Pháp điển copies given their held original's vector
            "conversion_pids": sorted(set(converted_by or [])),  # the child processes that converted the files
        }
        if not summary["indexed"]:
            # Every file failed (or nothing was given): the previous index stays as it is.
            return {"reports": reports, "generation": self.store.published_generation() or "", "summary": summary}
        content = IndexContent(
            documents=documents,
            chunks=chunks,
            mentions=mentions,
            token_lists=token_lists,
            vectors=vectors,
            facts=facts,
            report={"summary": summary, "files": [r.to_dict() for r in reports]},
        )
        generation = self.store.publish(
            content, embedder=self.embedder_name, dim=self.dim, chunk_max_chars=self.chunk_max_chars
        )
        return {"reports": reports, "generation": generation, "summary": summary}
