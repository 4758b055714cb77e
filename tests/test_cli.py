"""The CLI in real subprocesses: ingest, ask (same JSON as the API), errors with non-zero exits."""

import json
import os
import subprocess
import sys

import pytest


def tracuu(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.slow
def test_ask_json_matches_api(fixture_index, client):
    question = "Chỉ tiêu tỷ lệ công đoàn cơ sở doanh nghiệp thực hiện tốt Nghị định 145?"
    out = tracuu("ask", question, "--json", "--index", str(fixture_index))
    assert out.returncode == 0, out.stderr
    cli = json.loads(out.stdout)
    api = client.post("/api/ask", json={"question": question}).json()
    assert cli == api
    assert "60%" in cli["answer"]


@pytest.mark.slow
def test_ask_plain_text_uses_index_setting(fixture_index):
    out = tracuu("ask", "hạn gửi hồ sơ chấm điểm về Sở Nội vụ", env={"TRACUU_INDEX_DIR": str(fixture_index)})
    assert out.returncode == 0, out.stderr
    assert "01/11/2023" in out.stdout and "/documents/" in out.stdout


@pytest.mark.slow
def test_ask_without_index_fails_clearly(tmp_path):
    out = tracuu("ask", "bất kỳ", "--index", str(tmp_path / "none"))
    assert out.returncode == 2
    assert "tracuu ingest" in out.stderr


@pytest.mark.slow
def test_ingest_reports_bad_files_and_keeps_going(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ke-hoach.txt").write_text(
        "Số: 12/KH-LĐLĐ\nKẾ HOẠCH\nThử nghiệm\nI. NỘI DUNG\n1. Báo cáo về Sở Nội vụ chậm nhất ngày 05/12/2024.\n",
        encoding="utf-8",
    )
    (corpus / "hong.pdf").write_bytes(b"this is not a pdf at all")
    (corpus / "rong.txt").write_bytes(b"")
    index = tmp_path / "index"
    out = tracuu("ingest", str(corpus), "--index", str(index), "--quiet")
    assert out.returncode == 0, out.stderr
    assert "hong.pdf" in out.stdout and "[corrupt]" in out.stdout
    assert "rong.txt" in out.stdout and "[empty]" in out.stdout
    assert "12-kh-ldld" in out.stdout
    again = tracuu("ingest", str(corpus), "--index", str(index), "--if-changed", "--quiet")
    assert again.returncode == 0 and "up to date" in again.stdout
    answer = tracuu("ask", "hạn báo cáo về Sở Nội vụ", "--json", "--index", str(index))
    assert "05/12/2024" in json.loads(answer.stdout)["answer"]


@pytest.mark.slow
def test_ingest_missing_path(tmp_path):
    out = tracuu("ingest", str(tmp_path / "khong-co"), "--index", str(tmp_path / "i"))
    assert out.returncode == 2 and "no such file" in out.stderr


def test_help_lists_commands():
    out = tracuu("--help")
    assert out.returncode == 0
    for cmd in ("ingest", "ask", "serve"):
        assert cmd in out.stdout
