"""Legacy Vietnamese encodings (Windows-1258, TCVN3/ABC, VNI) to Unicode, and how to recognise them.

Before Unicode, Vietnamese was typed with 8-bit fonts. TCVN3 (``.VnTime``) puts each precomposed
lowercase letter on one byte; upper-case toned letters reuse those bytes in a capitals-only font
(``.VnTimeH``). VNI (``VNI-Times``) writes the base letter followed by a Latin-1 byte drawn as the
diacritics. Windows-1258 stores tone marks as combining characters. Such text reaches us as bytes (a
``.txt`` file) or already decoded as Latin-1/Windows-1252 (a DOCX or HTML page that relied on the
font), which reads as mojibake:

>>> legacy_to_unicode("Nghò ñònh soá 145", "vni")
'Nghị định số 145'
>>> legacy_to_unicode("NghÞ ®Þnh", "tcvn3")
'Nghị định'
>>> detect_legacy("Boä luaät Lao ñoäng")
'vni'

Which encoding a text is in is decided by :func:`vietnamese_score`: how many of its non-ASCII words
are well-formed Vietnamese syllables once converted.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "LEGACY_ENCODINGS",
    "LegacyRepair",
    "detect_legacy",
    "encode_legacy",
    "legacy_to_unicode",
    "read_8bit",
    "repair_legacy",
    "vietnamese_score",
]

LEGACY_ENCODINGS = ("cp1258", "tcvn3", "vni")  # also the tie-break order
ENCODING_LABELS = {"cp1258": "Windows-1258", "tcvn3": "TCVN3", "vni": "VNI"}

_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_TONES = frozenset((_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT))
_CIRCUMFLEX, _BREVE = "\u0302", "\u0306"


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


_CP1252_BYTES: dict[str, int] = {}  # the printable characters Windows-1252 adds in 0x80-0x9F, and their bytes
for _byte in range(0x80, 0xA0):
    try:
        _CP1252_BYTES[bytes([_byte]).decode("cp1252")] = _byte
    except UnicodeDecodeError:
        pass
_CP1252_CHARS = {byte: ch for ch, byte in _CP1252_BYTES.items()}


def _byte_of(ch: str) -> int | None:
    return ord(ch) if ord(ch) < 0x100 else _CP1252_BYTES.get(ch)


def read_8bit(data: bytes) -> str:
    """Bytes as Windows-1252 shows them (Latin-1 for the five bytes it leaves undefined).

    This is how a legacy-font document reaches us as text, and it is reversible by :func:`_byte_of`.
    """
    return data.decode("latin-1").translate(_CP1252_CHARS)


# --- TCVN3 (TCVN 5712:1993, VN3 subset as in the ABC fonts) -------------------------------------

_TCVN3_LOWER = dict(
    zip(
        map(chr, [0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE]),
        "ăâêôơưđ",
        strict=True,
    )
)
_TCVN3_UPPER = dict(zip(map(chr, [0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7]), "ĂÂÊÔƠƯĐ", strict=True))
# Toned lowercase letters, each row: the byte for huyền, hỏi, ngã, sắc, nặng.
_TCVN3_TONED_ROWS = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
for _base, _codes in _TCVN3_TONED_ROWS.items():
    for _tone, _code in zip((_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT), _codes, strict=True):
        _TCVN3_LOWER[chr(_code)] = _nfc(_base + _tone)
# Upper-case toned letters of the full VN1 set that fall in the same range; ABC fonts leave these
# bytes unused, so reading them as VN1 costs nothing.
_TCVN3_VN1_UPPER = dict(
    zip(
        map(chr, [0xAF, 0xBA, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xCD, 0xD9, 0xDA, 0xDB, 0xE0, 0xF0, 0xFF]),
        "ẰẲẴẮẦẨẪẤỀỂỄẾỒỔỖỐ",
        strict=True,
    )
)
_TCVN3_DECODE = {**_TCVN3_LOWER, **_TCVN3_UPPER, **_TCVN3_VN1_UPPER}
_TCVN3_TABLE = str.maketrans(_TCVN3_DECODE)
_TCVN3_ENCODE = {uni: byte for byte, uni in {**_TCVN3_LOWER, **_TCVN3_UPPER}.items()}
_TCVN3_CASELESS = frozenset(_TCVN3_LOWER.values())  # letters a capitals-only font shows in upper case
_WORD = re.compile(r"[^\W\d_]+")
_PHRASE_GAP = re.compile(r"[\s,;&\-\u2013]+")


def _tcvn3_restore_capitals(line: str) -> str:
    """Upper-case toned letters inside upper-case words: ``NGHị ĐịNH`` → ``NGHỊ ĐỊNH``.

    A word with two or more capitals and otherwise only TCVN3 lowercase letters was typed in a
    capitals font. A word with one capital or none (``Về`` or ``VỀ``? ``ở`` or ``Ở``?) follows its
    neighbours: raised if one was raised or all are capitals.
    """
    words = list(_WORD.finditer(line))
    kinds = []
    for match in words:
        word = match.group(0)
        capitals = sum(ch.isupper() for ch in word)
        lowers = [ch for ch in word if ch.islower()]
        if not lowers:
            kinds.append("caps" if capitals >= 2 else "keep")
        elif any(ch not in _TCVN3_CASELESS for ch in lowers):
            kinds.append("keep")
        else:
            kinds.append("raise" if capitals >= 2 else "maybe")
    out = list(line)
    for i, (match, kind) in enumerate(zip(words, kinds, strict=True)):
        around = [kinds[j] for j in (i - 1, i + 1) if 0 <= j < len(words) and _adjacent(line, words, min(i, j))]
        if kind == "raise" or (
            kind == "maybe"
            and ("raise" in around or ("caps" in around and all(k in ("raise", "caps", "maybe") for k in around)))
        ):
            for pos in range(match.start(), match.end()):
                out[pos] = out[pos].upper()
    return "".join(out)


def _adjacent(line: str, words: list[re.Match[str]], i: int) -> bool:
    """Whether words ``i`` and ``i + 1`` are in one phrase (not split by a number, colon, bracket …)."""
    return _PHRASE_GAP.fullmatch(line, words[i].end(), words[i + 1].start()) is not None


def _tcvn3_to_unicode(text: str) -> str:
    converted = text.translate(_TCVN3_TABLE)
    return "\n".join(_tcvn3_restore_capitals(line) for line in converted.split("\n"))


def _encode_tcvn3(text: str) -> bytes:
    out = bytearray()
    for ch in _nfc(text):
        if ord(ch) < 0x80:
            out.append(ord(ch))
        elif ch in _TCVN3_ENCODE:
            out.append(ord(_TCVN3_ENCODE[ch]))
        elif ch.lower() in _TCVN3_ENCODE:  # toned capitals: the lowercase byte, as in .VnTimeH
            out.append(ord(_TCVN3_ENCODE[ch.lower()]))
        elif (byte := _byte_of(ch)) is not None and chr(byte) not in _TCVN3_DECODE:
            out.append(byte)  # punctuation the font kept from Windows-1252
        else:
            raise UnicodeEncodeError("tcvn3", ch, 0, 1, "no TCVN3 byte for this character")
    return bytes(out)


# --- VNI (VNI-Times) ----------------------------------------------------------------------------

_VNI_TONE = {"ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
_VNI_CIRCUMFLEX = {"â": "", "á": _ACUTE, "à": _GRAVE, "å": _HOOK, "ã": _TILDE, "ä": _DOT}
_VNI_BREVE = {"ê": "", "é": _ACUTE, "è": _GRAVE, "ú": _HOOK, "ü": _TILDE, "ë": _DOT}
# Letters written as one byte: ơ ư (which take the tone bytes after them), the toned i, ỵ, đ.
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ", "ñ": "đ"}


def _vni_tables() -> tuple[dict[str, str], dict[str, str]]:
    """(VNI sequence → letter, letter → canonical VNI sequence), both cases."""
    decode: dict[str, str] = {}
    encode: dict[str, str] = {}

    def add(sequence: str, letter: str) -> None:
        for lower in (True, False):
            seq = sequence if lower else sequence.upper()
            uni = letter if lower else letter.upper()
            encode.setdefault(uni, seq)
            # Any mix of cases decodes, following the base letter's case.
            for suffix_case in (str.lower, str.upper):
                decode[seq[0] + suffix_case(seq[1:])] = uni

    for byte, letter in _VNI_SINGLE.items():
        add(byte, letter)
    for base in ("a", "e", "o", "u", "y", "ô", "ö"):
        letter = _VNI_SINGLE.get(base, base)
        for suffix, tone in _VNI_TONE.items():
            if not (base == "y" and tone == _DOT):  # ỵ has its own byte
                add(base + suffix, _nfc(letter + tone))
    for base in ("a", "e", "o"):
        for suffix, tone in _VNI_CIRCUMFLEX.items():
            add(base + suffix, _nfc(base + _CIRCUMFLEX + tone))
    for suffix, tone in _VNI_BREVE.items():
        add("a" + suffix, _nfc("a" + _BREVE + tone))
    return decode, encode


_VNI_DECODE, _VNI_ENCODE = _vni_tables()
_VNI_BYTES = frozenset("".join(_VNI_DECODE)) - frozenset(map(chr, range(0x80)))
_VNI_PATTERN = re.compile("|".join(map(re.escape, sorted(_VNI_DECODE, key=len, reverse=True))))


def _vni_to_unicode(text: str) -> str:
    return _VNI_PATTERN.sub(lambda m: _VNI_DECODE[m.group(0)], text)


def _encode_vni(text: str) -> bytes:
    parts = []
    for ch in _nfc(text):
        if ord(ch) < 0x80:
            parts.append(ch)
        elif ch in _VNI_ENCODE:
            parts.append(_VNI_ENCODE[ch])
        elif (byte := _byte_of(ch)) is not None and chr(byte) not in _VNI_BYTES:
            parts.append(chr(byte))  # punctuation the font kept from Windows-1252
        else:
            raise UnicodeEncodeError("vni", ch, 0, 1, "no VNI sequence for this character")
    return "".join(parts).encode("latin-1")


# --- Windows-1258 -------------------------------------------------------------------------------


def _encode_cp1258(text: str) -> bytes:
    """Precomposed where the code page has the letter, else base letter + combining tone mark."""
    out = bytearray()
    for ch in _nfc(text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            base = _nfc("".join(c for c in decomposed if c not in _TONES))
            out += (base + "".join(c for c in decomposed if c in _TONES)).encode("cp1258")
    return bytes(out)


def _cp1258_reread(text: str) -> str:
    """Text that was Windows-1258 bytes read as Windows-1252/Latin-1, read again as Windows-1258."""
    out: list[str] = []
    pending = bytearray()
    for ch in text:
        byte = _byte_of(ch)
        if byte is None:
            out.append(pending.decode("cp1258", errors="replace"))
            pending.clear()
            out.append(ch)
        else:
            pending.append(byte)
    out.append(pending.decode("cp1258", errors="replace"))
    return "".join(out)


# --- Public conversion --------------------------------------------------------------------------


def legacy_to_unicode(text: str, encoding: str) -> str:
    """Convert mojibake (legacy bytes read as Latin-1/Windows-1252) to NFC Unicode."""
    if encoding == "tcvn3":
        return _nfc(_tcvn3_to_unicode(text))
    if encoding == "vni":
        return _nfc(_vni_to_unicode(text))
    if encoding == "cp1258":
        return _nfc(_cp1258_reread(text))
    raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {LEGACY_ENCODINGS}")


def encode_legacy(text: str, encoding: str) -> bytes:
    """The bytes a legacy editor would have saved; raises ``UnicodeEncodeError`` for foreign letters."""
    encoders = {"cp1258": _encode_cp1258, "tcvn3": _encode_tcvn3, "vni": _encode_vni}
    if encoding not in encoders:
        raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {LEGACY_ENCODINGS}")
    return encoders[encoding](text)


# --- Recognising Vietnamese ---------------------------------------------------------------------

# Rhymes by whether they take a final consonant; "uo" style mistakes and tone-less checked/closed
# syllables are what mojibake produces, so the checks below are strict.
_OPEN_RHYMES = "ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyu"
_CLOSED_RHYMES = "ă â iê yê uô ươ oă uâ uyê oo"
_FREE_RHYMES = "a e ê i o ô ơ u ư y oa oe uê uy uơ"


def _alternatives(words: str) -> str:
    return "|".join(sorted(words.split(), key=len, reverse=True))


_SYLLABLE = re.compile(
    "(?P<onset>ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?"
    f"(?:(?P<open>{_alternatives(_OPEN_RHYMES)})"
    f"|(?P<closed>{_alternatives(_CLOSED_RHYMES)})(?P<coda1>ch|nh|ng|[cmnpt])"
    f"|(?P<free>{_alternatives(_FREE_RHYMES)})(?P<coda2>ch|nh|ng|[cmnpt])?)"
)
_MARKED = frozenset("ăâêôơư")
_STOP_CODAS = frozenset(("c", "ch", "p", "t"))  # only sắc and nặng occur before these
_COMMON = frozenset(
    "và của các có được người không những trong này cơ quan lao động nghị định luật điều khoản theo "
    "quy về việc với cho đến từ một số là thì đã tại hoặc trường hợp nhà nước xã hội công dân chính "
    "phủ bộ sở tỉnh huyện đơn vị thực hiện chức năng nhiệm vụ quyền lợi ích quốc gia trên dưới sau "
    "ngày tháng năm số".split()
)
_TOKEN_SPLIT = re.compile(r"[\s!-/:-@\[-`{-~\u2013\u2014\u2018-\u201f\u2026]+")  # ASCII punctuation
_SCORE_SAMPLE = 200_000


def _tone_of(letter: str) -> str | None:
    return next((ch for ch in unicodedata.normalize("NFD", letter) if ch in _TONES), None)


@lru_cache(maxsize=65536)
def _is_syllable(word: str) -> bool:
    """A lowercase NFC word that is one well-formed Vietnamese syllable, tone mark in a valid place."""
    toned = [(i, tone) for i, ch in enumerate(word) if (tone := _tone_of(ch))]
    if len(toned) > 1:
        return False
    base = "".join(_nfc("".join(ch for ch in unicodedata.normalize("NFD", c) if ch not in _TONES)) for c in word)
    match = _SYLLABLE.fullmatch(base)
    if match is None:
        return False
    if not toned:
        return True
    position, tone = toned[0]
    group = next(name for name in ("open", "closed", "free") if match.group(name))
    start, end = match.span(group)
    rhyme = match.group(group)
    coda = match.group("coda1") or match.group("coda2")
    if not start <= position < end or (coda in _STOP_CODAS and tone not in (_ACUTE, _DOT)):
        return False
    if any(ch in _MARKED for ch in rhyme):
        return base[position] in _MARKED
    if group == "open":  # the off-glide never carries the tone: "ái", "khoái", never "aí"
        return position == start + (len(rhyme) == 3)
    return True  # "hòa" and "hoà", "thủy" and "thuỷ" are both in use


def _token_score(token: str) -> int:
    low = token.lower()
    if not low.isalpha() or not _is_syllable(low):
        return -1
    return 2 if low in _COMMON else 1


def vietnamese_score(text: str) -> int:
    """Well-formed Vietnamese words minus malformed ones, counting only words with non-ASCII letters.

    ASCII words read the same in every encoding, so they cannot tell encodings apart.
    """
    total = 0
    for token in _TOKEN_SPLIT.split(_nfc(text[:_SCORE_SAMPLE])):
        if token and not token.isascii():
            total += _token_score(token)
    return total


def _has_high_latin(text: str) -> bool:
    return any(0x80 <= ord(ch) <= 0xFF or ch in _CP1252_BYTES for ch in text)


def _readings(line: str) -> dict[str, tuple[str, int]]:
    """Each legacy reading of ``line`` that scores better than the line as it is: encoding → (text, gain)."""
    original = vietnamese_score(line)
    readings = {}
    for encoding in LEGACY_ENCODINGS:
        converted = legacy_to_unicode(line, encoding)
        gain = vietnamese_score(converted) - original
        if gain > 0:
            readings[encoding] = (converted, gain)
    return readings


@dataclass(frozen=True)
class _Survey:
    lines: list[str]
    readings: dict[int, dict[str, tuple[str, int]]]  # line index → encoding → (converted, gain)
    dominant: str | None  # the encoding with the largest gain over the lines it clearly fixes
    mostly_legacy: bool  # most lines with Latin-1 letters are clearly fixed


_MIN_GAIN = 2  # "clearly fixed": at least one malformed word became a well-formed one
_MOSTLY = 0.3


def _survey(text: str) -> _Survey:
    lines = text.split("\n")
    readings = {i: _readings(line) for i, line in enumerate(lines) if _has_high_latin(line)}
    totals: Counter[str] = Counter()
    clear = 0
    for found in readings.values():
        strong = {encoding: gain for encoding, (_, gain) in found.items() if gain >= _MIN_GAIN}
        clear += bool(strong)
        totals.update(strong)
    dominant = max(totals, key=lambda e: (totals[e], -LEGACY_ENCODINGS.index(e)), default=None)
    return _Survey(lines, readings, dominant, clear >= _MOSTLY * max(len(readings), 1) and clear > 0)


def detect_legacy(text: str) -> str | None:
    """The legacy encoding ``text`` (a decoded string) is mojibake of, or ``None`` if it reads fine.

    Judged line by line, so Unicode paragraphs mixed in do not hide the legacy ones.
    """
    if not _has_high_latin(text):
        return None
    return _survey(text).dominant


@dataclass(frozen=True)
class LegacyRepair:
    text: str
    encoding: str | None  # the legacy encoding most lines were converted from, if any
    lines_converted: int = 0

    @property
    def warning(self) -> str | None:
        if self.encoding is None:
            return None
        return f"converted from {ENCODING_LABELS[self.encoding]} ({self.lines_converted} lines)"


def repair_legacy(text: str) -> LegacyRepair:
    """Convert each line that reads better in a legacy encoding; Unicode lines are left alone.

    Line by line because Word and HTML documents often mix Unicode paragraphs with paragraphs in a
    legacy font. A line only slightly better converted ("nãm" → "năm", both well-formed) is
    converted only when most of the document is in that legacy encoding.
    """
    if not _has_high_latin(text):
        return LegacyRepair(text, None)
    survey = _survey(text)
    if survey.dominant is None:
        return LegacyRepair(text, None)
    lines, used = survey.lines, Counter[str]()
    for i, found in survey.readings.items():
        if not found:
            continue
        encoding = max(found, key=lambda e: (found[e][1], e == survey.dominant))
        if found[encoding][1] < _MIN_GAIN:
            if not (survey.mostly_legacy and survey.dominant in found):
                continue
            encoding = survey.dominant
        lines[i] = found[encoding][0]
        used[encoding] += 1
    return LegacyRepair("\n".join(lines), survey.dominant, sum(used.values()))
