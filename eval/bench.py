"""``tracuu bench``: ingest throughput and memory, synthetic indexes of 1k–100k chunks, start-up time and
/api/search + /api/ask latency against a real server, printed as tables and written as JSON.

>>> run_bench(BenchOptions(json_path="bench.json", sizes="1000,10000", skip_ingest=True))  # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import psutil

from eval.first_run import FirstRun, measure_first_run
from eval.ingest_speed import IngestSpeed, measure_ingest
from eval.latency import Endpoint, measure
from eval.report import format_table
from eval.synthetic import build_synthetic_index
from ingest.vector_seed import SEED_NAME
from service.local_server import LocalServer
from tracuu.index import IndexMismatch, IndexMissing, load_index
from tracuu.index.embedding_cache import merge_cache_files

__all__ = ["BenchOptions", "run_bench", "bench_queries"]

_ROOT = Path(__file__).resolve().parent.parent
_SHARED = _ROOT.parent / "shared"
_LAW_FILES = [_SHARED / "benchmarks" / "alqac2022" / "law.json", _SHARED / "benchmarks" / "alqac2024" / "law.json"]


def bench_queries() -> list[str]:
    """Real questions, each once: the dev gold set, then ALQAC 2022 and 2024 questions."""
    out: list[str] = []
    dev = _SHARED / "eval" / "dev-questions.jsonl"
    if dev.exists():
        out += [json.loads(line)["question"] for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    for name in ("alqac2022/questions.json", "alqac2024/train.json"):
        path = _SHARED / "benchmarks" / name
        if path.exists():
            out += [q["text"] for q in json.loads(path.read_text(encoding="utf-8"))]
    out = list(dict.fromkeys(out))
    if not out:
        raise FileNotFoundError(f"no benchmark questions under {_SHARED}")
    return out


def _ingest_runs(work: Path, cold: bool) -> list[IngestSpeed]:
    """corpus/ on a fresh machine (its shipped vectors only), again warm, and with --cold without the seed."""
    cache = work / "embedding-cache.sqlite"
    cache.unlink(missing_ok=True)
    runs = [measure_ingest([_ROOT / "corpus"], work / "ingest-corpus-seed", None, "corpus/", cache_label="seed")]
    merge_cache_files(work / "ingest-corpus-seed" / "embedding-cache.sqlite", cache)
    runs.append(measure_ingest([_ROOT / "corpus"], work / "ingest-corpus-warm", cache, "corpus/"))
    if cold:
        runs.append(measure_ingest([_without_seed(work)], work / "ingest-corpus-cold", None, "corpus/ without seed"))
    return runs


def _synthetic(work: Path, size: int) -> tuple[Path, float | None]:
    """The synthetic index of ``size`` chunks (built once); returns it and the build time if built now."""
    index_dir = work / f"synthetic-{size}"
    try:
        if load_index(index_dir).manifest.chunks == size:
            return index_dir, None
    except (IndexMissing, IndexMismatch):
        pass
    t0 = time.perf_counter()
    build_synthetic_index(index_dir, size, [p for p in _LAW_FILES if p.exists()])
    return index_dir, round(time.perf_counter() - t0, 1)


def _machine() -> dict[str, Any]:
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


@dataclass(frozen=True)
class BenchOptions:
    json_path: str | None = None  # also write the results here, as JSON
    sizes: str = "1000,10000,100000"  # synthetic index sizes, in chunks
    requests: int = 200  # requests per latency cell
    skip_ingest: bool = False
    cold: bool = False  # also ingest with an empty embedding cache and no shipped vectors
    work: str | None = None  # folder for bench indexes (default: var/bench)
    first_run_only: bool = False  # only time `tracuu serve --ingest` on a fresh machine


def _without_seed(work: Path) -> Path:
    """A copy of corpus/ without its shipped vectors: a machine that must embed everything."""
    copy = work / "corpus-without-seed"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(_ROOT / "corpus", copy, ignore=shutil.ignore_patterns(SEED_NAME, "uploads"))
    return copy


def _first_runs(work: Path, cold: bool) -> list[FirstRun]:
    runs = [measure_first_run(_ROOT / "corpus", work / "first-run")]
    if cold:
        runs.append(measure_first_run(_without_seed(work), work / "first-run-cold"))
    for r in runs:
        print(
            f"first run of {r.corpus}: serving {r.serving_s}s, plan answer {r.plan_answer_s}s, law answer "
            f"{r.law_answer_s}s, complete {r.complete_s}s ({r.chunks} chunks)",
            flush=True,
        )
    return runs


def run_bench(args: BenchOptions) -> int:
    work = Path(args.work) if args.work else _ROOT / "var" / "bench"
    work.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in str(args.sizes).split(",") if s.strip()]
    result: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": _machine(),
        "ingest": [],
        "indexes": [],
        "latency": [],
        "notes": [
            "synthetic indexes: real text and tokens, random unit vectors (not embedded)",
            "latency: client-side wall clock over loopback HTTP, client on the same 2 cores",
            "warm ingest: embedding cache copied in; cold: empty cache",
        ],
    }
    result["first_run"] = [asdict(r) for r in _first_runs(work, args.cold)]
    if args.first_run_only:
        _print_tables(result)
        return 0
    queries = bench_queries()
    if not args.skip_ingest:
        for run in _ingest_runs(work, args.cold):
            result["ingest"].append(asdict(run))
            print(f"ingest {run.corpus} ({run.cache}): {run.chunks} chunks in {run.seconds}s", flush=True)
    for size in sizes:
        index_dir, build_s = _synthetic(work, size)
        with LocalServer(index_dir, timeout=600) as server:
            row = {
                "chunks": size,
                "build_s": build_s,
                "startup_s": round(server.startup_s, 2),
                "rss_after_start_mb": round(server.rss_bytes() / 2**20, 1),
            }
            cells: list[tuple[Endpoint, int]] = [(e, c) for e in ("search", "ask") for c in (1, 8)]
            for i, (endpoint, concurrency) in enumerate(cells):
                # Each cell gets its own questions: no answer can come from an earlier cell's warm caches.
                share = queries[i * len(queries) // len(cells) : (i + 1) * len(queries) // len(cells)]
                stats = measure(server.base, endpoint, share, args.requests, concurrency)
                result["latency"].append({"chunks": size, **asdict(stats)})
                print(
                    f"{size:>7} chunks {endpoint:<6} ×{concurrency}: p50 {stats.p50_ms} ms, p95 {stats.p95_ms} ms",
                    flush=True,
                )
            row["rss_after_queries_mb"] = round(server.rss_bytes() / 2**20, 1)
        result["indexes"].append(row)
    _print_tables(result)
    if args.json_path:
        Path(args.json_path).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def _print_tables(result: dict[str, Any]) -> None:
    m = result["machine"]
    print(f"\n{result['date']} — {m['cores']} cores, {m['memory_gib']} GiB, Python {m['python']}")
    print("\nFirst run (tracuu serve --ingest, empty index and cache; seconds from spawn)")
    print(
        format_table(
            ["corpus", "serving", "plan answered", "law answered", "complete", "chunks"],
            [
                [r["corpus"], r["serving_s"], r["plan_answer_s"], r["law_answer_s"], r["complete_s"], r["chunks"]]
                for r in result["first_run"]
            ],
        )
    )
    if not result["indexes"]:
        return
    if result["ingest"]:
        print("\nIngest")
        print(
            format_table(
                ["corpus", "cache", "chunks", "embedded", "seconds", "chunks/s", "peak RSS MB"],
                [
                    [
                        r["corpus"],
                        r["cache"],
                        r["chunks"],
                        r["embedded"],
                        r["seconds"],
                        r["chunks_per_s"],
                        r["peak_rss_mb"],
                    ]
                    for r in result["ingest"]
                ],
            )
        )
    print("\nService (synthetic indexes: random vectors)")
    print(
        format_table(
            ["chunks", "build s", "start-up s", "RSS MB (start)", "RSS MB (after)"],
            [
                [r["chunks"], r["build_s"], r["startup_s"], r["rss_after_start_mb"], r["rss_after_queries_mb"]]
                for r in result["indexes"]
            ],
        )
    )
    print("\nLatency (ms)")
    print(
        format_table(
            ["chunks", "endpoint", "clients", "p50", "p95", "p99", "req/s", "errors"],
            [
                [
                    r["chunks"],
                    r["endpoint"],
                    r["concurrency"],
                    r["p50_ms"],
                    r["p95_ms"],
                    r["p99_ms"],
                    r["throughput_rps"],
                    r["errors"],
                ]
                for r in result["latency"]
            ],
        )
    )
