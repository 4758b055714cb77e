"""Rejoin lines that the page layout wrapped, using how wide each line is.

A line of a justified paragraph runs to the right margin; the line after it continues the sentence,
whatever letter it starts with ("… ngày" / "21/10/2021 của Ban …"). A short line (a centred header,
a title, the end of a paragraph) ends its block, and a list marker always starts a new line.

>>> rejoin([("Thực hiện Kế hoạch số 68 ngày", 1.0), ("27/02/2023 của Ban.", 0.3), ("- Sở Nội vụ;", 0.2)])
['Thực hiện Kế hoạch số 68 ngày 27/02/2023 của Ban.', '- Sở Nội vụ;']
"""

from __future__ import annotations

import re

__all__ = ["rejoin"]

FULL_WIDTH = 0.8  # share of the widest line of the page
_STARTS_ITEM = re.compile(
    r"^(?:[-–•+*]\s|\d{1,3}[.)]\s|[IVXLC]{1,6}\.\s|[a-zđ][).]\s|(?:Điều|Chương|Mục|Phần)\s"
    r"|Nơi nhận|Căn cứ|Thực hiện\s)"
)
_ENDS_SENTENCE = tuple('.;:!?…"”)]')


def rejoin(lines: list[tuple[str, float]]) -> list[str]:
    """``lines`` as (text, width relative to the widest line); a width of 0 forces a break before the next line."""
    out: list[str] = []
    previous_full = False
    for text, width in lines:
        text = text.strip()
        if not text:
            previous_full = False
            continue
        if out and previous_full and not out[-1].endswith(_ENDS_SENTENCE) and not _STARTS_ITEM.match(text):
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
        previous_full = width >= FULL_WIDTH
    return out
