"""The PostgreSQL store against a real server (tests/pg.py): the same index and the same answers as the
folder store, publishing that readers see whole, and replicas that follow a newly published generation."""

from __future__ import annotations

import json
import threading

import numpy as np
import pytest

from tests.conftest import FIXTURE_CORPUS, ROOT, SHARED, bundled_subset

pytestmark = pytest.mark.slow  # a PostgreSQL server process and an index of the two laws


@pytest.fixture(scope="module")
def both_stores(tmp_path_factory, postgres, embedder):
    """The plan, the bundled directives and the fixture law ingested once into each store."""
    from ingest.pipeline import run_ingest
    from tracuu.settings import Settings

    corpus = bundled_subset(tmp_path_factory.mktemp("pg-corpus"), "plans", "directives")
    paths = [corpus, FIXTURE_CORPUS]
    folder = Settings(index_dir=tmp_path_factory.mktemp("folder-index"))
    pg = Settings(index_dir=tmp_path_factory.mktemp("pg-index"), store="postgres", database_url=postgres.new_database())
    for settings in (folder, pg):
        result = run_ingest(paths, settings, embedder=embedder, progress=False)
        assert result.summary["failed"] == 0 and result.summary["chunks"] > 0
    return folder, pg


def _engine(settings, embedder):
    from tracuu.engine import EngineHolder

    holder = EngineHolder(settings, embedder)
    holder.reload()
    return holder.get()


def test_round_trip_keeps_every_record_vector_and_token(both_stores, embedder):
    from tracuu.index.stores import open_store

    folder, pg = (open_store(s).load(embedder=embedder.name) for s in both_stores)
    assert pg.manifest.chunks == folder.manifest.chunks == len(pg.chunks)
    assert pg.documents == folder.documents
    assert pg.chunks == folder.chunks
    assert pg.mentions == folder.mentions
    assert json.dumps(pg.facts, ensure_ascii=False) == json.dumps(folder.facts, ensure_ascii=False)  # key order too
    vectors = lambda index: np.vstack([index.dense.vector(i) for i in range(index.dense.size)])  # noqa: E731
    assert np.array_equal(vectors(pg), vectors(folder))
    for tokens in (["nghi", "phep"], ["bao", "cao", "ket", "qua"], ["04/2015/nđ-cp"]):
        assert pg.lexical.search(tokens, 20) == folder.lexical.search(tokens, 20)
        assert [pg.lexical.doc_freq(t) for t in tokens] == [folder.lexical.doc_freq(t) for t in tokens]
    for doc in pg.documents.values():  # the exact-offset invariant, on what came back from the database
        for chunk in (c for c in pg.chunks if c.doc_id == doc.doc_id):
            assert doc.text[chunk.start : chunk.end] == chunk.text


def _questions() -> list[str]:
    rows = [
        json.loads(line)
        for path in sorted((ROOT / "eval" / "gold").glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    dev = SHARED / "eval" / "dev-questions.jsonl"
    if dev.exists():
        rows += [json.loads(line) for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["question"] for r in rows]


def test_same_questions_get_identical_answers_and_sources(both_stores, embedder):
    from service.sources import ask_response

    folder, pg = (_engine(s, embedder) for s in both_stores)
    questions = _questions()
    assert len(questions) >= 30
    found = 0
    for question in questions:
        on_pg = ask_response(pg, question, 5).model_dump()
        assert on_pg == ask_response(folder, question, 5).model_dump(), question
        found += on_pg["found"]
        for source in [on_pg["answer_source"], *on_pg["sources"]]:
            if source is not None:
                assert pg.index.documents[source["doc_id"]].text[source["start"] : source["end"]] == source["text"]
    assert found > len(questions) // 2  # the comparison is over real answers, not a run of "không tìm thấy"


def _content(marker: str, n: int = 40):
    from tracuu.index.store import IndexContent
    from tracuu.models import ChunkRecord, DocumentRecord

    text = "\n".join(f"{marker} đoạn {i}" for i in range(n))
    doc = DocumentRecord.from_dict({"doc_id": f"doc-{marker}", "title": marker, "text": text})
    chunks, start = [], 0
    for i, line in enumerate(text.split("\n")):
        chunks.append(
            ChunkRecord.from_dict(
                {
                    "chunk_id": f"{marker}-{i}",
                    "doc_id": doc.doc_id,
                    "start": start,
                    "end": start + len(line),
                    "text": line,
                    "section_path": {"parts": [], "article": None},
                }
            )
        )
        start += len(line) + 1
    rng = np.random.default_rng(len(marker))
    vectors = rng.normal(size=(n, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return IndexContent(
        documents=[doc],
        chunks=chunks,
        mentions=[],
        token_lists=[[marker, str(i)] for i in range(n)],
        vectors=vectors,
        facts={"marker": marker},
    )


def test_a_reader_sees_one_whole_generation_while_others_are_published(pg_url):
    from tracuu.index.pgstore import PostgresStore

    store = PostgresStore(pg_url)
    store.publish(_content("alpha"), embedder="test", dim=8, chunk_max_chars=1500)
    stop, seen, errors = threading.Event(), set(), []

    def read() -> None:
        while not stop.is_set():
            try:
                index = store.load()
            except Exception as e:  # noqa: BLE001 - any failure to load is what this test looks for
                errors.append(e)
                return
            markers = {c.text.split()[0] for c in index.chunks} | {index.facts["marker"]}
            markers |= {d.title for d in index.documents.values()}
            if len(markers) != 1 or index.manifest.chunks != len(index.chunks) != index.dense.size:
                errors.append((index.manifest.generation, markers))
            seen.update(markers)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for i in range(12):
            marker = "beta" if i % 2 == 0 else "alpha"
            store.publish(_content(marker, n=40 + i), embedder="test", dim=8, chunk_max_chars=1500)
    finally:
        stop.set()
        reader.join(timeout=60)
    assert not errors
    assert seen == {"alpha", "beta"}
    assert len(store.generations()) == 2  # older generations pruned, in their own transaction


def test_published_generation_is_followed_and_swapped(pg_url, tmp_path):
    from tracuu.engine import EngineHolder
    from tracuu.index.pgstore import PostgresStore
    from tracuu.settings import Settings

    holder = EngineHolder(Settings(index_dir=tmp_path, store="postgres", database_url=pg_url, retrieval="bm25"))
    assert holder.reload() is None and holder.published_generation() is None
    first = PostgresStore(pg_url).publish(_content("alpha"), embedder="test", dim=8, chunk_max_chars=1500)
    assert holder.refresh() and holder.get().index.manifest.generation == first
    assert not holder.refresh()  # nothing new
    stop = threading.Event()
    holder.watch(0.05, stop)
    try:
        second = PostgresStore(pg_url).publish(_content("beta"), embedder="test", dim=8, chunk_max_chars=1500)
        for _ in range(200):
            if holder.get().index.manifest.generation == second:
                break
            stop.wait(0.05)
    finally:
        stop.set()
    engine = holder.get()
    assert engine.index.manifest.generation == second and "doc-beta" in engine.index.documents


def test_postgres_store_needs_a_database_url():
    from pydantic import ValidationError

    from tracuu.settings import Settings

    with pytest.raises(ValidationError, match="TRACUU_DATABASE_URL"):
        Settings(store="postgres")


def test_text_with_a_nul_character_round_trips(pg_url):
    """jsonb refuses \\u0000; records are json, so a text an extractor left a NUL in is stored as it is."""
    from tracuu.index.pgstore import PostgresStore

    content = _content("gamma", n=3)
    doc = content.documents[0]
    doc.text = doc.text.replace("đoạn 2", "đoạn\x002")
    doc.source_path, doc.content_hash = "/corpus/gamma.txt", "ab" * 32
    last = content.chunks[-1]
    last.text = doc.text[last.start : last.end]
    store = PostgresStore(pg_url)
    store.publish(content, embedder="test", dim=8, chunk_max_chars=1500)
    loaded = store.load()
    assert loaded.documents[doc.doc_id].text == doc.text and loaded.chunks[-1].text.endswith("\x002")
    assert store.published_sources().hashes == {"/corpus/gamma.txt": "ab" * 32}


def test_tracuu_ask_reads_the_postgres_store(both_stores, tmp_path):
    import os
    import subprocess
    import sys

    _, pg = both_stores
    env = {**os.environ, "TRACUU_STORE": "postgres", "TRACUU_DATABASE_URL": pg.database_url}
    question = "Luật Công đoàn 2024 có hiệu lực từ ngày nào?"
    out = subprocess.run(
        [sys.executable, "-m", "cli", "ask", question, "--json", "--index", str(tmp_path / "none")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    from service.sources import ask_response
    from tracuu.engine import EngineHolder

    holder = EngineHolder(pg)
    holder.reload()
    assert json.loads(out.stdout) == ask_response(holder.get(), question, 5).model_dump()
