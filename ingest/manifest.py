"""The corpus manifest (``manifest.toml`` in a corpus folder): curated facts about documents.

``[[documents]]`` entries give a file's doc_id, number, type, issuer, date and title; they win over what
the header parser reads. ``[[cited]]`` entries describe directives known only by citation.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

__all__ = ["DocumentEntry", "CitedEntry", "CorpusManifest", "read_manifest", "MANIFEST_NAME"]

MANIFEST_NAME = "manifest.toml"


@dataclass(frozen=True)
class DocumentEntry:
    path: str
    doc_id: str | None = None
    number: str | None = None
    type: str | None = None
    issuer: str | None = None
    date: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class CitedEntry:
    number: str
    name: str | None = None  # for laws the plans cite by name only: "Luật Thực hiện dân chủ ở cơ sở"
    type: str | None = None
    issuer: str | None = None
    date: str | None = None
    title: str | None = None


@dataclass
class CorpusManifest:
    documents: dict[Path, DocumentEntry] = field(default_factory=dict)  # by resolved file path
    cited: list[CitedEntry] = field(default_factory=list)

    def to_dict(self) -> dict:
        """Plain data (Haystack snapshots pipeline inputs when a step fails)."""
        return {
            "documents": {str(k): asdict(v) for k, v in self.documents.items()},
            "cited": [asdict(c) for c in self.cited],
        }

    def merge(self, other: CorpusManifest) -> None:
        self.documents.update(other.documents)
        self.cited.extend(other.cited)


def read_manifest(folder: Path) -> CorpusManifest:
    path = folder / MANIFEST_NAME
    if not path.exists():
        return CorpusManifest()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        docs = [DocumentEntry(**d) for d in data.get("documents", [])]
        cited = [CitedEntry(**c) for c in data.get("cited", [])]
    except (tomllib.TOMLDecodeError, TypeError) as e:
        raise ValueError(f"{path}: invalid manifest: {e}") from e
    return CorpusManifest({(folder / d.path).resolve(): d for d in docs}, cited)
