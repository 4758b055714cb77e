"""What an ingest running beside the served index is doing, for ``/health`` and the page banner."""

from __future__ import annotations

from service.schemas import IngestStatus
from tracuu.index.progress import IngestProgress, ProgressBoard

__all__ = ["ingest_status", "vi_count"]


def vi_count(n: int) -> str:
    """Thousands separated by dots, as Vietnamese writes them: 1646 → "1.646"."""
    return f"{n:,}".replace(",", ".")


def _summary(p: IngestProgress) -> str:
    stage = f" (giai đoạn {p.stage}/{p.stages})" if p.stages > 1 else ""
    what = f"{vi_count(len(p.adding))} văn bản" if p.adding else f"{vi_count(p.files)} tệp"
    if p.state == "failed":
        return f"bổ sung văn bản thất bại, chỉ mục cũ vẫn dùng được: {p.message or 'không rõ lỗi'}"
    if p.state == "embedding":
        return f"đang bổ sung {what}: {vi_count(p.chunks_done)}/{vi_count(p.chunks_total)} đoạn{stage}"
    if p.state == "writing":
        return f"đang ghi chỉ mục mới: {what}{stage}"
    if p.ocr_pages_total and p.ocr_pages_done < p.ocr_pages_total:
        return f"đang đọc bản quét (OCR): trang {p.ocr_pages_done}/{p.ocr_pages_total}{stage}"
    return f"đang đọc {what}{stage}"


def ingest_status(board: ProgressBoard) -> IngestStatus | None:
    """The running ingest, or the last one when it failed; ``None`` when none runs. ``board`` is the store's
    (``IndexStore.progress_board()``): with the postgres store, an ingest run by any replica."""
    p = board.read()
    if p is None or p.state == "done" or (p.state != "failed" and not p.running):
        return None
    return IngestStatus(
        state=p.state,
        stage=p.stage,
        stages=p.stages,
        files=p.files,
        adding=p.adding,
        chunks_done=p.chunks_done,
        chunks_total=p.chunks_total,
        ocr_pages_done=p.ocr_pages_done,
        ocr_pages_total=p.ocr_pages_total,
        message=p.message,
        summary=_summary(p),
    )
