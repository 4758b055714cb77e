"""What an abbreviation an officer types stands for, read off the held texts by its initials.

"QLNN" is the first letters of "quản lý nhà nước", "HGV" of "hòa giải viên": when one run of words with
those initials makes most of the runs the texts hold, that run is what the letters mean. Runs holding a
function word ("của pháp" for "CP") say nothing and are not counted; letters no run dominates ("CT": công
tác, chủ tịch, có trách …) stay as typed. "Đ" must stand for "đ"; "D" may stand for either.

>>> Initials.of(["Quản lý nhà nước về lao động; quản lý nhà nước."] * 3).spell("QLNN")
'quản lý nhà nước'
>>> Initials.of(["công tác", "chủ tịch", "công tác", "chủ tịch"]).spell("CT") is None
True
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from tracuu.text.function_words import is_function_word
from tracuu.text.normalize import fold

__all__ = ["Initials", "ABBREVIATION"]

# Letters only, runs of words between punctuation: an abbreviation never spans a comma or a number.
_RUN = re.compile(r"[^\W\d_]+(?:[^\S\n]+[^\W\d_]+)*")
# As officers type an abbreviation: two to seven capitals.
ABBREVIATION = re.compile(r"(?<!\w)[A-ZĐ]{2,7}(?!\w)")
_BREAK = "|"
_MIN_RUNS = 5  # fewer runs than this are chance
_MIN_SHARE = 0.5  # the run must be most of those with these initials
_REMEMBERED = 4096


@dataclass(frozen=True, eq=False)
class Initials:
    initials: str  # each word's first letter, lower case, runs separated by _BREAK
    folded: str  # the same with "đ" as "d"
    words: list[str | None]  # the word at each position of ``initials`` (None at a break)
    _read_once: Callable[[str], str | None] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # "LĐ" is read off 8,000 runs: once; questions may hold any letters, so what is remembered is bounded.
        object.__setattr__(self, "_read_once", lru_cache(maxsize=_REMEMBERED)(self._read))

    @classmethod
    def of(cls, texts: Iterable[str]) -> Initials:
        letters: list[str] = []
        words: list[str | None] = []
        for text in texts:
            for m in _RUN.finditer(text):
                run = m.group().lower().split()
                words.extend(sys.intern(w) for w in run)  # a few thousand distinct words, read many times
                words.append(None)
                letters.append("".join(w[0] for w in run) + _BREAK)
        initials = "".join(letters)
        return cls(initials, fold(initials), words)

    def spell(self, abbreviation: str) -> str | None:
        """The words ``abbreviation`` stands for in the texts, or None when no one reading dominates."""
        return self._read_once(abbreviation.lower())

    def _read(self, wanted: str) -> str | None:
        haystack = self.initials if "đ" in wanted else self.folded
        counts: Counter[str] = Counter()
        total = 0
        at = haystack.find(wanted)
        while at >= 0:
            run = self.words[at : at + len(wanted)]
            if not any(w is None or is_function_word(w) for w in run):
                counts[" ".join(w for w in run if w)] += 1
                total += 1
            at = haystack.find(wanted, at + 1)
        if not counts:
            return None
        best, n = counts.most_common(1)[0]
        return best if n >= _MIN_RUNS and n >= _MIN_SHARE * total else None
