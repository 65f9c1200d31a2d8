"""JSON API: file a request, read its status and deadlines with their working, the public register."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.security import django_auth

from opengu.disclosure import permissions, selectors, services
from opengu.disclosure.models import Delivery, Method, State
from opengu.disclosure.services import DisclosureError, RequesterData
from opengu.lib import pii

router = Router(tags=["disclosure"])


class ErrorOut(Schema):
    detail: str
    field: str = ""


class RequestIn(Schema):
    requester_name: str
    requester_birth_date: str = ""
    requester_address: str = ""
    requester_phone: str = ""
    requester_email: str = ""
    subject: str
    content: str
    method: str = Method.ELECTRONIC
    delivery: str = Delivery.ONLINE
    in_public_register: bool = False
    consent: bool


class DeadlineOut(Schema):
    kind: str
    label: str
    due: str
    working: dict


class StepOut(Schema):
    at: str
    state: str
    notice: str


class StatusOut(Schema):
    number: str
    subject: str
    received_on: str
    state: str
    state_label: str
    department: str
    decision: str
    deadlines: list[DeadlineOut]
    steps: list[StepOut]


class RegisterRowOut(Schema):
    number: str
    received_on: str
    subject: str
    department: str
    state_label: str
    decision: str


def _status(r) -> dict:  # type: ignore[no-untyped-def]
    decision = getattr(r, "decision", None) if hasattr(r, "decision") else None
    state = State.ASSIGNED if r.state == State.UNDER_REVIEW else State(r.state)
    return {
        "number": r.number, "subject": r.subject, "received_on": r.received_on.isoformat(),
        "state": state.value, "state_label": str(state.label),
        "department": r.department.name if r.department else "",
        "decision": decision.get_kind_display() if decision is not None and decision.is_issued else "",
        "deadlines": [{"kind": d.kind, "label": d.get_kind_display(), "due": d.due.isoformat(), "working": d.working}
                      for d in r.deadlines.all()],
        "steps": [{"at": t.at.isoformat(), "state": t.get_to_state_display(), "notice": t.notice}
                  for t in r.transitions.filter(internal=False)],
    }


@router.post("/requests", response={201: StatusOut, 400: ErrorOut, 403: ErrorOut}, auth=django_auth,
             summary="정보공개 청구(구민 계정)")
def request_create(request: HttpRequest, payload: RequestIn):  # type: ignore[no-untyped-def]
    """로그인한 구민이 정보공개를 청구합니다. consent=true(개인정보 수집·이용 동의)가 필요합니다."""
    if not permissions.can_file_request(request.user):
        return Status(403, {"detail": _("구민 계정으로만 청구할 수 있습니다.")})
    if not payload.consent:
        return Status(400, {"detail": _("개인정보 수집·이용에 동의해야 청구할 수 있습니다."), "field": "consent"})
    try:
        created = services.request_file(
            actor=request.user,  # type: ignore[arg-type]
            data=RequesterData(name=payload.requester_name, birth_date=payload.requester_birth_date,
                               address=payload.requester_address, phone=payload.requester_phone,
                               email=payload.requester_email),
            subject=payload.subject, content=payload.content, method=payload.method, delivery=payload.delivery,
            in_public_register=payload.in_public_register,
        )
    except DisclosureError as exc:
        return Status(400, {"detail": exc.message, "field": exc.field})
    found = selectors.request_of_requester(request.user, created.number)
    return Status(201, _status(found))


@router.get("/requests/{number}", response={200: StatusOut, 404: ErrorOut}, auth=django_auth,
            summary="내 청구의 상태와 기한(계산 근거 포함)")
def request_status(request: HttpRequest, number: str):  # type: ignore[no-untyped-def]
    """청구인 본인의 청구만 볼 수 있습니다. 각 기한에는 어떻게 계산했는지(working)가 붙습니다."""
    found = selectors.request_of_requester(request.user, number)
    if found is None:
        return Status(404, {"detail": _("청구를 찾을 수 없습니다.")})
    return Status(200, _status(found))


@router.get("/register", response=list[RegisterRowOut], summary="정보공개 청구목록(청구인 정보 없음)")
def register_list(request: HttpRequest, q: str = "", limit: int = 100, offset: int = 0):  # type: ignore[no-untyped-def]
    limit = max(1, min(limit, 500))
    rows = selectors.public_register(query=q[:100])[max(offset, 0):max(offset, 0) + limit]
    out = []
    for r in rows:
        decision = getattr(r, "decision", None) if hasattr(r, "decision") else None
        state = State.ASSIGNED if r.state == State.UNDER_REVIEW else State(r.state)
        out.append({
            "number": r.number, "received_on": r.received_on.isoformat(),
            "subject": pii.mask_in_text(r.subject) if r.in_public_register else "",
            "department": r.department.name if r.department else "",
            "state_label": str(state.label),
            "decision": decision.get_kind_display() if decision is not None and decision.is_issued else "",
        })
    return out
