"""Diacritics put back into a question typed without them, from the corpus's own words.

The dense model reads "nghi phep nam duoc may ngay" as another language: of the 28 gold questions typed
without accents, dense search alone put the answering passage in its top 5 for 6 (top 50: 11); with the
accents put back, for 25 (26) (eval/RESULTS.md). Each
folded syllable has a few accented forms in the corpus ("nghi" → nghỉ, nghị, nghi); a bigram model of the
corpus's own text chooses among them for the whole question (Viterbi), so "nghi phep" becomes "nghỉ phép"
and "nghi dinh" "nghị định". Question words, which legal texts rarely write, come from the list of
function words. Lexical matching is folded and needs none of this; only the embedder reads the result.

>>> model = AccentModel.from_texts(["Người lao động được nghỉ hằng năm.", "Nghị định quy định chi tiết."])
>>> model.restore("nguoi lao dong duoc nghi hang nam bao nhieu ngay")
'người lao động được nghỉ hằng năm bao nhiêu ngày'
>>> model.restore("nghi dinh nao")
'nghị định nào'
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from tracuu.text.function_words import FUNCTION_WORDS
from tracuu.text.normalize import canonical_tones, fold

__all__ = ["AccentModel", "typed_without_accents"]

_WORD = re.compile(r"\w+")
_FORMS = 6  # accented forms kept per folded syllable, most frequent first
_SMOOTHING = 2.0  # Dirichlet prior of the pair model: an unseen pair falls back on the word's own frequency
# How questions ask, which legal texts never write: their word pairs count as the corpus's commonest.
_ASKING = (
    "bao nhiêu",
    "bao lâu",
    "khi nào",
    "như thế nào",
    "là gì",
    "những gì",
    "ở đâu",
    "có được không",
    "có phải",
    "mấy ngày",
    "mấy tháng",
    "mấy năm",
    "mấy giờ",
    "mấy lần",
    "ít nhất",
    "tối đa",
    "tối thiểu",
)


def typed_without_accents(text: str) -> bool:
    """True when no letter carries a diacritic (and there is a letter at all)."""
    return any(c.isalpha() for c in text) and fold(text) == text.lower()


class AccentModel:
    def __init__(self, unigrams: Counter[str], bigrams: Counter[tuple[str, str]], context: Counter[str]) -> None:
        self.unigrams = unigrams  # how likely a form is
        self.bigrams = bigrams
        self.context = context  # the corpus's own counts, which a pair's count is read against
        forms: dict[str, list[str]] = defaultdict(list)
        for word, _ in unigrams.most_common():
            folded = fold(word)
            if len(forms[folded]) < _FORMS:
                forms[folded].append(word)
        self._forms = dict(forms)
        self._total = sum(unigrams.values()) or 1

    @classmethod
    def from_texts(cls, texts: Iterable[str], phrases: Iterable[str] = ()) -> AccentModel:
        """Counts over ``texts``, plus ``phrases`` officers type (the vocabulary's words) and the asking
        phrases, which count as the corpus's commonest words and pairs."""
        unigrams: Counter[str] = Counter()
        bigrams: Counter[tuple[str, str]] = Counter()
        for text in texts:  # stored text: already NFC, in canonical tone placement (ingest did it)
            words = _WORD.findall(text.lower())
            unigrams.update(words)
            bigrams.update(zip(words, words[1:], strict=False))
        context = Counter(unigrams)
        top = max(unigrams.values(), default=1)
        for word in FUNCTION_WORDS:
            unigrams[word] = max(unigrams[word], top)
        for phrase in (*_ASKING, *phrases):
            words = _words(phrase)
            for word in words:
                unigrams[word] = max(unigrams[word], 1)
            for pair in zip(words, words[1:], strict=False):
                bigrams[pair] = max(bigrams[pair], top)
        return cls(unigrams, bigrams, context)

    def restore(self, text: str) -> str:
        """``text`` (lower case) with the likeliest accented form of each syllable typed without one; words
        typed with accents (or put in by the vocabulary) and unknown words stay as they are."""
        words = _WORD.findall(canonical_tones(text).lower())
        if not words:
            return text
        lattice = [self._forms.get(w, [w]) if fold(w) == w else [w] for w in words]
        best = {c: (self._unigram(c), [c]) for c in lattice[0]}
        for options in lattice[1:]:
            step = {}
            for c in options:
                score, path = max(((s + self._transition(p, c), pa) for p, (s, pa) in best.items()), key=_first)
                step[c] = (score, [*path, c])
            best = step
        return " ".join(max(best.values(), key=_first)[1])

    def _unigram(self, word: str) -> float:
        return math.log((self.unigrams[word] + 1) / self._total)

    def _transition(self, previous: str, word: str) -> float:
        prior = (self.unigrams[word] + 1) / self._total
        return math.log((self.bigrams[(previous, word)] + _SMOOTHING * prior) / (self.context[previous] + _SMOOTHING))


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(canonical_tones(text))]


def _first(pair: tuple[float, list[str]]) -> float:
    return pair[0]
