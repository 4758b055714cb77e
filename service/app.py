"""The FastAPI application: routers, the index loaded once at start-up, errors as clear 4xx.

>>> app = create_app(Settings(index_dir=Path("var/index")))  # doctest: +SKIP
"""

from __future__ import annotations

import threading
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from service.openapi import describe_errors
from service.routes import ask, citations, documents, facts, health, page_images, search
from service.routes.admin import install_admin
from service.routes.pages import install_pages
from service.security import install_security
from tracuu.embedders import Embedder
from tracuu.engine import EngineHolder
from tracuu.settings import Settings, get_settings

__all__ = ["create_app"]


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
        parts.append(f"{where}: {err.get('msg')}" if where else str(err.get("msg")))
    return "; ".join(parts) or "invalid request"


def create_app(settings: Settings | None = None, embedder: Embedder | None = None) -> FastAPI:
    settings = settings or get_settings()
    holder = EngineHolder(settings, embedder)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        holder.reload()
        stop = threading.Event()
        if settings.watch_interval > 0:
            holder.watch(settings.watch_interval, stop)
        yield
        stop.set()

    app = FastAPI(
        title="Tra cứu",
        summary="Tìm kiếm và hỏi đáp văn bản pháp luật, kèm đoạn trích nguồn chính xác",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.holder = holder

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(
            status_code=422, content={"detail": f"yêu cầu không hợp lệ / invalid request: {_validation_message(exc)}"}
        )

    for module in (ask, search, documents, page_images, facts, citations, health):
        app.include_router(module.router)

    # Issue 6: security and generation headers / CORS / body limits, admin routes (strong key only).
    install_security(app, settings)
    install_admin(app, settings)
    describe_errors(app)

    # Issue 5: the officers' web page (/, /documents/…, /deadlines, /targets, /citations) and /static.
    install_pages(app)
    return app
