"""Generic HTML pages; Bộ Pháp điển pages go to :mod:`ingest.converters.phapdien`.

Scripts, styles, embedded frames and obvious page chrome (nav, the page's own header and footer)
are skipped; every block element (p, div, li, h1–h6, br, …) ends a line and each table row is one
line with its cells joined by `` | ``.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import webencodings
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from ingest.converters.base import ConversionError, ConvertedDocument
from ingest.converters.phapdien import convert_phapdien, looks_like_phapdien
from tracuu.text.encoding import decode_text
from tracuu.text.legacy import read_8bit, repair_legacy

__all__ = ["convert_html"]

_SKIP = {
    "script", "style", "noscript", "template", "iframe", "svg", "math", "object", "embed", "canvas",
    "nav", "select", "button", "input", "textarea", "head",
}  # fmt: skip
_CHROME = {"header", "footer"}  # skipped unless inside the article itself
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "search"}
_BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "tfoot", "thead", "ul",
}  # fmt: skip
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
# Labels that name no real decoder: "replacement" (ISO-2022-KR, HZ …) and x-user-defined are guessed instead.
_NOT_DECODERS = {"replacement", "x-user-defined"}
_SPACES = re.compile(r"[ \t\r\n\f\u00a0]+")


def _decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): a BOM first, then ``<meta charset>``, then the same guess as for text files."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        decoded = decode_text(data)
        return decoded.text, decoded.encoding
    declared = _META_CHARSET.search(data[:4096])
    codec = None
    if declared:
        # Only the WHATWG label table: any Python codec name (punycode is quadratic, rot13 is a joke)
        # would otherwise decode the page. Latin-1 and ASCII labels map to windows-1252 there.
        encoding = webencodings.lookup(declared.group(1).decode("ascii"))
        if encoding is not None and encoding.name not in _NOT_DECODERS:
            codec = encoding.codec_info.name
    if codec == "cp1252":
        return read_8bit(data), "cp1252"
    if codec == "cp1258":
        return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace")), "cp1258"
    if codec is not None and codec != "utf-8" and not codec.startswith("utf-16"):
        return data.decode(codec, errors="replace"), codec
    decoded = decode_text(data)  # UTF-8, or a declaration that lies: guess
    return decoded.text, decoded.encoding


def convert_html(data: bytes, path: str) -> ConvertedDocument:
    html, encoding = _decode(data)
    if looks_like_phapdien(html):
        return convert_phapdien(html, path)
    tree = HTMLParser(html)
    root = tree.body or tree.root
    lines = _render(root) if root is not None else []
    text = "\n".join(lines)
    if not text.strip():
        raise ConversionError("empty", "the HTML page has no text", path)
    warnings = [] if encoding in ("utf-8", "ascii") else [f"decoded from {encoding}"]
    repaired = repair_legacy(text)
    if repaired.warning:
        warnings.append(repaired.warning)
    title = _title(tree)
    meta = {"title": title} if title else {}
    return ConvertedDocument(repaired.text + "\n", path, "html", meta=meta, warnings=warnings)


def _skipped(node: Node) -> bool:
    tag = node.tag
    if tag in _SKIP or tag == "-comment":
        return True
    attributes = node.attributes
    if "hidden" in attributes or (attributes.get("role") or "") in _CHROME_ROLES:
        return True
    if "display:none" in (attributes.get("style") or "").replace(" ", "").lower():
        return True
    return tag in _CHROME and not _inside(node, {"article", "main"})


def _inside(node: Node, tags: set[str]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.parent
    return False


def _render(root: Node) -> list[str]:
    """Lines of visible text under ``root``; an explicit stack, since pages can nest deeper than recursion allows."""
    lines: list[str] = []
    buffer: list[str] = []
    preformatted = 0

    def flush() -> None:
        line = _SPACES.sub(" ", "".join(buffer)).strip()
        if line:
            lines.append(line)
        buffer.clear()

    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            flush()
            preformatted -= node.tag == "pre"
            continue
        tag = node.tag
        if tag == "-text":
            text = node.text_content or ""
            if preformatted:
                *complete, last = text.split("\n")
                for piece in complete:
                    buffer.append(piece)
                    flush()
                buffer.append(last)
            else:
                buffer.append(text)
            continue
        if _skipped(node):
            continue
        if tag == "br":
            flush()
            continue
        if tag == "tr":
            flush()
            row = _row(node)
            if row:
                lines.append(row)
            continue
        if tag in _BLOCKS:
            flush()
            preformatted += tag == "pre"
            stack.append((node, True))
        elif tag in ("td", "th"):
            buffer.append(" ")  # cells outside a <tr>: keep words apart
        stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))
    flush()
    return lines


def _row(row: Node) -> str:
    cells = [_inline_text(cell) for cell in row.iter(include_text=False) if cell.tag in ("td", "th")]
    while cells and not cells[-1]:
        cells.pop()
    return " | ".join(cells)


def _inline_text(node: Node) -> str:
    """All visible text under ``node`` on one line (nested blocks and tables become spaces)."""
    parts: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.tag == "-text":
            parts.append(current.text_content or "")
            continue
        if _skipped(current):
            continue
        parts.append(" ")
        stack.extend(reversed(list(current.iter(include_text=True))))
    return _SPACES.sub(" ", "".join(parts)).strip()


def _title(tree: HTMLParser) -> str:
    for selector in ("title", "h1"):
        node = tree.css_first(selector)
        if node is not None:
            title = _SPACES.sub(" ", node.text(deep=True)).strip()
            if title:
                return unicodedata.normalize("NFC", repair_legacy(title).text)
    return ""
