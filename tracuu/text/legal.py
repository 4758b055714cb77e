"""Is a text article-structured legislation (Điều 1, Điều 2 …) or a plan-like document?"""

from __future__ import annotations

import re

__all__ = ["ARTICLE_ID", "is_legal_text"]

ARTICLE_ID = r"\d+[a-z]?(?:\.[\dA-ZĐ]+)*"  # "5", "5a", codified "44.13.LQ.1"
_ARTICLE_LINE = re.compile(rf"(?m)^Điều\s+{ARTICLE_ID}\.?\s")


def is_legal_text(text: str) -> bool:
    """True for laws, decrees and codified chapters (at least two "Điều N." headings)."""
    return len(_ARTICLE_LINE.findall(text)) >= 2
