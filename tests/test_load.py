"""A bounded load test on a real uvicorn (``tracuu serve`` on loopback) while the admin API re-indexes.

8 client threads send searches, questions and document reads for ~25 s; a few seconds in, the corpus
changes (a document gains lines, so every offset in it moves; a new document arrives) and a re-ingest
is triggered. Required: no 5xx, no failed request, every response consistent with the one index
generation its ``X-Index-Generation`` header names (each passage equals that generation's document
text at its offsets), and after the new engine is in, only the new generation.
"""

from __future__ import annotations

import json
import random
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from eval.latency import percentile
from service.local_server import LocalServer

from conftest import FIXTURE_CORPUS

pytestmark = pytest.mark.load

THREADS = 8
DURATION = 25.0  # seconds of load; extended (to at most MAX_DURATION) until the re-index is done
MAX_DURATION = 60.0
REINDEX_AT = 3.0
KEY = "load-test-Adm1n-k3y-5d2b19ae-P3kM8v"
QUERIES = [
    "đối thoại định kỳ tại nơi làm việc",
    "nghị định 145/2020/NĐ-CP",
    "người sử dụng lao động",
    "công đoàn cơ sở",
    "thỏa ước lao động tập thể",
    "nội quy lao động",
    "phạm vi điều chỉnh",
    "doi thoai dinh ky",
    "hội nghị người lao động",
    "Quy Nhơn nghỉ mát",
]
QUESTIONS = [
    "Đối thoại định kỳ tại nơi làm việc được tổ chức bao lâu một lần?",
    "Tổ chức đại diện người lao động tại cơ sở là gì?",
    "Đoàn nghỉ mát số 3 khởi hành ngày nào?",
]
NEW_DOC = (
    "Số: 8/TB-CĐ\nTHÔNG BÁO\nLịch nghỉ mát\nI. NỘI DUNG\n"
    + "\n".join(
        f"{i}. Đoàn nghỉ mát số {i} của công đoàn cơ sở khởi hành đi Quy Nhơn vào ngày {i:02d}/07/2025, "
        f"tập trung tại nhà văn hóa lúc {6 + i % 3} giờ sáng."
        for i in range(1, 41)
    )
    + "\n"
)


@dataclass
class Sample:
    client: int
    started: float
    seconds: float
    kind: str
    status: int
    generation: str | None = None
    body: dict | None = None
    error: str | None = None


@dataclass
class Run:
    samples: list[Sample] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)


def _client_loop(base: str, doc_ids: list[str], stop: threading.Event, run: Run, seed: int) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=60) as http:
        while not stop.is_set():
            roll = rng.random()
            if roll < 0.5:
                kind, call = (
                    "search",
                    lambda: http.get("/api/search", params={"q": rng.choice(QUERIES), "top_k": rng.randint(1, 10)}),
                )
            elif roll < 0.75:
                kind, call = "ask", lambda: http.post("/api/ask", json={"question": rng.choice(QUESTIONS)})
            elif roll < 0.95:
                kind, call = "document", lambda: http.get(f"/api/documents/{rng.choice(doc_ids)}")
            else:
                kind, call = "health", lambda: http.get("/health")
            started = time.monotonic()
            try:
                r = call()
            except httpx.HTTPError as e:
                run.add(Sample(seed, started, time.monotonic() - started, kind, 0, error=f"{type(e).__name__}: {e}"))
                continue
            body = r.json() if r.headers.get("content-type", "").startswith("application/json") else None
            run.add(
                Sample(
                    seed,
                    started,
                    time.monotonic() - started,
                    kind,
                    r.status_code,
                    r.headers.get("x-index-generation"),
                    body,
                )
            )


def _documents(index_dir: Path, generation: str) -> dict[str, str]:
    path = index_dir / "generations" / generation / "documents.jsonl"
    with path.open(encoding="utf-8") as f:
        return {row["doc_id"]: row["text"] for row in map(json.loads, f)}


def _inconsistency(sample: Sample, texts: dict[str, dict[str, str]]) -> str | None:
    """Why the response does not come from exactly the generation it names, or None."""
    body = sample.body or {}
    if sample.kind == "health":
        return None if body.get("generation") in texts else f"health names {body.get('generation')}"
    if sample.generation not in texts:
        return f"unknown generation {sample.generation!r}"
    docs = texts[sample.generation]
    if sample.kind == "document":
        return None if docs.get(body["doc_id"]) == body["text"] else f"document {body['doc_id']} text differs"
    sources = body.get("results") or [
        *body.get("sources", []),
        *([body["answer_source"]] if body.get("answer_source") else []),
    ]
    for s in sources:
        if docs.get(s["doc_id"], "\0")[s["start"] : s["end"]] != s["text"]:
            return f"passage {s['doc_id']}[{s['start']}:{s['end']}] is not in generation {sample.generation}"
    return None


@pytest.fixture
def served(tmp_path, embedder):
    """A corpus, its index, and `tracuu serve` on it with admin routes enabled."""
    from ingest.pipeline import run_ingest
    from tracuu.settings import Settings

    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, corpus)
    index_dir = tmp_path / "index"
    first = run_ingest([corpus], Settings(index_dir=index_dir, corpus=[corpus]), embedder=embedder, progress=False)
    env = {"TRACUU_CORPUS": json.dumps([str(corpus)]), "TRACUU_ADMIN_KEY": KEY}
    with LocalServer(index_dir, env=env, timeout=90, stop_timeout=30) as server:
        yield server.base, corpus, index_dir, first.generation


def test_load_during_reindex(served, capsys):
    base, corpus, index_dir, old_generation = served
    doc_ids = sorted(_documents(index_dir, old_generation))
    run, stop = Run(), threading.Event()
    threads = [
        threading.Thread(target=_client_loop, args=(base, doc_ids, stop, run, seed), daemon=True)
        for seed in range(THREADS)
    ]
    t0 = time.monotonic()
    for t in threads:
        t.start()

    time.sleep(REINDEX_AT)
    law = corpus / "luat-mau-an-toan-lao-dong.txt"
    law.write_text(
        "(Bản cập nhật: thêm dòng này ở đầu, mọi vị trí trong văn bản dịch đi.)\n" + law.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    (corpus / "thong-bao-nghi-mat.txt").write_text(NEW_DOC, encoding="utf-8")
    auth = {"Authorization": f"Bearer {KEY}"}
    job_id = httpx.post(f"{base}/api/admin/reindex", headers=auth, timeout=30).json()["id"]
    build_started = time.monotonic()
    while (job := httpx.get(f"{base}/api/admin/jobs/{job_id}", headers=auth, timeout=30).json())["status"] in (
        "queued",
        "running",
    ):
        assert time.monotonic() - t0 < MAX_DURATION, "re-index did not finish within the load test's budget"
        time.sleep(0.2)
    swapped = time.monotonic()  # the engine swap happens before the job reads "succeeded"
    time.sleep(max(DURATION - (swapped - t0), 2.0))  # load on the new engine too, at least briefly
    stop.set()
    for t in threads:
        t.join(timeout=90)
    elapsed = time.monotonic() - t0

    assert job["status"] == "succeeded", job["error"]
    new_generation = job["generation"]
    texts = {g: _documents(index_dir, g) for g in (old_generation, new_generation)}
    samples = run.samples
    latencies = sorted(s.seconds for s in samples)
    errors = [s for s in samples if s.status != 200]
    during = [s for s in samples if build_started <= s.started < swapped]
    after = [s for s in samples if s.started > swapped and s.kind != "health"]
    stats = {
        "requests": len(samples),
        "seconds": round(elapsed, 1),
        "rps": round(len(samples) / elapsed, 1),
        "p50_ms": round(1000 * percentile(latencies, 50), 1),
        "p95_ms": round(1000 * percentile(latencies, 95), 1),
        "max_ms": round(1000 * latencies[-1], 1),
        "errors": len(errors),
        "5xx": sum(s.status >= 500 for s in samples),
        "during_build": len(during),
        "build_seconds": round(swapped - build_started, 1),
        "by_generation": {g[-13:]: sum(s.generation == g for s in samples) for g in texts},
    }
    with capsys.disabled():
        print(f"\nload test: {json.dumps(stats)}")

    assert samples and not errors, [(s.kind, s.status, s.error, s.body) for s in errors[:5]]
    bad = [(s.kind, why) for s in samples if (why := _inconsistency(s, texts))]
    assert not bad, bad[:5]
    assert all(s.generation for s in samples if s.kind != "health")
    assert [s for s in during if s.generation == old_generation], "the old index did not answer during the build"
    assert after and {s.generation for s in after} == {new_generation}
    for client in range(THREADS):  # each client sees the old generation, then the new one, never back
        seen = [s.generation for s in sorted(samples, key=lambda s: s.started) if s.client == client and s.generation]
        assert seen == sorted(seen, key=[old_generation, new_generation].index), f"client {client} went back"
