"""The officers' dev questions (../shared/eval) against the plan and the two bundled laws (real texts, real index).

Checks the exact-offset invariant on every source of every answer, and pins how many questions find their
expected passage and answer, so a regression fails here. The full numbers (with the Bộ Pháp điển pages)
come from `tracuu eval gold`.
"""

import json

import pytest

from tests.conftest import SHARED, ingested_bundle
from tracuu.text.normalize import canonical_tones

pytestmark = pytest.mark.slow


def _norm(text: str) -> str:
    return canonical_tones(text).casefold()


@pytest.fixture(scope="module")
def dev_client(tmp_path_factory, embedder):
    from fastapi.testclient import TestClient

    from service.app import create_app

    settings = ingested_bundle(tmp_path_factory, embedder, "plans", "directives")
    with TestClient(create_app(settings, embedder=embedder)) as client:
        yield client


@pytest.fixture(scope="module")
def dev_questions():
    path = SHARED / "eval" / "dev-questions.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not found: the dev questions live in ../shared beside the checkout")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def dev_answers(dev_client, dev_questions):
    return {q["id"]: dev_client.post("/api/ask", json={"question": q["question"]}).json() for q in dev_questions}


def test_every_source_is_the_exact_passage(dev_client, dev_answers):
    texts: dict[str, str] = {}
    checked = 0
    for body in dev_answers.values():
        for source in [body["answer_source"], *body["sources"]]:
            if source is None:
                continue
            if source["doc_id"] not in texts:
                texts[source["doc_id"]] = dev_client.get(f"/api/documents/{source['doc_id']}").json()["text"]
            assert texts[source["doc_id"]][source["start"] : source["end"]] == source["text"]
            checked += 1
    assert checked >= 100


def test_dev_question_scores(dev_questions, dev_answers):
    hits = answers = 0
    misses = []
    for q in dev_questions:
        body = dev_answers[q["id"]]
        hit = any(_norm(p) in _norm(s["text"]) for s in body["sources"][:5] for p in q["expect_passage"])
        ok = all(_norm(a) in _norm(body["answer"]) for a in q["expect_answer"])
        hits += hit
        answers += ok
        if not (hit and ok):
            misses.append((q["id"], hit, ok, body["answer"][:120]))
    print(f"hit@5 {hits}/{len(dev_questions)}, answers {answers}/{len(dev_questions)}", misses)
    # Measured on this corpus (plan + the two laws). With the Bộ Pháp điển pages too (`tracuu eval gold`)
    # all 21 answer; here dev-21 quotes Điều 55 (consultation) instead of Điều 46's list (disclosure).
    assert hits >= 21, misses
    assert answers >= 20, misses


def test_fact_first_for_fact_questions(dev_questions, dev_answers):
    """Deadline, target, assignment and governing questions state the fact in the first sentence."""
    for q in dev_questions:
        if q["kind"] in ("deadline", "target", "assignment", "governing"):
            first = dev_answers[q["id"]]["answer"].split(". ")[0]
            assert all(_norm(a) in _norm(first) for a in q["expect_answer"]), (q["id"], first)
