"""Plan 439/KH-LĐLĐ as officers receive it, made with real tools: a DOCX in the official layout of
Nghị định 30/2020/NĐ-CP (python-docx: header table, body, signature table with "Nơi nhận"), the same
file saved by LibreOffice as Word 97 ``.doc`` and as PDF, and that PDF rasterised, tilted a little and
noised (Pillow), saved as an image-only PDF and as a JPEG photo of its first page.

The body is a short excerpt of the real plan (corpus/plans/439-KH-LDLD-2023.txt) that keeps what the
questions need — its bases ("Thực hiện …"), a target, the assignment, the deadline, "Nơi nhận" and the
signer — on one page, so that OCR in the tests reads two pages in all (the scan and the photo).
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from PIL import Image, ImageFilter

PLAN = Path(__file__).resolve().parent.parent / "corpus" / "plans" / "439-KH-LDLD-2023.txt"  # the real plan
LEFT = ["LIÊN ĐOÀN LAO ĐỘNG TỈNH TÂY NINH", "BAN THƯỜNG VỤ", "Số: 439 /KH – LĐLĐ"]
RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Tây Ninh, ngày 09 tháng 5 năm 2023"]
TYPE, TITLE = "KẾ HOẠCH", "Thực hiện công tác dân vận chính quyền năm 2023"
SIGNATURE = ["TM. BAN THƯỜNG VỤ", "PHÓ CHỦ TỊCH", "", "", "Dương Đại Lộc"]
EXPECTED = {
    "number": "439/KH-LĐLĐ",
    "doc_type": "Kế hoạch",
    "date": "2023-05-09",
    "title": TITLE,
    "issuer": "Ban Thường vụ Liên đoàn Lao động tỉnh Tây Ninh",
    "signer": "Dương Đại Lộc",
}
# Lines of the plan's body kept in the excerpt (by how they begin), in the plan's order.
_KEEP = (
    "Thực hiện Chương trình phối hợp",
    "Thực hiện Kế hoạch số 68",
    "Ban Thường vụ Liên đoàn Lao động tỉnh xây",
    "III. MỘT SỐ CHỈ TIÊU",
    "6. Phần đầu 60%",
    "IV. TỔ CHỨC THỰC HIỆN",
    "1. Liên đoàn Lao động tỉnh.",
    "- Giao Ban Chính sách",
    "- Phân công thường trực",
    "Trên đây là",
)


def plan_lines(full: bool = False) -> tuple[list[str], list[str]]:
    """(body paragraphs of the excerpt, or of the whole plan; "Nơi nhận" lines), in the plan's own words."""
    lines = [ln.strip().replace("**", "") for ln in PLAN.read_text(encoding="utf-8").splitlines()]
    start = lines.index("Nơi nhận:")
    if full:
        body = [ln for ln in lines[lines.index(TITLE) + 1 : start] if ln]
    else:
        body = [ln for ln in lines if ln.startswith(_KEEP)]
    recipients = [ln for ln in lines[start : start + 6] if ln]
    return body, recipients


def plan_text() -> str:
    """The excerpt as a plain text file, laid out as the corpus file is (the reference for every format)."""
    body, recipients = plan_lines()
    parts = [*LEFT, *RIGHT, TYPE, TITLE, *body, *recipients, *[s for s in SIGNATURE if s]]
    return "\n\n".join(parts) + "\n"


def _layout_table(document, columns: list[list[str]], *, bold_right: bool = False):
    table = document.add_table(rows=1, cols=len(columns))
    for cell, lines in zip(table.rows[0].cells, columns, strict=True):
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
        for p in cell.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in p.runs:
                run.bold = bold_right and cell is table.rows[0].cells[-1]
    return table


def plan_docx(full: bool = False) -> bytes:
    """The excerpt (or the whole plan) in the official layout."""
    body, recipients = plan_lines(full)
    return official_docx(LEFT, RIGHT, TYPE, TITLE, body, recipients, SIGNATURE)


def official_docx(
    left: list[str],
    right: list[str],
    doc_type: str,
    title: str,
    body: list[str],
    recipients: list[str],
    signature: list[str],
) -> bytes:
    """A document in the layout of Nghị định 30/2020/NĐ-CP: header table (agency and number | motto and
    date), type and title, body, then a table of the recipients beside the signature."""
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "DejaVu Serif", Pt(10)
    _layout_table(document, [left, right])
    for text in (doc_type, title):
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(text).bold = True
    for line in body:
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _layout_table(document, [recipients, signature], bold_right=True)
    # Word always ends the body with a paragraph (a table last is lost by LibreOffice's .doc export); a
    # small one, so that it does not spill onto a second page.
    document.add_paragraph().paragraph_format.space_after = Pt(0)
    document.paragraphs[-1].add_run(" ").font.size = Pt(1)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def with_table(data: bytes, placeholder: str, rows: list[list[str]]) -> bytes:
    """The DOCX ``data`` with the body paragraph reading ``placeholder`` replaced by a Word table of ``rows``
    (a report's figures, a list of members), as officers' documents hold them."""
    document = docx.Document(io.BytesIO(data))
    paragraph = next(p for p in document.paragraphs if p.text == placeholder)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    paragraph._p.addnext(table._tbl)
    paragraph._p.getparent().remove(paragraph._p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rasterise(pdf: bytes, *, dpi: int = 200, tilt: float = 1.2, seed: int = 7) -> list[Image.Image]:
    """Each page as a grey scan: rendered by pdftoppm, rotated ``tilt`` degrees, blurred a little and noised."""
    from ingest.tools import pdftoppm

    rng = random.Random(seed)
    pages = []
    for png in pdftoppm.render(pdf, dpi=dpi):
        image = Image.open(io.BytesIO(png)).convert("L")
        image = image.rotate(tilt, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
        image = image.filter(ImageFilter.GaussianBlur(0.6))
        pixels = image.load()
        assert pixels is not None
        w, h = image.size
        for _ in range(w * h // 400):  # specks, as dust on the scanner glass
            pixels[rng.randrange(w), rng.randrange(h)] = rng.choice((0, 90, 255))
        pages.append(image)
    return pages


def image_pdf(pages: list[Image.Image], dpi: int = 200) -> bytes:
    """An image-only PDF (no text layer), as a scanner writes it."""
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return out.getvalue()


def jpeg(page: Image.Image) -> bytes:
    out = io.BytesIO()
    page.convert("RGB").save(out, "JPEG", quality=80)
    return out.getvalue()
