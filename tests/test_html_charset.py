"""<meta charset> is read through the WHATWG label table only (issue 11): a label naming any other Python
codec (punycode is quadratic, unicode-escape runs escapes, zlib is not text) falls back to detection."""

from __future__ import annotations

import pytest

from ingest.converters import convert_bytes

SENTENCE = "Điều 1. Người lao động được nghỉ hằng năm"


def _page(label: str, body: bytes) -> bytes:
    return b'<html><head><meta charset="' + label.encode() + b'"></head><body><p>' + body + b"</p></body></html>"


@pytest.mark.parametrize(
    "label",
    [
        "punycode",
        "rot13",
        "rot_13",
        "idna",
        "unicode-escape",
        "raw_unicode_escape",
        "utf-7",
        "zlib",
        "base64",
        "hex",
        "uu",
        "mbcs",
        "x-user-defined",
        "iso-2022-kr",
        "no-such-codec",
    ],
)
def test_a_label_outside_the_whatwg_table_falls_back_to_detection(label: str) -> None:
    document = convert_bytes(_page(label, SENTENCE.encode("utf-8")), "page.html")
    assert document.text.strip() == SENTENCE


def test_punycode_label_on_a_long_ascii_page_is_read_as_text() -> None:
    # Decoded as punycode, the letters after the last "-" would become a string of insertions.
    body = b"Dieu 1 -" + b"a" * 5000
    assert convert_bytes(_page("punycode", body), "page.html").text.strip() == body.decode()


@pytest.mark.parametrize(
    ("label", "codec"), [("koi8-r", "koi8_r"), ("latin1", "cp1252"), ("x-cp1250", "cp1250"), ("sjis", "shift_jis")]
)
def test_whatwg_labels_still_decide(label: str, codec: str) -> None:
    text = {"koi8_r": "Трудовой кодекс", "cp1252": "“Café”", "cp1250": "Žluťoučký kůň", "shift_jis": "日本語の文書"}[
        codec
    ]
    document = convert_bytes(_page(label, text.encode(codec)), "page.html")
    assert document.text.strip() == text
