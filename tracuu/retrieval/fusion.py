"""Weighted reciprocal rank fusion of the lexical, dense, exact-number and article-title lists (a Haystack component).

Each list is its own named input: a variadic input would receive the lists in an order Haystack chooses
(it is not the connection order), and the weights would silently go to the wrong retriever.
"""

from __future__ import annotations

from haystack import component

from tracuu.retrieval.components import Ranked

__all__ = ["RankFusion"]


@component
class RankFusion:
    """``score(d) = Σ weight_i / (k + rank_i(d))`` with ranks from 0, over the lists ``d`` appears in.

    Haystack's joiner fixes k at 61; a small k lets the top of each list count for more, which is what
    measured best here (k=10 with BM25 weighted twice dense: ALQAC 2022 and 2024 both gain, see
    eval/RESULTS.md). Equal scores are ordered by the best rank in any list, then by row, so a ranking
    never depends on dictionary order.

    >>> fuse = RankFusion(lexical=2.0, dense=1.0, numbers=3.0, k=10)
    >>> none = Ranked((), ())
    >>> fuse.run(lexical=Ranked((1, 0), (9.0, 8.0)), dense=Ranked((2,), (0.9,)), numbers=none)["ranked"].rows
    (1, 0, 2)
    >>> fuse.run(lexical=Ranked((1, 0), (9.0, 8.0)), dense=Ranked((0,), (0.9,)), numbers=none)["ranked"].rows
    (0, 1)
    """

    def __init__(
        self, lexical: float = 2.0, dense: float = 1.0, numbers: float = 3.0, titles: float = 1.0, k: float = 10.0
    ) -> None:
        if k <= 0:
            raise ValueError(f"k must be positive, got {k}")
        weights = {"lexical": lexical, "dense": dense, "numbers": numbers, "titles": titles}
        if any(w < 0 for w in weights.values()) or not any(weights.values()):
            raise ValueError(f"weights must be non-negative and not all zero, got {weights}")
        self.weights = weights
        self.k = k

    @component.output_types(ranked=Ranked)
    def run(self, lexical: Ranked, dense: Ranked, numbers: Ranked, titles: Ranked | None = None) -> dict:
        scores: dict[int, float] = {}
        best: dict[int, int] = {}
        lists = (("lexical", lexical), ("dense", dense), ("numbers", numbers), ("titles", titles or Ranked((), ())))
        for name, ranked in lists:
            weight = self.weights[name]
            for rank, row in enumerate(ranked.rows):
                scores[row] = scores.get(row, 0.0) + weight / (self.k + rank)
                best[row] = min(best.get(row, rank), rank)
        order = sorted(scores, key=lambda r: (-scores[r], best[r], r))
        return {"ranked": Ranked(tuple(order), tuple(scores[r] for r in order))}
