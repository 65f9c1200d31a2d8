from __future__ import annotations

import pytest

from tests.personas import login_as


@pytest.mark.django_db
def test_staff_see_only_tiles_they_can_open(client, personas):
    login_as(client, personas.staff)
    page = client.get("/staff/").content.decode()
    assert "/staff/messages/" not in page
    login_as(client, personas.admin)
    page = client.get("/staff/").content.decode()
    assert "/staff/messages/" in page


@pytest.mark.django_db
def test_the_review_tile_is_for_the_disclosure_office(client, personas):
    login_as(client, personas.staff)
    assert "/disclosure/staff/review/" not in client.get("/staff/").content.decode()
    login_as(client, personas.disclosure_officer)
    assert "/disclosure/staff/review/" in client.get("/staff/").content.decode()


def _section(page: str, heading: str) -> str:
    """The cards under one heading of /staff/ (up to the next heading)."""
    start = page.index(f">{heading}</h2>")
    return page[start:page.index("<h2", start)]


@pytest.mark.django_db
def test_the_headings_say_whose_work_the_counts_cover(client, personas):
    login_as(client, personas.staff)
    page = client.get("/staff/").content.decode()
    assert "처리 대기 (전체 부서)" not in page
    assert "정보공개 청구 기한 초과" in _section(page, "우리 부서 처리 대기")
    # The disclosure office counts every department's requests, but only its own department's datasets.
    login_as(client, personas.disclosure_officer)
    page = client.get("/staff/").content.decode()
    every = _section(page, "처리 대기 (전체 부서)")
    assert "정보공개 청구 기한 초과" in every and "정보공개 사전검토·심의회" in every
    own = _section(page, "우리 부서 처리 대기")
    assert "공공데이터 갱신 기한 지남" in own and "정보공개 청구" not in own
    # Tiles without a count open a work area; they are not work waiting.
    assert "원문공개 관리" in _section(page, "업무 화면")
    login_as(client, personas.auditor)
    page = client.get("/staff/").content.decode()
    assert "공공데이터 갱신 기한 지남" in _section(page, "처리 대기 (전체 부서)")


@pytest.mark.django_db
def test_the_call_centre_reaches_its_work_areas_from_the_workspace(client, personas):
    login_as(client, personas.other_staff)  # 복지정책과: the 행복1004콜센터
    areas = _section(client.get("/staff/").content.decode(), "업무 화면")
    assert all(path in areas for path in ("/welfare/centre/calls/", "/welfare/centre/clients/",
                                          "/welfare/centre/stats/"))
    login_as(client, personas.staff)  # another department: no client data, so no such tiles
    assert "/welfare/centre/clients/" not in client.get("/staff/").content.decode()
