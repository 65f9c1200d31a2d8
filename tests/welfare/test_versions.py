"""Every staff edit is versioned and audited; bad input writes nothing."""

from __future__ import annotations

import pytest

from opengu.core.audit import history_for
from opengu.welfare import services
from opengu.welfare.models import SearchTerm, Service
from tests.personas import Personas, login_as


def test_an_edit_adds_a_version_with_changed_fields(client, personas: Personas, service: Service) -> None:  # type: ignore[no-untyped-def]
    login_as(client, personas.other_staff)
    response = client.post(f"/welfare/staff/services/{service.pk}/", {
        "name": "홀몸어르신 도시락 배달", "status": "active", "description": service.description,
        "eligibility_description": service.eligibility_description, "minimum_age": "65", "maximum_age": "",
        "fees_description": "무료", "required_documents": "", "application_process": "", "url": "",
        "assured_date": "2025-07-01", "note": "이름 정리",
    })
    assert response.status_code == 302
    latest = service.versions.order_by("-number").first()
    assert latest is not None and latest.number == 2
    assert {"name", "fees_description", "assured_date", "taxonomy_terms"} <= set(latest.changed_fields)
    assert latest.snapshot["name"] == "홀몸어르신 도시락 배달" and latest.note == "이름 정리"
    assert history_for(service).filter(action="welfare.service.update").count() == 1
    assert SearchTerm.objects.filter(service=service, term="홀몸").exists()
    page = client.get(f"/welfare/staff/services/{service.pk}/").content.decode()
    assert "이름 정리" in page


def test_bad_input_names_the_field_and_writes_nothing(client, personas: Personas, service: Service) -> None:  # type: ignore[no-untyped-def]
    login_as(client, personas.other_staff)
    response = client.post(f"/welfare/staff/services/{service.pk}/", {
        "name": "바뀐 이름", "minimum_age": "70", "maximum_age": "60", "status": "active"})
    assert response.status_code == 400
    assert "최대 나이는 최소 나이보다 작을 수 없습니다." in response.content.decode()
    service.refresh_from_db()
    assert service.name == "독거어르신 도시락 배달" and service.versions.count() == 1


def test_no_change_no_version(personas: Personas, service: Service) -> None:
    assert services.service_update(actor=personas.other_staff, service=service, data={"name": service.name}) is None
    assert service.versions.count() == 1


def test_service_rules_reject_an_empty_name(personas: Personas, service: Service) -> None:
    with pytest.raises(services.WelfareInputError) as info:
        services.service_update(actor=personas.other_staff, service=service, data={"name": " "})
    assert info.value.errors == {"name": "자원명을 입력해 주세요."}
