"""Article references ("Điều 107", "khoản 3 Điều 107 BLLĐ", "điểm a khoản 2 Điều 63", "Điều 20.2.NĐ.3.39")
and where each article, clause and point is in the stored texts.

An article belongs to a document (its number key). A Bộ Pháp điển article is an alias of the article it
reproduces (its source note says which): "Điều 20.2.NĐ.3.39" is Điều 39 of Nghị định 145/2020/NĐ-CP,
found in the original text when it is held, else in the codified copy. Spans are exact offsets into the
stored document text.

>>> parse_article_refs("khoan 3 dieu 107 blld")[0]  # doctest: +ELLIPSIS
ArticleRef(article='107', clause='3', point=None, code=None, start=0, end=16)
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from tracuu.models import ChunkRecord, attached_type
from tracuu.text.normalize import fold, nfc

__all__ = ["ArticleRef", "ArticleSpan", "ArticleIndex", "parse_article_refs"]

# Folded text: "điểm a khoản 2 Điều 63", "Điều 20.2.NĐ.3.39" ("nd" once folded).
_REF = re.compile(
    r"(?:\bdiem\s+(?P<point>[a-z])\)?\s+(?:cua\s+)?)?(?:\bkhoan\s+(?P<clause>\d{1,3})\s+(?:cua\s+)?)?"
    r"\bdieu\s+(?:(?P<code>\d{1,3}\.\d{1,3}\.[a-z]{2,3}\.(?:\d{1,3}\.)?\d{1,4})|(?P<article>\d{1,3}[a-z]?))(?![\w.]\w)"
)
_CLAUSE_LINE = re.compile(r"(?m)^(\d{1,3})\.\s")
_POINT_LINE = re.compile(r"(?m)^([a-zđ])\)\s")


def _code_of(chunk: ChunkRecord) -> str | None:
    """The Bộ Pháp điển code of a codified article's chunk: "20.2.NĐ.3.39"."""
    article = chunk.article
    return article.removeprefix("Điều ") if article and article.count(".") >= 2 else None


def _own_article(chunk: ChunkRecord) -> str | None:
    """The article number of a chunk in its document's own numbering: "107"."""
    article = chunk.article
    return article.removeprefix("Điều ") if article and article.count(".") < 2 else None


@dataclass(frozen=True)
class ArticleRef:
    article: str | None  # "107"; None for a Bộ Pháp điển code
    clause: str | None
    point: str | None
    code: str | None  # "20.2.nd.3.39" (folded)
    start: int  # span in the question
    end: int


def parse_article_refs(question: str) -> list[ArticleRef]:
    folded = fold(nfc(question))
    out = []
    for m in _REF.finditer(folded):
        out.append(
            ArticleRef(m.group("article"), m.group("clause"), m.group("point"), m.group("code"), m.start(), m.end())
        )
    return out


@dataclass(frozen=True)
class ArticleSpan:
    """An article (or one of its clauses or points) in one stored document."""

    doc_id: str
    doc_key: str | None  # number key of the document whose article this is
    article: str  # "Điều 107"
    section: str  # section path of the article's first chunk
    start: int
    end: int
    rows: tuple[int, ...]  # index rows of the chunks it spans
    codified_as: str | None = None  # "Điều 20.2.LQ.107" when a Bộ Pháp điển copy also holds it
    note: str | None = None  # the Bộ Pháp điển source note


class ArticleIndex:
    """(document key, "Điều N") → the article in its original text, and in its Bộ Pháp điển copy."""

    def __init__(self, documents: dict, chunks: list[ChunkRecord]) -> None:
        self._documents = documents
        self._chunks = chunks
        # (doc_id, own label, key, part): a document issued with another ("Kèm theo: Quy chế") numbers its
        # articles anew, so its "Điều 1" is not the decision's "Điều 1".
        rows_by: dict[tuple[str, str, str, str], list[int]] = defaultdict(list)
        self._codes: dict[str, tuple[str, str]] = {}  # folded code → (source key, "Điều N")
        self._codified: dict[tuple[str, str], tuple[str, str]] = {}  # (key, "Điều N") → (doc_id, code label)
        for row, chunk in enumerate(chunks):
            doc = documents.get(chunk.doc_id)
            code = _code_of(chunk)
            if code:
                label = f"Điều {code}"
                rows_by[(chunk.doc_id, label, chunk.source_key or "", "")].append(row)
                if chunk.source_key and chunk.source_article:
                    self._codes[fold(code)] = (chunk.source_key, chunk.source_article)
                    self._codified.setdefault((chunk.source_key, chunk.source_article), (chunk.doc_id, label))
                continue
            own = _own_article(chunk)
            if own and doc is not None and doc.number_key:
                rows_by[(chunk.doc_id, f"Điều {own}", doc.number_key, attached_type(chunk.section) or "")].append(row)
        self._spans: dict[tuple[str, str], list[ArticleSpan]] = defaultdict(list)  # (key, "Điều N") → spans
        self._by_code_label: dict[tuple[str, str], ArticleSpan] = {}
        for (doc_id, label, key, _), rows in rows_by.items():
            rows.sort(key=lambda r: chunks[r].start)
            first = chunks[rows[0]]
            span = ArticleSpan(
                doc_id, key or None, label, first.section, first.start, max(chunks[r].end for r in rows), tuple(rows)
            )
            if label.count(".") >= 2:  # a codified article: indexed under the article it reproduces
                self._by_code_label[(doc_id, label)] = span
                if first.source_key and first.source_article:
                    self._spans[(first.source_key, first.source_article)].append(
                        ArticleSpan(
                            doc_id,
                            first.source_key,
                            first.source_article,
                            first.section,
                            span.start,
                            span.end,
                            span.rows,
                            codified_as=label,
                            note=_note(documents, span),
                        )
                    )
            else:
                self._spans[(key, label)].append(span)
        for spans in self._spans.values():
            spans.sort(key=lambda s: s.codified_as is not None)  # the original text first

    def original_row(self, chunk: ChunkRecord) -> int | None:
        """For a chunk of a Bộ Pháp điển copy whose original text is held: the original's chunk in the same
        position (first, second … of the article), else None."""
        spans = self._spans.get((chunk.source_key or "", chunk.source_article or ""))
        if not spans or spans[0].codified_as is not None:
            return None
        copy = next((s for s in spans if s.codified_as and s.doc_id == chunk.doc_id), None)
        rows = spans[0].rows
        position = copy.rows.index(self._row_of(copy, chunk)) if copy is not None else 0
        return rows[min(position, len(rows) - 1)]

    def _row_of(self, span: ArticleSpan, chunk: ChunkRecord) -> int:
        return next((r for r in span.rows if self._chunks[r].chunk_id == chunk.chunk_id), span.rows[0])

    def codified_copy(self, chunk: ChunkRecord) -> ArticleSpan | None:
        """For a chunk of an original article: its Bộ Pháp điển copy (code and note), if one is held."""
        doc = self._documents.get(chunk.doc_id)
        own = _own_article(chunk)
        if doc is None or not doc.number_key or own is None:
            return None
        return next((s for s in self._spans.get((doc.number_key, f"Điều {own}"), []) if s.codified_as), None)

    def keys_with(self, article: str) -> list[str]:
        """Documents holding "Điều N" (in their own text or a codified copy)."""
        return [k for (k, a) in self._spans if a == article]

    def code_target(self, code: str) -> tuple[str, str] | None:
        """A Bộ Pháp điển code → (key of the document it reproduces, "Điều N")."""
        return self._codes.get(fold(code))

    def locate(
        self, key: str, article: str, clause: str | None = None, point: str | None = None, asked: str = ""
    ) -> ArticleSpan | None:
        """The article (original text first), narrowed to its clause and point when asked; None when the
        article, clause or point does not exist. Of a decision's article and the same number in the document
        issued with it, the latter when the question (``asked``) names that document's type ("Điều 1 Quy chế
        làm việc …"), else the decision's."""
        spans = self._spans.get((key, article))
        if not spans:
            return None
        named = fold(asked)
        best = next((s for s in spans if (t := attached_type(s.section)) and fold(t) in named), spans[0])
        codified = next((s for s in spans if s.codified_as), None)
        if codified is not None and best is not codified:
            best = ArticleSpan(
                best.doc_id,
                best.doc_key,
                best.article,
                best.section,
                best.start,
                best.end,
                best.rows,
                codified.codified_as,
                codified.note,
            )
        if clause is None:
            return best
        return self._narrow(best, clause, point)

    def _narrow(self, span: ArticleSpan, clause: str, point: str | None) -> ArticleSpan | None:
        text = self._documents[span.doc_id].text
        body = text[span.start : span.end]
        sub = _child(body, _CLAUSE_LINE, clause)
        if sub is None:
            return None
        a, b = sub
        if point is not None:
            inner = _child(body[a:b], _POINT_LINE, point)
            if inner is None:
                return None
            a, b = a + inner[0], a + inner[1]
        start, end = span.start + a, span.start + b
        rows = tuple(r for r in span.rows if self._chunks[r].start < end and self._chunks[r].end > start)
        label = f"{'Điểm ' + point + ' ' if point else ''}Khoản {clause} {span.article}"
        section = self._chunks[rows[0]].section if rows else span.section
        return ArticleSpan(span.doc_id, span.doc_key, label, section, start, end, rows, span.codified_as, span.note)


def _child(body: str, marker: re.Pattern, label: str) -> tuple[int, int] | None:
    """Span of the numbered line ``label`` and what follows it up to the next sibling marker."""
    marks = list(marker.finditer(body))
    for i, m in enumerate(marks):
        if m.group(1) == label:
            end = marks[i + 1].start() if i + 1 < len(marks) else len(body)
            return m.start(), len(body[:end].rstrip())
    return None


def _note(documents: dict, span: ArticleSpan) -> str | None:
    """The source note printed under a codified article's heading ("(Điều 39 Nghị định số …)")."""
    text = documents[span.doc_id].text[span.start : span.end]
    lines = text.split("\n", 2)
    return lines[1].strip() if len(lines) > 1 and lines[1].lstrip().startswith("(") else None
