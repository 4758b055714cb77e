"""Property-based tests of the public API from its own OpenAPI schema (schemathesis), bounded for CI.

Every operation of /openapi.json gets generated requests, valid and invalid; each response must not be
a 5xx and must match the schema it is documented with (status code, content type, body). The app is
the real one on the session's fixture index, called in-process over ASGI.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="pip install schemathesis (the test extra)")
from hypothesis import HealthCheck, settings  # noqa: E402  (hypothesis comes with schemathesis)
from schemathesis.checks import (  # noqa: E402
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.slow

# Per operation: ~4 s each on two cores with the real embedder. Raise it for a deeper run by hand.
MAX_EXAMPLES = int(os.environ.get("TRACUU_SCHEMATHESIS_EXAMPLES", "40"))
# No 5xx, every response as documented, and invalid input refused. Not run: positive_data_acceptance
# (a valid citation number the index does not hold is, rightly, a 404).
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,
]


def _schema():
    """The schema is read at collection time from an app without an index (the schema does not depend on
    one); the calls go to the session's real app. (``schemathesis.pytest.from_fixture`` would be the
    natural way, but it breaks on pytest 9.)"""
    from service.app import create_app
    from tracuu.settings import Settings

    with tempfile.TemporaryDirectory() as empty:
        return schemathesis.openapi.from_asgi("/openapi.json", create_app(Settings(index_dir=Path(empty))))


schema = _schema()


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)
def test_api_conforms_to_its_schema(case, app, client):  # client: the lifespan has loaded the index
    case.call_and_validate(app=app, checks=CHECKS)
