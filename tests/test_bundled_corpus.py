"""The bundled corpus/ as a fresh clone has it: its shipped vectors cover every chunk (nothing to embed), and
the laws it carries answer through the API with exact passages."""

from __future__ import annotations

import pytest

from conftest import BUNDLED_CORPUS


class _SeedOnly:
    """The real embedder for questions; embedding a passage means the shipped seed missed a chunk."""

    def __init__(self, real):
        self.real, self.name, self.dim, self.version = real, real.name, real.dim, real.version

    def embed_queries(self, texts):
        return self.real.embed_queries(texts)

    def embed_passages(self, texts):
        raise AssertionError(
            f"corpus/embedding-seed.sqlite is stale: {len(texts)} chunks not in it, e.g. "
            f"{texts[0][:80]!r}. Rebuild it: tracuu ingest corpus && tracuu seed-vectors corpus"
        )


@pytest.fixture(scope="module")
def bundled(tmp_path_factory, embedder):
    from fastapi.testclient import TestClient

    from ingest.pipeline import run_ingest
    from service.app import create_app
    from tracuu.settings import Settings

    root = tmp_path_factory.mktemp("bundled")
    settings = Settings(index_dir=root / "index", embedding_cache=root / "empty-cache.sqlite", corpus=[BUNDLED_CORPUS])
    result = run_ingest([BUNDLED_CORPUS], settings, embedder=_SeedOnly(embedder), progress=False)
    with TestClient(create_app(settings, embedder=embedder)) as client:
        yield result, client


@pytest.mark.slow
def test_shipped_vectors_cover_every_chunk(bundled):
    result, _ = bundled
    assert result.summary["failed"] == 0
    s = result.summary
    assert s["embedded"] == 0 and s["embedding_cache_hits"] + s["shared_vectors"] == s["chunks"]
    assert s["shared_vectors"] > 0  # Bộ Pháp điển copies of Bộ luật Lao động take the original's vector
    assert {r.doc_id for r in result.reports} >= {"439-kh-ldld", "45-2019-qh14", "10-2022-qh15"}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "number"),
    [
        ("làm thêm giờ không quá bao nhiêu giờ trong một năm", "45/2019/QH14"),
        ("hoi nghi nguoi lao dong", None),
        ("đối thoại định kỳ tại nơi làm việc nghị định 145", "145/2020/NĐ-CP"),
        ("ban thanh tra nhân dân", "10/2022/QH15"),
    ],
)
def test_the_bundled_laws_answer_with_exact_passages(bundled, query, number):
    _, client = bundled
    results = client.get("/api/search", params={"q": query, "top_k": 5}).json()["results"]
    assert results
    if number:
        assert number in {r["number"] for r in results}, [r["number"] for r in results]
    for r in results:
        doc = client.get(f"/api/documents/{r['doc_id']}").json()
        assert doc["text"][r["start"] : r["end"]] == r["text"]


@pytest.mark.slow
def test_a_table_row_answers_with_its_header(bundled):
    """The minimum wage of region II is a row of a decree's table: quoted from the table's lead-in, with the
    header that says the columns are per month and per hour, down to that row."""
    _, client = bundled
    body = client.post("/api/ask", json={"question": "luong toi thieu vung 2 mot thang la bao nhieu tien"}).json()
    assert body["found"], body["answer"]
    quoted = body["answer_source"]["text"]
    assert "Mức lương tối thiểu tháng (Đơn vị: đồng/tháng)" in quoted and quoted.endswith(
        "Vùng II | 4.730.000 | 22.700"
    )
    assert body["answer_source"]["section"].endswith("Khoản 1"), body["answer_source"]
