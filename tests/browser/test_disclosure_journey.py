"""The whole disclosure journey in a real browser, as the three people involved click through it.

A resident files a request; the disclosure officer assigns it; the department extends the
deadline and drafts a 부분공개; the officer passes 사전검토; the department issues the decision,
attaches the document answering the request, accepts the redactions and publishes it; the
resident reads the notice and downloads the redacted file.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import pymupdf
from playwright.sync_api import expect

from opengu.demo import loader
from opengu.disclosure.models import DisclosureRequest, OriginalDocument, State
from tests.browser.conftest import audit, log_in
from tests.disclosure.pdfs import PERSONAL, make_pdf


def _log_out(page: Any) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="로그아웃").click()
    audit(page)


def _as(page: Any, username: str) -> None:
    log_in(page, username, loader.DEMO_PASSWORD)
    audit(page)


def _submit(page: Any, form: Any, button: str) -> None:
    """Click a form's button and check the page it lands on."""
    with page.expect_navigation():
        form.get_by_role("button", name=button, exact=True).click()
    audit(page)


def _said(page: Any, text: str) -> None:
    expect(page.get_by_role("status")).to_contain_text(text)


def test_a_request_goes_from_filing_to_a_downloaded_redacted_file(page, tmp_path):
    tag = uuid.uuid4().hex[:6]
    subject = f"연희동 보도 점용 허가 결과 보고서 {tag}"

    # The resident files online.
    _as(page, "resident")
    page.goto("/disclosure/new/")
    audit(page)
    page.get_by_role("textbox", name="청구 제목 (필수)").fill(subject)
    page.get_by_role("textbox", name=re.compile("^청구 내용")).fill("2026년 연희로 보도 점용 허가 민원의 처리 결과 보고서")
    page.get_by_label("위 개인정보 수집·이용에 동의합니다.").check()
    with page.expect_navigation():
        page.get_by_role("button", name="청구하기").click()
    audit(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(subject)
    request = DisclosureRequest.objects.get(subject=subject)
    assert request.state == State.RECEIVED
    _log_out(page)

    # The disclosure office assigns it to 자치행정과.
    _as(page, "disclosure")
    page.goto(f"/disclosure/staff/{request.pk}/")
    audit(page)
    assign = page.locator("form", has=page.get_by_role("heading", name="배부"))
    assign.get_by_label("처리 부서").select_option(label="자치행정과")
    _submit(page, assign, "배부")
    _said(page, "배부했습니다")
    _log_out(page)

    # The department extends the deadline and drafts a partial disclosure on item 6.
    _as(page, "staff")
    page.goto(f"/disclosure/staff/{request.pk}/")
    audit(page)
    extend = page.locator("form", has=page.get_by_role("heading", name=re.compile("결정기간 연장")))
    extend.get_by_label("구체적 사유").fill("보고서에 적힌 개인정보를 가리는 데 시간이 필요함")
    extend.get_by_label("연장 일수(근무일)").fill("5")
    _submit(page, extend, "연장하고 알리기")
    _said(page, "결정기간을 연장")
    expect(page.locator("p.lead")).to_contain_text("결정기간 연장")

    draft = page.locator("form", has=page.get_by_role("heading", name="결정안 작성"))
    draft.get_by_role("radio", name="부분공개").check()
    draft.get_by_role("checkbox", name=re.compile("^제6호")).check()
    draft.get_by_label("제6호의 구체적 이유").fill("민원인의 성명·연락처 등 개인정보")
    draft.get_by_label("공개하는 부분(부분공개)").fill("개인정보를 지운 처리 결과 보고서")
    _submit(page, draft, "결정안 저장")
    _said(page, "결정안을 저장")

    # Issuing the restrictive draft before 사전검토 is refused, with the reason.
    _submit(page, page.locator("form", has=page.get_by_role("button", name="결정하고 청구인에게 통지")),
            "결정하고 청구인에게 통지")
    _said(page, "사전검토")
    request.refresh_from_db()
    assert request.state == State.EXTENDED

    _submit(page, page.locator("form", has=page.get_by_role("button", name="사전검토 요청")), "사전검토 요청")
    _said(page, "사전검토를 요청")
    _log_out(page)

    # The disclosure officer passes 사전검토.
    _as(page, "disclosure")
    page.goto("/disclosure/staff/review/")
    audit(page)
    page.get_by_role("link", name=re.compile(request.number)).first.click()
    page.wait_for_url(f"**/disclosure/staff/{request.pk}/")
    audit(page)
    review = page.locator("form", has=page.get_by_role("heading", name="사전검토"))
    review.get_by_label(re.compile("검토 의견")).fill("제6호 해당, 가림 범위 적정")
    _submit(page, review, "승인")
    _said(page, "사전검토 결과")
    _log_out(page)

    # The department issues the decision, attaches the report from the request page,
    # accepts every proposed redaction and publishes the redacted file.
    _as(page, "staff")
    page.goto(f"/disclosure/staff/{request.pk}/")
    audit(page)
    _submit(page, page.locator("form", has=page.get_by_role("button", name="결정하고 청구인에게 통지")),
            "결정하고 청구인에게 통지")
    _said(page, "결정을 통지")

    files = page.get_by_role("region", name="공개 파일")
    expect(files).to_contain_text("이 청구에 등록한 파일이 없습니다.")
    with page.expect_navigation():
        files.get_by_role("link", name="이 청구에 공개할 파일 등록").click()
    audit(page)
    expect(page.get_by_label(re.compile("청구 접수번호"))).to_have_value(request.number)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(make_pdf())
    page.get_by_label("문서번호").fill(f"자치행정과-{tag}")
    page.get_by_label("제목", exact=True).fill(f"보도 점용 허가 처리 결과 보고 {tag}")
    page.get_by_label("결재일").fill("2026-03-02")
    page.get_by_label("결재권자(직위)").fill("자치행정과장")
    page.get_by_label("공개 구분").select_option(label="부분공개")
    page.get_by_label(re.compile("비공개 근거")).select_option(value="6")
    page.get_by_label("원문 PDF").set_input_files(str(pdf))
    with page.expect_navigation():
        page.get_by_role("button", name="등록", exact=True).click()
    audit(page)
    _said(page, "문서를 등록")
    document = OriginalDocument.objects.get(number=f"자치행정과-{tag}")
    assert document.request_id == request.pk and not document.in_public_list

    proposed = document.redactions.count()
    assert proposed >= len(PERSONAL)
    for index in range(proposed):
        with page.expect_navigation():
            page.locator("form[action$='/accept/']").nth(index).get_by_role("button").click()
        audit(page)
    assert not document.redactions.exclude(status="accepted").exists()
    _submit(page, page.locator("form", has=page.get_by_role("button", name="원문 공개")), "원문 공개")
    _said(page, "원문을 공개")

    page.get_by_role("link", name=request.number).click()
    page.wait_for_url(f"**/disclosure/staff/{request.pk}/")
    audit(page)
    expect(page.get_by_role("region", name="공개 파일")).to_contain_text("청구인이 내려받을 수 있음")
    disclose = page.locator("form", has=page.get_by_role("heading", name="공개 완료"))
    disclose.get_by_label("안내").fill("누리집에서 내려받으실 수 있습니다.")
    _submit(page, disclose, "공개 완료")
    _said(page, "공개를 완료")
    _log_out(page)

    # The resident reads the notice and downloads the redacted file.
    _as(page, "resident")
    page.goto("/disclosure/mine/")
    audit(page)
    row = page.get_by_role("row").filter(has_text=subject)
    expect(row).to_contain_text("공개 완료")
    with page.expect_navigation():
        row.get_by_role("link", name=request.number).click()
    audit(page)
    expect(page.get_by_role("heading", name=re.compile("결정: 부분공개"))).to_be_visible()
    steps = page.get_by_role("region", name="처리 경과와 통지")
    expect(steps).to_contain_text("연장")
    expect(steps).to_contain_text("부분공개")
    expect(steps).to_contain_text("제9조제1항제6호")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("보도 점용 허가 처리 결과 보고")).click()
    downloaded = tmp_path / "downloaded.pdf"
    download_info.value.save_as(downloaded)
    text = "".join(p.get_text() for p in pymupdf.open(downloaded))
    assert "연희로 12 앞 보도 점용" in text
    for personal in PERSONAL:
        assert personal not in text


def test_the_monitoring_page_and_its_printable_report_pass_the_accessibility_check(page):
    _as(page, "head")
    page.goto("/disclosure/staff/monitoring/")
    audit(page)
    chart = page.get_by_role("img", name="부서별 정보공개 점수(100점 만점)")
    expect(chart).to_be_visible()
    expect(page.get_by_role("table").first).to_contain_text("자치행정과")  # then the monitor panel's tables
    with page.expect_navigation():
        page.get_by_role("link", name="인쇄용 보고서").click()
    audit(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("정보공개 운영실태 보고")


def test_published_minutes_and_the_staff_minutes_page_pass_the_accessibility_check(page):
    from opengu.disclosure.models import Meeting

    page.goto("/disclosure/meetings/")
    audit(page)
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("제1차 회의")).first.click()
    audit(page)
    expect(page.get_by_role("heading", name="결정 사항")).to_be_visible()

    overdue = Meeting.objects.filter(published_on__isnull=True).order_by("id").first()
    assert overdue is not None
    _as(page, "disclosure")
    page.goto(f"/disclosure/staff/meetings/{overdue.pk}/")
    audit(page)
    expect(page.locator("p.lead")).to_contain_text("공개 기한 초과")
    expect(page.get_by_label("발언 요지")).to_contain_text("(여기에 적어 주세요)")
    with page.expect_navigation():
        page.get_by_role("button", name="개인정보 확인 후 공개").click()
    audit(page)
    # The draft shown on the page is not saved yet: the minutes are still empty.
    _said(page, "발언 요지를 적어야 공개할 수 있습니다.")
