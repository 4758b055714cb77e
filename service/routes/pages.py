"""The web page for officers (server-rendered, Vietnamese): ask, read a document, deadlines, targets, citations.

Routes are thin: the data comes from ``service/page_views.py`` (which reuses the API's converters); the
ask page calls ``POST /api/ask`` from ``static/ask.js``. Templates autoescape everything: document texts
are untrusted. The Content-Security-Policy allows only this origin's scripts and styles, so nothing is
inline: every script and style is a file under ``/static``. :func:`install_pages` adds the router, /static and
the HTML error page.

>>> install_pages(app)  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
from datetime import date
from functools import cache
from pathlib import Path
from typing import Annotated, Any, get_args

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from service.deps import HolderDep
from service.document_list import document_summaries
from service.filters import SearchFilters, chunk_filter
from service.generation import record_generation
from service.ingest_status import ingest_status
from service.page_views import (
    HOLDING_LABEL,
    KIND_LABEL,
    DocumentNotFound,
    citation_groups,
    deadlines_view,
    document_view,
    target_groups,
)
from service.schemas import MAX_QUESTION_CHARS, IngestStatus
from service.sources import source_from_chunk
from tracuu.engine import Engine, NoIndex
from tracuu.facts.models import DeadlineKind
from tracuu.text.dates import format_vn

__all__ = ["router", "install_pages", "PageError"]

_HERE = Path(__file__).resolve().parent.parent
STATIC_DIR = _HERE / "static"
TEMPLATE_DIR = _HERE / "templates"

NAV = (
    ("/", "Hỏi đáp"),
    ("/documents", "Văn bản"),
    ("/deadlines", "Hạn công việc"),
    ("/targets", "Chỉ tiêu"),
    ("/citations", "Văn bản được dẫn"),
)
EXAMPLES = (
    "Hạn chót báo cáo kết quả công tác dân vận chính quyền năm 2023 về UBND tỉnh?",
    "han gui ho so cham diem ve so noi vu",
    "Chỉ tiêu xếp loại Tốt công tác dân vận chính quyền năm 2023?",
)


class PageError(Exception):
    """An error shown to officers as a page (404 unknown document, 503 no index yet)."""

    def __init__(self, status: int, title: str, message: str) -> None:
        super().__init__(message)
        self.status, self.title, self.message = status, title, message


# --- template environment ----------------------------------------------------------------------


@cache
def _asset_version(name: str) -> str:
    return hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest()[:10]


def asset(name: str) -> str:
    """URL of a static file with its content hash, so browsers never keep a stale script."""
    return f"/static/{name}?v={_asset_version(name)}"


def vn_number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(asset=asset, nav=NAV)
    env.filters.update(vn_date=format_vn, vn_number=vn_number)
    return env


templates = Jinja2Templates(env=_environment())


def _ingest_banner(request: Request) -> IngestStatus | None:
    return ingest_status(request.app.state.holder.store.progress_board())


def _render(request: Request, name: str, active: str | None, status: int = 200, **context: Any) -> HTMLResponse:
    context = {"active": active, "ingest": _ingest_banner(request), **context}
    return templates.TemplateResponse(request, name, context, status_code=status)


def _engine(request: Request, holder: HolderDep) -> Engine:
    try:
        engine = holder.get()
    except NoIndex as e:
        running = _ingest_banner(request)
        if running is not None and running.state != "failed":
            raise PageError(
                503, "Đang nạp văn bản", f"Máy chủ {running.summary}. Hãy tải lại trang sau ít giây."
            ) from e
        raise PageError(
            503,
            "Chưa có dữ liệu",
            "Máy chủ chưa có chỉ mục văn bản. Người quản trị cần chạy `tracuu ingest` rồi tải lại trang.",
        ) from e
    record_generation(request, engine.index.manifest.generation)
    return engine


PageEngine = Annotated[Engine, Depends(_engine)]
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


# --- pages -------------------------------------------------------------------------------------


@router.get("/")
def ask_page(request: Request, q: str = "") -> HTMLResponse:
    # The question is answered by static/ask.js through POST /api/ask; ?q= only pre-fills the box.
    return _render(request, "ask.html", "/", q=q, examples=EXAMPLES)


@router.get("/documents")
def documents_page(request: Request, engine: PageEngine, q: str = "", holding: str = "") -> HTMLResponse:
    holding = holding if holding in HOLDING_LABEL else ""
    docs = document_summaries(engine, holding=holding or None, q=q[:200] or None)
    return _render(
        request, "documents.html", "/documents", docs=docs, q=q[:200], holding=holding, holdings=HOLDING_LABEL
    )


@router.get("/documents/{doc_id}")
def document_page(request: Request, doc_id: str, engine: PageEngine, q: str = "") -> HTMLResponse:
    try:
        view = document_view(engine, doc_id)
    except DocumentNotFound as e:
        raise PageError(
            404, "Không tìm thấy văn bản", f"Không có văn bản mã “{doc_id}” trong kho văn bản đang lưu."
        ) from e
    template = "document.html" if view.layout is not None else "cited.html"
    q = q.strip()[:MAX_QUESTION_CHARS]
    results = []
    if q and view.layout is not None:
        # Search within this document: its own passages (a Bộ Pháp điển chapter keeps its copies).
        keep = chunk_filter(engine, SearchFilters(document=doc_id))
        articles = engine.searcher.references.articles
        results = [
            source_from_chunk(engine.index, h.chunk, h.score, articles)
            for h in engine.searcher.search(q, top_k=10, keep=keep)
        ]
    return _render(request, template, None, view=view, q=q, results=results)


@router.get("/deadlines")
def deadlines_page(
    request: Request,
    engine: PageEngine,
    kind: str = "",
    doc: str = "plans",
    upcoming: str = "",
) -> HTMLResponse:
    # Filters from a form: an unknown value shows everything rather than an error.
    selected = next((k for k in get_args(DeadlineKind) if k == kind), None)
    kind = selected or ""
    shown_upcoming = upcoming in ("1", "on", "true")
    today = date.today()
    view = deadlines_view(engine, selected, doc or "plans", shown_upcoming, today)
    ics = "/api/facts/deadlines.ics" + (f"?kind={kind}" if kind else "")
    return _render(
        request,
        "deadlines.html",
        "/deadlines",
        view=view,
        today=today.isoformat(),
        kind=kind,
        doc=doc or "plans",
        upcoming=shown_upcoming,
        kinds=KIND_LABEL,
        ics=ics,
    )


@router.get("/targets")
def targets_page(request: Request, engine: PageEngine) -> HTMLResponse:
    return _render(request, "targets.html", "/targets", groups=target_groups(engine))


@router.get("/citations")
def citations_page(request: Request, engine: PageEngine) -> HTMLResponse:
    groups = citation_groups(engine)
    return _render(request, "citations.html", "/citations", groups=groups, total=sum(len(g.rows) for g in groups))


# --- wiring ------------------------------------------------------------------------------------


def install_pages(app: FastAPI) -> None:
    """The page routes, the static files and the HTML error page for :class:`PageError`."""

    async def page_error(request: Request, exc: Exception) -> HTMLResponse:
        assert isinstance(exc, PageError)
        return _render(request, "error.html", None, status=exc.status, error=exc)

    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_exception_handler(PageError, page_error)
