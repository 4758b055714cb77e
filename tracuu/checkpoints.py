"""Named pause points on the ingest path, so a test can kill a real process at a known moment.

Outside tests nothing is set and a pause point costs one comparison. With two environment variables:

- ``TRACUU_PAUSE_AT=<point>``: the process that reaches ``<point>`` stops there for good;
- ``TRACUU_PAUSE_MARKER=<file>``: it first writes its pid to ``<file>`` (atomically), so the test
  knows the point is reached and can ``SIGKILL`` it.

The points, in ingest order (see ``tests/test_kill_ingest.py``):

- ``convert``: the first file is converted, the others are not;
- ``embed``: the first batch of new vectors is in the embedding cache, the rest are not computed;
- ``write``: the new generation's chunk records are on disk, its vectors and manifest are not;
- ``renamed``: the new generation is complete and renamed, ``current`` still points to the old one;
- ``linked``: the new ``current`` symlink exists under a temporary name, not yet swapped in;
- ``prune``: ``current`` is swapped and older generations removed, stale folders not yet.

>>> pause_point("convert")  # unset: returns at once
"""

from __future__ import annotations

import os
import time
from pathlib import Path

__all__ = ["POINTS", "pause_point"]

POINTS = ("convert", "embed", "write", "renamed", "linked", "prune")

_AT = os.environ.get("TRACUU_PAUSE_AT") or None
if _AT is not None and _AT not in POINTS:
    raise ValueError(f"TRACUU_PAUSE_AT={_AT!r} is not a pause point; use one of {', '.join(POINTS)}")


def pause_point(name: str) -> None:
    """Stop here for good when ``TRACUU_PAUSE_AT`` names this point; otherwise do nothing."""
    if _AT is not None and name == _AT:
        _pause()


def _pause() -> None:
    marker = os.environ.get("TRACUU_PAUSE_MARKER")
    if marker:
        tmp = Path(f"{marker}.{os.getpid()}.tmp")
        tmp.write_text(str(os.getpid()), encoding="utf-8")
        os.replace(tmp, marker)
    while True:  # until killed
        time.sleep(60)
