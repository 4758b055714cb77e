"""The on-disk index: self-describing generations swapped in atomically."""

from tracuu.index.errors import IndexMismatch, IndexMissing
from tracuu.index.store import IndexData, IndexManifest, load_index, write_index

__all__ = ["IndexData", "IndexManifest", "IndexMismatch", "IndexMissing", "load_index", "write_index"]
