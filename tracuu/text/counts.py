"""Counts of people a question states and the ranges a text sets for them: "công ty 200 công nhân" falls in
"từ 150 người lao động đến dưới 300 người lao động", not in "dưới 50 người lao động".

Read on folded text. A number counts people only when a word for people follows it, so "dưới 12 tháng"
is no range of people and "Điều 5" no count.

>>> stated_counts("cong ty co 200 nguoi lao dong thi"), stated_counts("don vi tren 60 nguoi thi")
([200], [61])
>>> counted_ranges("it nhat tu 09 nguoi den 13 nguoi, neu su dung tu 150 nguoi lao dong den duoi 300 nguoi lao dong")
[(9.0, 13.0), (150.0, 299.0)]
>>> counted_ranges("neu su dung duoi 50 nguoi lao dong; tu 1.000 nguoi tro len")
[(1000.0, inf), (0.0, 49.0)]
"""

from __future__ import annotations

import math
import re

__all__ = ["stated_counts", "counted_ranges", "in_any"]

_PEOPLE = r"(?:nguoi|ho gia dinh|ho|thanh vien|lao dong|can bo|cong nhan|doan vien|nhan vien)\b"
_N = rf"(\d{{1,3}}(?:\.\d{{3}})+|\d+)\s+{_PEOPLE}"
_GAP = r"(?:[ ,]+\w+){0,8}?"  # a few words between the two ends: bounded, so matching never backtracks far
# A count the question states, with the word before it that makes it a bound: "trên 60 người" is 61 or more.
_COUNT = re.compile(rf"(?:\b(tren|hon|qua|duoi|it hon) )?(?<![\d/.]){_N}")
_STEP = {"tren": 1, "hon": 1, "qua": 1, "duoi": -1, "it hon": -1}
_BETWEEN = re.compile(rf"\btu {_N}{_GAP}[ ,]+den (duoi )?{_N}")
_FROM = re.compile(rf"\btu {_N}{_GAP}[ ,]+tro len\b")
_UP_TO = re.compile(rf"(?<![\d/.]){_N}{_GAP}[ ,]+tro xuong\b")
_BELOW = re.compile(rf"\b(?:duoi|it hon) {_N}")
_ABOVE = re.compile(rf"\b(?:tren|hon) {_N}")


def _number(text: str) -> float:
    return float(text.replace(".", ""))


def stated_counts(folded_question: str) -> list[int]:
    """The counts of people a question states ("200 người lao động"); "trên 60 người" states 61, the first count
    it holds ("dưới 50 người", 49)."""
    return [int(_number(m.group(2))) + _STEP.get(m.group(1) or "", 0) for m in _COUNT.finditer(folded_question)]


def counted_ranges(folded_text: str) -> list[tuple[float, float]]:
    """The ranges of people a text sets, inclusive integer bounds: "từ A đến dưới B" is A..B-1."""
    ranges: list[tuple[float, float]] = []
    text = folded_text
    for m in _BETWEEN.finditer(text):
        high = _number(m.group(3))
        ranges.append((_number(m.group(1)), high - 1 if m.group(2) else high))
    text = _BETWEEN.sub(" ", text)  # "đến dưới 300" is the end of a range, not "dưới 300" alone
    for m in _FROM.finditer(text):
        ranges.append((_number(m.group(1)), math.inf))
    for m in _UP_TO.finditer(text):
        ranges.append((0.0, _number(m.group(1))))
    text = _FROM.sub(" ", _UP_TO.sub(" ", text))
    ranges += [(0.0, _number(m.group(1)) - 1) for m in _BELOW.finditer(text)]
    ranges += [(_number(m.group(1)) + 1, math.inf) for m in _ABOVE.finditer(text)]
    return ranges


def in_any(count: int, ranges: list[tuple[float, float]]) -> bool:
    return any(low <= count <= high for low, high in ranges)
