"""A large adversarial upload to a real server (uvicorn on loopback, admin key set) while /health is polled
(issue 11): every poll is answered while the upload is checked and the re-ingest runs, and the
conversion and the ingest ran in other processes than the server's."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
import pytest

from service.local_server import LocalServer

from samples import heavy_pdf

KEY = "Kx7-live-admin-key-for-loopback-9d3f2a"
POLL_TIMEOUT = 20.0  # generous: this is about answering at all, not about speed


def _poll(base: str, stop: threading.Event, results: list) -> None:
    with httpx.Client(timeout=POLL_TIMEOUT) as client:
        while not stop.is_set():
            t0 = time.monotonic()
            try:
                status = client.get(f"{base}/health").status_code
            except httpx.HTTPError as e:
                status = repr(e)
            results.append((status, time.monotonic() - t0))
            time.sleep(0.1)


@pytest.mark.slow
def test_health_answers_during_an_adversarial_upload_and_its_ingest(tmp_path, embedder):
    from ingest.pipeline import run_ingest
    from tracuu.settings import Settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ke-hoach.txt").write_text(
        "Số: 9/KH-LĐLĐ\nKẾ HOẠCH\nThử tải\nI. NỘI DUNG\n1. Tập huấn.\n", encoding="utf-8"
    )
    env = {"TRACUU_CORPUS": f'["{corpus}"]', "TRACUU_ADMIN_KEY": KEY}
    run_ingest([corpus], Settings(index_dir=tmp_path / "index", corpus=[corpus]), embedder=embedder, progress=False)
    server = LocalServer(tmp_path / "index", env=env, stop_timeout=30)
    stop, polls = threading.Event(), []
    with server:
        base = server.base
        poller = threading.Thread(target=_poll, args=(base, stop, polls), daemon=True)
        poller.start()
        # A PDF that costs seconds of CPU to extract, and a line of the markdown cleaner's old worst case (kept
        # to 6 KB: each 1,500 characters of "*a *a" cost the embedder ~2 s; the cleaner's own growth is
        # pinned in test_linear_patterns).
        files = [
            ("files", ("nang.pdf", heavy_pdf(100_000, b"1 0 0 1 0 0 Tm "), "application/pdf")),
            ("files", ("sao.txt", ("THÔNG BÁO\nVề tập huấn\n" + "*a " * 2_000).encode(), "text/plain")),
        ]
        auth = {"Authorization": f"Bearer {KEY}"}
        with httpx.Client(base_url=base, timeout=300, headers=auth) as admin:
            r = admin.post("/api/admin/documents", files=files)
            assert r.status_code == 202, r.text
            job_id = r.json()["job"]["id"]
            deadline = time.monotonic() + 600
            while (job := admin.get(f"/api/admin/jobs/{job_id}").json())["status"] not in ("succeeded", "failed"):
                assert time.monotonic() < deadline, job
                time.sleep(0.5)
        stop.set()
        poller.join(POLL_TIMEOUT + 5)

    assert job["status"] == "succeeded", job.get("error")
    indexed = {Path(f["path"]).name for f in job["files"] if f["status"] == "indexed"}
    assert {"nang.pdf", "sao.txt"} <= indexed
    assert len(polls) >= 10 and all(status == 200 for status, _ in polls), polls
    summary = job["summary"]
    print(
        f"server pid {server.pid}, ingest pid {summary['ingest_pid']}, conversion pids {summary['conversion_pids']}, "
        f"{len(polls)} polls, slowest {max(t for _, t in polls):.2f} s"
    )
    assert summary["ingest_pid"] != server.pid
    assert summary["conversion_pids"] and server.pid not in summary["conversion_pids"]
    assert summary["ingest_pid"] not in summary["conversion_pids"]
