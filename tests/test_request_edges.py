"""Query strings that are not UTF-8 get a clear 400; calendar links use the configured public address,
never the request's Host header (issue 11)."""

from __future__ import annotations

import socket

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from tracuu.settings import Settings


@pytest.mark.parametrize("query", ["q=%ff", "q=%C3", "q=ngh%E1%BB", "q=%C0%AF", "top_k=3&q=%ED%A0%80", "%ff=x"])
def test_a_query_string_that_is_not_utf8_is_400(client, query):
    for path in ("/api/search", "/", "/api/facts/deadlines", "/documents/439-kh-ldld"):
        r = client.get(f"{path}?{query}")
        assert r.status_code == 400, (path, query, r.status_code)
        assert "UTF-8" in r.json()["detail"]


def test_utf8_queries_still_work(client):
    assert client.get("/api/search?q=ngh%E1%BB%8B+%C4%91%E1%BB%8Bnh&top_k=2").status_code == 200  # "nghị định"
    assert client.get("/api/search?q=nghi+dinh+145").status_code == 200


def test_raw_bytes_in_the_request_line_on_a_real_server(live_server):
    host, port = live_server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as s:
        s.sendall(b"GET /api/search?q=\xff\xfe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        reply = b""
        while chunk := s.recv(65536):
            reply += chunk
    assert reply.split(b"\r\n", 1)[0].split(b" ")[1] == b"400", reply[:200]


def _ics_urls(client, **headers) -> list[str]:
    r = client.get("/api/facts/deadlines.ics", headers=headers)
    assert r.status_code == 200
    return [str(e["url"]) for e in Calendar.from_ical(r.content).walk() if e.name == "VEVENT"]


def test_ics_links_use_the_public_url_not_the_host_header(fixture_settings, fixture_index, embedder):
    from service.app import create_app

    settings = fixture_settings.model_copy(update={"public_url": "https://tracuu.example.vn/"})
    with TestClient(create_app(settings, embedder=embedder)) as client:
        urls = _ics_urls(client, host="evil.example.com")
    assert urls and all(u.startswith("https://tracuu.example.vn/documents/") for u in urls)
    assert not any("evil" in u for u in urls)


def test_ics_links_without_public_url_use_host_and_port(client):
    urls = _ics_urls(client, host="evil.example.com")
    assert urls and all(u.startswith("http://127.0.0.1:8000/documents/") for u in urls)


@pytest.mark.parametrize("bad", ["tracuu.example.vn", "ftp://x", "https://", "https://x/?a=1", "https://x/#f"])
def test_public_url_must_be_an_http_address(bad):
    with pytest.raises(ValueError, match="public_url"):
        Settings(public_url=bad)


def test_ics_links_of_tracuu_serve_use_its_own_port(live_server):
    import httpx

    r = httpx.get(f"{live_server}/api/facts/deadlines.ics", headers={"Host": "evil.example.com"}, timeout=30)
    urls = [str(e["url"]) for e in Calendar.from_ical(r.content).walk() if e.name == "VEVENT"]
    assert urls and all(u.startswith(f"{live_server}/documents/") for u in urls)
