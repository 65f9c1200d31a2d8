"""회의 공개: registration with the minutes fields, a generated draft, the due date and overdue flag,
the personal-data scan before publishing, public pages and exports."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from opengu.core.models import AuditEvent
from opengu.disclosure import selectors, services
from opengu.disclosure.models import Meeting
from opengu.disclosure.services import DisclosureError
from tests.personas import login_as

pytestmark = pytest.mark.django_db


def _committee(personas, name="서대문구 정보공개심의회"):
    return services.committee_create(actor=personas.staff, name=name, department=personas.department,
                                     legal_basis="정보공개법 제12조", minutes_due_days=14)


def _meeting(personas, held_on=dt.date(2026, 3, 4), committee=None):
    return services.meeting_register(
        actor=personas.staff, committee=committee or _committee(personas), title="2026년 제1차 회의",
        held_at=timezone.make_aware(dt.datetime.combine(held_on, dt.time(14))), place="구청 3층 기획상황실",
        host="위원장 김○○", attendees="위원장 김○○\n위원 이○○\n위원 박○○",
        agenda="이의신청 2026-000012 심의\n비공개 세부기준 개정",
    )


def _fill(personas, meeting, remarks="안건 1: 제6호 해당 여부 논의. 안건 2: 개정안 설명.",
          decisions="1. 부분 인용 2. 원안 가결", votes="2. 출석 3명 전원 찬성"):
    return services.meeting_minutes_save(actor=personas.staff, meeting=meeting, remarks=remarks,
                                         decisions=decisions, votes=votes)


def test_registration_sets_the_minutes_due_date_from_the_committee(personas):
    meeting = _meeting(personas)
    assert meeting.minutes_due_on == dt.date(2026, 3, 18)  # 14 days after 3/4
    assert AuditEvent.objects.filter(action="disclosure.meeting.register").exists()


def test_a_missing_field_is_named_and_nothing_is_saved(personas):
    committee = _committee(personas)
    with pytest.raises(DisclosureError) as error:
        services.meeting_register(actor=personas.staff, committee=committee, title="회의",
                                  held_at=timezone.now(), place="", host="위원장", attendees="위원", agenda="안건")
    assert error.value.field == "place" and "장소" in error.value.message
    assert not Meeting.objects.exists()


def test_the_draft_has_one_heading_per_agenda_item_and_cannot_be_published_as_is(personas):
    meeting = _meeting(personas)
    draft = services.meeting_minutes_draft(meeting)
    assert draft["remarks"].startswith("1. 이의신청 2026-000012 심의\n - (여기에 적어 주세요)")
    assert "2. 비공개 세부기준 개정" in draft["decisions"]
    _fill(personas, meeting, **draft)
    with pytest.raises(DisclosureError) as error:
        services.meeting_publish(actor=personas.staff, meeting=meeting)
    assert error.value.field == "remarks" and "채우지 않은" in error.value.message
    assert Meeting.objects.get().published_on is None


def test_personal_data_in_the_minutes_blocks_publishing_and_is_shown_masked(personas):
    meeting = _fill(personas, _meeting(personas), remarks="청구인(연락처 010-2345-6789)의 의견을 들음")
    with pytest.raises(DisclosureError) as error:
        services.meeting_publish(actor=personas.staff, meeting=meeting)
    assert error.value.field == "remarks"
    assert "010-****-6789" in error.value.message and "2345" not in error.value.message
    _fill(personas, meeting, remarks="청구인의 의견을 들음")
    services.meeting_publish(actor=personas.staff, meeting=meeting, on=dt.date(2026, 3, 20))
    assert Meeting.objects.get().published_on == dt.date(2026, 3, 20)
    assert AuditEvent.objects.get(action="disclosure.meeting.publish").params["late"] is True


def test_overdue_minutes_are_flagged_until_published(personas):
    meeting = _meeting(personas, held_on=dt.date(2026, 1, 5))
    assert list(selectors.meetings_for_staff(personas.staff, overdue=True, today=dt.date(2026, 1, 20))) == [meeting]
    assert not selectors.meetings_for_staff(personas.staff, overdue=True, today=dt.date(2026, 1, 19)).exists()
    services.meeting_publish(actor=personas.staff, meeting=_fill(personas, meeting))
    assert not selectors.meetings_for_staff(personas.staff, overdue=True, today=dt.date(2026, 1, 20)).exists()


def test_another_department_cannot_register_or_publish(personas):
    committee = _committee(personas)
    meeting = _fill(personas, _meeting(personas, committee=committee))
    with pytest.raises(DisclosureError):
        services.meeting_register(actor=personas.other_staff, committee=committee, title="회의",
                                  held_at=timezone.now(), place="장소", host="위원장", attendees="위원", agenda="안건")
    with pytest.raises(DisclosureError):
        services.meeting_publish(actor=personas.other_staff, meeting=meeting)
    assert Meeting.objects.count() == 1 and Meeting.objects.get().published_on is None


def test_only_published_minutes_are_public_with_their_links(client, personas):
    meeting = _fill(personas, _meeting(personas))
    services.meeting_link_add(actor=personas.staff, meeting=meeting, kind="video", title="회의 영상",
                              url="https://tv.sdm.example.kr/1")
    with pytest.raises(DisclosureError) as error:
        services.meeting_link_add(actor=personas.staff, meeting=meeting, kind="material", title="자료", url="ftp://x")
    assert error.value.field == "url"
    assert client.get(f"/disclosure/meetings/{meeting.pk}/").status_code == 404
    assert "공개한 회의록이 없습니다" in client.get("/disclosure/meetings/").content.decode()
    services.meeting_publish(actor=personas.staff, meeting=meeting)
    page = client.get(f"/disclosure/meetings/{meeting.pk}/").content.decode()
    assert "원안 가결" in page and "https://tv.sdm.example.kr/1" in page and "구청 3층 기획상황실" in page
    listing = client.get("/disclosure/meetings/", {"q": "정보공개심의회의"}).content.decode()
    assert "2026년 제1차 회의" in listing
    csv = client.get("/disclosure/meetings/", {"format": "csv"})
    body = b"".join(csv.streaming_content) if csv.streaming else csv.content
    assert body.startswith(b"\xef\xbb\xbf") and "2026년 제1차 회의".encode() in body


def test_staff_register_through_the_page_and_see_the_draft(client, personas):
    committee = _committee(personas)
    login_as(client, personas.staff)
    response = client.post("/disclosure/staff/meetings/", {
        "form": "meeting", "committee": committee.pk, "title": "제2차 회의", "held_on": "2026-04-01",
        "held_time": "10:00", "place": "회의실", "host": "위원장", "attendees": "위원 3명", "agenda": "안건 하나",
    })
    meeting = Meeting.objects.get()
    assert response["Location"] == f"/disclosure/staff/meetings/{meeting.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "1. 안건 하나\n - (여기에 적어 주세요)" in page
    response = client.post("/disclosure/staff/meetings/", {"form": "meeting", "committee": committee.pk,
                                                            "title": "x", "held_on": "4월 1일"})
    assert Meeting.objects.count() == 1
    assert "회의 날짜를 YYYY-MM-DD" in client.get("/disclosure/staff/meetings/").content.decode()
