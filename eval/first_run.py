"""What an officer sees on a fresh machine: ``tracuu serve --ingest`` with no index, timed until a plan
question and then a law question are answered from the bundled corpus.

The server is a real process on a loopback port with an empty index folder and an empty embedding cache;
the only vectors it has are the ones shipped in ``corpus/embedding-seed.sqlite`` (pass a copy of the corpus
without that file to time a machine that must embed everything).

>>> measure_first_run(Path("corpus"), Path("var/bench/first-run"))  # doctest: +SKIP
FirstRun(serving_s=2.1, plan_answer_s=6.0, law_answer_s=19.8, ...)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from service.local_server import free_port

__all__ = ["FirstRun", "measure_first_run", "PLAN_QUESTION", "LAW_QUESTION"]

PLAN_QUESTION = ("Hạn gửi hồ sơ chấm điểm về Sở Nội vụ là ngày nào?", "01/11/2023")
LAW_QUESTION = ("Người lao động được nghỉ Tết Âm lịch mấy ngày?", "45/2019/QH14")


@dataclass(frozen=True)
class FirstRun:
    corpus: str
    serving_s: float  # spawn → /health answers
    plan_answer_s: float  # spawn → the plan question answered with its date
    law_answer_s: float  # spawn → the law question answered from Bộ luật Lao động
    complete_s: float  # spawn → the background ingest finished
    documents: int
    chunks: int


def _asked(client: httpx.Client, question: str, expect: str) -> bool:
    r = client.post("/api/ask", json={"question": question})
    if r.status_code != 200:
        return False
    body = r.json()
    cited = [body.get("answer_source") or {}, *body.get("sources", [])[:1]]
    return expect in body["answer"] or any(s.get("number") == expect for s in cited)


def measure_first_run(corpus: Path, work: Path, timeout: float = 3600) -> FirstRun:
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    port = free_port()
    env = {
        **os.environ,
        "TRACUU_INDEX_DIR": str(work / "index"),
        "TRACUU_CORPUS": f'["{Path(corpus).resolve()}"]',
        "TRACUU_EMBEDDING_CACHE": str(work / "cache.sqlite"),
        "TRACUU_UPLOAD_DIR": str(work / "uploads"),
        "OMP_WAIT_POLICY": "PASSIVE",
    }
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "cli", "serve", "--ingest", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    marks: dict[str, float] = {}
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            while time.perf_counter() - t0 < timeout and len(marks) < 4:
                if proc.poll() is not None:
                    raise RuntimeError(f"tracuu serve exited with {proc.returncode}")
                try:
                    health = client.get("/health").json()
                except httpx.HTTPError:
                    time.sleep(0.1)
                    continue
                now = time.perf_counter() - t0
                marks.setdefault("serving", now)
                if "plan" not in marks and _asked(client, *PLAN_QUESTION):
                    marks["plan"] = time.perf_counter() - t0
                if "law" not in marks and _asked(client, *LAW_QUESTION):
                    marks["law"] = time.perf_counter() - t0
                if health["status"] == "ok" and health["ingest"] is None and "law" in marks:
                    marks["complete"] = now
                    final = health
                time.sleep(0.25)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    if len(marks) < 4:
        raise TimeoutError(f"first run not complete after {timeout}s: {marks}")
    return FirstRun(
        str(corpus),
        round(marks["serving"], 1),
        round(marks["plan"], 1),
        round(marks["law"], 1),
        round(marks["complete"], 1),
        final["documents"],
        final["chunks"],
    )
