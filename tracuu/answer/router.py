"""What kind of question is this: a deadline, a target, an assignment, "which document", or a passage?

Decided on the accent-folded question with phrase patterns, so "han gui ho so" and "Hạn gửi hồ sơ" agree,
and "quyền hạn" is not mistaken for a deadline.
"""

from __future__ import annotations

import re
from typing import Literal

from tracuu.text.asking import ADDRESSEE_ASK, SENT_TO_ASK
from tracuu.text.doc_types import names_pattern
from tracuu.text.normalize import fold

__all__ = ["QuestionKind", "asks_basis", "classify", "names_a_type", "wants_all"]

QuestionKind = Literal[
    "deadline",
    "effective",
    "validity",
    "issued",
    "subject",
    "article",
    "target",
    "assignment",
    "governing",
    "passage",
]

_EFFECTIVE = re.compile(r"\bhieu luc\b(?!.*\b(nhiem vu|quyen)\b)")
_DEADLINE = re.compile(
    r"^han\b|\b(han chot|thoi han|han cuoi|han nop|han gui|han bao cao|ngay nao|khi nao|bao gio|cham nhat|truoc ngay"
    r"|den ngay|thoi diem nao|luc nao)\b"
)
_TARGET = re.compile(r"\b(bao nhieu phan tram|ty le|chi tieu|phan tram|muc tieu phan dau|phan dau)\b|%")
_ACHIEVED = re.compile(r"\b(dat|dat duoc|ket qua)\b")
_TARGET_NAMED = re.compile(r"\b(chi tieu|muc tieu|phan dau)\b")
_ASSIGNMENT = re.compile(
    r"\b(bo phan nao|don vi nao|co quan nao|ai (la|chiu|phu trach|tham muu|ky|duoc giao)|giao cho|ai duoc"
    r"|phan cong|chiu trach nhiem|tham muu|phu trach|nguoi ky|ai ky)\b"
)
_GOVERNING = re.compile(
    rf"\b((?:van ban|{names_pattern(governing_only=True, folded=True)}) nao"
    r"|theo van ban|can cu (vao )?(nhung |cac )?van ban"
    r"|can cu vao|dua tren (nhung |cac )?van ban|nhung van ban|cac van ban nao|so hieu)\b"
)
# About a document's force: "còn hiệu lực không", "hết hiệu lực khi nào", "văn bản nào thay thế …".
_VALIDITY = re.compile(
    r"\b(con hieu luc|het hieu luc|hieu luc (den|toi) (khi nao|bao gio|ngay nao)|(van ban|nghi dinh|luat|quyet dinh"
    r"|thong tu|bo luat) nao thay the|thay the (cho )?(nghi dinh|luat|bo luat|quyet dinh|thong tu|van ban|phap lenh)"
    r"|bi thay the|thay the boi|bi bai bo|con ap dung|con duoc ap dung)\b"
)
# About the day a document was issued or signed.
_ISSUED = re.compile(
    r"\b(ky|ban hanh|thong qua|ky ban hanh)\s+(vao\s+)?(ngay nao|ngay bao nhieu|khi nao|bao gio|luc nao|hom nao|nam nao)"
    r"|\bngay (ky|ban hanh|thong qua)\b"
)
# "Thông báo 58 ra ngày nào?", "… ra đời khi nào": "ra" (came out) asks the issue date only of a document the question names by
# its type; "công nhân ra về ngày nào" asks no such thing.
_CAME_OUT = re.compile(r"\bra(\s+doi)?\s+(vao\s+)?(ngay nao|ngay bao nhieu|khi nao|bao gio|luc nao|hom nao|nam nao)")
# What a document is about: "Công văn 215 về việc gì?", "… nói về vấn đề gì", "trích yếu của …".
_SUBJECT = re.compile(r"\b(ve viec gi|ve van de gi|noi ve (viec |van de |noi dung )?gi|trich yeu|tieu de)\b")
_TYPE_NAMED = re.compile(rf"\b({names_pattern(folded=True)})\b")
_ALL = re.compile(r"\b(nhung|cac) (van ban|quyet dinh|nghi dinh|chi thi)\b|\bcan cu\b")
_BASIS = re.compile(r"\b(can cu|dua (tren|vao))\b")


def classify(question: str) -> QuestionKind:
    q = fold(question)
    if _ISSUED.search(q) or (_CAME_OUT.search(q) and _TYPE_NAMED.search(q)):
        return "issued"
    if _VALIDITY.search(q):
        return "validity"
    if _SUBJECT.search(q):
        return "subject"
    if _GOVERNING.search(q):
        return "governing"
    if _EFFECTIVE.search(q) and re.search(r"\b(tu|khi nao|ngay nao|bao gio|tu ngay|luc nao)\b", q):
        return "effective"
    if _TARGET.search(q) and not (_ACHIEVED.search(q) and not _TARGET_NAMED.search(q)):
        return "target"  # "… đạt bao nhiêu phần trăm?" asks what was achieved (a report's figure), not a target
    if _DEADLINE.search(q):
        return "deadline"
    if _ASSIGNMENT.search(q) or ADDRESSEE_ASK.search(q) or SENT_TO_ASK.search(q):
        return "assignment"
    return "passage"


def names_a_type(question: str) -> bool:
    """Does the question speak of a document by its type ("Thông tư", "Nghị định này")? "Hợp đồng lao động có
    hiệu lực từ khi nào?" asks of a contract, which no document's effective date answers."""
    return bool(_TYPE_NAMED.search(fold(question)))


def wants_all(question: str) -> bool:
    """ "Những văn bản nào", "căn cứ vào …": list every document, not only the best one."""
    return bool(_ALL.search(fold(question)))


def asks_basis(question: str) -> bool:
    """ "… căn cứ những văn bản nào?", "dựa trên văn bản nào": what a document was issued on, its opening's
    "Căn cứ …" and "Thực hiện …" lines."""
    return bool(_BASIS.search(fold(question)))
