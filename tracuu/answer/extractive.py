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
_HOW_MUCH = re.compile(r"\b(bao nhieu|may|toi da|toi thieu|bao lau|it nhat)\b")
# The kind of quantity asked: the word after "bao nhiêu"/"mấy" ("mấy năm" → năm); "bao lâu" is a duration.
_ASKED_UNIT = re.compile(r"\b(?:bao nhieu|may)\s+(phan tram|\w+)|\b(bao lau)\b")
_DURATIONS = "gio|phut|ngay|tuan|thang|nam"  # folded: the pattern reads folded text
_COUNT = r"(?:\d+(?:[.,]\d+)?|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi|nua)"
_NUMBER = re.compile(r"\d")
# "những … nào", "trường hợp nào", "gồm những gì", "điều kiện …", "khi nào": the answer is a list or a condition.
_LIST_ASK = re.compile(r"\b(nhung|cac)\b.*\bnao\b|\btruong hop nao\b|\bgom\b|\bnhung gi\b|\bdieu kien\b|\bkhi nao\b")
_LIST_ANSWER = 700  # longest answer quoting a heading with its list
_LIST_BONUS = 0.1
_NUMBER_BONUS = 0.05


def _quantity_pattern(folded_question: str) -> re.Pattern | None:
    m = _ASKED_UNIT.search(folded_question)
    if m is None:
        return None
    if m.group(2):
        units = _DURATIONS
    elif m.group(1) == "phan tram":
        return re.compile(r"\d\s*%|phan tram")
    else:
        units = re.escape(m.group(1))
    return re.compile(rf"(?<!\w){_COUNT}\s+(?:{units})(?!\w)|(?:moi|hang)\s+(?:{units})\s+{_COUNT}\s+lan")


def best_unit(index: IndexData, question: str, hits: list[Hit]) -> tuple[Unit, Hit] | None:
    """The sentence or item of the top passages that covers most of the question; the retriever's order
    breaks near-ties. A quantity question ("mấy năm?") prefers the sentence holding a quantity of that
    kind ("02 năm"); a list or condition question ("những … nào", "trường hợp nào", "gồm những gì") is
    answered by an article heading or a lead-in ending with ":" quoted with the list under it, read by
    the lead-in's own words (a long list alone would cover any question)."""
    terms = QuestionTerms.of(index, question)
    if not terms.weights:
        return None
    folded = fold(question)
    wants_number = bool(_HOW_MUCH.search(folded))
    quantity = _quantity_pattern(folded) if wants_number else None
    wants_list = not wants_number and bool(_LIST_ASK.search(folded))
    best: tuple[int, float, Unit, Hit] | None = None
    for rank, hit in enumerate(hits[:5]):
        units = split_units(hit.chunk.text, hit.chunk.start)
        # A sentence is read inside its passage: the article or item that covers the question lends weight
        # to its sentences ("a) 12 ngày làm việc …" answers only as a point of Điều 113 "Nghỉ hằng năm").
        passage = _PASSAGE_SHARE * terms.score(f"{hit.chunk.context}\n{hit.chunk.text}")
        lead, lead_kind = "", None  # the heading or lead-in ("… sau đây:") the following items belong to
        for i, unit in enumerate(units):
            kind = _marker(hit.chunk.text, unit.start - hit.chunk.start)
            heading = bool(_ARTICLE_HEADING.match(unit.text)) or unit.text.endswith(":")
            if kind is None or kind == lead_kind:
                lead = ""
            own = terms.score(unit.text)
            if lead:
                # An item is read with its heading or lead-in, half and half: "a) Kết hôn: nghỉ 03 ngày"
                # answers "nghỉ việc riêng … kết hôn mấy ngày?" only under "… nghỉ việc riêng … sau đây:".
                own = 0.5 * own + 0.5 * terms.score(f"{lead} {unit.text}")
            if heading:
                lead, lead_kind = unit.text, kind
            score = (1 - _PASSAGE_SHARE) * own + passage - _RANK_STEP * rank
            if heading:
                # A heading or lead-in answers nothing alone; with its list it answers what it heads (the
                # list is not scored: a long list alone would cover any question).
                listed = _with_list(unit, units[i + 1 :], index, hit) if not wants_number and own >= _LEAD_MIN else unit
                if listed is unit:
                    continue
                unit, score = listed, score + (_LIST_BONUS if wants_list else 0.0)
            if wants_number and _NUMBER.search(unit.text):
                score += _NUMBER_BONUS
            # A quantity question is answered by a sentence holding a quantity of the kind asked when the
            # passages have one: a long sentence covering every word but no "… ngày" does not answer "mấy ngày?".
            tier = 1 if quantity is not None and quantity.search(fold(unit.text)) else 0
            if best is None or (tier, score) > (best[0], best[1]):
                best = (tier, score, unit, hit)
    return (best[2], best[3]) if best else None


_MARKER = re.compile(r"(?:[-–•+*]|(\d{1,3})\.|([a-zđ])\d?\))\s*$")


def _marker(chunk_text: str, pos: int) -> str | None:
    """The list marker before a unit on its line: "number" (1.), "letter" (a), a1)), "dash", or None."""
    line = chunk_text[chunk_text.rfind("\n", 0, pos) + 1 : pos]
    m = _MARKER.fullmatch(line.strip()) if line.strip() else None
    if m is None:
        return None
    return "number" if m.group(1) else ("letter" if m.group(2) else "dash")


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
