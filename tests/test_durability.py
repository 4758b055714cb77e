"""Uploads and index generations on disk (issue 11): uploads are indexed whatever their name, a multi-file
upload stores all its files or none (overwrite included), and every folder whose entries change is
fsynced before the generation pointer moves."""

from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pytest
from test_admin import _make_admin

from ingest.discover import discover
from ingest.uploads import CheckedFile, UploadFolder, UploadRejected
from tracuu.index.store import IndexContent, write_index
from tracuu.models import ChunkRecord, DocumentRecord


def test_folder_notes_are_skipped_in_the_corpus_but_not_in_the_upload_folder(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "uploads").mkdir(parents=True)
    for name in ("README.md", "notes.txt", "ke-hoach.txt", "uploads/readme.pdf", "uploads/notes.txt",
                 "uploads/license.docx", "uploads/.upload-x.part"):
        (corpus / name).write_text("x", encoding="utf-8")
    found = {p.relative_to(corpus.resolve()).as_posix() for p in discover([corpus], uploads=corpus / "uploads").files}
    assert found == {"ke-hoach.txt", "uploads/readme.pdf", "uploads/notes.txt", "uploads/license.docx"}
    assert {p.name for p in discover([corpus]).files} == {"ke-hoach.txt"}  # no upload folder: the old rule


def test_uploads_named_like_folder_notes_are_indexed(tmp_path, embedder):
    client, admin = _make_admin(tmp_path, embedder)
    with client:
        files = [("README.txt", "Điều 1. Quy định về tổ chức hội thi tay nghề công nhân.".encode()),
                 ("notes.txt", "Điều 1. Hướng dẫn trồng rừng phòng hộ ven biển.".encode()),
                 ("LICENSE.txt", "Điều 1. Cấp phép khai thác cát lòng sông.".encode())]
        r = admin.upload(files)
        assert r.status_code == 202, r.text
        job = admin.wait(r.json()["job"]["id"])
        indexed = {Path(f["path"]).name for f in job["files"] if f["status"] == "indexed"}
        assert {"readme.txt", "notes.txt", "license.txt"} <= indexed
        assert admin.search_doc_ids("khai thác cát lòng sông")[0] == "license"


def _checked(name: str, data: bytes) -> CheckedFile:
    return CheckedFile(name, name, "txt", len(data))


def test_overwrite_batch_with_one_bad_file_stores_none(tmp_path):
    folder = UploadFolder(tmp_path / "uploads", max_bytes=10_000)
    folder.store([(_checked("a.txt", b"old a"), io.BytesIO(b"old a")),
                  (_checked("b.txt", b"old b"), io.BytesIO(b"old b"))], overwrite=False)
    batch = [(_checked("a.txt", b"new a"), io.BytesIO(b"new a")),
             (_checked("c.txt", b"new c"), io.BytesIO(b"new c")),
             (_checked("b.txt", b"new b!"), io.BytesIO(b"new"))]  # the bad one, last
    with pytest.raises(UploadRejected):
        folder.store(batch, overwrite=True)
    assert {p.name: p.read_bytes() for p in folder.folder.iterdir()} == {"a.txt": b"old a", "b.txt": b"old b"}


def test_overwrite_batch_rolls_back_when_a_rename_fails(tmp_path):
    folder = UploadFolder(tmp_path / "uploads", max_bytes=10_000)
    folder.store([(_checked("a.txt", b"old a"), io.BytesIO(b"old a"))], overwrite=False)
    (folder.folder / "b.txt").mkdir()  # a folder where the second file goes: placing it fails
    (folder.folder / "b.txt" / "keep").write_text("x")
    batch = [(_checked("a.txt", b"new a"), io.BytesIO(b"new a")), (_checked("b.txt", b"new b"), io.BytesIO(b"new b"))]
    with pytest.raises(UploadRejected, match="folder"):
        folder.store(batch, overwrite=True)
    assert (folder.folder / "a.txt").read_bytes() == b"old a"
    assert sorted(p.name for p in folder.folder.iterdir()) == ["a.txt", "b.txt"]


def test_overwrite_batch_replaces_all(tmp_path):
    folder = UploadFolder(tmp_path / "uploads", max_bytes=10_000)
    folder.store([(_checked("a.txt", b"old a"), io.BytesIO(b"old a"))], overwrite=False)
    stored = folder.store([(_checked("a.txt", b"new a"), io.BytesIO(b"new a")),
                           (_checked("b.txt", b"new b"), io.BytesIO(b"new b"))], overwrite=True)
    assert [(s.name, s.replaced) for s in stored] == [("a.txt", True), ("b.txt", False)]
    assert {p.name: p.read_bytes() for p in folder.folder.iterdir()} == {"a.txt": b"new a", "b.txt": b"new b"}


def test_api_overwrite_with_one_bad_file_keeps_the_old_files(tmp_path, embedder):
    client, admin = _make_admin(tmp_path, embedder)
    with client:
        first = admin.upload([("a.txt", "Điều 1. Bản cũ về nhà văn hóa.".encode())], reindex="false")
        assert first.status_code == 202
        r = admin.upload([("a.txt", "Điều 1. Bản mới về nhà văn hóa.".encode()), ("b.pdf", b"%PDF-1.4 broken")],
                         overwrite="true", reindex="false")
        assert r.status_code == 422
        assert sorted(p.name for p in admin.uploads.iterdir()) == ["a.txt"]
        assert "Bản cũ" in (admin.uploads / "a.txt").read_text(encoding="utf-8")


@pytest.fixture
def fsynced(monkeypatch):
    """Every path os.fsync is called on, in order, with the moment `current` is replaced."""
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        events.append(os.readlink(f"/proc/self/fd/{fd}"))
        return real_fsync(fd)

    def replace(src, dst, **kw):
        if Path(dst).name == "current":
            events.append("<current replaced>")
        return real_replace(src, dst, **kw)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    return events


def test_generation_folders_are_fsynced_before_the_pointer_moves(tmp_path, fsynced):
    doc = DocumentRecord("d", "Điều 1. Văn bản thử.\n")
    chunk = ChunkRecord("d#0", "d", "Điều 1", 0, 20, doc.text[:20], "")
    content = IndexContent([doc], [chunk], [], [["dieu", "1"]], np.zeros((1, 4), dtype=np.float32))
    index_dir = (tmp_path / "index").resolve()
    final = write_index(index_dir, content, embedder="test", dim=4, chunk_max_chars=1500)
    before = fsynced[: fsynced.index("<current replaced>")]
    built = final.parent / f".tmp-{final.name}"  # written under a temporary name, then renamed
    for path in (built / "manifest.json", built / "bm25", built, index_dir / "generations", index_dir):
        assert str(path) in before, (path, before)
    assert before.index(str(index_dir / "generations")) > before.index(str(built))


def test_upload_folder_is_fsynced_after_a_store(tmp_path, fsynced):
    folder = UploadFolder(tmp_path / "uploads", max_bytes=10_000)
    folder.store([(_checked("a.txt", b"a"), io.BytesIO(b"a"))], overwrite=False)
    assert fsynced[-1] == str(folder.folder)
