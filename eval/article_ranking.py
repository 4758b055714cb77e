"""Rank ALQAC articles with the product's searcher: chunk hits aggregated to their article (best rank).

>>> report = rank_articles(index, laws, searcher, questions)  # doctest: +SKIP
>>> report.scores.to_dict()["mrr@10"]  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass

from eval.alqac import Law, Question, article_docid
from eval.metrics import RankingScores, score_rankings
from eval.trec import RankedDoc, ordered
from tracuu.index.store import IndexData
from tracuu.retrieval import Searcher

__all__ = ["ArticleRanking", "chunk_articles", "rank_articles"]

_CHUNK_DEPTH = 200  # every fused candidate: the searcher keeps at most 50 per retriever


@dataclass
class ArticleRanking:
    scores: RankingScores
    runs: dict[str, list[RankedDoc]]  # qid → articles, best first (fixed tie-break)
    qrels: dict[str, set[str]]
    per_query: dict[str, float]  # qid → reciprocal rank@10, for failure lists and per-type splits


def chunk_articles(index: IndexData, laws: list[Law]) -> dict[int, str]:
    """Row → article docid, from the chunk's document (one per law) and its section path."""
    law_ids = {law.doc_id: law.law_id for law in laws}
    out: dict[int, str] = {}
    for row, chunk in enumerate(index.chunks):
        article = chunk.article
        if article is not None and chunk.doc_id in law_ids:
            out[row] = article_docid(law_ids[chunk.doc_id], article.removeprefix("Điều "))
    return out


def rank_articles(
    index: IndexData, laws: list[Law], searcher: Searcher, questions: list[Question], depth: int = 100
) -> ArticleRanking:
    rows = chunk_articles(index, laws)
    runs: dict[str, list[RankedDoc]] = {}
    for q in questions:
        best: dict[str, float] = {}
        for hit in searcher.search(q.text, top_k=_CHUNK_DEPTH):
            docid = rows.get(hit.row)
            if docid is not None and docid not in best:
                best[docid] = hit.score  # hits come best first: the first one is the article's best rank
        runs[q.qid] = ordered([RankedDoc(d, s) for d, s in best.items()])[:depth]
    qrels = {q.qid: set(q.relevant) for q in questions}
    pairs = [([d.docid for d in runs[q.qid]], qrels[q.qid]) for q in questions]
    per_query = {q.qid: score_rankings([pair]).mrr_at_10 for q, pair in zip(questions, pairs, strict=True)}
    return ArticleRanking(score_rankings(pairs), runs, qrels, per_query)
