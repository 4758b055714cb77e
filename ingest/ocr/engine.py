"""Pages → text with Tesseract: render (PDF pages at ``dpi``), straighten, recognise, in parallel, cached.

>>> engine = OcrEngine(cache_path=Path("var/index/ocr-cache.sqlite"))  # doctest: +SKIP
>>> result = engine.read_pdf(Path("ban-scan.pdf").read_bytes(), pages=[1, 2], file_hash="…")  # doctest: +SKIP
>>> result.pages[0].confidence  # doctest: +SKIP
91.3

A page whose first reading is poor is checked for a quarter turn (Tesseract's orientation detection)
and read again if it was turned: upright pages, the usual case, pay for one reading only.
"""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image

from ingest.converters.wrapped import rejoin
from ingest.ocr.cache import OcrCache
from ingest.ocr.deskew import has_ink, straighten
from ingest.tools import pdftoppm, tesseract

__all__ = ["OcrEngine", "OcrResult", "PageText", "Progress"]

_CLEANING_VERSION = "1"  # bump when straightening or line joining changes: cached pages are re-read
from ingest.ocr.options import Progress  # noqa: E402  (one definition, shared with the options)


@dataclass(frozen=True)
class PageText:
    page: int  # 1-based, in the file
    text: str  # one line per paragraph or list item
    confidence: float  # Tesseract's mean word confidence, 0–100
    rotated: int  # quarter turn corrected, degrees clockwise
    skew: float  # small tilt corrected, degrees
    cached: bool = False


@dataclass(frozen=True)
class OcrResult:
    pages: list[PageText]

    def low_confidence(self, threshold: float) -> list[int]:
        return [p.page for p in self.pages if p.text and p.confidence < threshold]


class OcrEngine:
    """Settings of one OCR run; see the ``ocr_*`` settings in ``tracuu.settings``."""

    def __init__(
        self,
        *,
        lang: str = "vie",
        dpi: int = 300,
        workers: int | None = None,
        cache_path: Path | None = None,
        min_confidence: float = 60.0,
        progress: Progress | None = None,
    ) -> None:
        if not 100 <= dpi <= 600:
            raise ValueError(f"dpi must be between 100 and 600, got {dpi}")
        if workers is not None and workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        if not 0 <= min_confidence <= 100:
            raise ValueError(f"min_confidence must be between 0 and 100, got {min_confidence}")
        self.lang, self.dpi, self.min_confidence = lang, dpi, min_confidence
        self.workers = workers or os.cpu_count() or 1
        self.cache = OcrCache(cache_path)
        self.progress = progress

    def fingerprint(self) -> str:
        return f"{tesseract.version()}|{self.lang}|{self.dpi}|{_CLEANING_VERSION}"

    def read_pdf(self, pdf: bytes, pages: list[int], file_hash: str) -> OcrResult:
        """OCR ``pages`` (1-based) of a PDF; pages are rendered inside the workers, one at a time."""

        def image_of(number: int) -> Image.Image:
            return Image.open(io.BytesIO(pdftoppm.render(pdf, dpi=self.dpi, pages=[number])[0]))

        return self._read(pages, image_of, file_hash)

    def read_images(self, frames: list[Image.Image], file_hash: str) -> OcrResult:
        """OCR already decoded images (the frames of a JPEG, PNG or TIFF file), page 1 first."""
        return self._read(list(range(1, len(frames) + 1)), lambda n: frames[n - 1], file_hash)

    def _read(self, pages: list[int], image_of: Callable[[int], Image.Image], file_hash: str) -> OcrResult:
        fingerprint = self.fingerprint()  # also fails fast, once, when Tesseract is missing
        done = 0
        lock = threading.Lock()

        def one(number: int) -> PageText:
            nonlocal done
            key = f"{file_hash}|{number}|{fingerprint}"
            hit = self.cache.get(key)
            page = PageText(**{**hit, "cached": True}) if hit else self._recognise(number, image_of(number))
            if not hit:
                self.cache.put(key, {k: v for k, v in asdict(page).items() if k != "cached"})
            with lock:
                done += 1
                if self.progress:
                    self.progress(done, len(pages))
            return page

        with ThreadPoolExecutor(max_workers=min(self.workers, max(len(pages), 1))) as pool:
            return OcrResult(list(pool.map(one, pages)))

    def _recognise(self, number: int, image: Image.Image) -> PageText:
        if not has_ink(image):
            return PageText(number, "", 0.0, 0, 0.0)
        page, skew = straighten(image)
        result = tesseract.recognise(_png(page), lang=self.lang)
        rotated = 0
        if result.confidence < self.min_confidence:
            turn = tesseract.orientation(_png(image))
            if turn:
                page, skew = straighten(image, quarter_turns_cw=turn // 90)
                again = tesseract.recognise(_png(page), lang=self.lang)
                if again.confidence > result.confidence:
                    result, rotated = again, turn
        return PageText(number, _text(result), round(result.confidence, 1), rotated, skew)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _text(page: tesseract.OcrPage) -> str:
    """Lines of each Tesseract paragraph rejoined where the layout wrapped them, a paragraph per line;
    two columns side by side (the official header, the signature block) read left column first."""
    widest = max((ln.width for ln in page.lines), default=1) or 1
    lines: list[tuple[str, float]] = []
    previous = None
    for group in _column_groups(page.lines):
        if isinstance(group, list):  # a two-column region: every piece on its own line
            lines.append(("", 0.0))
            lines.extend((text, 0.0) for text in group)
            previous = None
            continue
        ln = group
        if previous is not None and (ln.block, ln.paragraph) != previous:
            lines.append(("", 0.0))  # a new paragraph: never joined to the last line of the previous one
        lines.append((ln.text, ln.width / widest))
        previous = (ln.block, ln.paragraph)
    return "\n".join(rejoin(lines))


def _column_groups(lines: list[tesseract.OcrLine]) -> list:
    """Runs of lines with pieces far apart become one list: left pieces top to bottom, then right ones.
    A short line inside the run (a "Nơi nhận" item) goes to the column its left edge falls in."""
    widest = max((ln.width for ln in lines), default=1) or 1

    def joins_region(j: int) -> bool:
        if lines[j].pieces:
            return True
        short = lines[j].width < 0.6 * widest
        return short and any(ln.pieces for ln in lines[j + 1 : j + 4])

    out: list = []
    i = 0
    while i < len(lines):
        if not lines[i].pieces:
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and joins_region(j):
            j += 1
        region = lines[i:j]
        cut = min(ln.pieces[1][1] for ln in region if ln.pieces)  # where the right column begins
        left: list[str] = []
        right: list[str] = []
        for ln in region:
            for text, a, _ in ln.pieces or ((ln.text, ln.left, ln.left + ln.width),):
                (right if a >= cut - 0.02 * widest else left).append(text)
        out.append(left + right)
        i = j
    return out
