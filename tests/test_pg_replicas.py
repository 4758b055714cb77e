"""Two real `tracuu serve` replicas on one PostgreSQL: an upload through one is ingested once (by whichever
replica claims the job), and both answer from it, while questions keep being answered during the swap."""

from __future__ import annotations

import threading

import httpx
import pytest

pytestmark = pytest.mark.slow

KEY = "r3plica-Adm1n-k3y-5d8e1a7c9b2f-Qv4w"  # 32+ characters: the admin key rule
PLAN = (
    "Số: 21/KH-LĐLĐ\nKẾ HOẠCH\nHội thao công nhân viên chức\nI. NỘI DUNG\n"
    "1. Các công đoàn cơ sở đăng ký vận động viên trước ngày 10/03/2025.\n"
    "2. Ban tổ chức họp xét kết quả vào cuối tháng 3 năm 2025.\n"
)
UPLOAD = (
    "Số: 7/TB-LĐLĐ\nTHÔNG BÁO\nLớp tập huấn kỹ năng thương lượng tập thể\nI. NỘI DUNG\n"
    "1. Lớp tập huấn khai giảng tại Hội trường Liên đoàn Lao động tỉnh vào ngày 18/09/2025.\n"
    "2. Mỗi công đoàn cơ sở cử hai cán bộ tham dự lớp tập huấn.\n"
)
QUESTION = "Lớp tập huấn kỹ năng thương lượng tập thể khai giảng ngày nào?"


def _dated(answer: str, day: str, month: str) -> bool:
    """The answer states that date of 2025, however it spells the month (3 or 03)."""
    return f"{day}/{month}/2025" in answer or f"{day}/{month.zfill(2)}/2025" in answer


def _ask(base: str, question: str) -> dict:
    response = httpx.post(f"{base}/api/ask", json={"question": question}, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


def test_upload_through_one_replica_is_ingested_once_and_answered_by_the_other(postgres, tmp_path, embedder):
    import psycopg

    from ingest.pipeline import run_ingest
    from service.local_server import LocalServer
    from tracuu.index.pgstore import PostgresStore
    from tracuu.settings import Settings

    url = postgres.new_database()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "hoi-thao.txt").write_text(PLAN, encoding="utf-8")
    first = run_ingest(
        [corpus],
        Settings(index_dir=tmp_path / "ingest", corpus=[corpus], store="postgres", database_url=url),
        embedder=embedder,
        progress=False,
    ).generation

    def env(name: str) -> dict[str, str]:  # nothing shared on disk but the (read-only) corpus
        return {
            "TRACUU_STORE": "postgres",
            "TRACUU_DATABASE_URL": url,
            "TRACUU_ADMIN_KEY": KEY,
            "TRACUU_CORPUS": f'["{corpus}"]',
            "TRACUU_UPLOAD_DIR": str(tmp_path / name / "uploads"),
            "TRACUU_INDEX_DIR": str(tmp_path / name / "index"),
            "TRACUU_WATCH_INTERVAL": "0.3",
        }

    with LocalServer(env=env("a"), timeout=120) as a, LocalServer(env=env("b"), timeout=120) as b:
        for server in (a, b):
            assert server.base and _dated(_ask(server.base, "Hạn đăng ký vận động viên hội thao?")["answer"], "10", "3")
        stop, failures, answered = threading.Event(), [], [0]

        def keep_asking() -> None:  # both replicas keep answering while the new generation is built and swapped
            while not stop.is_set():
                for server in (a, b):
                    try:
                        body = _ask(server.base, "Hạn đăng ký vận động viên hội thao?")
                        answered[0] += 1
                        if not _dated(body["answer"], "10", "3"):
                            failures.append(body["answer"])
                    except Exception as e:  # noqa: BLE001 - every failure is reported below
                        failures.append(repr(e))

        asker = threading.Thread(target=keep_asking)
        asker.start()
        try:
            auth = {"Authorization": f"Bearer {KEY}"}
            response = httpx.post(
                f"{a.base}/api/admin/documents",
                headers=auth,
                timeout=60,
                files=[("files", ("Thông báo tập huấn.txt", UPLOAD.encode(), "text/plain"))],
            )
            assert response.status_code == 202, response.text
            job_id = response.json()["job"]["id"]
            # The job lives in the database: the other replica reports it, whichever one runs it.
            job = None
            for _ in range(600):
                job = httpx.get(f"{b.base}/api/admin/jobs/{job_id}", headers=auth, timeout=30).json()
                if job["status"] in ("succeeded", "failed"):
                    break
                stop.wait(0.5)
            assert job is not None and job["status"] == "succeeded", job
            for _ in range(100):  # b follows the published generation (its watch polls the pointer)
                body = _ask(b.base, QUESTION)
                if _dated(body["answer"], "18", "9"):
                    break
                stop.wait(0.2)
            assert _dated(body["answer"], "18", "9"), body["answer"]
            assert body["sources"][0]["doc_id"] == _ask(a.base, QUESTION)["sources"][0]["doc_id"]
        finally:
            stop.set()
            asker.join(timeout=120)
        assert not failures and answered[0] > 0

    with psycopg.connect(url) as conn:
        jobs = conn.execute("SELECT status, worker FROM tracuu_jobs").fetchall()
        uploads = conn.execute("SELECT name, bytes FROM tracuu_uploads").fetchall()
    assert len(jobs) == 1 and jobs[0][0] == "succeeded"  # ingested once
    assert uploads == [("thong-bao-tap-huan.txt", len(UPLOAD.encode()))]
    generations = PostgresStore(url).generations()
    assert generations == [first, job["generation"]]  # exactly one new generation was published
