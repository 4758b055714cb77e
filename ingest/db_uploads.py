"""Admin uploads kept in PostgreSQL (``bytea``), so every replica's ingest sees every upload.

Files are checked and named exactly as :class:`~ingest.uploads.UploadFolder` does; only where they are
kept differs. The database is the truth; ``folder`` is this replica's local copy, brought in line with
the database (:meth:`DatabaseUploads.sync`) just before each ingest reads it. Give every replica the same
``TRACUU_UPLOAD_DIR`` so the source paths recorded in the index mean the same file on all of them.

>>> uploads = DatabaseUploads("postgresql://…", Path("/var/lib/tracuu/uploads"), max_bytes=50_000_000)  # doctest: +SKIP
>>> uploads.sync()  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from ingest.sandbox import SandboxLimits
from ingest.uploads import CheckedFile, NotAnUpload, StoredFile, UploadExists, UploadFolder, UploadRejected
from tracuu.index.pgstore import connect, ensure_schema

__all__ = ["DatabaseUploads"]


class DatabaseUploads(UploadFolder):
    def __init__(self, url: str, folder: Path, *, max_bytes: int, limits: SandboxLimits | None = None) -> None:
        super().__init__(folder, max_bytes=max_bytes, limits=limits)
        self.url = url

    def _conn(self, **kwargs):
        ensure_schema(self.url)
        return connect(self.url, **kwargs)

    def store(self, files: list[tuple[CheckedFile, BinaryIO]], *, overwrite: bool) -> list[StoredFile]:
        """All the files in one transaction: all stored or none."""
        names = [checked.name for checked, _ in files]
        if len(set(names)) != len(names):
            twice = sorted({n for n in names if names.count(n) > 1})
            raise UploadRejected(", ".join(twice), "duplicate", "several files of the request get this name")
        conflict = (
            (
                "DO UPDATE SET data = excluded.data, format = excluded.format, bytes = excluded.bytes, "
                "uploaded_at = now()"
            )
            if overwrite
            else "DO NOTHING"
        )
        stored, taken = [], []
        with self._conn() as conn, conn.transaction():
            for checked, content in files:
                content.seek(0)
                data = content.read()
                if len(data) != checked.bytes:
                    raise UploadRejected(checked.filename, "corrupt", "the content changed while it was stored")
                row = conn.execute(
                    "INSERT INTO tracuu_uploads (name, data, format, bytes) VALUES (%s, %s, %s, %s) "
                    f"ON CONFLICT (name) {conflict} RETURNING (xmax <> 0)",
                    (checked.name, data, checked.format, checked.bytes),
                ).fetchone()
                if row is None:
                    taken.append(checked.name)
                    continue
                stored.append(
                    StoredFile(
                        checked.filename,
                        checked.name,
                        self.folder / checked.name,
                        checked.format,
                        checked.bytes,
                        replaced=bool(row[0]),
                    )
                )
            if taken:
                raise UploadExists(taken)  # rolls the transaction back
        return stored

    def contains(self, path: Path) -> bool:
        path = Path(path)
        if path.resolve().parent != self.folder:
            return False
        with self._conn(autocommit=True) as conn:
            return conn.execute("SELECT 1 FROM tracuu_uploads WHERE name = %s", (path.name,)).fetchone() is not None

    def remove(self, path: Path) -> Path:
        path = Path(path)
        if path.resolve().parent != self.folder:
            raise NotAnUpload(f"{path} is not in the upload folder {self.folder}")
        with self._conn(autocommit=True) as conn:
            gone = conn.execute("DELETE FROM tracuu_uploads WHERE name = %s RETURNING name", (path.name,)).fetchone()
        (self.folder / path.name).unlink(missing_ok=True)
        if gone is None:
            raise FileNotFoundError(f"{path.name} is already gone")
        return self.folder / path.name

    def sync(self) -> None:
        """Make the local folder hold exactly the uploads in the database (written atomically, changed ones only)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with self._conn(autocommit=True) as conn:
            held = dict(conn.execute("SELECT name, encode(sha256(data), 'hex') FROM tracuu_uploads").fetchall())
            for name, digest in held.items():
                local = self.folder / name
                if local.is_file() and hashlib.sha256(local.read_bytes()).hexdigest() == digest:
                    continue
                (data,) = conn.execute("SELECT data FROM tracuu_uploads WHERE name = %s", (name,)).fetchone()
                fd, tmp = tempfile.mkstemp(prefix=".upload-", suffix=".part", dir=self.folder)
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                os.chmod(tmp, 0o644)
                os.replace(tmp, local)
        for local in self.folder.iterdir():
            if local.is_file() and not local.name.startswith(".") and local.name not in held:
                local.unlink()
