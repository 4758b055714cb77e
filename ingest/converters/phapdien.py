"""Bộ Pháp điển HTML pages (one đề mục): chapters, codified articles and their source notes.

Each ``p.pDieu`` heading ("Điều 20.2.NĐ.1.5. …") is followed by a ``p.pGhiChu`` note naming the
original document and article; the note is kept as its own line right under the heading so the
structure parser can attach it to the article as its source.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from ingest.converters.base import ConversionError, ConvertedDocument

__all__ = ["convert_phapdien", "looks_like_phapdien"]

_BLOCKS = {"p", "div", "tr", "li", "h1", "h2", "h3", "h4", "table"}


def looks_like_phapdien(html: str) -> bool:
    return "pDieu" in html and "pGhiChu" in html


def _text(node: Node) -> str:
    """A block's visible text: a line break where the page breaks one (``<br>``); the source's own line
    breaks are spaces, as a browser shows them."""
    parts = []
    for child in node.traverse(include_text=True):
        if child.tag == "-text":
            parts.append((child.text_content or "").replace("\n", " "))
        elif child.tag == "br":
            parts.append("\n")
        elif child.tag in ("td", "th"):
            parts.append(" ")
    return re.sub(r"[ \t\u00a0]+", " ", "".join(parts)).strip()


def convert_phapdien(html: str, path: str) -> ConvertedDocument:
    tree = HTMLParser(html)
    content = tree.css_first("div._content")
    if content is None:
        raise ConversionError("unsupported", "no Bộ Pháp điển content block (div._content)", path)
    heading = tree.css_first("h3")
    heading_text = _text(heading) if heading else ""
    code = re.search(r"Đề mục\s+([\d.]+)", heading_text)
    title = re.sub(r"^Đề mục\s+[\d.]+\s*", "", heading_text).strip()
    lines = [f"ĐỀ MỤC {code.group(1)}" if code else "ĐỀ MỤC", title.upper(), ""]
    for node in content.iter(include_text=False):
        lines.extend(_block_lines(node))
    text = "\n".join(lines)
    if not text.strip():
        raise ConversionError("empty", "the Bộ Pháp điển page has no articles", path)
    meta = {"doc_type": "Đề mục Pháp điển", "title": f"Đề mục {code.group(1)} {title}" if code else title}
    if code:
        meta["code"] = code.group(1)
    return ConvertedDocument(text, path, "phapdien", meta=meta)


def _block_lines(node: Node) -> list[str]:
    cls = node.attributes.get("class") or ""
    if node.tag == "table":
        # One line per row, its cells joined by " | " as the other converters write tables: "Vùng I |
        # 5.310.000 | 25.500" is one sentence a question about region I can be answered from.
        rows = [" | ".join(" ".join(_text(cell).split()) for cell in row.css("td, th")) for row in node.css("tr")]
        return [row for row in rows if row.strip(" |")] + [""]
    if node.tag not in _BLOCKS:
        return []
    nested = [child for child in node.iter(include_text=False) if child.tag in _BLOCKS]
    if nested and cls != "pGhiChu":
        out = []
        for child in nested:
            out.extend(_block_lines(child))
        return out
    text = _text(node)
    if not text:
        return []
    if cls in ("pChuong", "pDieu"):
        return ["", text]
    return [text]
