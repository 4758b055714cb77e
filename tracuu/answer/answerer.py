"""Question → answer with its sources: retrieval, a relevance gate, then the answering unit.

>>> result = Answerer(index, searcher).ask("Hạn báo cáo là ngày nào?")  # doctest: +SKIP
>>> result.answer  # doctest: +SKIP
'báo cáo kết quả … chậm nhất ngày 01/11/2023. (Kế hoạch 439/KH-LĐLĐ, IV.1 › ý 3)'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tracuu.answer.extractive import NOT_FOUND, Unit, best_unit, coverage
from tracuu.index.store import IndexData
from tracuu.retrieval.searcher import Hit, Searcher

__all__ = ["AnswerResult", "Answerer", "MIN_COVERAGE"]

# Share of the question's (IDF-weighted) content words the best passage must contain, unless the
# passage was found by an exact document number. Chosen on the dev questions and off-topic questions.
MIN_COVERAGE = 0.5


@dataclass
class AnswerResult:
    question: str
    answer: str
    found: bool
    hits: list[Hit] = field(default_factory=list)
    unit: Unit | None = None  # the exact span the answer quotes
    unit_doc_id: str | None = None
    kind: str = "passage"


class Answerer:
    def __init__(self, index: IndexData, searcher: Searcher) -> None:
        self.index = index
        self.searcher = searcher

    def source_label(self, hit: Hit) -> str:
        doc = self.index.documents.get(hit.chunk.doc_id)
        number = hit.chunk.source_number or (doc.number if doc else None)
        name = " ".join(p for p in ((doc.doc_type if doc and not hit.chunk.source_number else None), number) if p)
        name = name or (doc.title if doc else hit.chunk.doc_id)
        return f"{name}, {hit.chunk.section}"

    def ask(self, question: str, top_k: int = 5) -> AnswerResult:
        hits = self.searcher.search(question, top_k=max(top_k, 5))
        if not hits:
            return AnswerResult(question, NOT_FOUND, False)
        top = hits[0]
        if not top.number_match and coverage(self.index, question, top) < MIN_COVERAGE:
            return AnswerResult(question, NOT_FOUND, False)
        picked = best_unit(self.index, question, hits)
        if picked is None:
            return AnswerResult(question, NOT_FOUND, False)
        unit, hit = picked
        answer = f"{unit.text} ({self.source_label(hit)})"
        return AnswerResult(question, answer, True, hits[:top_k], unit, hit.chunk.doc_id)
