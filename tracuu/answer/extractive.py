"""Extractive answers: the sentence or list item of the retrieved passages that answers the question.

Nothing is generated: the answer is a span of a stored document, so it can be checked in one click.
When the best passage does not share enough of the question's content, the answer is "not found".
"""

from __future__ import annotations

import re

from tracuu.index.store import IndexData
from tracuu.retrieval.searcher import Hit
from tracuu.answer.terms import QuestionTerms
from tracuu.text.units import Unit, split_units

__all__ = ["best_unit", "relevant", "NOT_FOUND"]

NOT_FOUND = "Không tìm thấy thông tin phù hợp trong các văn bản đang lưu."

def relevant(index: IndexData, question: str, hits: list[Hit]) -> bool:
    """Does one of the top passages (with its headings) answer enough of the question to quote it?"""
    terms = QuestionTerms.of(index, question)
    return any(terms.answered_by(f"{h.chunk.context}\n{h.chunk.text}") for h in hits[:3])


_ARTICLE_HEADING = re.compile(r"^Điều\s+\S+?\.\s")
_LIST_ANSWER = 700  # longest answer quoting a heading with its list


def best_unit(index: IndexData, question: str, hits: list[Hit]) -> tuple[Unit, Hit] | None:
    """The sentence or item of the top passages that covers most of the question; the retriever's order
    breaks near-ties. An article heading, or a sentence ending with ":", is quoted with the list under it:
    "Điều 64. Nội dung đối thoại …" answers "gồm những gì?" only together with its points."""
    terms = QuestionTerms.of(index, question)
    if not terms.weights:
        return None
    best: tuple[float, Unit, Hit] | None = None
    for rank, hit in enumerate(hits[:5]):
        units = split_units(hit.chunk.text, hit.chunk.start)
        for i, unit in enumerate(units):
            score = terms.score(unit.text) - 0.03 * rank
            if _ARTICLE_HEADING.match(unit.text):
                score += 0.1  # an article named after the question is about it as a whole
            if best is None or score > best[0]:
                best = (score, _with_list(unit, units[i + 1 :], index, hit), hit)
    return (best[1], best[2]) if best else None


def _with_list(unit: Unit, following: list[Unit], index: IndexData, hit: Hit) -> Unit:
    if not (_ARTICLE_HEADING.match(unit.text) or unit.text.endswith(":")) or not following:
        return unit
    end = unit.end
    for nxt in following:
        if nxt.end - unit.start > _LIST_ANSWER:
            break
        end = nxt.end
    if end == unit.end:
        return unit
    text = index.documents[hit.chunk.doc_id].text[unit.start : end]
    return Unit(unit.start, end, text)
