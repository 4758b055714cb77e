"""Query latency against a real ``tracuu serve`` process on loopback: start-up time, p50/p95/p99.

Requests are timed on the client (wall clock, connection kept alive), so the numbers include HTTP,
JSON and the thread hop, as a browser on the same machine would see them. The client shares the two
cores with the server; with 8 concurrent clients that is part of what is measured.

>>> with Server(Path("var/bench/synthetic-10000")) as server:  # doctest: +SKIP
...     stats = measure(server.base, "search", ["nghỉ hằng năm"], requests=50, concurrency=1)
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import httpx
import psutil

__all__ = ["LatencyStats", "Server", "measure", "percentile", "free_port"]

Endpoint = Literal["search", "ask"]


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0–100) of a non-empty list."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))  # ceil(n·q/100), at least 1
    return ordered[int(rank) - 1]


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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``python -m cli serve`` on a free loopback port; ``startup_s`` is spawn → healthy with an index."""

    def __init__(self, index_dir: Path, timeout: float = 600) -> None:
        self.index_dir = Path(index_dir)
        self.timeout = timeout
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.startup_s: float | None = None
        self._proc: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        env = {**os.environ, "TRACUU_INDEX_DIR": str(self.index_dir), "OMP_WAIT_POLICY": "PASSIVE"}
        t0 = time.perf_counter()
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "cli", "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        deadline = t0 + self.timeout
        while time.perf_counter() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(f"server exited with {self._proc.returncode}: {self._proc.stderr.read()[-2000:]}")
            try:
                if httpx.get(f"{self.base}/health", timeout=2).json().get("status") == "ok":
                    self.startup_s = time.perf_counter() - t0
                    return self
            except (httpx.HTTPError, ValueError):
                pass
            time.sleep(0.05)
        self.__exit__(None, None, None)
        raise TimeoutError(f"server on {self.base} not healthy after {self.timeout}s")

    def rss_bytes(self) -> int:
        return psutil.Process(self._proc.pid).memory_info().rss if self._proc else 0

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def __exit__(self, *exc: object) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()


def _one(client: httpx.Client, endpoint: Endpoint, query: str) -> tuple[float, bool]:
    t0 = time.perf_counter()
    if endpoint == "search":
        r = client.get("/api/search", params={"q": query, "top_k": 10})
    else:
        r = client.post("/api/ask", json={"question": query, "top_k": 5})
    return time.perf_counter() - t0, r.status_code == 200


def measure(base: str, endpoint: Endpoint, queries: list[str], requests: int, concurrency: int,
            warmup: int = 5) -> LatencyStats:
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
        endpoint=endpoint, concurrency=concurrency, requests=len(ms),
        p50_ms=round(percentile(ms, 50), 2), p95_ms=round(percentile(ms, 95), 2), p99_ms=round(percentile(ms, 99), 2),
        mean_ms=round(sum(ms) / len(ms), 2), throughput_rps=round(len(ms) / wall, 2), errors=errors,
    )
