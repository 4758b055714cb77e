"""The Vietnamese document types: one vocabulary from which citations, headers, questions and facts read them.

Each type has its name as written in text ("Nghị định"), the abbreviation a document number carries
("NĐ" in ``145/2020/NĐ-CP``) and, folded, the code the index matches on ("ND").

>>> TYPE_BY_CODE["ND"], by_name("KẾ HOẠCH").short
('Nghị định', 'KH')
>>> [t.name for t in DOC_TYPES if t.code == "QD"]
['Quyết định', 'Quy định']
>>> document_label("Kế hoạch", "439/KH-LĐLĐ"), document_label("Luật", None, "Luật Thực hiện dân chủ ở cơ sở")
('Kế hoạch 439/KH-LĐLĐ', 'Luật Thực hiện dân chủ ở cơ sở')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracuu.text.normalize import fold

__all__ = [
    "DocType",
    "DOC_TYPES",
    "TYPE_BY_CODE",
    "LAW_CODE",
    "by_name",
    "type_names",
    "names_pattern",
    "document_label",
    "legal_force",
]

LAW_CODE = "QH"  # laws carry no type code: their numbers end in the National Assembly's term (45/2019/QH14)


@dataclass(frozen=True)
class DocType:
    name: str  # as written in running text: "Nghị định"
    short: str | None = None  # abbreviation in a document number: "NĐ", "CTr"
    code: str | None = None  # folded code matched in number keys; from ``short`` unless given
    governs: bool = True  # rules, directs or plans (asked about as "nghị định nào …"); False for reports, notices
    variants: tuple[str, ...] = ()  # longer names of the same type in running text
    # Sets tasks with due dates ("… báo cáo chậm nhất ngày 30/11/2027"), even when written in articles as a
    # decision is; legislation does not ("hợp đồng ký trước ngày 01/01/1995" is a transitional rule).
    sets_tasks: bool = False

    def __post_init__(self) -> None:
        if self.code is None and self.short is not None:
            object.__setattr__(self, "code", fold(self.short).upper())

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.variants)


DOC_TYPES: tuple[DocType, ...] = (
    DocType("Hiến pháp"),
    DocType("Bộ luật", code=LAW_CODE),
    DocType("Luật", code=LAW_CODE),
    DocType("Pháp lệnh", "PL"),
    DocType("Nghị định", "NĐ"),
    DocType("Nghị quyết", "NQ"),
    DocType("Quyết định", "QĐ", sets_tasks=True),
    DocType("Quy định", "QĐ"),  # the Party's rules are numbered like its decisions: 124-QĐ/TW
    DocType("Chỉ thị", "CT", sets_tasks=True),
    DocType("Thông tư liên tịch", "TTLT"),
    DocType("Thông tư", "TT"),
    DocType("Kết luận", "KL", sets_tasks=True),
    DocType("Hướng dẫn", "HD", sets_tasks=True),
    DocType("Công văn", "CV", sets_tasks=True),
    DocType("Kế hoạch", "KH", sets_tasks=True),
    DocType("Chương trình", "CTr", variants=("Chương trình phối hợp", "Chương trình hành động"), sets_tasks=True),
    DocType("Quy chế", "QC"),
    DocType("Đề án", "ĐA", sets_tasks=True),
    DocType("Thông báo", "TB", governs=False, sets_tasks=True),
    DocType("Báo cáo", "BC", governs=False),
    DocType("Tờ trình", "TTr", governs=False),
    DocType("Công điện", "CĐ", governs=False, sets_tasks=True),
)

# What a bare number's first code means ("ND" → Nghị định): the first type listed with that code.
TYPE_BY_CODE: dict[str, str] = {}
for _t in DOC_TYPES:
    if _t.code and _t.code != LAW_CODE:
        TYPE_BY_CODE.setdefault(_t.code, _t.name)
_BY_NAME = {name.casefold(): t for t in DOC_TYPES for name in t.names}


def by_name(name: str) -> DocType | None:
    """The type with this name in any case ("NGHỊ ĐỊNH", "nghị định"), or None."""
    return _BY_NAME.get(" ".join(name.split()).casefold())


def sets_tasks(doc_type: str | None) -> bool:
    """Does a document of this type assign tasks with due dates (a decision, a plan, a notice)?

    >>> sets_tasks("Quyết định"), sets_tasks("Kế hoạch"), sets_tasks("Nghị định"), sets_tasks(None)
    (True, True, False, False)
    """
    t = by_name(doc_type) if doc_type else None
    return t is not None and t.sets_tasks


def type_names(*, governing_only: bool = False, variants: bool = True) -> list[str]:
    """Every name of a type, longest first so that "Bộ luật" is tried before "Luật"."""
    types = [t for t in DOC_TYPES if t.governs or not governing_only]
    names = {n for t in types for n in (t.names if variants else (t.name,))}
    return sorted(names, key=lambda n: (-len(n), n))


def names_pattern(*, governing_only: bool = False, folded: bool = False) -> str:
    """A regex alternation of the type names (longest first), accent-folded for matching folded questions."""
    names = type_names(governing_only=governing_only, variants=not folded)
    if folded:
        names = sorted({fold(n) for n in names}, key=lambda n: (-len(n), n))
    return "|".join(re.escape(n) for n in names)


def document_label(doc_type: str | None, number: str | None, title: str | None = None) -> str:
    """How officers name a document: type and number ("Nghị định 145/2020/NĐ-CP"); without a number its
    title, else its type; "" when nothing is known (callers add their own last resort, e.g. the doc_id)."""
    if number:
        return f"{doc_type} {number}" if doc_type else number
    return title or doc_type or ""


# The order of legal force (Luật Ban hành văn bản quy phạm pháp luật 2015, Điều 4 and 156): a law
# before the decree that details it, a decree before the circular that guides it.
_FORCE = {"Hiến pháp": 3, "Bộ luật": 2, "Luật": 2, "Pháp lệnh": 1, "Nghị định": 1}


def legal_force(doc_type: str | None) -> int:
    """3 for the Constitution, 2 for laws, 1 for ordinances and decrees, 0 for the rest (or unknown).

    >>> legal_force("Bộ luật"), legal_force("Nghị định"), legal_force("Thông tư"), legal_force(None)
    (2, 1, 0, 0)
    """
    return _FORCE.get(doc_type or "", 0)
