"""Which files an ingest reads: given files as they are, folders walked for supported suffixes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ingest.manifest import MANIFEST_NAME, CorpusManifest, read_manifest

__all__ = ["Discovered", "discover", "SUFFIXES"]

SUFFIXES = {".txt", ".md", ".pdf", ".docx", ".html", ".htm", ".doc", ".rtf", ".jpg", ".jpeg", ".png", ".tif", ".tiff"}
# Notes that describe a folder rather than being documents of it (skipped when walking folders only, and
# never in the upload folder: what an officer uploads is a document, whatever its name).
_FOLDER_NOTES = {"readme", "sources", "license", "changelog", "notes"}


@dataclass
class Discovered:
    files: list[Path]
    manifest: CorpusManifest


def discover(paths: list[Path], uploads: Path | None = None) -> Discovered:
    """The files to ingest under ``paths``; ``uploads`` is the upload folder, where every file counts."""
    files: list[Path] = []
    manifest = CorpusManifest()
    upload_folder = Path(uploads).resolve() if uploads is not None else None
    for path in paths:
        path = Path(path)
        if path.is_dir():
            manifest.merge(read_manifest(path))
            for p in sorted(path.rglob("*")):
                rel = p.relative_to(path)
                if p.is_file() and p.suffix.lower() in SUFFIXES and not any(part.startswith(".") for part in rel.parts):
                    uploaded = upload_folder is not None and p.resolve().is_relative_to(upload_folder)
                    if uploaded or (p.name != MANIFEST_NAME and p.stem.lower() not in _FOLDER_NOTES):
                        files.append(p.resolve())
        elif path.exists():
            files.append(path.resolve())
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")
    unique = list(dict.fromkeys(files))
    return Discovered(unique, manifest)
