"""Officers' words → the texts' wording: "NLĐ" → "người lao động", "nghỉ đẻ" → "nghỉ thai sản".

Three sources, in this order: the reviewed list in ``tracuu/data/vocabulary.toml``, abbreviations the held
texts define themselves ("hợp đồng lao động (HĐLĐ)": the letters in brackets are the initials of the words
before), and for any other capitals the words of the texts with those initials (``Initials``: "QLNN").
A question is rewritten once, before search and answer, so every later step sees the legal wording.

>>> Vocabulary.bundled().expand("NLĐ nghỉ đẻ được mấy tháng?")
'người lao động nghỉ thai sản được mấy tháng?'
"""

from __future__ import annotations

import itertools
import re
import tomllib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from tracuu.text.doc_types import TYPE_BY_CODE
from tracuu.text.initials import ABBREVIATION, Initials
from tracuu.text.normalize import canonical_tones, fold, nfc

__all__ = ["Term", "Vocabulary"]

_NUMBER_JOINS = set("/-–—")
_CODE_JOIN = "."  # a Bộ Pháp điển code's parts: "20.2.LQ.139"
_MOST_SPELLED = 12  # officers type a few abbreviations; a question of 300 is read no further than this
# "(CCHC)", "(sau đây gọi tắt là NLĐ)": the words before it are read back from there.
_DEFINED = re.compile(r"\((?:sau đây (?:được )?(?:gọi|viết)(?: tắt| chung| gọn)?(?: là)?\s+)?([A-ZĐƯ]{2,8})\)")


@dataclass(frozen=True)
class Term:
    say: str  # as officers type it
    means: str  # as the texts write it
    not_after: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()
    after_number: bool = False  # only right after a number ("6 tiếng" → "6 giờ", not "tiếng Việt")

    @cached_property
    def folded(self) -> str:
        return fold(self.say)  # read for every term on every question: computed once

    @cached_property
    def accented(self) -> bool:
        return self.folded != self.say.lower()


def _in_identifier(text: str, start: int, end: int, codes: bool = False) -> bool:
    """Is ``text[start:end]`` joined to a document number ("439/KH-LĐLĐ") or, with ``codes``, to a Bộ Pháp
    điển code ("20.2.LQ.139")? A sentence's full stop after the word ("… trước CP.") joins nothing."""
    before, after = text[start - 1 : start], text[end : end + 2]
    if before in _NUMBER_JOINS or after[:1] in _NUMBER_JOINS:
        return True
    return codes and (before == _CODE_JOIN or (after[:1] == _CODE_JOIN and after[1:].isalnum()))


class Vocabulary:
    def __init__(self, terms: list[Term], initials: Initials | None = None) -> None:
        # Longest first: "nghỉ phép năm" before "phép năm".
        self.terms = sorted(terms, key=lambda t: len(t.say), reverse=True)
        self.initials = initials
        self._patterns = [(t, re.compile(rf"(?<!\w){re.escape(fold(t.say))}(?!\w)")) for t in self.terms]

    @classmethod
    @lru_cache(maxsize=1)
    def bundled(cls) -> Vocabulary:
        data = tomllib.loads(resources.files("tracuu").joinpath("data/vocabulary.toml").read_text(encoding="utf-8"))
        return cls(
            [
                Term(
                    t["say"],
                    t["means"],
                    tuple(t.get("not_after", ())),
                    tuple(t.get("not_before", ())),
                    bool(t.get("after_number", False)),
                )
                for t in data["term"]
            ]
        )

    def with_texts(self, texts) -> Vocabulary:
        """This vocabulary read with the held texts: plus the abbreviations they define (an entry here wins),
        and their words' initials for any other capitals."""
        texts = list(texts)
        known = {fold(t.say) for t in self.terms}
        extra: dict[str, Term] = {}
        for text in texts:
            for m in _DEFINED.finditer(text):
                abbr = m.group(1)
                words = re.findall(r"\w+", text[max(0, m.start() - 120) : m.start()])[-len(abbr) :]
                if len(words) == len(abbr) and fold("".join(w[0] for w in words)) == fold(abbr):
                    if fold(abbr) not in known:
                        extra.setdefault(abbr, Term(abbr, " ".join(words).lower()))
        return Vocabulary([*self.terms, *extra.values()], Initials.of(texts))

    def expand(self, question: str) -> str:
        text = nfc(question)
        folded = fold(text)
        for term, pattern in self._patterns:
            if term.folded not in folded:
                continue  # most terms are not in a question: skip the regex
            pieces, last = [], 0
            for m in pattern.finditer(folded):
                if _in_identifier(text, m.start(), m.end()):
                    continue  # part of a document number ("439/KH-LĐLĐ"), an exact identifier
                typed = text[m.start() : m.end()]
                if (
                    term.accented
                    and fold(typed) != typed.lower()
                    and canonical_tones(typed.lower()) != canonical_tones(term.say.lower())
                ):
                    continue  # typed with other accents: another word ("nghị đề" is not "nghỉ đẻ")
                before, after = folded[: m.start()].split(), folded[m.end() :].split()
                if term.after_number and not (before and before[-1].isdigit()):
                    continue
                if before and any(fold(w) == " ".join(before[-len(w.split()) :]) for w in term.not_after):
                    continue
                if after and any(fold(w) == " ".join(after[: len(w.split())]) for w in term.not_before):
                    continue
                pieces.append(text[last : m.start()])
                pieces.append(term.means)
                last = m.end()
            if pieces:
                text = "".join(pieces) + text[last:]
                folded = fold(text)
        return self._spelled(text) if self.initials is not None else text

    def _spelled(self, text: str) -> str:
        """Capitals no entry knows, as the texts' words with those initials ("QLNN" → "quản lý nhà nước");
        never a document type's code ("NĐ", "QĐ": references read those), nor part of a number or code."""
        assert self.initials is not None
        pieces, last = [], 0
        for m in itertools.islice(ABBREVIATION.finditer(text), _MOST_SPELLED):
            if _in_identifier(text, m.start(), m.end(), codes=True):
                continue  # a document number or a Bộ Pháp điển code ("Điều 20.2.LQ.139")
            if fold(m.group()).upper() in TYPE_BY_CODE or (words := self.initials.spell(m.group())) is None:
                continue
            pieces += [text[last : m.start()], words]
            last = m.end()
        return "".join(pieces) + text[last:]
