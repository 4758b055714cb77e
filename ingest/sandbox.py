"""Convert one file in a child process with limits on memory, CPU time and wall time.

Converters parse hostile input with third-party code (pypdf, python-docx, lxml, selectolax, OCR tools). A
decompression bomb or a loop there must cost one file, not the ingest, and never the server: Python's
``re`` and most parsers hold the interpreter lock, so a conversion running in the server process stops
every request. Each file is converted in a fresh interpreter (``python -m ingest.sandbox``, about
0.3 s to start) that inherits nothing of the caller's state, threads or index; the file goes in on
stdin (or as a path) and the text comes back as JSON, never as a pickle. A file that hits a limit fails alone, with its own code:

- ``too_slow``: more CPU time than ``cpu_seconds`` (RLIMIT_CPU) or more wall time than ``wall_seconds``;
- ``too_big_in_memory``: the conversion needed more than ``memory_bytes`` of address space (RLIMIT_AS)
  beyond what the child holds when it starts;
- ``converter_crashed``: the child died otherwise (a signal from a C extension).

>>> doc, pid = convert_isolated(Path("corpus/plans/439-KH-LDLD-2023.txt"), SandboxLimits())  # doctest: +SKIP
>>> pid != os.getpid()  # doctest: +SKIP
True
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.converters import ConversionError, ConvertedDocument
from ingest.ocr.options import OcrOptions, Progress

if TYPE_CHECKING:  # the child process should not pay for importing pydantic settings
    from tracuu.settings import Settings

__all__ = ["SandboxLimits", "convert_isolated", "LIMIT_CODES"]

LIMIT_CODES = ("too_slow", "too_big_in_memory", "converter_crashed")
_OPTIONS = ("max_bytes", "max_pages", "max_unzipped_bytes")


@dataclass(frozen=True)
class SandboxLimits:
    memory_bytes: int = 2_000_000_000  # address space a conversion may add to the child's own
    cpu_seconds: int = 300
    wall_seconds: float = 600.0

    def __post_init__(self) -> None:
        for name in ("memory_bytes", "cpu_seconds", "wall_seconds"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, got {getattr(self, name)!r}")

    @classmethod
    def of(cls, settings: Settings) -> SandboxLimits:
        return cls(settings.convert_memory_mb * 1_000_000, settings.convert_cpu_seconds, settings.convert_wall_seconds)


_PAGE_LINE = b"tracuu-ocr-page "  # the child's OCR progress, one stderr line per page: "tracuu-ocr-page 3 20"


def convert_isolated(
    source: Path | bytes,
    limits: SandboxLimits,
    *,
    name: str | None = None,
    ocr: OcrOptions | None = None,
    file_hash: str = "",
    on_page: Progress | None = None,
    **options: int,
) -> tuple[ConvertedDocument, int]:
    """Convert a file (a path, read by the child) or bytes; returns the document and the pid that converted
    it. Raises :class:`ConversionError`, with a code of :data:`LIMIT_CODES` when a limit was hit.
    ``ocr`` reads scans in the child (``file_hash`` keys its cache; ``on_page(done, total)`` follows it);
    ``options`` go to ``convert_file`` / ``convert_bytes``: ``max_bytes``, ``max_pages``, ``max_unzipped_bytes``."""
    label = name or (str(source) if isinstance(source, Path) else "upload")
    unknown = set(options) - set(_OPTIONS)
    if unknown:
        raise ValueError(f"unknown conversion options {sorted(unknown)}: expected {', '.join(_OPTIONS)}")
    command = [
        sys.executable,
        "-m",
        "ingest.sandbox",
        "--name",
        label,
        "--memory",
        str(limits.memory_bytes),
        "--cpu",
        str(limits.cpu_seconds),
    ]
    command += [arg for key, value in options.items() for arg in (f"--{key.replace('_', '-')}", str(value))]
    if isinstance(source, Path):
        command += ["--path", str(source)]
    if ocr is not None:
        command += [*ocr.to_args(), "--file-hash", file_hash]
    child = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_child_env(),
        start_new_session=True,
    )
    try:
        out, err = _exchange(child, source if isinstance(source, bytes) else b"", limits.wall_seconds, on_page)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        raise ConversionError(
            "too_slow", f"conversion took over {limits.wall_seconds:g} s (wall time)", label
        ) from None
    if child.returncode != 0:
        raise _death(child.returncode, limits, label, err)
    reply = json.loads(out)
    if "error" in reply:
        raise ConversionError(reply["error"], reply["message"], label)
    return ConvertedDocument(**reply["document"]), child.pid


def _exchange(child: subprocess.Popen, data: bytes, timeout: float, on_page: Progress | None) -> tuple[bytes, bytes]:
    """``communicate`` that also reads the child's progress lines as they come (threads: pipes never fill)."""
    out: list[bytes] = []
    err: list[bytes] = []
    assert child.stdin is not None and child.stdout is not None and child.stderr is not None  # all piped
    stdin, stdout, stderr = child.stdin, child.stdout, child.stderr

    def read_out() -> None:
        out.append(stdout.read())

    def read_err() -> None:
        for line in stderr:
            if line.startswith(_PAGE_LINE):
                if on_page is not None:
                    done, total = line[len(_PAGE_LINE) :].split()
                    on_page(int(done), int(total))
            else:
                err.append(line)

    readers = [threading.Thread(target=f, daemon=True) for f in (read_out, read_err)]
    for reader in readers:
        reader.start()
    try:
        stdin.write(data)
        stdin.close()
    except BrokenPipeError:  # the child died before reading everything; its exit status says why
        pass
    child.wait(timeout=timeout)
    for reader in readers:
        reader.join(timeout=10)
    return b"".join(out), b"".join(err)


def _child_env() -> dict[str, str]:
    # The child must import this checkout's ingest package, whatever the caller's working directory.
    root = str(Path(__file__).resolve().parent.parent)
    path = os.environ.get("PYTHONPATH", "")
    return {**os.environ, "PYTHONPATH": root + (os.pathsep + path if path else "")}


def _death(returncode: int, limits: SandboxLimits, label: str, err: bytes) -> ConversionError:
    if returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return ConversionError("too_slow", f"conversion used over {limits.cpu_seconds} s of CPU time", label)
    if b"MemoryError" in err[-2000:]:
        return ConversionError("too_big_in_memory", _memory_message(limits.memory_bytes), label)
    what = signal.Signals(-returncode).name if returncode < 0 else f"exit status {returncode}"
    return ConversionError("converter_crashed", f"the converter process died ({what})", label)


def _memory_message(memory_bytes: int) -> str:
    return f"converting needs more than {memory_bytes / 1_000_000:,.0f} MB of memory"


def _address_space() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _main(argv: list[str] | None = None) -> int:
    """The child: limits first, then one conversion, the result as one JSON object on stdout."""
    parser = argparse.ArgumentParser(prog="python -m ingest.sandbox")
    parser.add_argument("--name", required=True)
    parser.add_argument("--memory", type=int, required=True)
    parser.add_argument("--cpu", type=int, required=True)
    parser.add_argument("--path")
    for option in _OPTIONS:
        parser.add_argument(f"--{option.replace('_', '-')}", dest=option, type=int)
    parser.add_argument("--ocr-dpi", type=int)
    parser.add_argument("--ocr-min-confidence", type=float, default=60.0)
    parser.add_argument("--ocr-workers", type=int)
    parser.add_argument("--ocr-cache", type=Path)
    parser.add_argument("--file-hash", default="")
    args = parser.parse_args(argv)
    options = {k: getattr(args, k) for k in _OPTIONS if getattr(args, k) is not None}
    from ingest.converters import convert_bytes, convert_file  # imported before the limits apply

    ceiling = _address_space() + args.memory
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    # SIGXCPU at the soft limit ends the child; the hard limit (SIGKILL) ends one that survives it.
    resource.setrlimit(resource.RLIMIT_CPU, (args.cpu, args.cpu + 5))
    ocr = None
    if args.ocr_dpi is not None:

        def page_done(done: int, total: int) -> None:
            sys.stderr.buffer.write(_PAGE_LINE + f"{done} {total}\n".encode())
            sys.stderr.flush()

        ocr = OcrOptions(args.ocr_dpi, args.ocr_workers, args.ocr_cache, args.ocr_min_confidence).engine(page_done)
    try:
        if args.path is not None:
            document = convert_file(Path(args.path), ocr=ocr, **options)
        else:
            document = convert_bytes(sys.stdin.buffer.read(), args.name, ocr=ocr, file_hash=args.file_hash, **options)
        reply: dict = {"document": asdict(document)}
    except ConversionError as e:
        reply = {"error": e.code, "message": e.message}
    except MemoryError:
        reply = {"error": "too_big_in_memory", "message": _memory_message(args.memory)}
    except Exception as e:  # a converter bug: this file fails, the ingest goes on
        reply = {"error": "corrupt", "message": f"unreadable file (converter raised {type(e).__name__}: {e})"}
    sys.stdout.write(json.dumps(reply, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
