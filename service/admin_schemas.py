"""What the admin API returns, apart from the public schemas and from the jobs' internal records."""

from __future__ import annotations

from typing import Any, get_type_hints

from pydantic import BaseModel, Field

from ingest.report import FileReport
from ingest.uploads import StoredFile, UploadRejected
from service.jobs import IngestJob, JobStatus

__all__ = ["FileReportOut", "JobOut", "StoredOut", "UploadOut", "RejectedOut", "UploadRefused", "DeleteOut"]

FileStatus = get_type_hints(FileReport)["status"]  # the ingest's own Literal, so the two never drift apart


class FileReportOut(BaseModel):
    """One file of an ingest: indexed, failed with a converter code (needs_ocr, encrypted …), or skipped."""

    path: str
    status: FileStatus  # type: ignore[valid-type]
    code: str | None = None
    message: str | None = None
    doc_id: str | None = None
    chunks: int = 0
    changed: bool = True
    warnings: list[str] = Field(default_factory=list)

    @classmethod
    def of(cls, report: FileReport) -> FileReportOut:
        return cls(**report.to_dict())


class JobOut(BaseModel):
    id: str
    reason: str
    status: JobStatus
    created_at: float
    started_at: float | None
    finished_at: float | None
    generation: str | None = Field(description="the index generation the job built, once it succeeded")
    summary: dict[str, Any] | None
    error: str | None
    files: list[FileReportOut]
    progress: str | None = Field(default=None, description='while running, the OCR page reached: "OCR trang 3/20"')

    @classmethod
    def of(cls, job: IngestJob) -> JobOut:
        return cls(
            id=job.id,
            reason=job.reason,
            status=job.status,
            created_at=job.created_at,
            started_at=job.started_at,
            finished_at=job.finished_at,
            generation=job.generation,
            summary=job.summary,
            error=job.error,
            files=[FileReportOut.of(r) for r in job.reports],
            progress=job.progress,
        )


class StoredOut(BaseModel):
    filename: str = Field(description="the name the client sent")
    name: str = Field(description="the safe name it is stored under, in the upload folder")
    format: str = Field(description="what the content is: pdf, docx, doc, rtf, html, phapdien, txt, png, jpeg or tiff")
    bytes: int
    replaced: bool

    @classmethod
    def of(cls, stored: StoredFile) -> StoredOut:
        return cls(
            filename=stored.filename,
            name=stored.name,
            format=stored.format,
            bytes=stored.bytes,
            replaced=stored.replaced,
        )


class UploadOut(BaseModel):
    stored: list[StoredOut]
    job: JobOut | None = Field(description="the re-ingest that will index them (none with reindex=false)")


class RejectedOut(BaseModel):
    filename: str
    code: str
    message: str

    @classmethod
    def of(cls, error: UploadRejected) -> RejectedOut:
        return cls(filename=error.filename, code=error.code, message=error.message)


class UploadRefused(BaseModel):
    detail: str
    files: list[RejectedOut]


class DeleteOut(BaseModel):
    doc_id: str
    deleted: str | None = Field(description="the removed file's name; null if it was already gone")
    job: JobOut
