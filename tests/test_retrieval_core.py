"""The lexical tokens and the rank fusion: shapes, invalid settings, edge cases."""

import copy

import pytest

from tracuu.index.tokenize import TOKENIZER_VERSION, index_tokens, query_tokens
from tracuu.retrieval.components import PreparedQuery, Ranked
from tracuu.retrieval.fusion import RankFusion


def test_tokenizer_version_is_two():
    assert TOKENIZER_VERSION == "2"  # bumped with syllable pairs: older indexes are refused on load


def test_pairs_follow_syllables_and_fold_accents():
    tokens = index_tokens("Thời gian thử việc")
    assert tokens == ["thoi", "gian", "thu", "viec", "thoi gian", "gian thu", "thu viec"]
    assert set(query_tokens("thoi gian thu viec")) == set(tokens)


def test_numbers_stay_whole_and_their_parts_pair():
    tokens = index_tokens("theo Nghị định 145/2020/NĐ-CP")
    assert "#145-2020-nd-cp" in tokens
    assert {"dinh 145", "nd cp"} <= set(tokens)


@pytest.mark.parametrize(
    ("question", "absent", "present"),
    [
        ("Thời hạn là bao nhiêu ngày?", {"bao", "nhieu", "la bao", "nhieu ngay", "la ngay"}, {"thoi han", "han la"}),
        ("han nop ho so nao", {"nao", "so nao"}, {"han nop", "ho so"}),
        ("Ai ký quyết định?", {"ai", "ai ky"}, {"ky quyet", "quyet dinh"}),
        # An officer's own words about herself: "tôi", "mình", "tụi em", "ạ" say nothing of the law.
        ("Công ty tôi trả lương chậm ạ", {"toi", "a", "ty toi"}, {"cong ty", "tra luong"}),
    ],
)
def test_question_words_are_dropped_and_break_pairs(question, absent, present):
    tokens = set(query_tokens(question))
    assert not absent & tokens
    assert present <= tokens


def test_lower_case_numbers_in_questions_are_recognised():
    assert "#145-2020-nd-cp" in query_tokens("nghị định 145/2020/nđ-cp quy định gì")


def test_empty_text():
    assert index_tokens("") == [] and query_tokens("?") == []


def test_ranked_and_query_are_passed_without_copying():
    ranked = Ranked.of([(3, 1.5), (1, 0.5)])
    assert copy.deepcopy(ranked) is ranked
    assert ranked.ranks().get(1) == 1 and 9 not in ranked.ranks() and len(ranked) == 2
    query = PreparedQuery("q", ("q",), (), None)
    assert copy.deepcopy(query) is query


def test_fusion_default_and_invalid_settings():
    fuse = RankFusion()
    assert fuse.weights == {"lexical": 2.0, "dense": 1.0, "numbers": 3.0, "titles": 1.0} and fuse.k == 10.0
    with pytest.raises(ValueError, match="k must be positive"):
        RankFusion(k=0)
    with pytest.raises(ValueError, match="non-negative"):
        RankFusion(lexical=-1)
    with pytest.raises(ValueError, match="not all zero"):
        RankFusion(lexical=0, dense=0, numbers=0, titles=0)


def test_fusion_weights_go_to_the_named_list():
    none = Ranked((), ())
    a_first, b_first = Ranked((0, 1), (2.0, 1.0)), Ranked((1, 0), (2.0, 1.0))
    lexical_heavy = RankFusion(lexical=2, dense=1, numbers=0, k=10)
    assert lexical_heavy.run(lexical=a_first, dense=b_first, numbers=none)["ranked"].rows == (0, 1)
    dense_heavy = RankFusion(lexical=1, dense=2, numbers=0, k=10)
    assert dense_heavy.run(lexical=a_first, dense=b_first, numbers=none)["ranked"].rows == (1, 0)


def test_fusion_scores_and_tie_break():
    fuse = RankFusion(lexical=1, dense=1, numbers=1, k=10)
    # rows 5 and 2 tie (1/10 + 1/11 each); the tie goes to the best single rank, then the lower row.
    out = fuse.run(lexical=Ranked((5, 2), (1, 1)), dense=Ranked((2, 5), (1, 1)), numbers=Ranked((), ()))["ranked"]
    assert out.rows == (2, 5)
    assert out.scores[0] == pytest.approx(1 / 10 + 1 / 11)
    empty = fuse.run(lexical=Ranked((), ()), dense=Ranked((), ()), numbers=Ranked((), ()))["ranked"]
    assert empty.rows == ()
