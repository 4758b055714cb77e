"""SIGKILL a real ``tracuu ingest`` writing to PostgreSQL at each pause point it passes: the old generation
keeps serving until the publishing transaction commits, and the next ingest succeeds (the dead one's
ingest lock and open transaction went with its connection)."""

from __future__ import annotations

import pytest

from tests.pg import one_file_corpus_settings
from tests.test_kill_ingest import NEW_FILE, PLAN, QUESTION, _kill_at

pytestmark = pytest.mark.slow

POINTS = ("convert", "embed", "write", "prune")  # the folder store's renamed/linked have no database step
BEFORE_COMMIT = {"convert", "embed", "write"}


@pytest.mark.parametrize("point", POINTS)
def test_kill_at_each_point_keeps_the_published_generation(point, postgres, tmp_path, embedder, monkeypatch):
    from ingest.pipeline import run_ingest
    from service.sources import ask_response
    from tracuu.engine import EngineHolder
    from tracuu.index.pgstore import PostgresStore

    url = postgres.new_database()
    cache = tmp_path / "embeddings.sqlite"
    corpus, settings = one_file_corpus_settings(tmp_path, url, PLAN, "index", embedding_cache=cache)
    old = run_ingest([corpus], settings, embedder=embedder, progress=False).generation
    (corpus / "nghi-mat.txt").write_text(NEW_FILE.replace("THÔNG BÁO", f"THÔNG BÁO ({point})"), encoding="utf-8")

    monkeypatch.setenv("TRACUU_STORE", "postgres")
    monkeypatch.setenv("TRACUU_DATABASE_URL", url)
    _kill_at(point, corpus, tmp_path / "index", cache, tmp_path / "paused")

    def answering() -> str:
        holder = EngineHolder(settings, embedder)
        holder.reload()
        engine = holder.get()
        assert "05/12/2024" in ask_response(engine, QUESTION, 5).answer
        return engine.index.manifest.generation

    store = PostgresStore(url)
    generation = answering()
    if point in BEFORE_COMMIT:
        assert generation == old and store.generations() == [old]  # nothing of the dead ingest is left
    else:
        assert generation != old and len(store.load().documents) == 2

    result = run_ingest([corpus], settings, embedder=embedder, progress=False)
    assert result.summary["indexed"] == 2 and result.summary["failed"] == 0
    if point != "convert":
        assert result.summary["embedded"] == 0  # the killed run had put every new vector in the cache
    assert answering() == result.generation and len(store.generations()) == 2
    assert any("Quy Nhơn" in c.text for c in store.load().chunks)
