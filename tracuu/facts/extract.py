"""All facts of a corpus, from its documents and chunks (run once at ingest, stored in the index)."""

from __future__ import annotations

from collections import defaultdict

from tracuu.facts.assignments import addressees, assignments_in_unit, recipients, responsibility, signers
from tracuu.facts.deadlines import deadlines_in_unit, issue_date
from tracuu.facts.models import Facts, Validity
from tracuu.facts.targets import targets_in_unit
from tracuu.facts.validity import ending_lead, endings_in_item, endings_in_unit, merge_validity
from tracuu.facts.walk import units_of
from tracuu.models import ChunkRecord, CitationMention, DocumentRecord
from tracuu.text.doc_types import sets_tasks
from tracuu.text.legal import is_legal_text

__all__ = ["extract_facts"]


def extract_facts(documents: list[DocumentRecord], chunks: list[ChunkRecord], mentions: list[CitationMention]) -> Facts:
    by_doc: dict[str, list[ChunkRecord]] = defaultdict(list)
    for c in chunks:
        by_doc[c.doc_id].append(c)
    mentions_by_doc: dict[str, list[CitationMention]] = defaultdict(list)
    for m in mentions:
        mentions_by_doc[m.doc_id].append(m)
    facts = Facts()
    endings: list[Validity] = []
    seen_effective: set[tuple[str | None, str]] = set()
    for doc in documents:
        if doc.status != "full_text":
            continue
        # Plans, and decisions or notices written in articles, set tasks; laws and decrees do not.
        plan = not is_legal_text(doc.text) or sets_tasks(doc.doc_type)
        issued = issue_date(doc)
        if issued:
            facts.deadlines.append(issued)
        seen_chunks: set[str] = set()
        ending_list: str | None = None  # set under "… sau đây hết hiệu lực:" while its items follow
        for u in units_of(doc, by_doc.get(doc.doc_id, []), mentions_by_doc.get(doc.doc_id, [])):
            if ending_list is not None:
                items = endings_in_item(u, ending_list)
                endings.extend(items or [])
                ending_list = ending_list if items is not None else None
            ending_list = ending_lead(u) or ending_list
            for d in deadlines_in_unit(u, doc.date, plan):
                if d.kind == "effective":
                    # Codified chapters repeat "có hiệu lực … từ ngày …" under every article.
                    if (d.subject_key, d.date) in seen_effective:
                        continue
                    seen_effective.add((d.subject_key, d.date))
                facts.deadlines.append(d)
            endings.extend(endings_in_unit(u))
            if plan:
                facts.targets.extend(targets_in_unit(u))
                facts.assignments.extend(assignments_in_unit(u))
                if u.chunk.chunk_id not in seen_chunks:
                    seen_chunks.add(u.chunk.chunk_id)
                    responsible = responsibility(u.chunk, u)
                    facts.assignments.extend([responsible] if responsible else [])
                    facts.assignments.extend(recipients(u.chunk))
        facts.assignments.extend(signers(doc))
        facts.assignments.extend(addressees(doc))
    facts.deadlines.sort(key=lambda d: (d.date, d.span.doc_id, d.span.start))
    facts.validity = merge_validity(facts.deadlines, endings)
    return facts
