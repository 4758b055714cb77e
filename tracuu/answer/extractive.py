"""Extractive answers: the sentence or list item of the retrieved passages that answers the question.

Nothing is generated: the answer is a span of a stored document, so it can be checked in one click.
When the best passage does not share enough of the question's content, the answer is "not found".
"""

from __future__ import annotations

import re

from tracuu.answer.terms import QuestionTerms
from tracuu.index.store import IndexData
from tracuu.retrieval.searcher import Hit
from tracuu.text.normalize import fold
from tracuu.text.units import Unit, split_units

__all__ = ["best_unit", "relevant", "NOT_FOUND"]

NOT_FOUND = "Không tìm thấy thông tin phù hợp trong các văn bản đang lưu."

def relevant(index: IndexData, question: str, hits: list[Hit]) -> bool:
    """Does one of the top passages (with its headings) answer enough of the question to quote it?"""
    terms = QuestionTerms.of(index, question)
    return any(terms.answered_by(f"{h.chunk.context}\n{h.chunk.text}") for h in hits[:3])


_ARTICLE_HEADING = re.compile(r"^Điều\s+\S+?\.\s")
_PASSAGE_SHARE = 0.35
_LEAD_MIN = 0.35
_RANK_STEP = 0.05  # the retriever's order (dense and lexical together) breaks near-ties between sentences
_HOW_MUCH = re.compile(r"\b(bao nhieu|may|toi da|toi thieu|bao lau)\b")
_NUMBER = re.compile(r"\d")
_LIST_ANSWER = 700  # longest answer quoting a heading with its list


def best_unit(index: IndexData, question: str, hits: list[Hit]) -> tuple[Unit, Hit] | None:
    """The sentence or item of the top passages that covers most of the question; the retriever's order
    breaks near-ties. An article heading, or a sentence ending with ":", is quoted with the list under it:
    "Điều 64. Nội dung đối thoại …" answers "gồm những gì?" only together with its points."""
    terms = QuestionTerms.of(index, question)
    if not terms.weights:
        return None
    wants_number = bool(_HOW_MUCH.search(fold(question)))
    best: tuple[float, Unit, Hit] | None = None
    for rank, hit in enumerate(hits[:5]):
        units = split_units(hit.chunk.text, hit.chunk.start)
        # A sentence is read inside its passage: the article or item that covers the question lends weight
        # to its sentences ("a) 12 ngày làm việc …" answers only as a point of Điều 113 "Nghỉ hằng năm").
        passage = _PASSAGE_SHARE * terms.score(f"{hit.chunk.context}\n{hit.chunk.text}")
        for i, unit in enumerate(units):
            # A heading or a lead-in ending with ":" that is itself about the question is read, scored and
            # quoted with the list under it (a long list alone would cover any question).
            if terms.score(unit.text) >= _LEAD_MIN:
                unit = _with_list(unit, units[i + 1 :], index, hit)
            score = (1 - _PASSAGE_SHARE) * terms.score(unit.text) + passage - _RANK_STEP * rank
            if wants_number and _NUMBER.search(unit.text):
                score += 0.15  # "bao nhiêu ngày?" is answered by the sentence with the number
            if best is None or score > best[0]:
                best = (score, unit, hit)
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
