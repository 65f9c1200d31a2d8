"""What a resident on a phone and a counsellor met on the second walk through the welfare pages."""

from __future__ import annotations

import json

import pytest

from opengu.welfare.models import Phone, Service
from tests.personas import Personas

pytestmark = pytest.mark.django_db


def test_a_resource_without_its_own_number_shows_its_institutions(client, directory: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    lunch: Service = directory["lunch"]  # type: ignore[assignment]
    Phone.objects.create(organization=lunch.organization, number="02-330-7777", description="대표 전화")
    page = client.get(f"/welfare/services/{lunch.pk}/").content.decode()
    assert 'href="tel:02-330-7777"' in page
    cards = client.get("/welfare/", {"q": "도시락"}).content.decode()
    assert 'href="tel:02-330-7777"' in cards
    detail = json.loads(client.get(f"/api/hsds/services/{lunch.uid}").content)
    assert [p["number"] for p in detail["organization"]["phones"]] == ["02-330-7777"]
    # Its own number, once it has one, is the one shown.
    Phone.objects.create(service=lunch, number="02-330-8888", description="담당자")
    page = client.get(f"/welfare/services/{lunch.pk}/").content.decode()
    assert 'href="tel:02-330-8888"' in page and "02-330-7777" not in page
    export = b"".join(client.get("/welfare/", {"q": "도시락", "format": "csv"}).streaming_content).decode("utf-8-sig")
    assert export.splitlines()[0].endswith(",문의 전화") and "02-330-8888" in export


def test_the_client_file_history_holds_every_kind_of_work(client, personas: Personas, client_record) -> None:  # type: ignore[no-untyped-def]
    from opengu.welfare import services
    from opengu.welfare.models import Case, OutreachCampaign, OutreachNotice
    from tests.personas import login_as

    actor = personas.other_staff
    services.benefit_receipt_record(actor=actor, client=client_record, benefit="basic_pension",
                                    started_on="2025-01-01", source="dong_centre")
    campaign = OutreachCampaign.objects.create(benefit="basic_pension", title="기초연금 안내", message="신청하세요",
                                               created_by=actor)
    OutreachNotice.objects.create(campaign=campaign, client=client_record)
    services.outreach_notice_mark_applied(actor=actor, notice=OutreachNotice.objects.get(), applied=True)
    case = Case.objects.create(channel=Case.Channel.CALL_CENTRE, client=client_record, situation="위기")
    services.case_triage(actor=actor, case=case, urgency="urgent")
    services.case_close(actor=actor, case=case, reason="연계 완료")
    login_as(client, actor)
    page = client.get(f"/welfare/centre/clients/{client_record.pk}/").content.decode()
    history = page[page.index('id="history"'):]
    for entry in ("대상자 등록", "수급 이력 기록: 기초연금", "맞춤형 안내 보냄: 기초연금", "신청함: 기초연금",
                  f"사례 {case.pk}: 분류", f"사례 {case.pk}: 종결"):
        assert entry in history, entry
    # Newest first: the case's closing comes before its triage, and the registration is last.
    assert history.index(f"사례 {case.pk}: 종결") < history.index(f"사례 {case.pk}: 분류") < history.index("대상자 등록")


def test_the_same_household_member_is_not_added_twice(personas: Personas, client_record) -> None:  # type: ignore[no-untyped-def]
    from opengu.welfare import services

    services.household_member_add(actor=personas.other_staff, client=client_record, name="박영수", relation="아들",
                                  birth_date="1970-08-12")
    with pytest.raises(services.WelfareInputError) as refused:
        services.household_member_add(actor=personas.other_staff, client=client_record, name="박영수 ", relation="아들",
                                      birth_date="1970-08-12")
    assert "이미 있습니다" in refused.value.errors["member_name"]
    services.household_member_add(actor=personas.other_staff, client=client_record, name="박영희", relation="딸",
                                  birth_date="1972-01-02")
    assert client_record.household.count() == 2


def test_a_case_link_names_a_missing_resource_and_refuses_two_receivers(client, personas: Personas, client_record,  # type: ignore[no-untyped-def]
                                                                        directory: dict[str, object]) -> None:
    from opengu.welfare.models import Case, Referral
    from tests.personas import login_as

    case = Case.objects.create(channel=Case.Channel.CALL_CENTRE, client=client_record, situation="위기",
                               stage=Case.Stage.PLANNED, dong=personas.dong)
    login_as(client, personas.other_staff)
    url = f"/welfare/cases/{case.pk}/"
    missing = client.post(url, {"step": "link", "service": "99999", "note": "도시락 배달"}).content.decode()
    assert "복지자원 번호 99999: 그런 자원이 없습니다" in missing
    letters = client.post(url, {"step": "link", "service": "abc", "note": "도시락 배달"}).content.decode()
    assert "복지자원 번호 abc: 그런 자원이 없습니다" in letters
    both = client.post(url, {"step": "link", "service": directory["lunch"].pk, "dong": personas.dong.pk,  # type: ignore[attr-defined]
                             "note": "도시락 배달"}).content.decode()
    assert "하나만 골라 주세요" in both
    assert not Referral.objects.exists()
    assert client.post(url, {"step": "link", "service": directory["lunch"].pk, "note": "도시락 배달"}).status_code == 302  # type: ignore[attr-defined]
    assert Referral.objects.get().service == directory["lunch"]


def test_the_search_page_folds_unused_options_and_keeps_them_when_facets_are_cleared(  # type: ignore[no-untyped-def]
        client, personas: Personas, directory: dict[str, object]) -> None:
    plain = client.get("/welfare/", {"q": "도시락"}).content.decode()
    assert '<details class="welfare-more">' in plain and 'maxlength="100"' in plain
    with_dong = client.get("/welfare/", {"q": "도시락", "dong": personas.dong.pk, "term": "1"}).content.decode()
    assert '<details class="welfare-more" open>' in with_dong
    assert f'href="/welfare/?q=%EB%8F%84%EC%8B%9C%EB%9D%BD&amp;dong={personas.dong.pk}">분류 지우기' in with_dong
    nothing = client.get("/welfare/", {"q": "우주여행"}).content.decode()
    assert "찾는 자원이 없습니다" in nothing and "format=csv" not in nothing
    assert 'id="facets-heading"' not in nothing and "<legend>" not in nothing and "분류로 좁히기" not in nothing


def test_the_report_form_names_problems_first_and_at_each_field(client, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    page = client.post("/welfare/report/", {"situation": "배고파"}).content.decode()
    assert page.index('id="error-summary"') < page.index('class="message error emergency"')
    for field in ("situation", "dong", "consent"):
        assert f'aria-describedby="{field}-error"' in page or f'{field}-error"' in page, field
        assert f'id="{field}-error"' in page, field
    # The thanks are for a report sent from this browser, not for anyone opening the address.
    fresh = client.get("/welfare/report/", {"sent": "1"}).content.decode()
    assert "알려 주셔서 감사합니다" not in fresh and 'name="situation"' in fresh


def test_the_report_form_speaks_english_on_english_pages(client, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    personas.dong.name_en = "Yeonhui-dong"
    personas.dong.save()
    client.cookies["django_language"] = "en"
    page = client.post("/welfare/report/", {"situation": "x"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Yeonhui-dong" in page
    assert "다섯 글자 이상" not in page and "동의해 주세요" not in page


def test_english_search_pages_name_the_facets_in_english_and_say_the_details_are_korean(  # type: ignore[no-untyped-def]
        client, directory: dict[str, object]) -> None:
    client.cookies["django_language"] = "en"
    page = client.get("/welfare/").content.decode()
    assert "<legend>Stage of life</legend>" in page and "Older people" in page
    assert "<legend>생애주기</legend>" not in page
    assert "search words must be Korean too" in page
    client.cookies["django_language"] = "ko"
    korean = client.get("/welfare/").content.decode()
    assert "<legend>생애주기</legend>" in korean and "한국어로만 되어 있어" not in korean


def test_resources_found_from_the_client_file_are_nearest_the_client_first(client, personas: Personas,  # type: ignore[no-untyped-def]
                                                                          client_record) -> None:
    import datetime as dt
    from decimal import Decimal

    from opengu.welfare import geo, services
    from opengu.welfare.models import Location, Organization, ServiceAtLocation, SourceType
    from tests.personas import login_as

    services.taxonomies_ensure()
    personas.dong.code = "1141065500"  # 연희동's 행정동 code: its 주민센터 has a known position
    personas.dong.save()
    centre = geo.DONG_CENTRES[personas.dong.code]
    made = []
    for name, north_km in (("먼 집수리", 3.0), ("가까운 집수리", 0.2)):
        org = Organization.objects.create(name=name, source_type=SourceType.WELFARE_CENTRE)
        place = Location.objects.create(organization=org, name=name, latitude=Decimal(f"{centre[0] + north_km / 111:.6f}"),
                                        longitude=Decimal(f"{centre[1]:.6f}"))
        service = services.service_create(actor=personas.other_staff, organization=org,
                                          data={"name": f"{name} 지원", "assured_date": dt.date.today()})
        ServiceAtLocation.objects.create(service=service, location=place)
        made.append(service)
    login_as(client, personas.other_staff)
    page = client.get(f"/welfare/centre/clients/{client_record.pk}/", {"q": "집수리"}).content.decode()
    assert "2건 가운데 대상자의 동에서 가까운 2건" in page
    assert page.index("가까운 집수리 지원") < page.index("먼 집수리 지원")
    assert "200 m 거리" in page


def test_the_call_list_shows_talk_time_in_minutes_and_opens_the_client(client, personas: Personas, client_record) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from django.utils import timezone

    from opengu.welfare import services
    from tests.personas import login_as

    start = timezone.now() - dt.timedelta(hours=1)
    services.call_log(actor=personas.other_staff, direction="incoming", outcome="answered", client=client_record,
                      started_at=start, ended_at=start + dt.timedelta(seconds=245))
    login_as(client, personas.other_staff)
    page = client.get("/welfare/centre/calls/").content.decode()
    assert ">4분 05초</td>" in page
    assert f'href="/welfare/centre/clients/{client_record.pk}/">박*자</a>' in page


def test_the_staff_page_leads_the_centre_to_outreach_and_synonyms(client, personas: Personas, directory) -> None:  # type: ignore[no-untyped-def]
    from tests.personas import login_as

    login_as(client, personas.other_staff)
    page = client.get("/staff/").content.decode()
    assert 'href="/welfare/centre/outreach/"' in page and 'href="/welfare/staff/synonyms/"' in page
    login_as(client, personas.staff)  # another department, managing no institution
    other = client.get("/staff/").content.decode()
    assert 'href="/welfare/centre/outreach/"' not in other and 'href="/welfare/staff/synonyms/"' not in other


def test_the_outreach_chart_names_each_notice_by_its_benefit(client, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    from opengu.welfare.models import OutreachCampaign
    from tests.personas import login_as

    campaign = OutreachCampaign.objects.create(benefit="basic_pension", title="기초연금 안내", message="신청하세요",
                                               created_by=personas.other_staff)
    login_as(client, personas.other_staff)
    page = client.get("/welfare/centre/outreach/").content.decode()
    chart = page[page.index('id="uptake-bars-title"'):]
    assert f"{campaign.pk}. 기초연금" in chart[:chart.index("</svg>")]


def test_a_national_service_without_eligibility_points_to_its_bokjiro_page(client, directory) -> None:  # type: ignore[no-untyped-def]
    from opengu.welfare.models import Service

    lunch = directory["lunch"]
    Service.objects.filter(pk=lunch.pk).update(eligibility_description="", application_process="",
                                               url="https://www.bokjiro.go.kr/x")
    page = client.get(f"/welfare/services/{lunch.pk}/").content.decode()
    assert page.count('href="https://www.bokjiro.go.kr/x"') >= 2 and "기관에 문의해 주세요." not in page


def test_revealing_a_client_says_it_was_logged_and_offers_to_mask_again(client, personas: Personas, client_record) -> None:  # type: ignore[no-untyped-def]
    from opengu.core.models import PersonalDataAccess
    from tests.personas import login_as

    login_as(client, personas.other_staff)
    page = client.get(f"/welfare/centre/clients/{client_record.pk}/", {"reveal": "1"}).content.decode()
    assert "박순자" in page and "이 열람은 개인정보 접속기록에 남았습니다." in page and '<a href="?">다시 가리기</a>' in page
    assert PersonalDataAccess.objects.filter(subject="welfare.client", purpose="대상자 정보 전체 보기").exists()
    masked = client.get(f"/welfare/centre/clients/{client_record.pk}/").content.decode()
    assert "박순자" not in masked and "다시 가리기" not in masked


def test_resources_matching_every_word_come_before_nearer_partial_matches(client, personas: Personas,  # type: ignore[no-untyped-def]
                                                                           client_record) -> None:
    import datetime as dt
    from decimal import Decimal

    from opengu.welfare import geo, services
    from opengu.welfare.models import Location, Organization, ServiceAtLocation, SourceType
    from tests.personas import login_as

    services.taxonomies_ensure()
    personas.dong.code = "1141065500"
    personas.dong.save()
    centre = geo.DONG_CENTRES[personas.dong.code]
    for name, north_km in (("노인 도시락 배달", 3.0), ("청년 도시락 나눔", 0.1)):
        org = Organization.objects.create(name=f"{name} 기관", source_type=SourceType.WELFARE_CENTRE)
        place = Location.objects.create(organization=org, name=name, latitude=Decimal(f"{centre[0] + north_km / 111:.6f}"),
                                        longitude=Decimal(f"{centre[1]:.6f}"))
        service = services.service_create(actor=personas.other_staff, organization=org,
                                          data={"name": name, "assured_date": dt.date.today()})
        ServiceAtLocation.objects.create(service=service, location=place)
    login_as(client, personas.other_staff)
    page = client.get(f"/welfare/centre/clients/{client_record.pk}/", {"q": "노인 도시락"}).content.decode()
    # The farther one matches both words; the nearer one only 도시락.
    assert page.index("노인 도시락 배달") < page.index("청년 도시락 나눔")


def test_the_centre_menu_shows_dong_staff_only_what_they_may_open(client, personas: Personas, dong_staff) -> None:  # type: ignore[no-untyped-def]
    import re

    from tests.personas import login_as

    login_as(client, dong_staff["own"])
    page = client.get("/welfare/cases/").content.decode()
    nav = re.search(r'<nav aria-label="행복1004콜센터">(.*?)</nav>', page, re.S)
    assert nav is not None
    links = re.findall(r'href="([^"]+)"', nav.group(1))
    assert "/welfare/cases/" in links and "/welfare/centre/calls/" not in links and "/welfare/centre/outreach/" not in links
    for url in links:
        assert client.get(url).status_code == 200, url
    login_as(client, personas.other_staff)
    centre = client.get("/welfare/cases/").content.decode()
    assert 'href="/welfare/centre/calls/"' in centre and 'href="/welfare/centre/outreach/"' in centre


def test_the_assessment_client_picker_is_masked_logged_and_only_at_that_step(client, personas: Personas,  # type: ignore[no-untyped-def]
                                                                             client_record) -> None:
    from opengu.core.models import PersonalDataAccess
    from opengu.welfare.models import Case
    from tests.personas import login_as

    case = Case.objects.create(channel=Case.Channel.CALL_CENTRE, situation="위기 가구", dong=personas.dong,
                               stage=Case.Stage.VISIT_SCHEDULED)
    login_as(client, personas.other_staff)
    page = client.get(f"/welfare/cases/{case.pk}/").content.decode()
    assert f'<option value="{client_record.pk}">{client_record.pk} · 박*자 · 1948-**-**</option>' in page
    assert "박순자" not in page
    listed = PersonalDataAccess.objects.filter(subject="welfare.client", action="list")
    assert any(str(client_record.pk) in row.record_ids for row in listed)
    Case.objects.filter(pk=case.pk).update(stage=Case.Stage.PLANNED)
    later = client.get(f"/welfare/cases/{case.pk}/").content.decode()
    assert "1948-**-**" not in later
