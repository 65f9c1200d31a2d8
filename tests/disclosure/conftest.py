from __future__ import annotations

import datetime as dt

import pytest

from opengu.disclosure import services
from opengu.disclosure.models import DisclosureRequest
from opengu.disclosure.services import GroundInput, RequesterData
from tests.personas import Personas


def requester(name: str = "홍길동") -> RequesterData:
    return RequesterData(name=name, birth_date="1960-03-01", address="서울특별시 서대문구 연희로 1",
                         phone="010-1234-5678", email="hong@example.com")


def file(personas: Personas, subject: str = "2026년 연희동 도로 보수 공사 계약서") -> DisclosureRequest:
    return services.request_file(actor=personas.resident, data=requester(), subject=subject,
                                 content="공사 계약서와 설계변경 내역 일체", method="electronic", delivery="online",
                                 in_public_register=True)


def register(personas: Personas, received_on: dt.date, subject: str = "청사 청소 용역 계약 현황") -> DisclosureRequest:
    return services.request_register(actor=personas.disclosure_officer, data=requester("김민수"), subject=subject,
                                     content="용역 계약서", method="copy", delivery="visit", channel="paper",
                                     received_on=received_on)


def assign(personas: Personas, request: DisclosureRequest) -> DisclosureRequest:
    return services.request_assign(actor=personas.disclosure_officer, request=request,
                                   department=personas.department)


def refuse(personas: Personas, request: DisclosureRequest, item: int = 6) -> DisclosureRequest:
    """Draft a 비공개 on `item`, pass 사전검토, issue it."""
    kwargs: dict = {}
    if item == 5:
        kwargs = {"process_stage": "내부 검토", "process_expected_end": dt.date.today() + dt.timedelta(days=60)}
    services.request_draft_decision(actor=personas.staff, request=request, kind="withhold",
                                    grounds=[GroundInput(item, "이유")], **kwargs)
    services.request_submit_for_review(actor=personas.staff, request=request)
    services.request_review_complete(actor=personas.disclosure_officer, request=request, approve=True)
    services.request_decide(actor=personas.staff, request=request)
    return request


@pytest.fixture
def assigned(personas: Personas) -> DisclosureRequest:
    return assign(personas, file(personas))
