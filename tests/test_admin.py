"""The admin API on the real app: key policy, bearer auth, uploads checked by content and named safely,
background re-ingests one at a time with their per-file reports, deletion limited to uploads."""

from __future__ import annotations

import fcntl
import logging
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.admin_auth import FailedAttempts

from samples import docx_file, html_with_scripts, needs_font, pdf, random_bytes, scanned_pdf

KEY = "t3st-Adm1n-k3y-7f9c2e41b8d0-Q5wX8z"
AUTH = {"Authorization": f"Bearer {KEY}"}
BASE_TEXT = (
    "Số: 12/KH-LĐLĐ\nKẾ HOẠCH\nThử nghiệm quản trị\nI. NỘI DUNG\n"
    "1. Báo cáo kết quả về Sở Nội vụ chậm nhất ngày 05/12/2024.\n"
)
ADMIN_ROUTES = [
    ("post", "/api/admin/documents"),
    ("post", "/api/admin/reindex"),
    ("get", "/api/admin/jobs"),
    ("get", "/api/admin/jobs/" + "0" * 32),
    ("delete", "/api/admin/documents/12-kh-ldld"),
]


@dataclass
class Admin:
    client: TestClient
    corpus: Path
    uploads: Path
    index: Path

    def wait(self, job_id: str, timeout: float = 120) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = self.client.get(f"/api/admin/jobs/{job_id}", headers=AUTH).json()
            if job["status"] in ("succeeded", "failed"):
                return job
            time.sleep(0.1)
        raise TimeoutError(f"job {job_id} still {job['status']} after {timeout}s")

    def upload(self, files: list[tuple[str, bytes]], **params) -> dict:
        r = self.client.post(
            "/api/admin/documents",
            headers=AUTH,
            params=params,
            files=[("files", (name, data, "application/octet-stream")) for name, data in files],
        )
        return r

    def search_doc_ids(self, q: str) -> list[str]:
        return [h["doc_id"] for h in self.client.get("/api/search", params={"q": q, "top_k": 3}).json()["results"]]


def _make_admin(tmp_path: Path, embedder, **overrides) -> tuple[TestClient, Admin]:
    from ingest.pipeline import run_ingest
    from service.app import create_app
    from tracuu.settings import Settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ke-hoach.txt").write_text(BASE_TEXT, encoding="utf-8")
    settings = Settings(
        index_dir=tmp_path / "index",
        corpus=[corpus],
        admin_key=KEY,
        max_upload_bytes=300_000,
        max_upload_files=4,
        **overrides,
    )
    run_ingest([corpus], settings, embedder=embedder, progress=False)
    client = TestClient(create_app(settings, embedder=embedder))
    # These tests send many wrong keys from one address on purpose; the throttle is tested in test_admin_key.
    client.app.state.admin_failures = FailedAttempts(max_failures=1_000_000)
    return client, Admin(client, corpus, settings.uploads, settings.index_dir)


@pytest.fixture
def admin(tmp_path, embedder):
    client, admin = _make_admin(tmp_path, embedder)
    with client:
        yield admin


@pytest.fixture(scope="module")
def admin_untouched(tmp_path_factory, embedder):
    """Shared by the tests whose requests are all refused or read-only."""
    client, admin = _make_admin(tmp_path_factory.mktemp("admin"), embedder)
    with client:
        yield admin


def _files_outside(root: Path, *skip: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file() and not any(p.is_relative_to(s) for s in skip)}


# --- The key ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    [
        None,
        "",
        "   ",
        "changeme",
        "admin",
        "secret",
        "password",
        "Sh0rt-k3y",
        "passwordpassword",
        "changeme-changeme",
        "admin12345678901",
        "a" * 40,
        " " + KEY,
    ],
)
def test_weak_or_missing_key_disables_admin_routes(tmp_path, key, caplog):
    from service.app import create_app
    from tracuu.settings import Settings

    with caplog.at_level(logging.WARNING, logger="service.routes.admin"):
        app = create_app(Settings(index_dir=tmp_path / "index", corpus=[tmp_path], admin_key=key))
    assert "admin routes disabled" in caplog.text
    if key and key.strip() not in ("", "changeme", "admin", "secret", "password"):  # those the message names
        assert key.strip() not in caplog.text  # the reason, never the key
    with TestClient(app) as client:
        for method, path in ADMIN_ROUTES:
            for headers in ({}, {"Authorization": f"Bearer {key}"}):
                assert client.request(method, path, headers=headers).status_code == 404
        assert not [p for p in client.get("/openapi.json").json()["paths"] if "admin" in p]


def test_admin_key_from_environment(tmp_path, monkeypatch):
    from service.app import create_app
    from tracuu.settings import Settings

    monkeypatch.setenv("TRACUU_ADMIN_KEY", KEY)
    app = create_app(Settings(index_dir=tmp_path / "index", corpus=[tmp_path]))
    with TestClient(app) as client:
        assert client.get("/api/admin/jobs", headers=AUTH).status_code == 200


def test_non_ascii_key(tmp_path):
    from service.app import create_app
    from tracuu.settings import Settings

    key = "khoá-quản-trị-đủ-dài-cho-máy-chủ-2024"
    app = create_app(Settings(index_dir=tmp_path / "index", corpus=[tmp_path], admin_key=key))
    with TestClient(app) as client:
        ok = client.get("/api/admin/jobs", headers={"Authorization": f"Bearer {key}".encode()})
        assert ok.status_code == 200
        wrong = client.get("/api/admin/jobs", headers={"Authorization": f"Bearer {key[:-1]}5".encode()})
        assert wrong.status_code == 403


def test_admin_routes_are_not_in_the_public_schema(admin_untouched):
    client = admin_untouched.client
    assert not [p for p in client.get("/openapi.json").json()["paths"] if "admin" in p]
    assert "admin" not in client.get("/docs").text


@pytest.mark.parametrize(("method", "path"), ADMIN_ROUTES)
@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": f"Basic {KEY}"}, 401),
        ({"Authorization": "Bearer "}, 401),
        ({"Authorization": "Bearer"}, 401),
        ({"Authorization": "Bearer wrong-key-of-some-length"}, 403),
        ({"Authorization": f"Bearer {KEY[:-1]}"}, 403),
        ({"Authorization": f"Bearer {KEY}x"}, 403),
        ({"Authorization": f"Bearer {KEY.upper()}"}, 403),
        ({"Authorization": "Bearer ключ-không-đúng".encode()}, 403),
    ],
    ids=["none", "basic", "empty", "no-token", "wrong", "prefix", "longer", "case", "non-ascii"],
)
def test_auth(admin_untouched, method, path, headers, status):
    r = admin_untouched.client.request(method, path, headers=headers)
    assert r.status_code == status
    assert r.json()["detail"]
    if status == 401:
        assert r.headers["www-authenticate"].startswith("Bearer")
    assert "www-authenticate" in r.headers or status == 403


def test_auth_is_checked_before_the_upload_is_read(admin):
    r = admin.client.post(
        "/api/admin/documents",
        headers={"Authorization": "Bearer nope"},
        files=[("files", ("a.txt", BASE_TEXT.encode(), "text/plain"))],
    )
    assert r.status_code == 403
    assert not admin.uploads.exists()


def test_bearer_scheme_is_case_insensitive(admin_untouched):
    headers = {"Authorization": f"bearer {KEY}"}
    assert admin_untouched.client.get("/api/admin/jobs", headers=headers).status_code == 200


# --- Uploads ----------------------------------------------------------------------------------


@needs_font
def test_upload_checks_by_content_and_indexes(admin):
    files = [
        ("bao-cao.txt", pdf(["Điều 1. Công đoàn cơ sở tổ chức hội thao công nhân vào quý ba."])),  # a PDF named .txt
        ("quy-che", docx_file(["Điều 2. Quy chế chi tiêu nội bộ về công tác phí đi biển đảo."])),  # no extension
        ("trang.pdf", html_with_scripts(["Điều 3. Bảo tàng mở cửa miễn phí ngày giỗ Tổ."], "xyzsecret")),  # HTML
        ("ghi-chu.docx", "Điều 4. Hướng dẫn nuôi cá tra ở đồng bằng.".encode()),  # plain text named .docx
    ]
    r = admin.upload(files)
    assert r.status_code == 202, r.text
    stored = {s["filename"]: (s["name"], s["format"]) for s in r.json()["stored"]}
    assert stored == {
        "bao-cao.txt": ("bao-cao.pdf", "pdf"),
        "quy-che": ("quy-che.docx", "docx"),
        "trang.pdf": ("trang.html", "html"),
        "ghi-chu.docx": ("ghi-chu.txt", "txt"),
    }
    assert sorted(p.name for p in admin.uploads.iterdir()) == sorted(n for n, _ in stored.values())
    job = admin.wait(r.json()["job"]["id"])
    assert job["status"] == "succeeded" and job["error"] is None
    by_name = {Path(f["path"]).name: f for f in job["files"]}
    assert {n for n, _ in stored.values()} | {"ke-hoach.txt"} == set(by_name)
    assert all(f["status"] == "indexed" for f in job["files"])
    assert admin.client.get("/health").json()["generation"] == job["generation"]
    for query, name in [
        ("hội thao công nhân quý ba", "bao-cao.pdf"),
        ("công tác phí đi biển đảo", "quy-che.docx"),
        ("bảo tàng miễn phí ngày giỗ Tổ", "trang.html"),
        ("nuôi cá tra đồng bằng", "ghi-chu.txt"),
    ]:
        assert admin.search_doc_ids(query)[0] == by_name[name]["doc_id"]
    hits = admin.client.get("/api/search", params={"q": "xyzsecret"}).json()["results"]
    assert not [h for h in hits if "xyzsecret" in h["text"]]
    assert "xyzsecret" not in admin.client.get(f"/api/documents/{by_name['trang.html']['doc_id']}").json()["text"]


def test_refused_files_store_nothing(admin):
    r = admin.upload(
        [
            ("tot.txt", "Điều 1. Một văn bản tốt.".encode()),
            ("hong.pdf", random_bytes()),
            ("anh.png", b"\x89PNG\r\n\x1a\n" + random_bytes(64)),
            ("rong.txt", b"  \n"),
        ]
    )
    assert r.status_code == 422
    body = r.json()
    assert "3 of 4 files refused; nothing was stored" == body["detail"]
    assert {f["filename"]: f["code"] for f in body["files"]} == {
        "hong.pdf": "unsupported",
        "anh.png": "corrupt",
        "rong.txt": "empty",
    }
    assert all(f["message"] for f in body["files"])
    assert not admin.uploads.exists() or not list(admin.uploads.iterdir())
    assert admin.client.get("/api/admin/jobs", headers=AUTH).json() == []


def test_size_limits(admin):
    big = ("Điều 1. " + "nội dung " * 40_000).encode()  # ~400 kB, over max_upload_bytes=300 kB
    r = admin.upload([("lon.txt", big)])
    assert r.status_code == 422 and r.json()["files"][0]["code"] == "too_large"
    huge = b"x" * 2_500_000  # over the whole request's limit: 4 files x 300 kB + 1 MiB
    r = admin.upload([("qua-lon.txt", huge)])
    assert r.status_code == 413 and "too large" in r.json()["detail"]
    assert not admin.uploads.exists() or not list(admin.uploads.iterdir())


def test_count_limit(admin):
    r = admin.upload([(f"f{i}.txt", f"Điều {i}. Văn bản số {i}.".encode()) for i in range(5)], reindex=False)
    assert r.status_code == 400 and "at most 4 files" in r.json()["detail"]


def test_upload_needs_multipart_with_files(admin):
    r = admin.client.post("/api/admin/documents", headers=AUTH, json={"files": ["a"]})
    assert r.status_code == 415 and "multipart" in r.json()["detail"]
    r = admin.client.post(
        "/api/admin/documents", headers=AUTH, data={"files": "not a file"}, files=[("other", ("", b"", "text/plain"))]
    )
    assert r.status_code == 422 and "no file" in r.json()["detail"]


EVIL_NAMES = [
    "../../etc/passwd",
    "../../../../../../tmp/evil.txt",
    "/etc/passwd",
    "/tmp/evil.txt",
    "..\\..\\windows\\win.ini",
    "C:\\Windows\\evil.txt",
    "uploads/../../escape.txt",
    "a\x00b.txt",
    "．．／．．／evil.txt",
    "‥/‥/evil.txt",
    "\u202etxt.exe",
    "..",
    ".",
    ".hidden.txt",
    "~/.bashrc",
    "%2e%2e%2fevil.txt",
    "con.txt",
    "a" * 1000 + ".txt",
    "Nghị định số 145/2020/NĐ-CP.txt",
    "x\ufe0f\u200b.txt",
]


@pytest.mark.parametrize("filename", EVIL_NAMES, ids=range(len(EVIL_NAMES)))
def test_stored_names_never_leave_the_upload_folder(admin, tmp_path, filename):
    before = _files_outside(tmp_path, admin.uploads, admin.index)
    r = admin.upload([(filename, "Điều 1. Văn bản thử tên tệp.".encode())], reindex=False)
    assert r.status_code == 202, r.text
    [stored] = r.json()["stored"]
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]{0,79}\.txt", stored["name"]), stored["name"]
    assert [p.name for p in admin.uploads.iterdir()] == [stored["name"]]
    assert (admin.uploads / stored["name"]).resolve().parent == admin.uploads.resolve()
    assert _files_outside(tmp_path, admin.uploads, admin.index) == before
    assert not Path("/tmp/evil.txt").exists()


@pytest.mark.parametrize(
    "raw_name",
    [
        b"../../\xff\xfe.txt",
        b"..%c0%af..%c0%afevil.txt",
        b"/etc/\x00passwd",
        b"\xc0\xae\xc0\xae/evil.txt",
        b'a"; filename="../../evil.txt',
        b"..\\..\\",
    ],
)
def test_raw_multipart_filenames(admin, tmp_path, raw_name):
    """Bytes no HTTP client library would send: invalid UTF-8, NUL, a second filename parameter."""
    before = _files_outside(tmp_path, admin.uploads, admin.index)
    boundary = b"tracuu-boundary-6"
    body = (
        b"--"
        + boundary
        + b'\r\nContent-Disposition: form-data; name="files"; filename="'
        + raw_name
        + b'"\r\nContent-Type: text/plain\r\n\r\n'
        + "Điều 1. Tên tệp thô.".encode()
        + b"\r\n--"
        + boundary
        + b"--\r\n"
    )
    r = admin.client.post(
        "/api/admin/documents",
        params={"reindex": "false"},
        content=body,
        headers={**AUTH, "content-type": f"multipart/form-data; boundary={boundary.decode()}"},
    )
    assert r.status_code in (202, 400, 422), r.text
    if r.status_code == 202:
        [stored] = r.json()["stored"]
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]{0,79}\.txt", stored["name"]), stored["name"]
        assert (admin.uploads / stored["name"]).is_file()
    assert _files_outside(tmp_path, admin.uploads, admin.index) == before


def test_same_name_needs_overwrite(admin):
    first = "Điều 1. Phiên bản một.".encode()
    assert admin.upload([("van-ban.txt", first)], reindex=False).status_code == 202
    r = admin.upload([("Văn bản.txt", "Điều 1. Phiên bản hai.".encode())], reindex=False)
    assert r.status_code == 409 and "overwrite=true" in r.json()["detail"]
    assert (admin.uploads / "van-ban.txt").read_bytes() == first
    r = admin.upload([("van-ban.txt", "Điều 1. Phiên bản hai.".encode())], reindex=False, overwrite=True)
    assert r.status_code == 202 and r.json()["stored"][0]["replaced"] is True
    assert "hai" in (admin.uploads / "van-ban.txt").read_text(encoding="utf-8")
    r = admin.upload([("a.txt", b"Dieu 1. mot"), ("A.txt", b"Dieu 1. hai")], reindex=False)
    assert r.status_code == 422 and r.json()["files"][0]["code"] == "duplicate"


def test_upload_folder_outside_the_corpus(tmp_path, embedder):
    client, admin = _make_admin(tmp_path, embedder, upload_dir=tmp_path / "elsewhere" / "uploads")
    with client:
        r = admin.upload([("ngoai.txt", "Điều 1. Kho lưu trữ đặt ngoài thư mục văn bản gốc.".encode())])
        assert r.status_code == 202
        job = admin.wait(r.json()["job"]["id"])
        assert job["status"] == "succeeded"
        assert (tmp_path / "elsewhere" / "uploads" / "ngoai.txt").is_file()
        assert admin.search_doc_ids("kho lưu trữ ngoài thư mục văn bản gốc")[0] == "ngoai"


# --- Jobs and deletion --------------------------------------------------------------------------


def test_reindex_job_and_status(admin):
    r = admin.client.post("/api/admin/reindex", headers=AUTH)
    assert r.status_code == 202
    job = admin.wait(r.json()["id"])
    assert job["status"] == "succeeded" and job["reason"] == "reindex"
    assert job["summary"]["indexed"] == 1 and job["files"][0]["doc_id"] == "12-kh-ldld"
    assert job["started_at"] <= job["finished_at"]
    assert [j["id"] for j in admin.client.get("/api/admin/jobs", headers=AUTH).json()] == [job["id"]]
    assert admin.client.get(f"/api/admin/jobs/{'f' * 32}", headers=AUTH).status_code == 404
    assert admin.client.get("/api/admin/jobs/../../etc", headers=AUTH).status_code in (404, 422)
    assert admin.client.get("/api/admin/jobs/not-a-job-id", headers=AUTH).status_code == 422


def test_jobs_run_one_at_a_time_and_coalesce(admin):
    """While a job waits for the index lock, a second request queues one job; a third joins it."""
    jobs = admin.client.app.state.ingest_jobs
    with open(admin.index / ".ingest.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as a `tracuu ingest` running from the shell would
        first = jobs.submit("test")
        deadline = time.monotonic() + 30
        while jobs.get(first.id).status != "running" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert jobs.get(first.id).status == "running"
        second, third = jobs.submit("test"), jobs.submit("test")
        assert second.id == third.id != first.id and second.status == "queued"
    for job in (first, second):
        assert jobs.wait(job.id, timeout=120).status == "succeeded"
    assert first.finished_at <= second.started_at


def test_failed_job_reports_the_error_and_keeps_the_index(admin):
    generation = admin.client.get("/health").json()["generation"]
    (admin.corpus / "ke-hoach.txt").unlink()
    admin.corpus.rmdir()  # the corpus folder is gone: the ingest cannot even start
    job = admin.wait(admin.client.post("/api/admin/reindex", headers=AUTH).json()["id"])
    assert job["status"] == "failed" and "no such file" in job["error"]
    assert admin.client.get("/health").json()["generation"] == generation
    assert admin.client.get("/api/documents/12-kh-ldld").status_code == 200


def test_delete_uploaded_document(admin):
    r = admin.upload([("xoa-toi.txt", "Số: 7/TB-UB\nTHÔNG BÁO\nLịch tiêm phòng cho gia súc mùa mưa.\n".encode())])
    job = admin.wait(r.json()["job"]["id"])
    [report] = [f for f in job["files"] if f["path"].endswith("xoa-toi.txt")]
    doc_id = report["doc_id"]
    assert admin.client.get(f"/api/documents/{doc_id}").status_code == 200
    r = admin.client.delete(f"/api/admin/documents/{doc_id}", headers=AUTH)
    assert r.status_code == 202 and r.json()["deleted"] == "xoa-toi.txt"
    assert not (admin.uploads / "xoa-toi.txt").exists()
    job = admin.wait(r.json()["job"]["id"])
    assert job["status"] == "succeeded"
    assert any(p.endswith("xoa-toi.txt") for p in job["summary"]["removed"])
    assert admin.client.get(f"/api/documents/{doc_id}").status_code == 404
    assert admin.client.get("/api/documents/12-kh-ldld").status_code == 200
    assert admin.client.delete(f"/api/admin/documents/{doc_id}", headers=AUTH).status_code == 404


def test_delete_refuses_files_outside_the_upload_folder(admin, tmp_path):
    r = admin.client.delete("/api/admin/documents/12-kh-ldld", headers=AUTH)
    assert r.status_code == 409 and "not an uploaded document" in r.json()["detail"]
    assert (admin.corpus / "ke-hoach.txt").exists()
    # A symlink planted in the upload folder: indexed through it, but its target is not an upload.
    outside = tmp_path / "outside" / "bi-mat.txt"
    outside.parent.mkdir()
    outside.write_text("Số: 9/QĐ-UB\nQUYẾT ĐỊNH\nVề việc bảo vệ tệp bên ngoài.\n", encoding="utf-8")
    admin.uploads.mkdir(parents=True, exist_ok=True)
    os.symlink(outside, admin.uploads / "lien-ket.txt")
    job = admin.wait(admin.client.post("/api/admin/reindex", headers=AUTH).json()["id"])
    [report] = [f for f in job["files"] if f["path"] == str(outside)]
    r = admin.client.delete(f"/api/admin/documents/{report['doc_id']}", headers=AUTH)
    assert r.status_code == 409
    assert outside.exists() and (admin.uploads / "lien-ket.txt").is_symlink()


@pytest.mark.parametrize("doc_id", ["..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "..", "a%00b", "x" * 200])
def test_delete_rejects_bad_ids(admin, doc_id):
    assert admin.client.delete(f"/api/admin/documents/{doc_id}", headers=AUTH).status_code in (404, 405, 422)


# --- The upload folder on its own ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "fmt", "expected"),
    [
        ("Nghị định 145/2020.PDF", "pdf", "2020.pdf"),
        ("Quyết định số 12.docx", "txt", "quyet-dinh-so-12.txt"),
        ("trang", "phapdien", "trang.html"),
        ("../../", "html", "tai-lieu.html"),
        ("", "docx", "tai-lieu.docx"),
    ],
)
def test_safe_filename(filename, fmt, expected):
    from ingest.uploads import safe_filename

    assert safe_filename(filename, fmt) == expected


def test_upload_folder_refuses_bad_settings_and_foreign_paths(tmp_path):
    from ingest.uploads import NotAnUpload, UploadFolder, safe_filename

    with pytest.raises(ValueError, match="max_bytes must be positive, got 0"):
        UploadFolder(tmp_path, max_bytes=0)
    with pytest.raises(ValueError, match="'exe'"):
        safe_filename("a.exe", "exe")
    folder = UploadFolder(tmp_path / "uploads", max_bytes=1000)
    (tmp_path / "uploads").mkdir()
    outside = tmp_path / "keep.txt"
    outside.write_text("x")
    (tmp_path / "uploads" / "link.txt").symlink_to(outside)
    for path in (
        outside,
        tmp_path / "uploads" / "link.txt",
        tmp_path / "uploads" / ".." / "keep.txt",
        tmp_path / "uploads",
    ):
        with pytest.raises(NotAnUpload):
            folder.remove(path)
    assert outside.exists()
    with pytest.raises(FileNotFoundError):
        folder.remove(tmp_path / "uploads" / "gone.txt")


def test_scans_and_word97_are_accepted_by_content(admin):
    """A scan (its OCR runs in the ingest job, not in the request) and a Word 97 file made by LibreOffice,
    both under misleading names, are stored under the format their content is."""
    from eval.official_layout import plan_docx
    from ingest.tools import soffice

    doc = soffice.to_format(plan_docx(), ".docx", "doc")
    r = admin.upload([("scan.txt", scanned_pdf()), ("ke-hoach.pdf", doc)])
    assert r.status_code == 202, r.text
    stored = {s["filename"]: s for s in r.json()["stored"]}
    assert (stored["scan.txt"]["format"], stored["scan.txt"]["name"]) == ("pdf", "scan.pdf")
    assert (stored["ke-hoach.pdf"]["format"], stored["ke-hoach.pdf"]["name"]) == ("doc", "ke-hoach.doc")
    # The re-index job OCRs the scan (a grey square: no letters, a failed file) and shows its progress.
    job = admin.wait(r.json()["job"]["id"], timeout=300)
    files = {Path(f["path"]).name: f for f in job["files"]}
    assert job["status"] == "succeeded" and job["progress"] == "OCR trang 1/1"
    assert (files["scan.pdf"]["status"], files["scan.pdf"]["code"]) == ("failed", "empty")
    assert (files["ke-hoach.doc"]["status"], files["ke-hoach.doc"]["doc_id"]) == ("indexed", "439-kh-ldld")
