"""What a resident on a phone and a counsellor met on the second walk through the welfare pages."""

from __future__ import annotations

import json

import pytest

from opengu.welfare.models import Phone, Service

pytestmark = pytest.mark.django_db


def test_a_resource_without_its_own_number_shows_its_institutions(client, directory: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    lunch: Service = directory["lunch"]  # type: ignore[assignment]
    Phone.objects.create(organization=lunch.organization, number="02-330-7777", description="대표 전화")
    page = client.get(f"/welfare/services/{lunch.pk}/").content.decode()
    assert 'href="tel:02-330-7777"' in page
    cards = client.get("/welfare/", {"q": "도시락"}).content.decode()
    assert 'href="tel:02-330-7777"' in cards
    detail = json.loads(client.get(f"/api/hsds/services/{lunch.uid}").content)
    assert [p["number"] for p in detail["organization"]["phones"]] == ["02-330-7777"]
    # Its own number, once it has one, is the one shown.
    Phone.objects.create(service=lunch, number="02-330-8888", description="담당자")
    page = client.get(f"/welfare/services/{lunch.pk}/").content.decode()
    assert 'href="tel:02-330-8888"' in page and "02-330-7777" not in page
    export = b"".join(client.get("/welfare/", {"q": "도시락", "format": "csv"}).streaming_content).decode("utf-8-sig")
    assert export.splitlines()[0].endswith(",문의 전화") and "02-330-8888" in export
