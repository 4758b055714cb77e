"""Tokens for lexical matching: document numbers first, then accent-folded syllables.

Document numbers are pulled out before splitting words, so ``145/2020/NĐ-CP`` becomes one token
(``#145-2020-nd-cp``) besides its parts (``145``, ``2020``, ``nd``, ``cp``): the exact number matches
exactly, and "nghị định 145" still matches the part. Syllables are folded (no diacritics) so queries
typed without accents match.

>>> index_tokens("Nghị định số 145/2020/NĐ-CP")
['nghi', 'dinh', 'so', '#145-2020-nd-cp', '145', '2020', 'nd', 'cp']
"""

from __future__ import annotations

import re

from tracuu.citations import find_numbers
from tracuu.text.normalize import fold, nfc

__all__ = ["TOKENIZER_VERSION", "index_tokens", "query_tokens", "number_token"]

TOKENIZER_VERSION = "1"
_SYLLABLE = re.compile(r"\w+")
# Interrogatives carry no content; with accents they are unambiguous, folded only these two are.
_QUESTION_WORDS = {"nào", "gì", "ai", "đâu", "bao", "nhiêu", "giờ", "sao", "thế", "không", "hả", "vậy", "nhỉ"}
_QUESTION_WORDS_FOLDED = {"nao", "gi"}


def number_token(key: str) -> str:
    return "#" + key.lower()


def _tokens(text: str) -> list[str]:
    text = nfc(text)
    out: list[str] = []
    pos = 0
    for match in find_numbers(text):
        out.extend(fold(w) for w in _SYLLABLE.findall(text[pos : match.start]))
        out.append(number_token(match.number.key))
        out.extend(p.lower() for p in match.number.key.split("-"))
        pos = match.end
    out.extend(fold(w) for w in _SYLLABLE.findall(text[pos:]))
    return out


def index_tokens(text: str) -> list[str]:
    return _tokens(text)


def query_tokens(question: str) -> list[str]:
    """Tokens of a question without its question words; numbers typed in lower case are recognised."""
    text = nfc(question)
    words = _SYLLABLE.findall(text)
    has_accents = fold(text) != text.lower()
    kept = [
        w for w in words
        if not (w.lower() in _QUESTION_WORDS or (not has_accents and w.lower() in _QUESTION_WORDS_FOLDED))
    ]
    upper_numbers = find_numbers(text.upper())
    tokens = _tokens(" ".join(kept))
    for match in upper_numbers:
        token = number_token(match.number.key)
        if token not in tokens:
            tokens.append(token)
    return tokens
