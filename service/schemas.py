"""Public API schemas: what clients see, kept apart from the index's internal records."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from service.filters import SearchFilters
from tracuu.facts.models import Holding, ValidityCode
from tracuu.models import DocStatus

__all__ = [
    "Source",
    "AskRequest",
    "AskResponse",
    "SearchResponse",
    "DocumentOut",
    "DocumentSummary",
    "ArticleOut",
    "IngestStatus",
    "Health",
    "ErrorOut",
]

MAX_QUESTION_CHARS = 1000
MAX_TOP_K = 50


class Source(BaseModel):
    """A passage of a stored document; ``text == document.text[start:end]`` exactly."""

    doc_id: str
    number: str | None = Field(
        description="number of the document the passage comes from (for a codified article, the original document)"
    )
    title: str | None
    section: str = Field(description='section path, e.g. "II.3 › ý 1" or "Chương III › Điều 51"')
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    url: str = Field(description="opens the passage highlighted in the document viewer")
    score: float
    codified_as: str | None = Field(
        default=None,
        description='the same article in Bộ Pháp điển, e.g. "Điều 20.2.LQ.107" (shown once, the original first)',
    )
    codified_note: str | None = Field(default=None, description="the Bộ Pháp điển note on that article")
    page: int | None = Field(
        default=None,
        description="page of the source file (PDF or scan) where the passage starts; null for formats without pages",
    )


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, max_length=MAX_QUESTION_CHARS, description="câu hỏi, có hoặc không dấu")
    top_k: int = Field(default=5, ge=1, le=MAX_TOP_K)
    filters: SearchFilters | None = Field(default=None, description="only passages of these documents")


class AskResponse(BaseModel):
    answer: str
    found: bool = Field(description="false when nothing relevant was found; the answer then says so")
    answer_source: Source | None = Field(default=None, description="the exact sentence or item quoted")
    answer_sources: list[Source] = Field(
        default_factory=list,
        description="every span the answer quotes, in order (answer_source first; a question of several asks "
        "is answered by one span each)",
    )
    sources: list[Source] = Field(
        description="the passages retrieved; when found is false, the nearest ones if they share the question's "
        "words (shown as such: they do not answer it), else none"
    )


class SearchResponse(BaseModel):
    results: list[Source]


class DocumentOut(BaseModel):
    doc_id: str
    number: str | None
    type: str | None
    issuer: str | None
    date: str | None
    title: str | None
    text: str
    status: DocStatus
    page_starts: list[int] = Field(
        default_factory=list, description="PDF or scan: offset in text where each page begins (page 1 first)"
    )


class IngestStatus(BaseModel):
    """An ingest running now (or the last one, when it failed), as the page banner shows it."""

    state: Literal["listing", "converting", "embedding", "writing", "done", "failed"]
    stage: int = Field(description="a first ingest publishes small files first: stage 1 of 2, then 2 of 2")
    stages: int
    files: int = Field(description="files this ingest reads")
    adding: list[str] = Field(description="files being added or changed")
    chunks_done: int
    chunks_total: int
    ocr_pages_done: int = 0
    ocr_pages_total: int = 0
    message: str | None = Field(default=None, description="why it failed")
    summary: str = Field(description='for officers: "đang bổ sung 3 văn bản: 640/1.646 đoạn"')


class DocumentSummary(BaseModel):
    """A document the service knows: held in full, held article by article in Bộ Pháp điển, or only cited."""

    doc_id: str | None = Field(description="mã văn bản for /api/documents/{doc_id}, when a record exists")
    key: str | None = Field(description="spelling-independent number key")
    number: str | None
    type: str | None
    title: str | None
    issuer: str | None
    date: str | None
    holding: Holding
    validity: ValidityCode = Field(description="in_force, not_yet, ended or unknown, as the corpus says")
    validity_label: str


class ArticleOut(BaseModel):
    """One article (or clause, or point) of a document; ``text == document(text_doc_id).text[start:end]``."""

    doc_id: str = Field(description="the document asked for")
    number: str | None
    article: str = Field(description='"Điều 107", "Khoản 3 Điều 107", "Điểm a Khoản 2 Điều 63"')
    text_doc_id: str = Field(description="the stored text holding it: the document itself or a Bộ Pháp điển chapter")
    section: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    url: str
    codified_as: str | None = None
    codified_note: str | None = None


class Health(BaseModel):
    status: Literal["ok", "no_index"]
    generation: str | None = None
    documents: int = 0
    chunks: int = 0
    embedder: str | None = None
    ingest: IngestStatus | None = Field(default=None, description="an ingest running beside the served index")


class ErrorOut(BaseModel):
    detail: str
