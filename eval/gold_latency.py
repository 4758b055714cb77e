"""/api/ask latency on a real index: every gold question asked once to ``tracuu serve`` on loopback.

Each question is asked once (after three warm-up questions that are not in the list), so no question
vector is served from the cache: this is what an officer's first question costs. With ``--cached`` every
question is asked once untimed and then timed: its vector comes from the cache, so the time is what the
service adds to the embedder (search, answer, HTTP), which the embedder's own variation hides otherwise.

    python -m eval.gold_latency --index /work/idx/full [--gold FILE …] [--endpoint ask|search] [--cached]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import httpx

from eval.gold_questions import DEFAULT_GOLD_FILES, load_gold
from eval.latency import Endpoint, _one, percentile
from service.local_server import LocalServer

_WARMUP = ["thời giờ nghỉ ngơi", "công đoàn cơ sở", "kế hoạch dân vận"]


def run(index: Path, gold: list[Path], endpoint: Endpoint = "ask", cached: bool = False) -> dict:
    questions = [q.question for q in load_gold(gold)]
    with LocalServer(index) as server, httpx.Client(base_url=server.base, timeout=120) as client:
        for q in _WARMUP + (questions if cached else []):
            _one(client, endpoint, q)
        timings = []
        for q in questions:
            elapsed, ok = _one(client, endpoint, q)
            if not ok:
                raise RuntimeError(f"/api/{endpoint} failed for {q!r}")
            timings.append(elapsed * 1000)
    return {
        "endpoint": endpoint,
        "cached": cached,
        "n": len(timings),
        "p50_ms": round(percentile(timings, 50), 1),
        "p95_ms": round(percentile(timings, 95), 1),
        "max_ms": round(max(timings), 1),
    }


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--index", type=Path, required=True)
    p.add_argument("--gold", type=Path, nargs="*", default=DEFAULT_GOLD_FILES)
    p.add_argument("--endpoint", choices=["ask", "search"], default="ask")
    p.add_argument("--cached", action="store_true", help="time a second ask of each question (its vector cached)")
    args = p.parse_args(argv)
    print(json.dumps(run(args.index, args.gold, args.endpoint, args.cached)))


if __name__ == "__main__":
    main()
