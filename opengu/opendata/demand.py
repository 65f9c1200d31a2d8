"""Demand and release (plan §6-1): residents ask for data, support each other's requests, staff
answer, and everyone who asked is told when the data is released.

Writes (`data_request_*`) are keyword-only and atomic; messages to requesters and supporters are
queued in the outbox inside the same transaction, so nobody is told of an answer that was rolled
back, and each carries a key that makes a repeated answer harmless.

Priority = people who want the data (requester and supporters) × their average stated use, which
is simply the sum of each person's stated use (1 참고 … 5 창업·사업 운영).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from opengu.core.audit import audit_event_record
from opengu.core.calendar import deadline
from opengu.core.models import Department, User
from opengu.lib import pii
from opengu.lib.workdays import CIVIL, Working
from opengu.messaging import services as messaging
from opengu.opendata import permissions
from opengu.opendata.models import DataRequest, DataRequestSupport, Dataset

log = logging.getLogger(__name__)

Status = DataRequest.Status
Notify = DataRequest.Notify
CLOSED = {Status.RELEASED, Status.REFUSED}
DECIDED = {Status.PLANNED, Status.RELEASED, Status.REFUSED}  # Art. 27(3): 제공 여부 결정
DECISION_DAYS = 10  # Art. 27(3); Art. 27(4) allows one extension of up to 10 more


def decision_deadline(received: dt.date) -> Working:
    """Art. 27(3): 10 days from receipt, counted as the civil code does (the act has no rule of its
    own): the day of receipt not counted, a last day off moves to the next working day."""
    return deadline(received, DECISION_DAYS, CIVIL)


def extended_deadline(decide_by: dt.date) -> Working:
    """Art. 27(4): up to 10 days counted from the day after the first deadline."""
    return deadline(decide_by, DECISION_DAYS, CIVIL)
TITLE_MAX = 200
PURPOSE_MAX = 2000


def _no_personal_data(errors: dict[str, str], field: str, text: str) -> None:
    if pii.scan(text):
        errors[field] = ("요청 내용은 누구나 볼 수 있습니다. 전화번호, 주민등록번호, 전자우편 같은 "
                         "개인정보를 지우고 다시 적어 주세요.")


def _check_choices(errors: dict[str, str], use: Any, notify_by: str) -> None:
    if use not in DataRequest.Use.values:
        errors["use"] = "활용 분야를 목록에서 골라 주세요."
    if notify_by not in Notify.values:
        errors["notify_by"] = "알림 받을 방법을 목록에서 골라 주세요."


@transaction.atomic
def data_request_submit(*, actor: User, title: str, purpose: str, use: int, notify_by: str = Notify.EMAIL,
                        department: Department | None = None) -> DataRequest:
    """A logged-in user asks for a dataset. Submitting the same open request twice returns the first."""
    if not permissions.can_request_data(actor):
        raise PermissionDenied
    title, purpose = (title or "").strip(), (purpose or "").strip()
    errors: dict[str, str] = {}
    if len(title) < 2:
        errors["title"] = "어떤 데이터가 필요한지 2자 이상 적어 주세요."
    elif len(title) > TITLE_MAX:
        errors["title"] = f"필요한 데이터는 {TITLE_MAX}자 이내로 적어 주세요."
    if len(purpose) < 5:
        errors["purpose"] = "필요한 이유를 5자 이상 적어 주세요."
    elif len(purpose) > PURPOSE_MAX:
        errors["purpose"] = f"필요한 이유는 {PURPOSE_MAX:,}자 이내로 적어 주세요."
    _no_personal_data(errors, "title", title)
    if "purpose" not in errors:
        _no_personal_data(errors, "purpose", purpose)
    _check_choices(errors, use, notify_by)
    if errors:
        raise ValidationError(errors)
    existing = DataRequest.objects.filter(requester=actor, title=title).exclude(status__in=CLOSED).first()
    if existing is not None:
        return existing
    request = DataRequest.objects.create(title=title, purpose=purpose, use=use, notify_by=notify_by,
                                         department=department, requester=actor, value_total=use,
                                         decide_by=decision_deadline(timezone.localdate()).due)
    audit_event_record(actor=actor, action="opendata.request.submit", target=request, summary=title)
    return request


def data_request_support(*, actor: User, request: DataRequest, use: int = DataRequest.Use.DAILY_LIFE,
                         notify_by: str = Notify.EMAIL) -> tuple[DataRequestSupport, bool]:
    """Support (공감) someone else's open request, once; a second submit returns the first support.

    Returns (support, created). The request row is locked, so a support and an answer that closes
    the request cannot cross.
    """
    if not permissions.can_request_data(actor):
        raise PermissionDenied
    errors: dict[str, str] = {}
    _check_choices(errors, use, notify_by)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            locked = DataRequest.objects.select_for_update().get(pk=request.pk)
            if locked.requester_id == actor.pk:
                raise ValidationError({"request": "직접 요청하신 데이터입니다. 요청한 분은 이미 공감 수에 들어 있습니다."})
            if locked.status in CLOSED:
                raise ValidationError({"request": f"이미 처리가 끝난 요청입니다({locked.get_status_display()})."})
            support = DataRequestSupport.objects.create(request=locked, user=actor, use=use, notify_by=notify_by)
            DataRequest.objects.filter(pk=locked.pk).update(supporter_count=F("supporter_count") + 1,
                                                            value_total=F("value_total") + use)
            audit_event_record(actor=actor, action="opendata.request.support", target=locked, summary=locked.title)
    except IntegrityError:
        # Two clicks or two tabs: the unique constraint keeps one support, the second is a no-op.
        return DataRequestSupport.objects.get(request=request, user=actor), False
    request.refresh_from_db(fields=["supporter_count", "value_total", "status"])
    return support, True


@transaction.atomic
def data_request_answer(*, actor: User, request: DataRequest, status: str, answer: str = "",
                        refusal_reason: str = "", planned_for: dt.date | None = None,
                        dataset: Dataset | None = None, department: Department | None = None,
                        extension_reason: str = "") -> DataRequest:
    """Staff triage: set the status and answer. 공개 불가 needs a reason; 공개 완료 a published dataset.

    A decision (공개 예정, 공개 완료, 공개 불가; Art. 27(3)) tells the requester and every supporter,
    each in the way they chose. `extension_reason`, while undecided, extends the deadline once by
    10 days (Art. 27(4)) and tells the requester why.
    """
    locked = DataRequest.objects.select_for_update().get(pk=request.pk)
    if not permissions.can_answer_data_request(actor, locked):
        raise PermissionDenied
    errors: dict[str, str] = {}
    answer, refusal_reason = (answer or "").strip(), (refusal_reason or "").strip()
    if status not in Status.values:
        errors["status"] = "처리 상태를 목록에서 골라 주세요."
    if status == Status.REFUSED and len(refusal_reason) < 5:
        errors["refusal_reason"] = "공개 불가 사유를 5자 이상 적어 주세요(근거 법령이 있으면 함께)."
    if status == Status.RELEASED:
        if dataset is None:
            errors["dataset"] = "공개한 데이터셋을 골라 주세요."
        elif not dataset.published:
            errors["dataset"] = f"'{dataset.title}'은(는) 아직 공개되지 않았습니다. 먼저 공개해 주세요."
    if status == Status.PLANNED and planned_for is not None and planned_for < timezone.localdate():
        errors["planned_for"] = "공개 예정일이 오늘보다 이릅니다."
    extension_reason = (extension_reason or "").strip()
    extend = bool(extension_reason) and not locked.extension_reason
    if extension_reason and status in DECIDED:
        errors["extension_reason"] = "기한 연장은 아직 결정하지 않은 요청(접수, 검토 중)에만 합니다."
    elif extension_reason and locked.extension_reason and extension_reason != locked.extension_reason:
        errors["extension_reason"] = "결정 기한은 한 번만 연장할 수 있습니다(공공데이터법 제27조제4항)."
    elif extend and len(extension_reason) < 5:
        errors["extension_reason"] = "연장 사유를 5자 이상 적어 주세요."
    if department is not None and department.pk != locked.department_id \
            and not permissions.can_assign_data_request(actor, locked, department):
        errors["department"] = "다른 부서로 넘길 권한이 없습니다."
    if errors:
        raise ValidationError(errors)
    previous = locked.status
    locked.status = status
    locked.answer = answer
    locked.refusal_reason = refusal_reason if status == Status.REFUSED else ""
    locked.planned_for = planned_for if status == Status.PLANNED else None
    if status == Status.RELEASED:
        locked.dataset = dataset
    if department is not None:
        locked.department = department
    if extend and locked.decide_by is not None:
        locked.extension_reason = extension_reason
        locked.decide_by = extended_deadline(locked.decide_by).due
    if status in DECIDED and locked.decided_at is None:
        locked.decided_at = timezone.now()
    locked.answered_by = actor
    locked.answered_at = timezone.now()
    locked.save()
    audit_event_record(actor=actor, action="opendata.request.answer", target=locked,
                       summary=f"{locked.get_status_display()}: {locked.title}", previous=previous, status=status)
    if status in DECIDED and previous != status:
        _tell_everyone(locked)
    elif extend:
        _tell(locked, locked.requester, locked.notify_by, key=f"opendata-request-{locked.pk}-extended",
              subject="[서대문구 열린데이터] 데이터 개방 요청의 결정 기한을 연장했습니다",
              body=(f"'{locked.title}' 요청의 제공 여부 결정 기한을 {locked.decide_by:%Y-%m-%d}까지 연장했습니다"
                    f"(공공데이터법 제27조제4항).\n\n사유: {locked.extension_reason}\n"),
              sms=f"[서대문구] 데이터 개방 요청 결정 기한이 {locked.decide_by:%m월 %d일}까지 연장되었습니다.")
    return locked


def _contact(user: User) -> tuple[str, str]:
    resident = getattr(user, "resident", None) if user.is_resident else None
    if resident is not None:
        return (resident.email or "").strip(), (resident.phone or "").strip()
    return (user.email or "").strip(), ""


def _message(request: DataRequest) -> tuple[str, str, str]:
    """(subject, e-mail body, SMS text)."""
    if request.status == Status.PLANNED:
        when = f"{request.planned_for:%Y-%m-%d}" if request.planned_for else "정해지는 대로"
        subject = "[서대문구 열린데이터] 요청하신 데이터를 공개하기로 했습니다"
        body = f"'{request.title}' 요청에 따라 데이터를 공개하기로 결정했습니다. 공개 예정일: {when}\n"
        sms = f"[서대문구] 데이터 개방 요청 '{request.title[:20]}'을 공개하기로 했습니다. 공개되면 다시 알려 드립니다."
    elif request.status == Status.RELEASED:
        assert request.dataset is not None
        subject = "[서대문구 열린데이터] 요청하신 데이터를 공개했습니다"
        body = (f"'{request.title}' 요청에 따라 데이터를 공개했습니다.\n\n"
                f"데이터셋: {request.dataset.title}\n주소: /data/{request.dataset.slug}/\n")
        sms = f"[서대문구] 요청하신 데이터 '{request.title[:20]}'를 공개했습니다. 열린데이터 광장에서 보세요."
    else:
        subject = "[서대문구 열린데이터] 데이터 개방 요청에 답변했습니다"
        body = f"'{request.title}' 요청은 공개할 수 없습니다.\n\n사유: {request.refusal_reason}\n"
        sms = f"[서대문구] 데이터 개방 요청 '{request.title[:20]}'에 답변했습니다. 열린데이터 광장에서 보세요."
    if request.answer:
        body += f"\n답변: {request.answer}\n"
    body += f"\n요청 보기: /data/requests/{request.pk}/\n"
    return subject, body, sms


def _tell_everyone(request: DataRequest) -> None:
    subject, body, sms = _message(request)
    people: list[tuple[User, str]] = [(request.requester, request.notify_by)]
    people += [(s.user, s.notify_by) for s in request.supports.select_related("user", "user__resident")]
    for user, notify_by in people:
        _tell(request, user, notify_by, key=f"opendata-request-{request.pk}-{request.status}-{user.pk}",
              subject=subject, body=body, sms=sms)


def _tell(request: DataRequest, user: User, notify_by: str, *, key: str, subject: str, body: str, sms: str) -> None:
    """Queue one message in the way `user` chose (the other way when that contact is missing)."""
    if notify_by == Notify.NONE:
        return
    email, phone = _contact(user)
    order = [("email", email), ("sms", phone)] if notify_by == Notify.EMAIL else [("sms", phone), ("email", email)]
    channel, address = next(((c, a) for c, a in order if a), ("", ""))
    try:
        with transaction.atomic():  # a bad address drops only its own message
            if channel == "email":
                messaging.email_send(to=address, subject=subject, body=body, key=key)
            elif channel == "sms":
                messaging.sms_send(to=address, text=sms, key=key, subject="서대문구 열린데이터")
    except (ValueError, ValidationError):
        log.warning("data request %s: message to user %s not queued: contact not valid", request.pk, user.pk)


# ---------------------------------------------------------------- reads

def data_request_list(*, status: str = "", department: str = "", order: str = "new") -> QuerySet[DataRequest]:
    """The public list: never the requester. `order` is new (newest first) or support."""
    requests = DataRequest.objects.select_related("department", "dataset")
    if status in Status.values:
        requests = requests.filter(status=status)
    if department:
        requests = requests.filter(department__code=department)
    if order == "support":
        return requests.order_by("-supporter_count", "-created_at")
    return requests.order_by("-created_at")


def data_request_get(pk: int) -> DataRequest | None:
    return DataRequest.objects.select_related("department", "dataset", "requester", "requester__resident",
                                              "answered_by").filter(pk=pk).first()


def data_request_status_counts() -> list[tuple[str, str, int]]:
    """(status value, label, count) for every status, zeros included: the list's chart."""
    counts = dict(DataRequest.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    return [(value, str(label), counts.get(value, 0)) for value, label in Status.choices]


@dataclass(frozen=True)
class Priority:
    request: DataRequest
    people: int
    average_use: float
    score: int

    @property
    def explanation(self) -> str:
        return gettext("%(people)s명 × 평균 활용 가치 %(average).1f = %(score)s점") % {
            "people": self.people, "average": self.average_use, "score": self.score}


def data_request_priorities(*, include_closed: bool = False) -> list[Priority]:
    """Open requests ranked by score (people × average stated use), ties by the earlier request."""
    requests = DataRequest.objects.select_related("department")
    if not include_closed:
        requests = requests.exclude(status__in=CLOSED)
    ranked = []
    for request in requests.order_by("-value_total", "created_at"):
        people = request.supporter_count + 1
        ranked.append(Priority(request=request, people=people, average_use=request.value_total / people,
                               score=request.value_total))
    return ranked


def data_request_overdue(request: DataRequest, today: dt.date | None = None) -> bool:
    """Undecided after its deadline (Art. 27(3), extended under (4))."""
    today = today or timezone.localdate()
    return request.status not in DECIDED and request.decide_by is not None and request.decide_by < today


def data_request_supported_by(user: Any, request: DataRequest) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return DataRequestSupport.objects.filter(request=request, user=user).exists()
