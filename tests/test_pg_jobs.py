"""The database job queue (service/db_jobs.py) on a real PostgreSQL: a job left `running` by a replica that
died is queued again and run by a live one; uploads stored in the database reach the ingest."""

from __future__ import annotations

import io

import pytest

from tests.pg import one_file_corpus_settings
from tests.test_kill_ingest import PLAN

pytestmark = pytest.mark.slow

UPLOAD = (
    "Số: 9/TB-CĐ\nTHÔNG BÁO\nHội nghị người lao động\nI. NỘI DUNG\n1. Hội nghị tổ chức tại Gò Dầu ngày 02/04/2025.\n"
)


def test_a_job_orphaned_by_a_dead_replica_is_run_again(pg_url, tmp_path, embedder):
    import psycopg

    from ingest.db_uploads import DatabaseUploads
    from service.db_jobs import DatabaseJobs
    from tracuu.engine import EngineHolder

    _, settings = one_file_corpus_settings(tmp_path, pg_url, PLAN, upload_dir=tmp_path / "uploads")
    uploads = DatabaseUploads(pg_url, settings.uploads, max_bytes=1_000_000)
    checked = uploads.check("hoi nghi.txt", UPLOAD.encode())
    assert [s.name for s in uploads.store([(checked, io.BytesIO(UPLOAD.encode()))], overwrite=False)] == [
        "hoi-nghi.txt"
    ]
    assert not (tmp_path / "uploads" / "hoi-nghi.txt").exists()  # in the database, not on this disk
    with psycopg.connect(pg_url, autocommit=True) as conn:  # what a replica killed mid-ingest leaves
        conn.execute(
            "INSERT INTO tracuu_jobs (id, reason, status, created_at, started_at, worker) "
            "VALUES ('0' || repeat('a', 31), 'upload', 'running', 1, 2, 'gone:1')"
        )

    holder = EngineHolder(settings, embedder)
    jobs = DatabaseJobs(holder, settings, uploads, poll=0.1)
    try:
        job = jobs.wait("0" + "a" * 31, timeout=240)
    finally:
        jobs.stop()
    assert job.status == "succeeded", job.error
    assert {r.path.rsplit("/", 1)[-1] for r in job.reports} == {"ke-hoach.txt", "hoi-nghi.txt"}
    assert any("Gò Dầu" in c.text for c in holder.get().index.chunks)  # the upload is in the swapped engine
    assert (tmp_path / "uploads" / "hoi-nghi.txt").read_text(encoding="utf-8") == UPLOAD  # synced for the ingest
    assert jobs.recent()[0].id == job.id and job.generation == holder.published_generation()


def test_uploads_in_the_database_all_or_none_replace_and_remove(pg_url, tmp_path):
    from ingest.db_uploads import DatabaseUploads
    from ingest.uploads import NotAnUpload, UploadExists

    uploads = DatabaseUploads(pg_url, tmp_path / "uploads", max_bytes=1_000_000)
    other = DatabaseUploads(pg_url, tmp_path / "other-replica" / "uploads", max_bytes=1_000_000)
    data = UPLOAD.encode()
    one = uploads.check("Hội nghị.txt", data)
    two = uploads.check("khac.txt", data.replace(b"02/04", b"03/05"))
    uploads.store([(one, io.BytesIO(data))], overwrite=False)
    with pytest.raises(UploadExists):  # one name taken: neither file is stored
        other.store([(two, io.BytesIO(data.replace(b"02/04", b"03/05"))), (one, io.BytesIO(data))], overwrite=False)
    other.sync()
    assert sorted(p.name for p in other.folder.iterdir()) == ["hoi-nghi.txt"]
    newer = data.replace(b"02/04", b"09/04")
    assert other.store([(uploads.check("hoi nghi.txt", newer), io.BytesIO(newer))], overwrite=True)[0].replaced
    uploads.sync()
    assert (uploads.folder / "hoi-nghi.txt").read_bytes() == newer  # what the other replica stored
    with pytest.raises(NotAnUpload):
        uploads.remove(tmp_path / "corpus" / "hoi-nghi.txt")
    assert uploads.remove(uploads.folder / "hoi-nghi.txt") == uploads.folder / "hoi-nghi.txt"
    other.sync()
    assert list(other.folder.iterdir()) == []  # removed from the database, so from every replica's copy
    with pytest.raises(FileNotFoundError):
        uploads.remove(uploads.folder / "hoi-nghi.txt")
