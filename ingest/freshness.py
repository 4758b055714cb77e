"""Is the index already built from exactly these files (same paths, same content hashes)?"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ingest.discover import discover
from tracuu.index.store import current_generation
from tracuu.settings import Settings

__all__ = ["index_is_current"]


def index_is_current(paths: list[Path], settings: Settings) -> bool:
    folder = current_generation(Path(settings.index_dir))
    if folder is None:
        return False
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    if manifest.get("chunk_max_chars") != settings.max_chunk_chars:
        return False
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    seen: dict[str, str] = {}
    with (folder / "documents.jsonl").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row.get("source_path"):
                seen[row["source_path"]] = row.get("content_hash")
    failed = {r["path"] for r in report.get("files", []) if r.get("status") == "failed"}
    files = discover(paths, uploads=settings.uploads).files
    if {str(p) for p in files} != set(seen) | failed:
        return False
    return all(hashlib.sha256(p.read_bytes()).hexdigest() == seen[str(p)] for p in files if str(p) in seen)
