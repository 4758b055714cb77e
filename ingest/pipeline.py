"""The ingest pipeline: files → converted → normalised documents → chunks → citations → facts → vectors → index.

>>> from tracuu.settings import Settings
>>> result = run_ingest([Path("corpus")], Settings())  # doctest: +SKIP
>>> result.summary["chunks"] > 0  # doctest: +SKIP
True
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from haystack import Pipeline
from haystack.core.errors import PipelineRuntimeError

from ingest.components.cite import CitationLinker
from ingest.components.convert import FileConverter
from ingest.components.embed import CachedChunkEmbedder
from ingest.components.facts import FactExtractor
from ingest.components.prepare import DocumentPreparer
from ingest.components.split import StructureSplitter
from ingest.components.write import IndexWriter
from ingest.discover import discover
from ingest.ocr import OcrEngine
from ingest.ocr.engine import Progress
from ingest.report import FileReport
from tracuu.embedders import Embedder, make_embedder
from tracuu.settings import Settings

__all__ = ["IngestResult", "IngestError", "run_ingest", "build_pipeline"]


class IngestError(RuntimeError):
    """A step of the ingest failed; the previous index stays current."""


@dataclass
class IngestResult:
    generation: str
    reports: list[FileReport]
    summary: dict[str, Any]


@contextlib.contextmanager
def _quiet_third_parties():
    """Keep libraries' warnings (Haystack's "Failed to serialize" snapshots, numpy's empty-slice means) off
    the officer's screen: the per-file report says what matters. They still reach the debug log."""
    serialization = logging.getLogger("haystack.utils.base_serialization")
    level = serialization.level
    serialization.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            yield
    finally:
        serialization.setLevel(level)


def make_ocr(settings: Settings, progress: bool = False, on_page: Progress | None = None) -> OcrEngine:
    """The OCR engine the settings describe; with ``progress``, one line per page OCR'd on stderr;
    ``on_page(done, total)`` is called after each page (the admin job shows it)."""
    def show(done: int, total: int) -> None:
        if progress:
            print(f"\r  OCR trang {done}/{total}", end="\n" if done == total else "", file=sys.stderr, flush=True)
        if on_page is not None:
            on_page(done, total)
    return OcrEngine(dpi=settings.ocr_dpi, workers=settings.ocr_workers, cache_path=settings.ocr_cache_path,
                     min_confidence=settings.ocr_min_confidence, progress=show)


def build_pipeline(settings: Settings, embedder: Embedder, progress: bool = True,
                   on_page: Progress | None = None) -> Pipeline:
    index_dir = Path(settings.index_dir)
    p = Pipeline()
    ocr = make_ocr(settings, progress, on_page)
    p.add_component("convert", FileConverter(max_bytes=settings.max_upload_bytes, ocr=ocr))
    p.add_component("prepare", DocumentPreparer())
    p.add_component("split", StructureSplitter(max_chars=settings.max_chunk_chars))
    p.add_component("cite", CitationLinker())
    p.add_component("facts", FactExtractor())
    p.add_component("embed", CachedChunkEmbedder(embedder, settings.embedding_cache_path, progress=progress))
    p.add_component("write", IndexWriter(index_dir, embedder.name, embedder.dim, settings.max_chunk_chars))
    p.connect("convert.converted", "prepare.converted")
    p.connect("convert.hashes", "prepare.hashes")
    p.connect("convert.failures", "write.failures")
    p.connect("convert.warnings", "write.warnings")
    p.connect("prepare.notes", "write.notes")
    p.connect("prepare.documents", "split.documents")
    p.connect("prepare.documents", "cite.documents")
    p.connect("split.chunks", "cite.chunks")
    p.connect("cite.documents", "facts.documents")
    p.connect("cite.chunks", "facts.chunks")
    p.connect("cite.mentions", "facts.mentions")
    p.connect("cite.chunks", "embed.chunks")
    p.connect("cite.documents", "write.documents")
    p.connect("cite.chunks", "write.chunks")
    p.connect("cite.mentions", "write.mentions")
    p.connect("facts.facts", "write.facts")
    p.connect("embed.vectors", "write.vectors")
    p.connect("embed.token_lists", "write.token_lists")
    p.connect("embed.embedded", "write.embedded")
    p.connect("embed.cached", "write.cached")
    return p


def run_ingest(
    paths: list[Path], settings: Settings, *, embedder: Embedder | None = None, progress: bool = True,
    on_page: Progress | None = None,
) -> IngestResult:
    """Ingest ``paths`` (files or folders) into a new index generation under ``settings.index_dir``.

    One ingest at a time per index folder (a lock file); queries keep using the previous generation
    until the new one is complete.
    """
    index_dir = Path(settings.index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    found = discover(paths)
    embedder = embedder or make_embedder(settings.embedder)
    with open(index_dir / ".ingest.lock", "w") as lock, _quiet_third_parties():
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            out = build_pipeline(settings, embedder, progress, on_page).run(
                {
                    "convert": {"paths": [str(p) for p in found.files]},
                    "prepare": {"manifest": found.manifest},
                    "cite": {"manifest": found.manifest},
                }
            )
        except PipelineRuntimeError as e:
            cause = e.__cause__ or e
            raise IngestError(f"ingest failed, previous index kept: {cause}") from cause
    written = out["write"]
    return IngestResult(written["generation"], written["reports"], written["summary"])
