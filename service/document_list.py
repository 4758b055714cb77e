"""The documents the service knows, as /api/documents and the /documents page list them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from service.schemas import DocumentSummary
from tracuu.text.normalize import fold

if TYPE_CHECKING:
    from tracuu.engine import Engine

__all__ = ["document_summaries", "HOLDING_ORDER"]

HOLDING_ORDER = {"full_text": 0, "codified": 1, "citation_only": 2}


def document_summaries(
    engine: Engine, type: str | None = None, holding: str | None = None, year: int | None = None, q: str | None = None
) -> list[DocumentSummary]:
    """Every document: held first, then reproduced in Bộ Pháp điển, then known only by citation."""
    graph = engine.graph
    out: list[DocumentSummary] = []
    for key, doc in graph.documents.items():
        if graph.canonical(key) != key:
            continue
        status = graph.status(key)
        out.append(
            DocumentSummary(
                doc_id=doc.doc_id,
                key=key,
                number=doc.number,
                type=doc.doc_type,
                title=doc.title,
                issuer=doc.issuer,
                date=doc.date,
                holding=doc.holding,
                validity=status.code,
                validity_label=status.label,
            )
        )
    for record in engine.index.documents.values():
        if record.number_key is None and record.status == "full_text":  # a Bộ Pháp điển chapter, an unnumbered text
            out.append(
                DocumentSummary(
                    doc_id=record.doc_id,
                    key=None,
                    number=None,
                    type=record.doc_type,
                    title=record.title,
                    issuer=record.issuer,
                    date=record.date,
                    holding="full_text",
                    validity="unknown",
                    validity_label="không áp dụng",
                )
            )
    if type:
        out = [d for d in out if fold(d.type or "") == fold(type)]
    if holding:
        out = [d for d in out if d.holding == holding]
    if year:
        out = [d for d in out if (d.date or "").startswith(str(year))]
    if q:
        needle = fold(q)
        out = [d for d in out if needle in fold(f"{d.number or ''} {d.type or ''} {d.title or ''}")]
    return sorted(out, key=lambda d: (HOLDING_ORDER[d.holding], d.type or "", d.date or "", d.number or d.title or ""))
