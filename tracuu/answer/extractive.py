"""Extractive answers: the sentence or list item of the retrieved passages that answers the question.

Nothing is generated: the answer is a span of a stored document, so it can be checked in one click.
When the best passage does not share enough of the question's content, the answer is "not found".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from tracuu.answer.terms import QuestionTerms
from tracuu.citations import parse_number
from tracuu.document.structure import is_part_heading, is_source_note
from tracuu.index.store import IndexData
from tracuu.retrieval.searcher import Hit
from tracuu.text.asking import (
    CONDITION_ASK,
    DEFINITION_ASK,
    ENUMERATION_ASK,
    LIST_ASK,
    asked_field,
    asked_words,
)
from tracuu.text.counts import counted_ranges, in_any, stated_counts
from tracuu.text.dates import find_dates, years_named
from tracuu.text.doc_types import legal_force
from tracuu.text.normalize import canonical_tones, fold
from tracuu.text.units import Unit, split_units

__all__ = [
    "article_referred_to",
    "best_unit",
    "counts_kinds",
    "misses_quantity",
    "misses_year",
    "near_topic",
    "relevant",
    "NOT_FOUND",
]

NOT_FOUND = "Không tìm thấy thông tin phù hợp trong các văn bản đang lưu."


# With the embedder confident of the topic, fewer of the question's words need be in the passage: officers'
# questions carry words of their own ("công nhân", "có đúng luật không") that no legal text uses.
_CONFIDENT_WORDS = 0.3
_CONFIDENT_PAIRS = 0.1


def relevant(index: IndexData, question: str, hits: list[Hit], confident_similarity: float | None = None) -> bool:
    """Does one of the top passages (with its headings) answer enough of the question to quote it?

    Either the passage holds most of the question's words and word pairs (``QuestionTerms.answered_by``),
    or both retrievers put it first, the dense one as similar as a passage on the question's topic is
    (``confident_similarity``), and it holds a third of the words and a pair of them: three signals at
    once, each weaker than one alone would need. Measured on the gold, held-out 1–3 and tuning questions
    (eval/RESULTS.md): no unanswerable question had a passage both retrievers put first at that similarity
    unless the words alone already let it through. (Without the agreement, a question on a neighbouring
    topic — unemployment benefit asked of the labour code — passed: eval/RESULTS.md.)"""
    terms = QuestionTerms.of(index, question)
    for h in hits[:3]:
        text = f"{h.chunk.context}\n{h.chunk.text}"
        if terms.answered_by(text):
            return True
        agreed = h.lexical_rank == 0 and h.dense_rank == 0
        if agreed and confident_similarity is not None and (h.dense_score or 0.0) >= confident_similarity:
            words, pairs = terms.coverage(text)
            if words >= _CONFIDENT_WORDS and pairs >= _CONFIDENT_PAIRS:
                return True
    return False


def near_topic(index: IndexData, question: str, hits: list[Hit]) -> bool:
    """Does the first passage share enough of the question (a third of its words, a pair of them) to be
    shown as the nearest passage when nothing answers? "Giá vàng hôm nay bao nhiêu?" shares none."""
    if not hits:
        return False
    words, pairs = QuestionTerms.of(index, question).coverage(f"{hits[0].chunk.context}\n{hits[0].chunk.text}")
    return words >= _CONFIDENT_WORDS and pairs >= _CONFIDENT_PAIRS


_ARTICLE_HEADING = re.compile(r"^Điều\s+\S+?\.\s")
_PASSAGE_SHARE = 0.35
_LEAD_MIN = 0.35
_RANK_STEP = 0.05  # the retriever's order (dense and lexical together) breaks near-ties between sentences
# A quantity asked. "tối đa", "tối thiểu" alone do not ask one: "mức lương tối thiểu là gì" asks a meaning.
_HOW_MUCH = re.compile(r"\b(bao nhieu|may|bao lau)\b")
# The kind of quantity asked: the word after "bao nhiêu"/"mấy" ("mấy năm" → năm); "bao lâu" is a duration.
_ASKED_UNIT = re.compile(r"\b(?:bao nhieu|may)\s+(phan tram|\w+)|\b(bao lau)\b")
_DURATIONS = "gio|phut|ngay|tuan|thang|nam"  # folded: the pattern reads folded text
# Units a quantity is measured in; any other word after "mấy"/"bao nhiêu" counts kinds ("mấy hình thức").
_MEASURES = re.compile(rf"{_DURATIONS}|lan|nguoi|dong|tien|tuoi|phan tram|thanh")
# A number, the words spelling it after it in brackets as statutes write them ("30 (ba mươi) ngày"), or a word.
_COUNT = r"(?:\d+(?:[.,]\d+)?(?:\s*\([^\d()]{1,40}\))?|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi|nua)"
# A number that may be a quantity: not the number of an article, clause or document it refers to, nor a
# date's day, month or year ("ngày 08 tháng 9 năm 2020").
_QUANTITY_NUMBER = re.compile(
    r"(?<!dieu )(?<!khoan )(?<!chuong )(?<!so )(?<!ngay )(?<!thang )(?<!nam )(?<![\d/.,])\d", re.IGNORECASE
)  # folded
# Any quantity at all, for a question naming no unit ("… tối đa bao nhiêu?"): a number or a share in words.
_ANY_QUANTITY = re.compile(rf"{_QUANTITY_NUMBER.pattern}|(?<!\w)(?:mot|hai|ba|bon|nam) (?:phan|nua)\b", re.IGNORECASE)
_CASES = r"truong hop|dieu kien|khi"  # folded: in case, on condition, when
_CASES_LEAD = re.compile(rf"\b({_CASES})\b")
_LIST_ANSWER = 1800  # longest answer quoting a heading with its list (a list of ten items)
_ITEM_WITH_LEAD = 450  # longest answer quoting an item with the lead-in it belongs to
_FOCUS_SHARE = 0.05  # measured flat from 0.03 to 0.05 (eval/RESULTS.md); 0.1 broke an answer
_LIST_BONUS = 0.1
# What a list question asks for: the two words between "những"/"các" and "nào"/"gì", folded ("những thành
# phần nào"; one word, "những việc gì", "những nơi nào", names too little to tell lists apart).
_LISTED = re.compile(r"\b(?:nhung|cac)\s+(\w+\s\w+)\s+(?:nao|gi)\b")
_NUMBER_BONUS = 0.05
_CONDITION_BONUS = 0.05
_RANGE_BONUS = 0.1  # a range of people holding the count the question states
_DEFINITION_BONUS = 0.15  # "X là gì" answered by "X là …", not by a sentence using X
# A definition's subject, folded: "1. Thương lượng tập thể là việc …", "Hoãn đình công là việc …".
_DEFINED_AS = re.compile(r"(?:\d{1,2}\.\s*|[a-z]\)\s*)?([^,.;:()]{3,80}?) (?:la|duoc hieu la|nghia la) ")
_DEFINES_ENOUGH = 0.6  # share of the question's words the defined term must be
_FAR_BELOW = 0.3  # measured: from 0.25 to 0.3 no right answer lost; 0.2 left a list item 0.202 below a sentence
_BOUND_BONUS = 0.1  # "tối đa bao nhiêu" answered by a bound ("không quá 200 giờ"), not a range ("từ 200 đến 300")
# The bound a question asks and the words a text states it with, folded.
_BOUNDS = (
    (
        re.compile(r"\b(toi da|nhieu nhat|khong qua|gioi han)\b"),
        re.compile(r"\b(khong (duoc )?qua|toi da|khong (duoc )?vuot qua|nhieu nhat)\b"),
    ),
    (
        re.compile(r"\b(toi thieu|it nhat)\b"),
        re.compile(r"\b(khong (duoc )?it hon|toi thieu|it nhat|khong (duoc )?thap hon)\b"),
    ),
)
_CONDITION_WORDS = re.compile(rf"\b({_CASES}|neu|tru)\b")  # those a lead-in of cases names, "if", "except"
_FORCE_STEP = 0.03  # per level of legal force: a law's sentence before a circular's as good one rank above it


def _quantity_pattern(folded_question: str) -> re.Pattern | None:
    m = _ASKED_UNIT.search(folded_question)
    if m is None:
        return None
    if m.group(2) and re.search(r"\bbao lau\s+(?:thi\s+)?(?:mot|1)\s+lan\b", folded_question):
        # How often ("bao lâu một lần"): a period of a frequency ("01 năm một lần", "mỗi năm một lần").
        # "định kỳ hằng năm" is a period too; "hằng năm" alone is not ("nghỉ hằng năm" is annual leave).
        return re.compile(
            rf"(?<!\w){_COUNT}\s+(?:{_DURATIONS})\s+(?:mot|1|01)\s+lan\b|(?:moi|hang)\s+(?:{_DURATIONS})\s+{_COUNT}\s+lan"
            rf"|\bdinh ky\s+(?:hang|moi)\s+(?:{_DURATIONS}|quy)\b"
        )
    if m.group(2):
        units = _DURATIONS
    elif m.group(1) == "phan tram":
        return re.compile(r"\d\s*%|phan tram")
    elif m.group(1) in ("tien", "dong"):
        # How much money ("bao nhiêu tiền", "bao nhiêu đồng"): an amount ("2.000.000.000 đồng", "5,31 triệu"),
        # or millions written alone, as a table row under a "(Đơn vị: đồng/tháng)" header gives them.
        # Each alternative starts only where a number starts, so a long run of digits is read once.
        return re.compile(
            r"(?<![\d.,])\d[\d.,]*\s*(?:dong|trieu|ty|nghin|ngan)(?!\w)|(?<![\d.,])\d{1,3}(?:\.\d{3}){2,}(?![\d.,])"
        )
    else:
        units = re.escape(m.group(1))
    if m.group(1) == "nguoi":
        # How many people: a share of the group answers too ("ít nhất hai phần ba tổng số người lao động").
        return re.compile(rf"(?<!\w){_COUNT}\s+nguoi(?!\w)|\d\s*%|\bphan (?:hai|ba|tu|nam)\b|\bmot nua\b|\bqua ban\b")
    return re.compile(rf"(?<!\w){_COUNT}\s+(?:{units})(?!\w)|(?:moi|hang)\s+(?:{units})\s+{_COUNT}\s+lan")


def misses_quantity(question: str, text: str) -> bool:
    """A question asking a quantity and a span stating none of the kind it names ("bao nhiêu phần trăm",
    "mấy tháng"), or none at all when it names no kind: the span does not answer ("Đang nghỉ hưởng chế độ
    ốm đau, thai sản;" for "mức hưởng chế độ ốm đau bằng bao nhiêu phần trăm?")."""
    folded = asked_words(question)
    if not _HOW_MUCH.search(folded) or _counts_kinds(folded):
        return False
    pattern = _quantity_pattern(folded) or _ANY_QUANTITY
    return not pattern.search(fold(text))


def misses_year(question: str, text: str) -> bool:
    """Does ``text`` speak of other years than the one asked? "… báo cáo năm 2025?" is not answered by the
    2023 report's deadline; a rule that names no year answers any year's question."""
    asked = years_named(question)
    if not asked:
        return False
    named = years_named(text) | {d.value.year for d in find_dates(text)}
    return bool(named) and not asked & named


def counts_kinds(question: str) -> bool:
    """ "Có mấy hình thức kỷ luật lao động?": a count of kinds, which the list of them answers."""
    return _counts_kinds(asked_words(question))


def _counts_kinds(folded_question: str) -> bool:
    """ "Có mấy hình thức …, gồm những hình thức nào?": a count of kinds, which the list answers."""
    m = _ASKED_UNIT.search(folded_question)
    return m is not None and m.group(1) is not None and not _MEASURES.fullmatch(m.group(1))


def best_unit(index: IndexData, question: str, hits: list[Hit]) -> tuple[Unit, Hit] | None:
    """The sentence or item of the top passages that covers most of the question; the retriever's order
    breaks near-ties. A quantity question ("mấy năm?") prefers the sentence holding a quantity of that
    kind ("02 năm"); a list or condition question ("những … nào", "trường hợp nào", "gồm những gì") is
    answered by an article heading or a lead-in ending with ":" quoted with the list under it, read by
    the lead-in's own words (a long list alone would cover any question)."""
    terms = QuestionTerms.of(index, question)
    if not terms.weights:
        return None
    # Whether a lead-in is about the question is read on the words the passages hold at all: "công ty", which
    # the statutes call "doanh nghiệp", would otherwise keep "Hợp đồng cho thuê lại lao động gồm các nội dung
    # chủ yếu sau đây:" under the bar for a question about what the hiring-out firm's contract contains.
    held = terms.held_in(f"{h.chunk.context}\n{h.chunk.text}" for h in hits[:10])
    folded = asked_words(question)
    # "Có mấy hình thức …?" counts kinds: the list of them answers, as "những hình thức nào?" would.
    kinds_counted = _counts_kinds(folded)
    list_ask = kinds_counted or bool(LIST_ASK.search(folded))
    wants_number = bool(_HOW_MUCH.search(folded)) and not kinds_counted
    # "… được trừ tối đa bao nhiêu?" names no unit: any quantity answers before a sentence with none.
    quantity = (_quantity_pattern(folded) or _QUANTITY_NUMBER) if wants_number else None
    wants_list = not wants_number and list_ask
    asks_condition = bool(CONDITION_ASK.search(folded))
    whole_list = wants_list and bool(ENUMERATION_ASK.search(folded))
    asked_kind = _LISTED.search(folded) if whole_list else None
    names_asked = re.compile(rf"\b{re.escape(asked_kind.group(1))}\b") if asked_kind else None
    counts = stated_counts(folded)  # "công ty 200 công nhân": the item whose range holds 200 answers
    bound = next((states for asks, states in _BOUNDS if asks.search(folded)), None) if wants_number else None
    # "định nghĩa X là gì": X is what the question asks the meaning of; the words asking it are not X's.
    asked_term = _without_ask(index, question, folded) if DEFINITION_ASK.search(folded) else None
    field = asked_field(folded)
    # The best of each tier (1: it holds what is asked, a quantity of its kind, the list named, the field); the
    # last of the tuple is the item read with its lead-in.
    bests: dict[int, tuple[int, float, Unit, Hit, Unit | None]] = {}
    # A field's line is short and shares few words with the question: it is looked for a little deeper.
    for rank, hit in enumerate(hits[: 10 if field is not None else 5]):
        units = split_units(hit.chunk.text, hit.chunk.start)
        # A sentence is read inside its passage: the article or item that covers the question lends weight
        # to its sentences ("a) 12 ngày làm việc …" answers only as a point of Điều 113 "Nghỉ hằng năm").
        passage = _PASSAGE_SHARE * terms.score(f"{hit.chunk.context}\n{hit.chunk.text}")
        passage += _FORCE_STEP * _legal_force(index, hit)
        lead: Unit | None = None  # the heading or lead-in ("… sau đây:") the following items belong to
        lead_kind, lead_folded, lead_at = None, "", 0
        for i, unit in enumerate(units):
            if is_source_note(unit.text) or (unit.text.isupper() and not is_part_heading(unit.text)):
                # A Bộ Pháp điển source note, and a line in capitals that heads nothing (an agency's name in
                # the header, a type line, a chapter's name), answer nothing.
                continue
            kind = _marker(hit.chunk.text, unit.start - hit.chunk.start)
            if kind is None and _CELL_SEPARATOR in unit.text:
                if _HEADER_ROW.match(unit.text):
                    continue  # a form's column headings ("Số TT | Họ và tên | …") answer nothing
                kind = "row"  # a table's row is an item of the lead-in above the table ("… theo vùng như sau:")
            heading = _is_heading(unit.text)
            if kind is None or kind == lead_kind:
                lead = None
            own = _covered(terms, unit, lead)
            about = heading and _covered(held, unit, lead) >= _LEAD_MIN
            item_lead = None if heading else lead
            if heading:
                lead, lead_kind, lead_folded, lead_at = unit, kind, fold(unit.text), i
            score = (1 - _PASSAGE_SHARE) * own + passage - _RANK_STEP * rank
            # Of two sentences covering the question alike, the one saying less besides is its answer.
            score += _FOCUS_SHARE * terms.precision(unit.text)
            if heading:
                # A heading or lead-in answers nothing alone; with its list it answers what it heads (the
                # list is not scored: a long list alone would cover any question).
                following = _following(units[i + 1 :], index, hit)
                listed = _with_list(unit, following, index, hit) if not wants_number and about else unit
                if listed is unit:
                    continue
                lists_cases = not asks_condition or bool(_CASES_LEAD.search(lead_folded))
                unit, score = listed, score + (_LIST_BONUS if wants_list and lists_cases else 0.0)
            folded_unit = fold(unit.text)
            # A range holding the count answers for that count; a range leaving it out may answer too ("từ 10
            # người lao động trở lên phải đăng ký" answers a firm of 8), so it loses nothing.
            if counts and all(in_any(c, counted_ranges(folded_unit)) for c in counts):
                score += _RANGE_BONUS
            if wants_number and _QUANTITY_NUMBER.search(folded_unit):
                score += _NUMBER_BONUS
                if bound is not None and bound.search(folded_unit):
                    score += _BOUND_BONUS
            # "khi nào", "điều kiện gì" is answered by a sentence (or a list's lead-in) stating a condition.
            if asks_condition and _CONDITION_WORDS.search(lead_folded if heading else folded_unit):
                score += _CONDITION_BONUS
            if asked_term is not None and _defines(asked_term, unit.text, folded_unit):
                score += _DEFINITION_BONUS
            # A quantity question is answered by a sentence holding a quantity of the kind asked when the
            # passages have one: a long sentence covering every word but no "… ngày" does not answer "mấy ngày?".
            tier = 1 if quantity is not None and quantity.search(folded_unit) else 0
            if field is not None and field.match(folded_unit):
                tier = 1  # "tổ chức ở đâu?": the notice's "Địa điểm: …" line, whatever its words
            if heading and names_asked is not None and names_asked.search(lead_folded):
                # "… gồm những thành phần nào?" is answered by the list "Thành phần … bao gồm: a) …" before any
                # sentence about the same body, as a quantity question by a sentence stating one.
                tier = 1
            if not tier and item_lead is not None and quantity is not None and quantity.search(lead_folded):
                # An item under a lead-in that states the quantity ("… không quá 300 giờ trong 01 năm trong
                # một số ngành, nghề … sau đây:" → "a) Sản xuất, gia công xuất khẩu … dệt, may …"): quoted
                # from the lead-in to the item, which is what answers.
                span = _lead_to(item_lead, unit, index, hit)
                if span is not None:
                    unit, tier = span, 1
            if tier not in bests or score > bests[tier][1]:
                with_lead = None
                if item_lead is not None and whole_list and item_lead.text.endswith(":"):
                    # "… gồm những trường hợp nào?" answered by its item b): the lead-in with every item.
                    with_lead = _with_list(item_lead, _following(units[lead_at + 1 :], index, hit), index, hit)
                elif item_lead is not None:
                    with_lead = _lead_to(item_lead, unit, index, hit, _ITEM_WITH_LEAD)
                bests[tier] = (tier, score, unit, hit, with_lead)
    if not bests:
        return None
    best = bests.get(1) or bests[0]
    if wants_number and 0 in bests and 1 in bests and bests[1][1] < bests[0][1] - _FAR_BELOW:
        # A quantity in a sentence covering the question far less than the best sentence is another topic's
        # number, a wrong fact: the best sentence answers, or nothing does when it states none (misses_quantity).
        best = bests[0]
    # An item is quoted with its lead-in when they are short together: "a) Kết hôn: nghỉ 03 ngày" says
    # little without "Người lao động được nghỉ việc riêng mà vẫn hưởng nguyên lương … sau đây:".
    return (best[4] or best[2], best[3])


def _covered(terms: QuestionTerms, unit: Unit, lead: Unit | None) -> float:
    """How much of the question a unit covers. An item is read with its heading or lead-in, half and half:
    "a) Kết hôn: nghỉ 03 ngày" answers "nghỉ việc riêng … kết hôn mấy ngày?" only under "… nghỉ việc riêng
    … sau đây:"."""
    own = terms.score(unit.text)
    return own if lead is None else 0.5 * own + 0.5 * terms.score(f"{lead.text} {unit.text}")


def _without_ask(index: IndexData, question: str, folded: str) -> QuestionTerms:
    """The question's words without those asking for a meaning ("định nghĩa", "là gì"); folding keeps
    offsets, so the spans found in the folded question are blanked in the question as typed."""
    text = canonical_tones(question)
    for m in DEFINITION_ASK.finditer(folded):
        text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
    return QuestionTerms.of(index, text)


def _defines(terms: QuestionTerms, text: str, folded: str) -> bool:
    """Is the unit "X là …" with X most of what the question asks about, and nothing else?"""
    m = _DEFINED_AS.match(folded)
    if m is None:
        return False
    subject = text[m.start(1) : m.end(1)]  # folding keeps offsets: the words as written, for accented matching
    return terms.precision(subject) == 1.0 and terms.coverage(subject)[0] >= _DEFINES_ENOUGH


def _lead_to(lead: Unit, unit: Unit, index: IndexData, hit: Hit, longest: int = _LIST_ANSWER) -> Unit | None:
    """The span from the lead-in ``lead`` to the end of ``unit`` (an item under it), if not longer than
    ``longest``."""
    if unit.end - lead.start > longest:
        return None
    return Unit(lead.start, unit.end, index.documents[hit.chunk.doc_id].text[lead.start : unit.end])


def _legal_force(index: IndexData, hit: Hit) -> int:
    """Of the document that enacted the passage: a Bộ Pháp điển copy counts as its original."""
    if hit.chunk.source_number:
        number = parse_number(hit.chunk.source_number)
        return legal_force(number.doc_type if number else None)
    doc = index.documents.get(hit.chunk.doc_id)
    return legal_force(doc.doc_type if doc else None)


def _is_heading(text: str) -> bool:
    """An article's title line ("Điều 20. Loại hợp đồng lao động"), a plan's or report's part in capitals
    ("II. HẠN CHẾ") or a lead-in ending with ":". An article whose line is its whole body, as decisions write
    them ("Điều 1. Thành lập Tổ … gồm 05 thành viên …."), is a sentence that answers."""
    return (
        text.endswith(":")
        or is_part_heading(text)
        or (bool(_ARTICLE_HEADING.match(text)) and not text.endswith((".", ";")))
    )


_MARKER = re.compile(r"(?:[-–•+*]|(\d{1,3})\.|([a-zđ])\d?\))\s*$")


def _marker(chunk_text: str, pos: int) -> str | None:
    """The list marker before a unit on its line: "number" (1.), "letter" (a), a1)), "dash", or None."""
    line = chunk_text[chunk_text.rfind("\n", 0, pos) + 1 : pos]
    m = _MARKER.fullmatch(line.strip()) if line.strip() else None
    if m is None:
        return None
    return "number" if m.group(1) else ("letter" if m.group(2) else "dash")


def _following(rest: list[Unit], index: IndexData, hit: Hit) -> Iterator[Unit]:
    """The units after a heading: the rest of its passage, then the next passages of the same article (a
    long article is cut into several: "… được quy định như sau:" ends one, its items fill the next)."""
    yield from rest
    chunk = hit.chunk
    while chunk.article is not None:
        row = index.row_at(chunk.doc_id, chunk.end + 1)
        nxt = index.chunks[row] if row is not None else None
        if nxt is None or nxt.article != chunk.article or nxt.start <= chunk.start:
            return
        yield from split_units(nxt.text, nxt.start)
        chunk = nxt


_CELL_SEPARATOR = " | "  # converters write a table row as one line, its cells joined so
# The row of column headings of a form's table: its first cell is the running number's heading.
_HEADER_ROW = re.compile(r"(?:Số TT|STT|TT|Số thứ tự) \|", re.IGNORECASE)
_LEVELS = {"number": 1, "letter": 2, "dash": 3}  # khoản above điểm above dash items


def _with_list(unit: Unit, following: Iterable[Unit], index: IndexData, hit: Hit) -> Unit:
    """A heading or lead-in with the list under it: its items, up to the next item of a higher level (a
    lead-in "1. … sau đây:" with its points a), b), c) ends before "2."), within ``_LIST_ANSWER``."""
    if not _is_heading(unit.text):
        return unit
    text = index.documents[hit.chunk.doc_id].text
    end, items = unit.end, None
    own = _LEVELS.get(_marker(text, unit.start) or "")  # "1. … như sau:" ends at "2.", whatever it lists
    for nxt in following:
        if is_part_heading(nxt.text):
            break  # the next part ("III. PHƯƠNG HƯỚNG …") is not under this one
        level = _LEVELS.get(_marker(text, nxt.start) or "")
        if level is not None:
            items = items or level
            if level < items or (own is not None and level <= own):
                break
        if nxt.end - unit.start > _LIST_ANSWER:
            break
        end = nxt.end
    if end == unit.end:
        return unit
    return Unit(unit.start, end, text[unit.start : end])


_THIS_TEXT = r"của (?:Bộ luật|Luật|Nghị định|Thông tư|Pháp lệnh) này"
_REFERS_TO_ARTICLE = re.compile(
    rf"\b(?:các|những) [^.;:()\n]{{1,40}}? quy định tại (?:[^.;:()\n]{{0,80}}? )?Điều (\d+) {_THIS_TEXT}"
)
_SET_OUT_IN = re.compile(rf"\btheo quy định tại Điều (\d+) {_THIS_TEXT}")
_WORD = re.compile(r"\w+")


def article_referred_to(sentence: str, ask: str) -> str | None:
    """The article ("Điều 44") of the same text where a sentence says the things asked for are listed:
    "… các nội dung quy định tại Điều 49 của Luật này", or "… phương án sử dụng lao động theo quy định tại
    Điều 44 của Bộ luật này" when the three words before the reference are in the ask.

    >>> article_referred_to("phải xây dựng phương án sử dụng lao động theo quy định tại Điều 44 của Bộ luật này;",
    ...                     "Phương án sử dụng lao động gồm những nội dung nào?")
    'Điều 44'
    """
    m = _REFERS_TO_ARTICLE.search(sentence)
    if m is not None:
        return f"Điều {m.group(1)}"
    m = _SET_OUT_IN.search(sentence)
    if m is None:
        return None
    words = _WORD.findall(sentence[max(0, m.start() - 120) : m.start()])[-3:]  # a bounded window before it
    return f"Điều {m.group(1)}" if len(words) == 3 and fold(" ".join(words)) in fold(ask) else None
