"""The document list, articles by number, filters on search and ask, and answers about one document
(validity, issue date) — the HTTP API against the fixture index (the plan, a fixture law 99/2030/QH99
and a Bộ Pháp điển page reproducing articles 1 and 39 of Nghị định 145/2020/NĐ-CP)."""

from __future__ import annotations

import pytest


def _exact(client, doc_id: str, start: int, end: int, text: str) -> None:
    assert client.get(f"/api/documents/{doc_id}").json()["text"][start:end] == text


def test_document_list_says_what_is_held_and_its_validity(client):
    docs = client.get("/api/documents").json()
    by_number = {d["number"]: d for d in docs if d["number"]}
    assert by_number["439/KH-LĐLĐ"]["holding"] == "full_text"
    assert by_number["145/2020/NĐ-CP"]["holding"] == "codified"
    assert by_number["04/2015/NĐ-CP"]["holding"] == "citation_only"
    law = by_number["99/2030/QH99"]
    assert law["type"] == "Luật" and law["date"] == "2030-06-15" and law["validity"] == "not_yet"
    ended = by_number["77/2015/NĐ-CP"]
    assert ended["validity"] == "ended" and "99/2030/QH99" in ended["validity_label"]
    ending = by_number["12/2010/NĐ-CP"]  # ends when 99/2030 takes effect, on 01/01/2031
    assert ending["validity"] == "in_force" and "01/01/2031" in ending["validity_label"]
    holdings = [d["holding"] for d in docs]
    assert holdings == sorted(holdings, key=["full_text", "codified", "citation_only"].index)  # held first


@pytest.mark.parametrize(
    ("params", "numbers"),
    [
        ({"holding": "codified"}, {"145/2020/NĐ-CP"}),
        ({"q": "99/2030"}, {"99/2030/QH99"}),
        ({"type": "luật", "year": 2030}, {"99/2030/QH99"}),
    ],
)
def test_document_list_filters(client, params, numbers):
    docs = client.get("/api/documents", params=params).json()
    assert {d["number"] for d in docs} == numbers


def test_article_of_a_held_law_with_exact_offsets(client):
    body = client.get("/api/documents/99-2030-qh99/articles/4").json()
    assert body["article"] == "Điều 4" and body["text"].startswith("Điều 4. Thời hạn đối thoại định kỳ")
    _exact(client, body["text_doc_id"], body["start"], body["end"], body["text"])


def test_clause_and_point_of_an_article(client):
    clause = client.get("/api/documents/99-2030-qh99/articles/3", params={"khoan": 3}).json()
    assert clause["article"] == "Khoản 3 Điều 3" and clause["text"].startswith("3. Điều kiện làm việc")
    point = client.get("/api/documents/99-2030-qh99/articles/3", params={"khoan": 3, "diem": "b"}).json()
    assert point["text"] == "b) Thời giờ làm việc, thời giờ nghỉ ngơi;"
    for body in (clause, point):
        _exact(client, body["text_doc_id"], body["start"], body["end"], body["text"])


def test_article_of_a_decree_held_only_in_phap_dien(client):
    # By the decree's own number, and by the Bộ Pháp điển code: the same article, in the chapter's text.
    by_number = client.get("/api/documents/145-2020-nd-cp/articles/39").json()
    by_code = client.get("/api/documents/phap-dien-99-1/articles/99.1.NĐ.1.39").json()
    for body in (by_number, by_code):
        assert body["article"] == "Điều 39" and body["text_doc_id"] == "phap-dien-99-1"
        assert body["codified_as"] == "Điều 99.1.NĐ.1.39" and "145/2020/NĐ-CP" in body["codified_note"]
        _exact(client, body["text_doc_id"], body["start"], body["end"], body["text"])


@pytest.mark.parametrize(
    "url",
    [
        "/api/documents/99-2030-qh99/articles/40",
        "/api/documents/99-2030-qh99/articles/3?khoan=9",
        "/api/documents/khong-co/articles/1",
        "/api/documents/phap-dien-99-1/articles/99.1.NĐ.1.77",
    ],
)
def test_unknown_article_is_404(client, url):
    assert client.get(url).status_code == 404


def test_search_within_one_document(client):
    results = client.get("/api/search", params={"q": "đối thoại định kỳ", "document": "99/2030/QH99"}).json()["results"]
    assert results and all(r["doc_id"] == "99-2030-qh99" for r in results)
    codified = client.get("/api/search", params={"q": "đối thoại định kỳ", "type": "Nghị định"}).json()["results"]
    assert codified and all(r["number"] == "145/2020/NĐ-CP" for r in codified)
    assert client.get("/api/search", params={"q": "đối thoại", "document": "Nghị định 999"}).status_code == 404


def test_ask_with_a_filter_answers_from_that_document(client):
    question = {"question": "Đối thoại định kỳ tổ chức mấy lần một năm?"}
    body = client.post("/api/ask", json={**question, "filters": {"document": "99-2030-qh99"}}).json()
    assert body["found"] and all(s["doc_id"] == "99-2030-qh99" for s in body["sources"])
    assert "01 lần trong 01 năm" in body["answer"]


@pytest.mark.parametrize(
    "question", ["Kế hoạch 439 ký ngày nào?", "Kế hoạch 439 ra ngày nào?", "ke hoach 439 ra khi nao"]
)
def test_issue_date_question_is_the_issue_date_never_a_deadline(client, question):
    body = client.post("/api/ask", json={"question": question}).json()
    assert body["answer"].startswith("Ngày ban hành: 09/5/2023")
    assert "ngày 09 tháng 5 năm 2023" in body["answer_source"]["text"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [("Kế hoạch ban hành ngày nào?", "Ngày ban hành: 09/5/2023"), ("Luật này có hiệu lực từ ngày nào?", "01/01/2031")],
)
def test_a_type_alone_names_the_one_held_document_of_that_type(client, question, expected):
    # The index holds one plan and one law in full: "Kế hoạch", "Luật" can only mean them; never the date
    # of a decision the plan cites ("Quyết định 2631/QĐ-UBND ngày 14/10/2021 … ban hành Kế hoạch …").
    body = client.post("/api/ask", json={"question": question}).json()
    assert body["answer"].startswith(expected) or expected in body["answer"], body["answer"]


def test_a_question_whose_subject_matches_no_fact_is_not_answered_with_another_fact(client):
    # Only deadlines match these words; nothing names a document whose issue date is known, so the
    # answer comes from passages (or not at all), never as a deadline stated as the signing date.
    body = client.post(
        "/api/ask", json={"question": "Báo cáo kết quả công tác dân vận chính quyền năm 2023 ký ngày nào?"}
    ).json()
    assert not body["answer"].startswith(("Hạn:", "Ngày ban hành"))


def test_when_a_contract_takes_effect_is_not_a_documents_effective_date(client):
    # "hiệu lực … từ khi nào" of a contract: no document is named, by number, name or type.
    body = client.post("/api/ask", json={"question": "Hợp đồng lao động bắt đầu có hiệu lực từ khi nào?"}).json()
    assert not body["answer"].startswith("Có hiệu lực từ ngày"), body["answer"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Nghị định 12/2010/NĐ-CP còn hiệu lực không?", "hết hiệu lực"),
        ("Nghị định 77/2015/NĐ-CP hết hiệu lực khi nào?", "01/6/2016"),
        ("Luật 99/2030/QH99 có hiệu lực từ ngày nào?", "01/01/2031"),
        ("Nghị định 04/2015/NĐ-CP còn hiệu lực không?", "chưa rõ: các văn bản đang lưu không nói về hiệu lực"),
    ],
)
def test_validity_questions_about_the_named_document(client, question, expected):
    body = client.post("/api/ask", json={"question": question}).json()
    assert body["found"] and expected in body["answer"], body["answer"]


def test_article_reference_is_answered_with_that_article(client):
    body = client.post("/api/ask", json={"question": "khoản 3 điều 3 luật 99/2030"}).json()
    assert body["answer"].startswith("Khoản 3 Điều 3")
    assert body["answer_source"]["text"].startswith("3. Điều kiện làm việc")
    missing = client.post("/api/ask", json={"question": "Điều 40 Luật 99/2030/QH99"}).json()
    assert missing["found"] is False and "Điều 40" in missing["answer"]


@pytest.fixture(scope="module")
def plan_and_laws(tmp_path_factory, embedder):
    """The bundled plan and the two laws (~700 passages: more than the retrievers' 100 candidates)."""
    from fastapi.testclient import TestClient

    from service.app import create_app
    from tests.conftest import ingested_bundle

    settings = ingested_bundle(tmp_path_factory, embedder, "plans", "directives")
    with TestClient(create_app(settings, embedder=embedder)) as client:
        yield client


def test_a_filter_searches_within_the_document_not_within_the_corpus_best(plan_and_laws):
    """The laws hold hundreds of passages on "người lao động", all scoring above the plan's; within the
    plan, the plan's own passages are still found (they were filtered out of the corpus's top 100)."""
    unfiltered = plan_and_laws.get("/api/search", params={"q": "người lao động", "top_k": 50}).json()["results"]
    assert all(r["doc_id"] != "439-kh-ldld" for r in unfiltered)  # the plan is not among the corpus's best
    params = {"q": "người lao động", "document": "439/KH-LĐLĐ", "top_k": 5}
    results = plan_and_laws.get("/api/search", params=params).json()["results"]
    assert len(results) == 5 and all(r["doc_id"] == "439-kh-ldld" for r in results), results
    assert "người lao động" in results[0]["text"].lower()
