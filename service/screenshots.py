"""Screenshots of the web page at desktop and phone widths: ``python -m service.screenshots --out screenshots/``.

Starts ``tracuu serve`` on a free loopback port against an index (default: the settings' index,
``TRACUU_INDEX_DIR`` or ``var/index``), drives the system Chromium, and writes one PNG per page and
width: ``ask``, ``document`` (the first source of the answer, highlighted), ``cited`` (a document known
only from citations), ``deadlines``, ``targets``, ``citations`` × ``desktop`` (1280×800), ``phone`` (390×844).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote
from urllib.request import urlopen

from service.browser import DESKTOP, PHONE, BrowserUnavailable, open_browser

__all__ = ["main", "take_screenshots", "serve"]

QUESTION = "Hạn chót báo cáo kết quả công tác dân vận chính quyền năm 2023 về UBND tỉnh?"
CITED_DOC = "23-qd-tw"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(index: Path | None, timeout: float = 120) -> Iterator[str]:
    """``tracuu serve`` in a subprocess on loopback; yields its base URL once /health answers."""
    port = _free_port()
    cmd = [sys.executable, "-m", "cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    if index is not None:
        cmd += ["--index", str(index)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=os.environ.copy())
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                err = proc.stderr.read().decode(errors="replace")[-2000:] if proc.stderr else ""
                raise RuntimeError(f"tracuu serve exited with {proc.returncode}:\n{err}")
            try:
                with urlopen(f"{base}/health", timeout=2) as r:
                    if b'"ok"' in r.read():
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"{base} not healthy after {timeout:.0f}s (is there an index?)")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def take_screenshots(base: str, out: Path, full_page: bool = False) -> list[Path]:
    """Save the PNGs of every page at both widths under ``out``; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with open_browser() as browser:
        for width_name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page = browser.new_page(viewport=viewport)

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
            for name, path in (("cited", f"/documents/{CITED_DOC}"), ("deadlines", "/deadlines"),
                               ("targets", "/targets"), ("citations", "/citations")):
                page.goto(base + path)
                shot(name)
            page.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m service.screenshots", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("screenshots"), help="folder for the PNGs (default: screenshots/)")
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
