"""Support programmes, 100가정 보듬기: matching households with sponsors, bad input kept out,
dong scoping, masking and access records, the audit trail, and the district summary of the
차상위 share against the plan's 50 % target."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from opengu.core.models import AuditEvent, PersonalDataAccess
from opengu.welfare import programmes, services
from opengu.welfare.models import Sponsorship
from tests.personas import Personas, login_as

URL = "/welfare/centre/sponsorships/"
SUMMARY = "/welfare/centre/sponsorships/summary/"


def _household(personas: Personas, name: str, *, dong=None, flags=()):  # type: ignore[no-untyped-def]
    return services.client_register(actor=personas.other_staff, name=name, dong=dong or personas.dong,
                                    flags=list(flags), consent=True)


def _match(personas: Personas, household, *, kind: str = "company", starts_on: str = "2026-01-01",  # type: ignore[no-untyped-def]
           ends_on: str = "") -> Sponsorship:
    return programmes.sponsorship_register(actor=personas.other_staff, client=household, sponsor_name="연희상사",
                                           sponsor_kind=kind, monthly_support="쌀 10kg", starts_on=starts_on,
                                           ends_on=ends_on)


def test_matching_on_the_page_is_audited(client, personas: Personas, client_record) -> None:  # type: ignore[no-untyped-def]
    login_as(client, personas.other_staff)
    response = client.post(URL, {"client": client_record.pk, "sponsor_name": "홍길동", "sponsor_kind": "person",
                                 "monthly_support": "30,000원", "starts_on": "2026-03-01", "ends_on": ""})
    assert response.status_code == 302
    match = Sponsorship.objects.get()
    assert (match.client, match.sponsor_name, match.sponsor_kind, match.monthly_support, match.starts_on, match.ends_on) == (
        client_record, "홍길동", "person", "30,000원", dt.date(2026, 3, 1), None)
    event = AuditEvent.objects.get(action="welfare.sponsorship.register")
    assert event.actor == personas.other_staff and event.target_id == str(match.pk)


def test_bad_input_is_explained_in_korean_and_nothing_is_written(client, personas: Personas, client_record) -> None:  # type: ignore[no-untyped-def]
    login_as(client, personas.other_staff)
    response = client.post(URL, {"client": "999999", "sponsor_name": "", "sponsor_kind": "alien",
                                 "monthly_support": "", "starts_on": "2026-02-30", "ends_on": "x"})
    html = response.content.decode()
    assert response.status_code == 400
    for text in ("등록된 대상자를 찾을 수 없습니다", "후원자: 이름을 적어 주세요", "개인, 단체, 기업 가운데",
                 "매월 후원 내용", "시작일: 날짜 형식이 아닙니다", "종료일: 날짜 형식이 아닙니다"):
        assert text in html
    with pytest.raises(programmes.ProgrammeInputError) as caught:
        _match(personas, client_record, starts_on="2026-05-01", ends_on="2026-04-30")
    assert caught.value.errors == {"ends_on": "종료일: 시작일보다 앞섭니다."}
    assert not Sponsorship.objects.exists() and not AuditEvent.objects.filter(action="welfare.sponsorship.register").exists()


def test_the_list_masks_households_and_private_sponsors_and_logs_access(client, personas: Personas,  # type: ignore[no-untyped-def]
                                                                       client_record) -> None:
    programmes.sponsorship_register(actor=personas.other_staff, client=client_record, sponsor_name="홍길동",
                                    sponsor_kind="person", monthly_support="30,000원", starts_on="2026-01-01")
    _match(personas, client_record)
    login_as(client, personas.other_staff)
    html = client.get(URL).content.decode()
    assert "박*자" in html and "박순자" not in html
    assert "홍*동" in html and "홍길동" not in html and "연희상사" in html
    access = PersonalDataAccess.objects.get(subject="welfare.client", action="list", actor=personas.other_staff)
    assert access.record_ids == [str(client_record.pk)]


def test_dong_staff_see_and_match_only_their_own_dong(client, personas: Personas, dong_staff) -> None:  # type: ignore[no-untyped-def]
    own = _household(personas, "김하나")
    other = _household(personas, "이둘", dong=personas.other_dong)
    _match(personas, own)
    _match(personas, other)
    login_as(client, dong_staff["own"])
    html = client.get(URL).content.decode()
    assert "김*나" in html and "이*" not in html
    assert client.get(URL, {"dong": personas.other_dong.pk}).content.decode().count("연희상사") == 0
    refused = client.post(URL, {"client": other.pk, "sponsor_name": "서대문교회", "sponsor_kind": "group",
                                "monthly_support": "반찬", "starts_on": "2026-01-01"})
    assert refused.status_code == 403 and Sponsorship.objects.count() == 2
    assert client.post(URL, {"client": own.pk, "sponsor_name": "서대문교회", "sponsor_kind": "group",
                             "monthly_support": "반찬", "starts_on": "2026-01-01"}).status_code == 302
    assert client.get(SUMMARY).status_code == 403  # the district summary is the centre's


def test_outsiders_and_auditors(client, personas: Personas, client_record) -> None:  # type: ignore[no-untyped-def]
    login_as(client, personas.staff)  # 자치행정과: no client data
    assert client.get(URL).status_code == 403
    login_as(client, personas.auditor)
    assert client.get(URL).status_code == 200
    refused = client.post(URL, {"client": client_record.pk, "sponsor_name": "연희상사", "sponsor_kind": "company",
                                "monthly_support": "쌀", "starts_on": "2026-01-01"})
    assert refused.status_code == 403 and not Sponsorship.objects.exists()


def test_the_summary_counts_households_once_and_the_near_poverty_share(personas: Personas) -> None:
    today = timezone.localdate()
    near = _household(personas, "차상위일", flags=["near_poverty"])
    _match(personas, near)
    _match(personas, near, kind="person")  # a second sponsor: still one household
    _match(personas, _household(personas, "일반일", dong=personas.other_dong, flags=["living_alone"]))
    _match(personas, _household(personas, "일반이"))
    ended = _household(personas, "끝난집", flags=["near_poverty"])
    _match(personas, ended, starts_on="2025-01-01", ends_on=(today - dt.timedelta(days=1)).isoformat())
    _match(personas, _household(personas, "앞으로", flags=["near_poverty"]),
           starts_on=(today + dt.timedelta(days=1)).isoformat())
    summary = programmes.district_summary(day=today)
    assert (summary.households, summary.near_poverty, summary.near_poverty_percent) == (3, 1, 33.3)
    assert not summary.meets_target
    assert summary.by_dong == [(personas.dong.name, 2, 1), (personas.other_dong.name, 1, 0)]
    _match(personas, _household(personas, "차상위이", flags=["near_poverty"]))
    after = programmes.district_summary(day=today)
    assert (after.households, after.near_poverty, after.near_poverty_percent, after.meets_target) == (4, 2, 50.0, True)


def test_the_summary_page_shows_the_share_against_the_target_as_a_chart(client, personas: Personas) -> None:
    _match(personas, _household(personas, "차상위일", flags=["near_poverty"]))
    _match(personas, _household(personas, "일반일"))
    _match(personas, _household(personas, "일반이"))
    _match(personas, _household(personas, "일반삼"))
    login_as(client, personas.other_staff)
    response = client.get(SUMMARY)
    html = response.content.decode()
    assert '<svg role="img" class="bar-chart"' in html and "차상위 비율 25.0%, 목표 50%." in html
    share, target = response.context["share_chart"].bars  # 25 % and the 50 % target on the same scale
    assert (share.shown, target.shown) == ("25.0%", "50%") and target.width == 2 * share.width > 0
    assert "미달" in html and "4 / 100" in html and "차상위일" not in html


# --- I WISH partnerships ----------------------------------------------------------------------

PARTNERS = "/welfare/centre/partnerships/"


@pytest.fixture
def partner(personas: Personas):  # type: ignore[no-untyped-def]
    from opengu.welfare.models import Organization, Sector, SourceType

    return Organization.objects.create(name="신촌종합사회복지관", source_type=SourceType.WELFARE_CENTRE,
                                       sector=Sector.PRIVATE, managing_department=personas.other_department)


def test_a_partnership_is_registered_audited_and_listed_masked(client, personas: Personas, partner,  # type: ignore[no-untyped-def]
                                                               client_record) -> None:
    from opengu.welfare.models import Partnership

    second = _household(personas, "최민수")
    login_as(client, personas.other_staff)
    response = client.post(PARTNERS, {"organization": partner.pk, "support": "학습지 매월 1권",
                                      "households": f"{client_record.pk}, {second.pk}", "starts_on": "2026-04-01"})
    assert response.status_code == 302
    partnership = Partnership.objects.get()
    assert set(partnership.households.all()) == {client_record, second} and partnership.ends_on is None
    event = AuditEvent.objects.get(action="welfare.partnership.register")
    assert event.params["households"] == sorted([client_record.pk, second.pk])
    html = client.get(PARTNERS).content.decode()
    assert "박*자" in html and "최*수" in html and "박순자" not in html and "학습지 매월 1권" in html
    assert PersonalDataAccess.objects.filter(subject="welfare.client", action="list", actor=personas.other_staff).exists()


def test_bad_partnership_input_writes_nothing(client, personas: Personas, partner, client_record) -> None:  # type: ignore[no-untyped-def]
    from opengu.welfare.models import Partnership

    login_as(client, personas.other_staff)
    response = client.post(PARTNERS, {"organization": "999999", "support": "", "households": f"{client_record.pk}, 999999",
                                      "starts_on": "2026-04-01", "ends_on": "2026-03-01"})
    html = response.content.decode()
    assert response.status_code == 400
    for text in ("협력 기관: 등록된 기관", "지원 내용: 무엇을", "찾을 수 없습니다(999999)", "종료일: 시작일보다 앞섭니다"):
        assert text in html
    assert not Partnership.objects.exists() and not AuditEvent.objects.filter(action="welfare.partnership.register").exists()


def test_dong_staff_see_only_their_households_of_a_partnership(client, personas: Personas, partner,  # type: ignore[no-untyped-def]
                                                               dong_staff) -> None:
    own = _household(personas, "김하나")
    other = _household(personas, "이둘셋", dong=personas.other_dong)
    programmes.partnership_register(actor=personas.other_staff, organization=partner, support="반찬 나눔",
                                    households=[own, other], unknown=[], starts_on="2026-01-01")
    login_as(client, dong_staff["own"])
    html = client.get(PARTNERS).content.decode()
    assert "김*나" in html and "이*셋" not in html and "반찬 나눔" in html
    refused = client.post(PARTNERS, {"organization": partner.pk, "support": "쌀", "households": str(other.pk),
                                     "starts_on": "2026-01-01"})
    assert refused.status_code == 403


def test_ending_a_match_is_audited_and_a_bad_date_changes_nothing(client, personas: Personas, client_record,  # type: ignore[no-untyped-def]
                                                                   dong_staff) -> None:
    match = _match(personas, client_record, starts_on="2026-01-01")
    other = _match(personas, _household(personas, "이둘셋", dong=personas.other_dong))
    login_as(client, dong_staff["own"])
    assert client.post(URL, {"action": "end", "sponsorship": other.pk, "ends_on": "2026-06-30"}).status_code == 403
    bad = client.post(URL, {"action": "end", "sponsorship": match.pk, "ends_on": "2025-12-31"}, follow=True)
    assert "종료일: 시작일보다 앞섭니다." in bad.content.decode()
    match.refresh_from_db()
    assert match.ends_on is None
    assert client.post(URL, {"action": "end", "sponsorship": match.pk, "ends_on": "2026-06-30"}).status_code == 302
    match.refresh_from_db()
    assert match.ends_on == dt.date(2026, 6, 30)
    assert AuditEvent.objects.filter(action="welfare.sponsorship.end", target_id=str(match.pk)).count() == 1
