"""A nurse's own round: the families assigned to them whose visit is overdue or due within two
weeks, the most overdue first; the nurse opens and records only those families; assigning a
nurse belongs to whoever may edit the mother's record, and only the health centre's staff qualify."""

from __future__ import annotations

import datetime as dt

import pytest

from opengu.core.models import Department, PersonalDataAccess, Staff, User
from opengu.welfare import selectors, services
from opengu.welfare.models import HomeVisitFamily
from tests.personas import PASSWORD, Personas, login_as

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def _nurse(personas: Personas, username: str) -> User:
    centre, _created = Department.objects.get_or_create(
        district=personas.district, code="health-centre", defaults={"name": "보건소", "kind": Department.Kind.HEALTH_CENTRE})
    user = User.objects.create_user(username=username, password=PASSWORD, kind=User.Kind.STAFF)
    Staff.objects.create(user=user, name=f"{username} 간호사", department=centre)
    return user


def _family(personas: Personas, name: str, born_days_ago: int, nurse: User | None) -> HomeVisitFamily:
    mother = services.client_register(actor=personas.other_staff, name=name, dong=personas.dong, consent=True)
    return services.home_visit_family_register(actor=personas.other_staff, mother=mother, nurse=nurse,
                                               child_birth_date=(TODAY - dt.timedelta(days=born_days_ago)).isoformat())


@pytest.fixture
def round_(personas: Personas) -> dict[str, object]:
    nurse, other = _nurse(personas, "nurse_kim"), _nurse(personas, "nurse_lee")
    return {
        "nurse": nurse, "other": other,
        # the universal visit is due 28 days after the birth
        "late2": _family(personas, "이두일", 30, nurse),
        "late10": _family(personas, "김열흘", 38, nurse),
        "soon": _family(personas, "박닷새", 23, nurse),
        "later": _family(personas, "최한달", 0, nurse),   # due in 28 days: not yet on the round
        "theirs": _family(personas, "정다른", 40, other),
    }


def test_the_round_lists_overdue_first_then_due_soon(personas: Personas, round_: dict[str, object]) -> None:
    rows = selectors.nurse_round(round_["nurse"], today=TODAY)
    assert [family for family, _p in rows] == [round_["late10"], round_["late2"], round_["soon"]]
    assert [p.days_overdue for _f, p in rows] == [10, 2, 0]


def test_the_page_is_masked_logged_and_shows_only_their_families(client, personas: Personas,  # type: ignore[no-untyped-def]
                                                                 round_: dict[str, object]) -> None:
    login_as(client, round_["nurse"])
    page = client.get("/welfare/centre/home-visits/mine/").content.decode()
    assert page.index("김*흘") < page.index("이*일") < page.index("박*새")
    assert "10일 지남" in page and "정*른" not in page and "최*달" not in page and "김열흘" not in page
    row = PersonalDataAccess.objects.order_by("-id").first()
    assert row.action == "list" and sorted(row.record_ids) == sorted(
        str(round_[k].pk) for k in ("late10", "late2", "soon"))  # type: ignore[attr-defined]


def test_a_nurse_opens_and_records_only_assigned_families(client, personas: Personas, round_: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = round_["late10"], round_["theirs"]
    login_as(client, round_["nurse"])
    assert client.get(f"/welfare/centre/home-visits/{mine.pk}/").status_code == 200  # type: ignore[attr-defined]
    assert client.get(f"/welfare/centre/home-visits/{theirs.pk}/").status_code == 403  # type: ignore[attr-defined]
    assert client.get(f"/welfare/centre/clients/{mine.mother_id}/").status_code == 403  # type: ignore[attr-defined]
    response = client.post(f"/welfare/centre/home-visits/{mine.pk}/", {"visited_on": TODAY.isoformat(), "note": "체중 확인"})  # type: ignore[attr-defined]
    assert response.status_code == 302
    assert mine.visits.get().nurse == round_["nurse"]  # type: ignore[attr-defined]
    assert client.post(f"/welfare/centre/home-visits/{mine.pk}/", {"action": "assign", "nurse": ""}).status_code == 403  # type: ignore[attr-defined]
    assert round_["late10"] not in [f for f, _p in selectors.nurse_round(round_["nurse"], today=TODAY)]


def test_assigning_a_nurse(client, personas: Personas, round_: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    family = round_["theirs"]
    login_as(client, personas.other_staff)
    url = f"/welfare/centre/home-visits/{family.pk}/"  # type: ignore[attr-defined]
    response = client.post(url, {"action": "assign", "nurse": personas.staff.pk})  # not a health-centre nurse
    assert response.status_code == 400 and "보건소 직원 가운데서" in response.content.decode()
    assert client.post(url, {"action": "assign", "nurse": "abc"}).status_code == 400
    assert client.post(url, {"action": "assign", "nurse": round_["nurse"].pk}).status_code == 302  # type: ignore[attr-defined]
    family.refresh_from_db()  # type: ignore[attr-defined]
    assert family.nurse == round_["nurse"]  # type: ignore[attr-defined]
    login_as(client, personas.auditor)
    assert client.post(url, {"action": "assign", "nurse": ""}).status_code == 403
