"""Conversion in a child process under limits (issue 11): a file that is too slow or too big in memory
fails alone with its own code, the others are indexed, and the converting process is never the caller."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest.components.convert import FileConverter
from ingest.converters import ConversionError
from ingest.sandbox import SandboxLimits, convert_isolated

from samples import heavy_pdf

TEXT = "Số: 3/KH-LĐLĐ\nKẾ HOẠCH\nTập huấn an toàn lao động\nI. NỘI DUNG\n1. Tổ chức tập huấn cho đoàn viên.\n"


def test_converts_in_another_process():
    document, pid = convert_isolated(TEXT.encode(), SandboxLimits(), name="ke-hoach.txt")
    assert document.text.strip().startswith("Số: 3/KH-LĐLĐ") and document.format == "txt"
    assert pid != os.getpid()


def test_a_path_is_read_by_the_child(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    document, _ = convert_isolated(path, SandboxLimits())
    assert document.source_path == str(path)


def test_converter_errors_keep_their_code():
    with pytest.raises(ConversionError) as e:
        convert_isolated(b"%PDF-1.4 not really", SandboxLimits(), name="x.pdf")
    assert e.value.code == "corrupt"


def test_cpu_limit_is_too_slow():
    with pytest.raises(ConversionError) as e:
        convert_isolated(heavy_pdf(60_000), SandboxLimits(cpu_seconds=1, wall_seconds=120), name="heavy.pdf")
    assert e.value.code == "too_slow" and "CPU" in e.value.message


def test_wall_limit_is_too_slow():
    with pytest.raises(ConversionError) as e:
        convert_isolated(heavy_pdf(60_000), SandboxLimits(wall_seconds=1.5), name="heavy.pdf")
    assert e.value.code == "too_slow" and "wall" in e.value.message


def test_memory_limit_is_too_big_in_memory():
    big = ("Điều 1. Người lao động được nghỉ hằng năm. " * 400_000).encode()  # ~18 MB of text
    with pytest.raises(ConversionError) as e:
        convert_isolated(big, SandboxLimits(memory_bytes=30_000_000), name="big.txt", max_bytes=50_000_000)
    assert e.value.code == "too_big_in_memory"


def test_bad_limits_are_refused():
    for bad in ({"memory_bytes": 0}, {"cpu_seconds": -1}, {"wall_seconds": 0}):
        with pytest.raises(ValueError, match=next(iter(bad))):
            SandboxLimits(**bad)


def test_the_batch_goes_on_after_a_file_hits_a_limit(tmp_path):
    paths = []
    for name, data in (
        ("a.txt", TEXT.encode()),
        ("heavy.pdf", heavy_pdf(60_000)),
        ("b.txt", TEXT.replace("3/KH", "4/KH").encode()),
    ):
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    out = FileConverter(limits=SandboxLimits(cpu_seconds=1)).run(paths)
    assert [Path(d.source_path).name for d in out["converted"]] == ["a.txt", "b.txt"]
    assert [(Path(f.path).name, f.code) for f in out["failures"]] == [("heavy.pdf", "too_slow")]
    assert os.getpid() not in out["converted_by"]
