"""ALQAC article retrieval with the BM25 retriever only, on an index built with a hash "embedder".

The lexical, document-number and reference paths are what most changes touch; checking them this way
takes ~20 s instead of the ~20 min of embedding a real ALQAC index (``tracuu eval alqac``). The vectors
mean nothing, so only ``--retriever bm25`` numbers come out of it.

    python -m eval.alqac_lexical --law ../shared/benchmarks/alqac2022/law.json \
        --questions ../shared/benchmarks/alqac2022/questions.json --index var/eval/alqac2022-lexical
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import numpy as np

from eval.alqac import build_index, load_built_index, load_laws, load_questions
from eval.article_ranking import rank_articles
from tracuu.retrieval import Searcher


class HashEmbedder:
    """Deterministic 8-dimensional vectors from a text's hash: an index can be written, nothing more."""

    name = "hash-8"
    dim = 8
    version = "1"

    def _vector(self, text: str) -> np.ndarray:
        v = np.frombuffer(hashlib.sha256(text.encode()).digest()[:8], dtype=np.uint8).astype(np.float32) + 1
        return v / np.linalg.norm(v)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self.embed_passages(texts)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--law", type=Path, required=True)
    p.add_argument("--questions", type=Path, required=True)
    p.add_argument("--index", type=Path, required=True)
    args = p.parse_args(argv)
    laws, questions = load_laws(args.law), load_questions(args.questions)
    build_index(laws, args.index, embedder=HashEmbedder(), cache=args.index.parent / f"{args.index.name}-cache.sqlite")
    index = load_built_index(args.index, embedder=HashEmbedder.name)  # the store TRACUU_STORE chooses
    print(json.dumps(rank_articles(index, laws, Searcher(index, None, mode="bm25"), questions).scores.to_dict()))


if __name__ == "__main__":
    main()
