"""Ingest throughput and peak memory, measured in a child process so its peak RSS is the ingest's own.

Warm runs copy a prepared embedding cache into a fresh index folder (nothing is embedded when the
cache holds every chunk); cold runs start from an empty cache and embed every chunk. The result
says how many chunks were embedded and how many came from the cache, so the two are never confused.

>>> measure_ingest([Path("corpus")], Path("var/bench/ingest-corpus"), cache=None)  # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["IngestSpeed", "measure_ingest", "main"]


@dataclass(frozen=True)
class IngestSpeed:
    corpus: str
    cache: str  # "cold" (empty cache), "seed" (empty cache, the corpus's shipped vectors), "warm" (cache copied in)
    files: int
    chunks: int
    embedded: int
    cached: int
    seconds: float
    chunks_per_s: float
    peak_rss_mb: float


def measure_ingest(
    paths: list[Path], index_dir: Path, cache: Path | None, label: str = "", cache_label: str | None = None
) -> IngestSpeed:
    """Ingest ``paths`` into a fresh ``index_dir``; ``cache`` None means an empty cache ("cold", or "seed"
    when the corpus folder ships its vectors)."""
    index_dir = Path(index_dir)
    shutil.rmtree(index_dir, ignore_errors=True)
    index_dir.mkdir(parents=True)
    if cache is not None and Path(cache).exists():
        shutil.copyfile(cache, index_dir / "embedding-cache.sqlite")
    cmd = [sys.executable, "-m", "eval.ingest_speed", "--index", str(index_dir), *map(str, paths)]
    env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE"}
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"ingest of {paths} failed: {out.stderr[-2000:]}")
    row = json.loads(out.stdout.strip().splitlines()[-1])
    return IngestSpeed(
        corpus=label or " + ".join(str(p) for p in paths),
        cache=cache_label or ("warm" if cache is not None else "cold"),
        **row,
    )


def main(argv: list[str] | None = None) -> int:
    """Child process: ingest, then print one JSON line with counts, time and peak RSS."""
    p = argparse.ArgumentParser(prog="python -m eval.ingest_speed")
    p.add_argument("--index", required=True)
    p.add_argument("paths", nargs="+")
    args = p.parse_args(argv)
    from ingest.pipeline import run_ingest
    from tracuu.embedders import make_embedder
    from tracuu.settings import Settings

    settings = Settings(index_dir=Path(args.index), corpus=[Path(x) for x in args.paths])
    embedder = make_embedder(settings.embedder)  # model load is start-up cost, not ingest throughput
    t0 = time.perf_counter()
    result = run_ingest(list(settings.corpus), settings, embedder=embedder, progress=False)
    seconds = time.perf_counter() - t0
    s = result.summary
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # Linux: kilobytes
    print(
        json.dumps(
            {
                "files": s["files"],
                "chunks": s["chunks"],
                "embedded": s["embedded"],
                "cached": s["embedding_cache_hits"],
                "seconds": round(seconds, 2),
                "chunks_per_s": round(s["chunks"] / seconds, 2) if seconds else 0.0,
                "peak_rss_mb": round(peak_kb / 1024, 1),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
