"""/staff/access-log/: the auditor's page over the access log: search, verify, CSV export."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection

from opengu.core.accesslog import record_access
from opengu.core.models import PersonalDataAccess
from tests.personas import as_each, login_as

URL = "/staff/access-log/"
Action = PersonalDataAccess.Action


def log_rows(personas) -> list[PersonalDataAccess]:  # type: ignore[no-untyped-def]
    resident = personas.resident.resident
    return [
        record_access(actor=personas.staff, action=Action.VIEW, subject="core.resident", record_ids=[resident.pk], purpose="민원 상담"),
        record_access(actor=personas.other_staff, action=Action.UPDATE, subject="core.resident", record_ids=[resident.pk], purpose="주소 정정"),
        record_access(actor=personas.staff, action=Action.LIST, subject="welfare.client", record_ids=[1, 2, 3], purpose="사례 회의"),
    ]


def shown(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [row.purpose for row in response.context["page"]]


@pytest.mark.django_db
def test_only_auditors_and_administrators_may_open_it(client, personas):
    codes = as_each(client, personas, URL)
    assert codes == {
        "anonymous": 302, "resident": 403, "other_resident": 403, "staff": 403, "other_staff": 403,
        "head": 403, "disclosure_officer": 403, "auditor": 200, "admin": 200,
    }


@pytest.mark.django_db
def test_nobody_else_may_export_it(client, personas):
    log_rows(personas)
    codes = as_each(client, personas, URL, data={"format": "csv", "purpose": "점검"})
    assert codes["staff"] == 403 and codes["head"] == 403 and codes["resident"] == 403
    assert codes["anonymous"] == 302
    assert not PersonalDataAccess.objects.filter(action=Action.EXPORT, actor__in=[personas.staff, personas.head]).exists()


@pytest.mark.django_db
def test_search_filters_by_actor_action_and_subject(client, personas):
    log_rows(personas)
    login_as(client, personas.auditor)
    assert sorted(shown(client.get(URL))) == sorted(["민원 상담", "주소 정정", "사례 회의"])
    assert sorted(shown(client.get(URL, {"actor": "other_staff"}))) == ["주소 정정"]
    assert shown(client.get(URL, {"action": "update"})) == ["주소 정정"]
    assert shown(client.get(URL, {"subject": "welfare"})) == ["사례 회의"]
    assert shown(client.get(URL, {"date_from": "2000-01-01", "date_to": "2000-12-31"})) == []


@pytest.mark.django_db
def test_the_verify_button_reports_an_intact_chain_then_a_broken_one(client, personas):
    rows = log_rows(personas)
    login_as(client, personas.admin)
    response = client.get(URL, {"verify": "1"})
    assert response.context["chain"].ok
    assert "3건의 연결이 모두 온전합니다" in response.content.decode()
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {PersonalDataAccess._meta.db_table} SET purpose = %s WHERE id = %s", ["조작", rows[1].pk])
    response = client.get(URL, {"verify": "1"})
    assert not response.context["chain"].ok
    assert f"{rows[1].pk}번 기록에서 이상 발견" in response.content.decode()


@pytest.mark.django_db
def test_csv_export_has_a_bom_follows_the_filters_and_is_itself_logged(client, personas):
    log_rows(personas)
    login_as(client, personas.auditor)
    response = client.get(URL, {"format": "csv", "purpose": "분기 감사", "actor": "other_staff"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert table[0][:3] == ["번호", "일시", "아이디"]
    assert [row[2] for row in table[1:]] == ["other_staff"]
    assert table[1][9] == "주소 정정"
    export = PersonalDataAccess.objects.latest("id")
    assert (export.actor, export.action, export.purpose) == (personas.auditor, Action.EXPORT, "분기 감사")
    assert export.subject == "core.personaldataaccess"


@pytest.mark.django_db
@pytest.mark.parametrize("purpose", [None, "", "   "])
def test_csv_export_without_a_purpose_is_refused_and_not_logged(client, personas, purpose):
    log_rows(personas)
    login_as(client, personas.auditor)
    params = {"format": "csv"} if purpose is None else {"format": "csv", "purpose": purpose}
    response = client.get(URL, params)
    assert response.status_code == 400
    assert "내려받는 목적을 적어 주세요" in response.content.decode()
    assert not PersonalDataAccess.objects.filter(action=Action.EXPORT).exists()


@pytest.mark.django_db
def test_xlsx_export_follows_the_filters_and_is_logged(client, personas):
    from openpyxl import load_workbook

    log_rows(personas)
    login_as(client, personas.admin)
    response = client.get(URL, {"format": "xlsx", "purpose": "연간 점검", "action": "list"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    table = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert table[0][:3] == ["번호", "일시", "아이디"]
    assert [(row[2], row[9]) for row in table[1:]] == [("staff", "사례 회의")]
    export = PersonalDataAccess.objects.latest("id")
    assert (export.actor, export.action, export.purpose) == (personas.admin, Action.EXPORT, "연간 점검")


@pytest.mark.django_db
def test_xlsx_export_without_a_purpose_is_refused(client, personas):
    login_as(client, personas.auditor)
    response = client.get(URL, {"format": "xlsx"})
    assert response.status_code == 400
    assert not PersonalDataAccess.objects.filter(action=Action.EXPORT).exists()


@pytest.mark.django_db
def test_the_page_offers_both_exports_without_javascript(client, personas):
    login_as(client, personas.auditor)
    page = client.get(URL).content.decode()
    assert 'name="format" value="csv"' in page and 'name="format" value="xlsx"' in page
    assert '<label for="purpose">' in page
