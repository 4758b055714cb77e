"""URL-safe identifiers from Vietnamese names and numbers: ``04/2015/NĐ-CP`` → ``04-2015-nd-cp``."""

from __future__ import annotations

import re

from tracuu.text.normalize import fold

__all__ = ["slugify"]


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "tai-lieu"
