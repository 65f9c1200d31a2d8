"""What a resident and a clerk met on the pages: emergency numbers and a receipt number on the
crisis report, the case page's address, urgency and reporter (masked, unmasked on purpose and
logged), consent channels in Korean, and no unstyled buttons."""

from __future__ import annotations

import re

import pytest

from opengu.core.models import PersonalDataAccess
from opengu.welfare import services
from opengu.welfare.models import Case, Client
from tests.personas import Personas, login_as

pytestmark = pytest.mark.django_db


def test_the_report_page_puts_the_emergency_numbers_first(client, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/welfare/report/").content.decode()
    for number in ("119", "112", "129"):
        assert f'href="tel:{number}"' in page
    assert page.index('href="tel:119"') < page.index('name="situation"')
    assert "보건복지상담센터" in page


def test_a_reporter_gets_a_receipt_number_to_quote(client, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/welfare/report/", {
        "dong": personas.dong.pk, "situation": "옆집 어르신이 며칠째 보이지 않습니다", "subject_address": "연희로 1",
        "reporter_contact": "010-5555-6666", "consent": "1"}, follow=True)
    case = Case.objects.get()
    page = response.content.decode()
    assert case.receipt_number in page and "접수번호" in page
    assert re.fullmatch(r"\d{4}-\d{6}", case.receipt_number)
    other = client.__class__()  # another browser: the same address shows no one's number
    assert case.receipt_number not in other.get("/welfare/report/?sent=1").content.decode()


@pytest.fixture
def case(personas: Personas) -> Case:
    case = services.case_report(actor=None, channel=Case.Channel.RESIDENT, situation="끼니를 거르는 어르신이 있습니다",
                                dong=personas.dong, subject_address="서울특별시 서대문구 연희로 12-3",
                                reporter_name="김제보", reporter_contact="010-5555-6666", consent=True)
    return services.case_triage(actor=personas.other_staff, case=case, urgency=Case.Urgency.URGENT)


def test_the_case_page_shows_address_urgency_and_reporter_masked(client, personas: Personas, case: Case) -> None:  # type: ignore[no-untyped-def]
    login_as(client, personas.other_staff)
    page = client.get(f"/welfare/cases/{case.pk}/").content.decode()
    assert "긴급" in page and case.receipt_number in page
    assert "010-****-6666" in page and "김*보" in page and "연희로" in page
    assert "5555" not in page and "김제보" not in page and "12-3" not in page
    assert PersonalDataAccess.objects.filter(subject="welfare.case", purpose="").count() == 1


def test_unmasking_the_case_is_for_who_may_act_and_is_logged(client, personas: Personas, case: Case) -> None:  # type: ignore[no-untyped-def]
    login_as(client, personas.other_staff)
    page = client.get(f"/welfare/cases/{case.pk}/?reveal=1").content.decode()
    assert "010-5555-6666" in page and "김제보" in page and "연희로 12-3" in page
    row = PersonalDataAccess.objects.order_by("-id").first()
    assert row.subject == "welfare.case" and "신고자" in row.purpose and row.record_ids == [str(case.pk)]
    login_as(client, personas.auditor)  # reads, but the reveal stays closed to whoever cannot act
    page = client.get(f"/welfare/cases/{case.pk}/?reveal=1").content.decode()
    assert "010-5555-6666" not in page and "010-****-6666" in page


def test_consent_channels_read_in_korean(client, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    record = services.client_register(actor=personas.other_staff, name="박순자", dong=personas.dong, consent=True,
                                      consent_channel="visit")
    login_as(client, personas.other_staff)
    page = client.get(f"/welfare/centre/clients/{record.pk}/").content.decode()
    consent = re.search(r"<dt>동의</dt><dd>(.*?)</dd>", page).group(1)  # type: ignore[union-attr]
    assert "방문" in consent and "visit" not in consent


def test_every_button_on_the_client_and_case_pages_is_styled(client, personas: Personas, case: Case) -> None:  # type: ignore[no-untyped-def]
    record: Client = services.client_register(actor=personas.other_staff, name="박순자", dong=personas.dong,
                                              consent=True, phone="010-2222-3333")
    login_as(client, personas.other_staff)
    for url in (f"/welfare/centre/clients/{record.pk}/?q=도시락", f"/welfare/cases/{case.pk}/"):
        page = client.get(url).content.decode()
        buttons = re.findall(r"<button[^>]*>", page)
        assert buttons
        bare = [b for b in buttons if not re.search(r'class="[^"]*(button|primary|link-button)', b)]
        main = page[page.index("<main"):] if "<main" in page else page
        assert not [b for b in bare if b in main], (url, bare)


def test_the_english_search_page_names_the_dongs_in_english(client, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    personas.dong.name_en = "Yeonhui-dong"
    personas.dong.save()
    client.cookies["django_language"] = "en"
    page = client.get("/welfare/").content.decode()
    assert "Yeonhui-dong" in page and "Near Yeonhui-dong" in page
    client.cookies["django_language"] = "ko"
    assert "Yeonhui-dong" not in client.get("/welfare/").content.decode()
