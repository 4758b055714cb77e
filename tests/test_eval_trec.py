"""TREC run and qrels files: exact format, fixed tie-break, round trip, bad ids refused."""

import io

import pytest

from eval.trec import RankedDoc, ordered, read_run, write_qrels, write_run


def test_run_format_and_tie_break():
    out = io.StringIO()
    runs = {
        "q-2": [RankedDoc("luat/7", 0.25), RankedDoc("luat/12", 0.5), RankedDoc("luat/10", 0.5)],
        "q-1": [RankedDoc("x/1", 1.0)],
    }
    write_run(out, runs, tag="tracuu-hybrid")
    assert out.getvalue().splitlines() == [
        "q-2 Q0 luat/10 1 0.500000 tracuu-hybrid",  # equal scores: docid ascending
        "q-2 Q0 luat/12 2 0.500000 tracuu-hybrid",
        "q-2 Q0 luat/7 3 0.250000 tracuu-hybrid",
        "q-1 Q0 x/1 1 1.000000 tracuu-hybrid",
    ]


def test_run_round_trip():
    out = io.StringIO()
    runs = {"q1": [RankedDoc("b", 0.3), RankedDoc("a", 0.9)]}
    write_run(out, runs, tag="t")
    back = read_run(out.getvalue())
    assert [d.docid for d in back["q1"]] == ["a", "b"]
    assert ordered(back["q1"]) == ordered(runs["q1"])


def test_qrels_format():
    out = io.StringIO()
    write_qrels(out, {"q1": {"b", "a"}, "q2": {"c"}})
    assert out.getvalue() == "q1 0 a 1\nq1 0 b 1\nq2 0 c 1\n"


@pytest.mark.parametrize(
    ("qid", "docid", "tag"), [("q 1", "a", "t"), ("q1", "a b", "t"), ("q1", "a", ""), ("q1", "", "t")]
)
def test_whitespace_or_empty_ids_are_refused(qid, docid, tag):
    with pytest.raises(ValueError):
        write_run(io.StringIO(), {qid: [RankedDoc(docid, 1.0)]}, tag=tag)


def test_read_run_names_the_bad_line():
    with pytest.raises(ValueError, match="line 2"):
        read_run("q1 Q0 a 1 0.5 t\nnot a run line\n")
