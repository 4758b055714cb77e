"""Internal records shared by ingest, the index and the service.

These are what the index stores; the API has its own public schemas (``service/schemas.py``).
Offsets (``start``/``end``) always index the stored, normalised ``DocumentRecord.text``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = ["DocumentRecord", "Section", "ChunkRecord", "CitationMention", "SourceRef"]

DocStatus = Literal["full_text", "citation_only"]


@dataclass
class DocumentRecord:
    doc_id: str
    text: str  # normalised text ("" when only citations of the document are known)
    status: DocStatus = "full_text"
    number: str | None = None  # canonical spelling, e.g. "04/2015/NĐ-CP"
    number_key: str | None = None  # spelling-independent identity, see tracuu.citations
    doc_type: str | None = None  # "Nghị định", "Kế hoạch", "Đề mục Pháp điển", …
    issuer: str | None = None
    date: str | None = None  # ISO date of issue
    title: str | None = None
    source_path: str | None = None
    content_hash: str | None = None  # sha256 of the source file
    aliases: list[str] = field(default_factory=list)  # other keys that name this document
    page_starts: list[int] = field(default_factory=list)  # PDF or scan: offset where each page begins

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentRecord:
        return cls(**data)


@dataclass(frozen=True)
class SourceRef:
    """The original document and article a codified article (Bộ Pháp điển) comes from."""

    number: str | None  # "145/2020/NĐ-CP"
    number_key: str | None
    article: str | None  # "Điều 5"
    note: str  # the note as printed


@dataclass
class Section:
    """A structural unit of a document: Chương, Mục, Điều, Khoản, Điểm, or a plan's I./1./- item."""

    kind: str  # part, chapter, section, article, clause, point, heading, item, bullet, preamble, closing
    label: str  # "Chương III", "Điều 51", "II", "3", "ý 2"
    heading: str  # first line of the unit, for context
    start: int
    end: int
    rank: int
    children: list[Section] = field(default_factory=list)
    source: SourceRef | None = None


@dataclass
class ChunkRecord:
    chunk_id: str
    doc_id: str
    section: str  # display path, "Chương III › Điều 51" or "II.3 › ý 2"
    start: int
    end: int
    text: str  # == document.text[start:end]
    context: str  # headings above the chunk, prepended when embedding and matching
    citations: list[str] = field(default_factory=list)  # number keys mentioned in the chunk
    source_number: str | None = None  # for codified articles: the original document …
    source_key: str | None = None
    source_article: str | None = None  # … and its article
    pages: list[int] = field(default_factory=list)  # pages of the source file (PDF, scan) the chunk spans

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ChunkRecord:
        return cls(**data)


@dataclass
class CitationMention:
    """One place where a document cites another, with what it says about the cited document."""

    key: str
    number: str | None
    doc_type: str | None
    date: str | None
    issuer: str | None
    title: str | None
    doc_id: str  # the citing document
    section: str
    start: int  # span of the reference itself in the citing document's text
    end: int
    mention_end: int  # end of the reference with its date, issuer and title

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CitationMention:
        return cls(**data)
