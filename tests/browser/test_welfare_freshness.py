"""In a real browser: staff send an institution its confirmation link from the stale queue and
the institution, without logging in, confirms one record and corrects another; on a 360 px
phone a resident searches near their dong and reports a neighbour, seeing the emergency
numbers first and a receipt number after."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from opengu.demo import loader
from opengu.welfare import services
from opengu.welfare.models import ConfirmationRequest, Organization, Sector, Service, SourceType
from tests.browser.conftest import audit, log_in


def _fits(page) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"], page.url


def test_an_institution_confirms_and_corrects_through_its_link(page):  # type: ignore[no-untyped-def]
    from opengu.core.models import Department

    department = Department.objects.get(code="welfare-policy")
    organization = Organization.objects.create(name="확인링크 시험 복지관", source_type=SourceType.WELFARE_CENTRE,
                                               sector=Sector.PRIVATE, email="desk@freshness.example.org",
                                               managing_department=department)
    old = dt.date.today() - dt.timedelta(days=400)
    for name in ("확인링크 밑반찬 나눔", "확인링크 한글 교실"):
        services.service_create(actor=None, organization=organization, data={"name": name, "assured_date": old})
    username, password, _role = next(login for login in loader.logins() if login[0] == "staff2")
    log_in(page, username, password)
    page.goto("/welfare/staff/stale/")
    audit(page)
    page.get_by_label("기관 이름으로 찾기").fill("확인링크")
    with page.expect_navigation():
        page.get_by_role("button", name="기관 찾기").click()
    audit(page)
    row = page.get_by_role("row").filter(has_text="확인링크 시험 복지관")
    expect(row).to_contain_text("보낸 적 없음")
    with page.expect_navigation():
        row.get_by_role("button", name="링크 보내기").click()
    audit(page)
    expect(page.get_by_role("main")).to_contain_text("확인 링크를 1곳에 보냈습니다")
    link = services.confirmation_path(ConfirmationRequest.objects.get(organization=organization))
    with page.expect_navigation():
        page.get_by_role("button", name="로그아웃").click()
    audit(page)

    page.goto(link)
    audit(page)
    side_dish = page.locator("section").filter(has_text="확인링크 밑반찬 나눔")
    side_dish.get_by_label("확인하는 분(이름 또는 부서)").fill("김복지 팀장")
    with page.expect_navigation():
        side_dish.get_by_role("button", name="변경 없음").click()
    audit(page)
    expect(page.get_by_role("main")).to_contain_text("변경 없음으로 확인했습니다")
    hangul = page.locator("section").filter(has_text="확인링크 한글 교실")
    hangul.get_by_label("확인하는 분(이름 또는 부서)").fill("이담당")
    hangul.get_by_text("고칠 것이 있습니다").click()
    hangul.get_by_label("자원명").fill("확인링크 성인 한글 교실")
    hangul.get_by_label("최소 나이").fill("열아홉")
    with page.expect_navigation():
        hangul.get_by_role("button", name="고쳐서 확인").click()
    audit(page)
    expect(page.get_by_role("alert")).to_contain_text("정수")
    page.locator("section").filter(has_text="확인링크 한글 교실").get_by_label("최소 나이").fill("19")
    with page.expect_navigation():
        page.locator("section").filter(has_text="확인링크 한글 교실").get_by_role("button", name="고쳐서 확인").click()
    audit(page)
    service = Service.objects.get(organization=organization, name="확인링크 성인 한글 교실")
    assert service.minimum_age == 19 and service.assured_date == dt.date.today()
    assert service.versions.first().from_institution


def test_a_resident_on_a_phone_searches_nearby_and_reports_a_neighbour(phone_page):  # type: ignore[no-untyped-def]
    page = phone_page
    page.goto("/welfare/")
    audit(page)
    page.get_by_label("찾는 말").fill("도시락")
    # The place options are folded until used, so the results come soon after the search box.
    expect(page.get_by_label("가까운 곳부터(기준 위치)")).to_be_hidden()
    page.get_by_text("동네·거리·운영 시간으로 찾기").click()
    page.get_by_label("가까운 곳부터(기준 위치)").select_option(label="연희동 주민센터 근처")
    page.get_by_label("거리(반경, 기준 위치를 고르면)").select_option(label="2 km")
    with page.expect_navigation():
        page.get_by_role("button", name="찾기", exact=True).click()
    expect(page.get_by_label("가까운 곳부터(기준 위치)")).to_be_visible()  # open again while in use
    audit(page)
    _fits(page)
    distances = page.locator(".distance").all_inner_texts()
    assert distances, "no distances shown"
    values = [float(m.group(1)) / (1000 if m.group(2) == "m" else 1)
              for m in (re.search(r"([\d.]+) (km|m)", text) for text in distances) if m]
    assert values == sorted(values) and max(values) <= 2.0

    page.goto("/welfare/report/")
    audit(page)
    _fits(page)
    emergency = page.get_by_role("complementary")
    expect(emergency).to_contain_text("119")
    expect(emergency).to_contain_text("129")
    page.get_by_label("이웃이 사는 동").select_option(label="연희동")
    page.get_by_label("어떤 어려움이 있나요?").fill("옆집 어르신이 며칠째 보이지 않습니다")
    page.get_by_label("위 안내에 동의합니다.").check()
    with page.expect_navigation():
        page.get_by_role("button", name="알리기").click()
    audit(page)
    _fits(page)
    expect(page.locator(".receipt-number")).to_have_text(re.compile(r"^\d{4}-\d{6}$"))
