"""The officers' web page in a real headless Chromium (Debian's) against the real app (`tracuu serve` on loopback).

One browser for the module, a fresh context (cookies, cache) per test. Expected texts come from the
same server's JSON API, so the page is checked against what the API says, character for character.
"""

from __future__ import annotations

from datetime import date

import httpx
import pytest

pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install -e '.[test]'")
pytestmark = pytest.mark.browser

from service.browser import DESKTOP, PHONE, BrowserUnavailable, open_browser  # noqa: E402

DEADLINE_QUESTION = "Hạn chót báo cáo kết quả công tác dân vận chính quyền năm 2023 về UBND tỉnh?"
NO_ACCENTS_QUESTION = "han gui ho so cham diem ve so noi vu"
OFF_TOPIC = "Giá vàng hôm nay bao nhiêu?"


@pytest.fixture(scope="module")
def browser():
    try:
        with open_browser() as b:
            yield b
    except BrowserUnavailable as e:
        pytest.skip(f"{e} (CI installs it with scripts/test-deps.sh)")


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport=DESKTOP, base_url=live_server, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(30_000)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.console_errors = errors  # checked by the tests that care (CSP violations are console errors)
    yield page
    context.close()


def _api_ask(base: str, question: str) -> dict:
    r = httpx.post(f"{base}/api/ask", json={"question": question, "top_k": 5}, timeout=60)
    r.raise_for_status()
    return r.json()


def _ask(page, question: str) -> None:
    page.goto("/")
    page.fill("#q", question)
    page.press("#q", "Enter")  # Enter submits
    page.wait_for_selector("#result:not([hidden]), #error:not([hidden])")


def _highlighted(page) -> str:
    return page.eval_on_selector_all("#doc-text mark.hl", "ms => ms.map(m => m.textContent).join('')")


def _first_mark_in_viewport(page) -> bool:
    return page.evaluate("""() => {
        const m = [...document.querySelectorAll('#doc-text mark.hl')].find(m => m.textContent.trim());
        const r = m.getBoundingClientRect();
        return r.height > 0 && r.top >= 0 && r.top < window.innerHeight;
    }""")


# --- ask ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "marked"), [(DEADLINE_QUESTION, "UBND tỉnh"), (NO_ACCENTS_QUESTION, "Nội vụ")])
def test_ask_answer_then_card_opens_the_exact_passage(page, live_server, question, marked):
    expected = _api_ask(live_server, question)
    _ask(page, question)

    assert page.inner_text("#answer-heading") == "Trả lời"
    answer = page.inner_text("#answer-text")
    assert answer == expected["answer"] and "01/11/2023" in answer
    assert "01/11/2023" in page.eval_on_selector_all("#answer-text strong", "els => els.map(e => e.textContent)")
    cards = page.locator("#sources .card")
    assert cards.count() == len(expected["sources"]) >= 1
    first = expected["sources"][0]
    assert cards.first.locator(".passage").text_content() == first["text"]  # highlighting keeps the text
    assert cards.first.locator(".section-path").inner_text() == first["section"]
    # The quoted sentence is marked inside the card that holds it.
    quote = expected["answer_source"]
    assert page.locator("#sources .quote").first.text_content() == quote["text"]
    # Query words are marked in the cards; "noi vu" typed without accents marks "Nội vụ".
    terms = page.eval_on_selector_all("#sources mark.term", "ms => ms.map(m => m.textContent)")
    assert any(marked in t for t in terms), terms

    link = cards.first.locator("h3 a")
    assert link.get_attribute("href") == first["url"]
    link.click()
    page.wait_for_selector("#doc-text mark.hl")
    assert page.url == live_server + first["url"]
    assert _highlighted(page) == first["text"]
    assert _first_mark_in_viewport(page)
    assert page.is_visible("#hl-notice")
    assert not page.console_errors


def test_each_span_of_a_two_ask_answer_is_marked_in_its_card(page, live_server):
    question = "Đối thoại định kỳ phải tổ chức ít nhất mấy lần? Công đoàn cơ sở có trách nhiệm gì khi đối thoại?"
    expected = _api_ask(live_server, question)
    quoted = [q["text"] for q in expected["answer_sources"]]
    assert len(quoted) == 2, expected  # the question asks two things, answered by two spans
    _ask(page, question)
    assert page.inner_text("#answer-text") == expected["answer"]
    marks = page.eval_on_selector_all("#sources .quote", "els => els.map(e => e.textContent)")
    assert sorted(marks) == sorted(quoted), marks
    assert not page.console_errors


def test_accentless_terms_highlight_accented_words(page):
    page.goto("/")
    page.wait_for_function("window.TracuuText !== undefined")
    ranges = page.evaluate("""() => {
        const T = window.TracuuText;
        const text = "😀 Theo Nghị định số 145/2020/NĐ-CP về Đối thoại, hòa giải (qua Sở) và kết quả";
        const marked = q => T.termRanges(text, T.queryTerms(q)).map(([a, b]) => text.slice(a, b));
        return {plain: marked("nghi dinh 145/2020/nd-cp"), nfd: marked("Nghị định".normalize("NFD")),
                dd: marked("doi thoai"), tone: marked("hoà giải"), exact: marked("kết quả"),
                loose: marked("ket qua"), stop: marked("về các Nghị định")};
    }""")
    assert ranges["plain"] == ["Nghị định", "145/2020/NĐ-CP"]
    assert ranges["nfd"] == ["Nghị định"]  # decomposed input (some keyboards) is the same word
    assert ranges["dd"] == ["Đối thoại"]
    assert ranges["tone"] == ["hòa giải"]  # old tone placement typed, new one stored
    assert ranges["exact"] == ["kết quả"]  # typed with accents: "quả" does not mark "qua"
    assert ranges["loose"] == ["qua", "kết quả"]
    assert ranges["stop"] == ["Nghị định"]


def test_not_found_state(page, live_server):
    assert _api_ask(live_server, OFF_TOPIC)["found"] is False
    _ask(page, OFF_TOPIC)
    assert page.inner_text("#answer-heading") == "Không tìm thấy"
    assert page.inner_text("#answer-text").startswith("Không tìm thấy")
    assert page.is_visible("#answer-help")
    assert page.locator("#sources .card").count() == 0
    assert page.is_hidden("#sources-block")


def test_not_found_with_the_nearest_passages_says_so(page, live_server):
    """Nothing answers, but passages share the question's words: they are listed under a heading that says
    they may not answer, and none is marked as the quoted answer."""
    question = "Người lao động tham gia đối thoại định kỳ được hưởng trợ cấp bao nhiêu phần trăm lương?"
    expected = _api_ask(live_server, question)
    assert expected["found"] is False and expected["sources"] and not expected["answer_sources"], expected
    _ask(page, question)
    assert page.inner_text("#answer-heading") == "Không tìm thấy"
    assert page.inner_text("#sources-heading") == "Đoạn gần nhất (chưa chắc trả lời câu hỏi)"
    assert page.locator("#sources .card").count() == len(expected["sources"])
    assert page.locator("#sources .quote").count() == 0
    assert not page.console_errors


def test_api_error_shows_its_detail(page):
    _ask(page, "x" * 1001)  # over the API's 1000-character limit: 422 with a message
    error = page.locator("#error")
    assert error.is_visible() and error.get_attribute("role") == "alert"
    text = error.inner_text()
    assert "422" in text and "at most 1000 characters" in text
    assert page.is_hidden("#result")
    assert page.is_enabled("#ask-button")


def test_network_failure_is_shown(page):
    page.route("**/api/ask", lambda route: route.abort("connectionrefused"))
    _ask(page, DEADLINE_QUESTION)
    assert "Không kết nối được với máy chủ" in page.inner_text("#error")


def test_question_in_the_address_is_asked(page):
    page.goto("/?q=" + httpx.QueryParams({"q": DEADLINE_QUESTION})["q"])
    page.wait_for_selector("#sources .card")
    assert page.input_value("#q") == DEADLINE_QUESTION
    assert "01/11/2023" in page.inner_text("#answer-text")


# --- document viewer ---------------------------------------------------------------------------


@pytest.mark.parametrize("doc_id", ["439-kh-ldld", "99-2030-qh99"])
def test_viewer_text_is_the_stored_text(page, live_server, doc_id):
    doc = httpx.get(f"{live_server}/api/documents/{doc_id}").json()
    page.goto(f"/documents/{doc_id}")
    assert page.eval_on_selector("#doc-text", "e => e.textContent") == doc["text"]
    assert page.locator("#doc-text h2, #doc-text h3").count() >= 3  # structure as headings
    first_anchor = page.locator(".toc a").first
    target = first_anchor.get_attribute("href")
    assert page.locator(target).count() == 1  # every side-list entry points at a section


def test_document_list_then_search_within_a_document(page, live_server):
    page.goto("/documents")
    page.click("table.doc-list a[href='/documents/99-2030-qh99']")
    page.fill("#doc-q", "đối thoại định kỳ")
    page.press("#doc-q", "Enter")
    first = page.locator(".doc-results a").first
    href = first.get_attribute("href")
    assert href.startswith("/documents/99-2030-qh99#")
    expected = httpx.get(
        f"{live_server}/api/search", params={"q": "đối thoại định kỳ", "document": "99-2030-qh99"}
    ).json()
    assert href == expected["results"][0]["url"]
    first.click()
    page.wait_for_selector("#doc-text mark.hl")
    assert _highlighted(page) == expected["results"][0]["text"]
    assert not page.console_errors


def test_viewer_range_across_blocks(page, live_server):
    text = httpx.get(f"{live_server}/api/documents/439-kh-ldld").json()["text"]
    start = text.index("I. MỤC ĐÍCH")
    end = text.index("2. Triển khai")
    page.goto(f"/documents/439-kh-ldld#{start}-{end}")
    page.wait_for_selector("#doc-text mark.hl")
    assert _highlighted(page) == text[start:end]
    # Following another passage link on the same page moves the highlight.
    start2 = text.index("Nơi nhận")
    page.evaluate(f"location.hash = '#{start2}-{start2 + 8}'")
    page.wait_for_function(f"document.querySelector('#doc-text mark.hl').textContent === {text[start2 : start2 + 8]!r}")
    assert _highlighted(page) == "Nơi nhận"
    assert _first_mark_in_viewport(page)


def test_citation_only_document_lists_citing_passages(page, live_server):
    detail = httpx.get(f"{live_server}/api/citations/23-QĐ/TW").json()
    page.goto("/documents/23-qd-tw")
    assert "23-QĐ/TW" in page.inner_text("h1")
    assert page.is_visible("text=chỉ biết qua trích dẫn")
    assert page.is_visible(f"text={detail['validity']['label']}")
    excerpts = page.locator(".excerpt")
    assert excerpts.count() == len(detail["cited_in"]) >= 1
    assert "23-QĐ/TW" in excerpts.first.locator("mark").inner_text()
    passage = detail["cited_in"][0]["passage"]
    excerpts.first.locator("a").click()
    page.wait_for_selector("#doc-text mark.hl")
    assert page.url == live_server + passage["url"]
    assert _highlighted(page) == passage["text"]


def test_unknown_document_is_a_vietnamese_404(page):
    response = page.goto("/documents/khong-co-van-ban-nay")
    assert response.status == 404
    assert page.get_attribute("html", "lang") == "vi"
    assert page.inner_text("h1") == "Không tìm thấy văn bản"


# --- facts pages -------------------------------------------------------------------------------


def test_deadlines_page(page, live_server):
    page.goto("/deadlines")
    row = page.locator("tr", has_text="01/11/2023").first
    assert row.is_visible()
    assert ("Đã qua" in row.inner_text()) == (date.today() > date(2023, 11, 1))
    assert "Sở Nội vụ" in page.locator("table").first.inner_text()
    assert row.locator("a").first.get_attribute("href").startswith("/documents/439-kh-ldld#")
    ics = page.locator("a", has_text=".ics")
    href = ics.get_attribute("href")
    assert href.startswith("/api/facts/deadlines.ics")
    r = httpx.get(live_server + href)
    assert r.status_code == 200 and r.text.startswith("BEGIN:VCALENDAR")
    # Filter without JavaScript: a plain GET form.
    page.select_option("#f-kind", "issued")
    page.click("form.filters button")
    page.wait_for_url("**/deadlines?kind=issued*")
    assert page.locator("#due-heading").count() == 0
    assert page.locator("a", has_text=".ics").get_attribute("href") == "/api/facts/deadlines.ics?kind=issued"


def test_targets_page(page):
    page.goto("/targets")
    values = page.eval_on_selector_all("td.value", "tds => tds.map(td => td.textContent.trim())")
    assert "60%" in values and "90%" in values
    label = page.locator("td a", has_text="III.6").first
    assert label.get_attribute("href").startswith("/documents/439-kh-ldld#")


def test_citations_page_groups_by_issuer_level(page):
    page.goto("/citations")
    levels = page.eval_on_selector_all("section.level h2", "hs => hs.map(h => h.textContent.trim())")
    assert levels[0] == "Trung ương Đảng"
    party = page.locator("section.level", has=page.locator("h2", has_text="Trung ương Đảng"))
    item = party.locator("li.cited", has_text="23-QĐ/TW")
    assert item.count() == 1
    assert "chỉ biết qua trích dẫn" in item.inner_text()
    assert item.locator(".cited-in a").first.get_attribute("href").startswith("/documents/439-kh-ldld#")
    assert item.locator("h3 a").get_attribute("href") == "/documents/23-qd-tw"


# --- every page --------------------------------------------------------------------------------

PAGES = [
    "/",
    "/documents/439-kh-ldld",
    "/documents/23-qd-tw",
    "/deadlines",
    "/targets",
    "/citations",
    "/documents",
    "/documents/99-2030-qh99?q=%C4%91%E1%BB%91i+tho%E1%BA%A1i",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_basics(page, path):
    """Vietnamese, navigable, no CSP violation (scripts and styles are files), a skip link first in tab order."""
    response = page.goto(path)
    assert response.status == 200
    assert page.get_attribute("html", "lang") == "vi"
    assert page.locator("nav a[href='/deadlines']").count() == 1
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgba(0, 0, 0, 0)"  # CSS loaded
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"  # focus is visible
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert not page.console_errors


@pytest.mark.parametrize("path", PAGES + ["/documents/439-kh-ldld#15271-15461"])
def test_phone_width_has_no_horizontal_scroll(browser, live_server, path):
    context = browser.new_context(viewport=PHONE, base_url=live_server, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(path)
        if path == "/":
            page.fill("#q", DEADLINE_QUESTION)
            page.press("#q", "Enter")
            page.wait_for_selector("#sources .card")
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"{path}: page is {width[0]}px wide on a {width[1]}px screen"
    finally:
        context.close()
