"""Domain errors of the index; the service turns them into HTTP errors at the edge."""

__all__ = ["IndexMissing", "IndexMismatch"]


class IndexMissing(FileNotFoundError):
    """No complete index at the given location (run ``tracuu ingest``)."""


class IndexMismatch(ValueError):
    """The index was built with settings the current code or configuration cannot use."""
