"""Iterate the units (sentences, list items) of a document's chunks, with what facts need around them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tracuu.facts.models import FactSpan
from tracuu.models import ChunkRecord, CitationMention, DocumentRecord
from tracuu.text.units import Unit, split_units

__all__ = ["UnitInContext", "units_of", "span_of"]


@dataclass(frozen=True)
class UnitInContext:
    doc: DocumentRecord
    chunk: ChunkRecord
    unit: Unit
    mentions: tuple[CitationMention, ...]  # citations inside the unit, keys already canonical

    def mentions_before(self, pos: int) -> list[CitationMention]:
        """Citations that end before ``pos`` (an offset inside the unit's text)."""
        return [m for m in self.mentions if m.end <= self.unit.start + pos]

    def mentions_after(self, pos: int) -> list[CitationMention]:
        return [m for m in self.mentions if m.start >= self.unit.start + pos]

    @property
    def self_key(self) -> str | None:
        """The document that "… này" refers to: a codified article's source, else the document itself."""
        return self.chunk.source_key or self.doc.number_key

    @property
    def headings(self) -> list[str]:
        return [h.strip() for h in self.chunk.headings if h.strip()]


def units_of(
    doc: DocumentRecord, chunks: list[ChunkRecord], mentions: list[CitationMention]
) -> Iterator[UnitInContext]:
    for chunk in sorted(chunks, key=lambda c: c.start):
        for unit in split_units(chunk.text, chunk.start):
            inside = tuple(m for m in mentions if unit.start <= m.start and m.end <= unit.end)
            yield UnitInContext(doc, chunk, unit, inside)


def span_of(u: UnitInContext, start: int | None = None, end: int | None = None) -> FactSpan:
    return FactSpan(
        u.doc.doc_id, u.chunk.section, u.unit.start if start is None else start, u.unit.end if end is None else end
    )
