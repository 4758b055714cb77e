"""Write and read an index folder.

Layout of ``index_dir``::

    current -> generations/<id>      symlink, swapped atomically when a new generation is complete
    generations/<id>/manifest.json   what built it (embedder, dimension, normaliser …); checked on load
    generations/<id>/documents.jsonl, chunks.jsonl, mentions.jsonl, facts.json, report.json
    generations/<id>/vectors.faiss, bm25/
    embedding-cache.sqlite           vectors by content hash, shared by generations

A generation is written under ``generations/.tmp-<id>`` and renamed only when every file is on disk,
so a crash at any point leaves the previous ``current`` untouched. No pickle anywhere.
"""

from __future__ import annotations

import bisect
import json
import os
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from tracuu.checkpoints import pause_point
from tracuu.index.dense import DenseIndex
from tracuu.index.errors import IndexMismatch, IndexMissing
from tracuu.index.lexical import LexicalIndex
from tracuu.index.pids import process_alive
from tracuu.index.tokenize import TOKENIZER_VERSION
from tracuu.models import ChunkRecord, CitationMention, DocumentRecord
from tracuu.text.normalize import NORMALISER_VERSION

__all__ = [
    "IndexManifest",
    "IndexData",
    "IndexContent",
    "PublishedSources",
    "write_index",
    "load_index",
    "current_generation",
    "published_sources",
    "fsync_dir",
    "new_manifest",
    "check_manifest",
    "code_versions",
]

FORMAT_VERSION = 4  # 2: chunks store their section path as parts + article, and their headings; 3: the facts
# stored include those of decisions, notices and guidance written in articles (an older index lacks them);
# 4: a Bộ Pháp điển table is one line per row ("Vùng I | 5.310.000 | 25.500"), its cells were lines of their own
_KEEP_GENERATIONS = 2
KEEP_GENERATIONS = _KEEP_GENERATIONS  # the PostgreSQL store keeps as many


@dataclass(frozen=True)
class IndexManifest:
    embedder: str
    dim: int
    chunk_max_chars: int
    documents: int
    chunks: int
    generation: str
    created_at: str
    format_version: int = FORMAT_VERSION
    normaliser_version: str = NORMALISER_VERSION
    tokenizer_version: str = TOKENIZER_VERSION
    package_version: str = "0.1.0"


@dataclass
class IndexContent:
    """Everything a generation holds, as built by ingest."""

    documents: list[DocumentRecord]
    chunks: list[ChunkRecord]
    mentions: list[CitationMention]
    token_lists: list[list[str]]
    vectors: np.ndarray
    facts: dict[str, Any] = field(default_factory=dict)
    report: dict[str, Any] = field(default_factory=dict)


@dataclass
class IndexData:
    """A loaded generation; read-only once loaded (the service shares it between requests)."""

    path: Path
    manifest: IndexManifest
    documents: dict[str, DocumentRecord]
    chunks: list[ChunkRecord]
    mentions: list[CitationMention]
    facts: dict[str, Any]
    report: dict[str, Any]
    lexical: LexicalIndex
    dense: DenseIndex
    chunk_rows: dict[str, int] = field(default_factory=dict)
    doc_by_key: dict[str, str] = field(default_factory=dict)
    _rows_by_doc: dict[str, tuple[list[int], list[int]]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.chunk_rows = {c.chunk_id: i for i, c in enumerate(self.chunks)}
        grouped: dict[str, list[int]] = {}
        for row, c in enumerate(self.chunks):
            grouped.setdefault(c.doc_id, []).append(row)
        for doc_id, rows in grouped.items():
            rows.sort(key=lambda r: self.chunks[r].start)
            self._rows_by_doc[doc_id] = ([self.chunks[r].start for r in rows], rows)
        for doc in self.documents.values():
            for key in [doc.number_key, *doc.aliases]:
                if key:
                    self.doc_by_key.setdefault(key, doc.doc_id)

    def row_at(self, doc_id: str, offset: int) -> int | None:
        """Row of the chunk of ``doc_id`` that contains character ``offset`` (binary search)."""
        return _row_at(self, doc_id, offset)

    def chunk_at(self, doc_id: str, offset: int) -> ChunkRecord | None:
        row = self.row_at(doc_id, offset)
        return None if row is None else self.chunks[row]


def _row_at(index: IndexData, doc_id: str, offset: int) -> int | None:
    starts, rows = index._rows_by_doc.get(doc_id, ([], []))
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and offset < index.chunks[rows[i]].end:
        return rows[i]
    return None


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _fsync_tree(folder: Path) -> None:
    """Every file, then every folder (``bm25/`` included), deepest first, so all entries are on disk."""
    folders = [folder]
    for p in folder.rglob("*"):
        if p.is_dir():
            folders.append(p)
        elif p.is_file():
            with p.open("rb") as f:
                os.fsync(f.fileno())
    for d in sorted(folders, key=lambda d: len(d.parts), reverse=True):
        _fsync_dir(d)


def fsync_dir(folder: Path) -> None:
    """Make a folder's entries (files created, renamed or removed in it) survive a power loss."""
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def current_generation(index_dir: Path) -> Path | None:
    link = index_dir / "current"
    if not link.is_symlink() and not link.exists():
        return None
    target = link.resolve()
    return target if (target / "manifest.json").exists() else None


@dataclass(frozen=True)
class PublishedSources:
    """What the current generation was built from, read without loading its vectors or BM25."""

    chunk_max_chars: int | None
    hashes: dict[str, str]  # source path → content hash of every file it holds text from
    failed: frozenset[str]  # source paths that failed in the ingest that built it


def _code_versions() -> dict[str, object]:
    """What an index must have been written by (besides its settings) for this code to load it."""
    return {
        "format_version": FORMAT_VERSION,
        "normaliser_version": NORMALISER_VERSION,
        "tokenizer_version": TOKENIZER_VERSION,
    }


code_versions = _code_versions


def published_sources(index_dir: Path) -> PublishedSources | None:
    """The source files of the current generation, or ``None`` when there is none or when other code
    versions wrote it (it must be rebuilt, whatever its files)."""
    folder = current_generation(index_dir)
    if folder is None:
        return None
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    if any(manifest.get(k) != v for k, v in _code_versions().items()):
        return None
    hashes = {
        row["source_path"]: row["content_hash"]
        for row in _read_jsonl(folder / "documents.jsonl")
        if row.get("source_path") and row.get("content_hash")
    }
    report_path = folder / "report.json"
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else {}
    failed = frozenset(r["path"] for r in report.get("files", []) if r.get("status") == "failed")
    return PublishedSources(manifest.get("chunk_max_chars"), hashes, failed)


def new_manifest(content: IndexContent, gen_id: str, *, embedder: str, dim: int, chunk_max_chars: int) -> IndexManifest:
    """The manifest of a generation about to be written (any store); checks the vectors fit the chunks."""
    if content.vectors.shape != (len(content.chunks), dim):
        raise ValueError(f"vectors shape {content.vectors.shape} does not match {len(content.chunks)} chunks × {dim}")
    return IndexManifest(
        embedder=embedder,
        dim=dim,
        chunk_max_chars=chunk_max_chars,
        documents=len(content.documents),
        chunks=len(content.chunks),
        generation=gen_id,
        created_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    )


def write_index(index_dir: Path, content: IndexContent, *, embedder: str, dim: int, chunk_max_chars: int) -> Path:
    """Write a new generation and make it current atomically; returns its folder."""
    generations = index_dir / "generations"
    if not generations.is_dir():
        generations.mkdir(parents=True, exist_ok=True)
        _fsync_dir(index_dir)
    gen_id = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}"
    manifest = new_manifest(content, gen_id, embedder=embedder, dim=dim, chunk_max_chars=chunk_max_chars)
    tmp = generations / f".tmp-{gen_id}"
    tmp.mkdir()
    try:
        _write_generation(tmp, content, manifest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)  # a long-lived service must not keep failed builds around
        raise
    final = generations / gen_id
    os.rename(tmp, final)
    _fsync_dir(generations)  # the new folder's name is durable before anything points at it
    pause_point("renamed")
    link_tmp = index_dir / f".current-{gen_id}"
    os.symlink(Path("generations") / gen_id, link_tmp)
    pause_point("linked")
    os.replace(link_tmp, index_dir / "current")
    _fsync_dir(index_dir)
    _prune(generations, keep=final)
    return final


def _write_generation(tmp: Path, content: IndexContent, manifest: IndexManifest) -> None:
    _write_jsonl(tmp / "documents.jsonl", [d.to_dict() for d in content.documents])
    _write_jsonl(tmp / "chunks.jsonl", [c.to_dict() for c in content.chunks])
    _write_jsonl(tmp / "mentions.jsonl", [m.to_dict() for m in content.mentions])
    pause_point("write")
    (tmp / "facts.json").write_text(json.dumps(content.facts, ensure_ascii=False), encoding="utf-8")
    (tmp / "report.json").write_text(json.dumps(content.report, ensure_ascii=False, indent=1), encoding="utf-8")
    DenseIndex.build(content.vectors, manifest.dim).save(tmp / "vectors.faiss")
    LexicalIndex.build(content.token_lists).save(tmp / "bm25")
    # The manifest is written last: a folder without it is never loaded.
    (tmp / "manifest.json").write_text(json.dumps(asdict(manifest), indent=1), encoding="utf-8")
    _fsync_tree(tmp)


def _prune(generations: Path, keep: Path) -> None:
    """Remove all but the newest complete generations, then what dead builds left behind."""
    done = sorted((p for p in generations.iterdir() if not p.name.startswith(".")), key=lambda p: p.name)
    for old in done[:-_KEEP_GENERATIONS]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)
    pause_point("prune")
    for tmp in generations.glob(".tmp-*"):
        if _left_by_dead_process(tmp.name):
            shutil.rmtree(tmp, ignore_errors=True)
    for link in generations.parent.glob(".current-*"):  # a symlink made but never swapped in
        if link.is_symlink() and _left_by_dead_process(link.name):
            link.unlink(missing_ok=True)


def _left_by_dead_process(name: str) -> bool:
    """``.tmp-<time>-<pid>-<n>`` or ``.current-<time>-<pid>-<n>`` whose process has gone."""
    parts = name.split("-")
    pid = parts[2] if len(parts) >= 4 else ""
    return pid.isdigit() and not process_alive(int(pid))


def check_manifest(
    raw: dict[str, Any], where: str, *, embedder: str | None = None, chunk_max_chars: int | None = None
) -> IndexManifest:
    """The manifest ``raw`` read from ``where`` (any store), if this code and these settings can use it."""
    try:
        manifest = IndexManifest(**raw)
    except TypeError as e:
        raise IndexMismatch(f"{where} has an unreadable manifest ({e}); re-run `tracuu ingest`") from e
    expected = _code_versions()
    if embedder is not None:
        expected["embedder"] = embedder
    if chunk_max_chars is not None:
        expected["chunk_max_chars"] = chunk_max_chars
    wrong = {k: (getattr(manifest, k), v) for k, v in expected.items() if getattr(manifest, k) != v}
    if wrong:
        detail = "; ".join(f"{k}: index has {have!r}, settings need {want!r}" for k, (have, want) in wrong.items())
        raise IndexMismatch(f"{where} does not match: {detail}. Re-run `tracuu ingest`.")
    return manifest


def load_index(index_dir: Path, *, embedder: str | None = None, chunk_max_chars: int | None = None) -> IndexData:
    """Load the current generation; refuse one built with other settings or code versions."""
    folder = current_generation(index_dir)
    if folder is None:
        raise IndexMissing(f"no index at {index_dir}: run `tracuu ingest` first")
    raw = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest = check_manifest(raw, f"index at {folder}", embedder=embedder, chunk_max_chars=chunk_max_chars)
    chunks = [ChunkRecord.from_dict(r) for r in _read_jsonl(folder / "chunks.jsonl")]
    dense = DenseIndex.load(folder / "vectors.faiss")
    if dense.dim != manifest.dim or dense.size != len(chunks):
        raise IndexMismatch(f"index at {folder} is inconsistent: {dense.size} vectors for {len(chunks)} chunks")
    return IndexData(
        path=folder,
        manifest=manifest,
        documents={d["doc_id"]: DocumentRecord.from_dict(d) for d in _read_jsonl(folder / "documents.jsonl")},
        chunks=chunks,
        mentions=[CitationMention.from_dict(m) for m in _read_jsonl(folder / "mentions.jsonl")],
        facts=json.loads((folder / "facts.json").read_text(encoding="utf-8")),
        report=json.loads((folder / "report.json").read_text(encoding="utf-8")),
        lexical=LexicalIndex.load(folder / "bm25", len(chunks)),
        dense=dense,
    )
