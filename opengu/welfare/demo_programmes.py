"""Demo support programmes (plan §2-2) for the centre's synthetic clients: 100가정 보듬기 matches,
I WISH partnerships, and 공동모금회 applications decided by the allocation committee at three
meetings (two with final minutes, one still to come). Everything goes through the real services
(validated, audited); the demo sends no message. Synthetic identities only."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from opengu.welfare import chest, programmes
from opengu.welfare.demo import synthetic_name
from opengu.welfare.models import (
    ChestApplication,
    ChestMeeting,
    Client,
    ClientFlag,
    Organization,
    Partnership,
    SourceType,
    Sponsorship,
)

COMPANIES = ("연희상사", "신촌온누리약국", "홍제마트", "북가좌정육점", "아현떡집", "서대문신협", "남가좌베이커리",
             "충정로한의원", "가재울안경원", "천연동세탁소")
GROUPS = ("연희교회 나눔부", "홍은성당 빈첸시오회", "서대문라이온스클럽", "북아현봉사회", "신촌로터리클럽",
          "남가좌 주민자치회", "홍제 새마을부녀회")
MONTHLY = ("쌀 10kg", "30,000원", "밑반찬 주 1회", "50,000원", "생필품 꾸러미", "우유 배달 주 3회", "20,000원 상품권",
           "100,000원", "김장 김치(연 1회)와 20,000원")
PARTNER_SUPPORT = ("아동 학습지원 월 4회", "어르신 반찬 나눔 주 1회", "장학금 연 1,000,000원", "집수리 봉사(도배·장판)",
                   "가족 문화체험 분기 1회", "겨울 난방유 200리터")
# 공동모금회: the amount asked by kind (won, rounded to 10,000) and reasons without names.
AMOUNTS = {"living": (300_000, 1_500_000), "medical": (500_000, 3_000_000), "housing": (300_000, 2_000_000),
           "education": (200_000, 800_000), "heating": (100_000, 500_000), "other": (100_000, 600_000)}
REASONS = {
    "living": ("실직 뒤 석 달째 소득이 없어 생계가 어렵습니다.", "가장의 입원으로 소득이 끊겨 생활비가 부족합니다."),
    "medical": ("수술 뒤 항암 치료비 부담이 큽니다.", "틀니와 치과 치료가 필요하나 본인부담금을 감당하기 어렵습니다.",
                "희귀질환 약값이 매달 들어 생계가 어렵습니다."),
    "housing": ("월세가 밀려 퇴거 위기에 있습니다.", "곰팡이와 누수로 주거 환경 개선이 필요합니다."),
    "education": ("중학생 자녀의 교복과 학용품 마련이 어렵습니다.", "고등학생 자녀의 수학여행비와 교재비가 필요합니다."),
    "heating": ("겨울 난방비가 밀려 단열과 난방이 어렵습니다.", "보일러 고장으로 수리비가 필요합니다."),
    "other": ("장애인 보조기기 수리비가 필요합니다.", "가전 고장으로 냉장고 교체가 필요합니다."),
}
AFFILIATIONS = ("서대문구사회복지협의회", "서대문구 지역사회보장협의체", "연희동 주민자치회", "세브란스병원 의료사회복지팀",
                "서대문종합사회복지관", "서대문구청 복지정책과", "사회복지공동모금회 서울지회")
# (days from today, place, members absent by index, outcomes in agenda order: g = 선정, a = 조정
# 선정, r = 미선정, - = not yet decided)
MEETINGS: tuple[tuple[int, str, set[int], str], ...] = (
    (-75, "서대문구청 5층 소회의실", {6}, "ggggggaarr"),
    (-25, "서대문구청 5층 소회의실", {2, 5}, "gggggarga"),
    (10, "서대문구청 3층 기획상황실", set(), "------"),
)
WAITING = 4  # applications not yet on an agenda


def _kind_for(client: Client, rng: random.Random) -> str:
    if ClientFlag.ELDERLY in client.flags:
        return rng.choice(("medical", "medical", "heating", "living", "housing"))
    return rng.choice(("living", "medical", "housing", "education", "education", "heating", "other"))


def _amount(kind: str, rng: random.Random) -> int:
    low, high = AMOUNTS[kind]
    return rng.randrange(low, high + 1, 10_000)


def _workers() -> dict[int, Any]:
    """A worker per dong: the dong centre's first staff member (the centre's counsellor else)."""
    from opengu.core.models import User

    workers: dict[int, Any] = {}
    for user in User.objects.filter(staff__department__kind="dong_centre").select_related("staff__department").order_by("pk"):
        if user.staff.department.dong_id is not None:
            workers.setdefault(user.staff.department.dong_id, user)
    return workers


def _sponsorships(actor: Any, clients: list[Client], rng: random.Random, today: dt.date) -> int:
    """About sixty households matched, more than half of them 차상위, a few with two sponsors,
    and five matches that have ended."""
    near = [c for c in clients if ClientFlag.NEAR_POVERTY in c.flags]
    others = [c for c in clients if ClientFlag.NEAR_POVERTY not in c.flags]
    households = rng.sample(near, k=min(30, len(near))) + rng.sample(others, k=min(26, len(others)))
    count = 0
    for index, household in enumerate(households):
        kind = ("company", "group", "person")[index % 3]
        name = rng.choice(COMPANIES) if kind == "company" else rng.choice(GROUPS) if kind == "group" else synthetic_name(rng)
        start = today - dt.timedelta(days=rng.randint(20, 700))
        ends = ""
        if index % 11 == 10:  # ended matches still show in the list, not in today's count
            ends = min(start + dt.timedelta(days=rng.randint(60, 300)), today - dt.timedelta(days=1)).isoformat()
        programmes.sponsorship_register(actor=actor, client=household, sponsor_name=name, sponsor_kind=kind,
                                        monthly_support=rng.choice(MONTHLY), starts_on=start.isoformat(), ends_on=ends)
        count += 1
        if index % 9 == 0:  # a second sponsor for the same household
            programmes.sponsorship_register(actor=actor, client=household, sponsor_name=rng.choice(GROUPS),
                                            sponsor_kind="group", monthly_support=rng.choice(MONTHLY),
                                            starts_on=start.isoformat())
            count += 1
    return count


def _partnerships(actor: Any, clients: list[Client], rng: random.Random, today: dt.date) -> int:
    partners = list(Organization.objects.filter(source_type__in=[SourceType.WELFARE_CENTRE, SourceType.FOUNDATION])
                    .order_by("pk")[: len(PARTNER_SUPPORT)])
    for index, (partner, support) in enumerate(zip(partners, PARTNER_SUPPORT, strict=False)):
        start = today - dt.timedelta(days=rng.randint(30, 400))
        ends = (start + dt.timedelta(days=180)).isoformat() if index == len(partners) - 1 else ""
        programmes.partnership_register(actor=actor, organization=partner, support=support,
                                        households=rng.sample(clients, k=rng.randint(3, 8)), unknown=[],
                                        starts_on=start.isoformat(), ends_on=ends)
    return len(partners)


def _decide(actor: Any, application: ChestApplication, outcome: str, voters: int, rng: random.Random) -> None:
    if outcome == "g":
        ayes = voters - rng.randint(0, 1)
        chest.application_decide(actor=actor, application=application, outcome="granted", votes_for=ayes,
                                 votes_against=voters - ayes, notify=False)
    elif outcome == "a":
        granted = max(10_000, application.amount_requested * rng.choice((5, 6, 7)) // 10 // 10_000 * 10_000)
        chest.application_decide(actor=actor, application=application, outcome="adjusted", amount_granted=granted,
                                 reason="올해 배분 예산 범위에서 일부를 지원하고 나머지는 다른 자원과 연계합니다.",
                                 votes_for=voters, notify=False)
    else:
        ayes = rng.randint(0, 1)
        chest.application_decide(actor=actor, application=application, outcome="rejected",
                                 reason=rng.choice(("같은 해에 긴급복지 지원을 이미 받았습니다.",
                                                    "소득·재산 기준을 넘어 다른 제도로 안내합니다.")),
                                 votes_for=ayes, votes_abstain=voters - ayes, notify=False)


def _chest(actor: Any, clients: list[Client], rng: random.Random) -> tuple[int, int]:
    """The committee of seven, three meetings and thirty applications."""
    committee = chest.committee_ensure()
    taken = {c.name for c in clients}
    members = []
    for index, affiliation in enumerate(AFFILIATIONS):
        name = synthetic_name(rng)
        while name in taken:
            name = synthetic_name(rng)
        taken.add(name)
        members.append(chest.member_add(actor=actor, committee=committee, name=name, affiliation=affiliation,
                                        role="chair" if index == 0 else "member"))
    workers = _workers()
    pool = rng.sample(clients, k=sum(len(outcomes) for _d, _p, _a, outcomes in MEETINGS) + 1 + WAITING)
    now = timezone.localtime()

    def apply(household: Client, made: dt.datetime) -> ChestApplication:
        kind = _kind_for(household, rng)
        application = chest.application_register(
            actor=actor, client=household, kind=kind, amount_requested=_amount(kind, rng),
            reason=rng.choice(REASONS[kind]), worker=workers.get(household.dong_id, actor))
        ChestApplication.objects.filter(pk=application.pk).update(created_at=made)
        application.created_at = made
        return application

    applications = 0
    for days, place, absent, outcomes in MEETINGS:
        held = (now + dt.timedelta(days=days)).replace(hour=14, minute=0, second=0, microsecond=0)
        meeting = chest.meeting_schedule(actor=actor, committee=committee, held_at=held, place=place)
        present = [m for index, m in enumerate(members) if index not in absent]
        agenda = [apply(pool.pop(), held - dt.timedelta(days=rng.randint(7, 30))) for _ in outcomes]
        applications += len(agenda)
        for application in agenda:
            chest.agenda_add(actor=actor, application=application, meeting=meeting)
        if days > 0:
            continue  # still to come: no attendance, no decisions, no minutes
        chest.meeting_attendance_set(actor=actor, meeting=meeting, members=present)
        chest.recusal_record(actor=actor, application=agenda[1], member=present[-1],
                             reason="신청 가구와 같은 기관에서 일합니다.")
        for application, outcome in zip(agenda, outcomes, strict=True):
            recused = 1 if application is agenda[1] else 0
            _decide(actor, application, outcome, len(present) - recused, rng)
        ChestApplication.objects.filter(meeting=meeting).update(decided_at=held + dt.timedelta(hours=1))
        minutes = chest.minutes_draft(actor=actor, meeting=meeting)
        if days < -50:
            minutes = chest.minutes_edit(actor=actor, minutes=minutes, body=minutes.body.replace(
                "\n\n작성:", "\n\n기타 논의: 동절기 난방비 지원을 다음 회의에서 집중 심사하기로 함.\n\n작성:"))
        chest.minutes_finalise(actor=actor, minutes=minutes)
    withdrawn = apply(pool.pop(), now - dt.timedelta(days=40))
    chest.application_withdraw(actor=actor, application=withdrawn, reason="다른 후원으로 해결되어 본인이 취하함")
    for _ in range(WAITING):
        apply(pool.pop(), now - dt.timedelta(days=rng.randint(1, 14)))
    return applications + 1 + WAITING, ChestMeeting.objects.count()


def load(*, rng: random.Random, stdout: Callable[[str], None] = print, today: dt.date | None = None) -> None:
    """Once: nothing happens when there are no clients yet, or programme rows already exist."""
    if Sponsorship.objects.exists() or Partnership.objects.exists() or ChestApplication.objects.exists():
        stdout("지원 사업: 이미 있습니다.")
        return
    clients = list(Client.objects.order_by("pk"))
    from opengu.welfare.demo import _centre_counsellors

    counsellors = _centre_counsellors()
    if not clients or not counsellors:
        stdout("지원 사업: 대상자나 상담사가 없어 건너뜁니다.")
        return
    today = today or timezone.localdate()
    actor = counsellors[0]
    with transaction.atomic():
        sponsorships = _sponsorships(actor, clients, rng, today)
        partnerships = _partnerships(actor, clients, rng, today)
        applications, meetings = _chest(actor, clients, rng)
    stdout(f"지원 사업: 100가정 보듬기 결연 {sponsorships}건, I WISH 협력 {partnerships}건, "
           f"공동모금회 신청 {applications}건(배분위원회 회의 {meetings}회)")
