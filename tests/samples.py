"""Real good and bad documents made on the spot, for the ingest, upload and fault tests.

PDFs come from fpdf2 (with a Vietnamese-capable font), DOCX from python-docx, legacy encodings from our
own tables; the bad ones are damaged the way real files are (cut, password-protected, scanned, bombs).
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from fpdf import FPDF
from PIL import Image
from pypdf import PdfReader, PdfWriter

from tracuu.text.legacy import encode_legacy

__all__ = ["FONT", "needs_font", "pdf", "pdf_pages", "scanned_pdf", "drawing_pdf", "blank_pdf", "encrypted",
           "encrypted_pdf", "truncated_pdf", "garbage_pdf", "docx_bytes", "docx_file", "docx_bomb", "legacy_txt",
           "html_with_scripts", "random_bytes"]

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
needs_font = pytest.mark.skipif(
    not FONT.exists(), reason=f"{FONT} missing (Debian package fonts-dejavu-core): no Vietnamese-capable font"
)


def pdf_pages(pages: list[list[str]], *, page_numbers: bool = False) -> bytes:
    """A PDF with a text layer, one list of lines per page; ``page_numbers`` prints each page's number at
    its foot, as official documents do."""
    doc = FPDF()
    doc.set_auto_page_break(not page_numbers)  # the number sits in the bottom margin: no break before it
    doc.add_font("dejavu", "", str(FONT))
    doc.set_font("dejavu", size=12)
    for number, lines in enumerate(pages, start=1):
        doc.add_page()
        for line in lines:
            doc.multi_cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
        if page_numbers:
            doc.set_y(-20)
            doc.cell(0, 10, str(number), align="C")
    return bytes(doc.output())


def pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer."""
    return pdf_pages([lines])


def scanned_pdf() -> bytes:
    """An image and nothing else: no text layer."""
    doc = FPDF()
    doc.add_page()
    doc.image(Image.new("RGB", (40, 40), "gray"), x=20, y=20, w=120)
    return bytes(doc.output())


def drawing_pdf() -> bytes:
    """Lines and a box, no text and no image."""
    doc = FPDF()
    doc.add_page()
    doc.rect(20, 20, 100, 50)
    doc.line(0, 0, 50, 50)
    return bytes(doc.output())


def blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted(data: bytes, password: str, algorithm: str = "AES-256") -> bytes:
    """``data`` (a PDF) encrypted with ``password`` to open it ("" opens without one)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password="owner-" + password, algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf(lines: list[str], password: str = "mat-khau") -> bytes:
    return encrypted(pdf(lines), password)


def truncated_pdf(lines: list[str]) -> bytes:
    data = pdf(lines)
    return data[: len(data) * 2 // 3]


def garbage_pdf(seed: int = 1) -> bytes:
    """A PDF header and trailer around random bytes."""
    return b"%PDF-1.7\n" + random.Random(seed).randbytes(3000) + b"\n%%EOF\n"


def random_bytes(n: int = 4096, seed: int = 2) -> bytes:
    return random.Random(seed).randbytes(n)


def docx_bytes(build: Callable[[DocxDocument], object]) -> bytes:
    """A DOCX written by python-docx: ``build`` fills a new document."""
    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_file(paragraphs: list[str]) -> bytes:
    """A DOCX of plain paragraphs."""
    return docx_bytes(lambda document: [document.add_paragraph(p) for p in paragraphs])


def docx_bomb() -> bytes:
    """A tiny zip that claims to be a DOCX and unzips to 50 MB of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document/>")
        archive.writestr("word/media/bomb.bin", bytes(50_000_000))
    return out.getvalue()


def legacy_txt(text: str, encoding: str) -> bytes:
    """``text`` as an old Vietnamese font encoding wrote it: ``tcvn3`` (ABC) or ``vni``."""
    return encode_legacy(text, encoding)


def html_with_scripts(body_lines: list[str], secret: str) -> bytes:
    """An HTML page whose scripts, styles and event handlers all carry ``secret``."""
    paragraphs = "".join(f"<p>{line}</p>" for line in body_lines)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Trang</title>"
        f"<script>var a = '{secret}'; document.write('{secret}');</script>"
        f"<style>.{secret} {{ color: red }}</style></head>"
        f"<body onload=\"alert('{secret}')\"><main>{paragraphs}"
        f"<script type='text/javascript'>fetch('/{secret}')</script>"
        f"<noscript>{secret}</noscript><img src=x onerror=\"{secret}()\"></main></body></html>"
    ).encode()
