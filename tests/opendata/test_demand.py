"""Demand and release (plan §6-1): requests, support, staff answers, priority, and telling
everyone who asked — through the real outbox, a real SMTP server and the local SMS gateway."""

from __future__ import annotations

import datetime as dt
import email
import email.policy

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from opengu.core.models import PersonalDataAccess, Resident, User
from opengu.messaging.models import OutboxMessage
from opengu.messaging.services import messaging_deliver_due
from opengu.opendata import demand, services
from opengu.opendata.models import DataRequest, DataRequestSupport
from tests.messaging.conftest import sms_gateway, smtp_server  # noqa: F401 (fixtures)
from tests.personas import login_as

pytestmark = pytest.mark.django_db

Use = DataRequest.Use
Status = DataRequest.Status
Notify = DataRequest.Notify


@pytest.fixture(autouse=True)
def _no_quiet_hours(settings):
    settings.OPENGU_QUIET_HOURS = "off"


def _request(personas, **kwargs) -> DataRequest:
    fields = {"title": "공공 와이파이 설치 위치", "purpose": "동네 와이파이 지도를 만들고 싶습니다.", "use": Use.SERVICE,
              "notify_by": Notify.EMAIL, "department": personas.department}
    fields.update(kwargs)
    return demand.data_request_submit(actor=personas.resident, **fields)


def _text(envelope) -> str:
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    return str(message.get_body().get_content())  # type: ignore[union-attr]


def _third_resident(personas, notify_phone: str = "010-5555-0003") -> User:
    user = User.objects.create_user(username="third", password="x", kind=User.Kind.RESIDENT)
    Resident.objects.create(user=user, name="박민수", phone=notify_phone, email="third@example.com", dong=personas.dong)
    return user


# ---------------------------------------------------------------- submitting

def test_a_resident_requests_a_dataset_and_a_double_submit_keeps_one(personas):
    first = _request(personas)
    again = _request(personas)
    assert first.pk == again.pk
    assert DataRequest.objects.count() == 1
    assert (first.status, first.supporter_count, first.value_total) == (Status.RECEIVED, 0, Use.SERVICE)


@pytest.mark.parametrize(("fields", "field", "words"), [
    ({"title": "a"}, "title", "2자 이상"),
    ({"purpose": "왜"}, "purpose", "5자 이상"),
    ({"purpose": "연락은 010-9876-5432 로 주세요"}, "purpose", "개인정보"),
    ({"title": "hong@example.com 에게 자료"}, "title", "개인정보"),
    ({"use": 9}, "use", "활용 분야"),
    ({"notify_by": "pigeon"}, "notify_by", "알림 받을 방법"),
])
def test_bad_input_gets_a_korean_message_and_saves_nothing(personas, fields, field, words):
    with pytest.raises(ValidationError) as caught:
        _request(personas, **fields)
    assert words in " ".join(caught.value.message_dict[field])
    assert not DataRequest.objects.exists()


def test_anonymous_cannot_request(personas):
    with pytest.raises(PermissionDenied):
        demand.data_request_submit(actor=AnonymousUser(), title="자료", purpose="필요합니다 정말로", use=1)  # type: ignore[arg-type]


# ---------------------------------------------------------------- support

def test_support_counts_once_each_and_a_second_click_is_harmless(personas):
    request = _request(personas)
    support, created = demand.data_request_support(actor=personas.other_resident, request=request, use=Use.BUSINESS)
    again, created_again = demand.data_request_support(actor=personas.other_resident, request=request, use=Use.BUSINESS)
    assert created and not created_again and support.pk == again.pk
    request.refresh_from_db()
    assert (request.supporter_count, request.value_total) == (1, Use.SERVICE + Use.BUSINESS)
    assert DataRequestSupport.objects.count() == 1


def test_the_requester_cannot_support_their_own_request_nor_anyone_a_closed_one(personas, dataset):
    request = _request(personas)
    with pytest.raises(ValidationError, match="직접 요청하신"):
        demand.data_request_support(actor=personas.resident, request=request)
    services.dataset_publish(actor=personas.staff, dataset=dataset)
    demand.data_request_answer(actor=personas.staff, request=request, status=Status.RELEASED, dataset=dataset)
    with pytest.raises(ValidationError, match="처리가 끝난"):
        demand.data_request_support(actor=personas.other_resident, request=request)


def test_support_through_the_page_twice_keeps_one(client, personas):
    request = _request(personas)
    login_as(client, personas.other_resident)
    url = f"/data/requests/{request.pk}/support/"
    for _ in range(2):
        response = client.post(url, {"use": "3", "notify_by": "sms"}, follow=True)
    assert "이미 공감하신 요청입니다" in response.content.decode()
    assert DataRequestSupport.objects.get().notify_by == Notify.SMS
    request.refresh_from_db()
    assert request.supporter_count == 1


# ---------------------------------------------------------------- answers

def test_only_the_assigned_department_answers(personas):
    request = _request(personas)
    for outsider in (personas.other_staff, personas.auditor, personas.resident):
        with pytest.raises(PermissionDenied):
            demand.data_request_answer(actor=outsider, request=request, status=Status.REVIEWING)
    answered = demand.data_request_answer(actor=personas.staff, request=request, status=Status.REVIEWING,
                                          answer="담당 팀에서 보유 여부를 확인하고 있습니다.")
    assert answered.status == Status.REVIEWING and answered.answered_by == personas.staff


def test_an_unassigned_request_is_taken_up_and_assigned_by_any_writing_staff(personas):
    request = _request(personas, department=None)
    answered = demand.data_request_answer(actor=personas.other_staff, request=request, status=Status.REVIEWING,
                                          department=personas.department)
    assert answered.department == personas.department
    with pytest.raises(PermissionDenied):  # now it belongs to 자치행정과
        demand.data_request_answer(actor=personas.other_staff, request=answered, status=Status.PLANNED)


def test_refusal_needs_a_reason_and_release_a_published_dataset(personas, dataset):
    request = _request(personas)
    with pytest.raises(ValidationError) as caught:
        demand.data_request_answer(actor=personas.staff, request=request, status=Status.REFUSED)
    assert "사유" in caught.value.message_dict["refusal_reason"][0]
    with pytest.raises(ValidationError) as caught:
        demand.data_request_answer(actor=personas.staff, request=request, status=Status.RELEASED)
    assert "데이터셋을 골라" in caught.value.message_dict["dataset"][0]
    with pytest.raises(ValidationError) as caught:
        demand.data_request_answer(actor=personas.staff, request=request, status=Status.RELEASED, dataset=dataset)
    assert "아직 공개되지 않았습니다" in caught.value.message_dict["dataset"][0]
    request.refresh_from_db()
    assert request.status == Status.RECEIVED and not OutboxMessage.objects.exists()


def test_release_links_the_dataset_and_tells_requester_and_supporters_their_way(
        personas, dataset, smtp_server, sms_gateway):  # noqa: F811
    request = _request(personas, notify_by=Notify.EMAIL)
    demand.data_request_support(actor=personas.other_resident, request=request, use=Use.RESEARCH, notify_by=Notify.SMS)
    quiet = _third_resident(personas)
    demand.data_request_support(actor=quiet, request=request, notify_by=Notify.NONE)
    services.dataset_publish(actor=personas.staff, dataset=dataset)

    released = demand.data_request_answer(actor=personas.staff, request=request, status=Status.RELEASED,
                                          dataset=dataset, answer="요청하신 자료를 공개했습니다.")
    # A second save of the same answer tells nobody twice.
    demand.data_request_answer(actor=personas.staff, request=released, status=Status.RELEASED, dataset=dataset,
                               answer="요청하신 자료를 공개했습니다.")
    run = messaging_deliver_due()

    assert released.dataset == dataset
    assert run.sent == 2 and OutboxMessage.objects.count() == 2
    [mail] = smtp_server.envelopes
    assert mail.rcpt_tos == ["resident@example.com"]
    assert "데이터셋: 서대문구 공영주차장 현황" in _text(mail) and "/data/parking/" in _text(mail)
    [sms] = sms_gateway.received()
    assert sms["to"] == "01012345678" and "공개했습니다" in sms["text"]


def test_refusal_tells_the_reason_by_mail(personas, smtp_server):  # noqa: F811
    request = _request(personas)
    demand.data_request_answer(actor=personas.staff, request=request, status=Status.REFUSED,
                               refusal_reason="개인정보가 섞여 있어 분리할 수 없습니다(공공데이터법 제17조).")
    messaging_deliver_due()
    [mail] = smtp_server.envelopes
    assert mail.rcpt_tos == ["resident@example.com"]
    assert "사유: 개인정보가 섞여 있어 분리할 수 없습니다" in _text(mail)


def test_an_answer_rolled_back_tells_nobody(personas, dataset):
    request = _request(personas)
    services.dataset_publish(actor=personas.staff, dataset=dataset)
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        demand.data_request_answer(actor=personas.staff, request=request, status=Status.RELEASED, dataset=dataset)
        raise RuntimeError("later step fails")
    request.refresh_from_db()
    assert request.status == Status.RECEIVED and not OutboxMessage.objects.exists()


# ---------------------------------------------------------------- priority

def test_priority_is_people_times_average_stated_use_and_explained(personas):
    small = _request(personas, title="가로등 위치", use=Use.CURIOSITY)
    big = _request(personas, title="공공 와이파이 설치 위치", use=Use.SERVICE)
    demand.data_request_support(actor=personas.other_resident, request=big, use=Use.BUSINESS)
    ranked = demand.data_request_priorities()
    assert [p.request.pk for p in ranked] == [big.pk, small.pk]
    top = ranked[0]
    assert (top.people, top.average_use, top.score) == (2, 4.5, 9)
    assert top.explanation == "2명 × 평균 활용 가치 4.5 = 9점"


# ---------------------------------------------------------------- pages and personal data

def test_the_public_never_sees_who_asked_staff_of_the_department_see_it_masked_and_logged(client, personas):
    request = _request(personas)
    for viewer in (None, personas.other_resident, personas.other_staff):
        login_as(client, viewer)
        for url in ("/data/requests/", f"/data/requests/{request.pk}/", "/data/requests/?export=csv"):
            body = b"".join(client.get(url)).decode("utf-8-sig") if "export" in url \
                else client.get(url).content.decode()
            assert "공공 와이파이" in body
            assert "홍길동" not in body and "홍*동" not in body and "resident@example.com" not in body
    assert not PersonalDataAccess.objects.exists()

    login_as(client, personas.staff)
    body = client.get(f"/data/requests/{request.pk}/").content.decode()
    assert "홍*동" in body and "홍길동" not in body
    access = PersonalDataAccess.objects.get()
    assert (access.actor, access.subject, access.record_ids) == (personas.staff, "opendata.datarequest", [str(request.pk)])


def test_the_request_form_shows_korean_errors_and_keeps_nothing(client, personas):
    login_as(client, personas.resident)
    response = client.post("/data/requests/new/", {"title": "자료", "purpose": "전화 010-9876-5432", "use": "2",
                                                   "notify_by": "email"})
    assert response.status_code == 400
    assert "개인정보를 지우고" in response.content.decode()
    assert not DataRequest.objects.exists()
    response = client.post("/data/requests/new/", {"title": "주차장 실시간 빈자리", "purpose": "앱을 만들려고 합니다.",
                                                   "use": "4", "notify_by": "sms", "department": ""})
    created = DataRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/data/requests/{created.pk}/"
    assert (created.requester, created.notify_by, created.department) == (personas.resident, "sms", None)


def test_staff_answer_through_the_page(client, personas, dataset):
    request = _request(personas)
    services.dataset_publish(actor=personas.staff, dataset=dataset)
    login_as(client, personas.staff)
    response = client.post(f"/data/requests/{request.pk}/answer/", {"status": "refused", "refusal_reason": ""})
    assert response.status_code == 400 and "공개 불가 사유" in response.content.decode()
    response = client.post(f"/data/requests/{request.pk}/answer/", {"status": "released", "dataset": dataset.pk,
                                                                    "answer": "공개했습니다."})
    assert response.status_code == 302
    body = client.get("/data/requests/").content.decode()
    assert "/data/parking/" in body and "공개 완료" in body
    login_as(client, personas.other_staff)
    assert client.post(f"/data/requests/{request.pk}/answer/", {"status": "reviewing"}).status_code == 403


def test_priority_page_and_export_are_for_staff(client, personas):
    _request(personas)
    login_as(client, personas.staff)
    body = client.get("/data/requests/priorities/").content.decode()
    assert "1명 × 평균 활용 가치 4.0 = 4점" in body and "<svg" in body
    export = b"".join(client.get("/data/requests/priorities/?export=csv")).decode("utf-8-sig")
    assert export.splitlines()[1].endswith(",자치행정과,접수,1,4.0,4")
    login_as(client, personas.resident)
    assert client.get("/data/requests/priorities/").status_code == 403


# ---------------------------------------------------------------- the statutory deadline (Art. 27)

def test_the_decision_is_due_ten_days_after_receipt_counted_as_the_civil_code_does():
    plain = demand.decision_deadline(dt.date(2026, 5, 1))  # Friday; day of receipt not counted
    assert plain.due == dt.date(2026, 5, 11)
    # Day ten is Monday 25 May 2026, the substitute holiday for 부처님오신날: it moves to the 26th.
    moved = demand.decision_deadline(dt.date(2026, 5, 15))
    assert moved.due == dt.date(2026, 5, 26)
    assert "민법 제161조" in moved.explain()


def test_a_new_request_carries_its_deadline_and_becomes_overdue_undecided(personas):
    request = _request(personas)
    assert request.decide_by == demand.decision_deadline(timezone.localdate()).due
    later = request.decide_by + dt.timedelta(days=1)
    assert demand.data_request_overdue(request, today=later)
    planned = demand.data_request_answer(actor=personas.staff, request=request, status=Status.PLANNED)
    assert planned.decided_at is not None and not demand.data_request_overdue(planned, today=later)


def test_the_deadline_is_extended_once_and_the_requester_is_told_why(personas, smtp_server):  # noqa: F811
    request = _request(personas)
    first = request.decide_by
    extended = demand.data_request_answer(actor=personas.staff, request=request, status=Status.REVIEWING,
                                          extension_reason="다른 기관 자료와 대조가 필요합니다.")
    assert extended.decide_by == demand.extended_deadline(first).due and extended.decide_by > first
    with pytest.raises(ValidationError, match="한 번만"):
        demand.data_request_answer(actor=personas.staff, request=extended, status=Status.REVIEWING,
                                   extension_reason="또 늦어집니다. 죄송합니다.")
    with pytest.raises(ValidationError, match="아직 결정하지 않은"):
        demand.data_request_answer(actor=personas.staff, request=_request(personas, title="다른 자료"),
                                   status=Status.PLANNED, extension_reason="연장하면서 결정합니다.")
    messaging_deliver_due()
    [mail] = smtp_server.envelopes
    assert "사유: 다른 기관 자료와 대조가 필요합니다." in _text(mail) and f"{extended.decide_by:%Y-%m-%d}" in _text(mail)
