"""Speed of scans: OCR pages per second, and the time from uploading a 20-page scan to answering from it.

``tracuu eval ocr [--pages 20] [--workers N] [--json]``. The scan is the whole plan 439/KH-LĐLĐ in the
official layout (python-docx → LibreOffice PDF → pages rasterised at 200 dpi, tilted and specked), its
pages repeated to ``--pages``. Both measurements start with an empty OCR cache; the embedding cache is the
one the settings name (``TRACUU_EMBEDDING_CACHE``), as for any ingest.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = ["OcrBench", "make_scan", "run_ocr_bench"]

QUESTION = "Hạn chót báo cáo kết quả thực hiện công tác dân vận chính quyền năm 2023 về UBND tỉnh là ngày nào?"
EXPECT = "01/11/2023"
_KEY = "ocr-bench-Adm1n-k3y-5f0d2c9a"


@dataclass
class OcrBench:
    pages: int
    cores: int
    workers: int
    ocr_seconds: float
    pages_per_second: float
    one_worker_pages_per_second: float | None
    upload_to_answerable_seconds: float
    answer: str
    mean_confidence: float


def make_scan(pages: int) -> bytes:
    from eval.official_layout import image_pdf, plan_docx, rasterise
    from ingest.tools import soffice

    pdf = soffice.to_format(plan_docx(full=True), ".docx", "pdf")
    images = rasterise(pdf, tilt=0.8)
    return image_pdf([images[i % len(images)] for i in range(pages)])


def run_ocr_bench(pages: int = 20, workers: int | None = None, compare_one_worker: bool = True) -> OcrBench:
    from ingest.ocr import OcrEngine

    scan = make_scan(pages)
    cores = os.cpu_count() or 1
    engine = OcrEngine(workers=workers, progress=lambda d, t: print(f"\r  OCR {d}/{t}", end="", flush=True))
    started = time.perf_counter()
    result = engine.read_pdf(scan, list(range(1, pages + 1)), file_hash="bench")
    ocr_seconds = time.perf_counter() - started
    print()
    one = None
    if compare_one_worker and engine.workers > 1:
        few = min(pages, 4)
        started = time.perf_counter()
        OcrEngine(workers=1).read_pdf(scan, list(range(1, few + 1)), file_hash="bench-1")
        one = few / (time.perf_counter() - started)
    seconds, answer = _upload_to_answerable(scan)
    return OcrBench(
        pages,
        cores,
        engine.workers,
        round(ocr_seconds, 1),
        round(pages / ocr_seconds, 3),
        round(one, 3) if one else None,
        round(seconds, 1),
        answer,
        round(sum(p.confidence for p in result.pages) / len(result.pages), 1),
    )


def _upload_to_answerable(scan: bytes) -> tuple[float, str]:
    """Seconds from the admin upload (POST /api/admin/documents) until /api/ask answers from the scan."""
    from fastapi.testclient import TestClient

    from service.app import create_app
    from tracuu.settings import Settings

    with tempfile.TemporaryDirectory(prefix="tracuu-ocr-bench-") as work:
        settings = Settings(
            index_dir=Path(work) / "index",
            corpus=[Path(work) / "corpus"],
            admin_key=_KEY,
            upload_dir=Path(work) / "corpus" / "uploads",
            ocr_cache=Path(work) / "ocr.sqlite",
            embedding_cache=Settings().embedding_cache,
        )
        (Path(work) / "corpus").mkdir()
        auth = {"Authorization": f"Bearer {_KEY}"}
        with TestClient(create_app(settings)) as client:
            started = time.perf_counter()
            r = client.post(
                "/api/admin/documents", headers=auth, files=[("files", ("ke-hoach-scan.pdf", scan, "application/pdf"))]
            )
            r.raise_for_status()
            job_id = r.json()["job"]["id"]
            while (job := client.get(f"/api/admin/jobs/{job_id}", headers=auth).json())["status"] in (
                "queued",
                "running",
            ):
                time.sleep(0.5)
            if job["status"] != "succeeded":
                raise RuntimeError(f"the ingest job failed: {job.get('error')}")
            answer = client.post("/api/ask", json={"question": QUESTION}).json()
            seconds = time.perf_counter() - started
    if EXPECT not in answer["answer"]:
        raise RuntimeError(f"the scan did not answer {QUESTION!r}: {answer['answer']!r}")
    return seconds, answer["answer"]


def as_dict(bench: OcrBench) -> dict:
    return asdict(bench)
