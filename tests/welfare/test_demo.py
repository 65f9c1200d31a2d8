"""The consultation centre's demo: the plan's month, clients with consent, cases at every step,
and the 희망키움통장II campaign (207 told, 29 applied)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from opengu.core.models import Consent
from opengu.welfare import demo, selectors, services
from opengu.welfare.models import Call, Case, Client
from opengu.welfare.selectors import outreach_uptake
from tests.personas import Personas

TODAY = dt.date(2026, 3, 10)


@pytest.fixture
def centre(personas: Personas) -> list[str]:
    lines: list[str] = []
    demo.load_centre(district=personas.district, rng=random.Random(7), stdout=lines.append, today=TODAY)
    return lines


def test_the_last_full_month_reads_as_the_plans_table(centre: list[str]) -> None:
    [month] = selectors.call_stats_by_month(start=dt.date(2026, 2, 1), end=dt.date(2026, 2, 1))
    assert (month.total, month.incoming, month.answered, month.abandoned, month.outgoing) == (635, 448, 312, 136, 187)
    assert (month.callers, month.repeat_callers) == (300, 32)
    assert month.answer_rate == 69.6


def test_earlier_months_and_this_month_have_calls_on_working_days_only(centre: list[str]) -> None:
    months = selectors.call_stats_by_month(start=dt.date(2025, 9, 1), end=dt.date(2026, 3, 1))
    assert [m.month for m in months][0] == dt.date(2025, 9, 1)
    assert all(400 < m.total < 900 for m in months[:-1])
    assert 0 < months[-1].total < 635
    assert all(m.repeat_callers <= m.callers for m in months)
    days = {d for d, n in selectors.calls_a_day(month=dt.date(2026, 3, 1)) if n}
    assert days and max(days) < TODAY and all(d.weekday() < 5 for d in days)
    assert not Call.objects.filter(started_at__date__gte=TODAY).exists()


def test_clients_are_synthetic_encrypted_and_consented(centre: list[str]) -> None:
    clients = list(Client.objects.all())
    assert len(clients) == demo.CLIENTS
    assert Consent.objects.filter(notice=services.client_notice()).count() == demo.CLIENTS
    first = clients[0]
    assert first.phone.startswith("010-") and len(first.name) == 3
    linked = Call.objects.filter(client__isnull=False, notes__isnull=False).exclude(notes="")
    assert linked.exists()


def test_cases_stop_at_different_steps(centre: list[str]) -> None:
    stages = set(Case.objects.values_list("stage", flat=True))
    assert {Case.Stage.REPORTED, Case.Stage.TRIAGED, Case.Stage.ASSIGNED, Case.Stage.VISIT_SCHEDULED,
            Case.Stage.ASSESSED, Case.Stage.PLANNED, Case.Stage.MEETING, Case.Stage.CLOSED} <= stages
    closed = Case.objects.get(stage=Case.Stage.CLOSED)
    assert closed.steps.count() == 8


def test_the_outreach_campaign_has_the_plans_uptake(centre: list[str]) -> None:
    [uptake] = outreach_uptake()
    assert (uptake.notified, uptake.applied, uptake.rate) == (207, 29, 14)
    assert uptake.campaign.benefit == "hope_savings_2"


def test_loading_again_adds_nothing(personas: Personas, centre: list[str]) -> None:
    calls = Call.objects.count()
    lines: list[str] = []
    demo.load_centre(district=personas.district, rng=random.Random(8), stdout=lines.append, today=TODAY)
    assert Call.objects.count() == calls and Client.objects.count() == demo.CLIENTS
    assert lines == ["행복1004콜센터: 이미 있습니다."]
    assert "상담 전화" in centre[0]


def test_home_visit_families_show_progress_and_some_are_overdue(personas: Personas, centre: list[str]) -> None:
    rows = selectors.home_visit_families(personas.admin, today=TODAY)
    assert len(rows) == demo.HOME_VISIT_FAMILIES
    assert any(family.vulnerable for family, _p in rows) and any(not family.vulnerable for family, _p in rows)
    assert all(p.done <= p.planned for _f, p in rows)
    assert any(p.overdue for _f, p in rows) and any(not p.overdue for _f, p in rows)


def test_who_applied_now_receives_the_benefit_and_is_not_matched_again(centre: list[str]) -> None:
    from opengu.welfare.models import BenefitReceipt

    applied = set(BenefitReceipt.objects.filter(benefit="hope_savings_2").values_list("client_id", flat=True))
    assert len(applied) == 29
    assert BenefitReceipt.objects.filter(benefit="basic_pension").count() == demo.CLIENTS - demo.OUTREACH_NOTIFIED
    matched = {c.pk for c, _r in selectors.outreach_candidates(benefit="hope_savings_2", on=TODAY)}
    assert matched and not matched & applied


def test_the_support_programmes_demo(personas: Personas, centre: list[str]) -> None:
    from opengu.welfare import chest, demo_programmes, programmes
    from opengu.welfare.models import (
        ChestApplication,
        ChestMeeting,
        Organization,
        Partnership,
        Sector,
        SourceType,
        Sponsorship,
    )

    for name in ("연희종합사회복지관", "서대문장학재단"):
        Organization.objects.create(name=name, source_type=SourceType.WELFARE_CENTRE, sector=Sector.PRIVATE,
                                    managing_department=personas.other_department)
    lines: list[str] = []
    demo_programmes.load(rng=random.Random(7), stdout=lines.append, today=TODAY)
    assert lines == [f"지원 사업: 100가정 보듬기 결연 {Sponsorship.objects.count()}건, I WISH 협력 2건, "
                     "공동모금회 신청 30건(배분위원회 회의 3회)"]
    summary = programmes.district_summary(day=TODAY)
    assert 40 <= summary.households <= 100 and summary.meets_target
    assert Sponsorship.objects.filter(ends_on__lt=TODAY).exists()
    assert Partnership.objects.count() == 2 and all(3 <= p.households.count() <= 8 for p in Partnership.objects.all())
    states = {state: n for state, _label, n in chest.summary().by_state}
    assert states == {"submitted": 4, "on_agenda": 6, "granted": 12, "adjusted": 4, "rejected": 3, "withdrawn": 1}
    final = [m for m in ChestMeeting.objects.all() if hasattr(m, "minutes") and m.minutes.final]
    assert len(final) == 2 and ChestMeeting.objects.count() == 3
    for meeting in final:
        assert not chest.minutes_problems(meeting, meeting.minutes.body)
        for application in meeting.applications.select_related("client"):
            assert application.client.name not in meeting.minutes.body
    assert ChestApplication.objects.filter(recusals__isnull=False).distinct().count() == 2
    demo_programmes.load(rng=random.Random(7), stdout=lines.append, today=TODAY)
    assert lines[-1] == "지원 사업: 이미 있습니다." and ChestApplication.objects.count() == 30
