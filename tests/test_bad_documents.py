"""A corpus of bad files beside good ones: every bad file gets a clear per-file report (CLI and admin job
status), nothing bad is indexed, and every good file, legacy-encoded ones included, is searchable."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from samples import (
    docx_bomb,
    docx_file,
    encrypted_pdf,
    garbage_pdf,
    html_with_scripts,
    legacy_txt,
    needs_font,
    pdf,
    random_bytes,
    scanned_pdf,
    truncated_pdf,
)

pytestmark = needs_font

LAW = ["Điều 1. Người lao động làm việc ở hầm lò được bồi dưỡng bằng hiện vật."]
SECRET = "zqxscriptsecret"
BAD = {  # file name → the converter code its report must carry
    "hong-giua.pdf": "corrupt",  # header and trailer around garbage
    "cat-cut.pdf": "corrupt",  # truncated
    "mat-khau.pdf": "encrypted",  # a real user password
    "ban-scan.pdf": "empty",  # an image, no text layer, and OCR finds no letters on it
    "rong.txt": "empty",
    "rong.pdf": "empty",  # zero bytes
    "nhi-phan.pdf": "corrupt",  # random bytes renamed .pdf
    "bom-zip.docx": "too_large",  # a zip bomb posing as a DOCX
    "anh.html": "corrupt",  # a broken PNG renamed .html: an image by content, that does not open
}
GOOD = {  # file name → (a query, a sentence its document must contain)
    "nghi-dinh.pdf": ("bồi dưỡng bằng hiện vật hầm lò", "bồi dưỡng bằng hiện vật"),
    "quy-che.docx": ("quy chế khen thưởng sáng kiến cải tiến", "khen thưởng sáng kiến cải tiến kỹ thuật"),
    "trang-web.html": ("lịch tiếp công dân thứ năm", "Lịch tiếp công dân vào sáng thứ năm hằng tuần"),
    "cu-tcvn3.txt": ("nghỉ phép năm người lao động mười hai ngày", "được nghỉ phép năm mười hai ngày"),
    "cu-vni.txt": ("trợ cấp thôi việc nửa tháng lương", "trợ cấp thôi việc, mỗi năm làm việc được trợ cấp nửa tháng"),
    "utf8.txt": ("phòng cháy chữa cháy kho xăng dầu", "phòng cháy chữa cháy tại kho xăng dầu"),
}


def _write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True)
    files = {
        "hong-giua.pdf": garbage_pdf(),
        "cat-cut.pdf": truncated_pdf(LAW),
        "mat-khau.pdf": encrypted_pdf(LAW),
        "ban-scan.pdf": scanned_pdf(),
        "rong.txt": b" \n\n\t",
        "rong.pdf": b"",
        "nhi-phan.pdf": random_bytes(),
        "bom-zip.docx": docx_bomb(),
        "anh.html": b"\x89PNG\r\n\x1a\n" + random_bytes(256),
        "nghi-dinh.pdf": pdf(["NGHỊ ĐỊNH", "Quy định về an toàn lao động", *LAW]),
        "quy-che.docx": docx_file(
            ["QUY CHẾ", "Khen thưởng", "Điều 1. Quỹ dành để khen thưởng sáng kiến cải tiến kỹ thuật của công nhân."]
        ),
        "trang-web.html": html_with_scripts(["Điều 1. Lịch tiếp công dân vào sáng thứ năm hằng tuần."], SECRET),
        "cu-tcvn3.txt": legacy_txt(
            "QUY ĐỊNH\nChế độ nghỉ\nĐiều 1. Người lao động làm đủ năm được nghỉ phép năm mười hai ngày.\n", "tcvn3"
        ),
        "cu-vni.txt": legacy_txt(
            "QUY ĐỊNH\nChế độ thôi việc\nĐiều 1. Khi chấm dứt hợp đồng được hưởng trợ cấp thôi "
            "việc, mỗi năm làm việc được trợ cấp nửa tháng tiền lương.\n",
            "vni",
        ),
        "utf8.txt": "KẾ HOẠCH\nPhòng cháy\nI. NỘI DUNG\n1. Kiểm tra phòng cháy chữa cháy tại kho xăng dầu hằng quý.\n".encode(),
    }
    assert set(files) == set(BAD) | set(GOOD)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory) -> Path:
    return _write_corpus(tmp_path_factory.mktemp("bad") / "corpus")


@pytest.fixture(scope="module")
def cli_ingest(bad_corpus, tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    """``tracuu ingest`` on the corpus, in a real process, as an operator would run it."""
    index = tmp_path_factory.mktemp("bad-index")
    out = subprocess.run(
        [sys.executable, "-m", "cli", "ingest", str(bad_corpus), "--index", str(index), "--quiet"],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "OMP_WAIT_POLICY": "PASSIVE"},
    )
    return out, index


@pytest.mark.slow
def test_cli_reports_each_bad_file_and_ingests_the_rest(cli_ingest, bad_corpus):
    out, _ = cli_ingest
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    for name, code in BAD.items():
        [line] = [ln for ln in lines if ln.startswith(f"  LỖI  {bad_corpus / name}:")]
        assert line.endswith(f"[{code}]"), line
        assert len(line) > len(f"  LỖI  {bad_corpus / name}: [{code}]") + 5  # a message, not just the code
    for name in GOOD:
        assert [ln for ln in lines if ln.startswith(f"  ok   {bad_corpus / name} → ")], name
    warnings = "\n".join(ln for ln in lines if "lưu ý:" in ln)
    assert "decoded from tcvn3" in warnings and "decoded from vni" in warnings
    assert re.search(rf"^{len(GOOD)}/{len(GOOD) + len(BAD)} tệp", lines[-1]), lines[-1]


@pytest.mark.slow
def test_nothing_bad_is_indexed(cli_ingest, bad_corpus):
    from tracuu.index import load_index

    index = load_index(cli_ingest[1])
    sources = {Path(d.source_path).name for d in index.documents.values() if d.source_path}
    assert sources == set(GOOD)  # the scan is not there as an empty document, nor any other bad file
    assert all(d.text.strip() for d in index.documents.values() if d.source_path)
    assert all(SECRET not in c.text for c in index.chunks)
    report = json.loads((index.path / "report.json").read_text(encoding="utf-8"))
    assert {Path(f["path"]).name: f["code"] for f in report["files"] if f["status"] == "failed"} == BAD


@pytest.mark.slow
def test_good_files_are_searchable(cli_ingest, embedder):
    from tracuu.index import load_index
    from tracuu.retrieval import Searcher

    index = load_index(cli_ingest[1])
    searcher = Searcher(index, embedder)
    for name, (query, sentence) in GOOD.items():
        [doc] = [d for d in index.documents.values() if d.source_path and Path(d.source_path).name == name]
        assert sentence in doc.text, (name, doc.text[:200])  # legacy encodings come out as Unicode
        top = searcher.search(query, top_k=3)
        assert top and top[0].chunk.doc_id == doc.doc_id, (name, [h.chunk.doc_id for h in top])


def test_admin_job_reports_each_bad_file(bad_corpus, tmp_path, embedder):
    from fastapi.testclient import TestClient

    from service.app import create_app
    from tracuu.settings import Settings

    key = "bad-docs-Adm1n-k3y-93e1c07f-R4tY7u"
    settings = Settings(
        index_dir=tmp_path / "index", corpus=[bad_corpus], admin_key=key, upload_dir=tmp_path / "uploads"
    )
    auth = {"Authorization": f"Bearer {key}"}
    with TestClient(create_app(settings, embedder=embedder)) as client:
        job_id = client.post("/api/admin/reindex", headers=auth).json()["id"]
        deadline = time.monotonic() + 300
        while (job := client.get(f"/api/admin/jobs/{job_id}", headers=auth).json())["status"] in ("queued", "running"):
            assert time.monotonic() < deadline
            time.sleep(0.2)
        assert job["status"] == "succeeded", job["error"]
        files = {Path(f["path"]).name: f for f in job["files"]}
        assert {n: f["code"] for n, f in files.items() if f["status"] == "failed"} == BAD
        assert all(files[n]["message"] for n in BAD)
        assert {n for n, f in files.items() if f["status"] == "indexed"} == set(GOOD)
        assert job["summary"]["indexed"] == len(GOOD) and job["summary"]["failed"] == len(BAD)
        hits = client.get("/api/search", params={"q": GOOD["cu-tcvn3.txt"][0], "top_k": 1}).json()["results"]
        assert hits[0]["doc_id"] == files["cu-tcvn3.txt"]["doc_id"]
