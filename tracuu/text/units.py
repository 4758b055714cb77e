"""Sentences and list items: the smallest spans an answer or a fact quotes.

>>> [u.text for u in split_units("- Giao Ban A tham mưu; báo cáo chậm nhất ngày 01/11/2023.", 0)]
['Giao Ban A tham mưu;', 'báo cáo chậm nhất ngày 01/11/2023.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Unit", "split_units"]

# Units end at a sentence end, a semicolon (long enumerations in plans) or a line break.
_UNIT_END = re.compile(r"(?<=[.;!?])\s+(?=\S)|\n+")
_LEAD = re.compile(r"^(?:[-–•+*]\s+|\d{1,3}\.\s+|[a-zđ]\)\s+)")
# "Điều 63." is not a sentence: the article number belongs with its title.
_DANGLING = re.compile(r"(?:^|\s)(?:Điều|Khoản|Mục|Chương|Phần)\s+\S+\.$|^\d{1,3}\.$|^[IVX]+\.$")
_DANGLING_TAIL = 64  # a dangling marker is short: only the end of a growing unit is searched


def _dangles(text: str, start: int, end: int) -> bool:
    """``_DANGLING`` on ``text[start:end]``, reading only its tail: a run of "Điều 1. Điều 2. …" keeps one
    unit growing, and searching all of it at every step would be quadratic."""
    tail_start = max(start, end - _DANGLING_TAIL)
    m = _DANGLING.search(text[tail_start:end])
    return m is not None and (
        tail_start == start or m.start() > 0 or text[tail_start].isspace() or text[tail_start - 1].isspace()
    )


@dataclass(frozen=True)
class Unit:
    start: int  # absolute offsets in the document text
    end: int
    text: str


def split_units(text: str, offset: int, min_chars: int = 8) -> list[Unit]:
    """Sentences / list items of ``text`` (which starts at ``offset`` in its document), list markers dropped."""
    units = []
    pos = 0
    for m in [*_UNIT_END.finditer(text), None]:
        end = m.start() if m else len(text)
        if m is not None and "\n" not in m.group(0) and _dangles(text, pos, end):
            continue  # keep "Điều 63." together with the title that follows
        lead = _LEAD.match(text[pos:end])
        a, b = pos + (lead.end() if lead else 0), end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b - a >= min_chars:
            units.append(Unit(offset + a, offset + b, text[a:b]))
        pos = m.end() if m else len(text)
    return units
