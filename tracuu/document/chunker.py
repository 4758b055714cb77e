"""Cut a structured document into chunks that follow its structure.

Laws and codified chapters: one chunk per Điều when it fits in ``max_chars``; a longer Điều is cut
between its Khoản (then Điểm, then sentences), consecutive pieces packed together. Plans: one chunk per
item (a numbered item's own text, each ``-`` bullet), because officers ask about single tasks.
A cut never falls inside a word, so a document number is never split across chunks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from tracuu.document.structure import is_legal_text, parse_structure
from tracuu.models import ChunkRecord, Section, SectionPath

__all__ = ["ChunkSettings", "SectionLocator", "chunk_document"]

_SENTENCE_BREAK = re.compile(r"(?<=[.;:])\s+|\n+")
_MIN_OWN_TEXT = 120  # heading-only text (e.g. "Chương I\nQUY ĐỊNH CHUNG") is context, not a chunk
_CONTEXT_PIECE = 220


@dataclass(frozen=True)
class ChunkSettings:
    max_chars: int = 1500

    def __post_init__(self) -> None:
        if self.max_chars < 200:
            raise ValueError(f"max_chars must be at least 200, got {self.max_chars}")


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    path: SectionPath


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _own_end(section: Section) -> int:
    return section.children[0].start if section.children else section.end


def _label(section: Section, legal: bool) -> str:
    if section.kind == "clause" and legal:
        return f"Khoản {section.label}"
    return section.label


def _path(section: Section, parents: tuple[Section, ...], legal: bool) -> SectionPath:
    chain = [*parents, section]
    article = next((s.label for s in chain if s.kind == "article"), None)
    if legal:
        return SectionPath(tuple(_label(s, legal) for s in chain), article)
    # Plans: "II.3" for numbered items under a roman heading, "II.3 › ý 2" for bullets.
    parts: list[str] = []
    for s in chain:
        if s.kind == "clause" and parts and parts[-1].isupper() and re.fullmatch(r"[IVX]+", parts[-1]):
            parts[-1] = f"{parts[-1]}.{s.label}"
        else:
            parts.append(s.label)
    return SectionPath(tuple(parts), article)


class SectionLocator:
    """The section path of any span of one document, labelled as chunks are: the deepest section holding
    the span whole. A quoted sentence of khoản 2 is "… › Điều 5 › Khoản 2", not its chunk's "Khoản 1–3".

    >>> text = "Điều 5. Nghỉ\\n1. Khoản một.\\n2. Khoản hai:\\na) Điểm a;\\nb) Điểm b.\\nĐiều 6. Hiệu lực\\n"
    >>> SectionLocator(text).path(text.index("Khoản hai"), text.index("Điểm b.") + 7).display
    'Điều 5 › Khoản 2'
    """

    def __init__(self, text: str) -> None:
        self._legal = is_legal_text(text)
        self._roots = parse_structure(text)

    def path(self, start: int, end: int) -> SectionPath | None:
        chain: list[Section] = []
        level = self._roots
        while (inside := next((s for s in level if s.start <= start and end <= s.end), None)) is not None:
            chain.append(inside)
            level = inside.children
        return _path(chain[-1], tuple(chain[:-1]), self._legal) if chain else None


def _headings(text: str, parents: tuple[Section, ...], title: str | None) -> tuple[str, ...]:
    pieces = [title] if title else []
    for p in parents:
        if p.kind in ("preamble", "closing"):
            continue
        own = " ".join(text[p.start : _own_end(p)].split())
        pieces.append(own[:_CONTEXT_PIECE])
    return tuple(pieces)


def _sentence_spans(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Pack sentences of ``text[start:end]`` into spans of at most ``limit`` characters."""
    cuts = [start] + [m.end() + start for m in _SENTENCE_BREAK.finditer(text[start:end])] + [end]
    spans: list[tuple[int, int]] = []
    cur = start
    for a, b in pairwise(cuts):
        if b - cur > limit and a > cur:
            spans.append((cur, a))
            cur = a
        while b - cur > limit:  # one sentence longer than the limit: cut at the last space before it
            cut = text.rfind(" ", cur, cur + limit)
            cut = cut if cut > cur else cur + limit
            spans.append((cur, cut))
            cur = cut
    if cur < end:
        spans.append((cur, end))
    return [_trimmed(text, a, b) for a, b in spans if text[a:b].strip()]


def _pack(text: str, pieces: list[_Span], limit: int, path: SectionPath) -> list[_Span]:
    """Merge consecutive pieces while they fit in ``limit``; the merged span names its first and last piece."""
    out: list[_Span] = []
    group: list[_Span] = []
    for piece in pieces:
        if group and piece.end - group[0].start > limit:
            out.append(_merge(group, path))
            group = []
        group.append(piece)
    if group:
        out.append(_merge(group, path))
    return out


def _merge(group: list[_Span], parent_path: SectionPath) -> _Span:
    if len(group) == 1:
        return group[0]
    labels = [p.path.parts[-1] for p in group if p.path != parent_path]
    if not labels:
        return _Span(group[0].start, group[-1].end, parent_path)
    first, last = labels[0], labels[-1]
    kind = first.rpartition(" ")[0]
    if first != last and kind and last.startswith(kind + " "):
        last = last[len(kind) + 1 :]  # "Khoản 3–Khoản 5" → "Khoản 3–5"
    label = first if first == last else f"{first}–{last}"
    return _Span(group[0].start, group[-1].end, parent_path.child(label))


def _pieces(text: str, section: Section, parents: tuple[Section, ...], legal: bool, limit: int) -> list[_Span]:
    """Spans covering ``section``, each at most ``limit`` long, cut at child boundaries first."""
    path = _path(section, parents, legal)
    start, end = _trimmed(text, section.start, section.end)
    if end - start <= limit:
        return [_Span(start, end, path)]
    if not section.children:
        return [_Span(a, b, path) for a, b in _sentence_spans(text, start, end, limit)]
    pieces: list[_Span] = []
    own_start, own_end = _trimmed(text, section.start, _own_end(section))
    if own_end > own_start:
        pieces.extend(_Span(a, b, path) for a, b in _sentence_spans(text, own_start, own_end, limit))
    for child in section.children:
        pieces.extend(_pieces(text, child, (*parents, section), legal, limit))
    return _pack(text, pieces, limit, path)


def _plan_spans(text: str, section: Section, parents: tuple[Section, ...], limit: int) -> list[_Span]:
    path = _path(section, parents, legal=False)
    if section.kind in ("preamble", "closing") or not section.children:
        start, end = _trimmed(text, section.start, section.end)
        return [_Span(a, b, path) for a, b in _sentence_spans(text, start, end, limit)]
    out: list[_Span] = []
    own_start, own_end = _trimmed(text, section.start, _own_end(section))
    if own_end - own_start >= _MIN_OWN_TEXT or section.kind == "clause":
        out.extend(_Span(a, b, path) for a, b in _sentence_spans(text, own_start, own_end, limit))
    for child in section.children:
        out.extend(_plan_spans(text, child, (*parents, section), limit))
    return out


def _legal_spans(text: str, sections: list[Section], parents: tuple[Section, ...], limit: int) -> list[_Span]:
    out: list[_Span] = []
    for section in sections:
        if section.kind in ("article", "preamble", "closing") or not section.children:
            out.extend(_pieces(text, section, parents, True, limit))
            continue
        own_start, own_end = _trimmed(text, section.start, _own_end(section))
        if own_end - own_start >= _MIN_OWN_TEXT:
            path = _path(section, parents, True)
            out.extend(_Span(a, b, path) for a, b in _sentence_spans(text, own_start, own_end, limit))
        out.extend(_legal_spans(text, section.children, (*parents, section), limit))
    return out


def chunk_document(doc_id: str, text: str, settings: ChunkSettings, title: str | None = None) -> list[ChunkRecord]:
    """Chunks of a normalised document; each chunk's text is exactly ``text[start:end]``."""
    sections = parse_structure(text)
    if is_legal_text(text):
        spans = _legal_spans(text, sections, (), settings.max_chars)
    else:
        spans = [span for s in sections for span in _plan_spans(text, s, (), settings.max_chars)]
    chunks: list[ChunkRecord] = []
    for span in spans:
        chain = _enclosing(sections, span.start, span.end)
        # Sections strictly larger than the chunk give it context; the one it equals is the chunk itself.
        above = tuple(s for s in chain if s.start < span.start or s.end > span.end)
        source = next((s.source for s in reversed(chain) if s.source is not None), None)
        chunks.append(
            ChunkRecord(
                chunk_id=f"{doc_id}:{span.start}-{span.end}",
                doc_id=doc_id,
                section_path=span.path,
                start=span.start,
                end=span.end,
                text=text[span.start : span.end],
                headings=_headings(text, above, title),
                source_number=source.number if source else None,
                source_key=source.number_key if source else None,
                source_article=source.article if source else None,
            )
        )
    return chunks


def _enclosing(sections: list[Section], start: int, end: int) -> tuple[Section, ...]:
    """Chain of sections that contain the span (outermost first)."""
    chain: list[Section] = []
    level = sections
    while True:
        inner = next((s for s in level if s.start <= start and end <= s.end), None)
        if inner is None:
            return tuple(chain)
        chain.append(inner)
        level = inner.children
