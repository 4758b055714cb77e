"""Answers that state a fact first: a date, a percentage, who is assigned, which document governs.

Each builder scores the stored facts against the question (IDF-weighted word overlap, plus the rank the
retriever gave the passage holding the fact) and returns ``None`` when no fact matches well enough, so the
caller falls back to a passage answer rather than guessing.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracuu.answer.router import asks_basis, wants_all
from tracuu.answer.terms import QuestionTerms
from tracuu.facts.graph import CitationGraph, CitedDocument
from tracuu.facts.models import Assignment, Facts, FactSpan, Target
from tracuu.index.store import IndexData
from tracuu.models import PREAMBLE, RECIPIENTS, CitationMention
from tracuu.retrieval.searcher import Hit
from tracuu.text.asking import ADDRESSEE_ASK, SENT_TO_ASK, asks_signer
from tracuu.text.dates import format_vn
from tracuu.text.doc_types import document_label, type_names
from tracuu.text.normalize import fold

__all__ = [
    "FactAnswer",
    "FactContext",
    "answer_deadline",
    "answer_effective",
    "answer_target",
    "answer_assignment",
    "answer_governing",
]

MIN_FACT_SCORE = 0.45  # share of the question's weighted content words the fact's passage must contain


@dataclass(frozen=True)
class FactAnswer:
    text: str
    spans: list[FactSpan]  # passages proving the answer, best first; the first is the quoted span


@dataclass
class FactContext:
    index: IndexData
    facts: Facts
    graph: CitationGraph
    question: str
    hits: list[Hit]
    years: frozenset[int] = frozenset()  # years the question names, outside its documents' names

    def __post_init__(self) -> None:
        self.terms = QuestionTerms.of(self.index, self.question)

    def of_year_asked(self, span: FactSpan, year: int | None) -> bool:
        """A question naming a year ("… báo cáo năm 2025") is not answered by a fact of another year: the
        fact's own year, its passage or its document's date must be that year's."""
        if not self.years or year in self.years:
            return True
        issued = self.index.documents[span.doc_id].date or ""
        passage = f"{self.passage_of(span)} {issued[:4]}"
        return any(str(y) in passage for y in self.years)

    def rank_bonus(self, span: FactSpan) -> float:
        """Up to 0.3 for facts inside passages the retriever ranked high."""
        for rank, hit in enumerate(self.hits[:10]):
            c = hit.chunk
            if c.doc_id == span.doc_id and c.start <= span.start < c.end:
                return 0.3 / (1 + rank)
        return 0.0

    def passage_of(self, span: FactSpan) -> str:
        """The fact's sentence with the headings above it, for matching."""
        doc = self.index.documents[span.doc_id]
        chunk = self.index.chunk_at(span.doc_id, span.start)
        context = f"{chunk.context}\n" if chunk else ""
        return context + doc.text[span.start : span.end]

    def score(self, span: FactSpan, extra: str = "") -> float:
        return self.terms.score(f"{self.passage_of(span)}\n{extra}") + self.rank_bonus(span)

    def source_label(self, span: FactSpan) -> str:
        doc = self.index.documents[span.doc_id]
        name = document_label(doc.doc_type, doc.number, doc.title) or doc.doc_id
        return f"{name}, {span.section}"


def _best(items, key):
    scored = sorted(((key(i), n, i) for n, i in enumerate(items)), key=lambda t: (-t[0], t[1]))
    return scored


def answer_deadline(ctx: FactContext) -> FactAnswer | None:
    due = [d for d in ctx.facts.deadlines if d.kind == "due" and ctx.of_year_asked(d.span, int(d.date[:4]))]
    ranked = _best(due, lambda d: ctx.score(d.span, f"{d.what} {d.to_whom or ''}"))
    if not ranked or ranked[0][0] < MIN_FACT_SCORE:
        return None
    top = ranked[0][2]
    # The same obligation set for several units (e.g. two levels of the union) is one answer.
    same = [d for _, _, d in ranked if d.date == top.date and d.what == top.what and d.to_whom == top.to_whom]
    who = "; ".join(dict.fromkeys(d.who for d in same if d.who))
    parts = [f"Hạn: {format_vn(top.date)} — {top.what}"]
    if top.to_whom:
        parts.append(f"gửi {top.to_whom}")
    text = ", ".join(parts) + "."
    if who:
        text += f" Đơn vị thực hiện: {who}."
    text += f" ({ctx.source_label(top.span)})"
    return FactAnswer(text, [d.span for d in same])


def answer_effective(ctx: FactContext) -> FactAnswer | None:
    effective = [d for d in ctx.facts.deadlines if d.kind == "effective"]
    wanted = _documents_named(ctx)
    if wanted:
        effective = [d for d in effective if d.subject_key and ctx.graph.canonical(d.subject_key) in wanted]
    ranked = _best(effective, lambda d: ctx.score(d.span, d.what) + (0.5 if wanted else 0.0))
    if not ranked or ranked[0][0] < MIN_FACT_SCORE:
        return None
    top = ranked[0][2]
    subject = ctx.graph.documents.get(ctx.graph.canonical(top.subject_key or ""))
    # The document's own statement is the authority; a plan repeating it comes second.
    spans = sorted(
        {d.span for _, _, d in ranked if d.subject_key == top.subject_key and d.date == top.date},
        key=lambda s: (s.doc_id != (subject.doc_id if subject else None), s.doc_id, s.start),
    )
    name = subject.label if subject else top.what.removesuffix(" có hiệu lực")
    if subject and subject.title and subject.title not in name:
        name = f"{name} ({subject.title})"
    text = f"Có hiệu lực từ ngày {format_vn(top.date)}: {name}. ({ctx.source_label(spans[0])})"
    return FactAnswer(text, spans)


def answer_target(ctx: FactContext) -> FactAnswer | None:
    named = _documents_named(ctx)

    def score(t: Target) -> float:
        bonus = 0.3 if named and any(ctx.graph.canonical(k) in named for k in _keys_in(ctx, t.span)) else 0.0
        return ctx.score(t.span, t.description) + bonus

    ranked = _best([t for t in ctx.facts.targets if ctx.of_year_asked(t.span, t.year)], score)
    if not ranked or ranked[0][0] < MIN_FACT_SCORE:
        return None
    top = ranked[0][2]
    siblings = [t for t in ctx.facts.targets if t.span == top.span]  # "60% … và 90% …" in one item
    values = "; ".join(f"{_percent(t.value)} {t.description}" for t in siblings)
    year = f" năm {top.year}" if top.year else ""
    text = f"Chỉ tiêu{year}: {values}. ({ctx.source_label(top.span)})"
    return FactAnswer(text, [top.span])


def answer_assignment(ctx: FactContext) -> FactAnswer | None:
    q = fold(ctx.question)
    named = _referenced_plan(ctx)
    # Sent to whom: a named document's addressees and recipients ("Công văn 215 gửi cho ai?"); else where
    # the report or file asked about is to be sent, as its due item says ("Báo cáo … gửi về bộ phận nào?").
    addressed = bool(ADDRESSEE_ASK.search(q)) or (named is not None and bool(SENT_TO_ASK.search(q)))
    if not addressed and not asks_signer(ctx.question) and SENT_TO_ASK.search(q):
        sent = _sent_to(ctx)
        if sent is not None:
            return sent
    kinds = {"signer"} if asks_signer(ctx.question) else ({"recipient"} if addressed else {"assigned", "responsible"})
    pool = [a for a in ctx.facts.assignments if a.kind in kinds and ctx.of_year_asked(a.span, None)]
    if named is not None and kinds != {"assigned", "responsible"}:
        # "Ai ký Thông báo 62?", "Công văn 215 gửi cho ai?": that document's, or none, never another's.
        pool = [a for a in pool if a.span.doc_id == named]

    def score(a: Assignment) -> float:
        # A named assignment ("Giao X …") answers "who" better than the unit a whole item belongs to.
        return ctx.score(a.span, a.task) + (0.1 if a.kind == "assigned" else 0.0)

    ranked = _best(pool, score)
    if not ranked or ranked[0][0] < MIN_FACT_SCORE and kinds == {"assigned", "responsible"}:
        return None
    top = ranked[0][2]
    if top.kind == "signer":
        # A document two agencies sign together has two signers: both are named.
        signed = sorted((a for a in pool if a.span.doc_id == top.span.doc_id), key=lambda a: a.span.start)
        names = "; ".join(f"{a.assignee} ({a.task.removeprefix('ký: ')})" for a in signed)
        return FactAnswer(f"Người ký: {names}. ({ctx.source_label(signed[0].span)})", [a.span for a in signed])
    if top.kind == "recipient":
        same_doc = sorted((a for a in pool if a.span.doc_id == top.span.doc_id), key=lambda a: a.span.start)
        names = "; ".join(a.assignee for a in same_doc)
        return FactAnswer(f"{RECIPIENTS}: {names}. ({ctx.source_label(top.span)})", [a.span for a in same_doc])
    text = f"{top.assignee}: {top.task.rstrip('.;')}. ({ctx.source_label(top.span)})"
    return FactAnswer(text, [top.span])


def answer_governing(ctx: FactContext) -> FactAnswer | None:
    """Which document governs a task: the citation in the best-matching passage, with its status."""
    held_target = _referenced_plan(ctx)
    if held_target is not None and wants_all(ctx.question):
        return _basis_of(ctx, held_target)
    type_hint = _type_hint(ctx.question)
    candidates: list[tuple[float, int, CitationMention]] = []
    in_hits = {(h.chunk.doc_id, h.chunk.start, h.chunk.end) for h in ctx.hits}
    for n, m in enumerate(ctx.index.mentions):
        # Plans' citations, and citations inside the passages retrieved for this question.
        if m.doc_id not in ctx.graph.plan_ids and not any(d == m.doc_id and a <= m.start < b for d, a, b in in_hits):
            continue
        doc = ctx.graph.documents.get(m.key)
        if doc is None or (type_hint and (doc.doc_type or m.doc_type or "") != type_hint):
            continue
        text = ctx.index.documents[m.doc_id].text
        span = FactSpan(m.doc_id, m.section, m.start, m.mention_end)
        own = ctx.terms.score(f"{text[m.start : m.mention_end]}\n{doc.title or ''}")
        # The task the citation serves is often said around it ("quán triệt … các văn bản như: …").
        start, end = _unit_around(ctx, m)
        around = ctx.terms.score(f"{ctx.passage_of(FactSpan(m.doc_id, m.section, start, end))}")
        s = 0.6 * own + 0.4 * max(own, around) + ctx.rank_bonus(span)
        candidates.append((s, n, m))
    candidates.sort(key=lambda t: (-t[0], t[1]))
    if not candidates or candidates[0][0] < MIN_FACT_SCORE:
        return None
    top = candidates[0][2]
    if asks_basis(ctx.question) and top.section in (PREAMBLE, ""):
        # The best citation is one of a document's bases, each often a line of its own ("Căn cứ …;"): the
        # question asks them all, not the line sharing most of its words.
        return _basis_of(ctx, top.doc_id)
    chosen = [top]
    if wants_all(ctx.question):
        # Every document cited in the same sentence as the best match.
        unit = _unit_around(ctx, top)
        chosen = [m for m in ctx.index.mentions if m.doc_id == top.doc_id and unit[0] <= m.start < unit[1]]
    lines, spans = [], []
    for m in dict((m.key, m) for m in chosen).values():
        doc = ctx.graph.documents[m.key]
        cited_as = ctx.index.documents[m.doc_id].text[m.start : m.mention_end].rstrip(" ,;.")
        lines.append(f"{cited_as} [{_status_note(ctx, doc)}]")
        spans.append(FactSpan(m.doc_id, m.section, m.start, m.mention_end))
    first_chunk = ctx.index.chunk_at(spans[0].doc_id, spans[0].start)
    codified_here = first_chunk is not None and first_chunk.source_key == chosen[0].key
    where = "nội dung tại" if codified_here else "trích dẫn tại"  # a Bộ Pháp điển source note is the text itself
    text = " ".join(f"{line}." for line in lines) + f" ({where} {ctx.source_label(spans[0])})"
    if len(lines) == 1 and not codified_here:
        article = _best_article(ctx, ctx.graph.documents[chosen[0].key])
        if article is not None:
            text += f" Điều liên quan trong văn bản: {article.section}."
            spans.append(article)
    return FactAnswer(text, spans)


def _sent_to(ctx: FactContext) -> FactAnswer | None:
    """Where the thing asked about is sent: the recipient of the due item that matches the question."""
    due = [
        d for d in ctx.facts.deadlines if d.kind == "due" and d.to_whom and ctx.of_year_asked(d.span, int(d.date[:4]))
    ]
    ranked = _best(due, lambda d: ctx.score(d.span, f"{d.what} {d.to_whom}"))
    if not ranked or ranked[0][0] < MIN_FACT_SCORE:
        return None
    top = ranked[0][2]
    text = f"Gửi {top.to_whom} — {top.what} (hạn {format_vn(top.date)}). ({ctx.source_label(top.span)})"
    return FactAnswer(text, [top.span])


def _best_article(ctx: FactContext, doc: CitedDocument) -> FactSpan | None:
    """Where the cited document's text is held (itself or in Bộ Pháp điển), its article closest to the question."""
    best: tuple[float, FactSpan] | None = None
    for row in doc.text_rows[:400]:
        chunk = ctx.index.chunks[row]
        score = ctx.terms.score(f"{chunk.context}\n{chunk.text}")
        if best is None or score > best[0]:
            best = (score, FactSpan(chunk.doc_id, chunk.section, chunk.start, chunk.end))
    return best[1] if best and best[0] >= MIN_FACT_SCORE else None


# --- helpers --------------------------------------------------------------------------------------


def _percent(value: float) -> str:
    return f"{value:g}%"


def _keys_in(ctx: FactContext, span: FactSpan) -> list[str]:
    return [m.key for m in ctx.index.mentions if m.doc_id == span.doc_id and span.start <= m.start < span.end]


def _documents_named(ctx: FactContext) -> set[str]:
    return {ctx.graph.canonical(m.key) for m in ctx.graph.resolver.find_in(ctx.question)}


# "nghị định nào …": only documents of that type answer. Longest first: "bo luat nao" before "luat nao".
_TYPE_HINTS = {f"{fold(name)} nao": name for name in type_names(governing_only=True, variants=False)}


def _type_hint(question: str) -> str | None:
    q = fold(question)
    return next((t for phrase, t in _TYPE_HINTS.items() if phrase in q), None)


def _status_note(ctx: FactContext, doc: CitedDocument) -> str:
    """What the service holds of a cited document and what the corpus says of its force, briefly."""
    holding = {"full_text": "có toàn văn", "codified": "có trong Bộ Pháp điển"}.get(
        doc.holding, "chỉ biết qua trích dẫn"
    )
    status = ctx.graph.status(doc.key)
    return f"{holding}, chưa rõ hiệu lực" if status.code == "unknown" else f"{holding}; {status.label}"


def _unit_around(ctx: FactContext, m: CitationMention) -> tuple[int, int]:
    """The paragraph holding a mention (citations listed together share it)."""
    text = ctx.index.documents[m.doc_id].text
    start = text.rfind("\n", 0, m.start) + 1
    end = text.find("\n", m.start)
    return start, len(text) if end < 0 else end


def _referenced_plan(ctx: FactContext) -> str | None:
    """doc_id of a held document the question names ("Kế hoạch 439 …")."""
    for key in _documents_named(ctx):
        doc = ctx.index.documents.get(ctx.index.doc_by_key.get(key, ""))
        if doc is not None and doc.status == "full_text":
            return doc.doc_id
    return None


def _basis_of(ctx: FactContext, doc_id: str) -> FactAnswer | None:
    """The documents a document is based on: the citations of its opening part ("Thực hiện …", "Căn cứ …")."""
    opening = [m for m in ctx.index.mentions if m.doc_id == doc_id and m.section in (PREAMBLE, "")]
    if not opening:
        return None
    lines, spans = [], []
    for m in dict((m.key, m) for m in opening).values():
        cited_as = ctx.index.documents[doc_id].text[m.start : m.mention_end].rstrip(" ,;.")
        lines.append(f"{cited_as} [{_status_note(ctx, ctx.graph.documents[m.key])}]")
        spans.append(FactSpan(m.doc_id, m.section, m.start, m.mention_end))
    doc = ctx.index.documents[doc_id]
    head = document_label(doc.doc_type, doc.number)
    text = f"{head} căn cứ: " + "; ".join(lines) + f". ({ctx.source_label(spans[0])})"
    return FactAnswer(text, spans)
