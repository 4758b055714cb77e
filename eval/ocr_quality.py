"""Character error rate of OCR against the text it was printed from.

Both sides are compared as the index stores them (normalised), with runs of white space as one space:
line breaks are layout, not characters read.

>>> round(character_error_rate("Tây Ninh", "Tây Ninb"), 3)
0.125
"""

from __future__ import annotations

import re

from tracuu.text.normalize import clean_document_text

__all__ = ["character_error_rate", "edit_distance"]


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions), O(len(a)·len(b)) time, O(len(b)) memory."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", clean_document_text(text)).strip()


def character_error_rate(reference: str, recognised: str) -> float:
    """Edits needed to turn the recognised text into the reference, per reference character."""
    ref, got = _flat(reference), _flat(recognised)
    return edit_distance(ref, got) / max(len(ref), 1)
