"""The staff request page lists the files registered for the request and links to attach one;
the requester's download keeps its Korean file name."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.utils import timezone

from opengu.disclosure import services
from tests.disclosure.conftest import assign, file
from tests.disclosure.pdfs import make_pdf
from tests.personas import login_as

pytestmark = pytest.mark.django_db


def _attach(personas, request, number: str = "자치행정과-77"):
    return services.document_register(
        actor=personas.staff, number=number, title="처리 결과 보고", department=personas.department,
        approved_on=timezone.localdate(), approver="과장", retention="5년", disclosure_class="open",
        article_9_item=None, pdf=make_pdf(["처리 결과 보고"]), request=request, in_public_list=False,
    )


def test_the_request_page_offers_to_attach_a_file_prefilled_with_the_request_number(client, personas):
    request = assign(personas, file(personas))
    login_as(client, personas.staff)
    page = client.get(f"/disclosure/staff/{request.pk}/").content.decode()
    assert "이 청구에 등록한 파일이 없습니다." in page
    link = f"/disclosure/staff/documents/?request={quote(request.number)}"
    assert link in page
    form = client.get(link).content.decode()
    assert f'name="request_number" maxlength="20" value="{request.number}"' in form


def test_the_request_page_lists_its_files_and_whether_the_requester_can_download_them(client, personas):
    request = assign(personas, file(personas))
    document = _attach(personas, request)
    login_as(client, personas.staff)
    page = client.get(f"/disclosure/staff/{request.pk}/").content.decode()
    assert f"/disclosure/staff/documents/{document.pk}/" in page and "가림 검토 중" in page
    services.document_publish(actor=personas.staff, document=document)
    page = client.get(f"/disclosure/staff/{request.pk}/").content.decode()
    assert "청구인이 내려받을 수 있음" in page


def test_an_auditor_reads_the_page_without_the_attach_link(client, personas):
    request = assign(personas, file(personas))
    login_as(client, personas.auditor)
    page = client.get(f"/disclosure/staff/{request.pk}/").content.decode()
    assert "이 청구에 공개할 파일 등록" not in page


def test_the_requester_download_names_the_file_in_rfc_6266_form(client, personas):
    request = assign(personas, file(personas))
    services.request_draft_decision(actor=personas.staff, request=request, kind="disclose")
    services.request_decide(actor=personas.staff, request=request)
    document = _attach(personas, request)
    services.document_publish(actor=personas.staff, document=document)
    login_as(client, personas.resident)
    response = client.get(f"/disclosure/mine/{request.number}/documents/{document.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote('자치행정과-77-v1.pdf')}"
