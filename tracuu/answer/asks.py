"""One question, several asks: "… nghỉ đẻ được mấy tháng? Được nghỉ trước khi sinh bao lâu?".

Officers put two questions in one box. Each ask is answered by its own sentence, chosen by its own words
among the passages the whole question retrieved (which carry the subject the second ask leaves to the
first: "Được nghỉ trước khi sinh bao lâu?" is read inside "nghỉ thai sản"). An ask is a piece of the
question holding a question word; the question is cut at a "?" or, inside one sentence, at the first
separator (",", ";", "và") after a question word when another question word follows it; a count of
kinds and the question which they are ("có mấy hình thức …, là những hình thức nào?") stay one ask.

>>> split_asks("Chị em nghỉ đẻ được mấy tháng? Được nghỉ trước khi sinh bao lâu?")
['Chị em nghỉ đẻ được mấy tháng?', 'Được nghỉ trước khi sinh bao lâu?']
>>> split_asks("NSDLĐ phải báo trước mấy ngày và được chuyển tối đa bao lâu?")
['NSDLĐ phải báo trước mấy ngày', 'và được chuyển tối đa bao lâu?']
>>> split_asks("Làm thêm tối đa bao nhiêu giờ trong một ngày và trong một năm?")
['Làm thêm tối đa bao nhiêu giờ trong một ngày và trong một năm?']
>>> split_asks("Có mấy hình thức kỷ luật lao động, là những hình thức nào?")
['Có mấy hình thức kỷ luật lao động, là những hình thức nào?']
>>> split_asks("Theo Điều 98, làm thêm vào ngày lễ được trả bao nhiêu?")
['Theo Điều 98, làm thêm vào ngày lễ được trả bao nhiêu?']
"""

from __future__ import annotations

import re

from tracuu.answer.extractive import counts_kinds
from tracuu.text.asking import asked_words, asks_which
from tracuu.text.normalize import canonical_tones

__all__ = ["split_asks"]

# Question words, read on ``asked_words`` (where "may" that asks nothing is blanked); "không" only where a
# yes/no question ends ("… có bắt buộc … không").
_ASK_WORD = re.compile(
    r"\b(?:bao nhieu|bao lau|bao gio|khi nao|nhu the nao|the nao|ra sao|nhung gi|nao|gi|may)\b|\bkhong\s*$"
)
_SEPARATOR = re.compile(r",\s*|;\s*|\s+(?=va\s)")
_SENTENCE = re.compile(r"[^?]+\?*")


def _split_sentence(typed: str) -> list[str]:
    folded = asked_words(typed)
    asks = [(m.start(), m.end()) for m in _ASK_WORD.finditer(folded.rstrip("? "))]
    pieces, start = [], 0
    for (_, first_end), (second_start, _) in zip(asks, asks[1:], strict=False):
        if first_end < start:
            continue
        cut = _SEPARATOR.search(folded, first_end, second_start)
        if cut is not None:
            pieces.append(typed[start : cut.start()].strip())
            start = cut.end()
    pieces.append(typed[start:].strip())
    return [p for p in pieces if p]


def split_asks(question: str) -> list[str]:
    """The asks of ``question``, in order; one piece when it asks one thing. A piece with no question word
    ("Theo quy định:") stays with the ask after it."""
    question = canonical_tones(question)
    asks: list[str] = []
    pending = ""
    for m in _SENTENCE.finditer(question):
        for piece in _split_sentence(m.group()):
            piece = f"{pending} {piece}".strip() if pending else piece
            if _ASK_WORD.search(asked_words(piece).rstrip("? ")):
                asks.append(piece)
                pending = ""
            else:
                pending = piece
    if pending:
        if asks:
            asks[-1] = f"{asks[-1]} {pending}"
        else:
            asks.append(pending)
    return _joined_counts(asks)


def _joined_counts(asks: list[str]) -> list[str]:
    """ "Có mấy hình thức …, là những hình thức nào?" is one ask: the list answers both."""
    out: list[str] = []
    for ask in asks:
        if out and counts_kinds(out[-1]) and asks_which(ask):
            out[-1] = f"{out[-1]}, {ask}"
        else:
            out.append(ask)
    return out
