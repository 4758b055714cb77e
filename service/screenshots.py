"""Screenshots of the web page at desktop and phone widths: ``python -m service.screenshots --out screenshots/``.

Starts ``tracuu serve`` on a free loopback port against an index (default: the settings' index,
``TRACUU_INDEX_DIR`` or ``var/index``), drives the system Chromium, and writes one PNG per page and
width: ``ask``, ``document`` (the first source of the answer, highlighted), ``cited`` (a document known
only from citations), ``deadlines``, ``targets``, ``citations`` × ``desktop`` (1280×800), ``phone`` (390×844).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from service.browser import DESKTOP, PHONE, BrowserUnavailable, open_browser
from service.local_server import LocalServer

if TYPE_CHECKING:
    from playwright.sync_api import Page

__all__ = ["main", "take_screenshots", "serve"]

QUESTION = "Hạn chót báo cáo kết quả công tác dân vận chính quyền năm 2023 về UBND tỉnh?"
CITED_DOC = "23-qd-tw"


@contextmanager
def serve(index: Path | None, timeout: float = 120) -> Iterator[str]:
    """``tracuu serve`` in a subprocess on loopback; yields its base URL once /health answers."""
    with LocalServer(index, timeout=timeout) as server:
        yield server.base


def take_screenshots(base: str, out: Path, full_page: bool = False) -> list[Path]:
    """Save the PNGs of every page at both widths under ``out``; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with open_browser() as browser:
        for width_name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page = browser.new_page(viewport=viewport)
            saved.extend(_shoot_pages(page, base, out, width_name, full_page))
            page.close()
    return saved


def _shoot_pages(page: Page, base: str, out: Path, width_name: str, full_page: bool) -> list[Path]:
    saved: list[Path] = []

    def shot(name: str, whole: bool = full_page) -> None:
        path = out / f"{name}-{width_name}.png"
        page.screenshot(path=str(path), full_page=whole)
        saved.append(path)

    page.goto(f"{base}/?q={quote(QUESTION)}")
    page.wait_for_selector("#sources .card")
    shot("ask")
    page.click("#sources .card h3 a")
    page.wait_for_selector("#doc-text mark.hl")
    shot("document", whole=False)  # the highlighted passage in view, as an officer lands on it
    for name, path in (
        ("cited", f"/documents/{CITED_DOC}"),
        ("deadlines", "/deadlines"),
        ("targets", "/targets"),
        ("citations", "/citations"),
    ):
        page.goto(base + path)
        shot(name)
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m service.screenshots", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=Path("screenshots"), help="folder for the PNGs (default: screenshots/)"
    )
    parser.add_argument("--index", type=Path, help="index folder (default: TRACUU_INDEX_DIR or var/index)")
    parser.add_argument("--base-url", help="use a server that is already running instead of starting one")
    parser.add_argument("--full-page", action="store_true", help="whole pages instead of the first screenful")
    args = parser.parse_args(argv)
    try:
        if args.base_url:
            saved = take_screenshots(args.base_url.rstrip("/"), args.out, args.full_page)
        else:
            with serve(args.index) as base:
                saved = take_screenshots(base, args.out, args.full_page)
    except (BrowserUnavailable, RuntimeError, TimeoutError) as e:
        print(f"screenshots: {e}", file=sys.stderr)
        return 1
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
