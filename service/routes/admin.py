"""/api/admin: upload documents, re-ingest in the background, follow jobs, delete uploaded documents.

Every route needs ``Authorization: Bearer <TRACUU_ADMIN_KEY>``. Without a strong key the routes are
not installed at all (404, absent from /openapi.json) and the log says why. With one they are still
left out of the public OpenAPI schema and /docs: those are served to anyone, and the admin surface is
for operators, who have the README; the routes are tested in ``tests/test_admin.py``.

- ``POST /api/admin/documents?overwrite=false&reindex=true``: multipart, one or more ``files``. Each
  file is converted as the ingest would, deciding by content; if any is refused (422, one code per
  file) nothing is stored. Stored under a safe name in the upload folder, then a re-ingest is queued.
- ``POST /api/admin/reindex``: queue a re-ingest of the corpus (202 with the job).
- ``GET /api/admin/jobs``, ``GET /api/admin/jobs/{id}``: status and the per-file report of the ingest.
- ``DELETE /api/admin/documents/{doc_id}``: remove an uploaded document's file, then re-ingest.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from ingest.sandbox import SandboxLimits
from ingest.uploads import NotAnUpload, UploadExists, UploadFolder, UploadRejected
from service.admin_auth import FailedAttempts, admin_key_problem, require_admin
from service.admin_schemas import DeleteOut, JobOut, RejectedOut, StoredOut, UploadOut, UploadRefused
from service.deps import EngineDep, SettingsDep
from service.jobs import IngestJobs, JobNotFound
from service.security import UPLOAD_PATH
from tracuu.settings import Settings

__all__ = ["router", "install_admin"]

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api/admin", tags=["admin"], include_in_schema=False, dependencies=[Depends(require_admin)])

DocId = Annotated[str, PathParam(min_length=1, max_length=120, pattern=r"^[a-z0-9][a-z0-9.-]*$")]
JobId = Annotated[str, PathParam(pattern=r"^[0-9a-f]{32}$")]


def _jobs(request: Request) -> IngestJobs:
    return request.app.state.ingest_jobs


def _uploads(request: Request) -> UploadFolder:
    return request.app.state.uploads


JobsDep = Annotated[IngestJobs, Depends(_jobs)]
UploadsDep = Annotated[UploadFolder, Depends(_uploads)]


def install_admin(app: FastAPI, settings: Settings) -> bool:
    """Add the admin routes when ``admin_key`` is strong; otherwise log why not. Returns whether added."""
    problem = admin_key_problem(settings.admin_key)
    if problem is not None:
        log.warning("admin routes disabled (/api/admin/* answers 404): %s", problem)
        return False
    app.state.admin_key = settings.admin_key
    app.state.admin_failures = FailedAttempts()
    if settings.store == "postgres":  # uploads and the job queue in the database, shared by every replica
        from ingest.db_uploads import DatabaseUploads
        from service.db_jobs import DatabaseJobs

        app.state.uploads = DatabaseUploads(
            settings.database_url or "",
            settings.uploads,
            max_bytes=settings.max_upload_bytes,
            limits=SandboxLimits.of(settings),
        )
        app.state.ingest_jobs = DatabaseJobs(app.state.holder, settings, app.state.uploads)
    else:
        app.state.uploads = UploadFolder(
            settings.uploads, max_bytes=settings.max_upload_bytes, limits=SandboxLimits.of(settings)
        )
        app.state.ingest_jobs = IngestJobs(app.state.holder, paths=lambda: settings.ingest_paths())
    app.include_router(router)
    log.info("admin routes enabled under /api/admin; uploads go to %s", app.state.uploads.folder)
    return True


@router.post(
    UPLOAD_PATH.removeprefix("/api/admin"),
    status_code=202,
    response_model=UploadOut,
    responses={409: {}, 413: {}, 415: {}, 422: {"model": UploadRefused}},
)
async def upload_documents(
    request: Request,
    uploads: UploadsDep,
    jobs: JobsDep,
    settings: SettingsDep,
    overwrite: Annotated[bool, Query(description="replace files of the same name")] = False,
    reindex: Annotated[bool, Query(description="queue a re-ingest afterwards")] = True,
):
    if not request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
        raise HTTPException(415, "gửi tệp dạng multipart/form-data / send the files as multipart/form-data")
    # Parsed here, after require_admin, so nobody without the key makes the server read a body.
    try:
        form = await request.form(max_files=settings.max_upload_files, max_fields=10)
    except StarletteHTTPException as e:  # Starlette's multipart errors: too many files or fields, bad framing
        if e.status_code != 400:
            raise
        raise HTTPException(
            400, f"multipart không hợp lệ / bad multipart body: {e.detail} (at most {settings.max_upload_files} files)"
        ) from e
    try:
        files = [value for _, value in form.multi_items() if isinstance(value, UploadFile)]
        if not files:
            raise HTTPException(422, "không có tệp nào / no file: send them in the multipart field 'files'")
        checked, rejected = [], []
        for f in files:  # one file in memory at a time; the parser spooled them to disk
            data = await f.read(settings.max_upload_bytes + 1)
            try:
                checked.append((await run_in_threadpool(uploads.check, f.filename or "", data), f.file))
            except UploadRejected as e:
                rejected.append(RejectedOut.of(e))
            del data
        if rejected:
            return _refused(f"{len(rejected)} of {len(files)} files refused; nothing was stored", rejected)
        try:
            stored = await run_in_threadpool(uploads.store, checked, overwrite=overwrite)
        except UploadRejected as e:
            return _refused(f"{e.message}; nothing was stored", [RejectedOut.of(e)])
        except UploadExists as e:
            raise HTTPException(
                409, f"đã có tệp / already uploaded: {', '.join(e.names)}; send overwrite=true to replace them"
            ) from e
    finally:
        await form.close()
    log.info("admin upload stored %s", ", ".join(s.name for s in stored))
    job = jobs.submit("upload") if reindex else None
    return UploadOut(stored=[StoredOut.of(s) for s in stored], job=JobOut.of(job) if job else None)


def _refused(detail: str, files: list[RejectedOut]) -> JSONResponse:
    return JSONResponse(status_code=422, content=UploadRefused(detail=detail, files=files).model_dump())


@router.post("/reindex", status_code=202, response_model=JobOut)
def reindex(jobs: JobsDep) -> JobOut:
    return JobOut.of(jobs.submit("reindex"))


@router.get("/jobs", response_model=list[JobOut])
def list_jobs(jobs: JobsDep) -> list[JobOut]:
    return [JobOut.of(j) for j in jobs.recent()]


@router.get("/jobs/{job_id}", response_model=JobOut, responses={404: {}})
def get_job(job_id: JobId, jobs: JobsDep) -> JobOut:
    try:
        return JobOut.of(jobs.get(job_id))
    except JobNotFound as e:
        raise HTTPException(404, f"không có công việc '{job_id}' / unknown job") from e


@router.delete("/documents/{doc_id}", status_code=202, response_model=DeleteOut, responses={404: {}, 409: {}})
def delete_document(doc_id: DocId, engine: EngineDep, uploads: UploadsDep, jobs: JobsDep) -> DeleteOut:
    doc = engine.index.documents.get(doc_id)
    if doc is None:
        raise HTTPException(404, f"không có văn bản '{doc_id}' / unknown document")
    if not doc.source_path:
        raise HTTPException(409, f"'{doc_id}' has no file (known only from citations); nothing to delete")
    try:
        removed: Path | None = uploads.remove(Path(doc.source_path))
    except NotAnUpload as e:
        raise HTTPException(
            409, f"'{doc_id}' is not an uploaded document: only files of the upload folder can be deleted here"
        ) from e
    except FileNotFoundError:
        removed = None  # deleted already; the re-ingest below drops it from the index
    log.info("admin deleted %s (%s)", doc_id, removed)
    return DeleteOut(doc_id=doc_id, deleted=removed.name if removed else None, job=JobOut.of(jobs.submit("delete")))
