"""Freshness: staff see stale records by institution and send each institution a signed link
(e-mail, else SMS, through the real SMTP server and the local SMS gateway); the page behind it
needs no login, shows only that institution's records, confirms or corrects each (versioned as
coming from the institution) and refuses tampered, expired and replaced links in Korean."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from opengu.messaging.services import messaging_deliver_due
from opengu.welfare import selectors, services
from opengu.welfare.models import (
    ConfirmationRequest,
    Organization,
    Phone,
    Sector,
    Service,
    SourceType,
)
from tests.personas import Personas, login_as

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/welfare/confirm/[^/\s]+/")


@pytest.fixture(autouse=True)
def _no_quiet_hours(settings):  # type: ignore[no-untyped-def]
    settings.OPENGU_QUIET_HOURS = "off"
    settings.OPENGU_KAKAO_PF_ID = ""


def _months_ago(months: int) -> dt.date:
    today = timezone.localdate()
    return today - dt.timedelta(days=31 * months)


def _institution(personas: Personas, name: str = "연희종합사회복지관", email: str = "desk@yeonhui.example.org",
                 department=None) -> Organization:  # type: ignore[no-untyped-def]
    return Organization.objects.create(name=name, source_type=SourceType.WELFARE_CENTRE, sector=Sector.PRIVATE,
                                       email=email, managing_department=department or personas.other_department)


def _service(personas: Personas, organization: Organization, name: str, assured: dt.date | None) -> Service:
    return services.service_create(actor=personas.other_staff, organization=organization,
                                   data={"name": name, "description": f"{name} 안내", "assured_date": assured})


@pytest.fixture
def institution(personas: Personas) -> Organization:
    services.taxonomies_ensure()
    organization = _institution(personas)
    _service(personas, organization, "밑반찬 나눔", _months_ago(7))
    _service(personas, organization, "어르신 체조교실", _months_ago(5))
    _service(personas, organization, "한글 교실", None)
    return organization


def _send_by_mail(client, personas: Personas, organization: Organization, smtp) -> str:  # type: ignore[no-untyped-def]
    login_as(client, personas.other_staff)
    response = client.post("/welfare/staff/stale/send/", {"organization": organization.pk})
    assert response.status_code == 302
    assert messaging_deliver_due().sent == 1
    [envelope] = smtp.envelopes[-1:]
    assert envelope.rcpt_tos == [organization.email]
    import email

    body = email.message_from_bytes(envelope.content).get_payload(decode=True).decode()
    assert "로그인은 필요 없으며" in body
    client.logout()
    return LINK.search(body).group(0)  # type: ignore[union-attr]


def test_the_queue_groups_stale_records_by_institution_after_six_months(client, personas: Personas,  # type: ignore[no-untyped-def]
                                                                        institution: Organization) -> None:
    [row] = selectors.stale_institutions(months=6)
    assert (row.organization, row.stale, row.last_request) == (institution, 2, None)  # 7 months and never
    login_as(client, personas.other_staff)
    page = client.get("/welfare/staff/stale/").content.decode()
    assert "연희종합사회복지관" in page and "밑반찬 나눔" in page and "어르신 체조교실" not in page
    assert "링크 보내기" in page
    _institution(personas, name="다른 복지관", email="x@example.org")
    _service(personas, Organization.objects.get(name="다른 복지관"), "다른 자원", None)
    found = client.get("/welfare/staff/stale/", {"org": "연희"}).content.decode()
    table = found[found.index('id="institutions"'):found.index('id="corrections"')]
    assert "연희종합사회복지관" in table and "다른 복지관" not in table


def test_an_institution_confirms_and_corrects_through_its_mailed_link(client, personas: Personas,  # type: ignore[no-untyped-def]
                                                                      institution: Organization, smtp_server) -> None:
    link = _send_by_mail(client, personas, institution, smtp_server)
    page = client.get(link).content.decode()
    assert "연희종합사회복지관" in page and "밑반찬 나눔" in page and "한글 교실" in page and "확인 필요" in page
    side_dish = institution.services.get(name="밑반찬 나눔")
    response = client.post(link, {"service": side_dish.pk, "action": "unchanged", "by": "김복지 팀장"})
    assert response.status_code == 302
    side_dish.refresh_from_db()
    assert side_dish.assured_date == timezone.localdate()
    version = side_dish.versions.first()
    assert version.from_institution and version.actor is None and "김복지 팀장" in version.actor_label
    assert version.changed_fields == ["assured_date"]

    hangul = institution.services.get(name="한글 교실")
    response = client.post(link, {"service": hangul.pk, "action": "correct", "by": "이담당", "name": "성인 한글 교실",
                                  "status": "active", "description": "매주 화·목 오전", "minimum_age": "19",
                                  "maximum_age": "", "fees_description": "무료", "required_documents": "",
                                  "application_process": "전화 접수", "url": ""})
    assert response.status_code == 302
    hangul.refresh_from_db()
    assert (hangul.name, hangul.minimum_age, hangul.assured_date) == ("성인 한글 교실", 19, timezone.localdate())
    version = hangul.versions.first()
    assert version.from_institution and {"name", "minimum_age", "assured_date"} <= set(version.changed_fields)
    request = ConfirmationRequest.objects.get()
    assert request.answered_count == 2 and request.last_answered_at is not None
    login_as(client, personas.other_staff)
    queue = client.get("/welfare/staff/stale/").content.decode()
    assert "성인 한글 교실" in queue and "이담당" in queue  # listed among the institutions' corrections
    assert "기관이 고침" in client.get(f"/welfare/staff/services/{hangul.pk}/").content.decode()


def test_bad_corrections_are_named_in_korean_and_change_nothing(client, personas: Personas,  # type: ignore[no-untyped-def]
                                                                institution: Organization) -> None:
    request = services.institution_confirmation_send(actor=personas.other_staff, organization=institution, months=6)
    link = services.confirmation_path(request)
    service = institution.services.get(name="밑반찬 나눔")
    before = (service.name, service.assured_date, service.versions.count())
    base = {"service": service.pk, "action": "correct", "name": "밑반찬", "status": "active", "by": "김복지"}
    for data, message in (({"minimum_age": "스무 살"}, "정수"), ({"minimum_age": "70", "maximum_age": "60"}, "최소 나이"),
                          ({"name": ""}, "자원명을 입력"), ({"by": ""}, "확인하는 분")):
        response = client.post(link, base | data)
        assert response.status_code == 400
        assert message in response.content.decode()
        assert 'value="밑반찬"' in response.content.decode() or data == {"name": ""}
    service.refresh_from_db()
    assert (service.name, service.assured_date, service.versions.count()) == before


def test_the_link_goes_by_sms_when_the_institution_has_no_email(client, personas: Personas,  # type: ignore[no-untyped-def]
                                                                sms_gateway) -> None:
    services.taxonomies_ensure()
    organization = _institution(personas, name="북가좌 경로당", email="")
    Phone.objects.create(organization=organization, number="010-3300-1234")
    _service(personas, organization, "경로당 점심", None)
    login_as(client, personas.other_staff)
    assert client.post("/welfare/staff/stale/send/", {"all": "1"}).status_code == 302
    assert messaging_deliver_due().sent == 1
    [received] = sms_gateway.received()
    assert received["to"] == "01033001234"
    link = LINK.search(received["text"]).group(0)  # type: ignore[union-attr]
    assert "경로당 점심" in client.get(link).content.decode()


def test_an_institution_without_address_or_phone_gets_a_clear_message(client, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    services.taxonomies_ensure()
    organization = _institution(personas, name="연락처 없는 기관", email="")
    _service(personas, organization, "무언가", None)
    login_as(client, personas.other_staff)
    page = client.post("/welfare/staff/stale/send/", {"organization": organization.pk}, follow=True).content.decode()
    assert "전자우편이나 전화번호가 없어" in page
    assert not ConfirmationRequest.objects.exists()


def test_a_tampered_expired_or_replaced_link_is_refused_in_korean(client, personas: Personas,  # type: ignore[no-untyped-def]
                                                                  institution: Organization) -> None:
    first = services.institution_confirmation_send(actor=personas.other_staff, organization=institution, months=6)
    link = services.confirmation_path(first)
    assert client.get(link).status_code == 200
    tampered = link[:-6] + ("A" if link[-6] != "A" else "B") + link[-5:]
    response = client.get(tampered)
    assert response.status_code == 410 and "링크가 올바르지 않습니다" in response.content.decode()
    ConfirmationRequest.objects.filter(pk=first.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = client.get(link)
    assert response.status_code == 410 and "기한이 지났으니" in response.content.decode()
    service = institution.services.first()
    response = client.post(link, {"service": service.pk, "action": "unchanged", "by": "김복지"})
    assert response.status_code == 410
    ConfirmationRequest.objects.filter(pk=first.pk).update(expires_at=timezone.now() + dt.timedelta(days=1))
    second = services.institution_confirmation_send(actor=personas.other_staff, organization=institution, months=6,
                                                    now=first.sent_at + dt.timedelta(seconds=1))
    response = client.get(link)
    assert response.status_code == 410 and "더 새로운 확인 링크" in response.content.decode()
    assert client.get(services.confirmation_path(second)).status_code == 200


def test_a_link_opens_only_its_own_institution(client, personas: Personas, institution: Organization) -> None:  # type: ignore[no-untyped-def]
    other = _institution(personas, name="다른 복지관", email="other@example.org")
    foreign = _service(personas, other, "다른 기관 자원", None)
    link = services.confirmation_path(
        services.institution_confirmation_send(actor=personas.other_staff, organization=institution, months=6))
    assert "다른 기관 자원" not in client.get(link).content.decode()
    response = client.post(link, {"service": foreign.pk, "action": "unchanged", "by": "김복지"})
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.assured_date is None and foreign.versions.count() == 1
    with pytest.raises(services.WelfareInputError):
        services.institution_service_confirm(request=ConfirmationRequest.objects.get(), service=foreign, by="김복지")


def test_only_the_managing_department_sends_links(client, personas: Personas, institution: Organization) -> None:  # type: ignore[no-untyped-def]
    url = "/welfare/staff/stale/send/"
    for user, expected in ((None, 302), (personas.resident, 403), (personas.staff, 403), (personas.auditor, 403)):
        login_as(client, user)
        assert client.post(url, {"organization": institution.pk}).status_code == expected
    login_as(client, personas.staff)  # another department: "all" sends nothing of ours
    client.post(url, {"all": "1"})
    assert not ConfirmationRequest.objects.exists()
    login_as(client, personas.admin)
    assert client.post(url, {"organization": institution.pk}).status_code == 302
    assert ConfirmationRequest.objects.count() == 1
