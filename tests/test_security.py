"""Input hardening and HTTP security on the real app: limits, bad bodies, traversal, headers, CORS.

Every bad request must get a 4xx with a readable ``detail``, never a 5xx. Most tests use the session's
app in-process; the ones about what a real HTTP server lets through use ``live_server`` (uvicorn).
"""

from __future__ import annotations

import json
import socket
from urllib.parse import urlsplit

import httpx
import pytest

from service.schemas import MAX_QUESTION_CHARS, MAX_TOP_K
from service.security import CSP

QUESTION = "hạn gửi hồ sơ chấm điểm về Sở Nội vụ"


def _assert_clear_4xx(response: httpx.Response, status: int | tuple[int, ...]) -> str:
    wanted = (status,) if isinstance(status, int) else status
    assert response.status_code in wanted, (response.status_code, response.text[:300])
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail.strip()
    return detail


# --- Query limits and unknown fields ------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "fragment"),
    [
        ({"question": "x" * (MAX_QUESTION_CHARS + 1)}, "question"),
        ({"question": ""}, "question"),
        ({"question": "   "}, None),  # blank after stripping: a 200 "not found" or a 422, never a 5xx
        ({"question": QUESTION, "top_k": 0}, "top_k"),
        ({"question": QUESTION, "top_k": MAX_TOP_K + 1}, "top_k"),
        ({"question": QUESTION, "top_k": 10**30}, "top_k"),
        ({"question": QUESTION, "top_k": "many"}, "top_k"),
        ({"question": QUESTION, "top_k": 2.5}, "top_k"),
        ({"question": QUESTION, "unknown": 1}, "unknown"),
        ({"question": QUESTION, "question_extra": {"a": [1]}}, "question_extra"),
        ({"question": ["list", "of", "strings"]}, "question"),
        ({"question": None}, "question"),
    ],
)
def test_ask_body_limits(client, payload, fragment):
    r = client.post("/api/ask", json=payload)
    if fragment is None:
        assert r.status_code in (200, 422)
        return
    assert fragment in _assert_clear_4xx(r, 422)


def test_longest_question_and_largest_top_k_are_answered(client):
    question = (QUESTION + " ") * (MAX_QUESTION_CHARS // (len(QUESTION) + 1))
    assert len(question) <= MAX_QUESTION_CHARS
    r = client.post("/api/ask", json={"question": question, "top_k": MAX_TOP_K})
    assert r.status_code == 200
    r = client.get("/api/search", params={"q": "x" * MAX_QUESTION_CHARS, "top_k": MAX_TOP_K})
    assert r.status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * (MAX_QUESTION_CHARS + 1)},
        {"q": "x" * 20_000},
        {"q": ""},
        {},
        {"q": "a", "top_k": "0"},
        {"q": "a", "top_k": str(MAX_TOP_K + 1)},
        {"q": "a", "top_k": "1e9"},
        {"q": "a", "top_k": "-1"},
    ],
)
def test_search_limits(client, params):
    _assert_clear_4xx(client.get("/api/search", params=params), 422)


@pytest.mark.parametrize(
    "q",
    [
        "\x00",
        "\x00\x01\x02",
        "\ud7ff",
        "🙂" * 200,
        "'; DROP TABLE x; --",
        "<script>",
        "%00",
        "a\u0301\u0301\u0301" * 100,
        "\u202e" * 50,
        "OR AND NOT * ? ~ ^",
    ],
    ids=["nul", "controls", "last-bmp", "emoji", "sql", "html", "percent", "combining", "rtl", "operators"],
)
def test_odd_queries_are_not_errors(client, q):
    assert client.get("/api/search", params={"q": q}).status_code == 200
    assert client.post("/api/ask", json={"question": q}).status_code == 200


# --- Bodies: malformed, huge, wrong type ------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "status"),
    [
        (b"{not json", 422),
        (b"", 422),
        (b"[]", 422),
        (b'"just a string"', 422),
        (b"null", 422),
        (b'{"question": "a"', 422),
        (b"\xff\xfe\x00{", (400, 422)),  # not UTF-8
        (b"[" * 50_000 + b"]" * 50_000, (400, 422)),  # nested past the JSON parser's recursion limit
        (b'{"question": "\\ud800"}', (200, 422)),  # a lone surrogate escape
    ],
    ids=["syntax", "empty", "array", "string", "null", "cut", "not-utf8", "deep", "surrogate"],
)
def test_malformed_json(client, content, status):
    r = client.post("/api/ask", content=content, headers={"content-type": "application/json"})
    if r.status_code != 200:
        _assert_clear_4xx(r, status)


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/xml",
        "image/png",
        "text/html; charset=utf-8",
    ],
)
def test_wrong_content_type_is_415(client, content_type):
    r = client.post(
        "/api/ask", content=json.dumps({"question": QUESTION}).encode(), headers={"content-type": content_type}
    )
    assert "JSON" in _assert_clear_4xx(r, 415)


def test_json_content_types_are_accepted(client):
    body = json.dumps({"question": QUESTION}).encode()
    for content_type in ("application/json", "application/json; charset=utf-8", "application/problem+json"):
        assert client.post("/api/ask", content=body, headers={"content-type": content_type}).status_code == 200


def test_huge_body_is_413_before_reading(client, fixture_settings):
    limit = fixture_settings.max_body_bytes
    body = json.dumps({"question": QUESTION, "pad": "x" * limit}).encode()
    detail = _assert_clear_4xx(client.post("/api/ask", content=body, headers={"content-type": "application/json"}), 413)
    assert f"{limit:,}" in detail


def test_huge_streamed_body_is_413(client, fixture_settings):
    """No Content-Length (chunked): the limit is counted as the body arrives."""
    chunk = b" " * 65_536

    def body():
        yield b'{"question": "a", "pad": "'
        for _ in range(fixture_settings.max_body_bytes // len(chunk) + 2):
            yield chunk
        yield b'"}'

    r = client.post("/api/ask", content=body(), headers={"content-type": "application/json"})
    _assert_clear_4xx(r, 413)


@pytest.mark.slow
def test_huge_body_over_real_http(live_server):
    r = httpx.post(
        f"{live_server}/api/ask",
        content=b"{" + b" " * 5_000_000 + b"}",
        headers={"content-type": "application/json"},
        timeout=30,
    )
    _assert_clear_4xx(r, 413)


@pytest.mark.parametrize(
    ("method", "path"),
    [("put", "/api/ask"), ("delete", "/api/search?q=a"), ("post", "/api/search?q=a"), ("patch", "/health")],
)
def test_wrong_method_is_405(client, method, path):
    _assert_clear_4xx(client.request(method, path), 405)


# --- Path traversal ---------------------------------------------------------------------------

TRAVERSALS = [
    "..%2F..%2F..%2Fetc%2Fpasswd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "%252e%252e%252fetc%252fpasswd",
    "..%5C..%5Cwindows%5Cwin.ini",
    "%2Fetc%2Fpasswd",
    "etc%2Fpasswd%00",
    "%00",
    "..",
    "...",
    "%EF%BC%8E%EF%BC%8E%EF%BC%8Fetc",  # full-width ．．／
    "a" * 500,
    "%C0%AE%C0%AE%2F",  # overlong UTF-8 dots
    "%FF%FE",
]


@pytest.mark.parametrize("raw", TRAVERSALS)
def test_doc_id_traversal(client, raw):
    r = client.get(f"/api/documents/{raw}")
    _assert_clear_4xx(r, (404, 422))
    assert "root:" not in r.text


def _citations_route(client) -> None:
    if "/api/citations/{number}" not in client.get("/openapi.json").json()["paths"]:
        pytest.skip("/api/citations/{number} is not in the app yet")


@pytest.mark.parametrize("raw", [*TRAVERSALS, "../../../../etc/passwd", "145/2020/../../../etc/passwd"])
def test_citation_number_traversal(client, raw):
    _citations_route(client)
    r = client.get(f"/api/citations/{raw}")
    _assert_clear_4xx(r, (404, 422))
    assert "root:" not in r.text


def _raw_get(base: str, target: str) -> tuple[int, bytes]:
    """A request line sent as is: httpx would normalise ``..`` segments away."""
    url = urlsplit(base)
    with socket.create_connection((url.hostname, url.port), timeout=10) as s:
        s.sendall(f"GET {target} HTTP/1.1\r\nHost: {url.netloc}\r\nConnection: close\r\n\r\n".encode("latin-1"))
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


@pytest.mark.parametrize(
    "target",
    [
        "/api/documents/../../../../etc/passwd",
        "/api/documents/..%2f..%2f..%2fetc%2fpasswd",
        "/api/documents/%2e%2e/%2e%2e/etc/passwd",
        "/api/citations/../../../etc/passwd",
        "/api/citations/..%2f..%2fetc%2fpasswd",
        "/../../../etc/passwd",
        "/static/../../../etc/passwd",
        "/static/..%2f..%2f..%2fetc%2fpasswd",
        "/api/documents/%00",
        "/api/documents/\xff",
    ],
)
@pytest.mark.slow
def test_raw_traversal_over_real_http(live_server, target):
    status, body = _raw_get(live_server, target)
    assert 400 <= status < 500, (status, body[:200])
    assert b"root:" not in body


# --- Security headers and CORS ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("get", "/health", {}),
        ("get", "/api/search?q=b%C3%A1o%20c%C3%A1o", {}),
        ("get", "/api/documents/khong-co", {}),
        ("post", "/api/ask", {"json": {"question": ""}}),
        ("post", "/api/ask", {"content": b"x", "headers": {"content-type": "text/plain"}}),
        ("get", "/openapi.json", {}),
    ],
)
def test_security_headers_on_every_response(client, method, path, kwargs):
    r = client.request(method, path, **kwargs)
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "no-referrer"
    csp = r.headers["content-security-policy"]
    assert csp == CSP
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "http" not in csp and "unsafe" not in csp


def test_docs_page_may_load_swagger_ui_and_nothing_else(client):
    r = client.get("/docs")
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "https://cdn.jsdelivr.net" in csp and "frame-ancestors 'none'" in csp


def test_index_generation_header(client):
    generation = client.get("/health").json()["generation"]
    for r in (
        client.get("/api/search", params={"q": "báo cáo"}),
        client.post("/api/ask", json={"question": QUESTION}),
        client.get("/api/documents/khong-co"),
    ):
        assert r.headers["x-index-generation"] == generation


def test_no_cross_origin_by_default(client):
    r = client.get("/api/search", params={"q": "a"}, headers={"Origin": "https://evil.example"})
    assert r.status_code == 200
    assert "access-control-allow-origin" not in r.headers
    pre = client.options(
        "/api/ask", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )
    assert "access-control-allow-origin" not in pre.headers
    assert pre.status_code in (400, 405)


@pytest.fixture(scope="module")
def cors_client(fixture_settings, fixture_index, embedder):
    from fastapi.testclient import TestClient

    from service.app import create_app

    settings = fixture_settings.model_copy(update={"cors_origins": ["https://ok.example"]})
    with TestClient(create_app(settings, embedder=embedder)) as c:
        yield c


def test_cors_only_for_listed_origins(cors_client):
    ok = cors_client.get("/api/search", params={"q": "a"}, headers={"Origin": "https://ok.example"})
    assert ok.headers["access-control-allow-origin"] == "https://ok.example"
    assert "x-index-generation" in ok.headers["access-control-expose-headers"].lower()
    evil = cors_client.get("/api/search", params={"q": "a"}, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in evil.headers
    pre = cors_client.options(
        "/api/ask",
        headers={
            "Origin": "https://ok.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert pre.status_code == 200 and pre.headers["access-control-allow-origin"] == "https://ok.example"
    with_auth = cors_client.options(
        "/api/admin/reindex",
        headers={
            "Origin": "https://ok.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert with_auth.status_code == 400  # Authorization is never allowed cross-origin


def test_cors_origins_from_environment(monkeypatch):
    from tracuu.settings import Settings

    monkeypatch.setenv("TRACUU_CORS_ORIGINS", " https://a.example, https://b.example ,")
    assert Settings().cors_origins == ["https://a.example", "https://b.example"]
    monkeypatch.setenv("TRACUU_CORS_ORIGINS", "")
    assert Settings().cors_origins == []
