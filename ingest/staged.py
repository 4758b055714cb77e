"""A first ingest in two stages: small files first, published as soon as they are, then everything.

On a fresh machine the plans and letters officers ask about most are small and answerable within
seconds, while the laws and Bộ Pháp điển chapters take minutes to embed when their vectors are not cached.
With no index yet, stage 1 ingests the files of at most :data:`FIRST_STAGE_MAX_BYTES` and publishes a
generation; stage 2 ingests every file into the next one. With an index already, one stage does it.

>>> results = run_staged_ingest([Path("corpus")], Settings())  # doctest: +SKIP
>>> [r.summary["files"] for r in results]  # doctest: +SKIP
[1, 5]
"""

from __future__ import annotations

from pathlib import Path

from ingest.discover import discover
from ingest.pipeline import IngestResult, run_ingest
from tracuu.embedders import Embedder, make_embedder
from tracuu.index.stores import open_store
from tracuu.settings import Settings

__all__ = ["FIRST_STAGE_MAX_BYTES", "run_staged_ingest"]

# A plan of ~20 pages is ~60 KB of text; Luật 10/2022 is 176 KB, Bộ luật Lao động 255 KB.
FIRST_STAGE_MAX_BYTES = 100_000


def _small(path: Path) -> bool:
    return path.stat().st_size <= FIRST_STAGE_MAX_BYTES


def run_staged_ingest(
    paths: list[Path], settings: Settings, *, embedder: Embedder | None = None, progress: bool = True
) -> list[IngestResult]:
    """The results of the stages run, in order (the last one ``unchanged`` when nothing was to do)."""
    results: list[IngestResult] = []
    files = discover(paths, uploads=settings.uploads).files
    staged = open_store(settings).published_generation() is None and 0 < sum(map(_small, files)) < len(files)
    if staged:
        embedder = embedder or make_embedder(settings.embedder)
        results.append(run_ingest(paths, settings, embedder=embedder, progress=progress, select=_small, stage=(1, 2)))
    results.append(
        run_ingest(
            paths, settings, embedder=embedder, progress=progress, if_changed=True, stage=(2, 2) if staged else (1, 1)
        )
    )
    return results
