"""OCR of scanned pages: clean the image, read it with Tesseract, cache the result by content hash."""

from ingest.ocr.engine import OcrEngine, OcrResult, PageText

__all__ = ["OcrEngine", "OcrResult", "PageText"]
