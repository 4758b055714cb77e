"""External programs a format needs (LibreOffice, Tesseract, Poppler), one module per tool.

Each runs its tool as a bounded subprocess and turns missing programs, time-outs and exit codes into
:class:`ToolError` subclasses, so a file whose tool is missing or fails is one failed file, never a crash.
"""

from ingest.tools.process import ToolError, ToolFailed, ToolMissing, ToolTimeout

__all__ = ["ToolError", "ToolFailed", "ToolMissing", "ToolTimeout"]
