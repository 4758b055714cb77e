"""``tracuu serve`` in a child process on a free loopback port, ready once ``/health`` says "ok".

One helper for everything that needs a real server: the tests' live-server fixtures, the latency
benchmark (``eval/latency.py``) and the screenshots (``service/screenshots.py``).

>>> with LocalServer(Path("var/index")) as server:  # doctest: +SKIP
...     httpx.get(f"{server.base}/health").json()["status"]
'ok'
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

import httpx
import psutil

__all__ = ["LocalServer", "free_port"]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LocalServer:
    """``python -m cli serve`` on loopback against ``index_dir`` (default: the settings' index).

    ``env`` adds to the environment (``OMP_WAIT_POLICY=PASSIVE`` by default: two processes embedding at
    once slow each other ~50x without it). The server's output goes to a temporary file, so a chatty
    server never blocks on a full pipe, and its tail is in the error when it fails to start.
    ``startup_s`` is spawn → healthy.
    """

    def __init__(
        self,
        index_dir: Path | None = None,
        *,
        env: Mapping[str, str] | None = None,
        timeout: float = 120,
        stop_timeout: float = 20,
    ) -> None:
        self.index_dir = Path(index_dir) if index_dir is not None else None
        self.env = dict(env or {})
        self.timeout = timeout
        self.stop_timeout = stop_timeout
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.startup_s = 0.0  # set once healthy
        self._proc: subprocess.Popen[bytes] | None = None
        self._log = tempfile.TemporaryFile()

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def rss_bytes(self) -> int:
        return psutil.Process(self._proc.pid).memory_info().rss if self._proc else 0

    def __enter__(self) -> LocalServer:
        env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE", **self.env}
        if self.index_dir is not None:
            env["TRACUU_INDEX_DIR"] = str(self.index_dir)
        cmd = [sys.executable, "-m", "cli", "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        t0 = time.perf_counter()
        self._proc = subprocess.Popen(cmd, env=env, stdout=self._log, stderr=subprocess.STDOUT)
        try:
            self._wait_healthy(t0)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        self.startup_s = time.perf_counter() - t0
        return self

    def _wait_healthy(self, t0: float) -> None:
        assert self._proc is not None
        while time.perf_counter() - t0 < self.timeout:
            if self._proc.poll() is not None:
                raise RuntimeError(f"tracuu serve exited with {self._proc.returncode}:\n{self.output()[-2000:]}")
            try:
                if httpx.get(f"{self.base}/health", timeout=2).json().get("status") == "ok":
                    return
            except (httpx.HTTPError, ValueError):
                pass
            time.sleep(0.1)
        raise TimeoutError(f"{self.base} not healthy after {self.timeout:.0f}s (is there an index?)")

    def output(self) -> str:
        """What the server has printed so far."""
        self._log.flush()
        self._log.seek(0)
        return self._log.read().decode(errors="replace")

    def __exit__(self, *exc: object) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=self.stop_timeout)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
