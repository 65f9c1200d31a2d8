"""Monitoring figures equal a hand-computed fixture; the page, chart and exports show them.

Dates are relative to today (an extension is only allowed before the first due date passes).
자치행정과 (period: 250 days ago to today; r1, r3, r4, r5 received 200 days ago):
  r1 공개, decided the day received                       → on time
  r2 received today, 연장 5일, 부분공개 (제6호), decided today → on time, extension
  r3 정보부존재, decided 60 days after receipt              → late
  r4 비공개 (제6호, 제7호), decided next day; objection 인용 → on time, objection upheld (now 재결정 중:
     the original decision still counts)
  r5 never decided, due long past                          → late
  r9 received before the period                            → not counted
  m1 held 200 days ago, minutes published 3 days later    → on time
  m2 held 30 days ago, minutes due 16 days ago, unpublished → late
  m0 held before the period                                → not counted
  inventory: A-1 보존기간 differs, A-2 missing; A-2 settled → 1 of 2
  requests 5, on time 3 of 5 (60%), extensions 1 of 5, 부존재 1 of 4 decided,
  upheld 1 of 3 restrictive, proactive 1 of 2 overdue, minutes 1 of 2 late, inventory 1 of 2 settled.
  every component measurable (weights 100):
  score = 30·0.6 + 5·0.8 + 10·0.75 + 15·(2/3) + 15·0.5 + 15·0.5 + 10·0.5
        = 18 + 4 + 7.5 + 10 + 7.5 + 7.5 + 5 = 59.5 → 부진
복지정책과: r7 공개 on time; 1 proactive item not due; no objection to measure, no meeting, no inventory:
  (30 + 5 + 10 + 15) ÷ (30 + 5 + 10 + 15) → 100 → 우수, rank 1.
기획예산과: only its registered list is in, nothing measurable → 해당 없음, unranked, last.
Every department of the office is listed; one with no request and no meeting in the period is not scored.
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.utils import timezone

from opengu.core import charts
from opengu.core.models import Department
from opengu.disclosure import monitoring, monitoring_views, services
from opengu.disclosure.models import InventoryMismatch, Objection
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

    committee = services.committee_create(actor=officer, name="도시계획위원회", department=a)
    for title, held_on, published_on in [("m0", START - dt.timedelta(days=30), None),
                                         ("m1", RECEIVED, RECEIVED + dt.timedelta(days=3)),
                                         ("m2", TODAY - dt.timedelta(days=30), None)]:
        meeting = services.meeting_register(
            actor=officer, committee=committee, title=title, place="회의실", host="위원장", attendees="위원 5명",
            agenda="안건", held_at=timezone.make_aware(dt.datetime.combine(held_on, dt.time(14))))
        if published_on is not None:
            services.meeting_minutes_save(actor=officer, meeting=meeting, remarks="논의", decisions="가결")
            services.meeting_publish(actor=officer, meeting=meeting, on=published_on)

    header = "등록번호,제목,보존기간,공개구분\n"
    services.inventory_import(actor=officer, department=a, source="registered", filename="registered.csv",
                              data=(header + "A-1,회의록,10년,공개\nA-2,계약서,5년,공개\n").encode())
    services.inventory_import(actor=officer, department=a, source="held", filename="held.csv",
                              data=(header + "A-1,회의록,5년,공개\n").encode())
    services.inventory_mismatch_resolve(actor=officer, mismatch=InventoryMismatch.objects.get(number="A-2"),
                                        status="explained", note="2019년 이관 확인")
    c = Department.objects.create(district=personas.district, name="기획예산과", code="budget")
    services.inventory_import(actor=officer, department=c, source="registered", filename="registered.csv",
                              data=(header + "B-1,예산서,영구,공개\n").encode())

    for department, registered_on in [(a, START), (a, TODAY), (b, TODAY)]:
        services.proactive_item_create(actor=officer, title="업무추진비 집행 내역", field="finance", cycle="monthly",
                                       timing="매월 5일", department=department, location="누리집",
                                       registered_on=registered_on)
    return personas


def test_the_figures_equal_the_hand_computed_ones(fixture):
    ranking = monitoring.department_figures(start=START, end=END, today=TODAY)
    assert [(f.rank, f.department, f.score, f.grade) for f in ranking] == [
        (1, "복지정책과", 100.0, "우수"), (2, "자치행정과", 59.5, "부진"), (None, "기획예산과", None, "해당 없음"),
    ]
    a = ranking[1]
    assert (a.requests, a.decided, a.on_time, a.late, a.extensions) == (5, 4, 3, 2, 1)
    assert dict(a.by_kind) == {"disclose": 1, "partial": 1, "not_held": 1, "withhold": 1}
    assert dict(a.refusals_by_item) == {6: 2, 7: 1}
    assert (a.objections, a.objections_upheld) == (1, 1)
    assert (a.proactive_active, a.proactive_overdue) == (2, 1)
    assert a.on_time_rate == 0.6 and a.not_held_rate == 0.25 and a.upheld_rate == pytest.approx(1 / 3)
    assert (a.meetings, a.minutes_late, a.inventory_mismatches, a.inventory_settled) == (2, 1, 2, 1)
    assert a.components() == pytest.approx({"on_time": 18.0, "extensions": 4.0, "not_held": 7.5, "objections": 10.0,
                                            "proactive": 7.5, "minutes": 7.5, "inventory": 5.0})
    b = ranking[0]
    assert set(b.components()) == {"on_time", "extensions", "not_held", "proactive"}


def test_a_department_with_no_request_and_no_meeting_is_not_ranked(fixture):
    # 보건소 received no request and held no meeting in the period; its one proactive item is not due yet and
    # its two inventory lists agree. Counting those alone it would score 100.0 and rank first, ahead of
    # departments that handled requests: it has nothing in the period to measure, so it is 해당 없음, unranked.
    centre = Department.objects.create(district=fixture.district, name="보건소", code="health", order=50)
    officer = fixture.disclosure_officer
    services.proactive_item_create(actor=officer, title="감염병 예방 사업", field="welfare", cycle="yearly",
                                   timing="매년 3월 31일", department=centre, location="누리집", registered_on=TODAY)
    for source in ("registered", "held"):
        services.inventory_import(actor=officer, department=centre, source=source, filename=f"{source}.csv",
                                  data="등록번호,제목,보존기간,공개구분\nH-1,예방접종 대장,5년,공개\n".encode())
    ranking = monitoring.department_figures(start=START, end=END, today=TODAY)
    assert [(f.rank, f.department, f.score, f.grade) for f in ranking] == [
        (1, "복지정책과", 100.0, "우수"), (2, "자치행정과", 59.5, "부진"), (None, "기획예산과", None, "해당 없음"),
        (None, "보건소", None, "해당 없음")]
    health = ranking[-1]
    assert (health.requests, health.meetings, health.proactive_active, health.inventory_compared) == (0, 0, 1, True)


def test_a_period_without_requests_or_meetings_ranks_nobody(fixture):
    before = START - dt.timedelta(days=400)
    ranking = monitoring.department_figures(start=before, end=before + dt.timedelta(days=30), today=TODAY)
    # Proactive items and the inventory still stand as on today and are shown, but score nobody on their own.
    # Unranked departments follow the organisation chart (order, then name).
    assert [(f.department, f.requests, f.score, f.rank, f.grade) for f in ranking] == [
        ("기획예산과", 0, None, None, "해당 없음"), ("복지정책과", 0, None, None, "해당 없음"),
        ("자치행정과", 0, None, None, "해당 없음")]
    assert (ranking[2].proactive_active, ranking[2].proactive_overdue) == (2, 1)


def test_every_department_of_the_office_is_listed_the_dong_centres_too(client, fixture):
    Department.objects.create(district=fixture.district, name="연희동 주민센터", code="dong-yeonhui",
                              kind=Department.Kind.DONG_CENTRE, dong=fixture.dong, order=100)
    ranking = monitoring.department_figures(start=START, end=END, today=TODAY)
    assert [(f.rank, f.department, f.grade) for f in ranking][2:] == [
        (None, "기획예산과", "해당 없음"), (None, "연희동 주민센터", "해당 없음")]
    login_as(client, fixture.staff)
    page = client.get("/disclosure/staff/monitoring/", PERIOD).content.decode()
    assert '<th scope="row">연희동 주민센터</th><td class="grade">해당 없음</td>' in page


def test_the_page_shows_the_chart_and_the_table(client, fixture):
    login_as(client, fixture.staff)
    page = client.get("/disclosure/staff/monitoring/", PERIOD).content.decode()
    assert '<svg role="img"' in page and "1. 복지정책과 100.0점 우수; 2. 자치행정과 59.5점 부진</desc>" in page
    assert "점수를 매기지 않은 1개 부서는 표에 ‘해당 없음’으로 있습니다" in page
    assert "제6호 2건" in page and "제7호 1건" in page
    assert "http://" not in page.split("<main", 1)[1] and "https://" not in page.split("<main", 1)[1]


def test_every_chart_label_and_value_fits_inside_the_chart(fixture):
    # 100.0 우수 is the widest value; a long department name must not run off the chart either.
    Department.objects.create(district=fixture.district, name="도시재생·균형발전과 지역공동체일자리지원팀 마을기업육성담당", code="long")
    ranking = monitoring.department_figures(start=START, end=END, today=TODAY)
    long = next(f for f in ranking if f.department.startswith("도시재생"))
    long.rank, long.score, long.grade = 3, 100.0, "우수"
    bars = monitoring_views._chart(ranking).bars
    assert [b.label for b in bars][:2] == ["1. 복지정책과", "2. 자치행정과"] and len(bars) == 3
    for bar in bars:
        assert bar.value_x + charts.text_width(bar.shown) <= charts.WIDTH, bar.shown
        assert bar.label_fit or charts.text_width(bar.label) <= charts.WIDTH
    assert bars[2].label_fit == charts.WIDTH  # drawn narrower, not cut off


def test_the_table_scrolls_in_its_box_and_the_report_has_its_print_styles(client, fixture):
    login_as(client, fixture.staff)
    page = client.get("/disclosure/staff/monitoring/", PERIOD).content.decode()
    assert 'class="table-wrap monitoring-table" tabindex="0" role="region"' in page
    assert '<td class="number">59.5</td>' in page  # the score does not break across lines
    printable = client.get("/disclosure/staff/monitoring/", {**PERIOD, "format": "print"}).content.decode()
    assert "disclosure/monitoring.css" in printable and "disclosure/monitoring.css" in page


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
    assert by_name["자치행정과"][20:24] == (2, 1, 2, 1)
    assert by_name["기획예산과"][:4] == (None, "기획예산과", "해당 없음", None)


def test_the_printable_report_stands_alone(client, fixture):
    login_as(client, fixture.auditor)
    page = client.get("/disclosure/staff/monitoring/", {**PERIOD, "format": "print"}).content.decode()
    assert "정보공개 운영실태 보고" in page and "복지정책과" in page and "로그아웃" not in page


def test_a_bad_date_is_named_and_nothing_is_computed(client, personas):
    login_as(client, personas.staff)
    response = client.get("/disclosure/staff/monitoring/", {"start": "2026-13-01"})
    assert response.status_code == 400
    assert "시작일을 YYYY-MM-DD 형식으로" in response.content.decode()
    response = client.get("/disclosure/staff/monitoring/", {"start": "2026-05-01", "end": "2026-04-01"})
    assert response.status_code == 400 and "종료일은 시작일과 같거나 뒤여야" in response.content.decode()


def test_only_staff_open_it(client, personas):
    codes = as_each(client, personas, "/disclosure/staff/monitoring/")
    assert codes == {"anonymous": 302, "resident": 403, "other_resident": 403, "staff": 200, "other_staff": 200,
                     "head": 200, "disclosure_officer": 200, "auditor": 200, "admin": 200}
