"""Lay a stored document out for the viewer: lines as headings/paragraphs, offsets kept exactly.

The viewer highlights ``#start-end`` ranges by counting characters through the rendered text, so the
layout never drops, adds or reorders a character: the text between blocks (newlines, blank lines) is
kept in ``Block.gap`` and rendered as a text node, and ``"".join(b.gap + b.text for b in blocks) + tail``
is the document text. Structure comes from :func:`tracuu.document.structure.parse_structure`, the same parser that
gave the chunks their section paths.

>>> layout = layout_document("Chương I\\nQUY ĐỊNH CHUNG\\nĐiều 1. Phạm vi\\nLuật này quy định.")
>>> [(b.tag, b.text) for b in layout.blocks]
[('h2', 'Chương I\\nQUY ĐỊNH CHUNG'), ('h3', 'Điều 1. Phạm vi'), ('p', 'Luật này quy định.')]
>>> [e.label for e in layout.toc]
['Chương I']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tracuu.document.structure import is_legal_text, parse_structure, walk
from tracuu.models import Section

__all__ = ["Line", "Block", "TocEntry", "DocumentLayout", "layout_document", "section_anchor"]

_TOC_TITLE_CHARS = 72
_NOTE = re.compile(r"^\(.*\)$", re.S)  # Bộ Pháp điển notes: "(Điều 1 Luật số …)"
_TITLED = {"part", "chapter", "section"}  # a heading whose name may stand on the next line in capitals


@dataclass(frozen=True)
class Line:
    """One line of the block; ``gap`` is the text between it and the previous line of the block."""

    gap: str
    text: str


@dataclass(frozen=True)
class Block:
    tag: str  # h2, h3, p
    css: str  # the kind of line, for styling: chapter, article, heading, clause, note, caps, text …
    start: int
    gap: str  # text between the previous block and this one (newlines only)
    lines: tuple[Line, ...]
    anchor: str | None = None  # id of a section starting here

    @property
    def text(self) -> str:
        return "".join(line.gap + line.text for line in self.lines)

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class TocEntry:
    anchor: str
    label: str  # as written: "Chương I", "Điều 5.", "II.", "3."
    title: str  # the name after the label, shortened, for the side list
    children: list[TocEntry] = field(default_factory=list)


@dataclass(frozen=True)
class DocumentLayout:
    blocks: list[Block]
    tail: str  # text after the last block
    toc: list[TocEntry]
    legal: bool  # article-structured legislation (else a plan or other text)

    @property
    def text(self) -> str:
        return "".join(b.gap + b.text for b in self.blocks) + self.tail


def section_anchor(start: int) -> str:
    return f"s-{start}"


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _is_caps_title(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and line == line.upper() and len(line) <= 200


def _kind_of_line(section: Section | None, line: str, legal: bool, in_preamble: bool) -> tuple[str, str]:
    """(tag, css) for a line, from the section starting on it (if any)."""
    stripped = line.strip()
    if section is not None:
        kind = section.kind
        if kind in ("part", "chapter"):
            return "h2", kind
        if kind == "section":
            return ("h2", kind) if legal else ("h3", kind)
        if kind == "article":
            return "h3", kind
        if kind == "heading":  # a plan's I., II.
            return "h2", kind
        if kind == "clause" and not legal:  # a plan's 1., 2.: often a whole sentence, so not a heading
            return "p", "item"
        if kind in ("clause", "point", "bullet"):
            return "p", kind
    if _NOTE.match(stripped):
        return "p", "note"
    if in_preamble and _is_caps_title(stripped) and len(stripped) <= 80:
        return "p", "caps"
    return "p", "text"


def _short(text: str, limit: int = _TOC_TITLE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _sentence_case(text: str) -> str:
    return text[:1] + text[1:].lower() if _is_caps_title(text) else text


def _split_heading(s: Section) -> tuple[str, str]:
    """("Điều 5.", "Phạm vi") from "Điều 5. Phạm vi": the label as written, then the name."""
    if s.kind in ("preamble", "closing"):
        return s.label, ""
    heading = s.heading
    ident = s.label.removeprefix("ý ").strip()
    at = heading.find(ident) if ident else -1
    if at < 0:
        return s.label, heading
    cut = at + len(ident)
    while cut < len(heading) and heading[cut] in ".:)–- ":
        cut += 1
    return heading[:cut].strip(), heading[cut:]


def _toc(sections: list[Section], legal: bool, titles: dict[int, str]) -> list[TocEntry]:
    wanted = {"part", "chapter", "section", "article", "heading", "preamble", "closing"}
    if not legal:
        wanted.add("clause")
    out = []
    for s in sections:
        if s.kind not in wanted:
            continue
        label, name = _split_heading(s)
        name = titles.get(s.start) or name
        out.append(
            TocEntry(section_anchor(s.start), label, _short(_sentence_case(name)), _toc(s.children, legal, titles))
        )
    return out


def layout_document(text: str) -> DocumentLayout:
    """Blocks and side list of ``text``; see the module docstring for the offset guarantee."""
    legal = is_legal_text(text)
    roots = parse_structure(text)
    starts = {s.start: s for s, _ in walk(roots)}
    first_heading = min((s.start for s in starts.values() if s.kind != "preamble"), default=len(text))
    blocks: list[Block] = []
    titles: dict[int, str] = {}  # section start → the capitals line naming it
    lines = _lines(text)
    pos = 0  # end of the last block
    i = 0
    while i < len(lines):
        start, line = lines[i]
        i += 1
        if not line.strip():
            continue
        section = starts.get(start)
        tag, css = _kind_of_line(section, line, legal, start < first_heading)
        parts = [Line("", line)]
        # "Chương I" then "NHỮNG QUY ĐỊNH CHUNG" (maybe after a blank line): one heading of two lines.
        if section is not None and section.kind in _TITLED:
            j = i
            while j < len(lines) and not lines[j][1].strip():
                j += 1
            if j < len(lines) and lines[j][0] not in starts and _is_caps_title(lines[j][1].strip()):
                line_end = start + len(line)
                parts.append(Line(text[line_end : lines[j][0]], lines[j][1]))
                titles[start] = lines[j][1].strip()
                i = j + 1
        block = Block(
            tag,
            css,
            start,
            text[pos:start],
            tuple(parts),
            anchor=section_anchor(start) if section is not None else None,
        )
        blocks.append(block)
        pos = block.end
    tail = text[pos:]
    return DocumentLayout(blocks, tail, _toc(roots, legal, titles), legal)
