"""정보공개심의회 membership against 법 제12조 and 시행령 제11조제3항, recusal (법 제12조의2), decisions
linked to requests."""

from __future__ import annotations

import datetime as dt

import pytest

from opengu.core.models import AuditEvent
from opengu.disclosure import services
from opengu.disclosure.models import AgendaDecision, CommitteeAgendaItem, CommitteeMember
from opengu.disclosure.services import DisclosureError
from tests.disclosure.conftest import assign, file

pytestmark = pytest.mark.django_db

START = dt.date(2026, 1, 1)
EXTERNAL, INTERNAL = "external", "internal"


def council(personas):
    return services.committee_create(actor=personas.disclosure_officer, name="서대문구 정보공개심의회",
                                     department=personas.department, legal_basis="정보공개법 제12조",
                                     disclosure_council=True)


def appoint(personas, committee, name, kind=EXTERNAL, **kwargs):
    return services.committee_member_appoint(actor=personas.disclosure_officer, committee=committee, name=name,
                                             kind=kind, term_start=kwargs.pop("term_start", START), **kwargs)


def full_council(personas):
    """Five members, four external (4 × 3 ≥ 2 × 5), an external chair."""
    committee = council(personas)
    members = [appoint(personas, committee, "김위원", chair=True), appoint(personas, committee, "이위원"),
               appoint(personas, committee, "박위원"), appoint(personas, committee, "최위원"),
               appoint(personas, committee, "정과장", kind=INTERNAL, affiliation="자치행정과장")]
    return committee, members


def test_a_compliant_council_has_no_problems(personas):
    committee, members = full_council(personas)
    assert services.council_problems(committee, START) == []
    # An external term defaults to two years (시행령 제11조제3항); an official's runs while in post.
    assert members[0].term_end == dt.date(2027, 12, 31)
    assert members[4].term_end is None


def test_the_external_share_must_reach_two_thirds(personas):
    committee = council(personas)
    appoint(personas, committee, "김위원", chair=True)
    appoint(personas, committee, "이위원")
    appoint(personas, committee, "박위원")
    appoint(personas, committee, "정과장", kind=INTERNAL)
    appoint(personas, committee, "한팀장", kind=INTERNAL)
    # 3 of 5 external: 3 × 3 = 9 < 10 = 2 × 5, so four are needed.
    [problem] = services.council_problems(committee, START)
    assert "법 제12조제3항" in problem and "5명 중 외부 전문가가 3명" in problem and "4명 이상" in problem


def test_size_and_chair_are_checked(personas):
    committee = council(personas)
    appoint(personas, committee, "김위원")
    problems = services.council_problems(committee, START)
    assert any("5명 이상 7명 이하" in p and "지금 1명" in p for p in problems)
    assert any("위원장은 1명" in p for p in problems)


def test_an_eighth_member_and_a_second_chair_are_refused(personas):
    committee, _members = full_council(personas)
    with pytest.raises(DisclosureError) as raised:
        appoint(personas, committee, "윤위원", chair=True)
    assert raised.value.field == "chair"
    appoint(personas, committee, "윤위원")
    appoint(personas, committee, "장위원")
    with pytest.raises(DisclosureError) as raised:
        appoint(personas, committee, "서위원")
    assert "7명을 넘을 수 없습니다" in raised.value.message
    assert CommitteeMember.objects.filter(committee=committee).count() == 7


def test_terms_are_two_years_renewable_once(personas):
    committee = council(personas)
    with pytest.raises(DisclosureError) as raised:
        appoint(personas, committee, "김위원", term_end=dt.date(2028, 1, 1))
    assert raised.value.field == "term_end" and "2027-12-31" in raised.value.message
    first = appoint(personas, committee, "김위원")
    second = appoint(personas, committee, "김위원", term_start=dt.date(2028, 1, 1), previous_term=first)
    with pytest.raises(DisclosureError) as raised:
        appoint(personas, committee, "김위원", term_start=dt.date(2030, 1, 1), previous_term=second)
    assert "한 차례만 연임" in raised.value.message
    with pytest.raises(DisclosureError):
        appoint(personas, committee, "정과장", kind=INTERNAL, term_end=dt.date(2027, 1, 1))


def test_only_the_disclosure_office_appoints(personas):
    committee = council(personas)
    for outsider in (personas.staff, personas.head, personas.auditor):
        with pytest.raises(DisclosureError):
            services.committee_member_appoint(actor=outsider, committee=committee, name="김위원", kind=EXTERNAL,
                                              term_start=START)


def agenda_item(personas):
    request = assign(personas, file(personas))
    item = CommitteeAgendaItem.objects.create(source="referral", department=personas.department, title="비공개 결정 심의")
    item.requests.add(request)
    return item, request


def test_a_recused_member_cannot_vote(personas):
    committee, members = full_council(personas)
    item, _request = agenda_item(personas)
    services.agenda_recusal_record(actor=personas.disclosure_officer, item=item, member=members[1], kind="exclusion",
                                   ground=4, reason="위원이 속한 법무법인이 청구인의 대리인")
    votes = {m: "for" for m in members}
    with pytest.raises(DisclosureError) as raised:
        services.agenda_decide(actor=personas.disclosure_officer, item=item, committee=committee,
                               decided_on=dt.date(2026, 3, 4), outcome="부분 공개", reason="제6호 부분만 비공개",
                               votes=votes)
    assert "이*원 위원은 이 안건에서 제척되어" in raised.value.message
    assert not AgendaDecision.objects.exists()
    assert CommitteeAgendaItem.objects.get(pk=item.pk).status == "open"


def test_a_decision_records_votes_and_is_linked_to_the_requests(personas):
    committee, members = full_council(personas)
    item, request = agenda_item(personas)
    services.agenda_recusal_record(actor=personas.disclosure_officer, item=item, member=members[1],
                                   kind="withdrawal", ground=3, reason="해당 용역 자문")
    votes = {members[0]: "for", members[2]: "for", members[3]: "against", members[4]: "abstain"}
    decision = services.agenda_decide(actor=personas.disclosure_officer, item=item, committee=committee,
                                      decided_on=dt.date(2026, 3, 4), outcome="부분 공개", reason="제6호 부분만 비공개",
                                      votes=votes)
    assert (decision.votes_for, decision.votes_against, decision.abstentions) == (2, 1, 1)
    assert decision.votes.count() == 4
    assert list(decision.item.requests.all()) == [request]
    assert CommitteeAgendaItem.objects.get(pk=item.pk).status == "done"
    event = AuditEvent.objects.get(action="disclosure.council.decide")
    assert event.params["requests"] == [request.number]


def test_an_unlawful_council_cannot_decide(personas):
    committee, members = full_council(personas)
    services.committee_member_end(actor=personas.disclosure_officer, member=members[3], on=dt.date(2026, 2, 1),
                                  reason="사임")
    # Replaced by an official: five members again, but only three external (3 × 3 < 2 × 5).
    appoint(personas, committee, "한팀장", kind=INTERNAL, term_start=dt.date(2026, 2, 2))
    item, _request = agenda_item(personas)
    with pytest.raises(DisclosureError) as raised:
        services.agenda_decide(actor=personas.disclosure_officer, item=item, committee=committee,
                               decided_on=dt.date(2026, 3, 4), outcome="공개", reason="이유",
                               votes={members[0]: "for"})
    assert "법 제12조제3항" in raised.value.message and "제12조제2항" not in raised.value.message
    # Before the change the same council was lawful.
    assert services.council_problems(committee, dt.date(2026, 1, 15)) == []


def test_a_member_who_has_left_cannot_vote(personas):
    committee, members = full_council(personas)
    appoint(personas, committee, "윤위원")
    services.committee_member_end(actor=personas.disclosure_officer, member=members[3], on=dt.date(2026, 2, 1),
                                  reason="사임")
    item, _request = agenda_item(personas)
    with pytest.raises(DisclosureError) as raised:
        services.agenda_decide(actor=personas.disclosure_officer, item=item, committee=committee,
                               decided_on=dt.date(2026, 3, 4), outcome="공개", reason="이유",
                               votes={members[0]: "for", members[3]: "for"})
    assert "최*원 위원은 2026-03-04에 위원이 아닙니다" in raised.value.message


def test_the_page_shows_masked_names_and_logs_the_read(client, personas):
    from django.urls import reverse

    from opengu.core.models import PersonalDataAccess
    from tests.personas import login_as

    committee, members = full_council(personas)
    login_as(client, personas.auditor)
    page = client.get(reverse("disclosure:staff_council", args=[committee.pk]), {"on": "2026-03-04"})
    text = page.content.decode()
    assert page.status_code == 200 and "김*원" in text and "김위원" not in text
    assert "법에 맞게 구성되어 있습니다" in text
    assert "위원 위촉·지명" not in text  # auditors read only
    access = PersonalDataAccess.objects.get(subject="disclosure.council_member")
    assert access.actor == personas.auditor and len(access.record_ids) == 5


def test_the_page_appoints_and_refuses_a_recused_vote(client, personas):
    from django.urls import reverse

    from tests.personas import login_as

    committee, members = full_council(personas)
    item, _request = agenda_item(personas)
    login_as(client, personas.other_staff)
    assert client.post(reverse("disclosure:staff_council_action", args=[committee.pk, "appoint"]),
                       {"name": "윤위원", "kind": "external", "term_start": "2026-01-01"}).status_code == 403
    login_as(client, personas.disclosure_officer)
    url = reverse("disclosure:staff_council_action", args=[committee.pk, "appoint"])
    client.post(url, {"name": "윤위원", "kind": "external", "term_start": "2026-01-01", "term_end": "2027-12-31"})
    assert committee.members.count() == 6
    client.post(reverse("disclosure:staff_council_action", args=[committee.pk, "recuse"]),
                {"item": item.pk, "member": members[0].pk, "kind": "challenge", "reason": "청구인과 분쟁 중"})
    response = client.post(reverse("disclosure:staff_council_action", args=[committee.pk, "decide"]), {
        "item": item.pk, "decided_on": "2026-03-04", "outcome": "공개", "reason": "이유",
        f"vote-{members[0].pk}": "for", f"vote-{members[1].pk}": "for"}, follow=True)
    assert "김*원 위원은 이 안건에서 기피되어" in response.content.decode()
    assert not AgendaDecision.objects.exists()


def test_the_request_page_shows_the_council_decision(client, personas):
    from django.urls import reverse

    from tests.personas import login_as

    committee, members = full_council(personas)
    item, request = agenda_item(personas)
    page = login_as(client, personas.staff).get(reverse("disclosure:staff_request", args=[request.pk]))
    assert "비공개 결정 심의 · 상정 대기" in page.content.decode()
    services.agenda_decide(actor=personas.disclosure_officer, item=item, committee=committee,
                           decided_on=dt.date(2026, 3, 4), outcome="부분 공개", reason="이유",
                           votes={m: "for" for m in members})
    page = client.get(reverse("disclosure:staff_request", args=[request.pk])).content.decode()
    assert "2026-03-04 의결: 부분 공개 (찬성 5, 반대 0, 기권 0)" in page
