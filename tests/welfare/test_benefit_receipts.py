"""수급 이력: the benefits a client already receives are recorded with dates and a source, shown
on the client's file, seen by the benefit rules, and keep outreach from telling a client about
a benefit they already get."""

from __future__ import annotations

import datetime as dt

import pytest

from opengu.core.models import PersonalDataAccess
from opengu.welfare import selectors, services
from opengu.welfare.benefits import BY_CODE, PARAMETERS, Status, evaluate
from opengu.welfare.models import BenefitReceipt, Client
from tests.personas import Personas, login_as

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def _near_poverty(personas: Personas, name: str = "김차상", phone: str = "010-2000-0001") -> Client:
    return services.client_register(actor=personas.other_staff, name=name, dong=personas.dong, consent=True,
                                    phone=phone, flags=["near_poverty"])


def _record(personas: Personas, client: Client, **extra: object) -> BenefitReceipt:
    data: dict[str, object] = {"benefit": "hope_savings_2", "started_on": "2025-01-01", "source": "dong_centre"}
    data.update(extra)
    return services.benefit_receipt_record(actor=personas.other_staff, client=client, **data)  # type: ignore[arg-type]


def _matched(benefit: str = "hope_savings_2", on: dt.date = TODAY) -> list[int]:
    return [c.pk for c, _r in selectors.outreach_candidates(benefit=benefit, on=on)]


def test_outreach_leaves_out_whoever_receives_the_benefit(personas: Personas) -> None:
    receives = _near_poverty(personas, "김수급", "010-2000-0001")
    other = _near_poverty(personas, "이미수", "010-2000-0002")
    assert _matched() == [receives.pk, other.pk]
    _record(personas, receives)
    assert _matched() == [other.pk]
    campaign = services.outreach_campaign_create(actor=personas.other_staff, benefit="hope_savings_2",
                                                 title="안내", message="[서대문구] 희망저축계좌II 안내")
    notices = services.outreach_campaign_send(actor=personas.other_staff, campaign=campaign)
    assert [n.client_id for n in notices] == [other.pk]


def test_a_receipt_counts_only_within_its_dates(personas: Personas) -> None:
    client = _near_poverty(personas)
    _record(personas, client, started_on="2025-01-01", ended_on="2025-06-30")
    assert _matched(on=dt.date(2025, 6, 30)) == []          # the last day still counts
    assert _matched(on=dt.date(2025, 7, 1)) == [client.pk]  # ended: worth telling again
    assert _matched(on=dt.date(2024, 12, 31)) == [client.pk]


def test_the_rules_explain_that_the_benefit_is_already_received(personas: Personas) -> None:
    client = _near_poverty(personas)
    _record(personas, client)
    result = evaluate(BY_CODE["hope_savings_2"], selectors.client_household(client, TODAY), PARAMETERS)
    assert result.status is Status.NOT_ELIGIBLE
    assert "희망저축계좌II" in result.explanation


def test_bad_input_is_named_in_korean_and_nothing_is_written(personas: Personas) -> None:
    client = _near_poverty(personas)
    future = (TODAY + dt.timedelta(days=1)).isoformat()
    cases = [
        ({"benefit": "no_such_benefit"}, "benefit"),
        ({"started_on": ""}, "started_on"),
        ({"started_on": "2025-02-30"}, "started_on"),
        ({"started_on": future}, "started_on"),
        ({"started_on": "2025-03-01", "ended_on": "2025-02-28"}, "ended_on"),
        ({"source": "rumour"}, "source"),
    ]
    for extra, field in cases:
        with pytest.raises(services.WelfareInputError) as caught:
            _record(personas, client, **extra)
        assert field in caught.value.errors, extra
        assert any("\uac00" <= ch <= "\ud7a3" for ch in caught.value.errors[field])
    assert not BenefitReceipt.objects.exists()


def test_an_overlapping_period_of_the_same_benefit_is_refused(personas: Personas) -> None:
    client = _near_poverty(personas)
    _record(personas, client, started_on="2025-01-01", ended_on="2025-06-30")
    with pytest.raises(services.WelfareInputError) as caught:
        _record(personas, client, started_on="2025-06-30")
    assert "겹칩니다" in caught.value.errors["started_on"]
    _record(personas, client, started_on="2025-07-01")  # the next period is fine
    _record(personas, client, benefit="livelihood", started_on="2025-03-01")  # another benefit too
    assert client.benefit_receipts.count() == 3


def test_ending_a_receipt(personas: Personas) -> None:
    client = _near_poverty(personas)
    receipt = _record(personas, client, started_on="2025-01-01")
    with pytest.raises(services.WelfareInputError):
        services.benefit_receipt_end(actor=personas.other_staff, receipt=receipt, ended_on="2024-12-31")
    services.benefit_receipt_end(actor=personas.other_staff, receipt=receipt, ended_on="2025-03-31")
    receipt.refresh_from_db()
    assert receipt.ended_on == dt.date(2025, 3, 31)
    assert _matched(on=dt.date(2025, 4, 1)) == [client.pk]


def test_the_client_page_records_and_shows_receipts(client, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    record = _near_poverty(personas)
    url = f"/welfare/centre/clients/{record.pk}/"
    login_as(client, personas.other_staff)
    response = client.post(url, {"action": "receipt", "benefit": "livelihood", "started_on": "2025-02-01",
                                 "source": "social_security_system", "receipt_note": "행복이음 조회"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "생계급여" in page and "2025-02-01" in page and "받는 중" in page and "사회보장정보시스템" in page
    assert PersonalDataAccess.objects.filter(subject="welfare.client", purpose="수급 이력 기록").exists()
    receipt = record.benefit_receipts.get()
    response = client.post(url, {"action": "receipt_end", "receipt": receipt.pk, "receipt_ended_on": "2025-05-31"})
    assert response.status_code == 302
    assert "끝남" in client.get(url).content.decode()


def test_the_page_keeps_the_input_and_says_what_is_wrong(client, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    record = _near_poverty(personas)
    login_as(client, personas.other_staff)
    response = client.post(f"/welfare/centre/clients/{record.pk}/", {
        "action": "receipt", "benefit": "livelihood", "started_on": "2025-05-01", "ended_on": "2025-04-01",
        "source": "document", "receipt_note": "서류 확인"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "받기 시작한 날보다 앞설 수 없습니다" in page and 'value="서류 확인"' in page
    assert not BenefitReceipt.objects.exists()


def test_only_who_may_edit_the_client_records_receipts(client, personas: Personas, dong_staff) -> None:  # type: ignore[no-untyped-def]
    record = _near_poverty(personas)
    url = f"/welfare/centre/clients/{record.pk}/"
    data = {"action": "receipt", "benefit": "livelihood", "started_on": "2025-02-01", "source": "document"}
    for user, expected in ((personas.auditor, 403), (dong_staff["other"], 403), (personas.staff, 403),
                           (personas.resident, 403), (dong_staff["own"], 302)):
        login_as(client, user)
        assert client.post(url, data).status_code == expected, user
    assert BenefitReceipt.objects.count() == 1
