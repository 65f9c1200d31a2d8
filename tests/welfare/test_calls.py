"""The call log and the plan's statistics (August 2014: 635 calls, 448 in, 312 answered)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from opengu.core.fields import blind_index
from opengu.welfare import selectors, services
from opengu.welfare.models import Call
from tests.personas import Personas, login_as

SEOUL = timezone.get_fixed_timezone(9 * 60)


def _august_2014() -> None:
    """The plan's month: 448 incoming (312 answered, 136 abandoned), 187 outgoing; 300 known
    callers, 32 of whom called twice (so 332 calls carry a number)."""
    days = [dt.date(2014, 8, d) for d in range(1, 32) if dt.date(2014, 8, d).weekday() < 5 and d != 15]
    assert len(days) == 20
    kinds = [("incoming", "answered")] * 312 + [("incoming", "abandoned")] * 136 + [("outgoing", "answered")] * 187
    numbers = [f"010-3000-{n:04d}" for n in range(300)] + [f"010-3000-{n:04d}" for n in range(32)]
    calls = []
    for index, (direction, outcome) in enumerate(kinds):
        start = dt.datetime.combine(days[index % 20], dt.time(9 + index % 8, index % 60), tzinfo=SEOUL)
        phone = numbers[index] if index < len(numbers) else ""
        calls.append(Call(direction=direction, outcome=outcome, started_at=start, caller_phone=phone,
                          caller_index=blind_index(phone) if phone else ""))
    Call.objects.bulk_create(calls)


@pytest.mark.django_db
def test_august_2014_reads_as_in_the_plan() -> None:
    _august_2014()
    [month] = selectors.call_stats_by_month(start=dt.date(2014, 8, 1), end=dt.date(2014, 8, 1))
    assert (month.total, month.incoming, month.answered, month.abandoned, month.outgoing) == (635, 448, 312, 136, 187)
    assert month.workdays == 20 and month.per_workday == 31.7
    assert month.answer_rate == 69.6
    assert (month.callers, month.repeat_callers) == (300, 32)


@pytest.mark.django_db
def test_calls_a_day_lists_every_day_of_the_month() -> None:
    _august_2014()
    days = selectors.calls_a_day(month=dt.date(2014, 8, 1))
    assert len(days) == 31 and sum(n for _d, n in days) == 635
    assert dict(days)[dt.date(2014, 8, 15)] == 0


def test_the_statistics_page_shows_a_chart_and_a_table(client, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    _august_2014()
    login_as(client, personas.other_staff)
    page = client.get("/welfare/centre/stats/", {"from": "2014-07", "to": "2014-09", "day_month": "2014-08"})
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "31.7" in html and "69.6" in html and "32 / 300" in html
    export = client.get("/welfare/centre/stats/", {"from": "2014-08", "to": "2014-08", "format": "csv"})
    body = b"".join(export.streaming_content).decode()  # type: ignore[attr-defined]
    assert body.startswith("\ufeff") and "2014-08,635,448,312,136,187,20,31.7,69.6,300,32" in body


def test_it_refuses_an_abandoned_outgoing_call(personas: Personas) -> None:
    with pytest.raises(services.WelfareInputError) as caught:
        services.call_log(actor=personas.other_staff, direction="outgoing", outcome="abandoned",
                          started_at=timezone.now())
    assert "outcome" in caught.value.errors
    assert not Call.objects.exists()


def test_a_missed_call_has_no_length_and_no_topic(personas: Personas) -> None:
    from opengu.welfare.models import TaxonomyTerm

    services.taxonomies_ensure()
    housing = TaxonomyTerm.objects.filter(taxonomy__key="topic").first()
    start = timezone.now() - dt.timedelta(hours=1)
    with pytest.raises(services.WelfareInputError) as caught:
        services.call_log(actor=personas.other_staff, direction="incoming", outcome="abandoned", started_at=start,
                          ended_at=start + dt.timedelta(minutes=30), topic=housing)
    assert set(caught.value.errors) == {"ended_at", "topic"}
    assert not Call.objects.exists()
    call = services.call_log(actor=personas.other_staff, direction="incoming", outcome="abandoned", started_at=start)
    assert call.duration_seconds == 0 and call.topic is None


def test_logging_a_call_on_the_page(client, personas: Personas, client_record) -> None:  # type: ignore[no-untyped-def]
    login_as(client, personas.other_staff)
    assert client.get("/welfare/centre/")["Location"] == "/welfare/centre/calls/"  # the centre's address leads in
    bad = client.post("/welfare/centre/calls/", {"direction": "incoming", "outcome": "answered", "started_at": ""})
    assert bad.status_code == 400 and "시작 시각" in bad.content.decode()
    response = client.post("/welfare/centre/calls/", {
        "direction": "incoming", "outcome": "answered", "started_at": "2026-03-02T10:00",
        "ended_at": "2026-03-02T10:07", "client": client_record.pk, "notes": "도시락 배달 문의"})
    assert response.status_code == 302
    call = Call.objects.get()
    assert call.duration_seconds == 420 and call.client == client_record and call.counsellor == personas.other_staff
    assert call.caller_index == client_record.phone_index
    history = client.get(f"/welfare/centre/clients/{client_record.pk}/").content.decode()
    assert "도시락 배달 문의" in history


def test_the_call_list_is_masked_and_exports_with_a_purpose(client, personas: Personas, client_record) -> None:  # type: ignore[no-untyped-def]
    services.call_log(actor=personas.other_staff, direction="incoming", outcome="answered",
                      started_at=timezone.now(), client=client_record)
    login_as(client, personas.auditor)
    page = client.get("/welfare/centre/calls/").content.decode()
    assert "박*자" in page and "010-****-3333" in page and "박순자" not in page
    assert "전화 기록하기" not in page  # auditors read only
    export = client.get("/welfare/centre/calls/", {"format": "xlsx", "purpose": "감사"})
    assert export.status_code == 200
    assert client.post("/welfare/centre/calls/", {"direction": "incoming"}).status_code == 403


def test_a_bad_month_in_the_filters_is_told_not_ignored(client, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    login_as(client, personas.other_staff)
    for url, params in (("/welfare/centre/calls/", {"month": "2026-13"}), ("/welfare/centre/calls/", {"month": "abcd"}),
                        ("/welfare/centre/stats/", {"from": "2026-xx"})):
        response = client.get(url, params)
        assert response.status_code == 400 and "YYYY-MM 형식으로" in response.content.decode(), (url, params)
    backwards = client.get("/welfare/centre/stats/", {"from": "2026-11", "to": "2025-01"})
    assert backwards.status_code == 400
    assert "시작 달이 끝 달보다 늦습니다. 2024-02부터 2025-01까지 보여 드립니다." in backwards.content.decode()
    assert client.get("/welfare/centre/stats/", {"from": "2025-01", "to": "2025-06"}).status_code == 200


@pytest.mark.django_db
def test_the_running_month_averages_over_the_working_days_so_far() -> None:
    # November 2026: Sunday the 1st, no public holiday, 21 working days; the 27th is the 20th.
    Call.objects.create(direction="incoming", outcome="answered",
                        started_at=dt.datetime(2026, 11, 2, 10, tzinfo=SEOUL))
    month = dt.date(2026, 11, 1)
    [running] = selectors.call_stats_by_month(start=month, end=month, today=dt.date(2026, 11, 27))
    [finished] = selectors.call_stats_by_month(start=month, end=month, today=dt.date(2026, 12, 15))
    assert (running.workdays, finished.workdays) == (20, 21)
