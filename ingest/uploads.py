"""Files added to the corpus through the admin API: checked by content, named safely, kept in one folder.

Whatever name a client sends, the stored name is built from it as ``<slug>.<suffix>``: the last path
component only (``/`` and ``\\`` both separate), NFKC-folded (full-width ``．．／`` becomes ``../``),
reduced to ``[a-z0-9-]`` and cut to 80 characters. The suffix is the format the *content* was found
to be, never the one the client claimed. So no name can leave the folder or hide from ``discover``,
and :meth:`UploadFolder.remove` still refuses any path that resolves outside it.

>>> folder = UploadFolder(Path("corpus/uploads"), max_bytes=50_000_000)  # doctest: +SKIP
>>> data = Path("nd.pdf").read_bytes()  # doctest: +SKIP
>>> checked = folder.check("../../Nghị định 145.PDF", data)  # doctest: +SKIP
>>> folder.store([(checked, io.BytesIO(data))], overwrite=False)[0].name  # doctest: +SKIP
'nghi-dinh-145.pdf'
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ingest.converters import ConversionError
from ingest.converters.image import IMAGE_MAGIC
from ingest.sandbox import SandboxLimits, convert_isolated
from ingest.tools import ToolError
from ingest.tools.tesseract import version as ocr_version
from tracuu.index.store import fsync_dir
from tracuu.text.slug import slugify

__all__ = [
    "UploadFolder",
    "CheckedFile",
    "StoredFile",
    "UploadRejected",
    "UploadExists",
    "NotAnUpload",
    "safe_filename",
    "FORMAT_SUFFIX",
]

log = logging.getLogger(__name__)

FORMAT_SUFFIX = {
    "pdf": ".pdf",
    "docx": ".docx",
    "html": ".html",
    "phapdien": ".html",
    "txt": ".txt",
    "doc": ".doc",
    "rtf": ".rtf",
    "png": ".png",
    "jpeg": ".jpg",
    "tiff": ".tif",
    "image": ".png",
}
_MAX_STEM = 80


class UploadRejected(Exception):
    """A file the corpus will not take; ``code`` is a converter code (``corrupt``, ``needs_ocr`` …)."""

    def __init__(self, filename: str, code: str, message: str) -> None:
        super().__init__(f"{filename}: {message} [{code}]")
        self.filename = filename
        self.code = code
        self.message = message


class UploadExists(Exception):
    """Files of these names are already stored (and replacing was not asked for)."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(f"already uploaded: {', '.join(names)}")
        self.names = names


class NotAnUpload(Exception):
    """The path is not a file of the upload folder, so the admin API will not delete it."""


@dataclass(frozen=True)
class CheckedFile:
    filename: str  # as the client sent it
    name: str  # the safe name it is stored under
    format: str  # what the content is: pdf, docx, doc, rtf, html, phapdien, txt, png, jpeg, tiff
    bytes: int
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class StoredFile:
    filename: str
    name: str
    path: Path
    format: str
    bytes: int
    replaced: bool


def safe_filename(filename: str, fmt: str) -> str:
    """``<slug of the last path component's stem><suffix of fmt>``; see the module docstring."""
    if fmt not in FORMAT_SUFFIX:
        raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMAT_SUFFIX)}")
    name = unicodedata.normalize("NFKC", filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    slug = slugify(stem)[:_MAX_STEM].strip("-") or "tai-lieu"
    return slug + FORMAT_SUFFIX[fmt]


class UploadFolder:
    """The upload folder; ``max_bytes`` is the largest file taken (the ``max_upload_bytes`` setting)."""

    def __init__(self, folder: Path, *, max_bytes: int, limits: SandboxLimits | None = None) -> None:
        if max_bytes < 1:
            raise ValueError(f"max_bytes must be positive, got {max_bytes}")
        self.folder = Path(folder).resolve()
        self.max_bytes = max_bytes
        self.limits = limits or SandboxLimits()

    def check(self, filename: str, data: bytes) -> CheckedFile:
        """Convert ``data`` as the ingest will (in a child process under the same limits), deciding by content
        only; raise :class:`UploadRejected`."""
        if len(data) > self.max_bytes:
            raise UploadRejected(filename, "too_large", f"{len(data):,} bytes (limit {self.max_bytes:,})")
        try:
            # A neutral name: the claimed extension decides nothing, not even strictness.
            converted, _ = convert_isolated(data, self.limits, name="upload", max_bytes=self.max_bytes)
        except ConversionError as e:
            if e.code == "needs_ocr":  # a scan or photo that opens: OCR runs in the ingest job, not in the request
                return self._scan(filename, data)
            raise UploadRejected(filename, e.code, e.message) from e
        except Exception as e:  # a converter bug must not become a 500: refuse the file, keep the trace
            log.exception("converter failed on upload %r", filename)
            raise UploadRejected(filename, "corrupt", f"unreadable file ({type(e).__name__})") from e
        return CheckedFile(
            filename, safe_filename(filename, converted.format), converted.format, len(data), tuple(converted.warnings)
        )

    def _scan(self, filename: str, data: bytes) -> CheckedFile:
        try:
            ocr_version()  # refuse now, naming the package, rather than fail in the job
        except ToolError as e:
            raise UploadRejected(filename, "tool_missing", f"{e.message} — cần cài gói {e.package}") from e
        fmt = next((kind for magic, kind in IMAGE_MAGIC if data.startswith(magic)), "pdf")
        note = "bản scan / ảnh chụp: sẽ được OCR khi lập chỉ mục / a scan: OCR runs when it is indexed"
        return CheckedFile(filename, safe_filename(filename, fmt), fmt, len(data), (note,))

    def store(self, files: list[tuple[CheckedFile, BinaryIO]], *, overwrite: bool) -> list[StoredFile]:
        """Store every checked file, or none of them, durably.

        Each file is first staged as a hidden temporary file (streamed, not held in memory, and fsynced);
        only when all are staged are they renamed into place. With ``overwrite`` the files they replace
        are moved aside first and put back if any rename fails. The folder is fsynced before returning,
        so the re-ingest that follows never indexes files a power loss could take back.
        """
        names = [checked.name for checked, _ in files]
        if len(set(names)) != len(names):
            twice = sorted({n for n in names if names.count(n) > 1})
            raise UploadRejected(", ".join(twice), "duplicate", "several files of the request get this name")
        self.folder.mkdir(parents=True, exist_ok=True)
        if not overwrite:
            taken = [n for n in names if os.path.lexists(self.folder / n)]
            if taken:
                raise UploadExists(taken)
        staged: list[tuple[CheckedFile, Path]] = []
        try:
            for checked, content in files:
                staged.append((checked, self._stage(checked, content)))
            stored = self._commit(staged, overwrite=overwrite)
        finally:
            for _, tmp in staged:
                tmp.unlink(missing_ok=True)
        fsync_dir(self.folder)
        return stored

    def _stage(self, checked: CheckedFile, content: BinaryIO) -> Path:
        target = self.folder / checked.name
        if target.parent.resolve() != self.folder or target.name != checked.name:
            raise UploadRejected(checked.filename, "bad_name", "the name leaves the upload folder")
        fd, tmp = tempfile.mkstemp(prefix=".upload-", suffix=".part", dir=self.folder)  # hidden from discover
        try:
            with os.fdopen(fd, "wb") as f:
                os.fchmod(f.fileno(), 0o644)
                content.seek(0)
                shutil.copyfileobj(content, f)
                if f.tell() != checked.bytes:
                    raise UploadRejected(checked.filename, "corrupt", "the content changed while it was stored")
                f.flush()
                os.fsync(f.fileno())
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return Path(tmp)

    def _commit(self, staged: list[tuple[CheckedFile, Path]], *, overwrite: bool) -> list[StoredFile]:
        """Rename the staged files into place; on any failure, undo the ones already placed."""
        placed: list[Path] = []
        aside: dict[Path, Path] = {}  # target -> where the file it replaces waits
        stored: list[StoredFile] = []
        try:
            for checked, tmp in staged:
                target = self.folder / checked.name
                replaced = os.path.lexists(target)
                if target.is_dir() and not target.is_symlink():
                    raise UploadRejected(checked.filename, "bad_name", "a folder of the upload folder has this name")
                if overwrite and replaced:
                    backup = self.folder / f".replaced-{uuid.uuid4().hex}.part"  # hidden from discover
                    os.rename(target, backup)
                    aside[target] = backup
                try:
                    os.link(tmp, target)  # fails if the name exists, even as a dangling symlink
                except FileExistsError as e:
                    raise UploadExists([checked.name]) from e
                placed.append(target)
                stored.append(
                    StoredFile(checked.filename, checked.name, target, checked.format, checked.bytes, replaced)
                )
        except BaseException:
            for target in placed:
                target.unlink(missing_ok=True)
            for target, backup in aside.items():
                os.replace(backup, target)
            raise
        for backup in aside.values():
            backup.unlink(missing_ok=True)
        return stored

    def contains(self, path: Path) -> bool:
        """Is ``path`` a regular file inside the folder (not a symlink, not resolving elsewhere)?"""
        path = Path(path)
        if path.is_symlink():
            return False
        resolved = path.resolve()
        return resolved != self.folder and resolved.is_relative_to(self.folder) and resolved.is_file()

    def remove(self, path: Path) -> Path:
        """Delete an uploaded file; :class:`NotAnUpload` for anything else, even if it exists."""
        path = Path(path)
        if not path.exists() and not path.is_symlink():
            raise FileNotFoundError(f"{path.name} is already gone")
        if not self.contains(path):
            raise NotAnUpload(f"{path} is not in the upload folder {self.folder}")
        resolved = path.resolve()
        resolved.unlink()
        return resolved
