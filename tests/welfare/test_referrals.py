"""Referrals with a closed loop: the receiving side answers through a signed link, no login."""

from __future__ import annotations

import datetime as dt

from django.core import signing
from django.utils import timezone

from opengu.messaging.models import OutboxMessage
from opengu.welfare import selectors, services
from opengu.welfare.models import Referral, Service
from tests.personas import Personas, login_as


def _refer(personas: Personas, client_record, service: Service) -> Referral:  # type: ignore[no-untyped-def]
    service.organization.email = "desk@yeonhui.example"
    service.organization.save()
    return services.referral_create(actor=personas.other_staff, client=client_record, service=service,
                                    note="주 2회 도시락 배달 요청", base_url="https://sdm.example/")


def test_the_institution_is_mailed_a_link(personas: Personas, client_record, service: Service) -> None:  # type: ignore[no-untyped-def]
    referral = _refer(personas, client_record, service)
    message = OutboxMessage.objects.get(key=f"welfare-referral-{referral.pk}")
    assert "https://sdm.example/welfare/referrals/" in message.body and "박*자" in message.body
    assert "박순자" not in message.body
    assert referral.due_on == timezone.localdate() + dt.timedelta(days=services.referral_days())


def test_the_loop_closes_through_the_link(client, personas: Personas, client_record, service: Service) -> None:  # type: ignore[no-untyped-def]
    referral = _refer(personas, client_record, service)
    url = services.referral_confirm_path(referral)
    page = client.get(url)
    assert page.status_code == 200 and "박*자" in page.content.decode() and "박순자" not in page.content.decode()
    # What is asked and who asks it, so the institution can act and call for the contact details.
    shown = page.content.decode()
    sender = personas.other_staff.staff.department
    assert "주 2회 도시락 배달 요청" in shown and sender.name in shown
    # Each opening of the link, which shows the note, is on the referral's audit trail.
    from opengu.core.audit import history_for

    opened = history_for(referral).filter(action="welfare.referral.link_opened")
    assert opened.count() == 1 and opened.get().actor is None and opened.get().params["ip"] == "127.0.0.1"
    missing = client.post(url, {"by": "연희노인복지관"})
    assert missing.status_code == 400 and "골라" in missing.content.decode()
    assert client.post(url, {"taken_up": "yes", "by": "연희노인복지관 김담당"}).status_code == 302
    referral.refresh_from_db()
    assert referral.status == Referral.Status.TAKEN_UP and referral.confirmed_by == "연희노인복지관 김담당"
    again = client.post(url, {"taken_up": "no", "by": "누군가"})
    assert again.status_code == 400 and "이미 회신한 의뢰" in again.content.decode()
    assert "회신을 받았습니다" in client.get(url).content.decode()
    referral.refresh_from_db()
    assert referral.status == Referral.Status.TAKEN_UP
    login_as(client, personas.other_staff)
    assert "연계 완료" in client.get(f"/welfare/centre/clients/{client_record.pk}/").content.decode()


def test_a_forged_link_is_not_found(client, personas: Personas, client_record, service: Service) -> None:  # type: ignore[no-untyped-def]
    referral = _refer(personas, client_record, service)
    forged = signing.dumps({"referral": referral.pk}, salt="something-else")
    assert client.get(f"/welfare/referrals/{forged}/").status_code == 404
    assert client.get("/welfare/referrals/not-a-token/").status_code == 404


def test_unconfirmed_referrals_turn_overdue(client, personas: Personas, client_record, service: Service) -> None:  # type: ignore[no-untyped-def]
    referral = _refer(personas, client_record, service)
    answered = services.referral_create(actor=personas.other_staff, client=client_record, dong=personas.dong,
                                        note="긴급지원 검토 요청")
    services.referral_confirm(referral=answered, taken_up=False, by="연희동주민센터")
    later = referral.due_on + dt.timedelta(days=1)
    assert not referral.is_overdue(referral.due_on)
    assert referral.is_overdue(later)
    assert list(selectors.referrals_for(personas.other_staff, overdue=True, today=later)) == [referral]
    Referral.objects.filter(pk=referral.pk).update(due_on=timezone.localdate() - dt.timedelta(days=1))
    login_as(client, personas.other_staff)
    page = client.get("/welfare/centre/referrals/", {"overdue": "1"}).content.decode()
    assert "기한 지남" in page and "박*자" in page
    staff_page = client.get("/staff/").content.decode()
    assert "복지 의뢰 회신 기한 지남" in staff_page


def test_an_inactive_service_cannot_take_referrals(personas: Personas, client_record, service: Service) -> None:  # type: ignore[no-untyped-def]
    Service.objects.filter(pk=service.pk).update(status=Service.Status.INACTIVE)
    service.refresh_from_db()
    try:
        services.referral_create(actor=personas.other_staff, client=client_record, service=service)
    except services.WelfareInputError as exc:
        assert "운영 중" in exc.errors["service"]
    else:
        raise AssertionError("an inactive service took a referral")
    assert not Referral.objects.exists()


def test_referring_from_the_client_page_by_a_korean_phrase(client, personas: Personas, client_record,  # type: ignore[no-untyped-def]
                                                           service: Service) -> None:
    login_as(client, personas.other_staff)
    found = client.get(f"/welfare/centre/clients/{client_record.pk}/", {"q": "혼자 사시는 어르신 도시락"}).content.decode()
    assert service.name in found
    unexplained = client.post(f"/welfare/centre/clients/{client_record.pk}/", {"action": "refer", "service": service.pk})
    assert unexplained.status_code == 400 and "의뢰 내용을 적어 주세요" in unexplained.content.decode()
    assert not Referral.objects.exists()
    response = client.post(f"/welfare/centre/clients/{client_record.pk}/",
                           {"action": "refer", "service": service.pk, "note": "주 2회 도시락 배달 요청"})
    assert response.status_code == 302
    assert Referral.objects.get().service == service
    again = client.post(f"/welfare/centre/clients/{client_record.pk}/",
                        {"action": "refer", "service": service.pk, "note": "다시 요청"})
    assert again.status_code == 400 and "회신을 기다리는 의뢰가 이미 있습니다" in again.content.decode()
    assert Referral.objects.count() == 1
