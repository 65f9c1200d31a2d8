"""Proactive publication (사전정보공표): register, due dates, overdue flag, catalogue, recording."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from opengu.core.models import AuditEvent
from opengu.disclosure import selectors, services
from opengu.disclosure.models import ProactiveItem
from opengu.disclosure.services import DisclosureError
from tests.personas import as_each, login_as

pytestmark = pytest.mark.django_db


def item(personas, title="구청장 업무추진비 집행내역", **kwargs) -> ProactiveItem:
    values = {"field": "finance", "cycle": "monthly", "timing": "매월 10일", "location": "https://www.sdm.go.kr/finance",
              "department": personas.department, "scope": "월별 집행 일시, 장소, 목적, 금액"}
    values.update(kwargs)
    return services.proactive_item_create(actor=personas.staff, title=title, **values)


def test_create_computes_the_next_due_date_and_is_audited(personas):
    registered = timezone.localdate() - dt.timedelta(days=100)
    created = item(personas, registered_on=registered)
    assert created.next_due_on is not None and created.next_due_on.day == 10
    assert created.next_due_on > registered
    assert AuditEvent.objects.filter(action="disclosure.proactive.create").count() == 1


def test_bad_input_names_the_field_and_writes_nothing(personas):
    for kwargs, field in [({"field": "x"}, "field"), ({"cycle": "weekly"}, "cycle"), ({"location": " "}, "location"),
                          ({"timing": "적당히"}, "timing")]:
        with pytest.raises(DisclosureError) as caught:
            item(personas, **kwargs)
        assert caught.value.field == field
    assert not ProactiveItem.objects.exists()


def test_other_department_cannot_register_or_record(personas):
    with pytest.raises(DisclosureError):
        services.proactive_item_create(actor=personas.other_staff, title="x", field="finance", cycle="monthly",
                                       department=personas.department, location="게시판")
    created = item(personas)
    with pytest.raises(DisclosureError):
        services.proactive_publication_record(actor=personas.other_staff, item=created)
    assert not created.publications.exists()


def test_overdue_items_are_flagged_to_their_department_until_published(personas):
    created = item(personas, registered_on=timezone.localdate() - dt.timedelta(days=80))
    assert created.next_due_on < timezone.localdate()
    assert selectors.proactive_overdue_count(personas.staff) == 1
    assert selectors.proactive_overdue_count(personas.other_staff) == 0
    assert selectors.proactive_overdue_count(personas.disclosure_officer) == 1
    services.proactive_publication_record(actor=personas.staff, item=created, note="1월분")
    created.refresh_from_db()
    assert created.last_published_on == timezone.localdate()
    assert created.next_due_on > timezone.localdate()
    assert selectors.proactive_overdue_count(personas.staff) == 0


def test_catalogue_search_ignores_particles_and_filters_by_field(personas):
    item(personas, "구청장 업무추진비 집행내역")
    item(personas, "공영주차장 운영 현황", field="transport")
    titles = [i.title for i in selectors.proactive_catalogue(query="업무추진비를")]
    assert titles == ["구청장 업무추진비 집행내역"]
    assert [i.title for i in selectors.proactive_catalogue(field="transport")] == ["공영주차장 운영 현황"]


def test_public_pages_are_open_and_staff_pages_are_for_staff(client, personas):
    created = item(personas)
    for url in ["/disclosure/proactive/", f"/disclosure/proactive/{created.pk}/"]:
        assert set(as_each(client, personas, url).values()) == {200}, url
    codes = as_each(client, personas, "/disclosure/staff/proactive/")
    assert codes["anonymous"] == 302 and codes["resident"] == 403 and codes["other_resident"] == 403
    assert all(codes[n] == 200 for n in ["staff", "other_staff", "head", "disclosure_officer", "auditor", "admin"])


def test_recording_a_publication_from_the_page(client, personas):
    created = item(personas)
    url = f"/disclosure/staff/proactive/{created.pk}/publish/"
    codes = as_each(client, personas, url, method="post", data={"note": "x"})
    assert codes["anonymous"] == 302 and codes["resident"] == 403 and codes["other_staff"] == 403
    assert codes["staff"] == 302 and codes["disclosure_officer"] == 302
    # staff, head (same department), officer and admin recorded; auditor is read-only.
    assert created.publications.count() >= 2
    assert codes["auditor"] == 403


def test_catalogue_exports_csv_with_bom_and_xlsx_with_the_filters(client, personas):
    item(personas, "구청장 업무추진비 집행내역")
    item(personas, "공영주차장 운영 현황", field="transport")
    response = client.get("/disclosure/proactive/?field=transport&format=csv")
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff분야") and "공영주차장" in body and "업무추진비" not in body
    response = client.get("/disclosure/proactive/?format=xlsx")
    assert response.content[:2] == b"PK"


def test_staff_create_from_the_page_names_the_bad_field(client, personas):
    login_as(client, personas.staff)
    response = client.post("/disclosure/staff/proactive/", {"title": "민원 처리 현황", "field": "administration",
                                                             "cycle": "monthly", "department": personas.department.pk,
                                                             "location": ""}, follow=True)
    assert "공표 장소" in response.content.decode() and not ProactiveItem.objects.exists()
