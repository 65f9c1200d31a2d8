"""Who may open each disclosure URL (merged into tests/portal/test_url_permissions.py)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from opengu.disclosure import services
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


EXPECTATIONS: dict[str, Expect] = {
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
}
