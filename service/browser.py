"""Headless Debian Chromium driven by Playwright, for the web page tests and screenshots.

Playwright's own browser download is never used (it cannot be fetched here): we launch the system
``chromium`` (Debian package, installed by ``scripts/test-deps.sh``). Playwright gives every launch a
fresh temporary profile directory and removes it on close.

>>> with open_browser() as browser:  # doctest: +SKIP
...     page = browser.new_page(viewport={"width": 390, "height": 844})
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ViewportSize

__all__ = ["CHROMIUM_ARGS", "BrowserUnavailable", "find_chromium", "open_browser", "DESKTOP", "PHONE"]

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
PHONE: ViewportSize = {"width": 390, "height": 844}
_CANDIDATES = ("/usr/bin/chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromium-browser")


class BrowserUnavailable(RuntimeError):
    """Playwright or the system Chromium is missing; the message says how to get them."""


def find_chromium() -> Path:
    for candidate in (shutil.which("chromium"), *_CANDIDATES):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise BrowserUnavailable(
        "no system Chromium found: run `bash scripts/test-deps.sh` "
        "(apt-get install chromium) — Playwright's own browser download is not used"
    )


@contextmanager
def open_browser() -> Iterator[Browser]:
    """A headless Chromium (fresh profile), closed on exit."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as e:
        raise BrowserUnavailable("Playwright is not installed: pip install -e '.[test]'") from e
    executable = find_chromium()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(executable), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
