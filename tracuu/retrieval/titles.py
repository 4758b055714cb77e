"""Articles whose title the question restates: "Hợp đồng lao động gồm những loại nào?" names Điều 20
"Loại hợp đồng lao động" word for word, in another order.

An article's title is its drafters' summary of what it rules on; a question that contains every content
word of a title asks about that article, even when its body shares few of the question's words (a list
of contract types, forms of discipline) or another article repeats them more often. Bodies rank by BM25
and similarity; this list ranks the titles the question contains, the most specific (highest summed IDF)
first, and goes into the fusion beside them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import pairwise

from haystack import component

from tracuu.document.titles import article_title
from tracuu.index.store import IndexData
from tracuu.retrieval.components import IndexRetriever, PreparedQuery, Ranked
from tracuu.text.function_words import fold_word, is_function_word
from tracuu.text.normalize import canonical_tones

__all__ = ["TitleRetriever", "content_words"]

_WORD = re.compile(r"\w+")
_MIN_WORDS = 2  # a one-word title ("Lương") is in too many questions to say which article is meant
# The title must be most of what is asked: on ALQAC (long questions naming a neighbouring article's topic in
# passing) a title holding less than 0.7 of the question's content words moved wrong articles up. Hybrid
# MRR@10, 2022 / 2024: no title list 0.940 / 0.879; every contained title 0.904 / 0.862; share ≥ 0.5
# 0.928 / 0.892; ≥ 0.6 0.936 / 0.891; ≥ 0.7 0.941 / 0.886 (eval/RESULTS.md).
MIN_SHARE = 0.7
MIN_PAIRS = 0.5  # and at least half of the title's word pairs: "bên cho vay" is not "bên vay"


def content_words(text: str, *, stored: bool = False) -> tuple[str, ...]:
    """Folded content words of ``text`` in order (function words and question words dropped). ``stored``
    text is already in canonical tone placement (ingest did it); a question is brought to it first."""
    words = (w.lower() for w in _WORD.findall(text if stored else canonical_tones(text)))
    return tuple(fold_word(w) for w in words if not is_function_word(w))


@component
class TitleRetriever(IndexRetriever):
    def __init__(self, index: IndexData, top_k: int = 50, copies: dict[int, int] | None = None) -> None:
        IndexRetriever.__init__(self, index, top_k, copies)  # @component re-creates the class: no super()
        rows_of: dict[tuple[str, ...], list[int]] = defaultdict(list)
        words_of: dict[str, tuple[str, ...]] = {}  # an article's chunks share its title: read it once
        for row, chunk in enumerate(index.chunks):
            title = article_title(chunk)
            if title is None:
                continue
            words = words_of.get(title)
            if words is None:
                words = words_of[title] = content_words(title, stored=True)
            if len(set(words)) >= _MIN_WORDS:
                rows_of[words].append(row)
        self._titles = list(rows_of.items())
        self._by_word: dict[str, list[int]] = defaultdict(list)  # word → titles holding it
        for i, (words, _) in enumerate(self._titles):
            for w in set(words):
                self._by_word[w].append(i)
        self._pairs = [frozenset(pairwise(words)) for words, _ in self._titles]
        self._sizes = [len(set(words)) for words, _ in self._titles]

    @component.output_types(ranked=Ranked)
    def run(self, query: PreparedQuery, lexical: Ranked, dense: Ranked) -> dict:
        sequence = content_words(query.text)
        asked, asked_pairs = set(sequence), set(pairwise(sequence))
        matched: dict[int, float] = defaultdict(float)  # title → IDF mass of its words the question holds
        counted: dict[int, int] = defaultdict(int)  # title → how many of its words the question holds
        for w in asked:
            idf = self.index.lexical.idf(w)
            for i in self._by_word.get(w, ()):
                matched[i] += idf
                counted[i] += 1
        contained = [
            i
            for i, k in counted.items()
            if k == self._sizes[i]
            and k >= MIN_SHARE * len(asked)
            and len(self._pairs[i] & asked_pairs) >= MIN_PAIRS * len(self._pairs[i])
        ]
        if not contained:
            return {"ranked": Ranked((), ())}
        best: dict[int, int] = {}
        for ranked in (lexical, dense):
            for rank, row in enumerate(ranked.rows):
                best[row] = min(best.get(row, rank), rank)
        pairs: list[tuple[int, float]] = []
        for i in sorted(contained, key=lambda i: -matched[i]):
            # An article's own chunks in the order the bodies ranked them, the rest in document order.
            rows = sorted(self._titles[i][1], key=lambda r: (best.get(r, 10**6), r))
            pairs.extend((r, matched[i]) for r in rows)
        return {"ranked": self._merged(query, pairs)}
