"""Step 5: chunks → vectors and lexical tokens; vectors come from the content-hash cache when possible."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from haystack import component
from tqdm import tqdm

from tracuu.checkpoints import pause_point
from tracuu.embedders import Embedder
from tracuu.index.embedding_cache import EmbeddingCache
from tracuu.index.tokenize import index_tokens
from tracuu.models import ChunkRecord, DocumentRecord

__all__ = ["CachedChunkEmbedder", "copies_of_held_articles"]

_BATCH = 16


def _article_of(chunk: ChunkRecord) -> str | None:
    """The chunk's article in its own document's numbering ("Điều 107"), not a Bộ Pháp điển code."""
    article = chunk.article
    return article if article is not None and article.count(".") < 2 else None


def copies_of_held_articles(chunks: list[ChunkRecord], documents: list[DocumentRecord]) -> dict[int, int]:
    """Row of a Bộ Pháp điển chunk → row of the same piece of the original article, when the original
    text is in this ingest: one article, one vector (chapter 20.2 reproduces most of Bộ luật Lao động)."""
    held = {d.number_key: d.doc_id for d in documents if d.number_key and d.status == "full_text"}
    originals: dict[tuple[str, str], list[int]] = {}
    copies: dict[tuple[str, str, str], list[int]] = {}
    for row, c in enumerate(chunks):
        if c.source_key and c.source_article:
            if c.source_key in held:
                copies.setdefault((c.doc_id, c.source_key, c.source_article), []).append(row)
            continue
        article = _article_of(c)
        if article is not None:
            originals.setdefault((c.doc_id, article), []).append(row)
    shared: dict[int, int] = {}
    for (_, key, article), rows in copies.items():
        own = originals.get((held[key], article))
        if not own:
            continue
        rows.sort(key=lambda r: chunks[r].start)
        own.sort(key=lambda r: chunks[r].start)
        for n, row in enumerate(rows):
            shared[row] = own[min(n, len(own) - 1)]
    return shared


@component
class CachedChunkEmbedder:
    def __init__(
        self,
        embedder: Embedder,
        cache_path: Path,
        progress: bool = True,
        on_embedded: Callable[[int, int], None] | None = None,
    ) -> None:
        self.embedder = embedder
        self.cache_path = cache_path
        self.progress = progress
        self.on_embedded = on_embedded  # (chunks with a vector so far, chunks): the progress file others read

    def _report(self, done: int, total: int) -> None:
        if self.on_embedded is not None:
            self.on_embedded(done, total)

    @component.output_types(vectors=np.ndarray, token_lists=list[list[str]], embedded=int, cached=int, shared=int)
    def run(self, chunks: list[ChunkRecord], documents: list[DocumentRecord] | None = None) -> dict:
        texts = [c.indexed_text for c in chunks]
        shared = copies_of_held_articles(chunks, documents or [])
        cache = EmbeddingCache(
            self.cache_path, self.embedder.name, self.embedder.dim, model_version=self.embedder.version
        )
        try:
            vectors = np.zeros((len(texts), self.embedder.dim), dtype=np.float32)
            hits = cache.get_many(texts)
            for i, vec in hits.items():
                vectors[i] = vec
            missing = [i for i in range(len(texts)) if i not in hits and i not in shared]
            bar = tqdm(
                total=len(missing),
                desc="embedding",
                unit="chunk",
                file=sys.stderr,
                disable=not self.progress or not missing,
            )
            self._report(len(hits), len(texts))
            for start in range(0, len(missing), _BATCH):
                rows = missing[start : start + _BATCH]
                batch = [texts[i] for i in rows]
                out = self.embedder.embed_passages(batch)
                vectors[rows] = out
                cache.put_many(batch, out)  # saved per batch: an interrupted ingest keeps its work
                pause_point("embed")
                bar.update(len(rows))
                self._report(len(hits) + start + len(rows), len(texts))
            bar.close()
            for row, original in shared.items():  # always the original's vector, cached copy or not
                vectors[row] = vectors[original]
        finally:
            cache.close()
        return {
            "vectors": vectors,
            "token_lists": [index_tokens(t) for t in texts],
            "embedded": len(missing),
            "cached": sum(1 for row in hits if row not in shared),
            "shared": len(shared),
        }
