"""The admin re-ingest queue in PostgreSQL, for several replicas: a job submitted through any replica is
run once, by whichever replica claims it first (``FOR UPDATE SKIP LOCKED``), and every replica can report it.

Same contract as :class:`service.jobs.IngestJobs`: at most one queued job (a partial unique index), so a
request while a job runs queues exactly one more and further requests get that one. Each replica polls
the queue; the ingest itself also holds the database's ingest lock, so two ingests never overlap.

>>> jobs = DatabaseJobs(holder, settings, uploads)  # doctest: +SKIP
>>> jobs.submit("upload").status  # doctest: +SKIP
'queued'
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from typing import Any

from ingest.db_uploads import DatabaseUploads
from ingest.report import FileReport
from service.jobs import IngestJob, IngestJobs, JobNotFound
from tracuu.engine import EngineHolder
from tracuu.index.pgstore import connect, ensure_schema
from tracuu.settings import Settings

__all__ = ["DatabaseJobs"]

log = logging.getLogger(__name__)

_COLUMNS = "id, reason, status, created_at, started_at, finished_at, generation, summary, reports, error"
_KEEP_JOBS = 200
_JOB_LOCK = 0x6A6F62  # advisory lock class of a running job, ("job", hashtext(id))
_CLAIM = (
    "UPDATE tracuu_jobs SET status = 'running', started_at = %s, worker = %s WHERE id = ("
    "SELECT id FROM tracuu_jobs WHERE status = 'queued' ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED) "
    f"RETURNING {_COLUMNS}"
)


def _job(row: tuple[Any, ...]) -> IngestJob:
    id_, reason, status, created, started, finished, generation, summary, reports, error = row
    return IngestJob(
        id=id_,
        reason=reason,
        status=status,
        created_at=created,
        started_at=started,
        finished_at=finished,
        generation=generation,
        summary=summary,
        reports=[FileReport(**r) for r in reports or []],
        error=error,
    )


class DatabaseJobs(IngestJobs):
    def __init__(self, holder: EngineHolder, settings: Settings, uploads: DatabaseUploads, poll: float = 0.5) -> None:
        super().__init__(holder, paths=settings.ingest_paths)
        self.url = settings.database_url or ""
        self.uploads = uploads
        self.poll = poll
        self.worker_id = f"{socket.gethostname()}:{os.getpid()}"
        self._stop = threading.Event()
        ensure_schema(self.url)
        self._thread = threading.Thread(target=self._poll, name="ingest-jobs-db", daemon=True)
        self._thread.start()

    def _conn(self, **kwargs):
        return connect(self.url, **kwargs)

    def submit(self, reason: str) -> IngestJob:
        with self._conn(autocommit=True) as conn:
            while True:
                row = conn.execute(
                    f"INSERT INTO tracuu_jobs (id, reason, status, created_at) VALUES (%s, %s, 'queued', %s) "
                    f"ON CONFLICT DO NOTHING RETURNING {_COLUMNS}",
                    (uuid.uuid4().hex, reason, time.time()),
                ).fetchone()
                row = row or conn.execute(f"SELECT {_COLUMNS} FROM tracuu_jobs WHERE status = 'queued'").fetchone()
                if row is not None:  # else the queued job was claimed in between: queue a new one
                    return _job(row)

    def get(self, job_id: str) -> IngestJob:
        with self._conn(autocommit=True) as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM tracuu_jobs WHERE id = %s", (job_id,)).fetchone()
        if row is None:
            raise JobNotFound(job_id)
        return _job(row)

    def recent(self) -> list[IngestJob]:
        with self._conn(autocommit=True) as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM tracuu_jobs ORDER BY created_at DESC LIMIT 50").fetchall()
        return [_job(r) for r in rows]

    def wait(self, job_id: str, timeout: float) -> IngestJob:
        deadline = time.monotonic() + timeout
        job = self.get(job_id)
        while job.status in ("queued", "running") and time.monotonic() < deadline:
            time.sleep(min(self.poll, max(0.0, deadline - time.monotonic())))
            job = self.get(job_id)
        return job

    def stop(self) -> None:
        self._stop.set()

    def _poll(self) -> None:
        conn = None  # kept while the queue is empty: one session per replica, not one per poll
        while not self._stop.is_set():
            try:
                if conn is None or conn.closed:
                    conn = self._conn(autocommit=True)
                job = self._claim(conn)
                if job is None:
                    self._stop.wait(self.poll)
                    continue
                try:
                    self._finish(job, self._run(job))
                finally:
                    conn.close()  # frees the claimed job's lock; the next poll opens a new session
            except Exception:  # the database restarting must not end the worker
                log.exception("ingest job queue: database error")
                if conn is not None:
                    conn.close()
                self._stop.wait(5 * self.poll)
        if conn is not None:
            conn.close()

    def _claim(self, conn) -> IngestJob | None:
        """Claim the queued job and take its lock in one transaction: no moment where it runs unlocked."""
        self._requeue_orphans(conn)
        with conn.transaction():
            row = conn.execute(_CLAIM, (time.time(), self.worker_id)).fetchone()
            if row is not None:  # a session lock: held after the commit, freed when this connection ends
                conn.execute("SELECT pg_advisory_lock(%s, hashtext(%s))", (_JOB_LOCK, row[0]))
        return _job(row) if row else None

    def _requeue_orphans(self, conn) -> None:
        """A running job whose lock nobody holds lost its replica mid-ingest: queue it again (or, when a job
        is queued already, fail it: that one reads the same files)."""
        import psycopg

        for (job_id,) in conn.execute("SELECT id FROM tracuu_jobs WHERE status = 'running'").fetchall():
            if not conn.execute("SELECT pg_try_advisory_lock(%s, hashtext(%s))", (_JOB_LOCK, job_id)).fetchone()[0]:
                continue  # its replica is alive and running it
            try:
                conn.execute(
                    "UPDATE tracuu_jobs SET status = 'queued', started_at = NULL, worker = NULL "
                    "WHERE id = %s AND status = 'running'",
                    (job_id,),
                )
                log.warning("ingest job %s lost its replica: queued again", job_id)
            except psycopg.errors.UniqueViolation:
                conn.execute(
                    "UPDATE tracuu_jobs SET status = 'failed', finished_at = %s, error = %s WHERE id = %s",
                    (time.time(), "the replica running it stopped; the queued job re-ingests", job_id),
                )
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s, hashtext(%s))", (_JOB_LOCK, job_id))

    def _run(self, job: IngestJob):
        self.uploads.sync()  # this replica's copy of the uploads, as the database holds them now
        return super()._run(job)

    def _finish(self, job: IngestJob, status: str) -> None:
        from psycopg.types.json import Json

        reports = Json([r.to_dict() for r in job.reports])
        with self._conn(autocommit=True) as conn:
            conn.execute(
                "UPDATE tracuu_jobs SET status = %s, finished_at = %s, generation = %s, summary = %s, reports = %s, "
                "error = %s WHERE id = %s",
                (
                    status,
                    time.time(),
                    job.generation,
                    Json(job.summary) if job.summary is not None else None,
                    reports,
                    job.error,
                    job.id,
                ),
            )
            conn.execute(
                "DELETE FROM tracuu_jobs WHERE status IN ('succeeded', 'failed') AND id NOT IN ("
                "SELECT id FROM tracuu_jobs ORDER BY created_at DESC LIMIT %s)",
                (_KEEP_JOBS,),
            )
