"""Query latency against a real ``tracuu serve`` process on loopback: start-up time, p50/p95/p99.

Requests are timed on the client (wall clock, connection kept alive), so the numbers include HTTP,
JSON and the thread hop, as a browser on the same machine would see them. The client shares the two
cores with the server; with 8 concurrent clients that is part of what is measured.

>>> with LocalServer(Path("var/bench/synthetic-10000")) as server:  # doctest: +SKIP
...     stats = measure(server.base, "search", ["nghỉ hằng năm"], requests=50, concurrency=1)
"""

from __future__ import annotations

import statistics
import threading
import time
from dataclasses import dataclass
from typing import Literal

import httpx

__all__ = ["LatencyStats", "measure", "percentile"]

Endpoint = Literal["search", "ask"]


def percentile(values: list[float], q: int) -> float:
    """The ``q``-th percentile (1–99) of a non-empty list, interpolated between the measured values
    (``statistics.quantiles``, inclusive: the fastest and slowest requests are the 0th and 100th).

    >>> percentile([10.0, 20.0, 30.0, 40.0], 50), percentile([10.0, 20.0, 30.0, 40.0], 95), percentile([7.0], 99)
    (25.0, 38.5, 7.0)
    """
    if not values:
        raise ValueError("percentile of no values")
    if not 1 <= q <= 99:
        raise ValueError(f"q must be a whole percent from 1 to 99, got {q}")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


@dataclass(frozen=True)
class LatencyStats:
    endpoint: str
    concurrency: int
    requests: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    throughput_rps: float
    errors: int


def _one(client: httpx.Client, endpoint: Endpoint, query: str) -> tuple[float, bool]:
    t0 = time.perf_counter()
    if endpoint == "search":
        r = client.get("/api/search", params={"q": query, "top_k": 10})
    else:
        r = client.post("/api/ask", json={"question": query, "top_k": 5})
    return time.perf_counter() - t0, r.status_code == 200


def measure(
    base: str, endpoint: Endpoint, queries: list[str], requests: int, concurrency: int, warmup: int = 5
) -> LatencyStats:
    """``requests`` requests spread over ``concurrency`` clients, each cycling through ``queries``."""
    if concurrency < 1 or requests < concurrency:
        raise ValueError(f"need concurrency ≥ 1 and requests ≥ concurrency, got {concurrency}, {requests}")
    with httpx.Client(base_url=base, timeout=120) as c:
        for q in queries[:warmup]:
            _one(c, endpoint, q)
    timings: list[float] = []
    errors = 0
    lock = threading.Lock()

    def worker(w: int) -> None:
        nonlocal errors
        mine = range(w, requests, concurrency)
        with httpx.Client(base_url=base, timeout=120) as client:
            for i in mine:
                dt, ok = _one(client, endpoint, queries[(i + warmup) % len(queries)])
                with lock:
                    timings.append(dt)
                    errors += not ok

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(w,)) for w in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    ms = [t * 1000 for t in timings]
    return LatencyStats(
        endpoint=endpoint,
        concurrency=concurrency,
        requests=len(ms),
        p50_ms=round(percentile(ms, 50), 2),
        p95_ms=round(percentile(ms, 95), 2),
        p99_ms=round(percentile(ms, 99), 2),
        mean_ms=round(sum(ms) / len(ms), 2),
        throughput_rps=round(len(ms) / wall, 2),
        errors=errors,
    )
