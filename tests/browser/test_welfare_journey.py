"""The 1004 centre's closed loop, in a real browser: a counsellor registers a caller with
consent, logs the call, finds help by a Korean phrase and refers them; the receiving
institution answers through its link without logging in; the client's file shows it."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from opengu.demo import loader
from opengu.welfare.models import Client, Referral
from tests.browser.conftest import audit, log_in


def test_a_referral_goes_round_the_loop(page):
    username, password, _role = next(login for login in loader.logins() if login[0] == "staff2")
    log_in(page, username, password)
    audit(page)

    page.goto("/welfare/centre/clients/new/")
    audit(page)
    page.get_by_label("이름", exact=True).fill("한울림")
    page.get_by_label("생년월일(YYYY-MM-DD)").fill("1946-05-17")
    page.get_by_label("전화번호").fill("010-4321-8765")
    page.get_by_label("행정동").select_option(label="연희동")
    page.get_by_label("독거").check()
    page.get_by_label("대상자가 안내를 듣고 동의했습니다.").check()
    with page.expect_navigation():
        page.get_by_role("button", name="등록").click()
    audit(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("한*림")
    client = Client.objects.get(pk=int(re.search(r"/clients/(\d+)/", page.url).group(1)))  # type: ignore[union-attr]

    page.goto("/welfare/centre/calls/")
    audit(page)
    page.get_by_label("대상자 번호(동의를 받은 경우)").fill(str(client.pk))
    page.get_by_label("상담 내용").fill("혼자 지내셔서 식사가 걱정된다고 하심")
    with page.expect_navigation():
        page.get_by_role("button", name="기록").click()
    audit(page)
    expect(page.get_by_role("main")).to_contain_text("혼자 지내셔서 식사가 걱정된다고 하심")

    page.get_by_label("찾을 말").fill("혼자 사시는 어르신")
    with page.expect_navigation():
        page.get_by_role("button", name="찾기").click()
    audit(page)
    first = page.locator("ul.results > li").first
    first.get_by_label("의뢰 내용").fill("주 2회 도시락 배달 요청")
    with page.expect_navigation():
        first.get_by_role("button", name=re.compile("에 의뢰$")).click()
    audit(page)
    referral = Referral.objects.get(client=client)
    link = page.get_by_role("link", name="회신 링크(받는 곳에 전달)").get_attribute("href")
    with page.expect_navigation():
        page.get_by_role("button", name="로그아웃").click()
    audit(page)

    page.goto(link)
    audit(page)
    expect(page.get_by_role("main")).to_contain_text("한*림")
    expect(page.get_by_role("main")).not_to_contain_text("한울림")
    page.get_by_label("예, 받게 되었습니다").check()
    page.get_by_label("회신하는 분(이름 또는 기관)").fill("연희노인복지관 사회복지사")
    with page.expect_navigation():
        page.get_by_role("button", name="회신").click()
    audit(page)
    expect(page.get_by_text(re.compile("^회신을 받았습니다"))).to_contain_text("연계 완료")
    referral.refresh_from_db()
    assert referral.status == Referral.Status.TAKEN_UP

    log_in(page, username, password)
    audit(page)
    page.goto(f"/welfare/centre/clients/{client.pk}/")
    audit(page)
    expect(page.get_by_role("main")).to_contain_text("회신: 연계 완료")
    expect(page.get_by_role("main")).to_contain_text("연희노인복지관 사회복지사")
