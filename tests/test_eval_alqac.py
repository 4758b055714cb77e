"""The ALQAC adapter on a tiny law.json (11 articles of two laws, 18 real ALQAC questions).

The index is built by the normal ingest pipeline; article 107 and 113 are long enough to become two
chunks each, and article 249 has a body line starting "Điều 169 của Luật này." that must not become an
article of its own.
"""

import json
from pathlib import Path

import pytest

from eval.alqac import article_docid, build_index, law_document, load_laws, load_questions
from eval.article_ranking import chunk_articles, rank_articles
from tracuu.index import load_index
from tracuu.retrieval import Searcher

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "alqac"


@pytest.fixture(scope="session")
def alqac_laws():
    return load_laws(FIXTURE / "law.json")


@pytest.fixture(scope="session")
def alqac_index(tmp_path_factory, alqac_laws, embedder):
    folder = tmp_path_factory.mktemp("alqac")
    build_index(alqac_laws, folder / "index", embedder=embedder, cache=folder / "cache.sqlite")
    return load_index(folder / "index", embedder=embedder.name)


def test_load_laws_and_questions():
    laws = load_laws(FIXTURE / "law.json")
    assert [(law.law_id, len(law.articles)) for law in laws] == [("45/2019/QH14", 8), ("Luật Tố tụng hành chính", 3)]
    questions = load_questions(FIXTURE / "questions.json")
    assert len(questions) == 18
    assert questions[0].qid == "q-133" and questions[0].relevant == {"45-2019-qh14/105"}
    assert questions[-1].qid == "02-TL-21" and questions[-1].kind == "Tự luận"
    assert questions[-1].relevant == {"luat-to-tung-hanh-chinh/246"}


def test_article_docid_has_no_spaces():
    assert article_docid("Luật Tố tụng hành chính", "249") == "luat-to-tung-hanh-chinh/249"
    assert article_docid("91/2015/QH13", "6a") == "91-2015-qh13/6a"


def test_law_document_heads_each_article_and_joins_heading_like_lines(alqac_laws):
    text = law_document(alqac_laws[1])
    assert text.startswith("Điều 246. ")
    assert "\nĐiều 249. Phiên tòa theo thủ tục rút gọn\n" in text
    assert "theo quy định tại Điều 169 của Luật này." in text  # joined, not a line of its own
    assert "\nĐiều 169" not in text


def test_duplicate_law_slugs_are_refused(tmp_path):
    path = tmp_path / "law.json"
    path.write_text(json.dumps([{"id": "Luật A", "articles": []}, {"id": "luật a", "articles": []}]), encoding="utf-8")
    with pytest.raises(ValueError, match="same slug"):
        load_laws(path)


def test_every_chunk_maps_to_its_article(alqac_index, alqac_laws):
    rows = chunk_articles(alqac_index, alqac_laws)
    assert len(rows) == len(alqac_index.chunks) == 13
    articles = sorted(set(rows.values()))
    assert len(articles) == 11
    assert sum(1 for a in rows.values() if a == "45-2019-qh14/107") == 2
    assert "luat-to-tung-hanh-chinh/169" not in articles


def test_rebuild_is_skipped_when_sources_are_unchanged(alqac_index, alqac_laws, embedder):
    index_dir = alqac_index.path.parent.parent
    build_index(alqac_laws, index_dir, embedder=embedder)
    assert load_index(index_dir).manifest.generation == alqac_index.manifest.generation


@pytest.mark.parametrize("mode", ["bm25", "dense", "hybrid"])
def test_article_ranking_is_pinned(alqac_index, alqac_laws, embedder, mode):
    """Exact hit@5 on the tiny corpus: a change in tokens, vectors or fusion shows up here first."""
    questions = load_questions(FIXTURE / "questions.json")
    ranking = rank_articles(alqac_index, alqac_laws, Searcher(alqac_index, embedder, mode=mode), questions)
    scores = ranking.scores.to_dict()
    assert scores["n"] == 18
    assert scores["hit@5"] == 1.0
    # 17, 18, 18 of 18 (hybrid was 17 before article titles joined the fusion, 2026-12-01)
    assert scores["hit@1"] == {"bm25": 0.9444, "dense": 1.0, "hybrid": 1.0}[mode]
    for qid, docs in ranking.runs.items():
        assert len({d.docid for d in docs}) == len(docs), f"{qid}: an article is ranked twice"


def test_cli_writes_run_and_qrels(alqac_index, tmp_path, capsys):
    from eval.cli import main

    index_dir = alqac_index.path.parent.parent
    run, qrels = tmp_path / "bm25.run", tmp_path / "qrels.txt"
    code = main(
        [
            "alqac",
            "--law",
            str(FIXTURE / "law.json"),
            "--questions",
            str(FIXTURE / "questions.json"),
            "--index",
            str(index_dir),
            "--cache",
            str(tmp_path / "cache.sqlite"),
            "--retriever",
            "bm25",
            "--json",
            "--run-file",
            str(run),
            "--qrels-file",
            str(qrels),
        ]
    )
    assert code == 0
    printed = json.loads(capsys.readouterr().out)
    assert list(printed) == ["n", "hit@1", "hit@5", "hit@10", "mrr@10", "ndcg@10"]
    lines = run.read_text(encoding="utf-8").splitlines()
    first = lines[0].split()
    assert first[0] == "q-133" and first[1] == "Q0" and first[3] == "1" and first[5] == "tracuu-bm25"
    assert all(len(line.split()) == 6 for line in lines)
    assert "q-133 0 45-2019-qh14/105 1" in qrels.read_text(encoding="utf-8").splitlines()
    assert load_index(index_dir).manifest.generation == alqac_index.manifest.generation  # not rebuilt


def test_cli_reports_a_missing_law_file(tmp_path, capsys):
    from eval.cli import main

    code = main(["alqac", "--law", str(tmp_path / "none.json"), "--questions", str(FIXTURE / "questions.json")])
    assert code == 2
    assert "none.json" in capsys.readouterr().err
