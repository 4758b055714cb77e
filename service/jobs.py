"""Re-ingests for the admin API: one at a time, each in its own process, then the engine is swapped.

The ingest runs in a child process (:mod:`ingest.ingest_process`; it converts each file in a further
child under limits): conversion, normalisation and embedding hold the interpreter lock, and in the
server's process they would stop every request. A background thread here only waits for the child.

While a job runs the service keeps answering from the engine it has; only when the new generation is
complete and current does :meth:`EngineHolder.reload` swap it in. A request for a re-ingest while one
runs queues exactly one more, and further requests get that queued job: files changed after the
running job read the folder are always picked up, and no backlog builds up.

>>> jobs = IngestJobs(holder, paths=lambda: [Path("corpus")])  # doctest: +SKIP
>>> job = jobs.submit("upload")  # doctest: +SKIP
>>> jobs.get(job.id).status  # doctest: +SKIP
'running'
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ingest.report import FileReport
from tracuu.engine import EngineHolder

__all__ = ["IngestJob", "IngestJobs", "JobNotFound"]

log = logging.getLogger(__name__)

JobStatus = Literal["queued", "running", "succeeded", "failed"]
_KEEP_JOBS = 50


class JobNotFound(KeyError):
    """No job of this id (never existed, or long finished and forgotten)."""


@dataclass
class IngestJob:
    id: str
    reason: str
    status: JobStatus = "queued"
    created_at: float = field(default_factory=time.time)
    started_at: float | None = None
    finished_at: float | None = None
    generation: str | None = None  # the generation it built, once succeeded
    summary: dict[str, Any] | None = None
    reports: list[FileReport] = field(default_factory=list)
    error: str | None = None
    progress: str | None = None  # while running: the OCR page reached ("OCR trang 3/20")


class IngestJobs:
    """``paths()`` is read when a job starts, so it sees the folder as it is then."""

    def __init__(self, holder: EngineHolder, paths: Callable[[], list[Path]]) -> None:
        self.holder = holder
        self.paths = paths
        self._jobs: OrderedDict[str, IngestJob] = OrderedDict()
        self._pending: IngestJob | None = None
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None

    def submit(self, reason: str) -> IngestJob:
        """The queued job, or a new one; never a second queued job."""
        with self._wake:
            if self._pending is not None:
                return self._pending
            job = IngestJob(id=uuid.uuid4().hex, reason=reason)
            self._jobs[job.id] = job
            while len(self._jobs) > _KEEP_JOBS:
                oldest = next(iter(self._jobs.values()))
                if oldest.status in ("queued", "running"):
                    break
                self._jobs.popitem(last=False)
            self._pending = job
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="ingest-jobs", daemon=True)
                self._thread.start()
            self._wake.notify()
            return job

    def get(self, job_id: str) -> IngestJob:
        with self._wake:
            try:
                return self._jobs[job_id]
            except KeyError:
                raise JobNotFound(job_id) from None

    def recent(self) -> list[IngestJob]:
        with self._wake:
            return list(reversed(self._jobs.values()))

    def wait(self, job_id: str, timeout: float) -> IngestJob:
        """Block until the job has finished or ``timeout`` seconds passed; returns it either way."""
        deadline = time.monotonic() + timeout
        with self._wake:
            job = self._jobs[job_id]
            while job.status in ("queued", "running") and (left := deadline - time.monotonic()) > 0:
                self._wake.wait(left)
            return job

    def _work(self) -> None:
        while True:
            with self._wake:
                while self._pending is None:
                    self._wake.wait()
                job, self._pending = self._pending, None
                job.status, job.started_at = "running", time.time()
            status = self._run(job)
            with self._wake:
                job.status, job.finished_at = status, time.time()
                self._wake.notify_all()

    def _run(self, job: IngestJob) -> JobStatus:
        from ingest.ingest_process import run_ingest_in_process

        board = self.holder.store.progress_board()
        done = threading.Event()

        def follow() -> None:  # the ingest process writes its progress; the job shows the OCR page reached
            while True:
                progress = board.read()
                if progress is not None and progress.ocr_pages_total:
                    job.progress = f"OCR trang {progress.ocr_pages_done}/{progress.ocr_pages_total}"
                if done.wait(0.5):
                    return

        follower = threading.Thread(target=follow, name=f"job-{job.id}-progress", daemon=True)
        follower.start()
        try:
            result = run_ingest_in_process(self.paths(), self.holder.settings)
            job.generation, job.summary, job.reports = result.generation, result.summary, result.reports
            self.holder.reload()  # swap the engine only now that the new generation is current
        except Exception as e:  # the worker must outlive any failure; the job says what went wrong
            log.exception("ingest job %s failed", job.id)
            job.error = f"{type(e).__name__}: {e}"
            return "failed"
        finally:
            done.set()
            follower.join(timeout=5)
        return "succeeded"
