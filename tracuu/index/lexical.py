"""BM25 over folded tokens with bm25s (sparse matrices: ~0.4 ms/query at 10k chunks).

Only bm25s's public API is used (``index``, ``get_scores``, ``save``, ``load``); the document frequencies
the answer scorer needs are counted here and saved beside the model, not read from its matrices.

>>> lexical = LexicalIndex.build([["nghi", "phep"], ["nghi", "le"], []])
>>> lexical.doc_freq("nghi"), lexical.doc_freq("le"), lexical.doc_freq("khac")
(2, 1, 0)
>>> [row for row, _ in lexical.search(["le"], top_k=3)]
[1]
"""

from __future__ import annotations

import json
import logging
import math
from collections import Counter
from pathlib import Path

import bm25s
import numpy as np

__all__ = ["LexicalIndex"]

logging.getLogger("bm25s").setLevel(logging.WARNING)


_DOC_FREQ_FILE = "doc_freq.json"
_EMPTY = "∅"  # an empty document still needs a token so rows stay aligned with chunk positions


class LexicalIndex:
    def __init__(self, model: bm25s.BM25, size: int, doc_freq: dict[str, int]) -> None:
        self._model = model
        self.size = size
        self._doc_freq = doc_freq

    @classmethod
    def build(cls, token_lists: list[list[str]]) -> LexicalIndex:
        model = bm25s.BM25(k1=1.2, b=0.75)
        corpus = [tokens or [_EMPTY] for tokens in token_lists]
        model.index(corpus, show_progress=False)
        doc_freq = Counter(token for tokens in corpus for token in set(tokens))
        return cls(model, len(token_lists), dict(doc_freq))

    def save(self, folder: Path) -> None:
        self._model.save(str(folder), show_progress=False)
        (folder / _DOC_FREQ_FILE).write_text(json.dumps(self._doc_freq, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, size: int) -> LexicalIndex:
        doc_freq = json.loads((folder / _DOC_FREQ_FILE).read_text(encoding="utf-8"))
        return cls(bm25s.BM25.load(str(folder), show_progress=False, mmap=False), size, doc_freq)

    def doc_freq(self, token: str) -> int:
        """Number of chunks containing ``token``."""
        return self._doc_freq.get(token, 0)

    def idf(self, token: str) -> float:
        """BM25's inverse document frequency of ``token``: a token no chunk holds weighs most, not nothing."""
        df = self.doc_freq(token)
        return math.log(1 + (self.size - df + 0.5) / (df + 0.5))

    def search(self, tokens: list[str], top_k: int, rows: np.ndarray | None = None) -> list[tuple[int, float]]:
        """(row, score) pairs, best first; tokens unknown to the index are ignored. ``rows``: search only
        these (a filter), so a small document's passages are found however the others score."""
        known = [t for t in tokens if t in self._doc_freq]
        if not known or self.size == 0:
            return []
        k = min(top_k, self.size)
        scores = self._model.get_scores(known)
        if rows is not None:
            kept = np.zeros(self.size, dtype=bool)
            kept[rows] = True
            scores = np.where(kept, scores, 0.0)
        top = np.argpartition(-scores, k - 1)[:k]
        return sorted(((int(i), float(scores[i])) for i in top if scores[i] > 0), key=lambda p: (-p[1], p[0]))
