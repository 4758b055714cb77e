"""Tesseract 5: recognise one page image, with words, lines and confidences from its TSV output.

>>> page = recognise(Path("trang-1.png").read_bytes(), lang="vie")  # doctest: +SKIP
>>> page.lines[0].text, round(page.confidence)  # doctest: +SKIP
('LIÊN ĐOÀN LAO ĐỘNG TỈNH TÂY NINH', 91)

Each call is one process limited to one thread (``OMP_THREAD_LIMIT=1``): pages run in parallel, one
per core, which is faster on few cores than Tesseract's own threads on one page.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass

from ingest.tools.process import Tool, ToolFailed, ToolMissing

__all__ = ["TESSERACT", "OcrLine", "OcrPage", "orientation", "recognise", "version"]

TESSERACT = Tool("tesseract", "tesseract-ocr")
DEFAULT_TIMEOUT = 300.0
_ONE_THREAD = {"OMP_THREAD_LIMIT": "1"}
_ROTATE = re.compile(rb"Rotate:\s*(\d+)")
_ORIENTATION_CONFIDENCE = re.compile(rb"Orientation confidence:\s*([\d.]+)")


@dataclass(frozen=True)
class OcrLine:
    text: str
    block: int  # Tesseract's layout block and paragraph: lines of one paragraph share both
    paragraph: int
    left: int
    width: int
    confidence: float
    # The line cut where words stand far apart (two columns side by side): (text, left, right) each.
    pieces: tuple[tuple[str, int, int], ...] = ()


@dataclass(frozen=True)
class OcrPage:
    lines: list[OcrLine]
    confidence: float  # mean word confidence, 0–100, weighted by word length; 0 for a page without words
    width: int  # of the image, pixels


@functools.cache
def version() -> str:
    return TESSERACT.run(["tesseract", "--version"], timeout=30).stdout.decode().splitlines()[0].strip()


@functools.cache
def languages() -> frozenset[str]:
    done = TESSERACT.run(["tesseract", "--list-langs"], timeout=30)
    return frozenset(line.strip() for line in done.stdout.decode().splitlines()[1:] if line.strip())


def _check_language(lang: str) -> None:
    missing = [code for code in lang.split("+") if code not in languages()]
    if missing:
        package = " ".join(f"tesseract-ocr-{code}" for code in missing)
        raise ToolMissing(
            TESSERACT.name, package, f"Tesseract has no {'+'.join(missing)} data: apt-get install {package}"
        )


def recognise(image: bytes, *, lang: str = "vie", psm: int = 3, timeout: float = DEFAULT_TIMEOUT) -> OcrPage:
    """OCR a PNG/JPEG/TIFF image given as bytes (read from stdin)."""
    version()
    _check_language(lang)
    done = TESSERACT.run(
        ["tesseract", "-", "-", "-l", lang, "--psm", str(psm), "tsv"], timeout=timeout, env=_ONE_THREAD, input=image
    )
    return _parse_tsv(done.stdout.decode("utf-8", "replace"))


def orientation(image: bytes, *, timeout: float = 60.0) -> int:
    """Degrees to rotate the image clockwise to make it upright (0, 90, 180, 270); 0 when unsure."""
    _check_language("osd")
    try:
        done = TESSERACT.run(["tesseract", "-", "-", "--psm", "0"], timeout=timeout, env=_ONE_THREAD, input=image)
    except ToolFailed:  # "Too few characters": nothing to orient by
        return 0
    rotate, confidence = _ROTATE.search(done.stdout), _ORIENTATION_CONFIDENCE.search(done.stdout)
    if rotate is None or confidence is None or float(confidence.group(1)) < 2.0:
        return 0
    return int(rotate.group(1)) % 360


_COLUMN_GAP = 0.03  # of the page width: wider than any gap between words of one column


def _pieces(words: list[dict[str, str]], page_width: int) -> tuple[tuple[str, int, int], ...]:
    pieces: list[list] = []
    for w in words:
        left, right = int(w["left"]), int(w["left"]) + int(w["width"])
        if pieces and left - pieces[-1][2] < _COLUMN_GAP * page_width:
            pieces[-1][0] += " " + w["text"].strip()
            pieces[-1][2] = right
        else:
            pieces.append([w["text"].strip(), left, right])
    return tuple((t, a, b) for t, a, b in pieces) if len(pieces) > 1 else ()


def _is_word(row: dict[str, str]) -> bool:
    """Not a speck read as "_", "|" or "ˆ": punctuation alone is kept only when Tesseract is sure of it."""
    text = (row.get("text") or "").strip()
    return bool(text) and (any(ch.isalnum() for ch in text) or float(row["conf"]) >= 60)


def _parse_tsv(tsv: str) -> OcrPage:
    rows = list(csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE))
    width = next((int(r["width"]) for r in rows if r["level"] == "1"), 0)
    lines: dict[tuple[int, int, int], list[dict[str, str]]] = {}
    for r in rows:
        if r["level"] == "5" and _is_word(r):
            lines.setdefault((int(r["block_num"]), int(r["par_num"]), int(r["line_num"])), []).append(r)
    out, weighted, letters = [], 0.0, 0
    for (block, par, _), words in lines.items():
        confs = [max(float(w["conf"]), 0.0) for w in words]
        sizes = [len(w["text"].strip()) for w in words]
        left = min(int(w["left"]) for w in words)
        right = max(int(w["left"]) + int(w["width"]) for w in words)
        text = " ".join(w["text"].strip() for w in words)
        line_conf = sum(c * s for c, s in zip(confs, sizes, strict=True)) / max(sum(sizes), 1)
        out.append(OcrLine(text, block, par, left, right - left, line_conf, _pieces(words, width)))
        weighted += line_conf * sum(sizes)
        letters += sum(sizes)
    return OcrPage(out, weighted / letters if letters else 0.0, width)
