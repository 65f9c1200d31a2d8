"""Demand and release in a real browser: a resident asks for a dataset, another supports it on a
360 px phone, staff of the department answer 공개 완료 with the dataset, and the public list links
the request to it. Who asked never shows publicly; staff see the name masked."""

from __future__ import annotations

from playwright.sync_api import expect

from opengu.demo import loader
from opengu.opendata.models import DataRequest
from tests.browser.conftest import audit, log_in

TITLE = "홍제천 산책로 조명 위치(시험)"


def _logout(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="로그아웃").click()
    audit(page)


def test_a_request_is_supported_answered_and_linked_to_its_dataset(page, phone_page):
    log_in(page, "resident", loader.DEMO_PASSWORD)
    page.goto("/data/requests/")
    audit(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("데이터 개방 요청")
    expect(page.locator("figure.chart svg")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="데이터 요청하기").click()
    audit(page)
    page.get_by_label("필요한 데이터").fill(TITLE)
    page.get_by_label("필요한 이유").fill("연락은 010-2345-6789로 주세요")
    page.get_by_label("활용 분야").select_option(label="서비스·앱 개발")
    page.get_by_label("담당 부서(아는 경우)").select_option(label="자치행정과")
    with page.expect_navigation():
        page.get_by_role("button", name="요청하기").click()
    audit(page)
    expect(page.get_by_role("main")).to_contain_text("개인정보를 지우고")  # the text is public: refused
    page.get_by_label("필요한 이유").fill("밤 산책길이 어두운 곳을 지도로 만들고 싶습니다.")
    with page.expect_navigation():
        page.get_by_role("button", name="요청하기").click()
    audit(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    request = DataRequest.objects.get(title=TITLE)
    resident_name = request.requester.resident.name
    _logout(page)

    phone = phone_page
    log_in(phone, "resident2", loader.DEMO_PASSWORD)
    phone.goto(f"/data/requests/{request.pk}/")
    audit(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= phone.viewport_size["width"]
    expect(phone.get_by_role("main")).not_to_contain_text(resident_name)
    phone.get_by_label("공개되면 알려 드릴 방법").select_option(label="문자")
    with phone.expect_navigation():
        phone.get_by_role("button", name="공감하기").click()
    audit(phone)
    expect(phone.get_by_role("main")).to_contain_text("2명(요청한 분 포함)")

    log_in(page, "staff", loader.DEMO_PASSWORD)
    page.goto(f"/data/requests/{request.pk}/")
    audit(page)
    masked = resident_name[0] + "*" * (len(resident_name) - 2) + resident_name[-1]
    expect(page.get_by_role("main")).to_contain_text(masked)
    expect(page.get_by_role("main")).not_to_contain_text(resident_name)
    page.get_by_label("처리 상태").select_option(label="공개 완료")
    page.get_by_label("공개한 데이터셋").select_option(label="서대문구 보안등 현황")
    page.get_by_label("답변", exact=True).fill("보안등 위치 자료를 공개했습니다.")
    with page.expect_navigation():
        page.get_by_role("button", name="답변 저장").click()
    audit(page)
    expect(page.get_by_role("link", name="서대문구 보안등 현황")).to_be_visible()
    request.refresh_from_db()
    assert request.status == DataRequest.Status.RELEASED and request.dataset.slug == "seodaemun-security-lights"
    page.goto("/data/requests/priorities/")
    audit(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("데이터 개방 요청 우선순위")
    _logout(page)

    page.goto("/data/requests/?status=released")
    audit(page)
    row = page.get_by_role("row").filter(has_text=TITLE)
    expect(row.get_by_role("link", name="서대문구 보안등 현황")).to_be_visible()
    expect(page.get_by_role("main")).not_to_contain_text(masked)
