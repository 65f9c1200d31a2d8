"""The filing form: personal data kept out of the title and content, every problem listed at once."""

from __future__ import annotations

import re

import pytest

from opengu.disclosure.models import DisclosureRequest
from opengu.lib import pii
from tests.disclosure.conftest import register
from tests.personas import login_as

pytestmark = pytest.mark.django_db

FORM = {"requester_name": "홍길동", "requester_phone": "010-2222-3333", "subject": "연희동 공원 정비 공사 계약서",
        "content": "2026년 계약서 사본", "method": "electronic", "delivery": "online", "consent": "1",
        "in_public_register": "1"}


def test_a_phone_number_in_the_title_or_content_is_refused_and_what_was_typed_is_kept(client, personas):
    login_as(client, personas.resident)
    response = client.post("/disclosure/new/", {
        **FORM, "subject": "연희동 공원 정비 공사 계약서 010-1234-5678로 연락주세요",
        "content": "답은 010-9876-5432로 주세요"})
    body = response.content.decode()
    assert response.status_code == 400 and not DisclosureRequest.objects.exists()
    assert "청구 제목에 전화번호(010-****-5678)가 있습니다." in body
    assert "청구 내용에 전화번호(010-****-5432)가 있습니다." in body
    assert "전화번호·전자우편 칸" in body
    # What was typed stays in the form, so nothing has to be written again.
    assert 'value="연희동 공원 정비 공사 계약서 010-1234-5678로 연락주세요"' in body
    assert "답은 010-9876-5432로 주세요</textarea>" in body
    assert 'id="subject" name="subject"' in body and 'aria-describedby="subject-error"' in body
    assert 'aria-describedby="content-error"' in body


def test_an_email_address_or_registration_number_in_the_content_is_refused(client, personas):
    login_as(client, personas.resident)
    for content, kind in [("hong@example.com 으로 회신", "전자우편 주소"), ("주민번호 900101-1234568 첨부", "주민등록번호")]:
        body = client.post("/disclosure/new/", {**FORM, "content": content}).content.decode()
        assert f"청구 내용에 {kind}(" in body, content
    assert not DisclosureRequest.objects.exists()
    assert client.post("/disclosure/new/", FORM).status_code == 302


def test_the_public_register_masks_personal_data_in_a_title_registered_from_paper(client, personas):
    import datetime as dt

    from django.utils import timezone

    request = register(personas, timezone.localdate() - dt.timedelta(days=1),
                       subject="청사 청소 용역 계약 현황 010-1234-5678 회신 요망")
    request.in_public_register = True
    request.save(update_fields=["in_public_register"])
    body = client.get("/disclosure/register/").content.decode()
    assert "청사 청소 용역 계약 현황 010-****-5678 회신 요망" in body
    assert "1234" not in re.sub(r"\s", "", body.split("<main", 1)[-1]).replace("010-****-5678", "")
    csv = b"".join(client.get("/disclosure/register/?format=csv").streaming_content).decode("utf-8-sig")
    assert "010-****-5678" in csv and "010-1234-5678" not in csv
    api = client.get("/api/v1/disclosure/register").json()
    assert "010-1234-5678" not in str(api) and "010-****-5678" in str(api)


def test_every_problem_is_listed_at_once_next_to_its_field(client, personas):
    login_as(client, personas.resident)
    response = client.post("/disclosure/new/", {"requester_name": "", "requester_phone": "", "subject": "",
                                                "content": "", "method": "electronic", "delivery": "online"})
    body = response.content.decode()
    assert response.status_code == 400
    for field, message in [("requester_name", "성명을 입력해 주세요."),
                           ("requester_phone", "결과를 알려 드릴 연락처(전화번호, 전자우편 또는 주소)를 하나 이상 입력해 주세요."),
                           ("subject", "청구 제목을 입력해 주세요."), ("content", "청구 내용을 입력해 주세요."),
                           ("consent", "개인정보 수집·이용에 동의해야 청구할 수 있습니다.")]:
        assert f'<p class="errorlist" id="{field}-error">{message}</p>' in body, field
        assert re.search(rf'id="{field}"[^>]*aria-invalid="true" aria-describedby="{field}-error"', body), field
        assert f'<a href="#{field}">{message}</a>' in body, field
    assert "고칠 곳이 5군데 있습니다." in body
    assert "(를)" not in body and "(은)" not in body
    # With consent ticked the other problems still all show.
    body = client.post("/disclosure/new/", {"method": "electronic", "delivery": "online", "consent": "1"}).content.decode()
    assert "성명을 입력해 주세요." in body and "청구 제목을 입력해 주세요." in body and "청구 내용을 입력해 주세요." in body
    assert 'id="consent-error"' not in body
    assert not DisclosureRequest.objects.exists()


def test_mask_in_text_masks_every_hit_in_place():
    text = "연락 010-1234-5678, hong@example.com, 02-312-3456 끝"
    masked = pii.mask_in_text(text)
    assert masked.startswith("연락 010-****-5678, ") and masked.endswith(" 끝")
    assert not pii.scan(masked) and "hong@example.com" not in masked
    assert pii.mask_in_text("개인정보 없는 제목") == "개인정보 없는 제목"


def test_a_civil_period_is_explained_in_plain_words_on_the_requesters_page():
    import datetime as dt

    from opengu.disclosure.views import _plain_working
    from opengu.lib import workdays

    working = workdays.add_civil(dt.date(2026, 11, 27), 30).as_dict()
    plain = _plain_working(working)
    assert plain["sentence"].startswith("2026년 11월 27일 다음 날부터 30일을 셉니다.")
    assert plain["skipped"][0]["reason"] == "다음 날부터 셉니다."
    assert all("민법" not in s["reason"] and "불산입" not in s["reason"] for s in plain["skipped"])
