"""Decode bytes of a text document into Unicode (legacy Vietnamese encodings come out NFC).

UTF-8 (with or without BOM) and UTF-16 with BOM are read directly. Anything else is read in each
legacy Vietnamese encoding (Windows-1258, TCVN3, VNI; see :mod:`tracuu.text.legacy`) and the reading
with the most well-formed Vietnamese words wins; ties go to Windows-1258.

>>> decode_text("Nghị định".encode("utf-8")).encoding
'utf-8'
>>> decode_text(b"Ngh\\xde \\xae\\xdenh s\\xe8 145").text
'Nghị định số 145'
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

from tracuu.text.legacy import LEGACY_ENCODINGS, legacy_to_unicode, read_8bit, vietnamese_score

__all__ = ["DecodedText", "decode_text"]


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # "utf-8", "utf-16", or a legacy encoding: "cp1258", "tcvn3", "vni"


def _legacy_reading(data: bytes, encoding: str) -> str:
    if encoding == "cp1258":
        return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    return legacy_to_unicode(read_8bit(data), encoding)


def decode_text(data: bytes) -> DecodedText:
    if data.startswith(codecs.BOM_UTF8):
        return DecodedText(data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return DecodedText(data.decode("utf-16", errors="replace"), "utf-16")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    readings = [(encoding, _legacy_reading(data, encoding)) for encoding in LEGACY_ENCODINGS]
    # max() keeps the first of equal scores, so LEGACY_ENCODINGS order is the tie-break.
    encoding, text = max(readings, key=lambda reading: vietnamese_score(reading[1]))
    return DecodedText(text, encoding)
