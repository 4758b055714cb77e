"""Vectors shipped with a corpus folder, so a fresh machine does not embed the bundled texts again.

A corpus folder may hold ``embedding-seed.sqlite``: an embedding-cache file (same keys: the embedder's
name and the exact text embedded) with the vectors of that folder's chunks. Ingest adds its rows to the
embedding cache before embedding, so a chunk whose text and model match is found there; any other chunk
(a changed file, another embedder, a new chunker) is embedded as usual. ``tracuu seed-vectors`` writes
the file from an index built from the folder; ``tests/test_bundled_corpus.py`` fails when it is stale.

>>> write_seed(Path("var/index"), Path("corpus"), Settings())  # doctest: +SKIP
1688
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from ingest.components.embed import copies_of_held_articles
from tracuu.embedders import make_embedder
from tracuu.index import load_index
from tracuu.index.embedding_cache import EmbeddingCache, merge_cache_files
from tracuu.settings import Settings

__all__ = ["SEED_NAME", "find_seeds", "apply_seeds", "write_seed", "SeedIncomplete"]

SEED_NAME = "embedding-seed.sqlite"


class SeedIncomplete(RuntimeError):
    """Some chunks of the folder have no vector in the embedding cache to ship."""


def find_seeds(paths: list[Path]) -> list[Path]:
    """The seed files of the folders among ``paths``."""
    return [Path(p) / SEED_NAME for p in paths if Path(p).is_dir() and (Path(p) / SEED_NAME).is_file()]


def apply_seeds(seeds: list[Path], cache_path: Path) -> None:
    for seed in seeds:
        merge_cache_files(seed, cache_path)


def write_seed(index_dir: Path, folder: Path, settings: Settings) -> int:
    """Write ``folder``/embedding-seed.sqlite with the vectors of the chunks the index holds from files in
    ``folder``; returns how many. Raises :class:`SeedIncomplete` if the cache lacks any of them."""
    index = load_index(index_dir)
    folder = folder.resolve()
    from_folder = {
        doc_id
        for doc_id, doc in index.documents.items()
        if doc.source_path and Path(doc.source_path).resolve().is_relative_to(folder)
    }
    # A Bộ Pháp điển copy of a held article takes the original's vector at ingest: nothing to ship for it.
    copies = copies_of_held_articles(index.chunks, list(index.documents.values()))
    texts = list(
        dict.fromkeys(
            c.indexed_text for row, c in enumerate(index.chunks) if c.doc_id in from_folder and row not in copies
        )
    )
    version = make_embedder(settings.embedder).version  # part of every cache key
    cache = EmbeddingCache(settings.embedding_cache_path, index.manifest.embedder, index.manifest.dim, version)
    try:
        found = cache.get_many(texts)
    finally:
        cache.close()
    if len(found) != len(texts):
        raise SeedIncomplete(
            f"{len(texts) - len(found)} of {len(texts)} chunks have no cached vector in "
            f"{settings.embedding_cache_path}: ingest {folder} with that cache first"
        )
    target = folder / SEED_NAME
    tmp = target.with_name(f".{SEED_NAME}.{os.getpid()}")
    tmp.unlink(missing_ok=True)
    seed = EmbeddingCache(tmp, index.manifest.embedder, index.manifest.dim, version)
    try:
        seed.put_many(texts, np.stack([found[i] for i in range(len(texts))]))
    finally:
        seed.close()
    os.replace(tmp, target)
    return len(texts)
