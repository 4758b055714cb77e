"""Index generations in PostgreSQL (+ pgvector), for several API replicas on one database.

Tables (created on first use, ``CREATE … IF NOT EXISTS``; the ``vector`` extension must be installable)::

    tracuu_generations  id, manifest, facts, report                 one row per complete generation
    tracuu_documents    generation, row, doc_id, source_path, content_hash, data (json): DocumentRecord.to_dict()
    tracuu_chunks       generation, row, data (json), tokens text[], embedding vector
    tracuu_mentions     generation, row, data (json)                  CitationMention.to_dict()
    tracuu_current      one row: the generation readers load          the pointer
    tracuu_ingest_progress  one row: the running ingest's progress    read by /health on every replica
    tracuu_jobs, tracuu_uploads                                       the admin queue and files (service/)

Publishing is one transaction: the generation's rows and the pointer update commit together, so a
reader sees the old generation or the new one, never a mix; a writer killed before the commit leaves
nothing (the server rolls the transaction back when its connection drops). A load reads the pointer and
every row of that generation in one REPEATABLE READ snapshot, so pruning cannot pull rows from under it.

Each replica serves from memory what it loaded: the vectors go into the same exact FAISS index as the
folder store's and BM25 is rebuilt from the stored token lists (bm25s), so answers are identical on both
stores (eval/pg_bench.py measures the load time, and pgvector's exact and HNSW search, that this avoids).
Records are ``json``, not ``jsonb``: it keeps the text as ``to_dict()`` wrote it (key order, and ``\\u0000``,
which ``jsonb`` refuses and an extracted text may contain; ``->>`` on such a value fails too, so what SQL
reads of a document, its source path and hash, has columns of its own). Only the manifest is ``jsonb``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from tracuu.checkpoints import pause_point
from tracuu.index.dense import DenseIndex
from tracuu.index.errors import IndexMismatch, IndexMissing
from tracuu.index.lexical import LexicalIndex
from tracuu.index.progress import IngestProgress
from tracuu.index.store import (
    KEEP_GENERATIONS,
    IndexContent,
    IndexData,
    PublishedSources,
    check_manifest,
    code_versions,
    new_manifest,
)
from tracuu.models import ChunkRecord, CitationMention, DocumentRecord

__all__ = ["PostgresStore", "PostgresProgress", "SharedConnection", "connect", "ensure_schema"]

log = logging.getLogger(__name__)

_INGEST_LOCK = 0x7472_6163  # pg_advisory_lock key: one ingest at a time on this database ("trac")

_SCHEMA = """
CREATE EXTENSION IF NOT EXISTS vector;
CREATE TABLE IF NOT EXISTS tracuu_generations (
    id text PRIMARY KEY, manifest jsonb NOT NULL, facts json NOT NULL, report json NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS tracuu_documents (
    generation text NOT NULL REFERENCES tracuu_generations ON DELETE CASCADE, row int NOT NULL,
    doc_id text NOT NULL, source_path text, content_hash text, data json NOT NULL,
    PRIMARY KEY (generation, row));
CREATE TABLE IF NOT EXISTS tracuu_chunks (
    generation text NOT NULL REFERENCES tracuu_generations ON DELETE CASCADE, row int NOT NULL,
    data json NOT NULL, tokens text[] NOT NULL, embedding vector NOT NULL, PRIMARY KEY (generation, row));
CREATE TABLE IF NOT EXISTS tracuu_mentions (
    generation text NOT NULL REFERENCES tracuu_generations ON DELETE CASCADE, row int NOT NULL,
    data json NOT NULL, PRIMARY KEY (generation, row));
CREATE TABLE IF NOT EXISTS tracuu_current (
    id boolean PRIMARY KEY DEFAULT true CHECK (id), generation text NOT NULL REFERENCES tracuu_generations);
CREATE TABLE IF NOT EXISTS tracuu_uploads (
    name text PRIMARY KEY, data bytea NOT NULL, format text NOT NULL, bytes bigint NOT NULL,
    uploaded_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS tracuu_jobs (
    id text PRIMARY KEY, reason text NOT NULL, status text NOT NULL, worker text,
    created_at double precision NOT NULL, started_at double precision, finished_at double precision,
    generation text, summary jsonb, reports jsonb, error text);
CREATE TABLE IF NOT EXISTS tracuu_ingest_progress (
    id boolean PRIMARY KEY DEFAULT true CHECK (id), data json NOT NULL, lock_backend int,
    updated_at timestamptz NOT NULL DEFAULT now());
CREATE UNIQUE INDEX IF NOT EXISTS tracuu_jobs_one_queued ON tracuu_jobs ((status)) WHERE status = 'queued';
"""


def connect(url: str, **kwargs: Any):
    """A psycopg 3 connection with pgvector's numpy adapters (imported here: folder-store users never need it)."""
    import psycopg
    from pgvector.psycopg import register_vector

    conn = psycopg.connect(url, **kwargs)
    with contextlib.suppress(psycopg.ProgrammingError):  # the extension is made by ensure_schema
        register_vector(conn)
    return conn


_ready: set[str] = set()


def ensure_schema(url: str) -> None:
    """Create the extension and tables once per process (serialised by an advisory lock: replicas start together)."""
    if url in _ready:
        return
    with connect(url, autocommit=True) as conn:
        # The newest table exists: no DDL (a standby can read); an older schema gets the tables it lacks.
        if conn.execute("SELECT to_regclass('tracuu_ingest_progress') IS NOT NULL").fetchone()[0]:
            _ready.add(url)
            return
        conn.execute("SELECT pg_advisory_lock(%s)", (_INGEST_LOCK + 1,))
        try:
            for statement in filter(str.strip, _SCHEMA.split(";")):
                conn.execute(statement)
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (_INGEST_LOCK + 1,))
    _ready.add(url)


class PostgresStore:
    """The index in the database at ``url`` (``postgresql://…``, the ``database_url`` setting)."""

    def __init__(self, url: str) -> None:
        if not url:
            raise ValueError("TRACUU_STORE=postgres needs TRACUU_DATABASE_URL=postgresql://…")
        self.url = url
        self._lock_backend: int | None = None  # the backend holding this process's ingest lock, while held
        self._board: PostgresProgress | None = None
        self._pointer = SharedConnection(url)  # polled every few seconds by each replica

    def progress_board(self) -> PostgresProgress:
        """The ingest progress row (one board per store object: its reads share one connection)."""
        if self._board is None:
            self._board = PostgresProgress(self.url, lambda: self._lock_backend)
        return self._board

    def _conn(self, **kwargs: Any):
        ensure_schema(self.url)
        return connect(self.url, **kwargs)

    def published_generation(self) -> str | None:
        row = self._pointer.fetchone("SELECT generation FROM tracuu_current")
        return row[0] if row else None

    def published_sources(self) -> PublishedSources | None:
        with self._conn() as conn:
            row = conn.execute(
                "SELECT g.id, g.manifest, g.report FROM tracuu_current c JOIN tracuu_generations g ON g.id = c.generation"
            ).fetchone()
            if row is None:
                return None
            generation, manifest, report = row
            if any(manifest.get(k) != v for k, v in code_versions().items()):
                return None
            hashes = dict(
                conn.execute(
                    "SELECT source_path, content_hash FROM tracuu_documents WHERE generation = %s "
                    "AND source_path <> '' AND content_hash <> ''",
                    (generation,),
                ).fetchall()
            )
        failed = frozenset(r["path"] for r in (report or {}).get("files", []) if r.get("status") == "failed")
        return PublishedSources(manifest.get("chunk_max_chars"), hashes, failed)

    @contextlib.contextmanager
    def ingest_lock(self) -> Iterator[None]:
        """One ingest at a time across every replica: a session advisory lock (freed if the holder dies)."""
        with self._conn(autocommit=True) as conn:
            conn.execute("SELECT pg_advisory_lock(%s)", (_INGEST_LOCK,))
            self._lock_backend = conn.info.backend_pid
            try:
                yield
            finally:
                self._lock_backend = None
                conn.execute("SELECT pg_advisory_unlock(%s)", (_INGEST_LOCK,))

    def publish(self, content: IndexContent, *, embedder: str, dim: int, chunk_max_chars: int) -> str:
        """Write a new generation and make it current in one transaction; returns its id."""
        gen_id = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}"
        manifest = new_manifest(content, gen_id, embedder=embedder, dim=dim, chunk_max_chars=chunk_max_chars)
        vectors = np.ascontiguousarray(content.vectors, dtype=np.float32)
        with self._conn() as conn, conn.transaction():
            conn.execute(
                "INSERT INTO tracuu_generations (id, manifest, facts, report) VALUES (%s, %s, %s, %s)",
                (gen_id, _json(asdict(manifest)), _json(content.facts), _json(content.report)),
            )
            cur = conn.cursor()
            with cur.copy(
                "COPY tracuu_documents (generation, row, doc_id, source_path, content_hash, data) FROM STDIN"
            ) as copy:
                for i, d in enumerate(content.documents):
                    copy.write_row((gen_id, i, d.doc_id, d.source_path, d.content_hash, _json(d.to_dict())))
            with cur.copy("COPY tracuu_mentions (generation, row, data) FROM STDIN") as copy:
                for i, m in enumerate(content.mentions):
                    copy.write_row((gen_id, i, _json(m.to_dict())))
            with cur.copy("COPY tracuu_chunks (generation, row, data, tokens, embedding) FROM STDIN") as copy:
                for i, (c, tokens) in enumerate(zip(content.chunks, content.token_lists, strict=True)):
                    copy.write_row((gen_id, i, _json(c.to_dict()), tokens, vectors[i]))
            pause_point("write")  # every row is sent, nothing is committed: a kill here leaves the old one
            conn.execute(
                "INSERT INTO tracuu_current (id, generation) VALUES (true, %s) "
                "ON CONFLICT (id) DO UPDATE SET generation = excluded.generation",
                (gen_id,),
            )
        pause_point("prune")
        self._prune(keep=gen_id)
        return gen_id

    def _prune(self, keep: str) -> None:
        with self._conn() as conn, conn.transaction():
            conn.execute(
                "DELETE FROM tracuu_generations WHERE id <> %s AND id NOT IN (SELECT generation FROM tracuu_current) "
                "AND id NOT IN (SELECT id FROM tracuu_generations ORDER BY created_at DESC, id DESC LIMIT %s)",
                (keep, KEEP_GENERATIONS),
            )

    def generations(self) -> list[str]:
        with self._conn(autocommit=True) as conn:
            return [r[0] for r in conn.execute("SELECT id FROM tracuu_generations ORDER BY created_at, id")]

    def load(self, *, embedder: str | None = None, chunk_max_chars: int | None = None) -> IndexData:
        """Load the current generation; refuse one built with other settings or code versions."""
        import psycopg

        with self._conn() as conn:
            conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            with conn.transaction():
                row = conn.execute(
                    "SELECT g.id, g.manifest, g.facts, g.report FROM tracuu_current c "
                    "JOIN tracuu_generations g ON g.id = c.generation"
                ).fetchone()
                if row is None:
                    raise IndexMissing("no index in the database: run `tracuu ingest` with TRACUU_STORE=postgres")
                gen_id, raw, facts, report = row
                where = f"postgres generation {gen_id}"
                manifest = check_manifest(raw, where, embedder=embedder, chunk_max_chars=chunk_max_chars)
                documents = [
                    DocumentRecord.from_dict(d)
                    for (d,) in conn.execute(
                        "SELECT data FROM tracuu_documents WHERE generation = %s ORDER BY row", (gen_id,)
                    )
                ]
                mentions = [
                    CitationMention.from_dict(m)
                    for (m,) in conn.execute(
                        "SELECT data FROM tracuu_mentions WHERE generation = %s ORDER BY row", (gen_id,)
                    )
                ]
                chunks, token_lists, vectors = [], [], []
                # Streamed (a server-side cursor, not one result of every row in memory), vectors as float32
                # bytes, and each token string kept once: 100k chunks hold ~30M tokens of a small vocabulary.
                cur = conn.cursor(name="tracuu_load", binary=True)
                cur.itersize = 2000
                cur.execute(
                    "SELECT data, tokens, embedding FROM tracuu_chunks WHERE generation = %s ORDER BY row", (gen_id,)
                )
                for data, tokens, vector in cur:
                    chunks.append(ChunkRecord.from_dict(data))
                    token_lists.append([sys.intern(t) for t in tokens])
                    vectors.append(vector.to_numpy() if hasattr(vector, "to_numpy") else vector)
                cur.close()
        matrix = np.vstack(vectors).astype(np.float32) if vectors else np.zeros((0, manifest.dim), np.float32)
        if matrix.shape != (len(chunks), manifest.dim):
            raise IndexMismatch(f"{where} is inconsistent: vectors {matrix.shape} for {len(chunks)} chunks")
        return IndexData(
            path=Path(f"postgres:{gen_id}"),
            manifest=manifest,
            documents={d.doc_id: d for d in documents},
            chunks=chunks,
            mentions=mentions,
            facts=facts,
            report=report,
            lexical=LexicalIndex.build(token_lists),
            dense=DenseIndex.build(matrix, manifest.dim),
        )


_READ_PROGRESS = """
SELECT p.data, EXISTS (
    SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.pid = p.lock_backend
    AND l.classid = 0 AND l.objid::bigint = %s AND l.objsubid = 1)
FROM tracuu_ingest_progress p
"""


class PostgresProgress:
    """The running ingest's progress in ``tracuu_ingest_progress``, so every replica's ``/health`` shows it.

    The ingest writes the row (an upsert on one connection kept for the ingest) with the backend id of the
    connection that holds the database's ingest lock. A reader counts it as running only while that very
    backend still holds the lock: PostgreSQL frees a session lock when its connection ends, so an ingest
    killed on any machine stops being shown as soon as the server notices (at once for a process that
    dies; a lost network link within the server's TCP keepalive). That is the folder store's pid check,
    made by the one party every replica can ask, with no heartbeat and no clock to compare. Reads share
    one connection (reopened after an error); a database that cannot be read shows no ingest.
    """

    def __init__(self, url: str, lock_backend: Callable[[], int | None] = lambda: None) -> None:
        self.url = url
        self._lock_backend = lock_backend
        self._session = SharedConnection(url)

    def write(self, progress: IngestProgress) -> None:
        data = {k: v for k, v in asdict(progress).items() if k != "writer_alive"}
        self._session.fetchone(
            "INSERT INTO tracuu_ingest_progress (id, data, lock_backend, updated_at) VALUES (true, %s, %s, now()) "
            "ON CONFLICT (id) DO UPDATE SET data = excluded.data, lock_backend = excluded.lock_backend, "
            "updated_at = excluded.updated_at",
            (_json(data), self._lock_backend()),
        )

    def read(self) -> IngestProgress | None:
        import psycopg

        try:
            row = self._session.fetchone(_READ_PROGRESS, (_INGEST_LOCK,))
        except psycopg.Error as e:
            log.warning("ingest progress unreadable: %s", e)
            return None
        if row is None:
            return None
        data, alive = row
        try:
            return IngestProgress(**{**data, "writer_alive": bool(alive)})
        except TypeError:  # written by another version
            return None

    def close(self) -> None:
        self._session.close()


class SharedConnection:
    """One autocommit connection kept open for a process's small, frequent statements (the generation
    pointer polled by every replica, the progress row read by ``/health``), shared by its threads one
    statement at a time, reopened once when the server dropped it. A replica then holds one session for
    these polls instead of opening one per poll (eval/RESULTS.md measures it)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._mutex = threading.Lock()
        self._conn: Any = None

    def fetchone(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        """The statement's first row, or ``None`` (no row, or a statement that returns none)."""
        import psycopg

        with self._mutex:
            for attempt in (1, 2):
                try:
                    if self._conn is None or self._conn.closed:
                        ensure_schema(self.url)
                        self._conn = connect(self.url, autocommit=True)
                    cur = self._conn.execute(sql, params)
                    return cur.fetchone() if cur.description is not None else None
                except psycopg.OperationalError:  # the server restarted or the link dropped: reconnect once
                    self._drop()
                    if attempt == 2:
                        raise
        return None

    def close(self) -> None:
        with self._mutex:
            self._drop()

    def _drop(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.close()
        self._conn = None


def _json(value: Any):
    from psycopg.types.json import Json

    return Json(value, dumps=lambda v: json.dumps(v, ensure_ascii=False))
