"""Run an ingest in its own process, for callers that must keep answering meanwhile (the server).

The ingest converts (each file in a further child, see :mod:`ingest.sandbox`), normalises, extracts and
embeds: work that holds the interpreter lock for seconds at a time. In the server's process it would
stop every request; here it runs in ``python -m ingest.ingest_process``, which gets the paths and the
settings as JSON on stdin and prints the result as JSON. The caller swaps its index only afterwards.

>>> result = run_ingest_in_process([Path("corpus")], Settings())  # doctest: +SKIP
>>> result.summary["ingest_pid"] != os.getpid()  # doctest: +SKIP
True
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from ingest.report import FileReport
from tracuu.settings import Settings

__all__ = ["run_ingest_in_process", "IngestProcessFailed"]

log = logging.getLogger(__name__)


class IngestProcessFailed(RuntimeError):
    """The ingest process reported an error (its message) or died; the previous index stays current."""


def run_ingest_in_process(paths: list[Path], settings: Settings):  # -> ingest.pipeline.IngestResult
    from ingest.pipeline import IngestResult  # light: the pipeline's heavy imports happen in the child

    request = {"paths": [str(p) for p in paths], "settings": settings.model_dump(mode="json")}
    root = str(Path(__file__).resolve().parent.parent)
    python_path = os.environ.get("PYTHONPATH", "")
    env = {**os.environ, "PYTHONPATH": root + (os.pathsep + python_path if python_path else "")}
    child = subprocess.run(
        [sys.executable, "-m", "ingest.ingest_process"],
        input=json.dumps(request).encode(),
        capture_output=True,
        env=env,
        check=False,
    )
    if child.returncode != 0 or not child.stdout.strip():
        tail = child.stderr.decode(errors="replace").strip().splitlines()[-5:]
        raise IngestProcessFailed(f"the ingest process exited with {child.returncode}: {' | '.join(tail)}")
    reply = json.loads(child.stdout)
    if "error" in reply:
        raise IngestProcessFailed(reply["error"])
    reports = [FileReport(**r) for r in reply["reports"]]
    return IngestResult(reply["generation"], reports, reply["summary"])


def _exit_with_parent() -> None:
    """A server stopped mid-job must not leave its ingest running: end when the parent is gone."""
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _main() -> int:
    threading.Thread(target=_exit_with_parent, daemon=True).start()
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    request = json.loads(sys.stdin.buffer.read())
    from ingest.pipeline import run_ingest

    try:
        settings = Settings(**request["settings"])
        result = run_ingest([Path(p) for p in request["paths"]], settings, progress=False)
    except Exception as e:  # reported to the caller, which keeps its index
        log.exception("ingest failed")
        reply: dict = {"error": f"{type(e).__name__}: {e}"}
    else:
        summary = {**result.summary, "ingest_pid": os.getpid()}
        reply = {"generation": result.generation, "summary": summary, "reports": [r.to_dict() for r in result.reports]}
    sys.stdout.write(json.dumps(reply, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
