"""`tracuu eval alqac --store postgres`: the ALQAC adapter builds, checks and loads its index through the
store the settings choose, and ranks every question exactly as on the folder store."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.alqac import build_index, load_built_index, load_laws, load_questions
from eval.article_ranking import rank_articles
from tracuu.retrieval import Searcher

pytestmark = pytest.mark.slow  # a PostgreSQL server process

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "alqac"


def test_postgres_store_ranks_like_the_folder_and_is_not_rebuilt(pg_url, tmp_path, embedder):
    laws, questions = load_laws(FIXTURE / "law.json"), load_questions(FIXTURE / "questions.json")
    stores = {"folder": {"store": "folder"}, "postgres": {"store": "postgres", "database_url": pg_url}}
    runs = {}
    for name, where in stores.items():
        index_dir = tmp_path / name
        build_index(laws, index_dir, embedder=embedder, cache=tmp_path / "cache.sqlite", **where)
        loaded = load_built_index(index_dir, embedder=embedder.name, **where)
        assert str(loaded.path).startswith("postgres:") == (name == "postgres")
        build_index(laws, index_dir, embedder=embedder, **where)  # fresh: the same generation stays current
        assert load_built_index(index_dir, embedder=embedder.name, **where).manifest.generation == (
            loaded.manifest.generation
        )
        ranking = rank_articles(loaded, laws, Searcher(loaded, embedder, mode="hybrid"), questions)
        runs[name] = {qid: [(d.docid, d.score) for d in docs] for qid, docs in ranking.runs.items()}
    assert not (tmp_path / "postgres" / "generations").exists()  # the generations are in the database
    assert runs["postgres"] == runs["folder"] and len(runs["folder"]) == 18
