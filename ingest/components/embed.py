"""Step 5: chunks → vectors and lexical tokens; vectors come from the content-hash cache when possible."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from haystack import component
from tqdm import tqdm

from tracuu.checkpoints import pause_point
from tracuu.embedders import Embedder
from tracuu.index.embedding_cache import EmbeddingCache
from tracuu.models import ChunkRecord
from tracuu.text.tokenize import index_tokens

__all__ = ["CachedChunkEmbedder", "embedding_text"]

_BATCH = 16


def embedding_text(chunk: ChunkRecord) -> str:
    """What the embedder and the lexical index see: the headings above the chunk, then the chunk."""
    return f"{chunk.context}\n{chunk.text}" if chunk.context else chunk.text


@component
class CachedChunkEmbedder:
    def __init__(self, embedder: Embedder, cache_path: Path, progress: bool = True) -> None:
        self.embedder = embedder
        self.cache_path = cache_path
        self.progress = progress

    @component.output_types(vectors=np.ndarray, token_lists=list[list[str]], embedded=int, cached=int)
    def run(self, chunks: list[ChunkRecord]) -> dict:
        texts = [embedding_text(c) for c in chunks]
        cache = EmbeddingCache(self.cache_path, self.embedder.name, self.embedder.dim,
                               model_version=getattr(self.embedder, "version", ""))
        try:
            vectors = np.zeros((len(texts), self.embedder.dim), dtype=np.float32)
            hits = cache.get_many(texts)
            for i, vec in hits.items():
                vectors[i] = vec
            missing = [i for i in range(len(texts)) if i not in hits]
            bar = tqdm(total=len(missing), desc="embedding", unit="chunk", file=sys.stderr,
                       disable=not self.progress or not missing)
            for start in range(0, len(missing), _BATCH):
                rows = missing[start : start + _BATCH]
                batch = [texts[i] for i in rows]
                out = self.embedder.embed_passages(batch)
                vectors[rows] = out
                cache.put_many(batch, out)  # saved per batch: an interrupted ingest keeps its work
                pause_point("embed")
                bar.update(len(rows))
            bar.close()
        finally:
            cache.close()
        return {
            "vectors": vectors,
            "token_lists": [index_tokens(t) for t in texts],
            "embedded": len(missing),
            "cached": len(hits),
        }
