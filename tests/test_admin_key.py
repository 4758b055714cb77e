"""The admin key policy and the limit on failed attempts (issue 11)."""

from __future__ import annotations

import random
import string

import pytest
from fastapi.testclient import TestClient

from service.admin_auth import DOCUMENTED_EXAMPLE_KEY, MAX_FAILURES, FailedAttempts, admin_key_problem

KEY = "q8Vt2-LmZr7-Xk4Pw-Hs9Ny-Bd3Jf-Ce6Ga"


def _repeated(unit: str, length: int = 40) -> str:
    return (unit * (length // len(unit) + 1))[:length]


@pytest.mark.parametrize(
    "key",
    [
        "1234567890123456",  # the example: too short
        "12345678901234567890123456789012",  # long, but a run of digits
        "abcdefghijklmnopqrstuvwxyz012345",  # a run of letters
        "zyxwvutsrqponmlkjihgfedcba987654",  # backwards
        _repeated("xK9#mQ2v"),  # a short unit repeated (8 distinct characters)
        _repeated("A1b2C3d4E5f6G7h8"),  # a 16-character unit twice and a half: distinct enough, still a pattern
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        DOCUMENTED_EXAMPLE_KEY,
        "changeme-changeme-changeme-changeme",
        "Sh0rt-but-r4ndom-k3y!",  # 21 characters
    ],
)
def test_weak_keys_are_refused(key):
    assert admin_key_problem(key) is not None


def test_random_keys_are_accepted():
    rng = random.SystemRandom()
    for _ in range(50):
        key = "".join(rng.choice(string.ascii_letters + string.digits + "-_") for _ in range(40))
        assert admin_key_problem(key) is None, key
    assert admin_key_problem(KEY) is None


def test_failed_attempts_window():
    attempts = FailedAttempts(max_failures=3, window=60)
    for _ in range(2):
        attempts.record("10.0.0.1")
    assert attempts.retry_after("10.0.0.1") is None
    attempts.record("10.0.0.1")
    assert 1 <= attempts.retry_after("10.0.0.1") <= 60
    assert attempts.retry_after("10.0.0.2") is None  # per address
    quick = FailedAttempts(max_failures=1, window=0.05)
    quick.record("a")
    assert quick.retry_after("a") is not None
    import time

    time.sleep(0.1)
    assert quick.retry_after("a") is None  # the failure left the window


def test_wrong_keys_are_throttled_per_address(tmp_path):
    from service.app import create_app
    from tracuu.settings import Settings

    app = create_app(Settings(index_dir=tmp_path / "index", corpus=[tmp_path], admin_key=KEY))
    good = {"Authorization": f"Bearer {KEY}"}
    with TestClient(app) as client:
        assert client.get("/api/admin/jobs", headers=good).status_code == 200
        assert client.get("/api/admin/jobs").status_code == 401  # no key: not an attempt
        for i in range(MAX_FAILURES):
            r = client.get("/api/admin/jobs", headers={"Authorization": f"Bearer wrong-{i}"})
            assert r.status_code == 403
        r = client.get("/api/admin/jobs", headers={"Authorization": "Bearer wrong-again"})
        assert r.status_code == 429 and 1 <= int(r.headers["Retry-After"]) <= 60
        # Even the right key waits: guessing on gains nothing.
        assert client.get("/api/admin/jobs", headers=good).status_code == 429
    with TestClient(app, client=("192.0.2.7", 5000)) as other:  # another address is not affected
        assert other.get("/api/admin/jobs", headers=good).status_code == 200
