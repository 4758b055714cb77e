"""Find the structure of a normalised document: Phần/Chương/Mục/Điều/Khoản/Điểm, or a plan's I./1./- items.

The result is a tree of :class:`~tracuu.models.Section` whose spans index the document text. One rule for
every document: a heading of rank *r* closes every open section of rank ≥ *r*. Ranks are chosen so that
laws (Điều › 1. › a)) and plans (I. › 1. › -) nest correctly with the same table.

>>> doc = "Chương I\\nQUY ĐỊNH CHUNG\\nĐiều 1. Phạm vi\\n1. Khoản một.\\na) Điểm a.\\n"
>>> [s.label for s in parse_structure(doc)[0].children]
['Điều 1']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracuu.citations import find_numbers
from tracuu.models import ATTACHED, CLOSING, PREAMBLE, RECIPIENTS, Section, SourceRef
from tracuu.text.doc_types import by_name
from tracuu.text.legal import ARTICLE_ID, is_legal_text

__all__ = ["parse_structure", "is_legal_text", "is_part_heading", "is_source_note", "walk", "SOURCE_NOTE_ARTICLE"]


@dataclass(frozen=True)
class _Marker:
    kind: str
    rank: int
    pattern: re.Pattern


_PART_HEADING = re.compile(r"^([IVX]{1,5})\.\s+\S")  # a plan's or report's part: "II. HẠN CHẾ"
_MARKERS = [
    _Marker("part", 0, re.compile(r"^Phần\s+(?:thứ\s+[\wÀ-ỹ]+|[IVXLC]+)\b", re.I)),
    _Marker("chapter", 1, re.compile(r"^Chương\s+([IVXLC]+|\d+)\b")),
    _Marker("section", 2, re.compile(r"^Mục\s+(\d+|[IVXLC]+)\b")),
    _Marker("article", 3, re.compile(rf"^Điều\s+({ARTICLE_ID})\.?(?=\s|$)")),
    _Marker("heading", 3, _PART_HEADING),
    _Marker("clause", 4, re.compile(r"^(\d{1,3})\.\s+\S")),
    _Marker("point", 5, re.compile(r"^([a-zđ])\)\s+\S")),
    _Marker("bullet", 6, re.compile(r"^[-–•+*]\s+\S")),
]
_CLOSING = re.compile(rf"^({RECIPIENTS}|Trên đây là)\b")
_ISSUED_WITH = re.compile(r"^\((?:Ban hành )?kèm theo\b", re.IGNORECASE)
# A Bộ Pháp điển note right under an article: "(Điều 1 Luật số 10/2022/QH15 … )"; it opens with the article
# reproduced (also what a heading that runs into its note is cut at: ``tracuu/document/titles.py``).
SOURCE_NOTE_ARTICLE = r"(?:Điểm\s+\S+\s+)?(?:Khoản\s+\S+\s+)?Điều\s+\d+[a-z]?"
_SOURCE_NOTE = re.compile(rf"^\((?P<article>{SOURCE_NOTE_ARTICLE})\b.*\)$")


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _match(line: str, legal: bool) -> tuple[_Marker, str] | None:
    for marker in _MARKERS:
        m = marker.pattern.match(line)
        if not m:
            continue
        if marker.kind == "heading" and legal:
            continue  # "I." inside a law is a list item, not a plan heading
        label = m.group(1) if m.groups() else ""
        return marker, label
    return None


def _label(kind: str, ident: str, bullet_no: int) -> str:
    return {
        "part": f"Phần {ident}".strip(),
        "chapter": f"Chương {ident}",
        "section": f"Mục {ident}",
        "article": f"Điều {ident}",
        "heading": ident,
        "clause": ident,
        "point": f"Điểm {ident}",
        "bullet": f"ý {bullet_no}",
    }[kind]


def _source_ref(line: str) -> SourceRef | None:
    m = _SOURCE_NOTE.match(line)
    if not m:
        return None
    numbers = find_numbers(line)
    first = numbers[0].number if numbers else None
    return SourceRef(
        number=first.number if first else None,
        number_key=first.key if first else None,
        article=m.group("article"),
        note=line,
    )


def is_source_note(line: str) -> bool:
    """The Bộ Pháp điển line naming where an article comes from: a label of the article, not its text."""
    return _source_ref(line.strip()) is not None and bool(find_numbers(line))


def is_part_heading(line: str) -> bool:
    """A plan's or report's part heading in capitals ("II. HẠN CHẾ", "III. PHƯƠNG HƯỚNG NĂM 2025")."""
    return bool(_PART_HEADING.match(line)) and line.isupper()


def _open_root(node: Section, roots: list[Section], stack: list[Section]) -> None:
    """A top-level part (the closing, a document issued with this one) ends every section open before it."""
    for open_node in stack:
        open_node.end = min(open_node.end, node.start)
    stack.clear()
    roots.append(node)
    stack.append(node)


def _attached_type(stripped: str, following: list[str]) -> str | None:
    """The type of a document issued with this one, when ``stripped`` is its type line in capitals ("QUY CHẾ")
    followed, under its title, by "(Ban hành kèm theo Quyết định số …)"."""
    doc_type = by_name(stripped) if stripped.isupper() else None
    if doc_type is None or not any(_ISSUED_WITH.match(line) for line in following[:3]):
        return None
    return doc_type.name


def parse_structure(text: str) -> list[Section]:
    """Top-level sections of ``text`` (children nested); text before the first heading is a preamble. A
    document issued with it ("QUY CHẾ … (Ban hành kèm theo …)") is a top-level part of its own."""
    legal = is_legal_text(text)
    roots: list[Section] = []
    stack: list[Section] = []
    bullet_counts: dict[int, int] = {}
    previous_article: Section | None = None
    lines = [(pos, line.strip()) for pos, line in _lines(text) if line.strip()]
    for i, (pos, stripped) in enumerate(lines):
        attached = _attached_type(stripped, [line for _, line in lines[i + 1 : i + 4]])
        if attached is not None:
            _open_root(Section("attachment", f"{ATTACHED}{attached}", stripped, pos, len(text), -1), roots, stack)
            previous_article = None
            continue
        if previous_article is not None:
            # The line right after a codified article's heading may name its source.
            if previous_article.source is None and pos > previous_article.start:
                previous_article.source = _source_ref(stripped)
            previous_article = None
        if _CLOSING.match(stripped) and not legal:
            label = RECIPIENTS if stripped.startswith(RECIPIENTS) else CLOSING
            _open_root(Section("closing", label, stripped, pos, len(text), -1), roots, stack)
            continue
        found = _match(stripped, legal)
        if found is None:
            if not stack and not roots:
                node = Section("preamble", PREAMBLE, stripped, pos, len(text), -1)
                roots.append(node)
                stack.append(node)
            continue
        marker, ident = found
        if stack and stack[-1].kind == "closing":
            continue  # list items after "Nơi nhận:" are recipients, not plan items
        while stack and stack[-1].rank >= marker.rank:
            stack.pop().end = pos
        if stack and stack[-1].kind == "preamble":
            stack.pop().end = pos
        parent_id = id(stack[-1]) if stack else 0
        if marker.kind == "bullet":
            bullet_counts[parent_id] = bullet_counts.get(parent_id, 0) + 1
        node = Section(
            marker.kind,
            _label(marker.kind, ident, bullet_counts.get(parent_id, 0)),
            stripped,
            pos,
            len(text),
            marker.rank,
        )
        bullet_counts[id(node)] = 0
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
        if marker.kind == "article":
            previous_article = node
    _mend_heading_numbers(roots)
    _trim(roots, text)
    return roots


_ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]


def _mend_heading_numbers(sections: list[Section]) -> None:
    """A plan's headings run I., II., III. …; OCR reads "II." as "I." (or "IV." as "V."). A heading between two
    that leave exactly its number free ("I.", "I.", "III.") is given that number, so its items are "II.1", not
    a second "I.1". Anything else (an appendix starting again at "I.") is left as written."""
    headings = [s for s in sections if s.kind == "heading"]
    numbers = [_ROMAN.index(s.label) if s.label in _ROMAN else None for s in headings]
    for i in range(1, len(headings) - 1):
        before, this, after = numbers[i - 1], numbers[i], numbers[i + 1]
        if before is not None and after == before + 2 and this != before + 1:
            headings[i].label, numbers[i] = _ROMAN[before + 1], before + 1
    for s in sections:
        _mend_heading_numbers(s.children)


def _trim(sections: list[Section], text: str) -> None:
    """Shrink every span so it starts and ends on non-blank text."""
    for s in sections:
        while s.end > s.start and text[s.end - 1].isspace():
            s.end -= 1
        _trim(s.children, text)


def walk(sections: list[Section], parents: tuple[Section, ...] = ()):
    """Depth-first (section, ancestors) pairs."""
    for s in sections:
        yield s, parents
        yield from walk(s.children, (*parents, s))
