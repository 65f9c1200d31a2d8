"""The staff queue as a walk-through found it: overdue first then by due date, tiles that open the overdue
list, rows readable on a phone, history in Korean; demo proactive items owned by the right department."""

from __future__ import annotations

import datetime as dt
import io
import random
import re

import pytest
from django.utils import timezone

from opengu.core.models import Department
from opengu.disclosure import selectors, services
from opengu.disclosure.demo import load_publication
from opengu.disclosure.models import ACTION_LABELS, Deadline, ProactiveItem, Transition
from tests.disclosure.conftest import assign, file, refuse, register
from tests.personas import login_as

pytestmark = pytest.mark.django_db


def test_overdue_requests_come_first_then_the_soonest_due(personas):
    today = timezone.localdate()
    fresh = assign(personas, register(personas, today, "새 청구"))
    older = assign(personas, register(personas, today - dt.timedelta(days=5), "닷새 전 청구"))
    late = assign(personas, register(personas, today - dt.timedelta(days=40), "기한 지난 청구"))
    later_late = assign(personas, register(personas, today - dt.timedelta(days=30), "조금 덜 지난 청구"))
    done = assign(personas, register(personas, today - dt.timedelta(days=60), "끝난 청구"))
    services.request_withdraw(actor=personas.disclosure_officer, request=done, reason="취하서 접수")
    order = [r.pk for r in selectors.staff_queue(personas.staff, state="all")]
    assert order == [late.pk, later_late.pk, older.pk, fresh.pk, done.pk]


def test_the_queue_page_lists_in_that_order_and_labels_each_cell(client, personas):
    today = timezone.localdate()
    fresh = assign(personas, register(personas, today, "새 청구"))
    late = assign(personas, register(personas, today - dt.timedelta(days=40), "기한 지난 청구"))
    login_as(client, personas.staff)
    page = client.get("/disclosure/staff/").content.decode()
    assert page.index(late.number) < page.index(fresh.number)
    assert 'class="stack-on-phone"' in page
    for label in ("접수일", "청구인", "청구 제목", "처리 부서", "상태", "다음 기한", "기한 종류"):
        assert f'data-label="{label}"' in page
    assert 'data-label="기한 초과"' in page  # only on the overdue row


def test_the_due_column_is_the_date_the_queue_is_ordered_by_and_the_caption_says_so(client, personas):
    today = timezone.localdate()
    objected = assign(personas, register(personas, today - dt.timedelta(days=1), "이의신청된 청구"))
    refuse(personas, objected)
    services.request_object(actor=personas.staff, request=objected, grounds="공익을 위해 공개가 필요합니다")
    objected.refresh_from_db()
    fresh = assign(personas, register(personas, today, "새 청구"))
    objection_due = objected.deadlines.get(kind=Deadline.Kind.OBJECTION_DECISION).due
    decision_due = objected.deadlines.get(kind=Deadline.Kind.DECISION).due
    assert objection_due < decision_due  # 7 working days from today against 10 from yesterday
    login_as(client, personas.staff)
    page = client.get("/disclosure/staff/").content.decode()
    # The objection decision falls due first, so the objected request comes first, showing that date.
    assert page.index(objected.number) < page.index(fresh.number)
    row = page.split(objected.number)[1].split("</tr>")[0]
    assert f'data-label="다음 기한">{objection_due.isoformat()}<' in row and decision_due.isoformat() not in row
    assert 'data-label="기한 종류">이의신청 결정<' in row
    caption = page.split("<caption")[1].split("</caption>")[0]
    assert "기한을 넘긴 청구가 먼저" in caption and "‘다음 기한’" in caption and "빠른 순" in caption
    login_as(client, personas.disclosure_officer)
    body = b"".join(client.get("/disclosure/staff/?format=csv&purpose=점검").streaming_content).decode("utf-8")
    assert "다음 기한,기한 종류" in body and f"{objection_due.isoformat()},이의신청 결정" in body


def test_the_overdue_tiles_open_the_overdue_lists(client, personas):
    today = timezone.localdate()
    late = assign(personas, register(personas, today - dt.timedelta(days=40), "기한 지난 청구"))
    current = assign(personas, register(personas, today, "새 청구"))
    login_as(client, personas.staff)
    workspace = client.get("/staff/").content.decode()
    links = dict(re.findall(r'<a href="([^"]+)">([^<]+)</a></h3>', workspace))
    by_label = {label: url.replace("&amp;", "&") for url, label in links.items()}
    assert by_label["정보공개 청구 기한 초과"] == "/disclosure/staff/?state=open&overdue=1"
    assert by_label["사전정보공표 기한 초과"] == "/disclosure/staff/proactive/?overdue=1"
    assert by_label["회의록 공개 기한 초과"] == "/disclosure/staff/meetings/?overdue=1"
    listed = client.get(by_label["정보공개 청구 기한 초과"]).content.decode()
    assert late.number in listed and current.number not in listed


def test_the_proactive_overdue_link_opens_on_the_own_department(client, personas):
    old = timezone.localdate() - dt.timedelta(days=400)
    mine = services.proactive_item_create(actor=personas.staff, title="우리 부서 통계", field="administration",
                                          cycle="monthly", timing="매월 5일", department=personas.department,
                                          location="누리집", registered_on=old)
    theirs = services.proactive_item_create(actor=personas.other_staff, title="다른 부서 통계", field="welfare",
                                            cycle="monthly", timing="매월 5일", department=personas.other_department,
                                            location="누리집", registered_on=old)
    login_as(client, personas.staff)
    page = client.get("/disclosure/staff/proactive/?overdue=1").content.decode()
    assert mine.title in page and theirs.title not in page
    everybody = client.get("/disclosure/staff/proactive/?overdue=1&department=").content.decode()
    assert theirs.title in everybody
    login_as(client, personas.disclosure_officer)
    assert theirs.title in client.get("/disclosure/staff/proactive/?overdue=1").content.decode()


def test_the_history_speaks_korean(client, personas):
    request = assign(personas, file(personas))
    login_as(client, personas.disclosure_officer)
    page = client.get(f"/disclosure/staff/{request.pk}/").content.decode()
    history = page.split('id="hist-h"', 1)[1]
    assert "온라인 청구 접수" in history and "처리 부서 배부 (접수 → 처리 중)" in history
    assert "file (" not in history and "assign (" not in history and "(접수 → 접수)" not in history
    used = set(Transition.objects.values_list("action", flat=True))
    assert used <= set(ACTION_LABELS)


def test_every_action_the_services_record_has_a_label():
    import inspect

    from opengu.disclosure import services as module

    actions = set(re.findall(r'action="([a-z_]+)"', inspect.getsource(module))) | {"assign", "decide", "review_return"}
    assert {"file", "reassign", "redecide", "objection_decide"} <= actions
    assert actions <= set(ACTION_LABELS)


def test_demo_items_belong_to_the_department_that_publishes_them(personas):
    planning = Department.objects.create(district=personas.district, name="정책기획담당관", code="policy-planning")
    Department.objects.create(district=personas.district, name="연희동 주민센터", code="dong-1141065500",
                              kind=Department.Kind.DONG_CENTRE, dong=personas.dong)
    load_publication(district=personas.district, rng=random.Random(1), stdout=io.StringIO().write)
    schedule = ProactiveItem.objects.filter(title__startswith="구청장 일정")
    assert schedule.count() == 4 and set(schedule.values_list("department", flat=True)) == {planning.pk}
    assert not ProactiveItem.objects.filter(department__kind=Department.Kind.DONG_CENTRE).exists()
