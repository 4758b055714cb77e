"""The citation graph: which documents each plan section cites, and every place citing each document.

Built when an index is loaded, from the mentions and facts stored in it. Each cited document knows
whether its text is held (``full_text``), held article by article in a Bộ Pháp điển chapter
(``codified``), or known only from citations (``citation_only``), and what the corpus says of its validity.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from tracuu.citations import issuer_level
from tracuu.facts.models import Facts, Holding, Validity, ValidityCode
from tracuu.index.store import IndexData
from tracuu.models import CitationMention, DocumentRecord
from tracuu.references.documents import DocumentResolver
from tracuu.text.dates import format_vn
from tracuu.text.doc_types import document_label
from tracuu.text.legal import is_legal_text

__all__ = ["CitedDocument", "CitationGraph", "ValidityStatus"]


@dataclass(frozen=True)
class ValidityStatus:
    code: ValidityCode
    label: str  # for officers, in Vietnamese


@dataclass
class CitedDocument:
    key: str
    number: str | None
    doc_type: str | None
    issuer: str | None
    date: str | None
    title: str | None
    level: str
    doc_id: str | None  # the document record (held or citation-only)
    holding: Holding
    codified_in: list[str] = field(default_factory=list)  # doc_ids of Pháp điển chapters holding its articles
    codified_rows: list[int] = field(default_factory=list)
    own_rows: list[int] = field(default_factory=list)
    validity: Validity | None = None
    mentions: list[CitationMention] = field(default_factory=list)

    @property
    def label(self) -> str:
        return document_label(self.doc_type, self.number, self.title) or self.key

    @property
    def text_rows(self) -> list[int]:
        return self.own_rows or self.codified_rows


class CitationGraph:
    def __init__(self, index: IndexData, facts: Facts, resolver: DocumentResolver | None = None) -> None:
        self.index = index
        # The one resolver of document names and numbers (the searcher's, when the engine shares it).
        self.resolver = resolver or DocumentResolver.from_index(index)
        self.documents: dict[str, CitedDocument] = {}
        self._aliases: dict[str, str] = {}
        by_key: dict[str, list[CitationMention]] = defaultdict(list)
        for m in index.mentions:
            by_key[m.key].append(m)
        records: dict[str, DocumentRecord] = {}
        for record in index.documents.values():
            for key in [record.number_key, *record.aliases]:
                if key:
                    records.setdefault(key, record)
                    if record.number_key and key != record.number_key:
                        self._aliases[key] = record.number_key
        codified: dict[str, list[int]] = defaultdict(list)
        own: dict[str, list[int]] = defaultdict(list)
        for row, chunk in enumerate(index.chunks):
            if chunk.source_key:
                codified[chunk.source_key].append(row)
            owner = index.documents.get(chunk.doc_id)
            if owner is not None and owner.number_key:
                own[owner.number_key].append(row)
        # Plans (not article-structured legislation) are what officers work from.
        self.plan_ids = {d.doc_id for d in index.documents.values() if d.text and not is_legal_text(d.text)}
        for key in set(by_key) | {k for k, d in records.items() if k == d.number_key}:
            doc = records.get(key)
            mentions = by_key.get(key, [])
            held = doc is not None and doc.status == "full_text"
            chapters = sorted({index.chunks[r].doc_id for r in codified.get(key, [])})
            self.documents[key] = CitedDocument(
                key=key,
                number=(doc.number if doc else None) or next((m.number for m in mentions if m.number), None),
                doc_type=(doc.doc_type if doc else None) or next((m.doc_type for m in mentions if m.doc_type), None),
                issuer=(doc.issuer if doc else None) or next((m.issuer for m in mentions if m.issuer), None),
                date=(doc.date if doc else None) or next((m.date for m in mentions if m.date), None),
                title=(doc.title if doc else None)
                or max((m.title for m in mentions if m.title), key=len, default=None),
                level=issuer_level(key),
                doc_id=doc.doc_id if doc else None,
                holding="full_text" if held else ("codified" if chapters else "citation_only"),
                codified_in=chapters,
                codified_rows=codified.get(key, []),
                own_rows=own.get(key, []) if held else [],
                validity=facts.validity.get(key),
                mentions=sorted(mentions, key=lambda m: (m.doc_id, m.start)),
            )

    # --- lookup -------------------------------------------------------------------------------

    def find(self, text: str) -> CitedDocument | None:
        """A document by number in any spelling (``145/2020/nd-cp``, ``23-QĐ/TW``), by type and number
        ("nghị định 145": the best match), or by a name the corpus gives it ("Bộ luat Lao động", "BLLĐ")."""
        key = self.resolver.resolve(text)
        return self.documents.get(self.canonical(key)) if key else None

    def canonical(self, key: str) -> str:
        return self._aliases.get(key, key)

    def citing_documents(self, plans_only: bool = True) -> list[str]:
        """Documents that cite others; by default only plans (what officers work from)."""
        ids = {m.doc_id for d in self.documents.values() for m in d.mentions}
        return sorted(ids & self.plan_ids if plans_only else ids)

    # --- validity -----------------------------------------------------------------------------

    def status(self, key: str, today: date | None = None) -> ValidityStatus:
        """Force of a document on ``today`` as far as the corpus says; never guessed."""
        doc = self.documents.get(key)
        v = doc.validity if doc else None
        today_iso = (today or date.today()).isoformat()
        unknown = ValidityStatus("unknown", "chưa rõ hiệu lực (kho văn bản không ghi nhận)")
        if v is None:
            return unknown
        by = self.documents.get(v.ended_by) if v.ended_by else None
        by_label = by.label if by else v.ended_by
        if v.ended_by and (v.ended_on is None or v.ended_on <= today_iso):
            when = f" từ {format_vn(v.ended_on)}" if v.ended_on else ""
            return ValidityStatus("ended", f"hết hiệu lực{when} (theo {by_label})")
        if v.effective_from and v.effective_from > today_iso:
            return ValidityStatus("not_yet", f"chưa có hiệu lực (hiệu lực từ {format_vn(v.effective_from)})")
        if v.ended_by:
            return ValidityStatus("in_force", f"còn hiệu lực đến trước {format_vn(v.ended_on)} (sau đó: {by_label})")
        if v.effective_from:
            return ValidityStatus(
                "in_force", f"có hiệu lực từ {format_vn(v.effective_from)}; kho không ghi nhận văn bản thay thế"
            )
        return unknown
