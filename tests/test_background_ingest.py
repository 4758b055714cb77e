"""`tracuu serve --ingest` on a fresh index: the server answers at once, the corpus comes in behind it in a
child process (small files first), and the server swaps to every generation another process publishes —
the background ingest, then a CLI ingest run beside it — without a restart, uploads included."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from service.local_server import free_port

from conftest import BUNDLED_CORPUS

LAW = "directives/bo-luat-45-2019-QH14-lao-dong.txt"
UPLOAD = (
    "Số: 12/TB-CĐCS\nTHÔNG BÁO\nLịch tập huấn\nI. NỘI DUNG\n1. Lớp tập huấn kỹ năng thương lượng tập thể "
    "cho cán bộ công đoàn cơ sở khai giảng tại Hòa Thành ngày 15/3/2024.\n"
)
LATER = (
    "Số: 13/TB-CĐCS\nTHÔNG BÁO\nLịch hội thao\nI. NỘI DUNG\n1. Hội thao công nhân lao động khu chế xuất "
    "Trảng Bàng tổ chức ngày 20/4/2024 tại sân vận động huyện.\n"
)


def _corpus(root: Path) -> Path:
    """The plan and Bộ luật Lao động with the bundled manifest and vector seed: stage 1 is the plan."""
    corpus = root / "corpus"
    for rel in ("manifest.toml", "embedding-seed.sqlite", "plans/439-KH-LDLD-2023.txt", LAW):
        (corpus / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(BUNDLED_CORPUS / rel, corpus / rel)
    return corpus


def _poll(base: str, until, timeout: float, seen: list[dict]) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            body = httpx.get(f"{base}/health", timeout=10).json()
            seen.append(body)
            if until(body):
                return body
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"not reached in {timeout}s; last /health: {seen[-1:]}")


@pytest.mark.slow
def test_serve_answers_first_and_follows_published_generations(tmp_path):
    corpus = _corpus(tmp_path)
    uploads = tmp_path / "uploads"  # outside the corpus folder: still part of what is ingested
    uploads.mkdir()
    (uploads / "README.txt").write_text(UPLOAD, encoding="utf-8")
    index = tmp_path / "index"
    env = {
        **os.environ,
        "TRACUU_CORPUS": f'["{corpus}"]',
        "TRACUU_UPLOAD_DIR": str(uploads),
        "TRACUU_INDEX_DIR": str(index),
        "TRACUU_EMBEDDING_CACHE": str(tmp_path / "cache.sqlite"),
        "TRACUU_WATCH_INTERVAL": "0.5",
    }
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "cli", "serve", "--ingest", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        seen: list[dict] = []
        first = _poll(base, lambda b: True, 60, seen)
        assert first["status"] == "no_index"  # up before anything is indexed
        staged = _poll(base, lambda b: b["status"] == "ok", 120, seen)
        full = _poll(
            base,
            lambda b: b["status"] == "ok" and b["ingest"] is None and b["generation"] != staged["generation"],
            300,
            seen,
        )
        assert staged["documents"] < full["documents"]  # the plan was served before the law came in
        assert any(b["ingest"] and "đang" in b["ingest"]["summary"] for b in seen)
        answer = httpx.post(
            f"{base}/api/ask", json={"question": "Hạn gửi hồ sơ chấm điểm về Sở Nội vụ?"}, timeout=30
        ).json()
        assert "01/11/2023" in answer["answer"]
        hits = httpx.get(f"{base}/api/search", params={"q": "làm thêm giờ", "top_k": 3}, timeout=30).json()
        assert any(h["number"] == "45/2019/QH14" for h in hits["results"])
        hits = httpx.get(f"{base}/api/search", params={"q": "tập huấn Hòa Thành", "top_k": 3}, timeout=30).json()
        assert hits["results"][0]["text"].count("Hòa Thành")  # the upload named README is indexed

        # Another process publishes a generation: the running server serves it without a restart.
        (uploads / "hoi-thao.txt").write_text(LATER, encoding="utf-8")
        out = subprocess.run(
            [sys.executable, "-m", "cli", "ingest", "--quiet"], env=env, capture_output=True, text=True, timeout=300
        )
        assert out.returncode == 0, out.stdout + out.stderr
        _poll(base, lambda b: b["generation"] not in (staged["generation"], full["generation"]), 60, seen)
        hits = httpx.get(f"{base}/api/search", params={"q": "hội thao Trảng Bàng", "top_k": 3}, timeout=30).json()
        assert "Trảng Bàng" in hits["results"][0]["text"]
        hits = httpx.get(f"{base}/api/search", params={"q": "tập huấn Hòa Thành", "top_k": 3}, timeout=30).json()
        assert "Hòa Thành" in hits["results"][0]["text"]
    finally:
        server.terminate()
        server.wait(timeout=30)
