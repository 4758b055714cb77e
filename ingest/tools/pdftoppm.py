"""Poppler's ``pdftoppm``: render PDF pages as PNG images for OCR.

>>> pngs = render(Path("scan.pdf").read_bytes(), dpi=300, pages=[2])  # doctest: +SKIP
"""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ingest.tools.process import Tool

__all__ = ["PDFTOPPM", "render", "version"]

PDFTOPPM = Tool("pdftoppm", "poppler-utils")
DEFAULT_TIMEOUT = 120.0  # per page


@functools.cache
def version() -> str:
    done = PDFTOPPM.run(["pdftoppm", "-v"], timeout=30)
    return (done.stderr or done.stdout).decode().strip().splitlines()[0]


def render(
    pdf: bytes,
    *,
    dpi: int = 300,
    pages: Sequence[int] | None = None,
    gray: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
) -> list[bytes]:
    """PNG bytes of each page in ``pages`` (1-based; default all), in order."""
    if not 50 <= dpi <= 1200:
        raise ValueError(f"dpi must be between 50 and 1200, got {dpi}")
    version()
    with tempfile.TemporaryDirectory(prefix="tracuu-pdftoppm-") as work:
        source = Path(work) / "in.pdf"
        source.write_bytes(pdf)
        color = ["-gray"] if gray else []
        if pages is None:
            PDFTOPPM.run(["pdftoppm", "-r", str(dpi), *color, "-png", str(source), f"{work}/p"], timeout=timeout * 50)
            return [p.read_bytes() for p in sorted(Path(work).glob("p-*.png"), key=_page_of)]
        out = []
        for number in pages:
            PDFTOPPM.run(
                [
                    "pdftoppm",
                    "-r",
                    str(dpi),
                    *color,
                    "-png",
                    "-f",
                    str(number),
                    "-l",
                    str(number),
                    "-singlefile",
                    str(source),
                    f"{work}/one",
                ],
                timeout=timeout,
            )
            out.append((Path(work) / "one.png").read_bytes())
        return out


def _page_of(path: Path) -> int:
    return int(path.stem.rsplit("-", 1)[1])
