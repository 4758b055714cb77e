"""Vietnamese dates in legal text: ``01/11/2023``, ``1/7/2023``, ``ngày 09 tháng 5 năm 2023``.

>>> [m.value.isoformat() for m in find_dates("chậm nhất ngày 01/11/2023, ngày 09 tháng 5 năm 2023")]
['2023-11-01', '2023-05-09']
>>> parse_date("1/7/2023").isoformat()
'2023-07-01'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = ["DateMatch", "find_dates", "parse_date", "format_vn", "years_named"]

_NUMERIC = r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"
_WORDS = r"(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})"
_DATE = re.compile(rf"(?<![\d/])(?:{_NUMERIC}|{_WORDS})(?![\d/])", re.IGNORECASE)
# A year on its own ("năm 2025", "báo cáo 2024"): not part of a date or a document number ("04/2015/NĐ-CP").
_YEAR = re.compile(r"(?<![\d/.-])(?:19|20)\d\d(?![\d/.-])")


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    value: date
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


def format_vn(iso: str | None) -> str:
    """An ISO date as official documents write it (Nghị định 30/2020/NĐ-CP, Phụ lục I): a day below 10 and
    the months 1 and 2 take a leading zero, so that no digit can be put in front of them later.

    Answers, pages and calendars all use this one function.

    >>> format_vn("2023-07-01"), format_vn("2023-02-05"), format_vn("2023-11-20")
    ('01/7/2023', '05/02/2023', '20/11/2023')
    >>> format_vn(None), format_vn("2023")
    ('', '2023')
    """
    try:
        value = date.fromisoformat(iso or "")
    except ValueError:
        return iso or ""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"{value.day:02d}/{month}/{value.year}"


def years_named(text: str) -> frozenset[int]:
    """The years a text names on their own, outside dates and document numbers.

    >>> sorted(years_named("Hạn nộp báo cáo năm 2025 theo Kế hoạch 439/KH-LĐLĐ ngày 01/11/2023?"))
    [2025]
    """
    return frozenset(int(m.group()) for m in _YEAR.finditer(text))
