"""Photos and scans saved as images (JPEG, PNG, TIFF — every frame of a multi-page TIFF is a page), read
by OCR. A phone photo is first turned as its EXIF orientation says."""

from __future__ import annotations

import io

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from ingest.converters.base import ConversionError, ConvertedDocument
from ingest.converters.scan import ocr_pages

__all__ = ["IMAGE_MAGIC", "MAX_IMAGE_PIXELS", "convert_image"]

IMAGE_MAGIC = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"), (b"II*\x00", "tiff"), (b"MM\x00*", "tiff"))
MAX_IMAGE_PIXELS = 120_000_000  # an A3 page at 600 dpi is 70 Mpx; more is a decompression bomb
_MAX_FRAMES = 500


def convert_image(data: bytes, path: str, *, ocr=None, file_hash: str = "") -> ConvertedDocument:
    """OCR the image's pages; without an OCR engine, only check that the image opens (``needs_ocr``)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise ConversionError(
                    "too_large", f"the image has {image.width}×{image.height} pixels (limit {MAX_IMAGE_PIXELS:,})", path
                )
            frames: list[Image.Image] = []
            for frame in ImageSequence.Iterator(image):
                if len(frames) >= _MAX_FRAMES:
                    raise ConversionError("too_large", f"the image has more than {_MAX_FRAMES} pages", path)
                frames.append(ImageOps.exif_transpose(frame.convert("L")))
    except ConversionError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as e:
        raise ConversionError("corrupt", f"unreadable image: {e}", path) from e
    if ocr is None:
        raise ConversionError("needs_ocr", "ảnh chụp / bản scan — cần OCR / an image: needs OCR", path)
    return ocr_pages(ocr, path, "image", frames=frames, file_hash=file_hash)
