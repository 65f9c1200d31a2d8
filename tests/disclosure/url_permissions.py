"""Who may open each disclosure URL (merged into tests/portal/test_url_permissions.py)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from opengu.disclosure import services
from opengu.disclosure.models import DisclosureRequest
from opengu.disclosure.services import RequesterData
from tests.disclosure.pdfs import make_pdf
from tests.personas import Personas
from tests.portal.test_url_permissions import EVERYONE, STAFF_ONLY, Expect, statuses

POST_ONLY = statuses(302, 405, 405)
DEPARTMENT_DRAFT = statuses(302, 403, 200, other_staff=403)


def _item(personas: Personas) -> dict[str, Any]:
    item = services.proactive_item_create(actor=personas.staff, title="민원 처리 현황", field="administration",
                                          cycle="monthly", timing="매월 5일", department=personas.department,
                                          location="누리집")
    return {"pk": item.pk}


def _document(personas: Personas, disclosure_class: str = "partial", **kwargs: Any) -> Any:
    return services.document_register(
        actor=personas.staff, number="민원과-1", title="민원 처리 결과", department=personas.department,
        approved_on=timezone.localdate(), approver="과장", retention="5년", disclosure_class=disclosure_class,
        article_9_item=None if disclosure_class == "open" else 6, pdf=make_pdf(), **kwargs,
    )


def _draft(personas: Personas) -> dict[str, Any]:
    return {"pk": _document(personas).pk}


def _published(personas: Personas) -> dict[str, Any]:
    document = _document(personas, "open")
    services.document_publish(actor=personas.staff, document=document)
    return {"pk": document.pk}


def _delivered(personas: Personas) -> dict[str, Any]:
    request = services.request_file(actor=personas.resident, data=RequesterData(name="홍길동", phone="010-1234-5678"),
                                    subject="민원 처리 결과", content="결과 보고서", method="electronic",
                                    delivery="online")
    services.request_assign(actor=personas.disclosure_officer, request=request, department=personas.department)
    services.request_draft_decision(actor=personas.staff, request=request, kind="disclose")
    services.request_decide(actor=personas.staff, request=request)
    document = _document(personas, "open", request=request, in_public_list=False)
    services.document_publish(actor=personas.staff, document=document)
    return {"number": request.number, "pk": document.pk}


def _request(personas: Personas) -> DisclosureRequest:
    return services.request_file(actor=personas.resident, data=RequesterData(name="홍길동", phone="010-1234-5678"),
                                 subject="경로당 운영비 집행 내역", content="2025년 집행 내역", method="electronic",
                                 delivery="online")


def _own(personas: Personas) -> dict[str, Any]:
    return {"number": _request(personas).number}


def _assigned(personas: Personas) -> dict[str, Any]:
    request = _request(personas)
    services.request_assign(actor=personas.disclosure_officer, request=request, department=personas.department)
    return {"pk": request.pk}


def _unassigned(personas: Personas) -> dict[str, Any]:
    return {"pk": _request(personas).pk}


def _meeting(personas: Personas) -> Any:
    committee = services.committee_create(actor=personas.staff, name="정보공개심의회", department=personas.department)
    meeting = services.meeting_register(actor=personas.staff, committee=committee, title="제1차 회의",
                                        held_at=timezone.now(), place="회의실", host="위원장", attendees="위원 3명",
                                        agenda="안건")
    return services.meeting_minutes_save(actor=personas.staff, meeting=meeting, remarks="논의", decisions="가결")


def _draft_meeting(personas: Personas) -> dict[str, Any]:
    return {"pk": _meeting(personas).pk}


def _published_meeting(personas: Personas) -> dict[str, Any]:
    meeting = _meeting(personas)
    services.meeting_publish(actor=personas.staff, meeting=meeting)
    return {"pk": meeting.pk}


def _council(personas: Personas) -> dict[str, Any]:
    committee = services.committee_create(actor=personas.disclosure_officer, name="정보공개심의회",
                                          department=personas.department, disclosure_council=True)
    services.committee_member_appoint(actor=personas.disclosure_officer, committee=committee, name="김위원",
                                      kind="external", term_start=timezone.localdate(), chair=True)
    return {"pk": committee.pk}


def _panel_round(personas: Personas) -> dict[str, Any]:
    today = timezone.localdate()
    services.panel_member_appoint(actor=personas.disclosure_officer, username=personas.resident.username,
                                  term_start=today)
    survey = services.panel_round_create(actor=personas.disclosure_officer, title="1차", opens_on=today,
                                         closes_on=today)
    return {"pk": survey.pk}


OWN_REQUEST = statuses(302, 404, 404, resident=200)
# Staff of the handling department (its head too), the disclosure office, auditors and administrators.
HANDLING_DEPARTMENT = statuses(302, 403, 200, other_staff=403)

EXPECTATIONS: dict[str, Expect] = {
    "disclosure:index": Expect(EVERYONE),
    "disclosure:file": Expect(statuses(302, 200, 403), why="online filing needs a resident account"),
    "disclosure:mine": Expect(statuses(302, 200, 403)),
    "disclosure:mine_detail": Expect(OWN_REQUEST, setup=_own, why="only the requester; others get 404, not a hint"),
    "disclosure:mine_action": Expect(POST_ONLY, kwargs={"number": "2026-000001", "action": "withdraw"},
                                     why="POST only"),
    "disclosure:register": Expect(EVERYONE, query={"q": "운영비", "year": "2026"},
                                  why="public register, without the requester's identity"),
    "disclosure:staff_queue": Expect(STAFF_ONLY, query={"state": "open"}),
    "disclosure:staff_register": Expect(statuses(302, 403, 200, auditor=403),
                                        why="auditors read; they do not register requests"),
    "disclosure:review_queue": Expect(statuses(302, 403, 403, disclosure_officer=200, auditor=200, admin=200),
                                      why="the disclosure office's queue; auditors may read it"),
    "disclosure:agenda_complete": Expect(POST_ONLY, kwargs={"pk": 1}, why="POST only"),
    "disclosure:staff_request": Expect(HANDLING_DEPARTMENT, setup=_assigned),
    "disclosure:staff_action": Expect(POST_ONLY, kwargs={"pk": 1, "action": "assign"}, why="POST only"),
    "disclosure:monitoring": Expect(STAFF_ONLY, query={"start": "2026-01-01"},
                                    why="per-department figures, no personal data: any staff member"),
    "disclosure:meetings": Expect(EVERYONE, query={"q": "심의회"}),
    "disclosure:meeting": Expect(EVERYONE, setup=_published_meeting),
    "disclosure:staff_meetings": Expect(STAFF_ONLY, query={"overdue": "1"}),
    "disclosure:staff_meeting": Expect(DEPARTMENT_DRAFT, setup=_draft_meeting,
                                       why="unpublished minutes: the committee's department, the office, auditors"),
    "disclosure:staff_meeting_action": Expect(POST_ONLY, kwargs={"pk": 1, "action": "publish"}, why="POST only"),
    "disclosure:staff_inventory": Expect(STAFF_ONLY, why="record numbers and titles, no personal data: any staff member"),
    "disclosure:staff_inventory_mismatches": Expect(STAFF_ONLY, query={"status": "open"}),
    "disclosure:staff_inventory_resolve": Expect(POST_ONLY, kwargs={"pk": 1}, why="POST only"),
    "disclosure:staff_council": Expect(statuses(302, 403, 403, disclosure_officer=200, auditor=200, admin=200),
                                       setup=_council, why="the disclosure office runs the council; auditors read"),
    "disclosure:staff_council_action": Expect(POST_ONLY, kwargs={"pk": 1, "action": "appoint"}, why="POST only"),
    "api:request_create": Expect(statuses(405, 405, 405), why="POST only (tests/disclosure/test_api.py files one)"),
    "api:request_status": Expect(statuses(401, 404, 404, resident=200), setup=_own,
                                 why="only the requester's own request"),
    "api:register_list": Expect(EVERYONE),
    "disclosure:proactive": Expect(EVERYONE, query={"q": "업무추진비를"}),
    "disclosure:proactive_item": Expect(EVERYONE, setup=_item),
    "disclosure:staff_proactive": Expect(STAFF_ONLY),
    "disclosure:staff_proactive_publish": Expect(POST_ONLY, kwargs={"pk": 1}, why="POST only"),
    "disclosure:documents": Expect(EVERYONE, query={"month": "2026-01"}),
    "disclosure:document_file": Expect(EVERYONE, setup=_published),
    "disclosure:mine_document": Expect(statuses(302, 404, 404, resident=200), setup=_delivered,
                                       why="only the requester the file was delivered to"),
    "disclosure:staff_documents": Expect(STAFF_ONLY),
    "disclosure:staff_document": Expect(DEPARTMENT_DRAFT, setup=_draft,
                                        why="the producing department, the disclosure office, auditors"),
    "disclosure:staff_document_original": Expect(DEPARTMENT_DRAFT, setup=_draft),
    "disclosure:staff_document_action": Expect(POST_ONLY, kwargs={"pk": 1, "action": "publish"}, why="POST only"),
    "disclosure:panel": Expect(statuses(302, 200, 403), why="residents; a non-member is told the page is for members"),
    "disclosure:panel_round": Expect(statuses(302, 200, 403, other_resident=403), setup=_panel_round,
                                     why="serving panel members only"),
    "disclosure:staff_panel": Expect(statuses(302, 403, 403, disclosure_officer=200, auditor=200, admin=200),
                                     why="member names: the disclosure office; auditors read"),
    "disclosure:staff_panel_round": Expect(STAFF_ONLY, setup=_panel_round,
                                           why="aggregate scores and unsigned comments, as in the monitoring report"),
    "disclosure:staff_panel_action": Expect(POST_ONLY, kwargs={"action": "round"}, why="POST only"),
    "disclosure:staff_fees": Expect(STAFF_ONLY, why="the fee table is public information; the disclosure office edits"),
    "disclosure:staff_fees_action": Expect(POST_ONLY, kwargs={"action": "rate"}, why="POST only"),
}
