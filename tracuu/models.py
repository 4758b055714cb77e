"""Internal records shared by ingest, the index and the service.

These are what the index stores; the API has its own public schemas (``service/schemas.py``).
Offsets (``start``/``end``) always index the stored, normalised ``DocumentRecord.text``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from tracuu.text.doc_types import document_label

__all__ = [
    "DocumentRecord",
    "DocStatus",
    "RetrievalMode",
    "Section",
    "SectionPath",
    "ChunkRecord",
    "CitationMention",
    "SourceRef",
    "PREAMBLE",
    "RECIPIENTS",
    "CLOSING",
    "WHOLE_TEXT",
    "ATTACHED",
    "attached_type",
]

DocStatus = Literal["full_text", "citation_only"]
RetrievalMode = Literal["hybrid", "bm25"]  # what the service may run (TRACUU_RETRIEVAL)

# Labels of the parts of a document outside its numbered structure (Nghị định 30/2020/NĐ-CP layout).
PREAMBLE = "Phần mở đầu"  # text before the first heading
RECIPIENTS = "Nơi nhận"  # the recipients' list under the signature
CLOSING = "Phần kết"  # a plan's closing words ("Trên đây là …")
WHOLE_TEXT = "Toàn văn"  # a chunk with no section at all
# A document issued with another ("QUY CHẾ … (Ban hành kèm theo Quyết định số …)"): its part is labelled
# "Kèm theo: Quy chế", and its articles are its own, not the decision's of the same number.
ATTACHED = "Kèm theo: "

_SEPARATOR = " › "


def attached_type(section: str) -> str | None:
    """The type of the document issued with another that a section (as displayed) belongs to: "Quy chế" for
    "Kèm theo: Quy chế › Chương II › Điều 5", None for the issuing document's own sections."""
    return section.removeprefix(ATTACHED).split(_SEPARATOR, 1)[0] if section.startswith(ATTACHED) else None


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

    @property
    def label(self) -> str:
        """How officers name it: "Kế hoạch 439/KH-LĐLĐ", else its title ("Đề mục 44.13 …"), else its id."""
        return document_label(self.doc_type, self.number, self.title) or self.doc_id

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


@dataclass(frozen=True)
class SectionPath:
    """Where a chunk sits: its section labels, outermost first, and the article among them (if any).

    The one place a path becomes the string people read (``display``); code reads the parts.

    >>> path = SectionPath(("Chương III", "Điều 51"), article="Điều 51").child("Khoản 2")
    >>> path.display, path.article, path.leaf
    ('Chương III › Điều 51 › Khoản 2', 'Điều 51', 'Khoản 2')
    >>> SectionPath().display
    'Toàn văn'
    """

    parts: tuple[str, ...] = ()
    article: str | None = None  # "Điều 51", "Điều 99.1.NĐ.1.39"

    @property
    def display(self) -> str:
        return _SEPARATOR.join(self.parts) or WHOLE_TEXT

    @property
    def leaf(self) -> str | None:
        return self.parts[-1] if self.parts else None

    @property
    def nested(self) -> bool:
        """True below the top level ("II.3 › ý 2", not "II.3")."""
        return len(self.parts) > 1

    def up_to_article(self) -> SectionPath:
        """The article's own path ("Chương III › Điều 51"): where a quote spanning several of its chunks sits."""
        if self.article is None or self.article not in self.parts:
            return self
        return SectionPath(self.parts[: self.parts.index(self.article) + 1], self.article)

    def child(self, label: str, *, article: bool = False) -> SectionPath:
        return SectionPath((*self.parts, label), label if article else self.article)

    def __str__(self) -> str:
        return self.display


@dataclass
class ChunkRecord:
    chunk_id: str
    doc_id: str
    section_path: SectionPath
    start: int
    end: int
    text: str  # == document.text[start:end]
    # The document title, then the opening text of each section above the chunk: context prepended when
    # embedding and matching.
    headings: tuple[str, ...] = ()
    citations: list[str] = field(default_factory=list)  # number keys mentioned in the chunk
    source_number: str | None = None  # for codified articles: the original document …
    source_key: str | None = None
    source_article: str | None = None  # … and its article
    pages: list[int] = field(default_factory=list)  # pages of the source file (PDF, scan) the chunk spans

    @property
    def section(self) -> str:
        """The section path as people read it: "Chương III › Điều 51" or "II.3 › ý 2"."""
        return self.section_path.display

    @property
    def article(self) -> str | None:
        return self.section_path.article

    @property
    def context(self) -> str:
        return _SEPARATOR.join(self.headings)

    @property
    def indexed_text(self) -> str:
        """What the embedder and the lexical index see: the headings above the chunk, then the chunk."""
        return f"{self.context}\n{self.text}" if self.context else self.text

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["section"] = self.section  # for readers of the stored records; ``from_dict`` ignores it
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ChunkRecord:
        data = dict(data)
        data.pop("section", None)
        path = data.pop("section_path")
        return cls(
            section_path=SectionPath(tuple(path["parts"]), path["article"]),
            headings=tuple(data.pop("headings", ())),
            **data,
        )


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
