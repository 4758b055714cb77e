"""The ingest pipeline: files → converted → normalised documents → chunks → citations → facts → vectors → index.

>>> from tracuu.settings import Settings
>>> result = run_ingest([Path("corpus")], Settings())  # doctest: +SKIP
>>> result.summary["chunks"] > 0  # doctest: +SKIP
True
"""

from __future__ import annotations

import contextlib
import logging
import sys
import warnings
from collections.abc import Callable
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
from ingest.freshness import file_delta
from ingest.ocr.options import OcrOptions, Progress
from ingest.report import FileReport
from ingest.sandbox import SandboxLimits
from ingest.vector_seed import apply_seeds, find_seeds
from tracuu.embedders import Embedder, make_embedder
from tracuu.index.progress import ProgressFile
from tracuu.index.stores import open_store
from tracuu.settings import Settings

__all__ = ["IngestResult", "IngestError", "run_ingest", "build_pipeline"]


class IngestError(RuntimeError):
    """A step of the ingest failed; the previous index stays current."""


@dataclass
class IngestResult:
    generation: str
    reports: list[FileReport]
    summary: dict[str, Any]
    unchanged: bool = False  # ``if_changed`` and the index already held exactly these files: nothing written


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


def _ocr_progress(progress: bool, on_page: Progress | None) -> Progress:
    """One line per page OCR'd on stderr (with ``progress``), and ``on_page(done, total)`` for the caller."""

    def show(done: int, total: int) -> None:
        if progress:
            print(f"\r  OCR trang {done}/{total}", end="\n" if done == total else "", file=sys.stderr, flush=True)
        if on_page is not None:
            on_page(done, total)

    return show


def build_pipeline(
    settings: Settings,
    embedder: Embedder,
    progress: bool = True,
    on_embedded: Callable[[int, int], None] | None = None,
    on_page: Progress | None = None,
) -> Pipeline:
    p = Pipeline()
    # Scans are OCR'd inside each file's conversion child, under the same limits as any conversion.
    p.add_component(
        "convert",
        FileConverter(
            max_bytes=settings.max_upload_bytes,
            limits=SandboxLimits.of(settings),
            ocr=OcrOptions.of(settings),
            on_page=_ocr_progress(progress, on_page),
        ),
    )
    p.add_component("prepare", DocumentPreparer())
    p.add_component("split", StructureSplitter(max_chars=settings.max_chunk_chars))
    p.add_component("cite", CitationLinker())
    p.add_component("facts", FactExtractor())
    p.add_component(
        "embed",
        CachedChunkEmbedder(embedder, settings.embedding_cache_path, progress=progress, on_embedded=on_embedded),
    )
    p.add_component("write", IndexWriter(open_store(settings), embedder.name, embedder.dim, settings.max_chunk_chars))
    p.connect("convert.converted", "prepare.converted")
    p.connect("convert.hashes", "prepare.hashes")
    p.connect("convert.failures", "write.failures")
    p.connect("convert.warnings", "write.warnings")
    p.connect("convert.converted_by", "write.converted_by")
    p.connect("prepare.notes", "write.notes")
    p.connect("prepare.documents", "split.documents")
    p.connect("prepare.documents", "cite.documents")
    p.connect("split.chunks", "cite.chunks")
    p.connect("cite.documents", "facts.documents")
    p.connect("cite.chunks", "facts.chunks")
    p.connect("cite.mentions", "facts.mentions")
    p.connect("cite.chunks", "embed.chunks")
    p.connect("cite.documents", "embed.documents")
    p.connect("cite.documents", "write.documents")
    p.connect("cite.chunks", "write.chunks")
    p.connect("cite.mentions", "write.mentions")
    p.connect("facts.facts", "write.facts")
    p.connect("embed.vectors", "write.vectors")
    p.connect("embed.token_lists", "write.token_lists")
    p.connect("embed.embedded", "write.embedded")
    p.connect("embed.cached", "write.cached")
    p.connect("embed.shared", "write.shared")
    return p


def run_ingest(
    paths: list[Path],
    settings: Settings,
    *,
    embedder: Embedder | None = None,
    progress: bool = True,
    if_changed: bool = False,
    select: Callable[[Path], bool] | None = None,
    stage: tuple[int, int] = (1, 1),
    on_page: Progress | None = None,
) -> IngestResult:
    """Ingest ``paths`` (files or folders) into a new index generation under ``settings.index_dir``.

    One ingest at a time per index folder (a lock file); queries keep using the previous generation
    until the new one is complete. The folders are listed, and with ``if_changed`` compared with the
    current generation, only once the lock is held: an ingest that waited never publishes an older
    listing over the one that ran before it. ``select`` keeps only some of the listed files (a staged
    ingest's first stage); ``stage`` is (this stage, stages) for the progress file other processes read.
    """
    index_dir = Path(settings.index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    store = open_store(settings)
    with store.ingest_lock(), _quiet_third_parties():  # a lock file, or an advisory lock in the database
        found = discover(paths, uploads=settings.uploads)
        files = [f for f in found.files if select is None or select(f)]
        delta = file_delta(files, settings)
        if if_changed and delta.current:
            return IngestResult(store.published_generation() or "", [], {}, unchanged=True)
        apply_seeds(find_seeds(paths), settings.embedding_cache_path)  # vectors shipped with a corpus folder
        tracker = ProgressFile(store.progress_board(), stage=stage[0], stages=stage[1])
        tracker.update(state="converting", files=len(files), adding=[f.name for f in delta.changed])
        embedder = embedder or make_embedder(settings.embedder)

        def on_embedded(done: int, total: int) -> None:
            tracker.update(state="embedding" if done < total else "writing", chunks_done=done, chunks_total=total)

        def on_ocr_page(done: int, total: int) -> None:
            tracker.update(ocr_pages_done=done, ocr_pages_total=total)
            if on_page is not None:
                on_page(done, total)

        try:
            out = build_pipeline(settings, embedder, progress, on_embedded, on_ocr_page).run(
                {
                    "convert": {"paths": [str(p) for p in files]},
                    "prepare": {"manifest": found.manifest},
                    "cite": {"manifest": found.manifest},
                }
            )
        except PipelineRuntimeError as e:
            cause = e.__cause__ or e
            tracker.update(state="failed", message=str(cause))
            raise IngestError(f"ingest failed, previous index kept: {cause}") from cause
        except BaseException as e:
            tracker.update(state="failed", message=f"{type(e).__name__}: {e}")
            raise
        tracker.update(state="done")
    written = out["write"]
    return IngestResult(written["generation"], written["reports"], written["summary"])
