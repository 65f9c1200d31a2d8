"""Original documents (원문공개): register, redaction review, publication, leak check, pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from opengu.core.models import AuditEvent, PersonalDataAccess
from opengu.disclosure import redaction, services
from opengu.disclosure.models import DocumentClass, OriginalDocument, Redaction
from opengu.disclosure.services import DisclosureError
from tests.disclosure.pdfs import KEPT, PERSONAL, make_pdf
from tests.personas import as_each, login_as

pytestmark = pytest.mark.django_db


def register(personas, disclosure_class="partial", pdf=None, number="도로과-1201", **kwargs) -> OriginalDocument:
    return services.document_register(
        actor=personas.staff, number=number, title="도로 점용 허가 민원 처리 결과 보고",
        department=personas.department, approved_on=timezone.localdate() - dt.timedelta(days=3),
        approver="도로과장", retention="5년", disclosure_class=disclosure_class,
        article_9_item=None if disclosure_class == "open" else 6, pdf=make_pdf() if pdf is None else pdf, **kwargs,
    )


def accept_all(personas, document) -> None:
    for row in document.redactions.all():
        services.redaction_decide(actor=personas.staff, redaction_row=row, accept=True)


def published_text(document: OriginalDocument) -> str:
    document.refresh_from_db()
    return "".join(redaction.page_texts(services._read(document.published_file)))


def test_partial_document_is_scanned_on_registration(personas):
    document = register(personas)
    kinds = set(document.redactions.values_list("kind", flat=True))
    assert {"name", "rrn", "phone", "email", "passport", "driver_licence", "account"} <= kinds
    assert all(r.status == Redaction.Status.PROPOSED for r in document.redactions.all())
    # The removed text is stored encrypted; pages show the masked form.
    assert document.redactions.get(kind="rrn").masked == "900101-1******"


def test_publishing_needs_every_candidate_decided(personas):
    document = register(personas)
    with pytest.raises(DisclosureError, match="검토하지 않은"):
        services.document_publish(actor=personas.staff, document=document)
    assert OriginalDocument.objects.get(pk=document.pk).published_on is None


def test_published_partial_document_has_the_personal_data_removed_with_grounds(personas):
    document = register(personas)
    accept_all(personas, document)
    services.document_publish(actor=personas.staff, document=document)
    text = published_text(document)
    for value in PERSONAL:
        assert value not in text
    for line in KEPT:
        assert line in text
    event = AuditEvent.objects.get(action="disclosure.document.publish")
    assert event.params["redactions"] and all("제9조제1항제6호" in r["ground"] for r in event.params["redactions"])


def test_rejected_candidate_stays_in_the_published_file(personas):
    document = register(personas)
    accept_all(personas, document)
    row = document.redactions.get(kind="email")
    services.redaction_decide(actor=personas.staff, redaction_row=row, accept=False)
    services.document_publish(actor=personas.staff, document=document)
    text = published_text(document)
    assert "hong.gildong@example.com" in text and "900101-1234568" not in text


def test_staff_add_a_region_the_scan_missed_with_its_ground(personas):
    document = register(personas)
    accept_all(personas, document)
    services.redaction_add(actor=personas.staff, document=document, page=0, text="연희로 12", article_9_item=6,
                           reason="민원인 주소")
    with pytest.raises(DisclosureError) as caught:
        services.redaction_add(actor=personas.staff, document=document, page=0, text="없는 글자")
    assert caught.value.field == "text"
    services.document_publish(actor=personas.staff, document=document)
    text = published_text(document)
    assert "연희로 12" not in text and "보도 점용을 3개월간 허가함" in text


def test_another_published_version_that_reveals_the_hidden_text_blocks_publication(personas):
    first = register(personas, disclosure_class="open")
    services.document_publish(actor=personas.staff, document=first)
    second = register(personas)
    assert second.version == 2
    accept_all(personas, second)
    with pytest.raises(DisclosureError, match="다른 판"):
        services.document_publish(actor=personas.staff, document=second)
    assert OriginalDocument.objects.get(pk=second.pk).published_on is None


def test_closed_documents_are_listed_but_never_published(personas, client):
    document = register(personas, disclosure_class="closed")
    with pytest.raises(DisclosureError):
        services.document_publish(actor=personas.staff, document=document)
    page = client.get("/disclosure/documents/").content.decode()
    assert document.title in page and f"/disclosure/documents/{document.pk}/file/" not in page


def test_bad_input_names_the_field(personas):
    for kwargs, field in [({"disclosure_class": "secret"}, "disclosure_class"), ({"pdf": b"not a pdf"}, "original")]:
        with pytest.raises(DisclosureError) as caught:
            register(personas, **kwargs)
        assert caught.value.field == field
    with pytest.raises(DisclosureError) as caught:
        services.document_register(actor=personas.staff, number="x", title="x", department=personas.department,
                                   approved_on=timezone.localdate(), approver="과장", retention="5년",
                                   disclosure_class="partial", article_9_item=None)
    assert caught.value.field == "article_9_item"
    assert not OriginalDocument.objects.exists()


def test_other_department_cannot_review_or_publish(personas):
    document = register(personas)
    row = document.redactions.first()
    with pytest.raises(DisclosureError):
        services.redaction_decide(actor=personas.other_staff, redaction_row=row, accept=True)
    with pytest.raises(DisclosureError):
        services.document_publish(actor=personas.other_staff, document=document)


def test_public_search_by_department_and_month(personas, client):
    document = register(personas, disclosure_class="open")
    services.document_publish(actor=personas.staff, document=document)
    month = f"{document.approved_on:%Y-%m}"
    assert document.title in client.get(f"/disclosure/documents/?month={month}&q=점용허가를").content.decode()
    assert document.title not in client.get(f"/disclosure/documents/?department={personas.other_department.pk}").content.decode()
    body = b"".join(client.get(f"/disclosure/documents/?month={month}&format=csv").streaming_content).decode()
    assert body.startswith("\ufeff문서번호") and document.number in body
    response = client.get(f"/disclosure/documents/{document.pk}/file/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_page_permissions(personas, client):
    document = register(personas)
    for url in ["/disclosure/documents/"]:
        assert set(as_each(client, personas, url).values()) == {200}
    # Not yet published: no public file.
    assert set(as_each(client, personas, f"/disclosure/documents/{document.pk}/file/").values()) == {404}
    codes = as_each(client, personas, "/disclosure/staff/documents/")
    assert codes["anonymous"] == 302 and codes["resident"] == 403 and codes["staff"] == 200
    codes = as_each(client, personas, f"/disclosure/staff/documents/{document.pk}/")
    assert codes["anonymous"] == 302 and codes["resident"] == 403 and codes["other_staff"] == 403
    assert codes["staff"] == 200 and codes["auditor"] == 200 and codes["disclosure_officer"] == 200
    row = document.redactions.first()
    codes = as_each(client, personas, f"/disclosure/staff/documents/{document.pk}/accept/", "post",
                    {"redaction": row.pk})
    assert codes["resident"] == 403 and codes["other_staff"] == 403 and codes["auditor"] == 403
    assert codes["staff"] == 302


def test_reading_the_original_is_logged(personas, client):
    document = register(personas)
    login_as(client, personas.staff)
    response = client.get(f"/disclosure/staff/documents/{document.pk}/original/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert PersonalDataAccess.objects.filter(subject="disclosure.document", actor=personas.staff).exists()
    page = client.get(f"/disclosure/staff/documents/{document.pk}/").content.decode()
    assert "900101-1******" in page and "900101-1234568" not in page


def test_review_on_the_page_then_publish(personas, client):
    document = register(personas)
    login_as(client, personas.staff)
    for row in document.redactions.all():
        client.post(f"/disclosure/staff/documents/{document.pk}/accept/", {"redaction": row.pk})
    client.post(f"/disclosure/staff/documents/{document.pk}/publish/")
    document.refresh_from_db()
    assert document.published_on == timezone.localdate() and document.disclosure_class == DocumentClass.PARTIAL
    assert "900101-1234568" not in published_text(document)
