"""Vietnamese dates in legal text: ``01/11/2023``, ``1/7/2023``, ``ngày 09 tháng 5 năm 2023``, ranges ``2021-2025``.

>>> [m.value.isoformat() for m in find_dates("chậm nhất ngày 01/11/2023, ngày 09 tháng 5 năm 2023")]
['2023-11-01', '2023-05-09']
>>> parse_date("1/7/2023").isoformat()
'2023-07-01'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = ["DateMatch", "YearRange", "find_dates", "find_year_ranges", "parse_date", "format_vn"]

_NUMERIC = r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"
_WORDS = r"(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})"
_DATE = re.compile(rf"(?<![\d/])(?:{_NUMERIC}|{_WORDS})(?![\d/])", re.IGNORECASE)
_RANGE = re.compile(r"(?<![\d/])(?P<a>(?:19|20)\d{2})\s*[-–—]\s*(?P<b>(?:19|20)\d{2})(?![\d/])")


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    value: date
    text: str


@dataclass(frozen=True)
class YearRange:
    start: int
    end: int
    first: int
    last: int
    text: str


def _to_date(day: str, month: str, year: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMatch]:
    """Every valid calendar date in ``text`` with its character span; impossible dates are skipped."""
    found = []
    for m in _DATE.finditer(text):
        if m.group("d"):
            value = _to_date(m.group("d"), m.group("m"), m.group("y"))
        else:
            value = _to_date(m.group("d2"), m.group("m2"), m.group("y2"))
        if value is not None:
            found.append(DateMatch(m.start(), m.end(), value, m.group(0)))
    return found


def parse_date(text: str) -> date | None:
    """The single date written in ``text`` (any supported form), or None."""
    matches = find_dates(text)
    return matches[0].value if matches else None


def find_year_ranges(text: str) -> list[YearRange]:
    """Periods such as ``giai đoạn 2021-2025`` or ``2021 – 2030``."""
    out = []
    for m in _RANGE.finditer(text):
        first, last = int(m.group("a")), int(m.group("b"))
        if first < last:
            out.append(YearRange(m.start(), m.end(), first, last, m.group(0)))
    return out


def format_vn(iso: str | None) -> str:
    """ISO date in the short form Vietnamese documents use: ``2023-07-01`` → ``01/7/2023``."""
    if not iso or len(iso) != 10:
        return iso or ""
    y, m, d = iso.split("-")
    return f"{d}/{int(m)}/{y}"
