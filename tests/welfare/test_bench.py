"""The welfare bench end to end on a tiny data set: it grows the directory and the call log to the
sizes asked, and its measurement requests the real pages (no timing is asserted here)."""

from __future__ import annotations

import pytest

from bench.welfare import workload
from opengu.core.models import PersonalDataAccess
from opengu.welfare.models import (
    Call,
    Case,
    Client,
    Referral,
    SearchTerm,
    Service,
    ServiceAtLocation,
)
from tests.personas import Personas


@pytest.fixture
def grown(personas: Personas, directory: dict[str, object], dong_staff: dict[str, object]) -> dict[str, int]:
    return workload.generate(resources=40, calls=400, log=lambda _message: None)


def test_it_grows_the_directory_to_the_size_asked(grown: dict[str, int], directory: dict[str, object]) -> None:
    assert Service.objects.count() == 40
    assert grown["services"] == 38
    lunch = directory["lunch"]
    copy = Service.objects.filter(name__startswith=f"{lunch.name} · ").first()  # type: ignore[attr-defined]
    assert copy is not None
    # The copy keeps the template's index and facets, and is found by its dong's name too.
    template_terms = dict(SearchTerm.objects.filter(service=lunch).values_list("term", "weight"))  # type: ignore[misc]
    copy_terms = dict(SearchTerm.objects.filter(service=copy).values_list("term", "weight"))
    assert set(template_terms) <= set(copy_terms)
    assert len(copy_terms) > len(template_terms)
    assert set(copy.taxonomy_terms.all()) == set(lunch.taxonomy_terms.all())  # type: ignore[attr-defined]


def test_it_fills_the_call_log_with_linked_clients(grown: dict[str, int]) -> None:
    assert Call.objects.count() == 400
    assert Client.objects.count() == grown["clients"] > 0
    linked = Call.objects.filter(client__isnull=False)
    assert linked.exists()
    call = linked.first()
    assert call is not None and call.notes  # decrypts: the pooled ciphertexts are real ones
    assert not Call.objects.filter(direction="outgoing", outcome="abandoned").exists()
    assert Referral.objects.count() == grown["referrals"]
    assert Case.objects.count() == grown["cases"] > 0


def test_it_places_copies_in_the_dong_of_their_name(grown: dict[str, int], personas: Personas) -> None:
    in_yeonhui = ServiceAtLocation.objects.filter(service__name__endswith=" · 연희동")
    assert in_yeonhui.exists()
    assert set(in_yeonhui.values_list("location__dong", flat=True)) == {personas.dong.pk}


def test_the_measurement_requests_every_page_and_logs_staff_access(grown: dict[str, int]) -> None:
    before = PersonalDataAccess.objects.filter(subject="welfare.client").count()
    rows = workload.measure(repeat=1, warmup=0, history_clients=3)
    searches = [r for r in rows if r.kind == "search"]
    assert len(searches) == len(workload.SEARCHES) == 20
    assert all(len(r.samples_ms) == 1 for r in searches)
    assert searches[0].results == Service.objects.filter(status=Service.Status.ACTIVE).count()
    assert any(r.results for r in searches[1:])
    history, heaviest = [r for r in rows if r.kind == "history"]
    assert len(history.samples_ms) == history.results == 3
    assert len(heaviest.samples_ms) == 1
    # The file is the real staff page: each request is an access record of the dong's staff.
    assert PersonalDataAccess.objects.filter(subject="welfare.client").count() == before + 3
    summary = workload.summary(rows)
    assert summary["search_p95"] >= summary["search_p50"] > 0


def test_percentile_is_nearest_rank() -> None:
    samples = [float(n) for n in range(1, 21)]
    assert workload.percentile(samples, 95) == 19.0
    assert workload.percentile(samples, 50) == 10.0
    assert workload.percentile([], 95) == 0.0
