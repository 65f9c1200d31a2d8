"""The JSON API (django-ninja), OpenAPI at /api/v1/docs. Apps add routers through manifests."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils.module_loading import import_string
from ninja import NinjaAPI, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError

from opengu.core.calendar import deadline
from opengu.core.registry import manifests
from opengu.lib.workdays import COUNTINGS, MAX_DAYS

api = NinjaAPI(
    title="opengu API",
    version="1",
    description="서대문구 opengu 공개 API. 기한 계산, 각 업무 모듈의 공개 자료.",
    urls_namespace="api",
)


class ErrorOut(Schema):
    detail: str


class SkippedOut(Schema):
    date: str
    reason: str


class DeadlineOut(Schema):
    start: str
    days: int
    counting: str
    due: str
    counted: list[str]
    skipped: list[SkippedOut]
    rule: str


@api.exception_handler(NinjaValidationError)
def validation_errors(request: HttpRequest, exc: NinjaValidationError):  # type: ignore[no-untyped-def]
    fields = sorted({str(err.get("loc", ["", "?"])[-1]) for err in exc.errors})
    return api.create_response(
        request, {"detail": f"잘못된 매개변수입니다: {', '.join(fields)}", "errors": exc.errors}, status=400
    )


@api.get("/deadline", response={200: DeadlineOut, 400: ErrorOut}, tags=["calendar"], summary="법정 기한 계산")
def deadline_get(request: HttpRequest, start: str, days: int, counting: str = "workdays"):  # type: ignore[no-untyped-def]
    """`start`(사건 발생일, YYYY-MM-DD)부터 `days`일의 기한. counting=workdays(정보공개법 제29조제2항) 또는 civil(민법)."""
    try:
        start_date = dt.date.fromisoformat(start)
    except ValueError:
        return Status(400, {"detail": "start는 YYYY-MM-DD 형식의 날짜여야 합니다."})
    if counting not in COUNTINGS:
        return Status(400, {"detail": "counting은 workdays 또는 civil이어야 합니다."})
    if not 1 <= days <= MAX_DAYS:
        return Status(400, {"detail": f"days는 1부터 {MAX_DAYS}까지의 정수여야 합니다."})
    return Status(200, deadline(start_date, days, counting).as_dict())


for _manifest in manifests():
    if _manifest.api_router:
        api.add_router(f"/{_manifest.name}/", import_string(_manifest.api_router))
