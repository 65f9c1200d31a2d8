"""수수료 (법 제17조, 시행령 제17조): the fee table as data, fees computed from it with waivers, overrides with a
recorded reason, and the notice showing the amount and how it was computed."""

from __future__ import annotations

import datetime as dt

import pytest

from opengu.core.models import AuditEvent
from opengu.disclosure import services
from opengu.disclosure.models import Decision, DisclosureRequest, FeeRate, FeeWaiverRate, Transition
from opengu.disclosure.services import DisclosureError
from tests.disclosure.conftest import assign, file, register
from tests.personas import as_each, login_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(personas) -> DisclosureRequest:
    """A paper request asking for 사본·출력물, so the copy lines of the table match the requested method."""
    return assign(personas, register(personas, dt.date.today()))


def rate(medium: str) -> FeeRate:
    return FeeRate.objects.get(medium=medium)


def draft(personas, request, kind="disclose", **fee):
    return services.request_draft_decision(actor=personas.staff, request=request, kind=kind, **fee)


def test_the_table_is_seeded_and_every_seeded_line_needs_checking():
    assert FeeRate.objects.count() == 10 and not FeeRate.objects.filter(verified=True).exists()
    assert set(FeeWaiverRate.objects.values_list("ground", "percent")) == {(1, 50), (2, 50), (3, 100)}
    a3 = rate("종이 사본 A3 이상")
    assert (a3.first_amount, a3.extra_amount, a3.free_units) == (300, 100, 0)


def test_hand_computed_fees():
    # 12 A3 pages: 300 for the first, 11 × 100 after = 1,400.
    quote = services.fee_quote(rate=rate("종이 사본 A3 이상"), quantity=12)
    assert (quote.gross, quote.net) == (1400, 1400)
    assert "첫 1장 300원 + 11장 × 100원 = 1,400원" in quote.working
    # Three hours of 열람: six half-hours, the first two free, then 1,000 + 3 × 1,000 = 4,000.
    assert services.fee_quote(rate=rate("문서·도면·사진 열람"), quantity=6).net == 4000
    assert services.fee_quote(rate=rate("문서·도면·사진 열람"), quantity=2).net == 0
    # A unit that is itself a quantity (30분) is counted in 회, never glued to the count ("230분").
    inspect = services.fee_quote(rate=rate("문서·도면·사진 열람"), quantity=6).working
    assert "30분 6회(180분): 무료 30분 2회(60분) 뒤 첫 30분 1,000원 + 30분 3회(90분) × 1,000원 = 4,000원" in inspect
    # A file sent online: free.
    assert services.fee_quote(rate=rate("전자파일(정보통신망·전자우편)"), quantity=1).net == 0
    # 제1호 (50%): 1,400 → 700; B4 7 pages = 250 + 6 × 50 = 550, 50% → 275.
    waived = services.fee_quote(rate=rate("종이 사본 A3 이상"), quantity=12, waiver_ground=1)
    assert (waived.gross, waived.waiver_percent, waived.net) == (1400, 50, 700)
    assert services.fee_quote(rate=rate("종이 사본 B4 이하"), quantity=7, waiver_ground=2).net == 275


def test_the_decision_takes_the_fee_from_the_table_and_the_notice_shows_it(personas, assigned):
    decision = draft(personas, assigned, fee_rate=rate("종이 사본 A3 이상"), fee_quantity=12, fee_waiver_ground=1,
                     postage=3000)
    assert (decision.fee_gross, decision.fee, decision.fee_waived, decision.postage) == (1400, 700, True, 3000)
    services.request_decide(actor=personas.staff, request=assigned)
    notice = Transition.objects.get(request=assigned, action="decide").notice
    assert "수수료: 700원, 우편요금 3,000원, 합계 3,700원" in notice
    assert "11장 × 100원 = 1,400원" in notice and "감면 50%(시행령 제17조제3항제1호)" in notice


def test_no_fee_line_means_no_fee(personas, assigned):
    decision = draft(personas, assigned)
    assert decision.fee == 0 and decision.fee_working == ""
    services.request_decide(actor=personas.staff, request=assigned)
    assert "수수료: 없음." in Transition.objects.get(request=assigned, action="decide").notice


def test_an_override_needs_a_reason_which_is_recorded(personas, assigned):
    a3 = rate("종이 사본 A3 이상")
    with pytest.raises(DisclosureError) as refused:
        draft(personas, assigned, fee_rate=a3, fee_quantity=12, fee_override=0)
    assert refused.value.field == "fee_override_reason" and "1,400원" in refused.value.message
    assert not Decision.objects.filter(request=assigned).exists()
    decision = draft(personas, assigned, fee_rate=a3, fee_quantity=12, fee_override=0,
                     fee_override_reason="같은 청구인에게 지난주 같은 자료를 교부함")
    assert decision.fee == 0 and decision.fee_waived
    assert "담당자 조정 1,400원 → 0원(사유: 같은 청구인에게 지난주 같은 자료를 교부함)" in decision.fee_working
    step = Transition.objects.filter(request=assigned, action="draft").last()
    assert step.params["fee_override_reason"] == "같은 청구인에게 지난주 같은 자료를 교부함"
    # The same amount as computed is not an override.
    decision = draft(personas, assigned, fee_rate=a3, fee_quantity=12, fee_override=1400)
    assert decision.fee == 1400 and decision.fee_override_reason == ""


def test_bad_fee_input_is_named(personas, assigned):
    a3 = rate("종이 사본 A3 이상")
    for kwargs, field in (({"fee_rate": a3}, "fee_quantity"), ({"fee_rate": a3, "fee_quantity": 0}, "fee_quantity"),
                          ({"fee_waiver_ground": 1}, "fee_rate"),
                          ({"fee_rate": a3, "fee_quantity": 1, "fee_waiver_ground": 4}, "fee_waiver_ground"),
                          ({"postage": -1}, "postage")):
        with pytest.raises(DisclosureError) as refused:
            draft(personas, assigned, **kwargs)
        assert refused.value.field == field


def test_a_refusal_carries_no_fee(personas, assigned):
    from opengu.disclosure.services import GroundInput

    decision = draft(personas, assigned, kind="withhold", grounds=[GroundInput(6, "개인정보")],
                     fee_rate=rate("종이 사본 A3 이상"), fee_quantity=3)
    assert decision.fee == 0 and decision.fee_rate is None


def test_the_disclosure_office_edits_the_table_and_it_is_audited(personas):
    a3 = rate("종이 사본 A3 이상")
    services.fee_rate_save(actor=personas.disclosure_officer, rate=a3, method="copy", medium=a3.medium, unit="장",
                           free_units=0, first_amount=250, extra_amount=50, verified=True, source="서대문구 조례 제○조")
    a3.refresh_from_db()
    assert (a3.first_amount, a3.verified) == (250, True)
    event = AuditEvent.objects.get(action="disclosure.fee.rate")
    assert event.params["before"] == "300/100/0" and event.params["after"] == "250/50/0"
    with pytest.raises(DisclosureError):
        services.fee_rate_save(actor=personas.staff, rate=a3, method="copy", medium=a3.medium, unit="장",
                               free_units=0, first_amount=0, extra_amount=0, verified=True)
    with pytest.raises(DisclosureError) as refused:
        services.fee_rate_save(actor=personas.disclosure_officer, method="copy", medium=a3.medium, unit="장",
                               free_units=0, first_amount=1, extra_amount=1, verified=False)
    assert refused.value.field == "medium"
    services.fee_waiver_rate_save(actor=personas.disclosure_officer, ground=3, percent=30, verified=True)
    assert FeeWaiverRate.objects.get(ground=3).percent == 30


def test_the_fee_page_and_the_draft_form(client, personas, assigned):
    codes = as_each(client, personas, "/disclosure/staff/fees/")
    assert codes["anonymous"] == 302 and codes["resident"] == 403 and codes["staff"] == 200
    login_as(client, personas.staff)
    page = client.get("/disclosure/staff/fees/").content.decode()
    assert "확인 필요" in page and "종이 사본 A3 이상" in page and "고치기" not in page
    assert "30분 2회(60분)까지 무료, 그 뒤 30분마다 1,000원" in page
    assert "첫 1장 300원, 그다음 1장마다 100원" in page and "10컷마다 500원" in page
    assert "230분" not in page and "110컷" not in page
    assert client.post("/disclosure/staff/fees/waiver/", {"ground": "1", "percent": "10"}).status_code == 403
    a3 = rate("종이 사본 A3 이상")
    client.post(f"/disclosure/staff/{assigned.pk}/draft/", {"kind": "disclose", "fee_rate": a3.pk, "fee_quantity": "12",
                                                           "fee_override": "", "postage": "0"})
    assert Decision.objects.get(request=assigned).fee == 1400
    response = client.post(f"/disclosure/staff/{assigned.pk}/draft/", {"kind": "disclose", "fee_rate": a3.pk,
                                                                      "fee_quantity": "열둘"}, follow=True)
    assert "수량을 선택하거나 숫자로 입력해 주세요" in response.content.decode()
    form = client.get(f"/disclosure/staff/{assigned.pk}/").content.decode()
    assert "1400원 — 사본·출력물 · 종이 사본 A3 이상 12장" in form
    assert "문서·도면·사진 열람 (30분 2회(60분)까지 무료, 그 뒤 30분마다 1,000원)" in form
    assert "230분" not in form
    login_as(client, personas.disclosure_officer)
    response = client.post("/disclosure/staff/fees/rate/", {"rate": a3.pk, "method": "copy", "medium": a3.medium,
                                                           "unit": "장", "free_units": "0", "first_amount": "-5",
                                                           "extra_amount": "100", "active": "1"}, follow=True)
    assert "첫 단위 금액은(는) 0 이상의 숫자로" in response.content.decode()


def test_a_fee_line_for_another_method_than_requested_needs_a_reason(personas):
    online = assign(personas, file(personas))  # asked for 전자파일 via 정보통신망
    b4 = rate("종이 사본 B4 이하")
    with pytest.raises(DisclosureError) as refused:
        draft(personas, online, fee_rate=b4, fee_quantity=5)
    assert refused.value.field == "fee_method_reason"
    assert "‘전자파일’" in refused.value.message and "‘사본·출력물’" in refused.value.message
    assert not Decision.objects.filter(request=online).exists()
    decision = draft(personas, online, fee_rate=b4, fee_quantity=5, fee_method_reason="원본이 종이뿐이라 스캔 대신 사본 교부")
    assert "청구한 방법(전자파일)과 다른 방법으로 공개(사유: 원본이 종이뿐이라 스캔 대신 사본 교부)" in decision.fee_working
    # The line for the requested method needs no reason.
    decision = draft(personas, online, fee_rate=rate("전자파일(정보통신망·전자우편)"), fee_quantity=1)
    assert "다른 방법" not in decision.fee_working


def test_the_draft_form_refuses_a_mismatched_fee_line_and_the_requester_sees_the_fee(client, personas):
    online = assign(personas, file(personas))
    b4 = rate("종이 사본 B4 이하")
    login_as(client, personas.staff)
    form = client.get(f"/disclosure/staff/{online.pk}/").content.decode()
    assert "청구인이 고른 방법: 전자파일 · 정보통신망(누리집)" in form
    refused = client.post(f"/disclosure/staff/{online.pk}/draft/", {"kind": "disclose", "fee_rate": b4.pk,
                                                                    "fee_quantity": "5"}, follow=True)
    assert "다른 방법으로 공개하는 사유를 적어 주세요" in refused.content.decode()
    client.post(f"/disclosure/staff/{online.pk}/draft/", {"kind": "disclose", "fee_rate": b4.pk, "fee_quantity": "5",
                                                         "fee_method_reason": "원본이 종이뿐임", "postage": "0"})
    decision = Decision.objects.get(request=online)
    assert decision.fee == b4.amount(5) > 0
    services.request_decide(actor=personas.staff, request=online)
    login_as(client, personas.resident)
    mine = client.get(f"/disclosure/mine/{online.number}/").content.decode()
    terms = mine.split('class="decision-terms"')[1].split("</dl>")[0]
    assert f"<dt>수수료</dt><dd>{decision.fee}원</dd>" in terms
    assert "<dt>내는 방법</dt>" in terms and "수입증지" in terms and "<dt>받는 방법</dt>" in terms
