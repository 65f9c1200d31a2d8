"""'Tell me when' (정보알림): a matching service that is added or opens tells whoever waits."""

from __future__ import annotations

import pytest
from django.db import transaction

from opengu.messaging.models import OutboxMessage
from opengu.welfare import services
from opengu.welfare.models import NotifyDelivery, Organization, Service, TaxonomyTerm
from tests.personas import Personas, login_as


@pytest.fixture
def housing() -> TaxonomyTerm:
    services.taxonomies_ensure()
    return TaxonomyTerm.objects.get(taxonomy__key="topic", name="주거")


def _new_service(personas: Personas, housing: TaxonomyTerm, status: str = "active") -> Service:
    organization = Organization.objects.get(name="연희노인복지관")
    return services.service_create(actor=personas.other_staff, organization=organization,
                                   data={"name": "주거 환경 개선 지원", "status": status}, taxonomy_terms=[housing])


def test_a_new_matching_service_tells_the_client(personas: Personas, client_record, housing, service) -> None:  # type: ignore[no-untyped-def]
    services.notify_request_add(actor=personas.other_staff, client=client_record, term=housing)
    new = _new_service(personas, housing)
    delivery = NotifyDelivery.objects.get()
    assert delivery.service == new and delivery.request.client == client_record
    message = OutboxMessage.objects.get(pk=delivery.outbox_id)
    assert message.channel == "sms" and "주거" in message.body and "주거 환경 개선 지원" in message.body
    services.service_update(actor=personas.other_staff, service=new, data={"description": "집수리"})
    assert NotifyDelivery.objects.count() == 1  # told once per service


def test_unrelated_fields_tell_nobody(personas: Personas, client_record, housing, service) -> None:  # type: ignore[no-untyped-def]
    services.notify_request_add(actor=personas.other_staff, client=client_record, term=housing)
    services.service_update(actor=personas.other_staff, service=service, data={"description": "도시락 배달"})
    assert not NotifyDelivery.objects.exists()


def test_a_service_that_opens_tells_them_then(personas: Personas, client_record, housing, service) -> None:  # type: ignore[no-untyped-def]
    services.notify_request_add(actor=personas.other_staff, client=client_record, term=housing)
    closed = _new_service(personas, housing, status="inactive")
    assert not NotifyDelivery.objects.exists()
    services.service_update(actor=personas.other_staff, service=closed, data={"status": "active"})
    assert NotifyDelivery.objects.get().service == closed


def test_a_rolled_back_edit_tells_nobody(personas: Personas, client_record, housing, service) -> None:  # type: ignore[no-untyped-def]
    services.notify_request_add(actor=personas.other_staff, client=client_record, term=housing)
    before = OutboxMessage.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        _new_service(personas, housing)
        raise RuntimeError("edit abandoned")
    assert OutboxMessage.objects.count() == before and not NotifyDelivery.objects.exists()


def test_the_centre_sees_who_was_told(client, personas: Personas, client_record, housing, service) -> None:  # type: ignore[no-untyped-def]
    login_as(client, personas.other_staff)
    response = client.post(f"/welfare/centre/clients/{client_record.pk}/", {"action": "notify", "term": housing.pk,
                                                                             "channel": "sms"})
    assert response.status_code == 302
    twice = client.post(f"/welfare/centre/clients/{client_record.pk}/", {"action": "notify", "term": housing.pk,
                                                                          "channel": "sms"})
    assert twice.status_code == 400 and "이미" in twice.content.decode()
    _new_service(personas, housing)
    page = client.get(f"/welfare/centre/clients/{client_record.pk}/").content.decode()
    assert "알림 보냄: 주거 환경 개선 지원" in page
