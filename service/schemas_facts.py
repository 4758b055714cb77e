"""Public schemas of structured facts and the citation graph (same ``Source`` as /api/ask)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from service.schemas import Source
from tracuu.facts.models import AssignmentKind, DeadlineKind, Holding, ValidityCode

__all__ = [
    "DeadlineOut",
    "DeadlinesResponse",
    "TargetOut",
    "TargetsResponse",
    "AssignmentOut",
    "AssignmentsResponse",
    "ValidityOut",
    "CitedDocumentOut",
    "CitingPassage",
    "CitedDocumentDetail",
    "SectionCitations",
    "CitationGraphOut",
]


class DeadlineOut(BaseModel):
    date: str = Field(description="ISO date")
    date_text: str = Field(description="the date as written")
    kind: DeadlineKind
    what: str
    who: str | None = Field(description="who must do it")
    to_whom: str | None = Field(description="where it is sent")
    document: str | None = Field(description="for effective/ended/issued: number of the document concerned")
    source: Source


class DeadlinesResponse(BaseModel):
    deadlines: list[DeadlineOut]


class TargetOut(BaseModel):
    value: float
    unit: str
    subject: str = Field(description="population the target applies to")
    description: str
    year: int | None
    label: str = Field(description="the target's place in its list, e.g. III.6")
    source: Source


class TargetsResponse(BaseModel):
    targets: list[TargetOut]


class AssignmentOut(BaseModel):
    assignee: str
    task: str
    kind: AssignmentKind
    source: Source


class AssignmentsResponse(BaseModel):
    assignments: list[AssignmentOut]


class ValidityOut(BaseModel):
    status: ValidityCode
    label: str
    effective_from: str | None = None
    effective_source: Source | None = None
    ended_by: str | None = None
    ended_on: str | None = None
    ended_source: Source | None = None


class CitedDocumentOut(BaseModel):
    key: str
    number: str | None
    type: str | None
    issuer: str | None
    date: str | None
    title: str | None
    level: str = Field(description="issuer level: Trung ương Đảng, Chính phủ, Bộ, Tỉnh, Công đoàn, …")
    doc_id: str | None
    holding: Holding
    validity: ValidityOut
    citations: int = Field(description="number of places citing it")
    url: str | None = Field(description="the document page, when the service knows the document")


class CitingPassage(BaseModel):
    citation: Source = Field(description="the reference as cited, with its date, issuer and title")
    passage: Source = Field(description="the passage (plan item, article) that holds it")


class CitedDocumentDetail(CitedDocumentOut):
    cited_in: list[CitingPassage]
    articles: list[Source] = Field(description="articles of the document held in the corpus, most relevant first")


class SectionCitations(BaseModel):
    doc_id: str
    section: str
    cites: list[str] = Field(description="keys of the documents cited in this section")
    source: Source


class CitationGraphOut(BaseModel):
    documents: list[CitedDocumentOut]
    sections: list[SectionCitations]
