"""In a real browser: centre staff register a 공동모금회 application for a household, schedule a
committee meeting, record who attended, put the application on the agenda, decide it, draft and
finalise the minutes (the household masked in them); and on a 360 px phone every support
programme page (공동모금회, 100가정 보듬기, I WISH) fits the screen."""

from __future__ import annotations

from playwright.sync_api import expect

from opengu.demo import loader
from opengu.welfare import services
from opengu.welfare.models import ChestApplication, ChestMeeting, ChestMinutes, Client
from tests.browser.conftest import audit, log_in


def _staff2(page) -> None:  # type: ignore[no-untyped-def]
    username, password, _role = next(login for login in loader.logins() if login[0] == "staff2")
    log_in(page, username, password)


def _fits(page) -> None:  # type: ignore[no-untyped-def]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} is {width} px wide"


def test_an_application_goes_from_registration_to_final_minutes(page):  # type: ignore[no-untyped-def]
    from opengu.core.models import Dong, User

    actor = User.objects.get(username="staff2")
    household = services.client_register(actor=actor, name="모금시험가구", dong=Dong.objects.order_by("order").first(),
                                         phone="010-4321-8765", consent=True)
    _staff2(page)
    page.goto("/welfare/centre/chest/")
    audit(page)
    page.get_by_label("가구(대상자 번호, 동의를 받아 등록된 대상자)").fill(str(household.pk))
    page.get_by_label("지원 종류").select_option(label="의료비")
    page.get_by_label("신청 금액(원)").fill("1,500,000")
    page.get_by_label("신청 사유(이름·전화번호·주민등록번호는 적지 마세요)").fill("연락처 010-4321-8765")
    with page.expect_navigation():
        page.get_by_role("button", name="신청 등록").click()
    audit(page)
    expect(page.get_by_role("alert")).to_contain_text("전화번호로 보이는 내용이 있습니다")
    assert not ChestApplication.objects.filter(client=household).exists()
    page.get_by_label("신청 사유(이름·전화번호·주민등록번호는 적지 마세요)").fill("무릎 수술 뒤 재활 치료비가 필요합니다.")
    page.get_by_label("첨부 서류(선택, PDF·JPG·PNG, 5MB 이하)").set_input_files(
        files=[{"name": "진단서.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 browser"}])
    with page.expect_navigation():
        page.get_by_role("button", name="신청 등록").click()
    audit(page)
    application = ChestApplication.objects.get(client=household)
    expect(page.locator("#state")).to_have_text("접수")
    expect(page.get_by_role("main")).to_contain_text("모****구")  # 모금시험가구 masked
    expect(page.get_by_role("link", name="진단서.pdf")).to_be_visible()

    page.goto("/welfare/centre/chest/committee/")
    audit(page)
    page.get_by_label("일시(YYYY-MM-DD HH:MM)").fill("2026-12-18 15:00")
    page.get_by_label("장소", exact=True).fill("브라우저시험 회의실")
    with page.expect_navigation():
        page.get_by_role("button", name="회의 잡기").click()
    audit(page)
    meeting = ChestMeeting.objects.get(place="브라우저시험 회의실")
    for checkbox in page.get_by_role("checkbox").all()[:4]:
        checkbox.check()
    with page.expect_navigation():
        page.get_by_role("button", name="출석 기록").click()
    audit(page)
    assert meeting.attendees.count() == 4

    page.goto(f"/welfare/centre/chest/{application.pk}/")
    audit(page)
    page.get_by_label("회의", exact=True).select_option(value=str(meeting.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="안건으로 올리기").click()
    audit(page)
    expect(page.locator("#state")).to_have_text("심사 상정")
    page.get_by_label("조정 선정", exact=True).check()
    page.get_by_label("지원 결정 금액(원; 선정은 비우면 신청 금액, 미선정은 비움)").fill("1,000,000")
    page.get_by_label("결정 사유(조정·미선정은 반드시; 이름·연락처는 적지 마세요)").fill("배분 예산 범위에서 일부 지원")
    page.get_by_label("찬성", exact=True).fill("2")
    page.get_by_label("반대", exact=True).fill("2")
    with page.expect_navigation():
        page.get_by_role("button", name="결정 기록").click()
    audit(page)
    expect(page.get_by_role("alert")).to_contain_text("과반이 아니어서")
    # What was typed comes back; only the vote changes.
    expect(page.get_by_label("조정 선정", exact=True)).to_be_checked()
    expect(page.get_by_label("지원 결정 금액(원; 선정은 비우면 신청 금액, 미선정은 비움)")).to_have_value("1,000,000")
    expect(page.get_by_label("결정 사유(조정·미선정은 반드시; 이름·연락처는 적지 마세요)")).to_have_value("배분 예산 범위에서 일부 지원")
    page.get_by_label("찬성", exact=True).fill("3")
    page.get_by_label("반대", exact=True).fill("1")
    with page.expect_navigation():
        page.get_by_role("button", name="결정 기록").click()
    audit(page)
    expect(page.locator("#decision")).to_contain_text("조정 선정 1,000,000원")

    page.get_by_role("link", name=str(meeting)).click()
    page.wait_for_url(f"**/welfare/centre/chest/meetings/{meeting.pk}/")
    audit(page)
    with page.expect_navigation():
        page.get_by_role("button", name="회의 내용으로 초안 만들기").click()
    audit(page)
    body = page.get_by_label("회의록 내용")
    expect(body).to_contain_text("모****구")
    assert "모금시험가구" not in body.input_value()
    body.fill(body.input_value().replace("모****구", "모금시험가구"))
    with page.expect_navigation():
        page.get_by_role("button", name="저장(새 판)").click()
    audit(page)
    expect(page.get_by_role("alert")).to_contain_text("대상자 이름이 그대로 적혀 있습니다")
    body = page.get_by_label("회의록 내용")
    body.fill(body.input_value().replace("모금시험가구", "모****구") + "\n폐회: 16시")
    with page.expect_navigation():
        page.get_by_role("button", name="저장(새 판)").click()
    audit(page)
    with page.expect_navigation():
        page.get_by_role("button", name="회의록 확정").click()
    audit(page)
    expect(page.locator("#minutes-state")).to_contain_text("확정된 회의록입니다")
    expect(page.locator("#minutes-body")).to_contain_text("폐회: 16시")
    expect(page.get_by_label("회의록 내용")).to_have_count(0)
    minutes = ChestMinutes.objects.get(meeting=meeting)
    assert minutes.final and minutes.version == 2 and "모금시험가구" not in minutes.body


def test_the_programme_pages_fit_a_360_px_phone(phone_page):  # type: ignore[no-untyped-def]
    page = phone_page
    _staff2(page)
    application = ChestApplication.objects.filter(state="granted").order_by("pk").first()
    meeting = ChestMeeting.objects.filter(minutes__finalised_at__isnull=False).order_by("pk").first()
    assert application is not None and meeting is not None  # the demo has decided applications and final minutes
    assert Client.objects.filter(sponsorships__isnull=False).exists()  # and 100가정 보듬기 matches
    for url, heading in (("/welfare/centre/chest/", "공동모금회 지원 신청"),
                         (f"/welfare/centre/chest/{application.pk}/", "공동모금회 지원 신청 "),
                         ("/welfare/centre/chest/committee/", "배분위원회"),
                         (f"/welfare/centre/chest/meetings/{meeting.pk}/", "회의"),
                         ("/welfare/centre/chest/summary/", "공동모금회 지원 현황"),
                         ("/welfare/centre/sponsorships/", "100가정 보듬기"),
                         ("/welfare/centre/sponsorships/summary/", "100가정 보듬기 구 전체 현황"),
                         ("/welfare/centre/partnerships/", "I WISH")):
        page.goto(url)
        audit(page)
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        _fits(page)
    expect(page.get_by_role("table").first).to_contain_text("*")  # households masked
