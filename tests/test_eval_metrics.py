"""Ranking metrics on cases small enough to compute by hand."""

import math

import pytest

from eval.metrics import hit_at_k, ndcg_at_k, recall_at_k, reciprocal_rank, score_rankings

RANKED = ["a", "b", "c", "d"]


@pytest.mark.parametrize(
    ("relevant", "hit1", "hit5", "rr", "ndcg"),
    [
        ({"a"}, 1.0, 1.0, 1.0, 1.0),
        ({"c"}, 0.0, 1.0, 1 / 3, 1 / math.log2(4)),  # gain at rank 3 over the ideal gain at rank 1
        ({"a", "c"}, 1.0, 1.0, 1.0, (1 + 1 / math.log2(4)) / (1 + 1 / math.log2(3))),
        ({"b", "x"}, 0.0, 1.0, 0.5, (1 / math.log2(3)) / (1 + 1 / math.log2(3))),  # x is never retrieved
        ({"z"}, 0.0, 0.0, 0.0, 0.0),
    ],
)
def test_single_query_metrics(relevant, hit1, hit5, rr, ndcg):
    assert hit_at_k(RANKED, relevant, 1) == hit1
    assert hit_at_k(RANKED, relevant, 5) == hit5
    assert reciprocal_rank(RANKED, relevant, 10) == pytest.approx(rr)
    assert ndcg_at_k(RANKED, relevant, 10) == pytest.approx(ndcg)


def test_cutoff_excludes_rank_eleven():
    ranked = [f"d{i}" for i in range(1, 12)]
    assert reciprocal_rank(ranked, {"d11"}, 10) == 0.0
    assert hit_at_k(ranked, {"d11"}, 10) == 0.0
    assert ndcg_at_k(ranked, {"d11"}, 10) == 0.0
    assert reciprocal_rank(ranked, {"d10"}, 10) == pytest.approx(0.1)


def test_recall_counts_each_relevant_once():
    assert recall_at_k(RANKED, {"a", "d", "x"}, 2) == pytest.approx(1 / 3)
    assert recall_at_k(RANKED, {"a", "d", "x"}, 4) == pytest.approx(2 / 3)
    assert recall_at_k(RANKED, set(), 4) == 0.0


def test_means_over_queries():
    scores = score_rankings([(RANKED, {"a"}), (RANKED, {"c"}), (RANKED, {"z"})])
    assert scores.n == 3
    assert scores.hit_at_1 == pytest.approx(1 / 3)
    assert scores.hit_at_5 == pytest.approx(2 / 3)
    assert scores.mrr_at_10 == pytest.approx((1 + 1 / 3 + 0) / 3)
    assert scores.to_dict() == {
        "n": 3,
        "hit@1": 0.3333,
        "hit@5": 0.6667,
        "hit@10": 0.6667,
        "mrr@10": 0.4444,
        "ndcg@10": 0.5,
    }


def test_no_queries():
    assert score_rankings([]).to_dict()["n"] == 0
