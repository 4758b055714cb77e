"""Question → answer with its sources.

Deadline, target, assignment and "which document" questions are answered from the stored facts, the fact
first; other questions (or when no fact matches well) get the best sentence of the retrieved passages. A
relevance gate answers "not found" rather than quoting an unrelated passage.

>>> result = Answerer(index, searcher, facts, graph).ask("Hạn báo cáo là ngày nào?")  # doctest: +SKIP
>>> result.answer  # doctest: +SKIP
'Hạn: 01/11/2023 — báo cáo kết quả …, gửi UBND tỉnh (qua Sở Nội vụ). …'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tracuu.answer.extractive import NOT_FOUND, best_unit, relevant
from tracuu.answer.fact_answers import (
    FactAnswer,
    FactContext,
    answer_assignment,
    answer_deadline,
    answer_effective,
    answer_governing,
    answer_target,
)
from tracuu.answer.router import QuestionKind, classify
from tracuu.facts.graph import CitationGraph
from tracuu.facts.models import Facts, FactSpan
from tracuu.index.store import IndexData
from tracuu.retrieval.searcher import Hit, Searcher
from tracuu.text.doc_types import document_label
from tracuu.text.units import Unit

__all__ = ["AnswerResult", "Answerer"]

_BUILDERS = {
    "deadline": answer_deadline,
    "effective": answer_effective,
    "target": answer_target,
    "assignment": answer_assignment,
    "governing": answer_governing,
}


@dataclass
class AnswerResult:
    question: str
    answer: str
    found: bool
    hits: list[Hit] = field(default_factory=list)
    unit: Unit | None = None  # the exact span the answer quotes
    unit_doc_id: str | None = None
    kind: QuestionKind = "passage"


class Answerer:
    def __init__(self, index: IndexData, searcher: Searcher, facts: Facts, graph: CitationGraph) -> None:
        self.index = index
        self.searcher = searcher
        self.facts = facts
        self.graph = graph

    def source_label(self, hit: Hit) -> str:
        doc = self.index.documents.get(hit.chunk.doc_id)
        number = hit.chunk.source_number or (doc.number if doc else None)
        if hit.chunk.source_number or doc is None:  # a codified article is named by its original's number
            name = document_label(None, number) or hit.chunk.doc_id
        else:
            name = doc.label
        return f"{name}, {hit.chunk.section}"

    def ask(self, question: str, top_k: int = 5) -> AnswerResult:
        hits = self.searcher.search(question, top_k=max(top_k, 10))
        kind = classify(question)
        builder = _BUILDERS.get(kind)
        if builder is not None:
            fact = builder(FactContext(self.index, self.facts, self.graph, question, hits))
            if fact is not None:
                return self._from_fact(question, kind, fact, hits, top_k)
        return self._from_passages(question, hits, top_k)

    def _from_passages(self, question: str, hits: list[Hit], top_k: int) -> AnswerResult:
        if not hits:
            return AnswerResult(question, NOT_FOUND, False)
        if not hits[0].number_match and not relevant(self.index, question, hits):
            return AnswerResult(question, NOT_FOUND, False)
        picked = best_unit(self.index, question, hits)
        if picked is None:
            return AnswerResult(question, NOT_FOUND, False)
        unit, hit = picked
        answer = f"{unit.text} ({self.source_label(hit)})"
        return AnswerResult(question, answer, True, hits[:top_k], unit, hit.chunk.doc_id)

    def _from_fact(self, question: str, kind: QuestionKind, fact: FactAnswer, hits: list[Hit], top_k: int) -> AnswerResult:
        """The passages proving the fact come first among the sources, then the retrieved ones."""
        proof = [h for h in (self._hit_for(span) for span in fact.spans) if h is not None]
        seen = {h.chunk.chunk_id for h in proof}
        ordered = proof + [h for h in hits if h.chunk.chunk_id not in seen]
        first = fact.spans[0]
        text = self.index.documents[first.doc_id].text[first.start : first.end]
        unit = Unit(first.start, first.end, text)
        return AnswerResult(question, fact.text, True, _unique(ordered)[:top_k], unit, first.doc_id, kind)

    def _hit_for(self, span: FactSpan) -> Hit | None:
        row = self.index.row_at(span.doc_id, span.start)
        return None if row is None else Hit(self.index.chunks[row], row, 1.0, None, None, None, False)


def _unique(hits: list[Hit]) -> list[Hit]:
    seen: set[str] = set()
    out = []
    for h in hits:
        if h.chunk.chunk_id not in seen:
            seen.add(h.chunk.chunk_id)
            out.append(h)
    return out
