"""Extractive answers: the sentence or list item of the retrieved passages that answers the question.

Nothing is generated: the answer is a span of a stored document, so it can be checked in one click.
When the best passage does not share enough of the question's content, the answer is "not found".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from tracuu.index.store import IndexData
from tracuu.retrieval.searcher import Hit
from tracuu.text.tokenize import index_tokens, query_tokens

__all__ = ["Unit", "split_units", "best_unit", "coverage", "NOT_FOUND"]

NOT_FOUND = "Không tìm thấy thông tin phù hợp trong các văn bản đang lưu."

# Units end at a sentence end, a semicolon (long enumerations in plans) or a line break.
_UNIT_END = re.compile(r"(?<=[.;!?])\s+(?=\S)|\n+")
_LEAD = re.compile(r"^(?:[-–•+*]\s+|\d{1,3}\.\s+|[a-zđ]\)\s+)")
# Function syllables: they say nothing about what a passage is about.
_STOP = set(
    "va cua cac co la duoc trong cho nhung voi nay theo ve de da tu khi thi mot nhu tai do den ra vao "
    "hay hoac bi phai cung nhat nhieu moi con lai se dang nen ma neu thuoc so".split()
)


@dataclass(frozen=True)
class Unit:
    start: int  # absolute offsets in the document text
    end: int
    text: str


def split_units(text: str, offset: int) -> list[Unit]:
    """Sentences / list items of ``text`` (which starts at ``offset`` in its document)."""
    units = []
    pos = 0
    for m in list(_UNIT_END.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        piece = text[pos:end]
        lead = _LEAD.match(piece)
        skip = lead.end() if lead else 0
        a, b = pos + skip, end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b - a >= 8:
            units.append(Unit(offset + a, offset + b, text[a:b]))
        pos = m.end() if m else len(text)
    return units


def _content(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t not in _STOP and not t.startswith("#")]


def _idf(index: IndexData, token: str) -> float:
    df = index.lexical.doc_freq(token)
    if df == 0:
        return 1.0
    return math.log(1 + (index.lexical.size - df + 0.5) / (df + 0.5))


def coverage(index: IndexData, question: str, hit: Hit) -> float:
    """IDF-weighted share of the question's content words present in the passage (with its headings)."""
    q = set(_content(query_tokens(question)))
    if not q:
        return 0.0
    passage = set(index_tokens(f"{hit.chunk.context}\n{hit.chunk.text}"))
    weights = {t: _idf(index, t) for t in q}
    total = sum(weights.values())
    return sum(w for t, w in weights.items() if t in passage) / total if total else 0.0


def best_unit(index: IndexData, question: str, hits: list[Hit], prefer: re.Pattern | None = None) -> tuple[Unit, Hit] | None:
    """The unit that shares most (IDF-weighted) content with the question; ties go to better-ranked hits.

    ``prefer`` (e.g. a date or percentage pattern for deadline and target questions) adds a bonus to
    units that contain what the question asks for.
    """
    q = set(_content(query_tokens(question)))
    if not q:
        return None
    weights = {t: _idf(index, t) for t in q}
    total = sum(weights.values()) or 1.0
    best: tuple[float, Unit, Hit] | None = None
    for rank, hit in enumerate(hits[:5]):
        for unit in split_units(hit.chunk.text, hit.chunk.start):
            tokens = set(index_tokens(unit.text))
            score = sum(w for t, w in weights.items() if t in tokens) / total
            if prefer is not None and prefer.search(unit.text):
                score += 0.25
            score -= 0.03 * rank  # the retriever's order breaks near-ties
            if best is None or score > best[0]:
                best = (score, unit, hit)
    return (best[1], best[2]) if best else None
