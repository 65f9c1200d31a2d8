"""공동모금회 support: applications, the committee's state machine (every move, every refused
move), quorum, recusal and votes, telling the worker and the client through the real SMTP server
and SMS gateway, and minutes: drafted masked, edited as versions, refused with personal data,
read only once final."""

from __future__ import annotations

import email
import email.policy

import pytest

from opengu.core.models import AuditEvent
from opengu.messaging.services import messaging_deliver_due
from opengu.welfare import chest, services
from opengu.welfare.models import ChestApplication, ChestMember, ChestMinutesVersion
from opengu.welfare.programmes import ProgrammeInputError
from tests.personas import Personas

State = ChestApplication.State


@pytest.fixture
def committee(personas: Personas):  # type: ignore[no-untyped-def]
    """A committee of five serving members (one chair) and one retired member."""
    committee = chest.committee_ensure()
    actor = personas.other_staff
    chest.member_add(actor=actor, committee=committee, name="한위원장", affiliation="서대문구사회복지협의회",
                     role=ChestMember.Role.CHAIR)
    for name in ("고위원", "나위원", "도위원", "류위원"):
        chest.member_add(actor=actor, committee=committee, name=name, affiliation="지역사회보장협의체")
    retired = chest.member_add(actor=actor, committee=committee, name="전위원")
    retired.active = False
    retired.save()
    return committee


@pytest.fixture
def meeting(personas: Personas, committee):  # type: ignore[no-untyped-def]
    meeting = chest.meeting_schedule(actor=personas.other_staff, committee=committee, held_at="2026-11-20 14:00",
                                     place="서대문구청 5층 소회의실")
    members = list(committee.members.filter(active=True))
    chest.meeting_attendance_set(actor=personas.other_staff, meeting=meeting, members=members[:4])  # 4 of 5
    return meeting


def _apply(personas: Personas, household, *, amount: str = "1,000,000",  # type: ignore[no-untyped-def]
           kind: str = "medical") -> ChestApplication:
    return chest.application_register(actor=personas.other_staff, client=household, kind=kind,
                                      amount_requested=amount, reason="수술 뒤 치료비 부담이 커서 생계가 어렵습니다.")


def _on_agenda(personas: Personas, household, meeting) -> ChestApplication:  # type: ignore[no-untyped-def]
    return chest.agenda_add(actor=personas.other_staff, application=_apply(personas, household), meeting=meeting)


def test_an_application_is_registered_encrypted_and_audited(personas: Personas, client_record) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection

    application = _apply(personas, client_record)
    assert (application.state, application.amount_requested, application.worker) == (State.SUBMITTED, 1_000_000,
                                                                                      personas.other_staff)
    with connection.cursor() as cursor:
        cursor.execute("SELECT reason FROM welfare_chestapplication WHERE id = %s", [application.pk])
        stored = cursor.fetchone()[0]
    assert "수술" not in stored  # encrypted at rest
    event = AuditEvent.objects.get(action="welfare.chest.apply")
    assert event.target_id == str(application.pk) and event.params["amount"] == 1_000_000


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"kind": "car"}, "kind", "지원 종류: 생계비"),
    ({"amount_requested": ""}, "amount_requested", "신청 금액: 금액을 적어 주세요"),
    ({"amount_requested": "백만원"}, "amount_requested", "숫자로 적어 주세요"),
    ({"amount_requested": "0"}, "amount_requested", "1원에서"),
    ({"reason": ""}, "reason", "신청 사유: 내용을 적어 주세요"),
    ({"reason": "연락처 010-2222-3333로 연락 바랍니다"}, "reason", "전화번호로 보이는 내용"),
    ({"reason": "주민번호 480305-2123456 확인함"}, "reason", "주민등록번호로 보이는 내용"),
    ({"reason": "박순자 님이 입원하셨습니다"}, "reason", "대상자의 이름을 그대로"),
])
def test_bad_applications_are_refused_in_korean_and_nothing_is_written(personas: Personas, client_record,  # type: ignore[no-untyped-def]
                                                                        data, field, message) -> None:
    values = {"kind": "medical", "amount_requested": "500000", "reason": "입원 치료비가 필요합니다."} | data
    with pytest.raises(ProgrammeInputError) as caught:
        chest.application_register(actor=personas.other_staff, client=client_record, **values)
    assert message in caught.value.errors[field]
    assert not ChestApplication.objects.exists() and not AuditEvent.objects.filter(action="welfare.chest.apply").exists()


def test_the_whole_path_granted_in_full(personas: Personas, client_record, meeting) -> None:  # type: ignore[no-untyped-def]
    application = _apply(personas, client_record)
    chest.agenda_add(actor=personas.other_staff, application=application, meeting=meeting)
    assert application.state == State.ON_AGENDA and application.meeting == meeting
    chest.application_decide(actor=personas.other_staff, application=application, outcome=State.GRANTED,
                             votes_for=4)
    application.refresh_from_db()
    assert (application.state, application.amount_granted, application.votes_for) == (State.GRANTED, 1_000_000, 4)
    assert [e.action for e in AuditEvent.objects.filter(action__startswith="welfare.chest.").exclude(
        action__startswith="welfare.chest.m").order_by("id")] == [
        "welfare.chest.apply", "welfare.chest.agenda.add", "welfare.chest.decide", "welfare.chest.notify"]


def test_adjusted_needs_less_than_asked_and_a_reason(personas: Personas, client_record, meeting) -> None:  # type: ignore[no-untyped-def]
    application = _on_agenda(personas, client_record, meeting)
    for amount, reason, field in (("1000000", "예산 부족", "amount_granted"), ("600000", "", "decision_reason"),
                                  ("", "예산 부족", "amount_granted")):
        with pytest.raises(ProgrammeInputError) as caught:
            chest.application_decide(actor=personas.other_staff, application=application, outcome=State.ADJUSTED,
                                     amount_granted=amount, reason=reason, votes_for=4)
        assert field in caught.value.errors
    chest.application_decide(actor=personas.other_staff, application=application, outcome=State.ADJUSTED,
                             amount_granted="600,000", reason="올해 배분 예산 범위에서 일부 지원", votes_for=3,
                             votes_against=1)
    application.refresh_from_db()
    assert (application.state, application.amount_granted) == (State.ADJUSTED, 600_000)


def test_granted_in_full_must_be_the_amount_asked(personas: Personas, client_record, meeting) -> None:  # type: ignore[no-untyped-def]
    application = _on_agenda(personas, client_record, meeting)
    with pytest.raises(ProgrammeInputError) as caught:
        chest.application_decide(actor=personas.other_staff, application=application, outcome=State.GRANTED,
                                 amount_granted="900000", votes_for=4)
    assert "조정 선정" in caught.value.errors["amount_granted"]


def test_rejected_needs_a_reason_and_no_amount(personas: Personas, client_record, meeting) -> None:  # type: ignore[no-untyped-def]
    application = _on_agenda(personas, client_record, meeting)
    with pytest.raises(ProgrammeInputError) as caught:
        chest.application_decide(actor=personas.other_staff, application=application, outcome=State.REJECTED,
                                 votes_against=4)
    assert caught.value.errors["decision_reason"] == "결정 사유: 내용을 적어 주세요."
    with pytest.raises(ProgrammeInputError) as caught:
        chest.application_decide(actor=personas.other_staff, application=application, outcome=State.REJECTED,
                                 amount_granted="10000", reason="중복 지원", votes_against=4)
    assert "미선정에는 금액을" in caught.value.errors["amount_granted"]
    chest.application_decide(actor=personas.other_staff, application=application, outcome=State.REJECTED,
                             reason="같은 해에 긴급복지 의료지원을 이미 받음", votes_for=1, votes_against=3)
    application.refresh_from_db()
    assert (application.state, application.amount_granted) == (State.REJECTED, None)


def test_illegal_moves_are_refused_with_a_korean_reason(personas: Personas, client_record, meeting) -> None:  # type: ignore[no-untyped-def]
    application = _apply(personas, client_record)
    with pytest.raises(ProgrammeInputError) as caught:  # a decision before the agenda
        chest.application_decide(actor=personas.other_staff, application=application, outcome=State.GRANTED,
                                 votes_for=4)
    assert caught.value.errors["state"] == ("'접수' 상태의 신청을 '선정'(으)로 바꿀 수 없습니다. "
                                            "먼저 심사 회의 안건으로 올려 주세요.")
    with pytest.raises(ProgrammeInputError):  # off an agenda it is not on
        chest.agenda_remove(actor=personas.other_staff, application=application)
    chest.agenda_add(actor=personas.other_staff, application=application, meeting=meeting)
    with pytest.raises(ProgrammeInputError):  # twice on an agenda
        chest.agenda_add(actor=personas.other_staff, application=application, meeting=meeting)
    chest.application_decide(actor=personas.other_staff, application=application, outcome=State.GRANTED, votes_for=4)
    for move in (lambda: chest.application_decide(actor=personas.other_staff, application=application,
                                                  outcome=State.REJECTED, reason="번복", votes_against=4),
                 lambda: chest.agenda_remove(actor=personas.other_staff, application=application),
                 lambda: chest.application_withdraw(actor=personas.other_staff, application=application,
                                                    reason="본인 요청")):
        with pytest.raises(ProgrammeInputError) as caught:
            move()
        assert "이미 결정된 신청입니다" in caught.value.errors["state"]
    application.refresh_from_db()
    assert application.state == State.GRANTED


def test_off_the_agenda_and_withdrawn(personas: Personas, client_record, meeting) -> None:  # type: ignore[no-untyped-def]
    application = _on_agenda(personas, client_record, meeting)
    member = meeting.attendees.first()
    chest.recusal_record(actor=personas.other_staff, application=application, member=member, reason="친척 관계")
    chest.agenda_remove(actor=personas.other_staff, application=application)
    application.refresh_from_db()
    assert (application.state, application.meeting, application.recusals.count()) == (State.SUBMITTED, None, 0)
    chest.application_withdraw(actor=personas.other_staff, application=application, reason="다른 지원으로 해결됨")
    application.refresh_from_db()
    assert application.state == State.WITHDRAWN
    with pytest.raises(ProgrammeInputError) as caught:
        chest.agenda_add(actor=personas.other_staff, application=application, meeting=meeting)
    assert "취하된 신청입니다" in caught.value.errors["state"]


def test_quorum_recusal_and_votes(personas: Personas, client_record, committee, meeting) -> None:  # type: ignore[no-untyped-def]
    application = _on_agenda(personas, client_record, meeting)
    members = list(committee.members.filter(active=True))
    chest.meeting_attendance_set(actor=personas.other_staff, meeting=meeting, members=members[:2])  # 2 of 5
    with pytest.raises(ProgrammeInputError) as caught:
        chest.application_decide(actor=personas.other_staff, application=application, outcome=State.GRANTED,
                                 votes_for=2)
    assert "재적 위원 5명 가운데 과반" in caught.value.errors["attendees"]
    chest.meeting_attendance_set(actor=personas.other_staff, meeting=meeting, members=members[:3])
    chest.recusal_record(actor=personas.other_staff, application=application, member=members[0],
                         reason="신청 가구와 같은 교회")
    with pytest.raises(ProgrammeInputError) as caught:  # the recused member's vote does not count
        chest.application_decide(actor=personas.other_staff, application=application, outcome=State.GRANTED,
                                 votes_for=3)
    assert "의결에 참여한 위원 수(2명" in caught.value.errors["votes_for"]
    with pytest.raises(ProgrammeInputError) as caught:
        chest.application_decide(actor=personas.other_staff, application=application, outcome=State.GRANTED,
                                 votes_for=1, votes_against=1)
    assert "과반이 아니어서" in caught.value.errors["votes_for"]
    with pytest.raises(ProgrammeInputError) as caught:
        chest.recusal_record(actor=personas.other_staff, application=application, member=members[0], reason="다시")
    assert "이미 회피를 기록한" in caught.value.errors["member"]
    chest.application_decide(actor=personas.other_staff, application=application, outcome=State.GRANTED, votes_for=2)
    assert ChestApplication.objects.get().state == State.GRANTED


def test_the_worker_and_the_client_are_told(personas: Personas, client_record, meeting, smtp_server,  # type: ignore[no-untyped-def]
                                            sms_gateway, settings) -> None:
    settings.OPENGU_QUIET_HOURS = "off"
    application = _on_agenda(personas, client_record, meeting)
    chest.application_decide(actor=personas.other_staff, application=application, outcome=State.ADJUSTED,
                             amount_granted="700000", reason="배분 예산 범위에서 조정", votes_for=4)
    assert messaging_deliver_due().sent == 2
    [mail] = smtp_server.envelopes
    assert mail.rcpt_tos == ["other_staff@sdm.test"]
    message = email.message_from_bytes(mail.content, policy=email.policy.default)
    text = message.get_body().get_content()  # type: ignore[union-attr]
    assert "박*자 가구" in text and "박순자" not in text and "700,000원" in text and "배분 예산 범위에서 조정" in text
    [sms] = sms_gateway.received()
    assert sms["to"] == "01022223333" and "조정 선정" in sms["text"] and "700,000원" in sms["text"]
    assert "박순자" not in sms["text"]


def test_a_failed_decision_tells_nobody(personas: Personas, client_record, meeting) -> None:  # type: ignore[no-untyped-def]
    from opengu.messaging.models import OutboxMessage

    application = _on_agenda(personas, client_record, meeting)
    with pytest.raises(ProgrammeInputError):
        chest.application_decide(actor=personas.other_staff, application=application, outcome=State.GRANTED,
                                 votes_for=1, votes_against=3)
    assert not OutboxMessage.objects.exists()
    assert ChestApplication.objects.get().state == State.ON_AGENDA


def test_minutes_are_drafted_masked_versioned_and_final(personas: Personas, client_record, meeting) -> None:  # type: ignore[no-untyped-def]
    services.household_member_add(actor=personas.other_staff, client=client_record, name="김철수", relation="아들")
    granted = _on_agenda(personas, client_record, meeting)
    other = services.client_register(actor=personas.other_staff, name="최민수", dong=personas.other_dong, consent=True)
    rejected = _on_agenda(personas, other, meeting)
    chest.recusal_record(actor=personas.other_staff, application=rejected, member=meeting.attendees.first(),
                         reason="이웃 관계")
    minutes = chest.minutes_draft(actor=personas.other_staff, meeting=meeting)
    with pytest.raises(ProgrammeInputError) as caught:  # undecided items
        chest.minutes_finalise(actor=personas.other_staff, minutes=minutes)
    assert "결정하지 않은 안건이 2건" in caught.value.errors["body"]
    chest.application_decide(actor=personas.other_staff, application=granted, outcome=State.GRANTED, votes_for=4)
    chest.application_decide(actor=personas.other_staff, application=rejected, outcome=State.REJECTED,
                             reason="소득 기준 초과", votes_for=0, votes_against=3)
    minutes = chest.minutes_draft(actor=personas.other_staff, meeting=meeting)
    body = minutes.body
    assert "제1차 회의록" in body and "서대문구청 5층 소회의실" in body and "출석 위원(4명)" in body
    assert "박*자" in body and "최*수" in body and "박순자" not in body and "최민수" not in body
    assert "선정 1,000,000원 (찬성 4, 반대 0, 기권 0)" in body
    assert "회피: " in body and "미선정 (찬성 0, 반대 3, 기권 0)" in body and "사유: 소득 기준 초과" in body
    assert minutes.version == 2
    for bad, problem in ((body + "\n연락처 010-2222-3333", "전화번호로 보이는"),
                         (body.replace("박*자", "박순자"), "대상자 이름이 그대로"),
                         (body + "\n김철수 군 진학 예정", "대상자 이름이 그대로")):
        with pytest.raises(ProgrammeInputError) as caught:
            chest.minutes_edit(actor=personas.other_staff, minutes=minutes, body=bad)
        assert problem in caught.value.errors["body"]
    edited = chest.minutes_edit(actor=personas.other_staff, minutes=minutes, body=body + "\n기타: 다음 회의는 12월.")
    assert edited.version == 3
    assert list(ChestMinutesVersion.objects.filter(minutes=edited).values_list("number", "note")) == [
        (3, "직원 수정"), (2, "회의 내용으로 초안 작성"), (1, "회의 내용으로 초안 작성")]
    final = chest.minutes_finalise(actor=personas.other_staff, minutes=edited)
    assert final.final
    for write in (lambda: chest.minutes_edit(actor=personas.other_staff, minutes=final, body="고침"),
                  lambda: chest.minutes_draft(actor=personas.other_staff, meeting=meeting),
                  lambda: chest.minutes_finalise(actor=personas.other_staff, minutes=final),
                  lambda: chest.agenda_add(actor=personas.other_staff, application=_apply(personas, client_record),
                                           meeting=meeting),
                  lambda: chest.meeting_attendance_set(actor=personas.other_staff, meeting=meeting, members=[])):
        with pytest.raises(ProgrammeInputError):
            write()
    assert [e.action for e in AuditEvent.objects.filter(action__startswith="welfare.chest.minutes").order_by("id")] == [
        "welfare.chest.minutes.draft", "welfare.chest.minutes.draft", "welfare.chest.minutes.edit",
        "welfare.chest.minutes.finalise"]


def test_the_summary_counts_states_and_granted_amounts_by_dong(personas: Personas, client_record, meeting) -> None:  # type: ignore[no-untyped-def]
    other = services.client_register(actor=personas.other_staff, name="최민수", dong=personas.other_dong, consent=True)
    first = _on_agenda(personas, client_record, meeting)
    second = _on_agenda(personas, other, meeting)
    _apply(personas, other)
    chest.application_decide(actor=personas.other_staff, application=first, outcome=State.GRANTED, votes_for=4)
    chest.application_decide(actor=personas.other_staff, application=second, outcome=State.ADJUSTED,
                             amount_granted="400000", reason="일부 지원", votes_for=4)
    result = chest.summary()
    assert dict((state, n) for state, _label, n in result.by_state) == {
        "submitted": 1, "on_agenda": 0, "granted": 1, "adjusted": 1, "rejected": 0, "withdrawn": 0}
    assert result.by_dong == [(personas.dong.name, 1, 1_000_000), (personas.other_dong.name, 1, 400_000)]
    assert result.granted_total == 1_400_000


def test_a_second_decision_from_a_stale_page_is_refused(personas: Personas, client_record, meeting) -> None:  # type: ignore[no-untyped-def]
    first = _on_agenda(personas, client_record, meeting)
    stale = ChestApplication.objects.get(pk=first.pk)  # another member of staff's copy, read before the decision
    chest.application_decide(actor=personas.other_staff, application=first, outcome=State.GRANTED, votes_for=4)
    with pytest.raises(ProgrammeInputError) as caught:
        chest.application_decide(actor=personas.other_staff, application=stale, outcome=State.REJECTED,
                                 reason="예산 소진", votes_against=4)
    assert "다른 직원이 먼저" in caught.value.errors["state"]
    assert ChestApplication.objects.get(pk=first.pk).state == State.GRANTED
    assert AuditEvent.objects.filter(action="welfare.chest.decide").count() == 1
