"""Views over an index generation are built once per generation (issue 11): a second request reuses them."""

from __future__ import annotations

from service.view_cache import VIEWS, GenerationViews


def _builds() -> dict[str, int]:
    return dict(VIEWS.builds)


def _delta(before: dict[str, int]) -> dict[str, int]:
    return {k: v - before.get(k, 0) for k, v in VIEWS.builds.items() if v - before.get(k, 0)}


def test_citation_graph_is_built_once(client):
    VIEWS.clear()
    before = _builds()
    assert client.get("/api/citations").status_code == 200
    assert _delta(before) == {"citation_graph": 1}
    assert client.get("/citations").status_code == 200
    assert _delta(before) == {"citation_graph": 1, "citation_groups": 1}
    for _ in range(3):
        assert client.get("/api/citations").status_code == 200
        assert client.get("/citations").status_code == 200
    assert _delta(before) == {"citation_graph": 1, "citation_groups": 1}
    client.get("/api/citations", params={"scope": "all"})
    assert _delta(before)["citation_graph"] == 2  # another scope is another view


def test_cited_document_detail_is_built_once_whatever_the_question(client):
    VIEWS.clear()
    before = _builds()
    number = "145/2020/NĐ-CP"
    first = client.get(f"/api/citations/{number}", params={"q": "thời giờ làm việc"})
    assert first.status_code == 200
    for q in ("thời giờ làm việc", "nghỉ phép năm", None):
        r = client.get(f"/api/citations/{number}", params={"q": q} if q else {})
        assert r.status_code == 200 and r.json()["cited_in"] == first.json()["cited_in"]
    assert _delta(before) == {"cited_document": 1}


def test_document_page_is_laid_out_once(client):
    VIEWS.clear()
    before = _builds()
    for _ in range(3):
        assert client.get("/documents/439-kh-ldld").status_code == 200
    assert _delta(before) == {"document_view": 1}


class _Manifest:
    def __init__(self, generation):
        self.generation = generation


class _Index:
    def __init__(self, generation):
        self.manifest = _Manifest(generation)


class _Engine:
    def __init__(self, generation):
        self.index = _Index(generation)


def test_a_new_generation_rebuilds_and_drops_the_old_views():
    views = GenerationViews(max_entries=8)
    old, new = _Engine("g1"), _Engine("g2")
    assert views.get(old, "v", 1, lambda: "old") == "old"
    assert views.get(old, "v", 1, lambda: "never") == "old"
    assert views.get(new, "v", 1, lambda: "new") == "new"
    assert views.builds["v"] == 2
    assert all(key[0] == "g2" for key in views._entries)
