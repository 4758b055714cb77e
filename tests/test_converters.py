"""Converters and the dispatcher, on real files made here: PDFs from fpdf2, DOCX from python-docx."""

from __future__ import annotations

import io
import random
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

from ingest.converters import SUPPORTED_SUFFIXES, ConversionError, convert_bytes, convert_file
from ingest.converters.docx import convert_docx
from ingest.converters.pdf import convert_pdf
from tracuu.text.legacy import encode_legacy, read_8bit
from tracuu.text.normalize import clean_document_text

from samples import blank_pdf, docx_bytes, drawing_pdf, encrypted, needs_font, pdf_pages, scanned_pdf

PAGES = [
    ["NGHỊ ĐỊNH", "Nghị định số 145/2020/NĐ-CP", "Điều 1. Phạm vi điều chỉnh", "Nghị định này quy định chi tiết."],
    ["Điều 2. Đối tượng áp dụng", "Người lao động, người sử dụng lao động."],
    ["Điều 3. Hiệu lực thi hành", "Nghị định này có hiệu lực từ ngày 01 tháng 02 năm 2021."],
]
PNG = Image.new("RGB", (4, 4), "white")
SENTENCE = "Nghị định số 145/2020/NĐ-CP quy định chi tiết Bộ luật Lao động"


def _code(data: bytes, path: str, **limits: int) -> str:
    with pytest.raises(ConversionError) as error:
        convert_bytes(data, path, **limits)
    assert error.value.path == path
    return error.value.code


def _png_bytes() -> bytes:
    buffer = io.BytesIO()
    PNG.save(buffer, format="PNG")
    return buffer.getvalue()


# --- PDF ----------------------------------------------------------------------------------------


@needs_font
def test_pdf_keeps_vietnamese_exactly_and_pages_in_order() -> None:
    document = convert_bytes(pdf_pages(PAGES, page_numbers=True), "nd-145.pdf")
    assert document.format == "pdf"
    clean = clean_document_text(document.text)
    assert unicodedata.is_normalized("NFC", clean)
    lines = clean.splitlines()
    for expected in ("Nghị định số 145/2020/NĐ-CP", "Điều 1. Phạm vi điều chỉnh", "NGHỊ ĐỊNH"):
        assert expected in lines
    positions = [clean.index(f"Điều {n}.") for n in (1, 2, 3)]
    assert positions == sorted(positions)
    assert document.text.count("\f") == 2 and document.paged  # a page break between pages
    assert not {"1", "2", "3"} & {line.strip() for line in document.text.splitlines()}  # page numbers gone
    assert document.warnings == []


@needs_font
def test_pdf_page_numbers_in_the_body_are_kept() -> None:
    document = convert_bytes(pdf_pages([["Điều 1. Số lượng", "12", "người"]]), "a.pdf")
    assert "12" in document.text.splitlines()


@needs_font
@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_pdf_with_a_real_password_isencrypted(algorithm: str) -> None:
    data = encrypted(pdf_pages(PAGES, page_numbers=True), "mat-khau", algorithm)
    assert _code(data, "secret.pdf") == "encrypted"


@needs_font
@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128"])
def test_pdf_with_an_empty_user_password_converts(algorithm: str) -> None:
    data = encrypted(pdf_pages(PAGES, page_numbers=True), "", algorithm)
    assert PdfReader(io.BytesIO(data)).is_encrypted
    assert "Điều 1. Phạm vi điều chỉnh" in clean_document_text(convert_bytes(data, "locked.pdf").text)


@pytest.mark.parametrize("make", [scanned_pdf, drawing_pdf], ids=["image", "drawing"])
def test_pdf_without_text_layer_needs_ocr(make) -> None:
    with pytest.raises(ConversionError) as error:
        convert_bytes(make(), "scan.pdf")
    assert error.value.code == "needs_ocr"
    assert "OCR" in error.value.message and "văn bản" in error.value.message


def test_pdf_of_blank_pages_is_empty() -> None:
    assert _code(blank_pdf(), "blank.pdf") == "empty"


@needs_font
def test_pdf_missing_its_middle_is_corrupt_not_a_scan() -> None:
    data = pdf_pages(PAGES, page_numbers=True)
    damaged = data[: len(data) // 2] + data[-200:]  # keeps the trailer and %%EOF, loses the fonts
    assert _code(damaged, "damaged.pdf") == "corrupt"


@needs_font
def test_pdf_with_some_scanned_pages_warns() -> None:
    text_pdf = PdfReader(io.BytesIO(pdf_pages(PAGES[:1], page_numbers=True)))
    writer = PdfWriter()
    writer.add_page(text_pdf.pages[0])
    writer.add_page(PdfReader(io.BytesIO(scanned_pdf())).pages[0])
    out = io.BytesIO()
    writer.write(out)
    document = convert_bytes(out.getvalue(), "mixed.pdf")
    assert "Điều 1. Phạm vi điều chỉnh" in document.text
    assert any("1 of 2 pages" in warning for warning in document.warnings)


@needs_font
@pytest.mark.parametrize("keep", [0.5, 0.9, -8])
def test_truncated_pdf_is_corrupt(keep: float) -> None:
    data = pdf_pages(PAGES, page_numbers=True)
    cut = data[: int(len(data) * keep)] if keep > 0 else data[: int(keep)]
    assert _code(cut, "cut.pdf") == "corrupt"


@pytest.mark.parametrize(
    "data",
    [
        random.Random(7).randbytes(4096),
        b"%PDF-1.7\n" + random.Random(8).randbytes(2048) + b"\n%%EOF\n",
        b"This is plain text saved with a .pdf name\n",
        _png_bytes(),
    ],
    ids=["random", "pdf-header-then-garbage", "text", "png"],
)
def test_what_is_not_a_pdf_but_named_pdf_is_corrupt(data: bytes) -> None:
    assert _code(data, "fake.pdf") == "corrupt"


def test_random_bytes_message_says_the_content_is_not_pdf() -> None:
    with pytest.raises(ConversionError, match="not a PDF"):
        convert_bytes(random.Random(7).randbytes(4096), "fake.pdf")


def test_pdf_with_zero_pages_is_empty() -> None:
    out = io.BytesIO()
    PdfWriter().write(out)
    assert _code(out.getvalue(), "blank.pdf") == "empty"


@needs_font
def test_pdf_page_limit() -> None:
    data = pdf_pages(PAGES, page_numbers=True)
    assert _code(data, "big.pdf", max_pages=2) == "too_large"
    assert convert_bytes(data, "big.pdf", max_pages=3).format == "pdf"
    with pytest.raises(ValueError, match="0"):
        convert_pdf(data, "big.pdf", max_pages=0)


# --- DOCX ---------------------------------------------------------------------------------------


def _legal_docx(document: docx.document.Document) -> None:
    document.core_properties.title = "Nghị định 145"
    document.add_heading("Chương I", level=1)
    document.add_heading("NHỮNG QUY ĐỊNH CHUNG", level=2)
    document.add_paragraph("Điều 1. Phạm vi điều chỉnh")
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate([["STT", "Nội dung", "Ghi chú"], ["1", "Hợp đồng lao động", ""]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("Điều 2. Đối tượng áp dụng")


def test_docx_keeps_body_order_with_the_table_in_the_middle() -> None:
    document = convert_bytes(docx_bytes(_legal_docx), "nd.docx")
    assert document.format == "docx"
    lines = [line for line in document.text.splitlines() if line.strip()]
    assert lines == [
        "Chương I",
        "NHỮNG QUY ĐỊNH CHUNG",
        "Điều 1. Phạm vi điều chỉnh",
        "STT | Nội dung | Ghi chú",
        "1 | Hợp đồng lao động",
        "Điều 2. Đối tượng áp dụng",
    ]
    assert document.meta["title"] == "Nghị định 145"


def test_docx_merged_cells_are_not_repeated() -> None:
    def build(document: docx.document.Document) -> None:
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).merge(table.cell(1, 0)).text = "Điều 5"
        table.cell(0, 1).text = "khoản 1"
        table.cell(1, 1).text = "khoản 2"

    lines = convert_bytes(docx_bytes(build), "merged.docx").text.splitlines()
    assert [line for line in lines if line] == ["Điều 5 | khoản 1", " | khoản 2"]


def test_docx_in_a_vni_font_is_converted() -> None:
    def build(document: docx.document.Document) -> None:
        document.add_paragraph(read_8bit(encode_legacy("Điều 1. Phạm vi điều chỉnh", "vni")))
        document.add_paragraph(read_8bit(encode_legacy("Người lao động được bảo vệ.", "vni")))

    document = convert_bytes(docx_bytes(build), "vni.docx")
    assert document.text.splitlines()[:2] == ["Điều 1. Phạm vi điều chỉnh", "Người lao động được bảo vệ."]
    assert any("VNI" in warning for warning in document.warnings)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_docx_zip_bomb_by_compression_ratio() -> None:
    bomb = _zip({"word/document.xml": b"<w:document/>", "word/media/a.bin": bytes(20_000_000)})
    assert len(bomb) < 200_000
    with pytest.raises(ConversionError, match="zip bomb") as error:
        convert_bytes(bomb, "bomb.docx")
    assert error.value.code == "too_large"


def test_docx_zip_bomb_by_total_size() -> None:
    incompressible = random.Random(3).randbytes(600_000)
    bomb = _zip({"word/document.xml": b"<w:document/>", "word/media/a.bin": incompressible})
    assert _code(bomb, "big.docx", max_unzipped_bytes=500_000) == "too_large"
    assert _code(bomb, "big.docx") == "corrupt"  # under the default limit it is opened: not a real DOCX


@pytest.mark.parametrize(
    ("data", "path", "code"),
    [
        (b"plain text named docx", "a.docx", "corrupt"),
        (_zip({"hello.txt": b"hi"}), "a.docx", "corrupt"),
        (_zip({"hello.txt": b"hi"}), "a.zip", "unsupported"),
        (_zip({"word/document.xml": b"<not-closed"}), "broken.docx", "corrupt"),
    ],
    ids=["text", "zip-without-document", "plain-zip", "broken-xml"],
)
def test_docx_that_is_not_one(data: bytes, path: str, code: str) -> None:
    assert _code(data, path) == code


def test_docx_limits_are_validated() -> None:
    with pytest.raises(ValueError, match="max_ratio=0"):
        convert_docx(b"", "a.docx", max_ratio=0)


# --- HTML ---------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Nghị định 145/2020/NĐ-CP</title>
<style>p { color: red } .secret-style {}</style>
<script>var secretScript = "Điều 99";</script></head>
<body>
<nav><a href="/">Trang chủ</a> | <a href="/vb">Văn bản</a></nav>
<header><h2>Cổng thông tin</h2></header>
<main>
<script>document.write("secretInlineScript")</script><style>.secretInlineStyle {}</style>
<h1>Nghị định số 145/2020/NĐ-CP</h1>
<p>Điều 1. <b>Phạm vi</b> điều chỉnh</p>
<div>Điều 2. Đối tượng áp dụng<br>1. Người lao động</div>
<ul><li>a) người học nghề;</li><li>b) người thử việc.</li></ul>
<table><tr><th>STT</th><th>Nội dung</th></tr><tr><td>1</td><td>Hợp <i>đồng</i></td></tr></table>
<noscript>Bật JavaScript</noscript>
<p hidden>ẩn</p>
</main>
<footer>Bản quyền 2024</footer>
</body></html>"""


def test_html_drops_scripts_styles_and_chrome_and_keeps_order() -> None:
    document = convert_bytes(PAGE.encode("utf-8"), "page.html")
    assert "secret" not in document.text
    assert document.format == "html"
    assert document.meta["title"] == "Nghị định 145/2020/NĐ-CP"
    assert document.text.splitlines() == [
        "Nghị định số 145/2020/NĐ-CP",
        "Điều 1. Phạm vi điều chỉnh",
        "Điều 2. Đối tượng áp dụng",
        "1. Người lao động",
        "a) người học nghề;",
        "b) người thử việc.",
        "STT | Nội dung",
        "1 | Hợp đồng",
    ]


@pytest.mark.parametrize(
    ("encoding", "declared"),
    [("cp1258", "windows-1258"), ("utf-8", None), ("cp1258", None)],
)
def test_html_charset(encoding: str, declared: str | None) -> None:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">' if declared else ""
    html = f"<html><head>{meta}</head><body><p>{SENTENCE}</p></body></html>"
    data = encode_legacy(html, "cp1258") if encoding == "cp1258" else html.encode(encoding)
    assert convert_bytes(data, "page.htm").text.strip() == SENTENCE


def test_html_declared_latin1_is_read_as_windows_1252() -> None:
    data = b'<html><head><meta charset="ISO-8859-1"></head><body><p>\x93Caf\xe9\x94</p></body></html>'
    assert convert_bytes(data, "page.html").text.strip() == "“Café”"


def test_html_in_a_vni_font_declared_latin1_is_converted() -> None:
    html = f'<html><head><meta charset="iso-8859-1"></head><body><p>{SENTENCE}</p></body></html>'
    document = convert_bytes(encode_legacy(html, "vni"), "vni.html")
    assert document.text.strip() == SENTENCE
    assert any("VNI" in warning for warning in document.warnings)


def test_phapdien_page_goes_to_its_converter() -> None:
    html = (
        '<html><body><h3>Đề mục 20.2 Lao động</h3><div class="_content">'
        '<p class="pDieu">Điều 20.2.LQ.1. Phạm vi điều chỉnh</p>'
        '<p class="pGhiChu">(Điều 1 Bộ luật số 45/2019/QH14)</p><p>Bộ luật này quy định.</p>'
        "</div></body></html>"
    )
    document = convert_bytes(html.encode("utf-8"), "de-muc.html")
    assert document.format == "phapdien"
    assert "Điều 20.2.LQ.1. Phạm vi điều chỉnh" in document.text.splitlines()


def test_phapdien_table_is_one_line_per_row() -> None:
    """As the page shows it: a row's cells side by side ("Vùng I | 5.310.000 | 25.500"), not one cell per
    line; the page source's own line breaks inside a paragraph are spaces."""
    html = (
        '<html><body><h3>Đề mục 20.2 Lao động</h3><div class="_content">'
        '<p class="pDieu">Điều 20.2.NĐ.8.3. Mức lương tối thiểu</p>'
        '<p class="pGhiChu">(Điều 3 Nghị định số 293/2025/NĐ-CP)</p>'
        "<p>1. Quy định mức lương tối thiểu\ntheo vùng như sau:</p>"
        '<table border="1"><tbody><tr>\n<td>\n<p>Vùng</p>\n</td>\n<td><p>Mức lương tối thiểu tháng<br />\n'
        "(Đơn vị: đồng/tháng)</p></td></tr>\n<tr><td><p>Vùng I</p></td>\n<td>\n<p>5.310.000</p></td></tr>"
        "</tbody></table><p>2. Danh mục địa bàn vùng.</p></div></body></html>"
    )
    lines = convert_bytes(html.encode("utf-8"), "de-muc.html").text.splitlines()
    assert "1. Quy định mức lương tối thiểu theo vùng như sau:" in lines
    assert "Vùng | Mức lương tối thiểu tháng (Đơn vị: đồng/tháng)" in lines
    assert "Vùng I | 5.310.000" in lines


# --- The dispatcher -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "path"),
    [
        (b"\x7fELF\x02\x01\x01" + bytes(100), "program"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "old.doc"),
        (bytes(range(1, 32)) * 20, "control.txt"),
        (b"Text with a NUL\x00 byte", "nul.txt"),
    ],
    ids=["elf", "ole-not-word", "control-chars", "nul"],
)
def test_binary_content_is_unsupported(data: bytes, path: str) -> None:
    assert _code(data, path) == "unsupported"


def test_images_are_recognised_by_content() -> None:
    """An image (whatever its name) is a scan for OCR: without an engine it is ``needs_ocr``, a broken one ``corrupt``."""
    assert _code(_png_bytes(), "image.txt") == "needs_ocr"
    assert _code(b"\xff\xd8\xff\xe0" + bytes(100), "photo.txt") == "corrupt"


@pytest.mark.parametrize("path", ["a.txt", "a.pdf", "a.docx", "a.html", "a"])
@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n ", b"\xef\xbb\xbf\n"], ids=["zero", "whitespace", "bom"])
def test_empty_files(data: bytes, path: str) -> None:
    assert _code(data, path) == "empty"


@needs_font
@pytest.mark.parametrize(
    ("make", "path", "fmt"),
    [
        (lambda: pdf_pages(PAGES[:1], page_numbers=True), "document.txt", "pdf"),
        (lambda: docx_bytes(_legal_docx), "document.bin", "docx"),
        (lambda: b"  <!doctype HTML><p>Dieu 1</p>", "document.txt", "html"),
        (lambda: b"<DIV>Dieu 1</DIV>", "document", "html"),
        (lambda: "Điều 1. <p> trong văn bản".encode(), "document.html", "html"),
        (lambda: "Điều 1. Phạm vi".encode(), "document.html", "txt"),
        (lambda: "Điều 1. Phạm vi".encode(), "document.pdfx", "txt"),
    ],
)
def test_dispatch_by_content_not_extension(make, path: str, fmt: str) -> None:
    assert convert_bytes(make(), path).format == fmt


def test_legacy_text_file_is_decoded_and_says_so() -> None:
    document = convert_bytes(encode_legacy(SENTENCE, "tcvn3"), "cu.txt")
    assert document.text == SENTENCE
    assert document.warnings == ["decoded from tcvn3"]


def test_size_limit(tmp_path: Path) -> None:
    data = "Điều 1. Phạm vi điều chỉnh".encode()
    assert _code(data, "a.txt", max_bytes=len(data) - 1) == "too_large"
    assert convert_bytes(data, "a.txt", max_bytes=len(data)).format == "txt"
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    with pytest.raises(ConversionError) as error:
        convert_file(path, max_bytes=5)
    assert error.value.code == "too_large"
    with pytest.raises(ValueError, match="max_bytes"):
        convert_bytes(data, "a.txt", max_bytes=0)


def test_convert_file_reads_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "trang.html"
    path.write_bytes(PAGE.encode("utf-8"))
    document = convert_file(path)
    assert document.source_path == str(path)
    assert "Điều 1. Phạm vi điều chỉnh" in document.text


def test_supported_suffixes() -> None:
    assert {
        ".pdf",
        ".docx",
        ".html",
        ".htm",
        ".txt",
        ".md",
        ".doc",
        ".rtf",
        ".jpg",
        ".jpeg",
        ".png",
        ".tif",
        ".tiff",
    } == set(SUPPORTED_SUFFIXES)


CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.mark.parametrize(
    ("name", "fmt", "expected"),
    [
        ("phapdien/de-muc-20.2-lao-dong.html", "phapdien", "Điều 20.2.LQ.1. Phạm vi điều chỉnh"),
        ("directives/bo-luat-45-2019-QH14-lao-dong.txt", "txt", "Điều 1. Phạm vi điều chỉnh"),
    ],
)
def test_bundled_corpus_converts(name: str, fmt: str, expected: str) -> None:
    document = convert_file(CORPUS / name)
    assert document.format == fmt
    assert expected in clean_document_text(document.text)


# --- The official layout (Nghị định 30/2020/NĐ-CP) --------------------------------------------------


def test_docx_text_box_gives_its_lines_where_it_is_anchored() -> None:
    """An agency or number drawn in a text box (VML, as Word 2003 and LibreOffice write it) is read."""
    from docx.oxml import parse_xml

    document = docx.Document()
    anchor = document.add_paragraph()
    box = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
        "<w:p><w:r><w:t>BAN THƯỜNG VỤ</w:t></w:r></w:p><w:p><w:r><w:t>Số: 12/KH-LĐLĐ</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    anchor._p.append(parse_xml(box))
    document.add_paragraph("KẾ HOẠCH")
    out = io.BytesIO()
    document.save(out)
    lines = convert_docx(out.getvalue(), "box.docx").text.splitlines()
    assert lines[:3] == ["BAN THƯỜNG VỤ", "Số: 12/KH-LĐLĐ", ""] and "KẾ HOẠCH" in lines


@pytest.mark.parametrize(
    "header",
    [
        # columns side by side on one extracted line, as some PDF producers give them
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH TÂY NINH      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "BAN THƯỜNG VỤ      Độc lập - Tự do - Hạnh phúc\n"
        "Số: 439 /KH – LĐLĐ      Tây Ninh, ngày 09 tháng 5 năm 2023\n",
        # a DOCX header table read row by row, cells joined by " | "
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH TÂY NINH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "BAN THƯỜNG VỤ | Độc lập - Tự do - Hạnh phúc\nSố: 439 /KH – LĐLĐ | Tây Ninh, ngày 09 tháng 5 năm 2023\n",
        # one space between the columns only: the motto and the date still start the right column
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH TÂY NINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "BAN THƯỜNG VỤ Độc lập - Tự do - Hạnh phúc\nSố: 439 /KH – LĐLĐ Tây Ninh, ngày 09 tháng 5 năm 2023\n",
    ],
)
def test_header_identity_whatever_the_columns(header: str) -> None:
    from ingest.metadata import read_header

    text = (
        header
        + "KẾ HOẠCH\nThực hiện công tác dân vận chính quyền năm 2023\nThực hiện Kế hoạch số 68-KH/BDVTU-BCSĐUBND.\n"
    )
    h = read_header(clean_document_text(text))
    assert (h.number, h.doc_type, h.date) == ("439/KH-LĐLĐ", "Kế hoạch", "2023-05-09")
    assert h.issuer == "Ban Thường vụ Liên đoàn Lao động tỉnh Tây Ninh"
    assert h.title == "Thực hiện công tác dân vận chính quyền năm 2023"


def test_a_number_in_the_body_is_never_the_documents_own() -> None:
    from ingest.metadata import read_header

    h = read_header(
        "KẾ HOẠCH\nTổ chức hội thao\nThực hiện Kế hoạch số 68-KH/BDVTU-BCSĐUBND ngày 27/02/2023.\n"
        "Kế hoạch số: 12/KH-TU nói trên.\n"
    )
    assert h.number is None and h.doc_type == "Kế hoạch"


def test_tool_wrapper_turns_failures_into_errors() -> None:
    from ingest.tools import ToolFailed, ToolMissing, ToolTimeout
    from ingest.tools.process import Tool

    with pytest.raises(ToolMissing, match="apt-get install some-package"):
        Tool("no-such-program-here", "some-package").run(["no-such-program-here"], timeout=5)
    with pytest.raises(ToolFailed, match="exited with 3: boom"):
        Tool("sh", "dash").run(["sh", "-c", "echo boom >&2; exit 3"], timeout=5)
    with pytest.raises(ToolTimeout):
        Tool("sleep", "coreutils").run(["sleep", "5"], timeout=0.2)
    with pytest.raises(ValueError, match="-1"):
        Tool("true", "coreutils").run(["true"], timeout=-1)
