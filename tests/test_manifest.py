"""corpus/manifest.toml stays in sync with what the plans cite and with the files it holds."""

from pathlib import Path

from ingest.manifest import read_manifest
from tracuu.citations import extract_citations, parse_number
from tracuu.text.normalize import clean_document_text

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_every_cited_directive_is_in_the_manifest_and_nothing_else():
    manifest = read_manifest(CORPUS)
    listed = {parse_number(e.number).key for e in manifest.cited}
    cited = set()
    plans = [e for e in manifest.documents.values() if e.path.startswith("plans/")]
    assert plans
    for entry in plans:
        text = clean_document_text((CORPUS / entry.path).read_text(encoding="utf-8"))
        own = parse_number(entry.number).key
        cited |= {c.key for c in extract_citations(text) if c.number and c.key != own}
    assert cited == listed - {"10-2022-QH15"}  # the law the plan cites by name is listed by its number
    assert len(listed) == 27


def test_manifest_documents_exist():
    manifest = read_manifest(CORPUS)
    assert manifest.documents
    for path in manifest.documents:
        assert path.exists(), path


def test_every_held_file_has_an_entry_and_a_source():
    manifest = read_manifest(CORPUS)
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    held = {
        p.resolve()
        for p in CORPUS.rglob("*")
        if p.is_file() and p.suffix in {".txt", ".html"} and "uploads" not in p.parts
    }
    for path in held:
        assert path.relative_to(CORPUS).as_posix() in sources, path
    assert {p for p in held if "phapdien" not in p.parts} <= set(manifest.documents)
