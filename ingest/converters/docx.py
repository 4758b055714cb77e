"""Word ``.docx`` files, read with python-docx after a zip-bomb check.

The body is walked in document order, so a table stays between the paragraphs around it: each
paragraph is a line, each table row a line with its cells joined by `` | ``. The tables of the official
layout (Nghị định 30/2020/NĐ-CP) are read as the page shows them instead: the header table (agency and
"Số: …" on the left, motto and date on the right) and the signature table ("Nơi nhận" on the left,
"TM./KT." with the signer on the right) give one line per paragraph, column by column, so the identity
and the signer read as in any other format. Text boxes (an agency name or number drawn in a box) give
their paragraphs' lines where they are anchored.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

import docx
from docx.oxml.ns import qn
from lxml.etree import _Element

from ingest.converters.base import ConversionError, ConvertedDocument
from tracuu.text.legacy import repair_legacy

__all__ = ["DEFAULT_MAX_UNZIPPED_BYTES", "DEFAULT_MAX_RATIO", "convert_docx"]

DEFAULT_MAX_UNZIPPED_BYTES = 200_000_000
DEFAULT_MAX_RATIO = 100  # uncompressed : compressed, checked on members above _RATIO_FLOOR
_RATIO_FLOOR = 1_000_000  # small members compress absurdly well (empty XML) without harm
_MAX_MEMBERS = 10_000
_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_TXBX = qn("w:txbxContent")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Text of the official layout's header and signature blocks (a layout table holds one of these).
_LAYOUT_MARK = re.compile(
    r"CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|ĐẢNG CỘNG SẢN VIỆT NAM|Độc lập\s*-\s*Tự do|"
    r"^\s*Số\s*:|Nơi nhận|^\s*(?:TM|KT|Q|TL|TUQ)\.\s",
    re.M,
)
_MAX_LAYOUT_COLUMNS = 3
_WRAPPERS = {qn("w:sdt"): qn("w:sdtContent"), qn("w:customXml"): None}  # containers of body blocks
_SPACES = re.compile(r"\s+")


def convert_docx(
    data: bytes,
    path: str,
    *,
    max_unzipped_bytes: int = DEFAULT_MAX_UNZIPPED_BYTES,
    max_ratio: int = DEFAULT_MAX_RATIO,
) -> ConvertedDocument:
    if max_unzipped_bytes < 1 or max_ratio < 1:
        limits = f"max_unzipped_bytes={max_unzipped_bytes}, max_ratio={max_ratio}"
        raise ValueError(f"limits must be positive, got {limits}")
    _check_zip(data, path, max_unzipped_bytes=max_unzipped_bytes, max_ratio=max_ratio)
    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_body_lines(document.element.body))
        title = document.core_properties.title or ""
    except Exception as e:  # python-docx and lxml raise KeyError, ValueError, XMLSyntaxError …
        raise ConversionError("corrupt", f"unreadable DOCX: {e}", path) from e
    text = "\n".join(lines).strip()
    if not text:
        raise ConversionError("empty", "the DOCX has no text", path)
    warnings = []
    repaired = repair_legacy(text)
    if repaired.warning:
        warnings.append(repaired.warning)
    meta = {"title": title.strip()} if title.strip() else {}
    return ConvertedDocument(repaired.text + "\n", path, "docx", meta=meta, warnings=warnings)


def _check_zip(data: bytes, path: str, *, max_unzipped_bytes: int, max_ratio: int) -> None:
    """Refuse what is not a DOCX (``corrupt``) and zip bombs (``too_large``) before anything unzips.

    python-docx loads every member into memory, and zipfile stops at each member's declared size, so
    checking declared sizes is enough.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as e:
        raise ConversionError("corrupt", f"nội dung không phải DOCX / not a DOCX (not a zip: {e})", path) from e
    if "word/document.xml" not in {m.filename for m in members}:
        raise ConversionError("corrupt", "not a DOCX: the zip has no word/document.xml", path)
    if len(members) > _MAX_MEMBERS:
        raise ConversionError("too_large", f"the DOCX zip has {len(members)} members (limit {_MAX_MEMBERS})", path)
    total = sum(m.file_size for m in members)
    if total > max_unzipped_bytes:
        raise ConversionError(
            "too_large", f"the DOCX unzips to {total:,} bytes (limit {max_unzipped_bytes:,}): zip bomb?", path
        )
    for member in members:
        if member.file_size > _RATIO_FLOOR and member.file_size > max_ratio * max(member.compress_size, 1):
            ratio = member.file_size // max(member.compress_size, 1)
            raise ConversionError(
                "too_large", f"{member.filename} compresses {ratio}:1 (limit {max_ratio}:1): zip bomb?", path
            )


def _blocks(container: _Element) -> Iterator[_Element]:
    """Paragraphs and tables of ``container`` in order, looking inside content controls."""
    for child in container.iterchildren():
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag in _WRAPPERS:
            inner = _WRAPPERS[child.tag]
            content = child if inner is None else child.find(inner)
            if content is not None:
                yield from _blocks(content)


def _body_lines(body: _Element) -> Iterator[str]:
    for block in _blocks(body):
        if block.tag == _P:
            yield from _text_box_lines(block)
            yield block.text  # CT_P.text: runs and hyperlinks, <w:br/> as "\n", <w:tab/> as "\t"
        elif _is_layout_table(block):
            yield from _layout_lines(block)
        else:
            yield from _table_lines(block)


def _text_box_lines(paragraph: _Element) -> Iterator[str]:
    """Paragraphs of text boxes anchored in ``paragraph`` (a box is stored twice, as DrawingML and as a
    VML fallback: the fallback is skipped)."""
    for box in paragraph.iter(_TXBX):
        if any(a.tag == _FALLBACK for a in box.iterancestors()):
            continue
        for p in box.iter(_P):
            if p.text.strip():
                yield p.text


def _is_layout_table(table: _Element) -> bool:
    rows = [r for r in table.iter(_TR) if _owning_table(r) is table]
    if not rows or any(len(list(r.iterchildren(_TC))) > _MAX_LAYOUT_COLUMNS for r in rows):
        return False
    text = "\n".join(p.text for p in table.iter(_P))
    return _LAYOUT_MARK.search(text) is not None


def _layout_lines(table: _Element) -> Iterator[str]:
    """Column by column, top to bottom, one line per paragraph (blank paragraphs, the signature's room, dropped)."""
    rows = [[cell for cell in r.iterchildren(_TC)] for r in table.iter(_TR) if _owning_table(r) is table]
    for column in range(max(len(r) for r in rows)):
        for row in rows:
            if column < len(row):
                for p in row[column].iter(_P):
                    if p.text.strip():
                        yield p.text


def _table_lines(table: _Element) -> Iterator[str]:
    for row in table.iter(_TR):
        if row.getparent() is not None and _owning_table(row) is not table:
            continue  # a row of a nested table: already flattened into its cell
        cells = [_cell_text(cell) for cell in row.iterchildren(_TC)]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            yield " | ".join(cells)


def _owning_table(row: _Element) -> _Element | None:
    parent = row.getparent()
    while parent is not None and parent.tag != _TBL:
        parent = parent.getparent()
    return parent


def _cell_text(cell: _Element) -> str:
    # Read cell by cell rather than through python-docx's row.cells, which repeats merged cells.
    return _SPACES.sub(" ", " ".join(p.text for p in cell.iter(_P))).strip()
