"""Dates with their meaning: what is due when and to whom, when a document takes effect, when issued.

``… báo cáo kết quả … về UBND tỉnh (qua Sở Nội vụ) chậm nhất ngày 01/11/2023`` becomes a due date
2023-11-01, what = "báo cáo kết quả …", to whom = "UBND tỉnh (qua Sở Nội vụ)", who = the unit the plan
item is assigned to ("Liên đoàn Lao động tỉnh").
"""

from __future__ import annotations

import re

from tracuu.facts.models import Deadline, DeadlineKind, FactSpan
from tracuu.facts.walk import UnitInContext, span_of
from tracuu.models import PREAMBLE, DocumentRecord
from tracuu.text.dates import find_dates
from tracuu.text.doc_types import document_label, names_pattern

__all__ = ["deadlines_in_unit", "issue_date", "responsible_unit"]

_DUE = re.compile(r"(?:chậm nhất|trước|hạn chót|hạn cuối|thời hạn|hạn)\s+(?:là\s+|vào\s+)?(?:ngày\s*)?$", re.I)
# "gửi … về … ngày <date>" within one clause: a verb of handing in, a recipient, then the date.
_SUBMIT_VERB = re.compile(r"\b(?:gửi|nộp|báo cáo|trình|hoàn thành)\b", re.I)
_SUBMIT_TO = re.compile(r"(?=(\s(?:về|cho|lên)\s))", re.I)
# How far before a date its wording is read: every pattern here ends at the date, and reading the whole
# unit before each date costs (dates × unit length), quadratic on a long list of dates.
_WINDOW = 600
_EFFECTIVE = re.compile(r"(?<!hết )hiệu lực(?:\s+thi hành)?(?:\s+kể)?\s+từ\s+ngày\s*$", re.I)
_ENDED = re.compile(r"hết hiệu lực(?:\s+thi hành)?(?:\s+kể)?\s+từ\s+ngày\s*$", re.I)
_THIS_DOC = re.compile(rf"\b(?:{names_pattern(governing_only=True)}) này\b")  # "Luật này", "Kế hoạch này"
_RECIPIENT = re.compile(r"\s(?:về|cho|lên)\s+(?=[A-ZĐ])")
_PLAN_PART = "TỔ CHỨC THỰC HIỆN"


def responsible_unit(u: UnitInContext) -> str | None:
    """Who carries out a plan item: the numbered heading ("1. Liên đoàn Lao động tỉnh.") above a bullet in
    the plan's "TỔ CHỨC THỰC HIỆN" part."""
    heads = u.headings
    if not u.chunk.section_path.nested or not any(_PLAN_PART in h.upper() for h in heads):
        return None
    last = heads[-1]
    if _PLAN_PART in last.upper():
        return None
    return re.sub(r"^\d+\.\s*", "", last).rstrip(". ").strip() or None


def _obliged(text: str) -> str | None:
    """The subject of "X phải …" in a legal sentence."""
    m = re.match(r"^(.{3,80}?)\s+phải\s", text)
    return m.group(1).strip() if m else None


def _submitted(before: str) -> bool:
    """What the regex ``\\b(?:gửi|…)\\b[^;]*\\s(?:về|cho|lên)\\s[^;]*ngày\\s*$`` says, in linear time (the regex
    backtracks cubically when "ngày" is missing): the clause ends with "ngày", and some recipient marker
    lies between the end of the first verb and that "ngày"."""
    clause = before[before.rfind(";") + 1 :]
    stripped = clause.rstrip()
    if stripped[-4:].lower() != "ngày":
        return False
    day = len(stripped) - 4
    verb_end = min((m.end() for m in _SUBMIT_VERB.finditer(clause, 0, day)), default=None)
    if verb_end is None:
        return False
    return any(m.start() >= verb_end and m.end(1) <= day for m in _SUBMIT_TO.finditer(clause, verb_end, day))


def _window_start(text: str, pos: int) -> int:
    """Where the wording of a date at ``pos`` can begin: ``_WINDOW`` characters back, at a word start."""
    if pos <= _WINDOW:
        return 0
    space = text.find(" ", pos - _WINDOW, pos)
    return pos if space < 0 else space + 1


def _clause_before(text: str, pos: int) -> tuple[int, str]:
    window = _window_start(text, pos)
    start = max(text.rfind(";", window, pos) + 1, window)
    while start < pos and text[start].isspace():
        start += 1
    return start, text[start:pos]


def _what_and_recipient(clause: str) -> tuple[str, str | None]:
    clause = _DUE.sub("", clause)
    clause = re.sub(r"\s*ngày\s*$", "", clause).strip(" ,")
    recipients = list(_RECIPIENT.finditer(clause))
    if recipients:
        m = recipients[-1]
        return clause[: m.start()].strip(" ,"), clause[m.end() :].strip(" ,") or None
    return clause, None


def _subject_before(u: UnitInContext, pos: int) -> tuple[str | None, str | None]:
    """The document a "… có hiệu lực từ ngày" phrase is about, and how the text names it."""
    text = u.unit.text
    this = list(_THIS_DOC.finditer(text[:pos]))
    cites = u.mentions_before(pos)
    if this and (not cites or this[-1].start() + u.unit.start > cites[-1].start):
        return u.self_key, this[-1].group(0)
    if cites:
        m = cites[-1]
        return m.key, u.doc.text[m.start : m.end]
    return None, None


def deadlines_in_unit(u: UnitInContext, issued_on: str | None, plan: bool) -> list[Deadline]:
    """Dates of ``u`` with their meaning. Due dates are read in plans only: in legislation an absolute date
    after "trước ngày" is a transitional rule ("hợp đồng ký trước ngày 01/01/1995"), not a task."""
    text = u.unit.text
    out: list[Deadline] = []
    for m in find_dates(text):
        before = text[_window_start(text, m.start) : m.start]
        kind: DeadlineKind | None = None
        if _ENDED.search(before):
            kind = "ended"
        elif _EFFECTIVE.search(before):
            kind = "effective"
        elif plan and (_DUE.search(before) or _submitted(before)):
            if issued_on is None or m.value.isoformat() >= issued_on:
                kind = "due"
        if kind is None:
            continue
        clause_start, clause = _clause_before(text, m.start)
        span = span_of(u)
        if kind == "due":
            what, to_whom = _what_and_recipient(clause)
            who = responsible_unit(u) or _obliged(text)
            out.append(Deadline(m.value.isoformat(), m.text, "due", what, who, to_whom, None, span))
        else:
            subject, named = _subject_before(u, m.start)
            verb = "có hiệu lực" if kind == "effective" else "hết hiệu lực"
            what = f"{named} {verb}" if named else clause.strip()
            out.append(Deadline(m.value.isoformat(), m.text, kind, what, None, None, subject, span))
    return out


def issue_date(doc: DocumentRecord) -> Deadline | None:
    """The document's own date, as a fact pointing at the header line that states it."""
    if not doc.date or not doc.text:
        return None
    for m in find_dates(doc.text[:2000]):
        if m.value.isoformat() == doc.date:
            line_start = doc.text.rfind("\n", 0, m.start) + 1
            line_end = doc.text.find("\n", m.end)
            line_end = len(doc.text) if line_end < 0 else line_end
            name = document_label(doc.doc_type, doc.number, doc.title) or doc.doc_id
            span = FactSpan(doc.doc_id, PREAMBLE, line_start, line_end)
            return Deadline(doc.date, m.text, "issued", f"Ban hành {name}", None, None, doc.number_key, span)
    return None
