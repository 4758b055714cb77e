"""Gold questions: file loading, scoring of one /api/ask response, and the whole path on the fixture app."""

import json

import pytest

from eval.gold_questions import GoldQuestion, evaluate_gold, load_gold, score_response


def _source(text, number=None, section="Điều 1"):
    return {
        "doc_id": "d",
        "number": number,
        "title": None,
        "section": section,
        "text": text,
        "start": 0,
        "end": len(text),
        "url": "/documents/d#0-1",
        "score": 1.0,
    }


def test_load_gold_validates(tmp_path):
    good = tmp_path / "a.jsonl"
    good.write_text(
        json.dumps({"id": "x", "kind": "k", "question": "q?", "expect_passage": ["p"]}) + "\n\n", encoding="utf-8"
    )
    assert [q.id for q in load_gold([good])] == ["x"]
    with pytest.raises(ValueError, match="duplicate gold id 'x'"):
        load_gold([good, good])
    bad = tmp_path / "b.jsonl"
    bad.write_text(json.dumps({"id": "y", "question": "q?"}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no expect_passage"):
        load_gold([bad])
    broken = tmp_path / "c.jsonl"
    broken.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match="c.jsonl:1"):
        load_gold([broken])


def test_passage_and_answer_compare_after_canonical_tones():
    q = GoldQuestion("g1", "training", "?", expect_passage=("Ban Dân vận Tỉnh ủy",), expect_answer=("hòa giải",))
    # The response spells the old tone placement ("uỷ", "hoà"); the expectation the new one.
    response = {
        "answer": "việc hoà giải",
        "found": True,
        "sources": [_source("không liên quan"), _source("gửi Ban Dân vận Tỉnh uỷ")],
    }
    o = score_response(q, response)
    assert (o.hit_at_1, o.hit_at_5, o.answer_ok, o.docs_ok, o.passed) == (False, True, True, None, True)


def test_any_passage_but_all_answers():
    q = GoldQuestion("g2", "k", "?", expect_passage=("x", "chậm nhất"), expect_answer=("60%", "90%"))
    o = score_response(q, {"answer": "60% các cơ quan", "found": True, "sources": [_source("chậm nhất ngày 1")]})
    assert o.hit_at_1 and not o.answer_ok and not o.passed


def test_docs_match_by_number_key_or_text():
    q = GoldQuestion("g3", "governing", "?", expect_passage=("Nghị định",), expect_docs=("04/2015/NĐ-CP", "41/HD-TLĐ"))
    sources = [_source("Nghị định số 04/2015/ND-CP", number="04/2015/ND-CP"), _source("theo Hướng dẫn số 41/HD-TLĐ")]
    assert score_response(q, {"answer": "", "found": True, "sources": sources}).docs_ok is True
    assert score_response(q, {"answer": "", "found": True, "sources": sources[:1]}).docs_ok is False


def test_not_found_questions():
    q = GoldQuestion("n1", "negative", "giá xăng?", expect_not_found=True)
    assert score_response(q, {"answer": "Không tìm thấy", "found": False, "sources": []}).passed
    wrong = score_response(q, {"answer": "…", "found": True, "sources": [_source("x")]})
    assert not wrong.passed and wrong.hit_at_5 is None


def test_gold_through_the_real_api(client, tmp_path):
    path = tmp_path / "g.jsonl"
    rows = [
        {
            "id": "a",
            "kind": "deadline",
            "question": "Hạn chót báo cáo kết quả công tác dân vận chính quyền năm 2023?",
            "expect_passage": ["chậm nhất ngày 01/11/2023"],
            "expect_answer": ["01/11/2023"],
        },
        {"id": "b", "kind": "negative", "question": "Giá xăng RON 95 hôm nay là bao nhiêu?", "expect_not_found": True},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    report = evaluate_gold(client, load_gold([path]))
    assert report.overall["n"] == 2
    assert report.overall["hit@5"] == 1.0
    assert report.by_kind["negative"]["not_found_accuracy"] == 1.0
    assert set(report.to_dict()) == {"overall", "by_kind", "failures"}
