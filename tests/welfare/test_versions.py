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
    # Each change by its Korean label, with the value before and after.
    assert "<strong>자원명</strong>: 독거어르신 도시락 배달 → 홀몸어르신 도시락 배달" in page
    assert "<strong>비용</strong>: - → 무료" in page


def test_a_form_sending_the_same_text_back_changes_nothing_and_a_reason_is_needed(client, personas: Personas,  # type: ignore[no-untyped-def]
                                                                                  service: Service) -> None:
    Service.objects.filter(pk=service.pk).update(required_documents="신분증\n소득 증빙\n")
    login_as(client, personas.other_staff)
    form = {"name": service.name, "status": "active", "description": service.description,
            "eligibility_description": service.eligibility_description, "minimum_age": "65", "maximum_age": "",
            "fees_description": "", "required_documents": "신분증\r\n소득 증빙", "application_process": "", "url": "",
            "assured_date": "2026-01-05", "term": [t.pk for t in service.taxonomy_terms.all()]}
    unexplained = client.post(f"/welfare/staff/services/{service.pk}/", form)
    assert unexplained.status_code == 400 and "고친 까닭을 적어 주세요" in unexplained.content.decode()
    future = client.post(f"/welfare/staff/services/{service.pk}/", form | {"assured_date": "2999-01-01", "note": "확인"})
    assert future.status_code == 400 and "확인일은 오늘이나 그 전 날짜여야 합니다." in future.content.decode()
    assert service.versions.count() == 1
    assert client.post(f"/welfare/staff/services/{service.pk}/", form | {"note": "전화 확인"}).status_code == 302
    latest = service.versions.order_by("-number").first()
    assert latest is not None and latest.changed_fields == ["assured_date"]


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
