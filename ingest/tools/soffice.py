"""LibreOffice, headless: convert Word 97-2003 ``.doc`` and RTF to ``.docx`` (and, for tests, to PDF).

>>> docx_bytes = to_format(Path("ke-hoach.doc").read_bytes(), ".doc", "docx")  # doctest: +SKIP

Each process keeps its own LibreOffice profile (the first start builds it, ~3 s; later ones reuse it),
and calls are serialised: two conversions on one profile would block each other.
"""

from __future__ import annotations

import functools
import os
import tempfile
import threading
from pathlib import Path

from ingest.tools.process import Tool, ToolFailed

__all__ = ["SOFFICE", "to_format", "version"]

SOFFICE = Tool("soffice", "libreoffice-writer-nogui")
DEFAULT_TIMEOUT = 180.0
_LOCK = threading.Lock()


@functools.cache
def version() -> str:
    """``LibreOffice 7.4.7.2 …``, checked once per process (also proves the program starts)."""
    return SOFFICE.run(["soffice", "--headless", "--version"], timeout=60).stdout.decode().strip()


def _profile() -> Path:
    folder = Path(tempfile.gettempdir()) / f"tracuu-libreoffice-{os.getuid()}-{os.getpid()}"
    folder.mkdir(exist_ok=True)
    return folder


def to_format(data: bytes, suffix: str, target: str, *, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """Convert a document given as ``data`` (named ``input<suffix>`` for LibreOffice) to ``target``
    (``docx``, ``pdf``, ``doc`` …) and return the new file's bytes."""
    version()
    with _LOCK, tempfile.TemporaryDirectory(prefix="tracuu-soffice-") as work:
        source = Path(work) / f"input{suffix}"
        source.write_bytes(data)
        out = Path(work) / "out"
        SOFFICE.run(
            [
                "soffice",
                "--headless",
                "--norestore",
                "--nologo",
                f"-env:UserInstallation={_profile().as_uri()}",
                "--convert-to",
                target,
                "--outdir",
                str(out),
                str(source),
            ],
            timeout=timeout,
        )
        result = out / f"input.{target.split(':')[0]}"
        if not result.exists():  # LibreOffice exits 0 when it could not read the input
            raise ToolFailed(SOFFICE.name, SOFFICE.package, f"LibreOffice could not convert the {suffix} file")
        return result.read_bytes()
