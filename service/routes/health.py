"""GET /health: whether an index is loaded, and which."""

from __future__ import annotations

from fastapi import APIRouter

from service.deps import HolderDep
from service.ingest_status import ingest_status
from service.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
def health(holder: HolderDep) -> Health:
    engine = holder.loaded
    ingest = ingest_status(holder.store.progress_board())
    if engine is None:
        return Health(status="no_index", ingest=ingest)
    m = engine.index.manifest
    return Health(
        status="ok", generation=m.generation, documents=m.documents, chunks=m.chunks, embedder=m.embedder, ingest=ingest
    )
