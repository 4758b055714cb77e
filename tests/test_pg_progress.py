"""The ingest's progress with the postgres store lives in the database: a replica that does not run the
ingest shows it in /health and the page banner, and stops showing it once the ingest is gone (killed),
although its row stays; the folder store keeps its file (tests/test_background_ingest.py)."""

from __future__ import annotations

import time

import httpx
import pytest

from tests.pg import one_file_corpus_settings
from tests.test_kill_ingest import NEW_FILE, PLAN, paused_ingest

pytestmark = pytest.mark.slow


def test_board_reports_a_writer_only_while_its_connection_holds_the_ingest_lock(pg_url):
    from service.ingest_status import ingest_status
    from tracuu.index.pgstore import PostgresStore
    from tracuu.index.progress import IngestProgress

    writer, reader = PostgresStore(pg_url), PostgresStore(pg_url)  # two replicas' store objects
    assert reader.progress_board().read() is None
    dead_pid = 2**22 + 12345  # no such process here: the database, not the pid, must decide
    with writer.ingest_lock():
        writer.progress_board().write(
            IngestProgress(pid=dead_pid, state="embedding", adding=["a.txt"], chunks_done=640, chunks_total=1646)
        )
        seen = reader.progress_board().read()
        assert seen is not None and seen.running and seen.chunks_done == 640
        status = ingest_status(reader.progress_board())
        assert status is not None and status.summary == "đang bổ sung 1 văn bản: 640/1.646 đoạn"
    assert not reader.progress_board().read().running  # the lock is freed: the row is stale
    assert ingest_status(reader.progress_board()) is None
    with reader.ingest_lock():  # another ingest holds the lock, before it writes its own progress
        assert ingest_status(reader.progress_board()) is None
    writer.progress_board().write(IngestProgress(pid=dead_pid, state="failed", message="hết bộ nhớ"))
    failed = ingest_status(reader.progress_board())
    assert failed is not None and failed.state == "failed" and "hết bộ nhớ" in failed.summary  # as the folder does
    writer.progress_board().close()


def test_an_ingest_paused_elsewhere_shows_on_a_replica_until_it_is_killed(postgres, tmp_path, embedder):
    import psycopg

    from ingest.pipeline import run_ingest
    from service.local_server import LocalServer

    url = postgres.new_database()
    cache = tmp_path / "embeddings.sqlite"
    corpus, settings = one_file_corpus_settings(tmp_path, url, PLAN, "ingest", embedding_cache=cache)
    run_ingest([corpus], settings, embedder=embedder, progress=False)
    (corpus / "nghi-mat.txt").write_text(NEW_FILE, encoding="utf-8")

    replica_env = {
        "TRACUU_STORE": "postgres",
        "TRACUU_DATABASE_URL": url,
        "TRACUU_INDEX_DIR": str(tmp_path / "replica"),
        "TRACUU_CORPUS": f'["{corpus}"]',
    }
    marker = tmp_path / "paused"
    ingest_env = {"TRACUU_STORE": "postgres", "TRACUU_DATABASE_URL": url, "TRACUU_EMBEDDING_CACHE": str(cache)}
    with LocalServer(env=replica_env, timeout=120) as replica:
        assert httpx.get(f"{replica.base}/health", timeout=30).json()["ingest"] is None
        # At "write" every row is sent and nothing committed: the progress says "writing".
        with paused_ingest("write", corpus, tmp_path / "other", marker, ingest_env):
            ingest = httpx.get(f"{replica.base}/health", timeout=30).json()["ingest"]
            assert ingest is not None and ingest["state"] == "writing", ingest
            assert ingest["summary"] == "đang ghi chỉ mục mới: 1 văn bản" and ingest["adding"] == ["nghi-mat.txt"]
            assert ingest["summary"] in httpx.get(f"{replica.base}/", timeout=30).text  # the page banner
        for _ in range(100):  # the server frees the dead connection's lock as soon as it sees it closed
            ingest = httpx.get(f"{replica.base}/health", timeout=30).json()["ingest"]
            if ingest is None:
                break
            time.sleep(0.1)
        assert ingest is None
    with psycopg.connect(url) as conn:  # the dead ingest's row is still there: liveness, not deletion, hides it
        (data,) = conn.execute("SELECT data FROM tracuu_ingest_progress").fetchone()
    assert data["state"] == "writing"
    assert not (tmp_path / "replica" / "ingest-progress.json").exists()
    assert not (tmp_path / "other" / "ingest-progress.json").exists()


def test_the_shared_polling_session_survives_the_server_dropping_it(pg_url):
    import psycopg

    from tracuu.index.pgstore import PostgresStore

    store = PostgresStore(pg_url)
    assert store.published_generation() is None and store.progress_board().read() is None
    with psycopg.connect(pg_url, autocommit=True) as admin:  # e.g. a restart, or an idle-session timeout
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        before = admin.execute("SELECT sessions FROM pg_stat_database WHERE datname = current_database()").fetchone()
        assert store.published_generation() is None and store.progress_board().read() is None  # reconnected
        for _ in range(20):
            store.published_generation()
            store.progress_board().read()
        after = admin.execute("SELECT sessions FROM pg_stat_database WHERE datname = current_database()").fetchone()
    assert after[0] - before[0] <= 2  # one session each for the pointer and the board, not one per poll
