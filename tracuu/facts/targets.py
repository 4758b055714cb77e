"""Targets (chỉ tiêu): each percentage of a plan's target list is one fact.

"Phấn đấu 60% các cơ quan … và 90% các liên đoàn lao động … được … xếp loại Tốt …" gives two targets that
share what must be achieved ("được … xếp loại Tốt …").
"""

from __future__ import annotations

import re

from tracuu.facts.models import Target
from tracuu.facts.walk import UnitInContext, span_of

__all__ = ["targets_in_unit", "is_target_unit"]

_PERCENT = re.compile(r"(?<![\d,.])(\d{1,3}(?:[.,]\d+)?)\s?%")
_TARGET_HEADING = re.compile(r"CHỈ TIÊU|MỤC TIÊU", re.I)
_PREDICATE = re.compile(r"\s(?=(?:được|có|thực hiện|cùng với|tham gia|đạt|hoàn thành|tổ chức)\s)")
_YEAR = re.compile(r"năm\s+((?:19|20)\d{2})", re.IGNORECASE)  # "PHƯƠNG HƯỚNG NĂM 2025" too


def is_target_unit(u: UnitInContext) -> bool:
    if not _PERCENT.search(u.unit.text):
        return False
    return any(_TARGET_HEADING.search(h) for h in u.headings) or bool(
        re.search(r"phấn đấu|chỉ tiêu", u.unit.text, re.I)
    )


def targets_in_unit(u: UnitInContext) -> list[Target]:
    text = u.unit.text
    found = list(_PERCENT.finditer(text))
    if not found or not is_target_unit(u):
        return []
    year = None
    # The year nearest the target: its own sentence, then the lines above it in its passage (its part's
    # heading, "III. PHƯƠNG HƯỚNG NĂM 2025"), then the headings above, the document's title last.
    before = u.chunk.text[: u.unit.start - u.chunk.start]
    for source in [text, before, *reversed(u.headings)]:
        m = next(reversed(list(_YEAR.finditer(source))), None)  # the nearest: the last one above
        if m:
            year = int(m.group(1))
            break
    # Population of each percentage: from after it to the next percentage ("… và 90% …") or the end.
    segments = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        segment = re.sub(r"\s+(?:và|,)\s*$", "", text[m.end() : end]).strip(" ,.;")
        segments.append(segment)
    last = segments[-1]
    pred = _PREDICATE.search(last)
    shared = last[pred.start() :].strip() if pred else ""
    out = []
    for m, segment in zip(found, segments, strict=True):
        p = _PREDICATE.search(segment)
        subject = segment[: p.start()].strip() if p else segment
        description = segment if p else f"{segment} {shared}".strip()
        out.append(
            Target(
                value=float(m.group(1).replace(",", ".")),
                unit="%",
                subject=subject,
                description=description.rstrip(" ."),
                year=year,
                label=u.chunk.section,
                span=span_of(u),
                value_start=u.unit.start + m.start(),
                value_end=u.unit.start + m.end(),
            )
        )
    return out
