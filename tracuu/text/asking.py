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
    "SIGNER_ASK",
    "ADDRESSEE_ASK",
    "SENT_TO_ASK",
    "asked_field",
    "asks_signer",
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
# Who signed a document ("Ai ký …?", "… do ai ký?", "người ký … là ai?"), not who signs a contract or
# registers something ("ai ký hợp đồng", "ai phải đăng ký"), nor a signer the question is about ("người ký
# bên công ty không đúng thẩm quyền").
SIGNER_ASK = re.compile(
    r"\bai\s+(?:da\s+)?ky\b(?!\s+(?:ket|hop dong|quy|thoa thuan|thoa uoc|hdld|hd)\b)|\bnguoi ky\b[^?]{0,80}\bla ai\b|\bky ten\b"
)

# Whom a document is addressed to ("Nơi nhận", "Kính gửi", "gửi cho những đơn vị nào"), and where something is
# to be sent ("gửi cho ai", "gửi về bộ phận nào", "nộp ở đâu"): of a named document its addressees, else the
# recipient of the due item asked about.
ADDRESSEE_ASK = re.compile(r"\b(noi nhan|kinh gui)\b|\bgui (cho|den|toi) (nhung |cac )?(noi|don vi|co quan) nao\b")
SENT_TO_ASK = re.compile(r"\b(gui|nop)( (ve|cho|den|toi|o|tai))?( \w+){0,2} (ai|dau|nao)\b")


# A field of a notice, an invitation or a plan's item ("2. Địa điểm: Hội trường …", "Thời gian: 01 ngày …",
# "Thành phần: …") and the words asking it, folded: "tổ chức ở đâu?" is answered by the "Địa điểm" line.
# The label opens the line, after its number or letter: "2. Địa điểm:", "b) Thời gian tổ chức:".
_LABEL = r"^(?:[\divx]{{1,4}}[.)]\s*|[a-z]\)\s*|[-+]\s*)?{}\b[^:\n]{{0,30}}:"
_FIELDS = tuple(
    (re.compile(asks), re.compile(_LABEL.format(label)))
    for asks, label in (
        (r"\b(o dau|tai dau|cho nao|dia diem nao|dia diem o dau)\b", "dia diem"),
        (r"\b(luc nao|bao gio|ngay nao|hom nao|thoi gian nao|thoi gian to chuc|khi nao)\b", "thoi gian"),
        (r"\b(nhung ai|ai (duoc )?(tham du|tham gia|du)|thanh phan)\b", "thanh phan"),
    )
)


def asked_field(folded_question: str) -> re.Pattern | None:
    """The labelled field a question asks (on :func:`asked_words`), as a pattern for a folded unit.

    >>> asked_field(asked_words("Hội nghị tổ chức ở đâu?")).match("2. dia diem: hoi truong")
    <re.Match object; span=(0, 12), match='2. dia diem:'>
    """
    return next((label for asks, label in _FIELDS if asks.search(folded_question)), None)


def asks_signer(question: str) -> bool:
    """Does the question ask who signed a document (:data:`SIGNER_ASK`)?"""
    return bool(SIGNER_ASK.search(asked_words(question)))


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
