"""Function syllables: they say nothing about what a text is about.

One list for every reader that weighs content words (the answer's coverage score, the article-title match).
Compared with accents when the word has them ("do" is a function word, "đô" is not), folded otherwise.

>>> is_function_word("của"), is_function_word("cua"), is_function_word("đô")
(True, True, False)
"""

from __future__ import annotations

from functools import lru_cache

from tracuu.text.normalize import fold

__all__ = ["FUNCTION_WORDS", "is_function_word", "fold_word"]

_WORDS = (
    "và của các có là được trong cho những với này theo về để đã từ khi thì một như tại do đến ra vào "
    "hay hoặc bị phải cùng nhất nhiều mới còn lại sẽ đang nên mà nếu thuộc số "
    # question framing: "gồm những gì", "giữa A và B", "như thế nào", "được coi là"
    "gồm giữa thế nào gì ai sao coi "
    # how much, how long: the question's ask, not its topic ("bao lâu", "mấy năm", "bao nhiêu")
    "bao nhiêu lâu mấy tối đa thiểu phần trăm "
    # "… có được không?" asks, "không được" negates: neither says what a text is about
    "không"
).split()
FUNCTION_WORDS: tuple[str, ...] = tuple(_WORDS)
_ACCENTED = frozenset(_WORDS)
_FOLDED = frozenset(fold(w) for w in _WORDS)


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    """Folded; a number without its leading zeros ("06" and "6" are one number)."""
    folded = fold(word)
    return str(int(folded)) if folded.isascii() and folded.isdigit() and len(folded) < 12 else folded


def is_function_word(word: str) -> bool:
    """``word`` lower-cased, in canonical tone placement."""
    folded = fold_word(word)
    return word in _ACCENTED if word != folded else folded in _FOLDED
