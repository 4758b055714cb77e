"""Typed dependencies for routes: settings and the engine of the current index."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request

from service.generation import record_generation
from tracuu.engine import Engine, EngineHolder, NoIndex
from tracuu.settings import Settings

__all__ = ["SettingsDep", "EngineDep", "HolderDep"]


def _holder(request: Request) -> EngineHolder:
    return request.app.state.holder


def _settings(holder: Annotated[EngineHolder, Depends(_holder)]) -> Settings:
    return holder.settings


def _engine(request: Request, holder: Annotated[EngineHolder, Depends(_holder)]) -> Engine:
    try:
        engine = holder.get()  # one engine for the whole request, even if a reload happens meanwhile
    except NoIndex as e:
        raise HTTPException(status_code=503, detail=str(e)) from e
    record_generation(request, engine.index.manifest.generation)  # → the X-Index-Generation header
    return engine


HolderDep = Annotated[EngineHolder, Depends(_holder)]
SettingsDep = Annotated[Settings, Depends(_settings)]
EngineDep = Annotated[Engine, Depends(_engine)]
