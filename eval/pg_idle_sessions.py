"""Sessions opened and CPU used by one idle ``tracuu serve`` replica on the postgres store, over a minute.

The admin routes are on (their job queue polls every 0.5 s), the pointer is polled every
``TRACUU_WATCH_INTERVAL`` (2 s) and ``/health`` is fetched once a second, as an open page would. The
database must already hold a generation (``tracuu ingest`` with ``TRACUU_STORE=postgres``)::

    python -m eval.pg_idle_sessions --database-url postgresql://… --corpus DIR
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time

import httpx
import psutil

from service.local_server import LocalServer
from tracuu.index.pgstore import connect

__all__ = ["main"]

_SESSIONS = "SELECT sessions FROM pg_stat_database WHERE datname = current_database()"


def _sessions(url: str) -> int:
    with connect(url, autocommit=True) as conn:
        return int(conn.execute(_SESSIONS).fetchone()[0])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--corpus", required=True, help="the corpus folder the replica's admin routes ingest")
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tracuu-idle-") as tmp:
        env = {
            "TRACUU_STORE": "postgres",
            "TRACUU_DATABASE_URL": args.database_url,
            "TRACUU_INDEX_DIR": f"{tmp}/index",
            "TRACUU_UPLOAD_DIR": f"{tmp}/uploads",
            "TRACUU_CORPUS": json.dumps([args.corpus]),
            "TRACUU_ADMIN_KEY": "idle-Adm1n-k3y-5d8e1a7c9b2f-Qv4w-xyz",
        }
        with LocalServer(env=env, timeout=300) as server:
            time.sleep(5)  # past start-up
            process = psutil.Process(server.pid)
            cpu0, sessions0, t0 = sum(process.cpu_times()[:2]), _sessions(args.database_url), time.time()
            for _ in range(args.seconds):
                httpx.get(f"{server.base}/health", timeout=10)
                time.sleep(1)
            cpu1, sessions1, t1 = sum(process.cpu_times()[:2]), _sessions(args.database_url), time.time()
    result = {
        "seconds": round(t1 - t0, 1),
        "sessions_opened": sessions1 - sessions0 - 1,  # less this script's own second reading
        "server_cpu_s": round(cpu1 - cpu0, 2),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
