"""The title of the article a chunk belongs to: "Điều 20. Loại hợp đồng lao động" → "Loại hợp đồng lao động".

An article's chunks carry its heading either as their first line (the first chunk) or among their
headings (the later ones). A Bộ Pháp điển heading ends with the note naming its source, which is not
part of the title.

>>> article_title_of("Điều 20.2.LQ.20. Loại hợp đồng lao động (Điều 20 Bộ luật số 45/2019/QH14, có hiệu lực …)")
'Loại hợp đồng lao động'
>>> article_title_of("1. Hợp đồng lao động phải được giao kết …") is None
True
"""

from __future__ import annotations

import re

from tracuu.document.structure import SOURCE_NOTE_ARTICLE
from tracuu.models import ChunkRecord
from tracuu.text.legal import ARTICLE_ID

__all__ = ["article_title", "article_title_of"]

_HEADING = re.compile(rf"Điều\s+{ARTICLE_ID}\.\s+([^\n]{{1,300}})")
# "(Điều 20 Bộ luật số …, có hiệu lực …)" and what follows it (a heading line cut short ends inside it).
_SOURCE_NOTE = re.compile(rf"\s*\({SOURCE_NOTE_ARTICLE}.*$")
_LONGEST = 200  # a "title" longer than this is an article whose body starts on its heading line


def article_title_of(line: str) -> str | None:
    m = _HEADING.match(line)
    if m is None:
        return None
    title = _SOURCE_NOTE.sub("", m.group(1)).strip().rstrip(".")
    return title if 0 < len(title) <= _LONGEST else None


def article_title(chunk: ChunkRecord) -> str | None:
    if chunk.article is None:
        return None
    for line in (chunk.text.split("\n", 1)[0], *reversed(chunk.headings)):
        title = article_title_of(line)
        if title is not None:
            return title
    return None
