"""Monitoring figures equal a hand-computed fixture; the page, chart and exports show them.

Dates are relative to today (an extension is only allowed before the first due date passes).
자치행정과 (period: 250 days ago to today; r1, r3, r4, r5 received 200 days ago):
  r1 공개, decided the day received                       → on time
  r2 received today, 연장 5일, 부분공개 (제6호), decided today → on time, extension
  r3 정보부존재, decided 60 days after receipt              → late
  r4 비공개 (제6호, 제7호), decided next day; objection 인용 → on time, objection upheld
  r5 never decided, due long past                          → late
  r9 received before the period                            → not counted
  requests 5, on time 3 of 5 (60%), extensions 1 of 5, 부존재 1 of 4 decided,
  upheld 1 of 3 restrictive, proactive 1 of 2 overdue.
  score = 40·0.6 + 10·0.8 + 15·0.75 + 20·(2/3) + 15·0.5 = 24 + 8 + 11.25 + 13.33 + 7.5 = 64.1 → 부진
복지정책과: r7 공개 on time; 1 proactive item not due → 100 → 우수, rank 1.
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.utils import timezone

from opengu.disclosure import monitoring, services
from opengu.disclosure.models import Objection
from opengu.disclosure.services import GroundInput
from tests.disclosure.conftest import register
from tests.personas import as_each, login_as

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
START, END = TODAY - dt.timedelta(days=250), TODAY
RECEIVED = TODAY - dt.timedelta(days=200)
PERIOD = {"start": START.isoformat(), "end": END.isoformat()}


def _request(personas, department, received_on=RECEIVED, subject="청구"):
    request = register(personas, received_on, subject)
    return services.request_assign(actor=personas.disclosure_officer, request=request, department=department)


def _restrict(personas, request, kind, on, **draft):
    services.request_draft_decision(actor=personas.disclosure_officer, request=request, kind=kind, **draft)
    services.request_submit_for_review(actor=personas.disclosure_officer, request=request)
    services.request_review_complete(actor=personas.disclosure_officer, request=request, approve=True)
    services.request_decide(actor=personas.disclosure_officer, request=request, on=on)


@pytest.fixture
def fixture(personas):
    officer, a, b = personas.disclosure_officer, personas.department, personas.other_department
    r1 = _request(personas, a, subject="r1")
    services.request_draft_decision(actor=officer, request=r1, kind="disclose")
    services.request_decide(actor=officer, request=r1, on=RECEIVED)

    r2 = _request(personas, a, received_on=TODAY, subject="r2")
    services.request_extend(actor=officer, request=r2, reason=1, explanation="자료가 많음", days=5)
    _restrict(personas, r2, "partial", TODAY, grounds=[GroundInput(6, "개인정보")],
              disclosed_part="개인정보를 뺀 나머지")

    r3 = _request(personas, a, subject="r3")
    _restrict(personas, r3, "not_held", RECEIVED + dt.timedelta(days=60), not_held_reason="생산하지 않은 문서")

    r4 = _request(personas, a, subject="r4")
    _restrict(personas, r4, "withhold", RECEIVED + dt.timedelta(days=1),
              grounds=[GroundInput(6, "개인정보"), GroundInput(7, "영업상 비밀")])
    services.request_object(actor=officer, request=r4, grounds="공익을 위해 공개해야 함", filed_on=RECEIVED + dt.timedelta(days=9))
    services.request_decide_objection(actor=officer, request=r4, outcome=Objection.Outcome.UPHELD, reason="공개 필요",
                                      committee_exception="repeated", committee_exception_reason="같은 청구의 반복")

    _request(personas, a, subject="r5")
    old = _request(personas, a, received_on=START - dt.timedelta(days=10), subject="r9")
    services.request_draft_decision(actor=officer, request=old, kind="not_held", not_held_reason="없음")

    r7 = _request(personas, b, subject="r7")
    services.request_draft_decision(actor=officer, request=r7, kind="disclose")
    services.request_decide(actor=officer, request=r7, on=RECEIVED)

    for department, registered_on in [(a, START), (a, TODAY), (b, TODAY)]:
        services.proactive_item_create(actor=officer, title="업무추진비 집행 내역", field="finance", cycle="monthly",
                                       timing="매월 5일", department=department, location="누리집",
                                       registered_on=registered_on)
    return personas


def test_the_figures_equal_the_hand_computed_ones(fixture):
    ranking = monitoring.department_figures(start=START, end=END, today=TODAY)
    assert [(f.rank, f.department, f.score, f.grade) for f in ranking] == [
        (1, "복지정책과", 100.0, "우수"), (2, "자치행정과", 64.1, "부진"),
    ]
    a = ranking[1]
    assert (a.requests, a.decided, a.on_time, a.late, a.extensions) == (5, 4, 3, 2, 1)
    assert dict(a.by_kind) == {"disclose": 1, "partial": 1, "not_held": 1, "withhold": 1}
    assert dict(a.refusals_by_item) == {6: 2, 7: 1}
    assert (a.objections, a.objections_upheld) == (1, 1)
    assert (a.proactive_active, a.proactive_overdue) == (2, 1)
    assert a.on_time_rate == 0.6 and a.not_held_rate == 0.25 and a.upheld_rate == pytest.approx(1 / 3)
    assert a.components() == pytest.approx(
        {"on_time": 24.0, "extensions": 8.0, "not_held": 11.25, "objections": 40 / 3, "proactive": 7.5})


def test_a_department_with_nothing_to_measure_is_not_ranked_down(fixture):
    before = START - dt.timedelta(days=400)
    ranking = monitoring.department_figures(start=before, end=before + dt.timedelta(days=30), today=TODAY)
    # No request then: only the proactive items count; 자치행정과 has one of two overdue.
    assert [(f.department, f.requests, f.score) for f in ranking] == [("복지정책과", 0, 100.0), ("자치행정과", 0, 92.5)]


def test_the_page_shows_the_chart_and_the_table(client, fixture):
    login_as(client, fixture.staff)
    page = client.get("/disclosure/staff/monitoring/", PERIOD).content.decode()
    assert '<svg role="img"' in page and "1. 복지정책과 100.0점 우수; 2. 자치행정과 64.1점 부진" in page
    assert "제6호 2건" in page and "제7호 1건" in page
    assert "http://" not in page.split("<main", 1)[1] and "https://" not in page.split("<main", 1)[1]


def test_the_xlsx_has_the_same_figures(client, fixture):
    login_as(client, fixture.head)
    response = client.get("/disclosure/staff/monitoring/", {**PERIOD, "format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))
                                   if response.streaming else io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == monitoring.EXPORT_HEADER
    # Proactive items count on the day of the request, so only the request figures are compared here.
    by_name = {row[1]: row for row in rows[1:]}
    assert by_name["자치행정과"][4:15] == (5, 4, 3, 2, "60.0", 1, 1, 1, 1, 1, "25.0")
    assert by_name["자치행정과"][15] == "제6호: 2, 제7호: 1"


def test_the_printable_report_stands_alone(client, fixture):
    login_as(client, fixture.auditor)
    page = client.get("/disclosure/staff/monitoring/", {**PERIOD, "format": "print"}).content.decode()
    assert "정보공개 운영실태 보고" in page and "복지정책과" in page and "로그아웃" not in page


def test_a_bad_date_is_named_and_nothing_is_computed(client, personas):
    login_as(client, personas.staff)
    response = client.get("/disclosure/staff/monitoring/", {"start": "2026-13-01"})
    assert response.status_code == 400
    assert "시작일을(를) YYYY-MM-DD 형식으로" in response.content.decode()
    response = client.get("/disclosure/staff/monitoring/", {"start": "2026-05-01", "end": "2026-04-01"})
    assert response.status_code == 400 and "종료일은 시작일과 같거나 뒤여야" in response.content.decode()


def test_only_staff_open_it(client, personas):
    codes = as_each(client, personas, "/disclosure/staff/monitoring/")
    assert codes == {"anonymous": 302, "resident": 403, "other_resident": 403, "staff": 200, "other_staff": 200,
                     "head": 200, "disclosure_officer": 200, "auditor": 200, "admin": 200}
