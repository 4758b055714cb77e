"""Validity as the corpus states it: effective dates, and which documents end or replace which.

Two sentence shapes carry it in Vietnamese legislation:
"<A> … hết hiệu lực kể từ ngày <D | X này có hiệu lực>" and "X này có hiệu lực … từ ngày D và thay thế <A>".
Only what a text says is recorded; a document the corpus says nothing about has unknown validity.
"""

from __future__ import annotations

import re

from tracuu.facts.models import Deadline, Validity
from tracuu.facts.walk import UnitInContext, span_of
from tracuu.text.dates import find_dates

__all__ = ["endings_in_unit", "ending_lead", "endings_in_item", "merge_validity"]

_ENDS = re.compile(r"hết hiệu lực")
_REPLACES = re.compile(r"\b(?:thay thế)\b")
_AMENDS = re.compile(r"sửa đổi|bổ sung")


def endings_in_unit(u: UnitInContext) -> list[Validity]:
    """Documents this unit ends or replaces, ended by the document the unit belongs to ("… này")."""
    text = u.unit.text
    self_key = u.self_key
    if self_key is None or not (_ENDS.search(text) or _REPLACES.search(text)):
        return []
    out: list[Validity] = []
    m_end = _ENDS.search(text)
    if m_end:
        after = text[m_end.end() :]
        dates = find_dates(after[:60])
        ended_on = dates[0].value.isoformat() if dates else None
        for c in u.mentions_before(m_end.start()):
            if c.key != self_key and not _AMENDS.search(u.doc.text[c.end : c.mention_end]):
                out.append(Validity(c.key, ended_by=self_key, ended_on=ended_on, ended_span=span_of(u)))
    m_rep = _REPLACES.search(text)
    if m_rep and not m_end:
        dates = find_dates(text[: m_rep.start()])
        ended_on = dates[-1].value.isoformat() if dates else None
        for c in u.mentions_after(m_rep.end()):
            if c.key != self_key:
                out.append(Validity(c.key, ended_by=self_key, ended_on=ended_on, ended_span=span_of(u)))
    return out


_LEAD = re.compile(r"sau đây hết hiệu lực(?: thi hành)?\s*:\s*$")
_ITEM = re.compile(r"^[a-zđ]\)\s|^\d{1,2}\.\s")


def ending_lead(u: UnitInContext) -> str | None:
    """ "… các Nghị định sau đây hết hiệu lực thi hành:": the key of the document ending the list below."""
    return u.self_key if _LEAD.search(u.unit.text) and not u.mentions_before(len(u.unit.text)) else None


def endings_in_item(u: UnitInContext, ended_by: str) -> list[Validity] | None:
    """The document a list item under an ending lead begins with ("a) Nghị định số 03/2014/NĐ-CP …");
    None once the list is over. Other documents the item names (the law it implemented) are not ended."""
    text = u.doc.text
    line = text[text.rfind("\n", 0, u.unit.start) + 1 : u.unit.end]
    if not _ITEM.match(line):
        return None
    first = next((c for c in u.mentions if c.number), None)
    if first is None or first.key == ended_by or first.start - u.unit.start > 20:
        return []
    return [Validity(first.key, ended_by=ended_by, ended_span=span_of(u))]


def merge_validity(effective: list[Deadline], endings: list[Validity]) -> dict[str, Validity]:
    """One record per document: its first stated effective date, and the first text that ends it.

    An ending "from the day this law takes effect" gets that law's effective date.
    """
    out: dict[str, Validity] = {}
    for d in effective:
        if d.kind == "effective" and d.subject_key and d.subject_key not in out:
            out[d.subject_key] = Validity(d.subject_key, effective_from=d.date, effective_span=d.span)
    for e in endings:
        current = out.get(e.key, Validity(e.key))
        if current.ended_by is not None:
            continue
        ended_on = e.ended_on or (out[e.ended_by].effective_from if e.ended_by in out else None)
        out[e.key] = Validity(e.key, current.effective_from, current.effective_span, e.ended_by, ended_on, e.ended_span)
    return out
