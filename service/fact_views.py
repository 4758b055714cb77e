"""Facts and citation-graph records → public schemas (one place, shared by the API and the web page)."""

from __future__ import annotations

from service.schemas import Source
from service.schemas_facts import (
    AssignmentOut,
    CitedDocumentOut,
    CitingPassage,
    DeadlineOut,
    TargetOut,
    ValidityOut,
)
from service.sources import source_from_chunk, source_from_span
from tracuu.engine import Engine
from tracuu.facts.graph import CitedDocument
from tracuu.facts.models import Assignment, Deadline, FactSpan, Target

__all__ = ["fact_source", "deadline_out", "target_out", "assignment_out", "cited_out", "citing_passages"]


def fact_source(engine: Engine, span: FactSpan, score: float = 1.0) -> Source:
    """The span stating a fact; a codified article's span is numbered with its original document."""
    chunk = engine.index.chunk_at(span.doc_id, span.start)
    number = chunk.source_number if chunk else None
    return source_from_span(engine.index, span.doc_id, span.start, span.end, span.section, score, number=number)


def deadline_out(engine: Engine, d: Deadline) -> DeadlineOut:
    subject = engine.graph.documents.get(engine.graph.canonical(d.subject_key)) if d.subject_key else None
    return DeadlineOut(
        date=d.date,
        date_text=d.date_text,
        kind=d.kind,
        what=d.what,
        who=d.who,
        to_whom=d.to_whom,
        document=(subject.number or subject.label) if subject else None,
        source=fact_source(engine, d.span),
    )


def target_out(engine: Engine, t: Target) -> TargetOut:
    return TargetOut(
        value=t.value,
        unit=t.unit,
        subject=t.subject,
        description=t.description,
        year=t.year,
        label=t.label,
        source=fact_source(engine, t.span),
    )


def assignment_out(engine: Engine, a: Assignment) -> AssignmentOut:
    return AssignmentOut(assignee=a.assignee, task=a.task, kind=a.kind, source=fact_source(engine, a.span))


def cited_out(engine: Engine, doc: CitedDocument) -> CitedDocumentOut:
    status = engine.graph.status(doc.key)
    v = doc.validity
    validity = ValidityOut(
        status=status.code,
        label=status.label,
        effective_from=v.effective_from if v else None,
        effective_source=fact_source(engine, v.effective_span) if v and v.effective_span else None,
        ended_by=(
            engine.graph.documents[v.ended_by].label
            if v and v.ended_by in engine.graph.documents
            else (v.ended_by if v else None)
        ),
        ended_on=v.ended_on if v else None,
        ended_source=fact_source(engine, v.ended_span) if v and v.ended_span else None,
    )
    return CitedDocumentOut(
        key=doc.key,
        number=doc.number,
        type=doc.doc_type,
        issuer=doc.issuer,
        date=doc.date,
        title=doc.title,
        level=doc.level,
        doc_id=doc.doc_id,
        holding=doc.holding,
        validity=validity,
        citations=len(doc.mentions),
        url=f"/documents/{doc.doc_id}" if doc.doc_id else None,
    )


def citing_passages(engine: Engine, doc: CitedDocument, doc_ids: set[str] | None = None) -> list[CitingPassage]:
    """Every place citing ``doc`` (optionally only in ``doc_ids``): the reference as cited, and its passage."""
    out = []
    for m in doc.mentions:
        if doc_ids is not None and m.doc_id not in doc_ids:
            continue
        chunk = engine.index.chunk_at(m.doc_id, m.start)
        if chunk is None:
            continue
        out.append(
            CitingPassage(
                citation=fact_source(engine, FactSpan(m.doc_id, m.section, m.start, m.mention_end)),
                passage=source_from_chunk(engine.index, chunk, 1.0),
            )
        )
    return out
