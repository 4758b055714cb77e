"""Legacy Vietnamese encodings: the tables, decoding bytes, and repairing mojibake strings."""

from __future__ import annotations

import unicodedata

import pytest

from tracuu.text.encoding import decode_text
from tracuu.text.legacy import (
    LEGACY_ENCODINGS,
    detect_legacy,
    encode_legacy,
    legacy_to_unicode,
    read_8bit,
    repair_legacy,
    vietnamese_score,
)

SENTENCE = "Nghị định số 145/2020/NĐ-CP quy định chi tiết Bộ luật Lao động về điều kiện lao động và quan hệ lao động"
HEADING = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nNGHỊ ĐỊNH\nĐiều 1. Phạm vi điều chỉnh"
_BASES = "aăâeêioôơuưy"
_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
LOWER_LETTERS = "".join(unicodedata.normalize("NFC", b + t) for b in _BASES for t in _TONES) + "đ"
ALL_LETTERS = LOWER_LETTERS + LOWER_LETTERS.upper()


# --- The tables, checked against bytes written by hand (not by our own encoder) ------------------


@pytest.mark.parametrize(
    ("encoding", "mojibake", "expected"),
    [
        ("vni", "Vieät Nam", "Việt Nam"),
        ("vni", "Nghò ñònh", "Nghị định"),
        ("vni", "ngöôøi lao ñoäng", "người lao động"),
        ("vni", "Ñieàu 1. Phaïm vi ñieàu chænh", "Điều 1. Phạm vi điều chỉnh"),
        ("vni", "thaéng, ñaëc, khuyeán, yù kieán, hoøa, thuûy", "thắng, đặc, khuyến, ý kiến, hòa, thủy"),
        ("vni", "CHÖÔNG I. QUY ÑÒNH CHUNG", "CHƯƠNG I. QUY ĐỊNH CHUNG"),
        ("tcvn3", "NghÞ ®Þnh sè 145", "Nghị định số 145"),
        ("tcvn3", "ng\xad\xeai lao \xae\xe9ng", "người lao động"),
        ("tcvn3", "§iÒu 1. Ph¹m vi ®iÒu chØnh", "Điều 1. Phạm vi điều chỉnh"),
        ("tcvn3", "NGHÞ §ÞNH", "NGHỊ ĐỊNH"),  # capitals font (.VnTimeH) uses the lowercase bytes
        ("tcvn3", "Bé luËt", "Bộ luật"),  # one capital: stays title case
        ("cp1258", "Vi\xea\xf2t Nam", "Việt Nam"),  # ê + combining dot below
        ("cp1258", "\xd0i\xea\xccu 1", "Điều 1"),
    ],
)
def test_legacy_to_unicode_reads_hand_written_mojibake(encoding: str, mojibake: str, expected: str) -> None:
    assert legacy_to_unicode(mojibake, encoding) == expected


@pytest.mark.parametrize("encoding", ["vni", "cp1258"])
def test_every_letter_round_trips(encoding: str) -> None:
    encoded = encode_legacy(ALL_LETTERS, encoding)
    assert legacy_to_unicode(read_8bit(encoded), encoding) == ALL_LETTERS


def test_every_tcvn3_lowercase_letter_has_its_own_byte() -> None:
    encoded = encode_legacy(LOWER_LETTERS, "tcvn3")
    assert len(encoded) == len(LOWER_LETTERS) == len(set(encoded))
    assert legacy_to_unicode(encoded.decode("latin-1"), "tcvn3") == LOWER_LETTERS


@pytest.mark.parametrize("bad", ["utf-8", "viscii", ""])
def test_unknown_encoding_names_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match=repr(bad)):
        legacy_to_unicode("x", bad)
    with pytest.raises(ValueError, match=repr(bad)):
        encode_legacy("x", bad)


def test_foreign_letters_cannot_be_encoded() -> None:
    with pytest.raises(UnicodeEncodeError):
        encode_legacy("Ω", "vni")


# --- decode_text on bytes -----------------------------------------------------------------------


@pytest.mark.parametrize("encoding", LEGACY_ENCODINGS)
@pytest.mark.parametrize("text", [SENTENCE, HEADING, "“Điều 2. Đối tượng áp dụng” – người lao động"])
def test_decode_text_recognises_legacy_bytes(encoding: str, text: str) -> None:
    data = encode_legacy(text, encoding)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # really not UTF-8, or the test proves nothing
    decoded = decode_text(data)
    assert decoded.encoding == encoding
    assert decoded.text == text
    assert unicodedata.is_normalized("NFC", decoded.text)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (SENTENCE.encode("utf-8"), SENTENCE),
        (b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"), SENTENCE),
        (b"Dieu 1. Pham vi dieu chinh\n", "Dieu 1. Pham vi dieu chinh\n"),
        ("Café crème à côté".encode(), "Café crème à côté"),
        ("Vieät Nam".encode(), "Vieät Nam"),  # VNI-looking, but valid UTF-8: left as written
    ],
)
def test_utf8_stays_utf8(data: bytes, expected: str) -> None:
    decoded = decode_text(data)
    assert decoded.encoding == "utf-8"
    assert decoded.text == expected


def test_utf16_with_bom() -> None:
    decoded = decode_text(SENTENCE.encode("utf-16"))
    assert (decoded.text, decoded.encoding) == (SENTENCE, "utf-16")


def test_non_vietnamese_8bit_text_still_decodes() -> None:
    decoded = decode_text("Café crème".encode("latin-1"))
    assert decoded.encoding in LEGACY_ENCODINGS
    assert decoded.text.startswith("Caf")


# --- Strings: detection and line-by-line repair -------------------------------------------------


@pytest.mark.parametrize("encoding", LEGACY_ENCODINGS)
def test_detect_legacy_names_the_encoding_of_mojibake(encoding: str) -> None:
    mojibake = read_8bit(encode_legacy(SENTENCE, encoding))
    assert detect_legacy(mojibake) == encoding


@pytest.mark.parametrize(
    "text",
    [
        SENTENCE,
        HEADING,
        "Dieu 1. Pham vi dieu chinh",
        "Café crème à côté, naïve façade",
        "Điều 49. Hợp đồng lao động vô hiệu",  # "vô" → TCVN3 "vụ" is also a word: must not flip
        "",
    ],
)
def test_detect_legacy_leaves_unicode_alone(text: str) -> None:
    assert detect_legacy(text) is None
    repaired = repair_legacy(text)
    assert (repaired.text, repaired.encoding, repaired.warning) == (text, None, None)


def test_repair_converts_only_the_legacy_lines_of_a_mixed_text() -> None:
    unicode_line = "Điều 1. Phạm vi điều chỉnh"
    vni_line = read_8bit(encode_legacy("Điều 2. Đối tượng áp dụng", "vni"))
    repaired = repair_legacy(f"{unicode_line}\n{vni_line}\n{unicode_line}")
    assert repaired.text == f"{unicode_line}\nĐiều 2. Đối tượng áp dụng\n{unicode_line}"
    assert repaired.encoding == "vni"
    assert repaired.lines_converted == 1
    assert "VNI" in (repaired.warning or "")


def test_repair_uses_the_documents_encoding_for_ambiguous_short_lines() -> None:
    # "Löu" reads as TCVN3 "Lửu" or VNI "Lưu", both well-formed; the rest of the document says VNI.
    body = read_8bit(encode_legacy(SENTENCE + "\nNơi nhận:\n- Lưu: VT", "vni"))
    assert repair_legacy(body).text == SENTENCE + "\nNơi nhận:\n- Lưu: VT"


def test_short_ambiguous_lines_follow_a_mostly_legacy_document() -> None:
    # Windows-1258 "năm" read as Windows-1252 is "nãm": also a well-formed syllable.
    text = SENTENCE + "\nTây Ninh, ngày 09 tháng 5 năm 2023"
    assert repair_legacy(read_8bit(encode_legacy(text, "cp1258"))).text == text


@pytest.mark.parametrize(
    ("word", "score"),
    [
        ("người", 2),
        ("khuỷu", 1),
        ("hoà", 1),
        ("hòa", 1),
        ("tái", 1),
        ("taí", -1),  # tone on the off-glide
        ("sôì", -1),  # tone away from the marked vowel
        ("nhaọn", -1),  # "ao" takes no final consonant
        ("cỏc", -1),  # a final c needs sắc or nặng
        ("ñoäng", -1),
        ("Dieu", 0),  # ASCII words do not count
    ],
)
def test_vietnamese_score_of_single_words(word: str, score: int) -> None:
    assert vietnamese_score(word) == score


def test_vietnamese_score_prefers_the_right_reading() -> None:
    mojibake = read_8bit(encode_legacy(SENTENCE, "vni"))
    assert vietnamese_score(SENTENCE) > 10 > vietnamese_score(mojibake)
    assert vietnamese_score("plain ascii words only") == 0
