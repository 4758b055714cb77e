"""Ranking metrics over one ranked list and a set of relevant ids (binary relevance).

Written out rather than taken from ranx/pytrec_eval: five short functions are easier to check by hand
than a dependency, and the run files we write (:mod:`eval.trec`) let anyone recompute them with
``trec_eval`` or ``ranx`` if they doubt these.

>>> reciprocal_rank(["a", "b", "c"], {"b"}, k=10)
0.5
>>> round(ndcg_at_k(["a", "b"], {"b"}, k=10), 4)
0.6309
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["hit_at_k", "recall_at_k", "reciprocal_rank", "ndcg_at_k", "RankingScores", "score_rankings"]


def hit_at_k(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    """1.0 when any relevant id is among the first ``k``."""
    return 1.0 if any(r in relevant for r in ranked[:k]) else 0.0


def recall_at_k(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    if not relevant:
        return 0.0
    return len(relevant.intersection(ranked[:k])) / len(relevant)


def reciprocal_rank(ranked: Sequence[str], relevant: set[str], k: int = 10) -> float:
    """1/rank of the first relevant id within the first ``k``, else 0 (MRR@k per query)."""
    for i, r in enumerate(ranked[:k]):
        if r in relevant:
            return 1.0 / (i + 1)
    return 0.0


def ndcg_at_k(ranked: Sequence[str], relevant: set[str], k: int = 10) -> float:
    """Binary-gain nDCG@k (gain 1 at rank i costs 1/log2(i+1)), as trec_eval's ndcg_cut."""
    dcg = sum(1.0 / math.log2(i + 2) for i, r in enumerate(ranked[:k]) if r in relevant)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(len(relevant), k)))
    return dcg / ideal if ideal else 0.0


@dataclass(frozen=True)
class RankingScores:
    """Means over queries; the keys printed by ``tracuu eval alqac``."""

    n: int
    hit_at_1: float
    hit_at_5: float
    hit_at_10: float
    mrr_at_10: float
    ndcg_at_10: float

    def to_dict(self, digits: int = 4) -> dict[str, float | int]:
        return {
            "n": self.n,
            "hit@1": round(self.hit_at_1, digits),
            "hit@5": round(self.hit_at_5, digits),
            "hit@10": round(self.hit_at_10, digits),
            "mrr@10": round(self.mrr_at_10, digits),
            "ndcg@10": round(self.ndcg_at_10, digits),
        }


def score_rankings(pairs: Iterable[tuple[Sequence[str], set[str]]]) -> RankingScores:
    """Mean metrics over (ranked ids, relevant ids) pairs, one per query."""
    rows = [
        (
            hit_at_k(r, rel, 1),
            hit_at_k(r, rel, 5),
            hit_at_k(r, rel, 10),
            reciprocal_rank(r, rel, 10),
            ndcg_at_k(r, rel, 10),
        )
        for r, rel in pairs
    ]
    n = len(rows)
    if n == 0:
        return RankingScores(0, 0.0, 0.0, 0.0, 0.0, 0.0)
    means = [sum(col) / n for col in zip(*rows, strict=True)]
    return RankingScores(n, *means)
