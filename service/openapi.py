"""The OpenAPI schema describes errors as the app sends them: ``{"detail": "<message>"}``.

FastAPI documents its own 422 body (``detail`` as a list of error objects), but the app's handler
sends one readable message instead; a body FastAPI cannot parse (not UTF-8) is a 400, and the
limits of ``service/security.py`` add 413 and 415. Found by
``tests/test_schemathesis.py``, which checks every response against this schema.

>>> describe_errors(app)  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

__all__ = ["describe_errors"]

_ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}
_ERROR_SCHEMA = {
    "title": "ErrorOut",
    "type": "object",
    "required": ["detail"],
    "properties": {"detail": {"type": "string", "title": "Detail"}},
}
_BODY_ERRORS = {
    "400": "thân yêu cầu không đọc được / the body cannot be parsed (e.g. not UTF-8)",
    "413": "nội dung yêu cầu quá lớn / request body too large",
    "415": "API chỉ nhận JSON / the request body is not JSON",
}


def describe_errors(app: FastAPI) -> None:
    """Wrap ``app.openapi`` so the generated schema documents the error bodies actually sent."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _patched(generate())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _patched(schema: dict[str, Any]) -> dict[str, Any]:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["ErrorOut"] = _ERROR_SCHEMA
    components["HTTPValidationError"] = {**_ERROR_SCHEMA, "title": "HTTPValidationError"}
    components.pop("ValidationError", None)
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            if "requestBody" in operation:
                for status, description in _BODY_ERRORS.items():
                    operation["responses"].setdefault(
                        status,
                        {
                            "description": description,
                            "content": {"application/json": {"schema": _ERROR_REF}},
                        },
                    )
    return schema
