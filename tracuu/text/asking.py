"""What kind of answer a question's words ask for: one place for the rule the answer and the split of a
question into its asks read.

>>> asks_which("Hợp đồng lao động gồm những nội dung nào?"), asks_which("Khi nào hội nghị hợp lệ?")
(True, False)
"""

from __future__ import annotations

import re

from tracuu.text.normalize import canonical_tones, fold

__all__ = [
    "WHICH_ASK",
    "LIST_ASK",
    "CONDITION_ASK",
    "ENUMERATION_ASK",
    "DEFINITION_ASK",
    "asks_which",
    "asked_words",
    "how_many_where_unaccented",
]

# Read on folded text. "những … nào", "những … gì": which ones.
_WHICH = r"\b(?:nhung|cac)\b.*\b(?:nao|gi)\b"
WHICH_ASK = re.compile(_WHICH)
# The whole of a list is asked ("những … nào", "trường hợp nào", "gồm …"), not when something holds ("khi
# nào"): one item of it found, the lead-in is quoted with every item, not cut at the one found.
_ENUMERATION = rf"{_WHICH}|\btruong hop nao\b|\bgom\b"
ENUMERATION_ASK = re.compile(_ENUMERATION)
# Those, "điều kiện …" or "khi nào": a list or a condition answers.
LIST_ASK = re.compile(rf"{_ENUMERATION}|\bdieu kien\b|\bkhi nao\b")
# A condition is asked ("khi nào", "trường hợp nào", "điều kiện"): a list answers it when its lead-in
# introduces cases or conditions ("… trong trường hợp sau đây:"), not any list ("Thành phần … như sau:").
CONDITION_ASK = re.compile(r"\b(khi nao|truong hop nao|dieu kien)\b")
# What a term means ("X là gì", "định nghĩa X", "thế nào là X", "X được hiểu là gì"): the sentence "X là …"
# answers, when X is what the question asks about.
DEFINITION_ASK = re.compile(r"\b(la gi|dinh nghia|the nao la|khai niem|duoc hieu la gi|nghia la gi)\b")


def asks_which(question: str) -> bool:
    """ "những … nào", "các … gì": which ones (not when or on what condition)."""
    return bool(WHICH_ASK.search(fold(question)))


_MAY = re.compile(r"(?<!\w)may(?!\w)")


def asked_words(question: str) -> str:
    """The folded question every ask rule reads, where "may" is "mấy" only if typed so (or the question is
    typed without accents): "may mặc", "máy" ask nothing. Folding keeps offsets, so the typed word is read at
    the same place.

    >>> asked_words("Được nghỉ mấy ngày?"), asked_words("Ngành may mặc"), asked_words("duoc nghi may ngay")
    ('duoc nghi may ngay?', 'nganh ___ mac', 'duoc nghi may ngay')
    """
    question = canonical_tones(question)
    folded = fold(question)
    if folded == question.lower():
        return folded
    return _MAY.sub(lambda m: m.group() if question[m.start() : m.end()].lower() == "mấy" else "___", folded)


def how_many_where_unaccented(question: str) -> str:
    """A question typed without accents, its "may" written "mấy": there it asks how many, and the words the
    vocabulary then puts beside it carry accents, which would make it read as "may" (sew) in ``asked_words``."""
    return _MAY.sub("mấy", question)
