"""Tokens for lexical matching: document numbers, accent-folded syllables, and adjacent syllable pairs.

Document numbers are pulled out before splitting words, so ``145/2020/NĐ-CP`` becomes one token
(``#145-2020-nd-cp``) besides its parts (``145``, ``2020``, ``nd``, ``cp``): the exact number matches
exactly, and "nghị định 145" still matches the part. Syllables are folded (no diacritics) so queries
typed without accents match.

Vietnamese words are mostly two syllables written apart ("thời gian", "thử việc"), so every pair of
adjacent syllables is a token too (``"thoi gian"``, with a space no syllable can contain): BM25 then
prefers passages where the question's words stand together. On ALQAC 2022 this alone lifts BM25
MRR@10 from 0.876 to 0.937; word segmentation (underthesea) gave less and fails on accent-less
questions (eval/RESULTS.md).

>>> index_tokens("Nghị định số 145/2020/NĐ-CP")
['nghi', 'dinh', 'so', '#145-2020-nd-cp', '145', '2020', 'nd', 'cp', 'nghi dinh', 'dinh so', 'so 145', \
'145 2020', '2020 nd', 'nd cp']
>>> query_tokens("Thời gian thử việc tối đa bao nhiêu ngày?")  # no pair spans the question words
['thoi', 'gian', 'thu', 'viec', 'toi', 'da', 'ngay', 'thoi gian', 'gian thu', 'thu viec', 'viec toi', 'toi da']
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tracuu.citations import find_numbers
from tracuu.text.normalize import fold, nfc

__all__ = ["TOKENIZER_VERSION", "index_tokens", "query_tokens", "number_token"]

# Bump when tokens change: indexes built with another version are refused (re-run `tracuu ingest`).
TOKENIZER_VERSION = "2"
_SYLLABLE = re.compile(r"\w+")
# Interrogatives carry no content, nor do the asker's pronouns and particles ("công ty tôi …", "… ạ"); with
# accents they are unambiguous, folded only these two are ("em" stays: "trẻ em"; "mình" too: statutes write
# "tự mình khởi kiện", and dropping it cost ALQAC 2024 eight rankings).
_QUESTION_WORDS = {
    *("nào", "gì", "ai", "đâu", "bao", "nhiêu", "giờ", "sao", "thế", "không", "hả", "vậy", "nhỉ"),
    *("tôi", "tụi", "ạ", "nhé", "à"),
}
_QUESTION_WORDS_FOLDED = {"nao", "gi"}


def number_token(key: str) -> str:
    return "#" + key.lower()


def _never(word: str) -> bool:
    return False


def _tokens(text: str, dropped: Callable[[str], bool] = _never) -> list[str]:
    """Syllables and numbers in text order, then the pairs; a dropped word is left out and breaks pairs."""
    text = nfc(text)
    singles: list[str] = []
    pairs: list[str] = []
    previous: str | None = None

    def syllable(folded: str) -> None:
        nonlocal previous
        singles.append(folded)
        if previous is not None:
            pairs.append(f"{previous} {folded}")
        previous = folded

    def words(span: str) -> None:
        nonlocal previous
        for w in _SYLLABLE.findall(span):
            if dropped(w):
                previous = None
            else:
                syllable(fold(w))

    pos = 0
    for match in find_numbers(text):
        words(text[pos : match.start])
        singles.append(number_token(match.number.key))
        for part in match.number.key.split("-"):
            syllable(part.lower())
        pos = match.end
    words(text[pos:])
    return singles + pairs


def index_tokens(text: str) -> list[str]:
    return _tokens(text)


def query_tokens(question: str) -> list[str]:
    """Tokens of a question without its question words; numbers typed in lower case are recognised."""
    text = nfc(question)
    has_accents = fold(text) != text.lower()

    def is_question_word(w: str) -> bool:
        low = w.lower()
        return low in _QUESTION_WORDS or (not has_accents and low in _QUESTION_WORDS_FOLDED)

    tokens = _tokens(text, is_question_word)
    for match in find_numbers(text.upper()):
        token = number_token(match.number.key)
        if token not in tokens:
            tokens.append(token)
    return tokens
