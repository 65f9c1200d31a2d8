"""Clients (대상자): consent first, encrypted at rest, masked on screen, every view logged."""

from __future__ import annotations

import pytest
from django.db import connection

from opengu.core.models import Consent, PersonalDataAccess
from opengu.welfare import services
from opengu.welfare.models import Client
from tests.personas import Personas, login_as


def test_it_refuses_a_client_without_consent(personas: Personas) -> None:
    with pytest.raises(services.WelfareInputError) as caught:
        services.client_register(actor=personas.other_staff, name="박순자", dong=personas.dong, consent=False)
    assert "동의" in caught.value.errors["consent"]
    assert not Client.objects.exists()


def test_it_names_each_bad_field_in_korean(personas: Personas) -> None:
    with pytest.raises(services.WelfareInputError) as caught:
        services.client_register(actor=personas.other_staff, name="", birth_date="1948-13-40", phone="12",
                                 dong=None, consent=True)
    assert set(caught.value.errors) == {"name", "birth_date", "phone", "dong"}
    assert not Client.objects.exists() and not Consent.objects.exists()


def test_it_records_consent_and_keeps_data_encrypted(personas: Personas, client_record: Client) -> None:
    assert Consent.objects.filter(subject_id=str(client_record.pk), notice__key=services.CLIENT_NOTICE).count() == 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, phone, address FROM welfare_client WHERE id = %s", [client_record.pk])
        raw = cursor.fetchone()
    assert "박순자" not in raw[0] and "2222" not in raw[1] and "연희로" not in raw[2]
    assert Client.objects.get(pk=client_record.pk).name == "박순자"


def test_the_client_page_is_masked_and_logged(client, personas: Personas, client_record: Client) -> None:  # type: ignore[no-untyped-def]
    login_as(client, personas.other_staff)
    before = PersonalDataAccess.objects.count()
    page = client.get(f"/welfare/centre/clients/{client_record.pk}/").content.decode()
    assert "박*자" in page and "박순자" not in page and "010-****-3333" in page
    row = PersonalDataAccess.objects.order_by("-id").first()
    assert PersonalDataAccess.objects.count() == before + 1
    assert row.action == "view" and row.subject == "welfare.client" and row.record_ids == [str(client_record.pk)]
    revealed = client.get(f"/welfare/centre/clients/{client_record.pk}/?reveal=1").content.decode()
    assert "박순자" in revealed
    assert PersonalDataAccess.objects.order_by("-id").first().purpose == "대상자 정보 전체 보기"


def test_the_list_logs_the_rows_it_shows(client, personas: Personas, client_record: Client) -> None:  # type: ignore[no-untyped-def]
    login_as(client, personas.other_staff)
    page = client.get("/welfare/centre/clients/").content.decode()
    assert "박*자" in page and "박순자" not in page
    row = PersonalDataAccess.objects.order_by("-id").first()
    assert row.action == "list" and row.record_ids == [str(client_record.pk)]


def test_export_needs_a_purpose_and_is_logged(client, personas: Personas, client_record: Client) -> None:  # type: ignore[no-untyped-def]
    login_as(client, personas.other_staff)
    refused = client.get("/welfare/centre/clients/", {"format": "csv"})
    assert refused.status_code == 400 and "목적" in refused.content.decode()
    response = client.get("/welfare/centre/clients/", {"format": "csv", "purpose": "월간 보고", "flag": "living_alone"})
    body = b"".join(response.streaming_content).decode("utf-8")  # type: ignore[attr-defined]
    assert body.startswith("\ufeff") and "박*자" in body and "박순자" not in body
    row = PersonalDataAccess.objects.order_by("-id").first()
    assert row.action == "export" and row.purpose == "월간 보고" and row.record_count == 1
    empty = client.get("/welfare/centre/clients/", {"format": "xlsx", "purpose": "보고", "flag": "disability"})
    assert empty["Content-Type"].startswith("application/vnd.openxmlformats")
    assert PersonalDataAccess.objects.order_by("-id").first().record_count == 0


def test_a_client_is_found_by_phone(client, personas: Personas, client_record: Client) -> None:  # type: ignore[no-untyped-def]
    login_as(client, personas.other_staff)
    assert "박*자" in client.get("/welfare/centre/clients/", {"phone": "01022223333"}).content.decode()
    assert "박*자" not in client.get("/welfare/centre/clients/", {"phone": "010-9999-8888"}).content.decode()


def test_dong_staff_see_only_their_dong_s_clients(client, personas: Personas, client_record: Client,  # type: ignore[no-untyped-def]
                                                  dong_staff: dict[str, object]) -> None:
    login_as(client, dong_staff["own"])  # type: ignore[arg-type]
    assert client.get(f"/welfare/centre/clients/{client_record.pk}/").status_code == 200
    login_as(client, dong_staff["other"])  # type: ignore[arg-type]
    assert client.get(f"/welfare/centre/clients/{client_record.pk}/").status_code == 403
    assert "박*자" not in client.get("/welfare/centre/clients/").content.decode()


def test_registering_through_the_page(client, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    login_as(client, personas.other_staff)
    refused = client.post("/welfare/centre/clients/new/", {"name": "이말순", "dong": personas.dong.pk})
    assert refused.status_code == 400 and "동의" in refused.content.decode()
    response = client.post("/welfare/centre/clients/new/", {"name": "이말순", "dong": personas.dong.pk, "consent": "1",
                                                            "flags": ["single_parent"], "phone": "010-5555-6666"})
    new = Client.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/welfare/centre/clients/{new.pk}/"
    assert new.flags == ["single_parent"]
    assert PersonalDataAccess.objects.filter(action="create", subject="welfare.client").count() == 1


def test_household_members_are_added(client, personas: Personas, client_record: Client) -> None:  # type: ignore[no-untyped-def]
    login_as(client, personas.other_staff)
    bad = client.post(f"/welfare/centre/clients/{client_record.pk}/", {"action": "member", "member_name": "김철수"})
    assert bad.status_code == 400 and "관계" in bad.content.decode()
    client.post(f"/welfare/centre/clients/{client_record.pk}/", {"action": "member", "member_name": "김철수",
                                                                   "relation": "아들"})
    assert client_record.household.get().relation == "아들"


def test_the_file_shows_the_latest_fifty_and_older_ones_a_page_away(client, personas: Personas,  # type: ignore[no-untyped-def]
                                                                     client_record: Client) -> None:
    import datetime as dt

    from django.utils import timezone

    from opengu.welfare.models import Case

    start = timezone.now() - dt.timedelta(days=200)
    for n in range(120):  # call n is n days after the first; the 120th is the latest
        services.call_log(actor=personas.other_staff, direction="incoming", outcome="answered", client=client_record,
                          started_at=start + dt.timedelta(days=n), notes=f"상담메모{n:03d}")
    case = Case.objects.create(channel=Case.Channel.CALL_CENTRE, client=client_record, situation="위기",
                               created_at=start + dt.timedelta(days=60, hours=1))
    Client.objects.filter(pk=client_record.pk).update(created_at=start - dt.timedelta(days=1))  # registered first
    login_as(client, personas.other_staff)
    before = PersonalDataAccess.objects.count()
    first = client.get(f"/welfare/centre/clients/{client_record.pk}/").content.decode()
    assert "상담메모119" in first and "상담메모070" in first and "상담메모069" not in first
    assert "전체 122건 중 최근 1–50번째" in first and f"사례 {case.pk}" not in first
    assert 'href="?history=2#history">더 지난 이력</a>' in first and "더 최근 이력" not in first
    second = client.get(f"/welfare/centre/clients/{client_record.pk}/", {"history": "2"}).content.decode()
    # Page two holds calls 69 to 21 and the case opened after call 60, in time order.
    assert "상담메모069" in second and "상담메모021" in second and "상담메모020" not in second
    assert second.index("상담메모061") < second.index(f"사례 {case.pk}") < second.index("상담메모060")
    assert 'href="?history=1#history">더 최근 이력</a>' in second and "2 / 3" in second
    last = client.get(f"/welfare/centre/clients/{client_record.pk}/", {"history": "99"}).content.decode()
    assert "상담메모000" in last and "3 / 3" in last and "더 지난 이력" not in last
    assert last.index("상담메모000") < last.index("대상자 등록")  # the oldest entry
    assert PersonalDataAccess.objects.count() == before + 3  # every page view is logged


def test_history_times_are_the_district_s_clock(client, personas: Personas, client_record: Client) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    services.call_log(actor=personas.other_staff, direction="incoming", outcome="answered", client=client_record,
                      started_at=dt.datetime(2026, 1, 5, 0, 30, 15, 123456, tzinfo=dt.UTC))
    login_as(client, personas.other_staff)
    page = client.get(f"/welfare/centre/clients/{client_record.pk}/").content.decode()
    assert '<time datetime="2026-01-05T09:30:15+09:00">2026-01-05 09:30</time>' in page
