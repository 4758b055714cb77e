"""The web page's server side, through the real app (TestClient) on the fixture index: no browser needed.

The browser tests (tests/test_web.py) drive the same pages in Chromium; these pin what the server
sends: exact document text in the viewer, escaping, no inline scripts or styles (CSP), error pages.
"""

from __future__ import annotations

import re

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from service.doc_layout import layout_document
from service.security import CSP

PAGES = [
    "/",
    "/?q=h%E1%BA%A1n",
    "/documents/439-kh-ldld",
    "/documents/23-qd-tw",
    "/deadlines",
    "/targets",
    "/citations",
    "/deadlines?kind=due&doc=all&upcoming=1",
    "/documents",
    "/documents?holding=codified&q=145",
    "/documents/99-2030-qh99?q=%C4%91%E1%BB%91i+tho%E1%BA%A1i",
]


def _documents(client) -> list[dict]:
    """Every document of the loaded index that has text, as the API returns it."""
    index = client.app.state.holder.get().index
    return [client.get(f"/api/documents/{d}").json() for d, rec in sorted(index.documents.items()) if rec.text]


@pytest.mark.parametrize("path", PAGES)
def test_page_is_vietnamese_html_without_inline_code(client, path):
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == CSP
    tree = HTMLParser(r.text)
    assert tree.css_first("html").attributes["lang"] == "vi"
    assert all(s.attributes.get("src") for s in tree.css("script")), "inline <script> would be blocked by CSP"
    assert not tree.css("style") and not tree.css("[style]"), "inline styles would be blocked by CSP"
    assert not re.search(r"\son[a-z]+=", r.text), "inline event handlers would be blocked by CSP"
    for link in tree.css("link[href], script[src]"):
        url = link.attributes.get("href") or link.attributes.get("src")
        assert client.get(url).status_code == 200, url


def test_viewer_keeps_every_character(client):
    """The viewer's text is the stored text exactly (offsets of #start-end depend on it), '&' and '<' included."""
    docs = _documents(client)
    assert len(docs) >= 3
    for doc in docs:
        html = client.get(f"/documents/{doc['doc_id']}").text
        assert HTMLParser(html).css_first("#doc-text").text(deep=True) == doc["text"], doc["doc_id"]
    assert "CSPL&QHLD" in next(d["text"] for d in docs if d["doc_id"] == "439-kh-ldld")


def test_layout_keeps_offsets_and_structure(client):
    for doc in _documents(client):
        layout = layout_document(doc["text"])
        assert layout.text == doc["text"]
        for b in layout.blocks:
            assert doc["text"][b.start : b.end] == b.text
    plan = layout_document(client.get("/api/documents/439-kh-ldld").json()["text"])
    assert [e.label for e in plan.toc if e.label.endswith(".")] == ["I.", "II.", "III.", "IV."]
    assert [b.text for b in plan.blocks if b.tag == "h2"][:2] == ["I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG TRIỂN KHAI"]


@pytest.mark.parametrize("text", ["", "\n\n", "Một dòng", "\n  Chương I\n\nQUY ĐỊNH CHUNG\n\n\nĐiều 1. A\n  x  \n"])
def test_layout_edge_cases(text):
    assert layout_document(text).text == text


def test_document_text_is_escaped(client):
    html = client.get("/documents/439-kh-ldld").text
    assert "CSPL&amp;QHLD" in html and "CSPL&QHLD" not in html


def test_document_list_page(client):
    tree = HTMLParser(client.get("/documents").text)
    rows = tree.css("table.doc-list tbody tr")
    texts = [r.text() for r in rows]
    assert any("439/KH-LĐLĐ" in t and "toàn văn" in t for t in texts)
    assert any("145/2020/NĐ-CP" in t and "trong Bộ Pháp điển" in t for t in texts)
    assert any("04/2015/NĐ-CP" in t and "chỉ biết qua trích dẫn" in t for t in texts)
    codified = HTMLParser(client.get("/documents", params={"holding": "codified"}).text).css("table.doc-list tbody tr")
    assert codified and all("trong Bộ Pháp điển" in r.text() for r in codified)


def test_search_within_one_document_page(client):
    tree = HTMLParser(client.get("/documents/99-2030-qh99", params={"q": "đối thoại định kỳ"}).text)
    links = [a.attributes["href"] for a in tree.css(".doc-results a")]
    assert links and all(link.startswith("/documents/99-2030-qh99#") for link in links)
    assert tree.css_first("#doc-q").attributes["value"] == "đối thoại định kỳ"


def test_unknown_document_page(client):
    r = client.get("/documents/khong-co-van-ban-nay")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert HTMLParser(r.text).css_first("h1").text() == "Không tìm thấy văn bản"
    r = client.get("/documents/<script>")
    assert r.status_code == 404 and "<script>" not in r.text


def test_deadline_filters_ignore_unknown_values(client):
    assert client.get("/deadlines", params={"kind": "nonsense", "upcoming": "maybe", "doc": "x"}).status_code == 200


def test_pages_without_an_index(tmp_path, embedder):
    from fastapi.testclient import TestClient

    from service.app import create_app
    from tracuu.settings import Settings

    with TestClient(create_app(Settings(index_dir=tmp_path / "none"), embedder=embedder)) as c:
        r = c.get("/deadlines")
        assert r.status_code == 503 and "Chưa có dữ liệu" in r.text
        assert c.get("/").status_code == 200  # the ask page itself needs no index
