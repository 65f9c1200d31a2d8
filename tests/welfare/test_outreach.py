"""Staff outreach: matched clients who do not receive a benefit are told by SMS in the send's
transaction, applications are recorded, uptake per campaign is shown and exported."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from opengu.core.models import PersonalDataAccess
from opengu.messaging.models import OutboxMessage
from opengu.welfare import selectors, services
from opengu.welfare.models import Client, OutreachCampaign, OutreachNotice
from tests.personas import Personas, as_each, login_as

pytestmark = pytest.mark.django_db


def _client(personas: Personas, name: str, flags: list[str], phone: str = "010-2000-0001", **extra: str) -> Client:
    return services.client_register(actor=personas.other_staff, name=name, dong=personas.dong, consent=True,
                                    phone=phone, flags=flags, **extra)


def _campaign(personas: Personas) -> OutreachCampaign:
    return services.outreach_campaign_create(actor=personas.other_staff, benefit="hope_savings_2",
                                             title="희망저축계좌II 안내", message="[서대문구] 희망저축계좌II 신청 안내")


def test_the_plan_s_uptake_207_notified_29_applied_is_14_percent(personas: Personas) -> None:
    campaign = _campaign(personas)
    assert selectors.Uptake(campaign=campaign, notified=207, applied=29).rate == 14
    assert selectors.Uptake(campaign=campaign, notified=0, applied=0).rate == 0


def test_only_matching_clients_with_a_phone_are_told_once_and_by_sms(personas: Personas) -> None:
    near = _client(personas, "김차상", ["near_poverty"], "010-2000-0001")
    _client(personas, "박일반", [], "010-2000-0002")  # no 차상위 or 수급: does not match
    _client(personas, "최번호", ["near_poverty"], "")  # no phone: cannot be told
    campaign = _campaign(personas)
    before = OutboxMessage.objects.count()
    notices = services.outreach_campaign_send(actor=personas.other_staff, campaign=campaign)
    assert [n.client_id for n in notices] == [near.pk]
    assert OutboxMessage.objects.count() == before + 1
    assert OutboxMessage.objects.get(pk=notices[0].outbox_id).channel == OutboxMessage.Channel.SMS
    assert services.outreach_campaign_send(actor=personas.other_staff, campaign=campaign) == []


def test_a_failed_send_tells_nobody(personas: Personas) -> None:
    _client(personas, "김차상", ["near_poverty"])
    campaign = _campaign(personas)
    before = OutboxMessage.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.outreach_campaign_send(actor=personas.other_staff, campaign=campaign)
        raise RuntimeError("the request failed after sending")
    assert OutboxMessage.objects.count() == before
    assert not OutreachNotice.objects.exists()


def test_who_applied_counts_and_is_not_told_again_by_a_new_campaign(personas: Personas) -> None:
    first = _client(personas, "김차상", ["near_poverty"], "010-2000-0001")
    _client(personas, "이차상", ["near_poverty"], "010-2000-0003")
    campaign = _campaign(personas)
    notices = services.outreach_campaign_send(actor=personas.other_staff, campaign=campaign)
    services.outreach_notice_mark_applied(actor=personas.other_staff,
                                          notice=next(n for n in notices if n.client_id == first.pk))
    uptake = selectors.outreach_uptake()[0]
    assert (uptake.notified, uptake.applied, uptake.rate) == (2, 1, 50)
    later = _campaign(personas)
    assert [c.pk for c, _r in selectors.outreach_candidates(benefit="hope_savings_2", exclude_campaign=later)] != []
    assert first.pk not in [c.pk for c, _r in selectors.outreach_candidates(benefit="hope_savings_2")]


def test_children_in_the_household_match_the_child_benefits(personas: Personas) -> None:
    parent = _client(personas, "한부모", ["single_parent"], "010-2000-0004")
    parent.household.create(name="아이", relation="자녀", birth_date=(dt.date.today() - dt.timedelta(days=200)).isoformat())
    matched = [c.pk for c, _r in selectors.outreach_candidates(benefit="parent_allowance")]
    assert matched == [parent.pk]


def test_bad_campaign_input_names_the_field_and_writes_nothing(personas: Personas) -> None:
    with pytest.raises(services.WelfareInputError) as error:
        services.outreach_campaign_create(actor=personas.other_staff, benefit="nothing", title="", message="")
    assert set(error.value.errors) == {"benefit", "title", "message"}
    assert not OutreachCampaign.objects.exists()


def test_pages_belong_to_the_centre_and_log_client_access(client, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    _client(personas, "김차상", ["near_poverty"])
    campaign = _campaign(personas)
    readers = {"anonymous": 302, "resident": 403, "other_resident": 403, "staff": 403, "other_staff": 200,
               "head": 403, "disclosure_officer": 403, "auditor": 200, "admin": 200}
    assert as_each(client, personas, "/welfare/centre/outreach/") == readers
    assert as_each(client, personas, f"/welfare/centre/outreach/{campaign.pk}/") == readers
    login_as(client, personas.auditor)
    assert client.post(f"/welfare/centre/outreach/{campaign.pk}/", {"action": "send"}).status_code == 403
    assert not OutreachNotice.objects.exists()
    login_as(client, personas.other_staff)
    page = client.get(f"/welfare/centre/outreach/{campaign.pk}/").content.decode()
    assert "김*상" in page and "김차상" not in page
    assert PersonalDataAccess.objects.filter(actor=personas.other_staff, subject="welfare.client").exists()
    response = client.post(f"/welfare/centre/outreach/{campaign.pk}/", {"action": "send"})
    assert response.status_code == 302
    notice = OutreachNotice.objects.get()
    client.post(f"/welfare/centre/outreach/{campaign.pk}/", {"action": "applied", "notice": notice.pk})
    notice.refresh_from_db()
    assert notice.applied_at is not None
    listing = client.get("/welfare/centre/outreach/").content.decode()
    assert "1 / 1 (100%)" in listing and "<svg" in listing
    export = client.get("/welfare/centre/outreach/?format=csv")
    body = b"".join(export.streaming_content).decode("utf-8")  # type: ignore[attr-defined]
    assert body.startswith("\ufeff번호,제목,복지 혜택,안내한 사람,신청한 사람,신청률(%)")
    assert "희망저축계좌II 안내" in body and ",1,1,100," in body
    assert client.get("/welfare/centre/outreach/?format=xlsx").status_code == 200


def test_creating_from_the_page_reports_errors_in_korean(client, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    login_as(client, personas.other_staff)
    response = client.post("/welfare/centre/outreach/", {"benefit": "", "title": "", "message": ""})
    assert response.status_code == 400
    assert "제목: 비어 있습니다." in response.content.decode()
    response = client.post("/welfare/centre/outreach/", {"benefit": "basic_pension", "title": "기초연금 안내",
                                                         "message": "기초연금을 신청하세요"})
    assert response.status_code == 302
    assert OutreachCampaign.objects.get().benefit == "basic_pension"
