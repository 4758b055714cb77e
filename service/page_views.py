"""What the web pages show, built with the API's own converters so a page never says more than the API.

Deadlines, targets and the cited-documents list come from the same functions that answer
``/api/facts/*`` and ``/api/citations``; passages are public :class:`~service.schemas.Source` objects
(``text == document.text[start:end]``, ``url`` opens the viewer at the passage). This module only
groups, filters and labels them for officers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from service.doc_layout import DocumentLayout, layout_document
from service.fact_views import cited_out, citing_passages
from service.routes.citations import citation_graph
from service.routes.facts import deadlines as deadlines_api
from service.routes.facts import targets as targets_api
from service.schemas import Source
from service.schemas_facts import CitedDocumentOut, CitingPassage, DeadlineOut, TargetOut
from service.sources import source_from_chunk
from service.view_cache import VIEWS
from tracuu.engine import Engine
from tracuu.facts.graph import CitedDocument
from tracuu.facts.models import DEADLINE_KIND_LABEL, DeadlineKind
from tracuu.models import DocumentRecord

__all__ = [
    "LEVELS",
    "HOLDING_LABEL",
    "KIND_LABEL",
    "DocumentNotFound",
    "Excerpt",
    "ArticleLink",
    "CitingGroup",
    "DocumentView",
    "document_view",
    "CitedRow",
    "CitedGroup",
    "citation_groups",
    "DeadlineRow",
    "DeadlinesView",
    "deadlines_view",
    "TargetGroup",
    "target_groups",
    "doc_label",
]

# Issuer levels in the order officers read them (tracuu.citations.issuer_level gives the names).
LEVELS = ("Trung ương Đảng", "Quốc hội", "Chính phủ, Thủ tướng", "Bộ, ngành", "Tỉnh", "Công đoàn", "Khác")
HOLDING_LABEL = {"full_text": "toàn văn", "codified": "trong Bộ Pháp điển", "citation_only": "chỉ biết qua trích dẫn"}
KIND_LABEL = DEADLINE_KIND_LABEL
Kind = DeadlineKind
_EXCERPT_CONTEXT = 220  # characters kept either side of a citation in a citing passage


class DocumentNotFound(LookupError):
    """No document with that id in the index."""


def doc_label(doc: DocumentRecord) -> str:
    """How officers name a document: "Kế hoạch 439/KH-LĐLĐ", else its title ("Đề mục 44.13 …")."""
    return doc.label


@dataclass(frozen=True)
class Excerpt:
    """A citing passage cut around the citation: ``before + cited + after`` is a slice of the passage."""

    before: str
    cited: str
    after: str
    cut_before: bool
    cut_after: bool
    passage: Source


def _excerpt(cp: CitingPassage, context: int = _EXCERPT_CONTEXT) -> Excerpt:
    p, c = cp.passage, cp.citation
    a, b = max(c.start, p.start) - p.start, min(c.end, p.end) - p.start
    lo, hi = max(0, a - context), min(len(p.text), b + context)
    while 0 < lo < a and not p.text[lo - 1].isspace():  # start and end on word boundaries
        lo += 1
    while b < hi < len(p.text) and not p.text[hi].isspace():
        hi -= 1
    return Excerpt(p.text[lo:a], p.text[a:b], p.text[b:hi], lo > 0, hi < len(p.text), p)


@dataclass(frozen=True)
class CitingGroup:
    doc_id: str
    label: str
    excerpts: list[Excerpt]


def _citing_groups(engine: Engine, doc: CitedDocument) -> list[CitingGroup]:
    groups: dict[str, list[Excerpt]] = {}
    for cp in citing_passages(engine, doc):
        groups.setdefault(cp.passage.doc_id, []).append(_excerpt(cp))
    plans = engine.graph.plan_ids
    order = sorted(groups, key=lambda d: (d not in plans, d))
    return [CitingGroup(d, doc_label(engine.index.documents[d]), groups[d]) for d in order]


# --- the document viewer -----------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentView:
    record: DocumentRecord
    label: str
    layout: DocumentLayout | None  # None for a document known only from citations
    cited: CitedDocumentOut | None  # what the citation graph knows (validity, holding)
    citing: list[CitingGroup]
    articles: list[ArticleLink] = field(default_factory=list)  # codified articles of a citation-only document

    @property
    def citing_count(self) -> int:
        return sum(len(g.excerpts) for g in self.citing)


@dataclass(frozen=True)
class ArticleLink:
    article: str | None  # the article in the original document, "Điều 5"
    source: Source  # its first passage in the Bộ Pháp điển chapter


def _articles(engine: Engine, doc: CitedDocument) -> list[ArticleLink]:
    """One link per codified article (its first chunk), in Bộ Pháp điển order."""
    seen, out = set(), []
    for row in doc.codified_rows:
        chunk = engine.index.chunks[row]
        key = (chunk.doc_id, chunk.source_article or chunk.section)
        if key not in seen:
            seen.add(key)
            out.append(ArticleLink(chunk.source_article, source_from_chunk(engine.index, chunk, 1.0)))
    return out


def document_view(engine: Engine, doc_id: str) -> DocumentView:
    """The viewer's page model, built once per generation (a Bộ Pháp điển chapter is ~700k characters)."""
    record = engine.index.documents.get(doc_id)
    if record is None:
        raise DocumentNotFound(doc_id)
    return VIEWS.get(engine, "document_view", doc_id, lambda: _build_document_view(engine, record))


def _build_document_view(engine: Engine, record: DocumentRecord) -> DocumentView:
    graph = engine.graph
    cited_doc = graph.documents.get(graph.canonical(record.number_key)) if record.number_key else None
    return DocumentView(
        record=record,
        label=doc_label(record),
        layout=layout_document(record.text) if record.text else None,
        cited=cited_out(engine, cited_doc) if cited_doc else None,
        citing=_citing_groups(engine, cited_doc) if cited_doc else [],
        articles=_articles(engine, cited_doc) if cited_doc and record.status == "citation_only" else [],
    )


# --- cited documents ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CitedRow:
    doc: CitedDocumentOut
    holding_label: str
    passages: list[Source]  # distinct plan passages citing it


@dataclass(frozen=True)
class CitedGroup:
    level: str
    anchor: str
    rows: list[CitedRow]


def citation_groups(engine: Engine) -> list[CitedGroup]:
    """The documents the plans cite (as /api/citations), by issuer level, with the plan passages citing each."""
    return VIEWS.get(engine, "citation_groups", None, lambda: _build_citation_groups(engine))


def _build_citation_groups(engine: Engine) -> list[CitedGroup]:
    plans = set(engine.graph.citing_documents(plans_only=True))
    by_level: dict[str, list[CitedRow]] = {}
    for out in citation_graph(engine, "plans").documents:
        passages: dict[str, Source] = {}
        for cp in citing_passages(engine, engine.graph.documents[out.key], plans):
            passages.setdefault(cp.passage.url, cp.passage)
        row = CitedRow(out, HOLDING_LABEL[out.holding], list(passages.values()))
        by_level.setdefault(out.level, []).append(row)
    order = [lvl for lvl in LEVELS if lvl in by_level] + sorted(set(by_level) - set(LEVELS))
    return [CitedGroup(lvl, f"cap-{i}", by_level[lvl]) for i, lvl in enumerate(order, 1)]


# --- deadlines and targets ---------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineRow:
    item: DeadlineOut
    kind_label: str
    past: bool
    days_left: int


@dataclass(frozen=True)
class DeadlinesView:
    due: list[DeadlineRow]
    others: list[DeadlineRow]  # effective / ended / issued
    total: int  # before the document and "upcoming" filters
    documents: list[tuple[str, str, int]]  # (doc_id, label, number of deadlines) for the filter


def deadlines_view(engine: Engine, kind: Kind | None, scope: str, upcoming: bool, today: date) -> DeadlinesView:
    """Deadlines as /api/facts/deadlines gives them, filtered by ``scope``: "plans", "all" or a doc_id."""
    items = deadlines_api(engine, None, None, [kind] if kind else None).deadlines
    counts: dict[str, int] = {}
    for d in items:
        counts[d.source.doc_id] = counts.get(d.source.doc_id, 0) + 1
    plans = engine.graph.plan_ids
    rows = []
    for d in items:
        doc_id = d.source.doc_id
        if scope == "plans" and doc_id not in plans or scope not in ("plans", "all") and doc_id != scope:
            continue
        left = (date.fromisoformat(d.date) - today).days
        if upcoming and left < 0:
            continue
        rows.append(DeadlineRow(d, KIND_LABEL[d.kind], left < 0, left))
    documents = sorted(
        ((i, doc_label(engine.index.documents[i]), n) for i, n in counts.items()),
        key=lambda t: (t[0] not in plans, t[1]),
    )
    return DeadlinesView(
        [r for r in rows if r.item.kind == "due"], [r for r in rows if r.item.kind != "due"], len(items), documents
    )


@dataclass(frozen=True)
class TargetGroup:
    doc_id: str
    label: str
    title: str | None
    targets: list[TargetOut]


def target_groups(engine: Engine) -> list[TargetGroup]:
    """Targets as /api/facts/targets gives them, by the document that sets them."""
    groups: dict[str, list[TargetOut]] = {}
    for t in targets_api(engine).targets:
        groups.setdefault(t.source.doc_id, []).append(t)
    out = []
    for doc_id, targets in groups.items():
        doc = engine.index.documents[doc_id]
        out.append(TargetGroup(doc_id, doc_label(doc), doc.title, targets))
    return out
