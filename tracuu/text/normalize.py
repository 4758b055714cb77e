"""Vietnamese text normalisation: one canonical form for storing, one folded form for matching.

Stored document text is NFC with a single tone placement (``uỷ`` → ``ủy``, ``hoà`` → ``hòa``), markdown
emphasis removed and lines broken by extraction rejoined. Every offset in the index points into that
text. Matching uses :func:`fold`, which also drops diacritics so queries typed without accents work.

>>> fold("Nghị định số 145/2020/NĐ-CP")
'nghi dinh so 145/2020/nd-cp'
>>> canonical_tones("Ban Dân vận Tỉnh uỷ, hoà giải")
'Ban Dân vận Tỉnh ủy, hòa giải'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["NORMALISER_VERSION", "nfc", "canonical_tones", "fold", "clean_document_text"]

# Bump when any function here changes its output: indexes built with another version are refused.
NORMALISER_VERSION = "2"

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng
_PLAIN_VOWELS = set("aeiouy")
_MARKED_VOWELS = set("ăâêôơư")  # vowels whose quality mark attracts the tone
_WORD = re.compile(r"\w+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _strip_tone(syllable: str) -> tuple[str, str | None]:
    """Split a syllable into its toneless NFC form and its tone mark (if any)."""
    tone = None
    kept = []
    for ch in unicodedata.normalize("NFD", syllable):
        if ch in _TONE_MARKS:
            tone = ch
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def _is_vowel(ch: str) -> bool:
    low = ch.lower()
    return low in _PLAIN_VOWELS or low in _MARKED_VOWELS


def _tone_position(base: str) -> int | None:
    """Index in ``base`` (toneless) of the vowel that carries the tone, in the traditional placement."""
    low = base.lower()
    start = 0
    # "qu" and "gi" (before another vowel) belong to the initial consonant.
    if low.startswith("qu") and len(low) > 2 and _is_vowel(low[2]):
        start = 2
    elif low.startswith("gi") and len(low) > 2 and _is_vowel(low[2]):
        start = 2
    while start < len(low) and not _is_vowel(low[start]):
        start += 1
    if start >= len(low):
        return None
    end = start
    while end < len(low) and _is_vowel(low[end]):
        end += 1
    vowels = range(start, end)
    marked = [i for i in vowels if low[i] in _MARKED_VOWELS]
    if marked:
        return marked[-1]  # ươ → ơ; uyê → ê
    count = end - start
    if count == 1:
        return start
    if count == 2:
        has_final = end < len(low)
        return start + 1 if has_final else start  # hoàng / hòa, thủy
    return start + 1  # three plain vowels (oai, oay, uya): the middle one


def _place_tone(syllable: str) -> str:
    base, tone = _strip_tone(syllable)
    if tone is None or len(base) > 7:
        return syllable
    pos = _tone_position(base)
    if pos is None:
        return syllable
    placed = base[:pos] + unicodedata.normalize("NFC", base[pos] + tone) + base[pos + 1 :]
    placed = unicodedata.normalize("NFC", placed)
    return placed if len(placed) == len(syllable) else syllable


def canonical_tones(text: str) -> str:
    """Put every tone mark where the traditional orthography puts it; keeps the text length unchanged."""
    text = nfc(text)
    return _WORD.sub(lambda m: _place_tone(m.group(0)), text)


def _fold_slowly(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).lower()


# The same fold as a table for the Latin letters (Vietnamese among them) and the combining marks: one
# ``str.translate`` where decomposing every character cost a tenth of an answer's time. Any other
# character takes the slow path, so the result never differs (tests/test_normalize.py checks every letter).
_LATIN = [*range(0x80, 0x250), *range(0x1E00, 0x1F00)]
_FOLD_TABLE: dict[int, str | None] = {c: _fold_slowly(chr(c)) for c in _LATIN}
_FOLD_TABLE.update({c: None for c in range(0x300, 0x370) if unicodedata.combining(chr(c))})
_BEYOND_TABLE = re.compile(r"[^\x00-\u024f\u0300-\u036f\u1e00-\u1eff]")


def fold(text: str) -> str:
    """Lower-case, accent-free form for matching: ``Đảm bảo`` → ``dam bao``."""
    if text.isascii():
        return text.lower()
    if _BEYOND_TABLE.search(text) is not None:
        return _fold_slowly(text)
    return text.translate(_FOLD_TABLE).lower()


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Vietnamese has no eth: "Ð"/"ð" (U+00D0/U+00F0) in a text is "Đ"/"đ" misread (Tesseract, some legacy fonts),
# and "QÐ" must be the "QĐ" of a document number.
_LETTERS = _INVISIBLE | {0xD0: "Đ", 0xF0: "đ"}
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__", re.S)
# *emphasis* on one line: an opening star, then the first closing star after it on the same line.
_ITALIC_OPEN = re.compile(r"(?<![\w*])\*(?=\S)")
_ITALIC_CLOSE = re.compile(r"(?<=\S)\*(?![\w*])")
_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200a\u202f\u3000]+")
_POINT_MARKER = re.compile(r"^[a-zđ]{1,2}[).]\s")
_SENTENCE_END = tuple('.;:!?…"”)]')


def _drop_italics(text: str) -> str:
    """``*a*`` → ``a``, in linear time. When nothing closes an opening star, nothing closes a later one on
    that line either (its candidates are a subset), so the rest of the line is skipped: a single regex
    would rescan the line from every star, quadratic on a line of ``*a *a *a``."""
    out: list[str] = []
    kept_from = search_from = 0
    line_end = -1
    while (opening := _ITALIC_OPEN.search(text, search_from)) is not None:
        start = opening.start()
        if start >= line_end:
            line_end = text.find("\n", start)
            line_end = len(text) if line_end < 0 else line_end
        closing = _ITALIC_CLOSE.search(text, start + 2, line_end)
        if closing is None:
            search_from = line_end
            continue
        out += [text[kept_from:start], text[start + 1 : closing.start()]]
        kept_from = search_from = closing.end()
    out.append(text[kept_from:])
    return "".join(out)


def _joins_previous(previous: str, line: str) -> bool:
    """True when ``line`` continues ``previous``: a sentence cut by a page or line break in extraction."""
    if not previous or not line:
        return False
    first = line[0]
    if not (first.isalpha() and first.islower()) or _POINT_MARKER.match(line):
        return False
    if previous.isupper():
        return False  # a type line or heading in capitals: "CHỈ THỊ" / "về tăng cường …" is a title under it
    return not previous.endswith(_SENTENCE_END)


def clean_document_text(raw: str) -> str:
    """The stored form of a document: NFC, one tone placement, no markdown emphasis, rejoined lines, "Ð"
    read as "Đ".

    Lines are stripped and blank-line runs collapse to one blank line, so paragraphs stay visible.
    """
    text = nfc(raw).replace("\r\n", "\n").replace("\r", "\n").translate(_LETTERS)
    text = _BOLD.sub(lambda m: m.group(1) or m.group(2), text)
    text = _drop_italics(text)
    paragraphs: list[str] = []
    blank_before = False
    for raw_line in text.split("\n"):
        line = _SPACES.sub(" ", raw_line).strip()
        if not line:
            blank_before = bool(paragraphs)
            continue
        if paragraphs and _joins_previous(paragraphs[-1], line):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        elif blank_before:
            paragraphs.append("")
            paragraphs.append(line)
        else:
            paragraphs.append(line)
        blank_before = False
    return canonical_tones("\n".join(paragraphs)).strip() + "\n" if paragraphs else ""
