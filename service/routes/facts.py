"""Structured facts: deadlines (JSON and iCalendar), targets, assignments."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response
from icalendar import Calendar, Event

from service.deps import EngineDep, SettingsDep
from service.fact_views import assignment_out, deadline_out, target_out
from service.schemas_facts import AssignmentsResponse, DeadlinesResponse, TargetsResponse
from tracuu.facts.models import DEADLINE_KIND_LABEL, AssignmentKind, Deadline, DeadlineKind
from tracuu.text.doc_types import document_label

router = APIRouter(prefix="/api/facts", tags=["facts"])

Kind = DeadlineKind


def _select(engine, start_text: str | None, end_text: str | None, kinds: list[Kind] | None) -> list[Deadline]:
    start, end = _day(start_text, "from"), _day(end_text, "to")
    if start and end and start > end:
        raise HTTPException(
            status_code=422, detail=f"khoảng ngày không hợp lệ / invalid range: from {start} > to {end}"
        )
    out = []
    for d in engine.facts.deadlines:
        if kinds and d.kind not in kinds:
            continue
        if start and d.date < start.isoformat() or end and d.date > end.isoformat():
            continue
        out.append(d)
    return sorted(out, key=lambda d: (d.date, d.kind, d.span.doc_id, d.span.start))


_ISO = r"^\d{4}-\d{2}-\d{2}$"  # a string, not pydantic's date: it would also take "0" as a Unix time
From = Annotated[
    str | None, Query(alias="from", pattern=_ISO, description="YYYY-MM-DD, inclusive", examples=["2023-01-01"])
]
To = Annotated[
    str | None, Query(alias="to", pattern=_ISO, description="YYYY-MM-DD, inclusive", examples=["2023-12-31"])
]


def _day(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise HTTPException(status_code=422, detail=f"ngày không hợp lệ / invalid date in '{name}': {value}") from e


@router.get("/deadlines", response_model=DeadlinesResponse, summary="Hạn và mốc thời gian / Deadlines")
def deadlines(
    engine: EngineDep,
    start: From = None,
    end: To = None,
    kind: Annotated[list[Kind] | None, Query(description="due, effective, ended, issued")] = None,
) -> DeadlinesResponse:
    return DeadlinesResponse(deadlines=[deadline_out(engine, d) for d in _select(engine, start, end, kind)])


@router.get(
    "/deadlines.ics",
    summary="Hạn dưới dạng lịch iCalendar / Deadlines as iCalendar",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}},
)
def deadlines_ics(
    engine: EngineDep,
    settings: SettingsDep,
    start: From = None,
    end: To = None,
    kind: Annotated[list[Kind] | None, Query()] = None,
) -> Response:
    cal = Calendar()
    cal.add("prodid", "-//tracuu//Tra cuu van ban//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Hạn công việc — Tra cứu")
    stamp = datetime.now(UTC)
    for d in _select(engine, start, end, kind or ["due"]):
        out = deadline_out(engine, d)
        event = Event()
        uid = hashlib.sha256(f"{d.span.doc_id}:{d.span.start}:{d.date}:{d.kind}".encode()).hexdigest()[:24]
        event.add("uid", f"{uid}@tracuu")
        event.add("dtstamp", stamp)
        event.add("dtstart", date.fromisoformat(d.date))
        who = f" — {d.who}" if d.who else ""
        event.add("summary", f"{DEADLINE_KIND_LABEL[d.kind]}: {d.what}{who}")
        doc = engine.index.documents[d.span.doc_id]
        where = document_label(doc.doc_type, doc.number)
        event.add("description", f"{out.source.text}\n\n{where}, {d.span.section}")
        # The configured address, never the request's Host header: a calendar file outlives the request,
        # and a forged Host would put another site's links in officers' calendars.
        event.add("url", settings.public_base_url + out.source.url)
        cal.add_component(event)
    return Response(
        cal.to_ical(),
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="han-cong-viec.ics"'},
    )


@router.get("/targets", response_model=TargetsResponse, summary="Chỉ tiêu / Targets")
def targets(engine: EngineDep) -> TargetsResponse:
    return TargetsResponse(targets=[target_out(engine, t) for t in engine.facts.targets])


@router.get("/assignments", response_model=AssignmentsResponse, summary="Phân công / Assignments")
def assignments(engine: EngineDep, kind: Annotated[list[AssignmentKind] | None, Query()] = None) -> AssignmentsResponse:
    return AssignmentsResponse(
        assignments=[assignment_out(engine, a) for a in engine.facts.assignments if not kind or a.kind in kind]
    )
