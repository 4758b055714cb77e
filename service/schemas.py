"""Public API schemas: what clients see, kept apart from the index's internal records."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Source", "AskRequest", "AskResponse", "SearchResponse", "DocumentOut", "Health", "ErrorOut"]

MAX_QUESTION_CHARS = 1000
MAX_TOP_K = 50


class Source(BaseModel):
    """A passage of a stored document; ``text == document.text[start:end]`` exactly."""

    doc_id: str
    number: str | None = Field(description="number of the document the passage comes from (for a codified "
                                            "article, the original document)")
    title: str | None
    section: str = Field(description='section path, e.g. "II.3 › ý 1" or "Chương III › Điều 51"')
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    url: str = Field(description="opens the passage highlighted in the document viewer")
    score: float
    page: int | None = Field(default=None, description="page of the source file (PDF or scan) where the "
                                                       "passage starts; null for formats without pages")


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, max_length=MAX_QUESTION_CHARS, description="câu hỏi, có hoặc không dấu")
    top_k: int = Field(default=5, ge=1, le=MAX_TOP_K)


class AskResponse(BaseModel):
    answer: str
    found: bool = Field(description="false when nothing relevant was found; the answer then says so")
    answer_source: Source | None = Field(default=None, description="the exact sentence or item quoted")
    sources: list[Source]


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
    status: Literal["full_text", "citation_only"]
    page_starts: list[int] = Field(default_factory=list, description="PDF or scan: offset in text where each "
                                                                       "page begins (page 1 first)")


class Health(BaseModel):
    status: Literal["ok", "no_index"]
    generation: str | None = None
    documents: int = 0
    chunks: int = 0
    embedder: str | None = None


class ErrorOut(BaseModel):
    detail: str
