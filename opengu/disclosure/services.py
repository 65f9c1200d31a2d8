"""Every write to a disclosure request: `request_<verb>(*, actor, request, ...)`.

Each service checks the actor's permission and the request's state, writes in one transaction,
logs a `Transition` and an audit event, recomputes the statutory dates, and tells the requester
on commit. A refused step raises `DisclosureError` with a Korean message saying why.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.db.models import Q as models_q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, override

from opengu.core.accesslog import record_access
from opengu.core.audit import audit_event_record
from opengu.core.calendar import deadline
from opengu.core.models import Department, PersonalDataAccess, PrivacyNotice, User
from opengu.core.services import consent_record
from opengu.disclosure import cycles, inventory, notify, permissions, redaction
from opengu.disclosure.models import (
    ARTICLE_9_ITEMS,
    EXTENSION_REASONS,
    FEE_WAIVER_GROUNDS,
    FINAL_STATES,
    PANEL_CRITERIA,
    PROACTIVE_FIELDS,
    RECUSAL_GROUNDS,
    RETENTION_PERIODS,
    UNDECIDED_STATES,
    AgendaDecision,
    AgendaRecusal,
    AgendaVote,
    Channel,
    Committee,
    CommitteeAgendaItem,
    CommitteeMember,
    Cycle,
    Deadline,
    Decision,
    Delivery,
    DisclosureRequest,
    DocumentClass,
    Extension,
    FeeRate,
    FeeWaiverRate,
    InventoryList,
    InventoryMismatch,
    InventoryRecord,
    InventorySource,
    Meeting,
    MeetingLink,
    Method,
    Objection,
    OriginalDocument,
    PanelMember,
    PanelRating,
    PanelResponse,
    PanelRound,
    ProactiveItem,
    ProactivePublication,
    Redaction,
    RefusalGround,
    Review,
    State,
    ThirdPartyNotice,
    Transition,
)
from opengu.lib import pii
from opengu.lib.korean import as_sentence, korean_date, with_eul, with_eun, with_ro
from opengu.lib.workdays import CIVIL, WORKDAYS, Working

SUBJECT = "disclosure.request"
REQUEST_NOTICE_KEY = "disclosure-request"
OBJECTION_HOW = (
    "이 결정에 불복하는 경우 결정 통지를 받은 날부터 30일 이내에 문서로 이의신청을 할 수 있고"
    "(정보공개법 제18조), 이의신청을 거치지 않고 행정심판(제19조) 또는 행정소송(제20조)을 제기할 수 있습니다."
)


class DisclosureError(Exception):
    """A refused step: `message` says why in Korean, `field` names the input concerned (if any).

    A form checked as a whole raises one error listing every problem (`DisclosureError.listing`): `problems`
    holds each (field, message) in the order of the form, `message` and `field` are the first of them."""

    def __init__(self, message: str, field: str = "", problems: list[tuple[str, str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.problems = problems or [(field, message)]

    @classmethod
    def listing(cls, errors: list[DisclosureError]) -> DisclosureError:
        problems = [problem for error in errors for problem in error.problems]
        return cls(problems[0][1], problems[0][0], problems)

    @property
    def by_field(self) -> dict[str, str]:
        """Each field's message(s), for showing them next to the field."""
        found: dict[str, str] = {}
        for field, message in self.problems:
            found[field] = f"{found[field]} {message}" if field in found else message
        return found


def _today() -> dt.date:
    return timezone.localdate()


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def ex_officio_threshold() -> tuple[int, int]:
    """(N refusals, M months) for 직권심의; settings DISCLOSURE_EX_OFFICIO_REFUSALS / _MONTHS."""
    return _setting("DISCLOSURE_EX_OFFICIO_REFUSALS", 3), _setting("DISCLOSURE_EX_OFFICIO_MONTHS", 6)


def _require(allowed: bool, message: str = "이 처리를 할 권한이 없습니다.") -> None:
    if not allowed:
        raise DisclosureError(message)


def _require_state(request: DisclosureRequest, states: Iterable[str], what: str) -> None:
    states = list(states)
    if request.state not in states:
        names = ", ".join(str(State(s).label) for s in states)
        raise DisclosureError(
            f"‘{request.get_state_display()}’ 상태에서는 {what}할 수 없습니다. ({names} 상태에서만 가능합니다.)"
        )


def _text(value: str, field: str, label: str, max_length: int | None = None) -> str:
    value = (value or "").strip()
    if not value:
        raise DisclosureError(f"{with_eul(label)} 입력해 주세요.", field)
    if max_length and len(value) > max_length:
        raise DisclosureError(f"{with_eun(label)} {max_length}자 이내로 입력해 주세요.", field)
    return value


def _lock(request: DisclosureRequest) -> DisclosureRequest:
    """Re-read the request under a row lock so two clicks cannot both move it."""
    list(DisclosureRequest.objects.select_for_update().filter(pk=request.pk).values_list("pk", flat=True))
    request.refresh_from_db()
    return request


def _transition(
    request: DisclosureRequest, *, actor: User | None, action: str, to_state: str | None = None,
    notice: str = "", internal: bool = False, **params: Any,
) -> Transition:
    from_state = request.state
    if to_state is not None and to_state != from_state:
        request.state = to_state
        fields = ["state"]
        if to_state in FINAL_STATES:
            request.closed_at = timezone.now()
            fields.append("closed_at")
        request.save(update_fields=fields)
    step = Transition.objects.create(
        request=request, action=action, from_state=from_state, to_state=request.state, actor=actor,
        notice=notice, internal=internal, params=params,
    )
    audit_event_record(actor=actor, action=f"disclosure.request.{action}", target=request,
                       summary=notice[:300] or action, from_state=from_state, to_state=request.state, **params)
    deadlines_recompute(request=request)
    if notice and not internal:
        notify.requester_tell(request, step, notice)
    return step


# ---------------------------------------------------------------- deadlines


REDECISION_DAYS = 10  # working days for the new decision after an upheld objection (by analogy with 법 제11조제1항)
UPHELD_OUTCOMES = (Objection.Outcome.UPHELD, Objection.Outcome.PARTLY)


def deadlines_compute(request: DisclosureRequest) -> dict[str, Working]:
    """Every statutory date of `request` from its facts and the office calendar (pure read)."""
    found: dict[str, Working] = {}
    found[Deadline.Kind.DECISION] = deadline(request.received_on, 10, WORKDAYS)
    found[Deadline.Kind.REMEDY] = deadline(request.received_on, 20, WORKDAYS)
    if request.state in UNDECIDED_STATES:
        # 법 제18조제1항: with no decision 20 days after the request, an objection may be filed within 30 days
        # from the day those 20 days have passed.
        found[Deadline.Kind.OBJECTION_WINDOW] = deadline(found[Deadline.Kind.REMEDY].due, 30, CIVIL)
    extension = Extension.objects.filter(request=request).first()
    if extension is not None:
        start = found[Deadline.Kind.DECISION].due + dt.timedelta(days=1)
        found[Deadline.Kind.EXTENDED] = deadline(start, extension.days, WORKDAYS)
    decision = Decision.objects.filter(request=request, issued_on__isnull=False).first()
    if decision is not None and decision.issued_on is not None:
        found[Deadline.Kind.OBJECTION_WINDOW] = deadline(decision.issued_on, 30, CIVIL)
        if decision.kind in (Decision.Kind.DISCLOSE, Decision.Kind.PARTIAL):
            found[Deadline.Kind.DISCLOSURE] = deadline(decision.issued_on, 10, CIVIL)
    objection = Objection.objects.filter(request=request).first()
    if objection is not None:
        found[Deadline.Kind.OBJECTION_DECISION] = deadline(objection.filed_on, 7, WORKDAYS)
        if objection.extension_reason:
            start = found[Deadline.Kind.OBJECTION_DECISION].due + dt.timedelta(days=1)
            found[Deadline.Kind.OBJECTION_EXTENDED] = deadline(start, 7, WORKDAYS)
        if objection.outcome in UPHELD_OUTCOMES and objection.decided_on is not None:
            found[Deadline.Kind.REDECISION] = deadline(objection.decided_on, REDECISION_DAYS, WORKDAYS)
    return found


def objection_window(request: DisclosureRequest) -> tuple[dt.date, dt.date] | None:
    """(first day, last day) on which an objection may be filed now (법 제18조제1항), or None: after a 비공개,
    부분공개 or 부존재 notice, 30 days from it; with no decision, from the day after day 20 for 30 days."""
    dates = deadlines_compute(request)
    if request.state in UNDECIDED_STATES:
        return dates[Deadline.Kind.REMEDY].due + dt.timedelta(days=1), dates[Deadline.Kind.OBJECTION_WINDOW].due
    decision = Decision.objects.filter(request=request, issued_on__isnull=False).first()
    if request.state in (State.DECIDED, State.DISCLOSED) and decision is not None and decision.restricts \
            and decision.issued_on is not None:
        return decision.issued_on, dates[Deadline.Kind.OBJECTION_WINDOW].due
    return None


def deadlines_current(request: DisclosureRequest, today: dt.date | None = None) -> list[Deadline]:
    """The stored dates that still bear on what happens next, soonest first: the decision dates and day 20 while
    undecided; the objection window only while an objection may be filed (not before day 20 without a decision,
    not once one was filed); the disclosure limit until disclosed; the objection decision while it is pending;
    the re-decision while it is owed. Every date stays stored for the queue, reminders and monitoring."""
    state = request.state
    undecided = state in UNDECIDED_STATES
    current: dict[str, bool] = {
        Deadline.Kind.DECISION: undecided,
        Deadline.Kind.EXTENDED: undecided,
        Deadline.Kind.REMEDY: undecided,
        Deadline.Kind.DISCLOSURE: state == State.DECIDED,
        Deadline.Kind.OBJECTION_DECISION: state == State.OBJECTED,
        Deadline.Kind.OBJECTION_EXTENDED: state == State.OBJECTED,
        Deadline.Kind.REDECISION: state == State.REDECIDING,
    }
    rows = list(request.deadlines.all())
    if any(d.kind == Deadline.Kind.OBJECTION_WINDOW for d in rows):
        current[Deadline.Kind.OBJECTION_WINDOW] = can_object_now(request, today)
    return [d for d in rows if current.get(d.kind, False)]


def can_object_now(request: DisclosureRequest, on: dt.date | None = None) -> bool:
    window = objection_window(request)
    day = on or _today()
    return window is not None and window[0] <= day <= window[1] and not Objection.objects.filter(
        request=request).exists()


def deadlines_recompute(*, request: DisclosureRequest, actor: User | None = None) -> list[str]:
    """Store the dates of `request` with their working; returns the kinds whose date changed."""
    computed = deadlines_compute(request)
    existing = {d.kind: d for d in Deadline.objects.filter(request=request)}
    changed: list[str] = []
    for kind, working in computed.items():
        row = existing.pop(kind, None)
        if row is None:
            Deadline.objects.create(request=request, kind=kind, start=working.start, days=working.days,
                                    counting=working.counting, due=working.due, working=working.as_dict())
            continue
        if row.due != working.due or row.working != working.as_dict():
            if row.due != working.due:
                changed.append(kind)
            row.start, row.days, row.counting = working.start, working.days, working.counting
            row.due, row.working = working.due, working.as_dict()
            row.save(update_fields=["start", "days", "counting", "due", "working"])
    for row in existing.values():
        row.delete()
    if changed and actor is not None:
        audit_event_record(actor=actor, action="disclosure.request.deadlines", target=request,
                           summary="휴일 변경으로 기한 재계산", kinds=changed)
    return changed


def deadlines_recompute_open(*, actor: User | None = None) -> int:
    """Recompute every request not yet final (after the office calendar changed). Returns changes."""
    changes = 0
    for request in DisclosureRequest.objects.exclude(state__in=FINAL_STATES).iterator(chunk_size=500):
        with transaction.atomic():
            changed = deadlines_recompute(request=request)
            if changed:
                changes += 1
                audit_event_record(actor=actor, action="disclosure.request.deadlines", target=request,
                                   summary="휴일 변경으로 기한 재계산", kinds=changed)
    return changes


def decision_due(request: DisclosureRequest) -> Deadline | None:
    """The deadline the decision is owed by now: the extended one if any."""
    rows = {d.kind: d for d in request.deadlines.all()}
    return rows.get(Deadline.Kind.EXTENDED) or rows.get(Deadline.Kind.DECISION)


# ---------------------------------------------------------------- intake


# The first version of the notice, stored in Korean as the legal record; marked for translation so that
# English pages can show a rendering of it (privacy_notice_shown).
REQUEST_NOTICE_TEXT = {
    "title": gettext_noop("정보공개 청구 개인정보 수집·이용 안내"),
    "items": gettext_noop("성명, 생년월일, 주소, 전화번호, 전자우편"),
    "purpose": gettext_noop("정보공개 청구의 접수·처리, 결과 통지(정보공개법 제10조제1항)"),
    "retention": gettext_noop("정보공개 처리대장 보존기간(10년)"),
    "body": gettext_noop("정보공개법 제10조제1항에 따라 청구서에 적어야 하는 항목입니다. 주민등록번호는 받지 않습니다."),
}


def privacy_notice_for_requests() -> PrivacyNotice:
    notice = PrivacyNotice.objects.filter(key=REQUEST_NOTICE_KEY).order_by("-version").first()
    if notice is None:
        notice = PrivacyNotice.objects.create(key=REQUEST_NOTICE_KEY, version=1, **REQUEST_NOTICE_TEXT)
    return notice


def privacy_notice_shown(notice: PrivacyNotice) -> dict[str, str]:
    """The notice's text in the reader's language where it is the fixed text above; a notice edited
    since (a later version) is shown as stored, since only the stored Korean text is the record."""
    return {field: gettext(text) if getattr(notice, field) == text else getattr(notice, field)
            for field, text in REQUEST_NOTICE_TEXT.items()} | {"version": str(notice.version)}


@dataclass(frozen=True)
class RequesterData:
    """법 제10조제1항제1호: name, date of birth, address and contact."""

    name: str
    birth_date: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""


def _next_number(on: dt.date) -> str:
    prefix = f"{on.year}-"
    last = DisclosureRequest.objects.filter(number__startswith=prefix).aggregate(m=Max("number"))["m"]
    seq = int(last.split("-")[1]) + 1 if last else 1
    return f"{prefix}{seq:06d}"


def _requester_problems(data: RequesterData) -> list[DisclosureError]:
    problems: list[DisclosureError] = []
    try:
        _text(data.name, "requester_name", "성명", 100)
    except DisclosureError as exc:
        problems.append(exc)
    if data.birth_date:
        try:
            born = dt.date.fromisoformat(data.birth_date)
        except ValueError:
            problems.append(DisclosureError("생년월일을 YYYY-MM-DD 형식으로 입력해 주세요.", "requester_birth_date"))
        else:
            if born > _today():
                problems.append(DisclosureError("생년월일이 오늘 이후일 수 없습니다.", "requester_birth_date"))
    if not (data.phone.strip() or data.email.strip() or data.address.strip()):
        problems.append(DisclosureError("결과를 알려 드릴 연락처(전화번호, 전자우편 또는 주소)를 하나 이상 입력해 주세요.",
                                        "requester_phone"))
    return problems


REQUEST_TEXT_FIELDS = {"subject": "청구 제목", "content": "청구 내용"}


def request_text_personal_data(field: str, value: str) -> DisclosureError | None:
    """The refusal for personal data (lib.pii.scan) in the request's title or content, naming the field: a
    title may reach the public register, and the requester's own contact belongs in the contact fields."""
    hits = pii.scan(value or "")
    if not hits:
        return None
    kind = PII_KIND_LABELS.get(hits[0].kind, "개인정보")
    label = REQUEST_TEXT_FIELDS[field]
    return DisclosureError(
        f"{label}에 {kind}({pii.mask_detection(hits[0])})가 있습니다. 개인정보를 지우고 다시 적어 주세요. "
        "결과를 받을 연락처는 위의 전화번호·전자우편 칸에 적으면 됩니다.", field)


def _create(
    *, actor: User, requester: User | None, data: RequesterData, subject: str, content: str, method: str,
    delivery: str, channel: str, received_on: dt.date, in_public_register: bool,
    fee_waiver_requested: bool, fee_waiver_reason: str, consent: bool = True, refuse_personal_data: bool = False,
) -> DisclosureRequest:
    # Every problem at once, in the order of the form, so the requester fixes them in one go.
    problems = _requester_problems(data)
    for field, value in (("subject", subject), ("content", content)):
        try:
            _text(value, field, REQUEST_TEXT_FIELDS[field], 200 if field == "subject" else None)
        except DisclosureError as exc:
            problems.append(exc)
            continue
        found = request_text_personal_data(field, value) if refuse_personal_data else None
        if found is not None:
            problems.append(found)
    if received_on > _today():
        problems.append(DisclosureError("접수일은 오늘 이후일 수 없습니다.", "received_on"))
    if method not in Method.values:
        problems.append(DisclosureError("공개 방법을 선택해 주세요.", "method"))
    if delivery not in Delivery.values:
        problems.append(DisclosureError("수령 방법을 선택해 주세요.", "delivery"))
    if fee_waiver_requested and not fee_waiver_reason.strip():
        problems.append(DisclosureError("수수료 감면을 신청하려면 사용 목적(감면 사유)을 적어 주세요(법 제17조제2항).",
                                        "fee_waiver_reason"))
    if not consent:
        problems.append(DisclosureError("개인정보 수집·이용에 동의해야 청구할 수 있습니다.", "consent"))
    if problems:
        raise DisclosureError.listing(problems)
    subject, content = subject.strip(), content.strip()
    for _attempt in range(5):
        try:
            with transaction.atomic():
                request = DisclosureRequest.objects.create(
                    number=_next_number(received_on), requester=requester,
                    requester_name=data.name.strip(), requester_birth_date=data.birth_date.strip(),
                    requester_address=data.address.strip(), requester_phone=data.phone.strip(),
                    requester_email=data.email.strip(), subject=subject, content=content, method=method,
                    delivery=delivery, channel=channel, received_on=received_on,
                    in_public_register=in_public_register, fee_waiver_requested=fee_waiver_requested,
                    fee_waiver_reason=fee_waiver_reason.strip(),
                )
            break
        except IntegrityError:  # two requests took the same number: take the next one
            continue
    else:  # pragma: no cover - five collisions in a row
        raise DisclosureError("접수번호를 만들지 못했습니다. 잠시 뒤 다시 시도해 주세요.")
    return request


def _received_notice(request: DisclosureRequest) -> str:
    due = deadlines_compute(request)[Deadline.Kind.DECISION].due
    return (f"정보공개 청구({request.number})를 {korean_date(request.received_on)} 접수했습니다. "
            f"공개 여부는 {korean_date(due)}까지 결정해 알려 드립니다(법 제11조제1항, 근무일 10일).")


@transaction.atomic
def request_file(
    *, actor: User, data: RequesterData, subject: str, content: str, method: str, delivery: str,
    in_public_register: bool = False, fee_waiver_requested: bool = False, fee_waiver_reason: str = "",
    consent: bool = True,
) -> DisclosureRequest:
    """A resident files online: request received today, consent to the collection recorded. Refused, with
    every problem listed, without consent or with personal data in the title or content."""
    _require(permissions.can_file_request(actor), "온라인 청구는 구민 계정으로 로그인해야 합니다.")
    request = _create(
        actor=actor, requester=actor, data=data, subject=subject, content=content, method=method,
        delivery=delivery, channel=Channel.ONLINE, received_on=_today(), in_public_register=in_public_register,
        fee_waiver_requested=fee_waiver_requested, fee_waiver_reason=fee_waiver_reason, consent=consent,
        refuse_personal_data=True,
    )
    consent_record(subject=request, notice=privacy_notice_for_requests(), channel="online", recorded_by=actor)
    _transition(request, actor=actor, action="file", notice=_received_notice(request))
    return request


@transaction.atomic
def request_register(
    *, actor: User, data: RequesterData, subject: str, content: str, method: str, delivery: str,
    channel: str, received_on: dt.date, requester: User | None = None, in_public_register: bool = True,
    fee_waiver_requested: bool = False, fee_waiver_reason: str = "", request: HttpRequest | None = None,
) -> DisclosureRequest:
    """Staff register a request received on paper, by fax, by phone or in person (법 제10조제2항)."""
    _require(permissions.can_register_request(actor))
    if channel not in Channel.values or channel == Channel.ONLINE:
        raise DisclosureError("접수 경로(서면, 팩스, 전화, 구술)를 선택해 주세요.", "channel")
    created = _create(
        actor=actor, requester=requester, data=data, subject=subject, content=content, method=method,
        delivery=delivery, channel=channel, received_on=received_on, in_public_register=in_public_register,
        fee_waiver_requested=fee_waiver_requested, fee_waiver_reason=fee_waiver_reason,
    )
    consent_record(subject=created, notice=privacy_notice_for_requests(), channel=channel, recorded_by=actor)
    record_access(actor=actor, action=PersonalDataAccess.Action.CREATE, subject=SUBJECT, record_ids=[created.pk],
                  request=request, purpose="정보공개 청구 접수")
    _transition(created, actor=actor, action="register", notice=_received_notice(created), channel=channel)
    return created


# ---------------------------------------------------------------- routing


@transaction.atomic
def request_assign(*, actor: User, request: DisclosureRequest, department: Department,
                   handler: User | None = None) -> DisclosureRequest:
    """배부: give the request to the department that holds the information (again to reassign)."""
    request = _lock(request)
    _require(permissions.can_assign_request(actor, request), "배부는 정보공개 담당관만 할 수 있습니다.")
    _require_state(request, [State.RECEIVED, State.ASSIGNED, State.EXTENDED], "배부")
    if handler is not None and not (hasattr(handler, "staff") and handler.staff.department_id == department.pk):
        raise DisclosureError("담당자는 배부할 부서의 직원이어야 합니다.", "handler")
    again = request.department_id is not None
    if again and request.department_id == department.pk and request.handler_id == (handler.pk if handler else None):
        raise DisclosureError("이미 그 부서(담당자)에 배부되어 있습니다.", "department")
    previous = request.department.name if request.department else ""
    request.department = department
    request.handler = handler
    request.save(update_fields=["department", "handler"])
    to_state = State.ASSIGNED if request.state == State.RECEIVED else request.state
    _transition(request, actor=actor, action="reassign" if again else "assign", to_state=to_state,
                notice=f"청구를 {department.name}에서 처리합니다.", department=department.name, previous=previous)
    return request


@transaction.atomic
def request_transfer(*, actor: User, request: DisclosureRequest, agency: str, reason: str) -> DisclosureRequest:
    """이송 (법 제11조제4항): the information is held by another agency; the requester is told which and why."""
    request = _lock(request)
    _require(permissions.can_assign_request(actor, request) or permissions.can_handle_request(actor, request))
    _require_state(request, [State.RECEIVED, State.ASSIGNED], "이송")
    agency = _text(agency, "agency", "이송할 기관", 100)
    reason = _text(reason, "reason", "이송 사유")
    request.transferred_to = agency
    request.outcome_note = reason
    request.save(update_fields=["transferred_to", "outcome_note"])
    _transition(request, actor=actor, action="transfer", to_state=State.TRANSFERRED, agency=agency,
                notice=f"청구하신 정보는 {agency}에서 보유·관리하므로 그 기관으로 이송했습니다(법 제11조제4항). "
                       f"이송 사유: {as_sentence(reason)}")
    return request


PETITION_GROUNDS = {
    1: "공개 청구된 정보가 우리 기관이 보유·관리하지 않는 정보입니다(법 제11조제5항제1호).",
    2: "청구 내용이 진정·질의 등으로 정보공개 청구로 보기 어렵습니다(법 제11조제5항제2호).",
}


@transaction.atomic
def request_treat_as_petition(*, actor: User, request: DisclosureRequest, ground: int, result: str) -> DisclosureRequest:
    """민원 처리 (법 제11조제5항, 시행령 제6조제4항): the notice states the ground and the result."""
    request = _lock(request)
    _require(permissions.can_handle_request(actor, request))
    _require_state(request, [State.RECEIVED, State.ASSIGNED, State.EXTENDED], "민원으로 처리")
    if ground not in PETITION_GROUNDS:
        raise DisclosureError("민원으로 처리하는 사유(제11조제5항 각 호)를 선택해 주세요.", "ground")
    result = _text(result, "result", "민원 처리 결과")
    request.outcome_note = result
    request.save(update_fields=["outcome_note"])
    _transition(request, actor=actor, action="petition", to_state=State.PETITION, ground=ground,
                notice=f"{PETITION_GROUNDS[ground]} 민원으로 처리했습니다. 처리 결과: {result}")
    return request


TERMINATION_GROUNDS = {
    "repeat": "정당한 사유 없이 이미 결정 통지를 받은 정보를 다시 청구하셨습니다(법 제11조의2제1항제1호).",
    "repeat_petition": "민원으로 처리된 청구와 같은 청구입니다(법 제11조의2제1항제2호).",
    "published": "이미 정보통신망 등으로 공개된 정보입니다(법 제11조의2제2항제1호).",
    "method": "수령할 수 없는 방법으로 청구하셨습니다. 수령이 가능한 방법으로 다시 청구해 주세요(법 제11조의2제2항제2호).",
}


@transaction.atomic
def request_terminate(*, actor: User, request: DisclosureRequest, ground: str, explanation: str,
                      location: str = "") -> DisclosureRequest:
    """종결 (법 제11조의2): repeated requests, or information already published (tell where)."""
    request = _lock(request)
    _require(permissions.can_handle_request(actor, request))
    _require_state(request, [State.RECEIVED, State.ASSIGNED, State.EXTENDED], "종결 처리")
    if ground not in TERMINATION_GROUNDS:
        raise DisclosureError("종결 사유(제11조의2 각 호)를 선택해 주세요.", "ground")
    explanation = _text(explanation, "explanation", "종결 처리 설명")
    location = location.strip()
    if ground == "published" and not location:
        raise DisclosureError("이미 공개된 정보라면 그 소재(누리집 주소 등)를 안내해야 합니다(제11조의2제2항제1호).",
                              "location")
    notice = f"{as_sentence(TERMINATION_GROUNDS[ground])} {as_sentence(explanation)}"
    if location:
        notice += f" 공개된 곳: {as_sentence(location)}"
    request.outcome_note = notice
    request.save(update_fields=["outcome_note"])
    _transition(request, actor=actor, action="terminate", to_state=State.TERMINATED, ground=ground,
                location=location, notice=notice + " 청구를 종결 처리했습니다.")
    return request


# ---------------------------------------------------------------- third parties and extension


@transaction.atomic
def request_notify_third_party(*, actor: User, request: DisclosureRequest, name: str, contact: str = "",
                               notified_on: dt.date | None = None) -> ThirdPartyNotice:
    """법 제11조제3항: tell a third party the request exists; they have 3 days to object (제21조제1항)."""
    request = _lock(request)
    _require(permissions.can_handle_request(actor, request))
    _require_state(request, [State.ASSIGNED, State.EXTENDED], "제3자에게 통지")
    name = _text(name, "name", "제3자 이름(명칭)", 100)
    notified_on = notified_on or _today()
    working = deadline(notified_on, 3, CIVIL)
    notice = ThirdPartyNotice.objects.create(
        request=request, name=name, contact=contact.strip(), notified_on=notified_on,
        opinion_due=working.due, opinion_working=working.as_dict(),
    )
    _transition(request, actor=actor, action="third_party_notice", third_party=notice.pk,
                notice="청구하신 정보에 관련된 제3자에게 청구 사실을 알리고 의견을 묻고 있습니다(법 제11조제3항).")
    return notice


@transaction.atomic
def request_record_third_party_opinion(*, actor: User, notice: ThirdPartyNotice, objects_to_disclosure: bool,
                                       opinion: str, received_on: dt.date | None = None) -> ThirdPartyNotice:
    request = _lock(notice.request)
    _require(permissions.can_handle_request(actor, request))
    _require_state(request, [State.ASSIGNED, State.EXTENDED], "제3자 의견을 기록")
    notice.opinion = _text(opinion, "opinion", "제3자 의견")
    notice.objects_to_disclosure = objects_to_disclosure
    notice.opinion_received_on = received_on or _today()
    notice.save(update_fields=["opinion", "objects_to_disclosure", "opinion_received_on"])
    _transition(request, actor=actor, action="third_party_opinion", internal=True, third_party=notice.pk,
                objects=objects_to_disclosure, late=notice.opinion_received_on > notice.opinion_due)
    return notice


@transaction.atomic
def request_extend(*, actor: User, request: DisclosureRequest, reason: int, explanation: str,
                   days: int = 10) -> Extension:
    """법 제11조제2항: once, at most 10 working days counted from the day after the first deadline."""
    request = _lock(request)
    _require(permissions.can_handle_request(actor, request))
    if Extension.objects.filter(request=request).exists():
        raise DisclosureError("결정기간은 한 번만 연장할 수 있습니다(법 제11조제2항).", "days")
    _require_state(request, [State.ASSIGNED], "결정기간을 연장")
    if reason not in EXTENSION_REASONS:
        raise DisclosureError("연장 사유(시행령 제7조 각 호)를 선택해 주세요.", "reason")
    if not 1 <= days <= 10:
        raise DisclosureError("연장 기간은 1일부터 10일까지입니다(법 제11조제2항).", "days")
    explanation = _text(explanation, "explanation", "구체적 연장 사유")
    first = deadlines_compute(request)[Deadline.Kind.DECISION]
    if _today() > first.due:
        raise DisclosureError(f"결정기한({first.due:%Y-%m-%d})이 이미 지나 연장할 수 없습니다.", "days")
    extension = Extension.objects.create(request=request, reason=reason, explanation=explanation, days=days,
                                         decided_by=actor, decided_on=_today())
    new_due = deadlines_compute(request)[Deadline.Kind.EXTENDED].due
    _transition(request, actor=actor, action="extend", to_state=State.EXTENDED, reason=reason, days=days,
                notice=f"공개 여부 결정기간을 {korean_date(new_due)}까지 연장했습니다(법 제11조제2항). "
                       f"사유: {EXTENSION_REASONS[reason]} — {as_sentence(explanation)}")
    return extension


# ---------------------------------------------------------------- decision and staged review


@dataclass(frozen=True)
class GroundInput:
    item: int
    reason: str


def _back_state(request: DisclosureRequest) -> str:
    if Objection.objects.filter(request=request, outcome__in=UPHELD_OUTCOMES).exists():
        return State.REDECIDING
    return State.EXTENDED if Extension.objects.filter(request=request).exists() else State.ASSIGNED


@transaction.atomic
def request_draft_decision(
    *, actor: User, request: DisclosureRequest, kind: str, grounds: Sequence[GroundInput] = (),
    disclosed_part: str = "", not_held_reason: str = "", process_stage: str = "",
    process_expected_end: dt.date | None = None, disclosure_on: dt.date | None = None,
    disclosure_place: str = "", fee_rate: FeeRate | None = None, fee_quantity: int | None = None,
    fee_waiver_ground: int | None = None, fee_override: int | None = None, fee_override_reason: str = "",
    postage: int = 0, fee_method_reason: str = "",
) -> Decision:
    """Write (or rewrite) the decision draft. A rewrite needs a new 사전검토 and director approval.

    The fee of a 공개/부분공개 comes from the fee table (`fee_quote`); `fee_override` replaces it only with a
    reason, which is recorded with the working; so does a fee line whose method differs from the one the
    requester asked for (`fee_method_reason`). A 비공개/부존재 decision carries no fee. The disclosure date and,
    in 재결정, the kind are checked here as well as at issue."""
    request = _lock(request)
    _require(permissions.can_handle_request(actor, request))
    _require_state(request, [State.ASSIGNED, State.EXTENDED, State.REDECIDING], "결정안을 작성")
    if kind not in Decision.Kind.values:
        raise DisclosureError("결정 내용(공개, 부분공개, 비공개, 정보부존재)을 선택해 주세요.", "kind")
    items = [g.item for g in grounds]
    if len(set(items)) != len(items):
        raise DisclosureError("같은 비공개 사유(호)를 두 번 적었습니다.", "grounds")
    for g in grounds:
        if g.item not in ARTICLE_9_ITEMS:
            raise DisclosureError("비공개 사유는 정보공개법 제9조제1항 제1호부터 제8호까지 중에서 골라 주세요.", "grounds")
        if not g.reason.strip():
            raise DisclosureError(f"제9조제1항제{g.item}호에 해당하는 구체적 이유를 적어 주세요(법 제13조제5항).", "grounds")
    if kind in (Decision.Kind.WITHHOLD, Decision.Kind.PARTIAL):
        if not grounds:
            raise DisclosureError("비공개·부분공개 결정에는 제9조제1항의 해당 호와 이유가 있어야 합니다(법 제13조제5항).",
                                  "grounds")
    elif grounds:
        raise DisclosureError("공개·정보부존재 결정에는 비공개 사유를 적지 않습니다.", "grounds")
    if kind == Decision.Kind.PARTIAL and not disclosed_part.strip():
        raise DisclosureError("부분공개 결정에는 공개하는 부분을 적어 주세요(법 제14조).", "disclosed_part")
    if kind == Decision.Kind.NOT_HELD and not not_held_reason.strip():
        raise DisclosureError("정보부존재 결정에는 정보가 없는 사유를 반드시 적어야 합니다.", "not_held_reason")
    if 5 in items:
        if not process_stage.strip() or process_expected_end is None:
            raise DisclosureError("제9조제1항제5호를 사유로 하면 의사결정·내부검토 과정의 단계와 종료 예정일을 "
                                  "함께 안내해야 합니다(같은 호 단서).", "process_stage")
        if process_expected_end < _today():
            raise DisclosureError("종료 예정일은 오늘 이후여야 합니다.", "process_expected_end")
    if request.state == State.REDECIDING:
        _redecision_check(request, kind)
    if kind in (Decision.Kind.DISCLOSE, Decision.Kind.PARTIAL) and disclosure_on is not None:
        # Checked now against today's limit so a wrong date is not found only at issue, after both approvals;
        # `request_decide` checks again, as the limit moves with the decision day.
        _disclosure_date_check(request, disclosure_on, _today())
    fee = _decision_fee(kind=kind, rate=fee_rate, quantity=fee_quantity, waiver_ground=fee_waiver_ground,
                        override=fee_override, override_reason=fee_override_reason, postage=postage)
    if fee_rate is not None and kind in (Decision.Kind.DISCLOSE, Decision.Kind.PARTIAL) \
            and fee_rate.method != request.method:
        reason = (fee_method_reason or "").strip()
        if not reason:
            raise DisclosureError(
                f"청구인은 ‘{request.get_method_display()}’({request.get_delivery_display()})(으)로 받기를 청구했는데 "
                f"수수료 항목은 ‘{fee_rate.get_method_display()}’입니다. 항목을 다시 고르거나, 다른 방법으로 "
                f"공개하는 사유를 적어 주세요(시행령 제14조).", "fee_method_reason")
        fee["fee_working"] += f"; 청구한 방법({request.get_method_display()})과 다른 방법으로 공개(사유: {reason})"
    decision = Decision.objects.filter(request=request).first()
    values = dict(
        kind=kind, disclosed_part=disclosed_part.strip(), not_held_reason=not_held_reason.strip(),
        process_stage=process_stage.strip() if 5 in items else "",
        process_expected_end=process_expected_end if 5 in items else None,
        disclosure_on=disclosure_on, disclosure_place=disclosure_place.strip(), **fee,
        drafted_by=actor, drafted_at=timezone.now(),
    )
    if decision is None:
        decision = Decision.objects.create(request=request, **values)
    else:
        for key, value in values.items():
            setattr(decision, key, value)
        decision.revision += 1
        decision.save()
        decision.grounds.all().delete()
    RefusalGround.objects.bulk_create(
        [RefusalGround(decision=decision, item=g.item, reason=g.reason.strip()) for g in grounds]
    )
    _transition(request, actor=actor, action="draft", internal=True, kind=kind, items=items,
                revision=decision.revision, fee=decision.fee, fee_override_reason=decision.fee_override_reason)
    return decision


# ---------------------------------------------------------------- fees (수수료, 법 제17조, 시행령 제17조)


@dataclass(frozen=True)
class FeeQuote:
    gross: int
    waiver_percent: int
    net: int
    working: str


def fee_quote(*, rate: FeeRate, quantity: int, waiver_ground: int | None = None) -> FeeQuote:
    """The fee for `quantity` units of `rate`, less the waiver rate set for `waiver_ground` (시행령 제17조제3항),
    with its working in words. Reductions round down to the won in the requester's favour."""
    gross = rate.amount(quantity)
    charged = max(0, quantity - rate.free_units)
    if charged == 0:
        working = f"{rate} {rate.count(quantity)}: 무료({rate.count(rate.free_units)}까지)"
    elif charged == 1:
        working = f"{rate} {rate.count(quantity)}: {rate.first_amount:,}원"
    else:
        free = f"무료 {rate.count(rate.free_units)} 뒤 " if rate.free_units else ""
        working = (f"{rate} {rate.count(quantity)}: {free}첫 {rate.count(1)} {rate.first_amount:,}원 + "
                   f"{rate.count(charged - 1)} × {rate.extra_amount:,}원 = {gross:,}원")
    percent = 0
    if waiver_ground is not None:
        if waiver_ground not in FEE_WAIVER_GROUNDS:
            raise DisclosureError("감면 사유는 시행령 제17조제3항 제1호부터 제3호까지 중에서 골라 주세요.", "fee_waiver_ground")
        waiver = FeeWaiverRate.objects.filter(ground=waiver_ground).first()
        if waiver is None:
            raise DisclosureError(f"제{waiver_ground}호 감면 비율이 정해져 있지 않습니다. 수수료표에서 먼저 정해 주세요.",
                                  "fee_waiver_ground")
        percent = waiver.percent
    net = gross - gross * percent // 100
    if percent:
        working += f"; 감면 {percent}%(시행령 제17조제3항제{waiver_ground}호) → {net:,}원"
    return FeeQuote(gross=gross, waiver_percent=percent, net=net, working=working)


def _decision_fee(*, kind: str, rate: FeeRate | None, quantity: int | None, waiver_ground: int | None,
                  override: int | None, override_reason: str, postage: int) -> dict[str, Any]:
    """The fee fields of a draft decision, validated."""
    empty = {"fee_rate": None, "fee_quantity": None, "fee_gross": 0, "fee_waiver_ground": None, "fee_waiver_percent": 0,
             "fee_override_reason": "", "fee": 0, "fee_waived": False, "postage": 0, "fee_working": ""}
    if kind not in (Decision.Kind.DISCLOSE, Decision.Kind.PARTIAL):
        return empty
    if postage < 0:
        raise DisclosureError("우편요금은 0원 이상이어야 합니다.", "postage")
    if rate is not None:
        if not rate.active:
            raise DisclosureError("사용하지 않는 수수료 항목입니다. 다른 항목을 골라 주세요.", "fee_rate")
        if quantity is None or quantity < 1:
            raise DisclosureError(f"수수료를 계산할 수량({rate.unit})을 1 이상으로 적어 주세요.", "fee_quantity")
        quote = fee_quote(rate=rate, quantity=quantity, waiver_ground=waiver_ground)
    elif waiver_ground is not None:
        raise DisclosureError("감면하려면 먼저 수수료 항목과 수량을 골라 주세요.", "fee_rate")
    else:
        quote = FeeQuote(gross=0, waiver_percent=0, net=0, working="")
    fee, working, reason = quote.net, quote.working, (override_reason or "").strip()
    if override is not None and override != quote.net:
        if override < 0:
            raise DisclosureError("수수료는 0원 이상이어야 합니다.", "fee_override")
        if not reason:
            raise DisclosureError(f"수수료표로 계산한 금액({quote.net:,}원)과 다르게 정하려면 사유를 적어 주세요.",
                                  "fee_override_reason")
        fee = override
        working = (f"{working}; " if working else "") + f"담당자 조정 {quote.net:,}원 → {fee:,}원(사유: {reason})"
    else:
        reason = ""
    if postage:
        working = (f"{working}; " if working else "") + f"우편요금 {postage:,}원"
    return {"fee_rate": rate, "fee_quantity": quantity if rate is not None else None, "fee_gross": quote.gross,
            "fee_waiver_ground": waiver_ground if quote.waiver_percent else None,
            "fee_waiver_percent": quote.waiver_percent, "fee_override_reason": reason, "fee": fee,
            "fee_waived": fee < quote.gross, "postage": postage, "fee_working": working}


@transaction.atomic
def fee_rate_save(*, actor: User, rate: FeeRate | None = None, method: str, medium: str, unit: str,
                  free_units: int, first_amount: int, extra_amount: int, verified: bool, source: str = "",
                  active: bool = True) -> FeeRate:
    """Add or change a line of the fee table (the disclosure office); the old and new amounts are audited."""
    _require(permissions.can_manage_fees(actor), "정보공개 담당관만 수수료표를 고칠 수 있습니다.")
    if method not in Method.values:
        raise DisclosureError("공개 방법을 골라 주세요.", "method")
    medium = _text(medium, "medium", "대상·매체", 100)
    unit = _text(unit, "unit", "단위", 20)
    for value, field, label in ((free_units, "free_units", "무료 단위 수"), (first_amount, "first_amount", "첫 단위 금액"),
                                (extra_amount, "extra_amount", "추가 단위당 금액")):
        if value < 0:
            raise DisclosureError(f"{label}은(는) 0 이상이어야 합니다.", field)
    clash = FeeRate.objects.filter(method=method, medium=medium)
    if (clash.exclude(pk=rate.pk) if rate is not None else clash).exists():
        raise DisclosureError("같은 공개 방법에 같은 대상·매체가 이미 있습니다.", "medium")
    before = None if rate is None else f"{rate.first_amount}/{rate.extra_amount}/{rate.free_units}"
    rate = rate or FeeRate(order=(FeeRate.objects.aggregate(m=Max("order"))["m"] or 0) + 1)
    rate.method, rate.medium, rate.unit = method, medium, unit
    rate.free_units, rate.first_amount, rate.extra_amount = free_units, first_amount, extra_amount
    rate.verified, rate.source, rate.active = verified, source.strip()[:200], active
    rate.updated_by, rate.updated_at = actor, timezone.now()
    rate.save()
    audit_event_record(actor=actor, action="disclosure.fee.rate", target=rate, summary=str(rate), before=before,
                       after=f"{first_amount}/{extra_amount}/{free_units}", verified=verified, active=active)
    return rate


@transaction.atomic
def fee_waiver_rate_save(*, actor: User, ground: int, percent: int, verified: bool) -> FeeWaiverRate:
    """Set the reduction for one 시행령 제17조제3항 ground (제5항: the head sets and publishes it)."""
    _require(permissions.can_manage_fees(actor), "정보공개 담당관만 감면 비율을 정할 수 있습니다.")
    if ground not in FEE_WAIVER_GROUNDS:
        raise DisclosureError("감면 사유를 골라 주세요.", "ground")
    if not 0 <= percent <= 100:
        raise DisclosureError("감면 비율은 0부터 100까지의 숫자로 적어 주세요.", "percent")
    waiver, _created = FeeWaiverRate.objects.update_or_create(
        ground=ground, defaults={"percent": percent, "verified": verified, "updated_by": actor,
                                 "updated_at": timezone.now()})
    audit_event_record(actor=actor, action="disclosure.fee.waiver", target=waiver, summary=f"제{ground}호 {percent}%",
                       verified=verified)
    return waiver


def _draft(request: DisclosureRequest) -> Decision:
    decision = Decision.objects.filter(request=request).first()
    if decision is None:
        raise DisclosureError("먼저 결정안을 작성해 주세요.", "kind")
    return decision


@transaction.atomic
def request_submit_for_review(*, actor: User, request: DisclosureRequest) -> Review:
    """사전검토: a 비공개, 부분공개 or 부존재 draft goes to the disclosure office before it is issued."""
    request = _lock(request)
    _require(permissions.can_handle_request(actor, request))
    _require_state(request, [State.ASSIGNED, State.EXTENDED, State.REDECIDING], "사전검토를 요청")
    draft = _draft(request)
    if not draft.restricts:
        raise DisclosureError("공개 결정은 사전검토 없이 통지할 수 있습니다.", "kind")
    review = Review.objects.create(request=request, kind=Review.Kind.PRIOR, decision_revision=draft.revision,
                                   requested_by=actor)
    _transition(request, actor=actor, action="review_submit", to_state=State.UNDER_REVIEW, internal=True,
                revision=draft.revision)
    return review


@transaction.atomic
def request_review_complete(*, actor: User, request: DisclosureRequest, approve: bool, comment: str = "") -> Review:
    """The disclosure office approves the draft or sends it back with a comment (required then)."""
    request = _lock(request)
    _require(permissions.can_review_request(actor, request), "사전검토는 정보공개 담당관만 할 수 있습니다.")
    _require_state(request, [State.UNDER_REVIEW], "사전검토를 마무리")
    review = Review.objects.filter(request=request, kind=Review.Kind.PRIOR, status=Review.Status.PENDING).first()
    if review is None:  # pragma: no cover - UNDER_REVIEW always has one
        raise DisclosureError("검토 대기 중인 사전검토가 없습니다.")
    if not approve and not comment.strip():
        raise DisclosureError("보완을 요구할 때는 검토 의견을 적어 주세요.", "comment")
    review.status = Review.Status.APPROVED if approve else Review.Status.RETURNED
    review.reviewer, review.reviewed_at, review.comment = actor, timezone.now(), comment.strip()
    review.save(update_fields=["status", "reviewer", "reviewed_at", "comment"])
    _transition(request, actor=actor, action="review_approve" if approve else "review_return",
                to_state=_back_state(request), internal=True, revision=review.decision_revision)
    return review


@transaction.atomic
def request_focus(*, actor: User, request: DisclosureRequest, reason: str) -> Review:
    """집중검토: the disclosure office takes a close look; the decision then needs the director's approval."""
    request = _lock(request)
    _require(permissions.can_review_request(actor, request), "집중검토 지정은 정보공개 담당관만 할 수 있습니다.")
    _require_state(request, [State.ASSIGNED, State.EXTENDED, State.UNDER_REVIEW], "집중검토로 지정")
    if request.focused_review:
        raise DisclosureError("이미 집중검토 대상입니다.")
    reason = _text(reason, "reason", "집중검토 사유")
    review = Review.objects.create(request=request, kind=Review.Kind.FOCUSED, requested_by=actor, reason=reason)
    request.focused_review = True
    request.save(update_fields=["focused_review"])
    _transition(request, actor=actor, action="focus", internal=True, reason=reason)
    return review


@transaction.atomic
def request_approve_focused(*, actor: User, request: DisclosureRequest, comment: str = "") -> Review:
    """The head of the handling department approves the current draft of a request under 집중검토."""
    request = _lock(request)
    _require(permissions.can_approve_focused_request(actor, request), "집중검토 결정은 처리 부서장이 승인합니다.")
    _require_state(request, [State.ASSIGNED, State.EXTENDED], "집중검토 결정안을 승인")
    if not request.focused_review:
        raise DisclosureError("집중검토 대상이 아닙니다.")
    draft = _draft(request)
    review = Review.objects.filter(request=request, kind=Review.Kind.FOCUSED).first()
    assert review is not None
    review.status, review.decision_revision = Review.Status.APPROVED, draft.revision
    review.reviewer, review.reviewed_at, review.comment = actor, timezone.now(), comment.strip()
    review.save(update_fields=["status", "decision_revision", "reviewer", "reviewed_at", "comment"])
    _transition(request, actor=actor, action="focus_approve", internal=True, revision=draft.revision)
    return review


def _fee_notice(decision: Decision) -> str:
    """The fee part of the notice: the amount, how it was computed, and postage when mailed (법 제17조)."""
    total = decision.fee + decision.postage
    if not total and not decision.fee_working:
        return "수수료: 없음."
    text = f"수수료: {decision.fee:,}원"
    if decision.postage:
        text += f", 우편요금 {decision.postage:,}원, 합계 {total:,}원"
    text += f" ({decision.fee_working})." if decision.fee_working else "."
    if decision.fee_waived:
        text += " 수수료를 감면했습니다(법 제17조제2항)."
    return text


# Notices are the legal record and go to the requester in Korean, whatever language the staff member
# reads: the labels formatted into them (decision kind, delivery) are rendered in Korean.
@override("ko")
def _decision_notice(request: DisclosureRequest, decision: Decision) -> str:
    label = decision.get_kind_display()
    parts = [f"정보공개 청구({request.number})에 대해 {korean_date(decision.issued_on)} {with_ro(f'‘{label}’')} 결정했습니다."]
    if decision.kind in (Decision.Kind.DISCLOSE, Decision.Kind.PARTIAL):
        if decision.disclosed_part:
            parts.append(f"공개 내용: {as_sentence(decision.disclosed_part)}")
        parts.append(f"공개 일시: {korean_date(decision.disclosure_on)}, 장소·방법: "
                     f"{decision.disclosure_place or request.get_delivery_display()} (법 제13조제1항).")
        parts.append(_fee_notice(decision))
    for ground in decision.grounds.all():
        parts.append(f"비공개 사유: 정보공개법 제9조제1항제{ground.item}호({ARTICLE_9_ITEMS[ground.item]}) — {as_sentence(ground.reason)}")
    if decision.process_stage:
        parts.append(f"의사결정·내부검토 과정: {decision.process_stage}, 종료 예정일 "
                     f"{korean_date(decision.process_expected_end)}. 과정이 끝나면 알려 드립니다(제9조제1항제5호 단서).")
    if decision.kind == Decision.Kind.NOT_HELD:
        parts.append(f"정보가 없는 사유: {as_sentence(decision.not_held_reason)}")
    if decision.restricts:
        parts.append(OBJECTION_HOW)
    return " ".join(parts)


@transaction.atomic
def request_decide(*, actor: User, request: DisclosureRequest, on: dt.date | None = None) -> Decision:
    """Issue the draft and notify the requester with the statutory content (법 제13조)."""
    request = _lock(request)
    _require(permissions.can_handle_request(actor, request))
    _require_state(request, [State.ASSIGNED, State.EXTENDED, State.REDECIDING], "결정을 통지")
    decision = _draft(request)
    redeciding = request.state == State.REDECIDING
    if redeciding:
        _redecision_check(request, decision.kind)
    if decision.restricts and not Review.objects.filter(
        request=request, kind=Review.Kind.PRIOR, status=Review.Status.APPROVED, decision_revision=decision.revision,
    ).exists():
        raise DisclosureError("비공개·부분공개·정보부존재 결정은 정보공개 담당관의 사전검토를 거쳐야 통지할 수 있습니다.")
    if request.focused_review and not Review.objects.filter(
        request=request, kind=Review.Kind.FOCUSED, status=Review.Status.APPROVED, decision_revision=decision.revision,
    ).exists():
        raise DisclosureError("집중검토 대상이므로 부서장이 이 결정안을 승인해야 통지할 수 있습니다.")
    issued_on = on or _today()
    if decision.kind in (Decision.Kind.DISCLOSE, Decision.Kind.PARTIAL):
        if decision.disclosure_on is None:
            objected = _third_party_objected(request)
            decision.disclosure_on = issued_on + dt.timedelta(days=30) if objected else issued_on
        _disclosure_date_check(request, decision.disclosure_on, issued_on)
    decision.issued_on, decision.issued_by = issued_on, actor
    decision.save(update_fields=["issued_on", "issued_by", "disclosure_on"])
    notice = _decision_notice(request, decision)
    if redeciding:
        notice = "이의신청이 받아들여져 다시 결정했습니다. " + notice
    _transition(request, actor=actor, action="redecide" if redeciding else "decide", to_state=State.DECIDED,
                kind=decision.kind, notice=notice)
    if decision.kind in (Decision.Kind.WITHHOLD, Decision.Kind.PARTIAL):
        ex_officio_check(decision=decision)
    return decision


def _third_party_objected(request: DisclosureRequest) -> bool:
    return request.third_parties.filter(objects_to_disclosure=True).exists()


def disclosure_date_limit(request: DisclosureRequest, decided_on: dt.date) -> tuple[dt.date, dt.date | None]:
    """The earliest and latest 공개 일시 for a decision made on `decided_on`: within 10 days of it (시행령 제12조제1항),
    or, when a third party asked for non-disclosure, at least 30 days after it with no upper limit (법 제21조제3항)."""
    if _third_party_objected(request):
        return decided_on + dt.timedelta(days=30), None
    return decided_on, deadline(decided_on, 10, CIVIL).due


def _disclosure_date_check(request: DisclosureRequest, disclosure_on: dt.date, decided_on: dt.date) -> None:
    earliest, latest = disclosure_date_limit(request, decided_on)
    if disclosure_on < decided_on:
        raise DisclosureError("공개 일시는 결정일 이후여야 합니다.", "disclosure_on")
    if latest is None and disclosure_on < earliest:
        raise DisclosureError("제3자가 비공개를 요청했으므로 공개 결정일과 공개 실시일 사이에 30일 이상을 두어야 "
                              "합니다(법 제21조제3항).", "disclosure_on")
    if latest is not None and disclosure_on > latest:
        raise DisclosureError(f"공개 일시는 결정일부터 10일 이내({latest:%Y-%m-%d}까지)로 정해야 합니다"
                              f"(시행령 제12조제1항).", "disclosure_on")


def redecision_kinds(request: DisclosureRequest) -> list[str] | None:
    """The decision kinds a re-decision may take after an upheld objection: 인용 of a decision → 공개 only;
    부분 인용 → 공개 or 부분공개. None when the kind is left to the department (no upheld objection against a
    decision)."""
    objection = Objection.objects.filter(request=request, outcome__in=UPHELD_OUTCOMES).first()
    if objection is None or not objection.decision_before.get("kind", ""):
        return None
    if objection.outcome == Objection.Outcome.UPHELD:
        return [Decision.Kind.DISCLOSE]
    return [Decision.Kind.DISCLOSE, Decision.Kind.PARTIAL]


def _redecision_check(request: DisclosureRequest, kind: str) -> None:
    """After an upheld objection the new decision must give what the objection won."""
    allowed = redecision_kinds(request)
    if allowed is None or kind in allowed:
        return
    if allowed == [Decision.Kind.DISCLOSE]:
        raise DisclosureError("이의신청을 인용했으므로 다시 하는 결정은 ‘공개’여야 합니다.", "kind")
    raise DisclosureError("이의신청을 부분 인용했으므로 다시 하는 결정은 ‘공개’나 ‘부분공개’여야 합니다.", "kind")


def _months_before(day: dt.date, months: int) -> dt.date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def ex_officio_check(*, decision: Decision) -> list[CommitteeAgendaItem]:
    """직권심의: N refusals on the same Art. 9 item by one department within M months → agenda.

    Called when a refusal is issued. One open agenda item per (department, item); later
    refusals join it. Returns the agenda items created or joined.
    """
    refusals, months = ex_officio_threshold()
    request = decision.request
    assert decision.issued_on is not None and request.department_id is not None
    since = _months_before(decision.issued_on, months)
    touched: list[CommitteeAgendaItem] = []
    for ground in decision.grounds.all():
        matching = DisclosureRequest.objects.filter(
            department_id=request.department_id,
            decision__issued_on__gt=since,
            decision__kind__in=[Decision.Kind.WITHHOLD, Decision.Kind.PARTIAL],
            decision__grounds__item=ground.item,
        ).distinct()
        if matching.count() < refusals:
            continue
        item = CommitteeAgendaItem.objects.filter(
            source=CommitteeAgendaItem.Source.EX_OFFICIO, status=CommitteeAgendaItem.Status.OPEN,
            department_id=request.department_id, article_9_item=ground.item,
        ).first()
        created = item is None
        if item is None:
            item = CommitteeAgendaItem.objects.create(
                source=CommitteeAgendaItem.Source.EX_OFFICIO, department_id=request.department_id,
                article_9_item=ground.item,
                title=f"{request.department.name if request.department else ''}: 제9조제1항제{ground.item}호 반복 비공개 "
                      f"({months}개월 {matching.count()}건) 직권심의",
            )
        item.requests.add(*matching)
        audit_event_record(actor=None, action="disclosure.agenda.ex_officio", target=item,
                           summary=item.title, created=created, request=request.number)
        touched.append(item)
    return touched


# ---------------------------------------------------------------- disclosure, objection, closing


@transaction.atomic
def request_disclose(*, actor: User, request: DisclosureRequest, on: dt.date | None = None,
                     note: str = "") -> DisclosureRequest:
    """The information was handed over (or made available in the portal)."""
    request = _lock(request)
    _require(permissions.can_handle_request(actor, request))
    _require_state(request, [State.DECIDED], "공개를 완료")
    decision = _draft(request)
    if decision.kind not in (Decision.Kind.DISCLOSE, Decision.Kind.PARTIAL):
        raise DisclosureError("비공개·정보부존재 결정에는 공개할 정보가 없습니다.")
    on = on or _today()
    if decision.disclosure_on and on < decision.disclosure_on and request.third_parties.filter(
        objects_to_disclosure=True
    ).exists():
        raise DisclosureError("제3자가 비공개를 요청한 정보는 통지한 공개 실시일 전에 공개할 수 없습니다(법 제21조제3항).", "on")
    _transition(request, actor=actor, action="disclose", to_state=State.DISCLOSED, on=on.isoformat(),
                notice=f"{korean_date(on)} 정보를 공개했습니다. {as_sentence(note)}".strip())
    return request


@transaction.atomic
def request_object(*, actor: User, request: DisclosureRequest, grounds: str,
                   filed_on: dt.date | None = None) -> Objection:
    """이의신청 (법 제18조제1항): against 비공개/부분공개 (부존재 included) within 30 days of the notice,
    or when no decision came within 20 working days of the request."""
    request = _lock(request)
    _require(permissions.can_view_own_request(actor, request) or permissions.can_handle_request(actor, request))
    if Objection.objects.filter(request=request).exists():
        raise DisclosureError("이 청구에는 이미 이의신청이 있습니다.")
    filed_on = filed_on or _today()
    dates = deadlines_compute(request)
    if request.state in UNDECIDED_STATES:
        remedy = dates[Deadline.Kind.REMEDY].due
        if filed_on <= remedy:
            raise DisclosureError(f"결정이 없을 때의 이의신청은 청구 후 20일이 지난 뒤({remedy:%Y-%m-%d} 다음 날부터) "
                                  f"할 수 있습니다(법 제18조제1항).")
        window_end = dates[Deadline.Kind.OBJECTION_WINDOW].due
    else:
        _require_state(request, [State.DECIDED, State.DISCLOSED], "이의신청")
        decision = _draft(request)
        if not decision.restricts:
            raise DisclosureError("전부 공개 결정에는 이의신청을 할 수 없습니다(법 제18조제1항).")
        window_end = dates[Deadline.Kind.OBJECTION_WINDOW].due
    if filed_on > window_end:
        raise DisclosureError(f"이의신청 기한({window_end:%Y-%m-%d})이 지났습니다(법 제18조제1항). "
                              f"행정심판이나 행정소송은 따로 알아보실 수 있습니다.", "filed_on")
    grounds = _text(grounds, "grounds", "이의신청 취지와 이유")
    objection = Objection.objects.create(request=request, filed_on=filed_on, grounds=grounds,
                                         state_before=request.state)
    due = deadlines_compute(request)[Deadline.Kind.OBJECTION_DECISION].due
    _transition(request, actor=actor, action="object", to_state=State.OBJECTED,
                notice=f"{korean_date(filed_on)} 이의신청을 받았습니다. {korean_date(due)}까지 결정해 알려 "
                       f"드립니다(법 제18조제3항, 근무일 7일).")
    return objection


@transaction.atomic
def request_extend_objection(*, actor: User, request: DisclosureRequest, reason: str) -> Objection:
    """법 제18조제3항 단서: once, 7 working days from the day after the first due date."""
    request = _lock(request)
    _require(permissions.can_handle_request(actor, request))
    _require_state(request, [State.OBJECTED], "이의신청 결정기간을 연장")
    objection = Objection.objects.get(request=request)
    if objection.extension_reason:
        raise DisclosureError("이의신청 결정기간은 한 번만 연장할 수 있습니다.", "reason")
    objection.extension_reason = _text(reason, "reason", "연장 사유")
    objection.save(update_fields=["extension_reason"])
    due = deadlines_compute(request)[Deadline.Kind.OBJECTION_EXTENDED].due
    _transition(request, actor=actor, action="objection_extend",
                notice=f"이의신청 결정기간을 {korean_date(due)}까지 연장했습니다. 사유: {as_sentence(objection.extension_reason)}")
    return objection


@transaction.atomic
def request_decide_objection(*, actor: User, request: DisclosureRequest, outcome: str, reason: str,
                             committee_exception: str = "", committee_exception_reason: str = "") -> Objection:
    """Decide the objection. Without the committee (심의회) an Art. 18(2) exception and its reason are required."""
    request = _lock(request)
    _require(permissions.can_handle_request(actor, request))
    _require_state(request, [State.OBJECTED], "이의신청을 결정")
    objection = Objection.objects.get(request=request)
    if outcome not in Objection.Outcome.values:
        raise DisclosureError("이의신청 결정(인용, 부분 인용, 기각, 각하)을 선택해 주세요.", "outcome")
    reason = _text(reason, "reason", "결정 이유")
    if committee_exception:
        if committee_exception not in Objection.CommitteeException.values:
            raise DisclosureError("심의회를 열지 않는 사유(법 제18조제2항 각 호)를 선택해 주세요.", "committee_exception")
        committee_exception_reason = _text(committee_exception_reason, "committee_exception_reason",
                                           "심의회를 열지 않는 이유")
    elif not CommitteeAgendaItem.objects.filter(
        requests=request, source=CommitteeAgendaItem.Source.OBJECTION, status=CommitteeAgendaItem.Status.DONE,
    ).exists():
        raise DisclosureError("이의신청은 정보공개심의회 심의를 거쳐야 합니다. 심의를 마치거나, 열지 않는 사유"
                              "(법 제18조제2항 각 호)와 이유를 적어 주세요.", "committee_exception")
    objection.outcome, objection.outcome_reason, objection.decided_on = outcome, reason, _today()
    objection.committee_exception = committee_exception
    objection.committee_exception_reason = committee_exception_reason.strip()
    upheld = outcome in UPHELD_OUTCOMES
    previous = Decision.objects.filter(request=request, issued_on__isnull=False).first()
    if upheld and previous is not None:
        # The overturned decision stays in the history (its notice and this step's params); the draft reopens
        # under a new revision, so an approval of the old draft does not carry over.
        assert previous.issued_on is not None
        objection.decision_before = {"kind": previous.kind, "issued_on": previous.issued_on.isoformat(),
                                     "items": sorted(previous.grounds.values_list("item", flat=True))}
        previous.issued_on, previous.issued_by = None, None
        previous.revision += 1
        previous.save(update_fields=["issued_on", "issued_by", "revision"])
    objection.save()
    with override("ko"):  # the notice is the Korean record, as in _decision_notice
        outcome_label, exception_label = objection.get_outcome_display(), objection.get_committee_exception_display()
    notice = f"이의신청에 대해 {with_ro(f'‘{outcome_label}’')} 결정했습니다. 이유: {as_sentence(reason)}"
    if committee_exception:
        notice += (f" 정보공개심의회를 열지 않았습니다: {exception_label} — "
                   f"{as_sentence(objection.committee_exception_reason)}")
    if outcome in (Objection.Outcome.DISMISSED, Objection.Outcome.REJECTED):
        notice += " 이 결정에 불복하면 행정심판 또는 행정소송을 제기할 수 있습니다(법 제18조제4항)."
    if upheld:
        due = deadlines_compute(request)[Deadline.Kind.REDECISION].due
        notice += f" 처리 부서가 이에 따라 {korean_date(due)}까지 다시 결정해 알려 드립니다."
        _transition(request, actor=actor, action="objection_decide", to_state=State.REDECIDING, outcome=outcome,
                    notice=notice, decision_before=objection.decision_before)
        return objection
    _transition(request, actor=actor, action="objection_decide", to_state=State.CLOSED, outcome=outcome,
                notice=notice)
    return objection


@transaction.atomic
def request_refer_objection(*, actor: User, request: DisclosureRequest) -> CommitteeAgendaItem:
    """Put the objection on the committee's agenda (법 제18조제2항 본문)."""
    request = _lock(request)
    _require(permissions.can_handle_request(actor, request))
    _require_state(request, [State.OBJECTED], "심의회에 상정")
    assert request.department is not None
    item = CommitteeAgendaItem.objects.create(
        source=CommitteeAgendaItem.Source.OBJECTION, department=request.department,
        title=f"이의신청 심의: {request.number} {request.subject}"[:200],
    )
    item.requests.add(request)
    _transition(request, actor=actor, action="objection_refer", internal=True, agenda=item.pk)
    return item


@transaction.atomic
def agenda_item_complete(*, actor: User, item: CommitteeAgendaItem) -> CommitteeAgendaItem:
    """Record that the committee has deliberated on an agenda item."""
    _require(permissions.is_disclosure_officer(actor), "심의 결과는 정보공개 담당관이 기록합니다.")
    item.status = CommitteeAgendaItem.Status.DONE
    item.save(update_fields=["status"])
    audit_event_record(actor=actor, action="disclosure.agenda.complete", target=item, summary=item.title)
    return item


@transaction.atomic
def request_close(*, actor: User, request: DisclosureRequest, note: str = "") -> DisclosureRequest:
    """처리 완료: after disclosure, or after a refusal once the requester has been told."""
    request = _lock(request)
    _require(permissions.can_handle_request(actor, request))
    _require_state(request, [State.DECIDED, State.DISCLOSED], "처리를 완료")
    decision = _draft(request)
    if request.state == State.DECIDED and decision.kind in (Decision.Kind.DISCLOSE, Decision.Kind.PARTIAL):
        limit = decision.disclosure_on + dt.timedelta(days=10) if decision.disclosure_on else None
        # 시행령 제12조제4항: closed without disclosure only when the requester did not come 10 days after.
        if limit is None or _today() <= limit:
            raise DisclosureError("공개 결정한 정보는 먼저 공개를 완료해야 합니다. 청구인이 공개일 후 10일이 지나도록 "
                                  "응하지 않은 경우에만 그대로 종결할 수 있습니다(시행령 제12조제4항).")
    _transition(request, actor=actor, action="close", to_state=State.CLOSED, internal=True, note=note.strip())
    return request


@transaction.atomic
def request_withdraw(*, actor: User, request: DisclosureRequest, reason: str = "") -> DisclosureRequest:
    """취하: the requester (or staff on their word) withdraws at any point before the request is final."""
    request = _lock(request)
    _require(permissions.can_withdraw_request(actor, request))
    if request.is_final:
        raise DisclosureError(f"이미 ‘{request.get_state_display()}’ 상태라 취하할 수 없습니다.")
    _transition(request, actor=actor, action="withdraw", to_state=State.WITHDRAWN, reason=reason.strip(),
                notice="정보공개 청구를 취하했습니다.")
    return request


# ---------------------------------------------------------------- reads of personal data


def request_view_for_staff(*, actor: User, request: DisclosureRequest, http_request: HttpRequest | None,
                           purpose: str = "정보공개 청구 처리") -> DisclosureRequest:
    """Staff read one request with its requester data: logged before it is returned."""
    _require(permissions.can_view_request(actor, request))
    record_access(actor=actor, action=PersonalDataAccess.Action.VIEW, subject=SUBJECT, record_ids=[request.pk],
                  request=http_request, purpose=purpose)
    return request


def requests_listed_for_staff(*, actor: User, ids: Iterable[int], http_request: HttpRequest | None,
                              export_purpose: str = "") -> None:
    """A staff list (or export) that shows requester names, masked: logged."""
    ids = list(ids)
    if not ids and not export_purpose:
        return
    action = PersonalDataAccess.Action.EXPORT if export_purpose else PersonalDataAccess.Action.LIST
    record_access(actor=actor, action=action, subject=SUBJECT, record_ids=ids, request=http_request,
                  purpose=export_purpose or "정보공개 청구 목록")



# ---------------------------------------------------------------- proactive publication (법 제7조)


def proactive_due_recompute(item: ProactiveItem) -> dt.date | None:
    """Set `item.next_due_on` from its cycle, timing and last publication (not saved)."""
    item.next_due_on = cycles.next_due(item.cycle, item.timing, item.last_published_on, item.registered_on)
    return item.next_due_on


@transaction.atomic
def proactive_item_create(*, actor: User, title: str, field: str, cycle: str, department: Department,
                          location: str, scope: str = "", timing: str = "",
                          registered_on: dt.date | None = None) -> ProactiveItem:
    """Register a 사전정보공표 item; its next due date is computed from cycle and timing."""
    _require(permissions.can_create_proactive_item(actor))
    if not permissions.can_manage_proactive_item(actor, ProactiveItem(department=department)):
        raise DisclosureError("자기 부서의 공표 항목만 등록할 수 있습니다.", "department")
    title = _text(title, "title", "공표 항목", 200)
    if field not in PROACTIVE_FIELDS:
        raise DisclosureError("분야(11개 분야 중 하나)를 선택해 주세요.", "field")
    if cycle not in Cycle.values:
        raise DisclosureError("공표 주기(수시, 월, 분기, 반기, 연)를 선택해 주세요.", "cycle")
    location = _text(location, "location", "공표 장소", 300)
    timing = timing.strip()[:100]
    if cycle != Cycle.AS_NEEDED and cycle != Cycle.YEARLY and timing and cycles.timing_day(timing) is None:
        raise DisclosureError("공표 시기에는 날짜를 ‘매월 10일’처럼 적어 주세요.", "timing")
    item = ProactiveItem(title=title, field=field, cycle=cycle, timing=timing, department=department,
                         location=location, scope=scope.strip()[:300], registered_on=registered_on or _today())
    proactive_due_recompute(item)
    item.save()
    audit_event_record(actor=actor, action="disclosure.proactive.create", target=item, summary=title)
    return item


@transaction.atomic
def proactive_publication_record(*, actor: User, item: ProactiveItem, published_on: dt.date | None = None,
                                 location: str = "", note: str = "") -> ProactivePublication:
    """Record that `item` was published; moves its next due date one cycle on."""
    _require(permissions.can_manage_proactive_item(actor, item), "담당 부서나 정보공개 담당관만 공표를 기록할 수 있습니다.")
    published_on = published_on or _today()
    if published_on > _today():
        raise DisclosureError("공표일은 오늘 이후일 수 없습니다.", "published_on")
    location = (location or item.location).strip()[:300]
    publication = ProactivePublication.objects.create(item=item, published_on=published_on, location=location,
                                                      note=note.strip()[:300], recorded_by=actor)
    if item.last_published_on is None or published_on >= item.last_published_on:
        item.last_published_on = published_on
    proactive_due_recompute(item)
    item.save(update_fields=["last_published_on", "next_due_on"])
    audit_event_record(actor=actor, action="disclosure.proactive.publish", target=item, summary=item.title,
                       published_on=published_on.isoformat(), next_due=str(item.next_due_on or ""))
    return publication


# ---------------------------------------------------------------- original documents (법 제8조의2)

DOCUMENT_SUBJECT = "disclosure.document"


@transaction.atomic
def document_register(*, actor: User, number: str, title: str, department: Department, approved_on: dt.date,
                      approver: str, retention: str, disclosure_class: str, article_9_item: int | None = None,
                      pdf: bytes | None = None, request: DisclosureRequest | None = None,
                      in_public_list: bool = True) -> OriginalDocument:
    """Register an approved document; a new version when the number exists. Scans the PDF."""
    if not permissions.can_manage_document(actor, OriginalDocument(department=department)):
        raise DisclosureError("자기 부서의 문서만 등록할 수 있습니다.", "department")
    number = _text(number, "number", "문서번호", 40)
    title = _text(title, "title", "제목", 300)
    approver = _text(approver, "approver", "결재권자", 60)
    if retention not in RETENTION_PERIODS:
        raise DisclosureError("보존기간을 선택해 주세요.", "retention")
    if disclosure_class not in DocumentClass.values:
        raise DisclosureError("공개 구분(공개, 부분공개, 비공개)을 선택해 주세요.", "disclosure_class")
    if disclosure_class == DocumentClass.OPEN:
        article_9_item = None
    elif article_9_item not in ARTICLE_9_ITEMS:
        raise DisclosureError("부분공개·비공개 문서는 제9조제1항의 해당 호를 선택해 주세요.", "article_9_item")
    if approved_on > _today():
        raise DisclosureError("결재일은 오늘 이후일 수 없습니다.", "approved_on")
    if pdf is not None and not pdf.startswith(b"%PDF"):
        raise DisclosureError("원문은 PDF 파일이어야 합니다.", "original")
    version = (OriginalDocument.objects.filter(number=number).aggregate(m=Max("version"))["m"] or 0) + 1
    document = OriginalDocument.objects.create(
        number=number, version=version, title=title, department=department, approved_on=approved_on,
        approver=approver, retention=retention, disclosure_class=disclosure_class, article_9_item=article_9_item,
        request=request, in_public_list=in_public_list,
    )
    if pdf is not None:
        document.original.save("original.pdf", ContentFile(pdf), save=True)
        if disclosure_class == DocumentClass.PARTIAL:
            document_scan(actor=actor, document=document)
    audit_event_record(actor=actor, action="disclosure.document.register", target=document, summary=title,
                       version=version, disclosure_class=disclosure_class)
    return document


def _read(file_field: Any) -> bytes:
    with file_field.open("rb") as handle:
        return bytes(handle.read())


@transaction.atomic
def document_scan(*, actor: User, document: OriginalDocument) -> list[Redaction]:
    """Propose a redaction (Art. 9(1) item 6) for every piece of personal data found in the original."""
    _require(permissions.can_manage_document(actor, document))
    if not document.original:
        raise DisclosureError("원문 PDF가 없습니다.", "original")
    try:
        found = redaction.detect(_read(document.original))
    except redaction.RedactionError as exc:
        raise DisclosureError(str(exc), "original") from None
    known = {(r.page, r.text) for r in document.redactions.all()}
    created = []
    for hit in found:
        if (hit.page, hit.text) in known:
            continue
        known.add((hit.page, hit.text))
        created.append(Redaction.objects.create(
            document=document, page=hit.page, kind=hit.kind, text=hit.text, masked=_masked(hit.kind, hit.text),
            rects=[list(r) for r in hit.rects],
        ))
    audit_event_record(actor=actor, action="disclosure.document.scan", target=document, summary=document.title,
                       proposed=len(created))
    return created


def _masked(kind: str, text: str) -> str:
    if kind in ("rrn", "foreigner_number"):
        return pii.mask_rrn(text)
    if kind == "phone":
        return pii.mask_phone(text)
    if kind == "email":
        return pii.mask_email(text)
    if kind == "name":
        return pii.mask_name(text.replace(" ", ""))
    return text[:2] + "*" * max(len(text) - 4, 1) + text[-2:] if len(text) > 4 else "*" * len(text)


@transaction.atomic
def redaction_decide(*, actor: User, redaction_row: Redaction, accept: bool) -> Redaction:
    """Staff accept (remove from the published file) or reject a proposed redaction."""
    document = redaction_row.document
    _require(permissions.can_manage_document(actor, document))
    if document.published_on is not None:
        raise DisclosureError("이미 공개한 문서입니다. 새 판을 등록해 주세요.")
    redaction_row.status = Redaction.Status.ACCEPTED if accept else Redaction.Status.REJECTED
    redaction_row.decided_by, redaction_row.decided_at = actor, timezone.now()
    redaction_row.save(update_fields=["status", "decided_by", "decided_at"])
    audit_event_record(actor=actor, action="disclosure.document.redaction", target=document,
                       summary=f"{redaction_row.masked} {redaction_row.get_status_display()}", page=redaction_row.page,
                       kind=redaction_row.kind, ground=redaction_row.ground)
    return redaction_row


@transaction.atomic
def redaction_add(*, actor: User, document: OriginalDocument, page: int, text: str, article_9_item: int = 6,
                  reason: str = "") -> Redaction:
    """Staff add a region by its text on a page (the automatic scan missed it), accepted at once."""
    _require(permissions.can_manage_document(actor, document))
    if document.published_on is not None:
        raise DisclosureError("이미 공개한 문서입니다. 새 판을 등록해 주세요.")
    text = _text(text, "text", "가릴 내용", 200)
    if article_9_item not in ARTICLE_9_ITEMS:
        raise DisclosureError("가리는 근거(제9조제1항의 호)를 선택해 주세요.", "article_9_item")
    rects = redaction.locate(_read(document.original), page, text)
    if not rects:
        raise DisclosureError(f"{page + 1}쪽에서 그 내용을 찾지 못했습니다.", "text")
    ground = f"정보공개법 제9조제1항제{article_9_item}호({ARTICLE_9_ITEMS[article_9_item]})"
    if reason.strip():
        ground = f"{ground}: {reason.strip()}"[:200]
    row = Redaction.objects.create(
        document=document, page=page, kind="manual", text=text, masked=_masked("manual", text),
        rects=[list(r) for r in rects], source=Redaction.Source.MANUAL, status=Redaction.Status.ACCEPTED,
        article_9_item=article_9_item, ground=ground, decided_by=actor, decided_at=timezone.now(),
    )
    audit_event_record(actor=actor, action="disclosure.document.redaction", target=document,
                       summary=f"{row.masked} 직원 추가", page=page, ground=ground)
    return row


def published_versions_revealing(document: OriginalDocument, texts: Sequence[str]) -> list[OriginalDocument]:
    """Other published versions of the same document from which one of `texts` can be extracted."""
    found = []
    others = OriginalDocument.objects.filter(number=document.number, published_on__isnull=False).exclude(pk=document.pk)
    for other in others:
        if other.published_file and redaction.still_present(_read(other.published_file), texts):
            found.append(other)
    return found


@transaction.atomic
def document_publish(*, actor: User, document: OriginalDocument, on: dt.date | None = None) -> OriginalDocument:
    """Publish the original (공개) or its truly redacted copy (부분공개); 비공개 is never published.

    Refused while a proposed redaction is undecided, or when another published version of the
    same document shows text this one removes.
    """
    document = OriginalDocument.objects.select_for_update().get(pk=document.pk)
    _require(permissions.can_manage_document(actor, document))
    if document.disclosure_class == DocumentClass.CLOSED:
        raise DisclosureError("비공개 문서는 원문을 공개하지 않습니다(목록에만 게시됩니다).")
    if document.published_on is not None:
        raise DisclosureError("이미 공개한 문서입니다.")
    if not document.original:
        raise DisclosureError("원문 PDF를 먼저 올려 주세요.", "original")
    original = _read(document.original)
    accepted: list[Redaction] = []
    if document.disclosure_class == DocumentClass.PARTIAL:
        if document.redactions.filter(status=Redaction.Status.PROPOSED).exists():
            raise DisclosureError("검토하지 않은 가림 후보가 있습니다. 모두 ‘가림’ 또는 ‘가리지 않음’으로 정해 주세요.")
        accepted = list(document.redactions.filter(status=Redaction.Status.ACCEPTED))
        if not accepted:
            raise DisclosureError("부분공개 문서인데 가린 부분이 없습니다. 가릴 부분을 정하거나 공개 구분을 고쳐 주세요.")
        leaking = published_versions_revealing(document, [r.text for r in accepted])
        if leaking:
            raise DisclosureError("이미 공개한 다른 판(" + ", ".join(f"{d.number} 제{d.version}판" for d in leaking)
                                  + ")에 이 판에서 가린 내용이 보입니다. 그 판을 먼저 고쳐 주세요.")
        try:
            output = redaction.apply(original, [
                redaction.Region(page=r.page, rects=[tuple(x) for x in r.rects], text=r.text) for r in accepted
            ])
        except redaction.RedactionError as exc:
            raise DisclosureError(str(exc)) from None
    else:
        output = original
    document.published_file.save("published.pdf", ContentFile(output), save=False)
    document.published_on = on or _today()
    document.save(update_fields=["published_file", "published_on"])
    audit_event_record(actor=actor, action="disclosure.document.publish", target=document, summary=document.title,
                       redactions=[{"page": r.page, "kind": r.kind, "ground": r.ground} for r in accepted])
    return document


def document_original_read(*, actor: User, document: OriginalDocument, http_request: HttpRequest | None) -> bytes:
    """Staff read the unredacted original: it may hold personal data, so the read is logged."""
    _require(permissions.can_view_document_draft(actor, document))
    record_access(actor=actor, action=PersonalDataAccess.Action.VIEW, subject=DOCUMENT_SUBJECT,
                  record_ids=[document.pk], request=http_request, purpose="원문공개 가림 검토")
    return _read(document.original)


# ---------------------------------------------------------------- meetings (회의 공개)

# Left in a generated minutes draft where staff must write; publishing refuses while one remains.
MINUTES_PLACEHOLDER = "(여기에 적어 주세요)"
MEETING_TEXT_FIELDS = {"title": "회의명", "place": "장소", "host": "주재자", "attendees": "참석자", "agenda": "안건",
                       "remarks": "발언 요지", "decisions": "결정 사항", "votes": "표결 결과"}


@transaction.atomic
def committee_create(*, actor: User, name: str, department: Department, legal_basis: str = "",
                     minutes_due_days: int = 14, disclosure_council: bool = False) -> Committee:
    """Register a committee whose meetings are published; minutes are due `minutes_due_days` after a meeting.
    `disclosure_council` marks a 정보공개심의회 (법 제12조), whose membership and decisions are checked."""
    _require(permissions.can_create_committee(actor))
    if not permissions.can_manage_meeting(actor, Committee(department=department)):
        raise DisclosureError("자기 부서의 위원회만 등록할 수 있습니다.", "department")
    name = _text(name, "name", "위원회 이름", 100)
    if Committee.objects.filter(name=name).exists():
        raise DisclosureError("같은 이름의 위원회가 이미 있습니다.", "name")
    if not 1 <= minutes_due_days <= 90:
        raise DisclosureError("회의록 공개 기한은 1일부터 90일까지로 정해 주세요.", "minutes_due_days")
    committee = Committee.objects.create(name=name, department=department, legal_basis=legal_basis.strip()[:200],
                                         minutes_due_days=minutes_due_days, disclosure_council=disclosure_council)
    audit_event_record(actor=actor, action="disclosure.committee.create", target=committee, summary=name,
                       disclosure_council=disclosure_council)
    return committee


@transaction.atomic
def meeting_register(*, actor: User, committee: Committee, title: str, held_at: dt.datetime, place: str, host: str,
                     attendees: str, agenda: str) -> Meeting:
    """Register a meeting; its minutes are due `committee.minutes_due_days` days after it (civil counting)."""
    _require(permissions.can_manage_meeting(actor, committee), "위원회 담당 부서나 정보공개 담당관만 회의를 등록할 수 있습니다.")
    values = {
        "title": _text(title, "title", "회의명", 200), "place": _text(place, "place", "장소", 200),
        "host": _text(host, "host", "주재자", 100), "attendees": _text(attendees, "attendees", "참석자"),
        "agenda": _text(agenda, "agenda", "안건"),
    }
    if timezone.is_naive(held_at):
        held_at = timezone.make_aware(held_at)
    held_on = timezone.localtime(held_at).date()
    meeting = Meeting.objects.create(committee=committee, held_at=held_at, registered_by=actor,
                                     minutes_due_on=deadline(held_on, committee.minutes_due_days, CIVIL).due,
                                     **values)
    audit_event_record(actor=actor, action="disclosure.meeting.register", target=meeting, summary=str(meeting))
    return meeting


def meeting_minutes_draft(meeting: Meeting) -> dict[str, str]:
    """A minutes draft from the registration: one heading per agenda item, placeholders to fill in."""
    items = meeting.agenda_items or [meeting.title]
    return {
        "remarks": "\n".join(f"{n}. {item}\n - {MINUTES_PLACEHOLDER}" for n, item in enumerate(items, 1)),
        "decisions": "\n".join(f"{n}. {item}: {MINUTES_PLACEHOLDER}" for n, item in enumerate(items, 1)),
        "votes": "\n".join(f"{n}. {item}: 재적 ○명, 출석 ○명, 찬성 ○명, 반대 ○명 {MINUTES_PLACEHOLDER}"
                           for n, item in enumerate(items, 1)),
    }


@transaction.atomic
def meeting_minutes_save(*, actor: User, meeting: Meeting, remarks: str, decisions: str, votes: str = "") -> Meeting:
    """Write the minutes (gist of remarks, decisions, votes). Published minutes cannot be changed."""
    _require(permissions.can_manage_meeting(actor, meeting.committee))
    if meeting.published_on is not None:
        raise DisclosureError("공개한 회의록은 고칠 수 없습니다.")
    meeting.remarks = _text(remarks, "remarks", "발언 요지")
    meeting.decisions = _text(decisions, "decisions", "결정 사항")
    meeting.votes = votes.strip()
    meeting.save(update_fields=["remarks", "decisions", "votes"])
    audit_event_record(actor=actor, action="disclosure.meeting.minutes", target=meeting, summary=str(meeting))
    return meeting


@transaction.atomic
def meeting_link_add(*, actor: User, meeting: Meeting, kind: str, title: str, url: str) -> MeetingLink:
    """Attach a material or a video link (http/https) to the meeting."""
    _require(permissions.can_manage_meeting(actor, meeting.committee))
    if kind not in MeetingLink.Kind.values:
        raise DisclosureError("회의 자료인지 영상인지 선택해 주세요.", "kind")
    title = _text(title, "title", "제목", 200)
    url = url.strip()
    if not url.startswith(("https://", "http://", "/")) or len(url) > 500 or " " in url:
        raise DisclosureError("주소는 https:// 로 시작하는 전체 주소나 누리집 안의 경로(/...)로 적어 주세요.", "url")
    link = MeetingLink.objects.create(meeting=meeting, kind=kind, title=title, url=url)
    audit_event_record(actor=actor, action="disclosure.meeting.link", target=meeting, summary=title, kind=kind)
    return link


def meeting_personal_data(meeting: Meeting) -> list[tuple[str, str, str]]:
    """(field, label, masked value) for every personal-data hit (lib.pii.scan) in the minutes' text."""
    found = []
    for name, label in MEETING_TEXT_FIELDS.items():
        for hit in pii.scan(getattr(meeting, name)):
            found.append((name, label, pii.mask_phone(hit.value) if hit.kind == "phone" else
                          pii.mask_email(hit.value) if hit.kind == "email" else
                          pii.mask_rrn(hit.value) if hit.kind in ("rrn", "foreigner_number") else "****"))
    return found


@transaction.atomic
def meeting_publish(*, actor: User, meeting: Meeting, on: dt.date | None = None) -> Meeting:
    """Publish the minutes: refused while a field is empty, a placeholder is left, or personal data is found."""
    _require(permissions.can_manage_meeting(actor, meeting.committee))
    if meeting.published_on is not None:
        raise DisclosureError("이미 공개한 회의록입니다.")
    for name, label in (("remarks", "발언 요지"), ("decisions", "결정 사항")):
        if not getattr(meeting, name).strip():
            raise DisclosureError(f"{with_eul(label)} 적어야 공개할 수 있습니다.", name)
    for name, label in MEETING_TEXT_FIELDS.items():
        if MINUTES_PLACEHOLDER in getattr(meeting, name):
            raise DisclosureError(f"{label}에 아직 채우지 않은 ‘{MINUTES_PLACEHOLDER}’가 남아 있습니다.", name)
    hits = meeting_personal_data(meeting)
    if hits:
        listed = ", ".join(f"{label}: {masked}" for _name, label, masked in hits)
        raise DisclosureError(f"회의록에 개인정보로 보이는 내용이 있어 공개할 수 없습니다({listed}). 지우거나 가린 뒤 "
                              f"다시 공개해 주세요.", hits[0][0])
    meeting.published_on = on or _today()
    meeting.save(update_fields=["published_on"])
    audit_event_record(actor=actor, action="disclosure.meeting.publish", target=meeting, summary=str(meeting),
                       late=meeting.published_on > meeting.minutes_due_on)
    return meeting


# ---------------------------------------------------------------- end of an item-5 process


def process_end_pending(request: DisclosureRequest) -> bool:
    """A refusal on 법 제9조제1항제5호 named a decision-making or review process whose end the
    requester has not yet been told of."""
    decision = Decision.objects.filter(request=request).first()
    return (decision is not None and bool(decision.process_stage) and decision.process_end_notified_on is None
            and request.transitions.filter(action__in=["decide", "redecide"]).exists())


@transaction.atomic
def request_notify_process_end(*, actor: User, request: DisclosureRequest, ended_on: dt.date,
                               note: str = "") -> Decision:
    """법 제9조제1항제5호 단서: once the process a refusal cited has ended, tell the requester, who may
    then ask again. Recorded on the decision and in the request's history."""
    request = _lock(request)
    _require(permissions.can_handle_request(actor, request))
    if not process_end_pending(request):
        raise DisclosureError("의사결정·내부검토 과정을 이유로 비공개한 결정이 없거나 이미 종료를 통지했습니다.",
                              "ended_on")
    if ended_on > _today():
        raise DisclosureError("과정이 끝난 날은 오늘이나 그 전이어야 합니다.", "ended_on")
    decision = Decision.objects.get(request=request)
    decision.process_end_notified_on = _today()
    decision.save(update_fields=["process_end_notified_on"])
    note = (note or "").strip()
    _transition(request, actor=actor, action="process_end_notice", ended_on=ended_on.isoformat(),
                notice=(f"비공개 결정 때 안내한 ‘{decision.process_stage}’ 과정이 {korean_date(ended_on)}에 "
                        f"끝났습니다(법 제9조제1항제5호 단서). 이제 이 정보를 다시 청구하실 수 있습니다."
                        + (f" {as_sentence(note)}" if note else "")))
    return decision


# ---------------------------------------------------------------- reminders before due dates


def _reminder_recipients(request: DisclosureRequest) -> list[str]:
    """The handler; without one, the handling department's heads."""
    from opengu.core import roles

    if request.handler is not None and request.handler.email:
        return [request.handler.email]
    heads = User.objects.filter(staff__department=request.department, groups__name=roles.DEPARTMENT_HEAD)
    return sorted({email for email in heads.values_list("email", flat=True) if email})


# What each reminder is about, by state: (annotated due date, key word, the date's name in the message).
_REMINDED = {
    State.OBJECTED: ("objection_due_on", "objection", "이의신청 결정기한"),
    State.REDECIDING: ("redecision_due_on", "redecision", "이의신청 인용 후 재결정 기한"),
}
_REMINDED_UNDECIDED = ("decision_due_on", "decision", "공개 여부 결정기한")


def deadline_reminders_send(*, today: dt.date | None = None, within_days: int = 3) -> int:
    """E-mail staff about each open request whose decision, objection decision or re-decision (after an
    upheld objection) falls due in the next `within_days` calendar days, today included. Idempotent: one
    message per request, kind, due date and recipient, however often it runs. Returns the reminders that
    exist for the window."""
    from opengu.disclosure.selectors import with_due_dates
    from opengu.messaging import services as messaging

    today = today or _today()
    last = today + dt.timedelta(days=within_days)
    rows = with_due_dates(DisclosureRequest.objects.filter(department__isnull=False)
                          .select_related("department", "handler"))
    due_soon = rows.filter(
        models_q(state__in=UNDECIDED_STATES, decision_due_on__gte=today, decision_due_on__lte=last)
        | models_q(state=State.OBJECTED, objection_due_on__gte=today, objection_due_on__lte=last)
        | models_q(state=State.REDECIDING, redecision_due_on__gte=today, redecision_due_on__lte=last)
    )
    sent = 0
    with transaction.atomic():
        for request in due_soon:
            field, kind, what = _REMINDED.get(State(request.state), _REMINDED_UNDECIDED)
            due: dt.date = getattr(request, field)
            late = ("이의신청이 받아들여져 다시 결정해 알려야 하는 기한입니다(근무일 10일, 구 처리 기준)."
                    if kind == "redecision" else "기한을 넘기면 청구인은 불복할 수 있습니다(법 제18조~제20조).")
            for email in _reminder_recipients(request):
                messaging.email_send(
                    to=email, subject=f"[정보공개 {request.number}] {what} {due:%m월 %d일}",
                    body=(f"‘{request.subject}’({request.number}, {request.department.name})의 {what}이 "  # type: ignore[union-attr]
                          f"{korean_date(due)}입니다. {late}\n"
                          f"처리 화면: /disclosure/staff/{request.pk}/"),
                    key=(f"disclosure-reminder-{request.pk}-{kind}-{due}-"
                         f"{hashlib.sha256(email.encode()).hexdigest()[:16]}"),
                )
                sent += 1
        # 법 제9조제1항제5호 단서: a process a refusal cited is due to end; the requester must be told when it does.
        ending = (Decision.objects.filter(process_expected_end__gte=today, process_expected_end__lte=last,
                                          process_end_notified_on__isnull=True)
                  .exclude(process_stage="").select_related("request", "request__department", "request__handler"))
        for decision in ending:
            request = decision.request
            if not process_end_pending(request):
                continue
            end = decision.process_expected_end
            for email in _reminder_recipients(request):
                messaging.email_send(
                    to=email, subject=f"[정보공개 {request.number}] 의사결정 과정 종료 예정 {end:%m월 %d일}",
                    body=(f"‘{request.subject}’({request.number})를 비공개한 이유인 ‘{decision.process_stage}’ 과정이 "
                          f"{korean_date(end)}에 끝날 예정입니다. 끝나면 청구인에게 알려야 합니다"
                          f"(법 제9조제1항제5호 단서).\n처리 화면: /disclosure/staff/{request.pk}/"),
                    key=(f"disclosure-reminder-{request.pk}-process-{end}-"
                         f"{hashlib.sha256(email.encode()).hexdigest()[:16]}"),
                )
                sent += 1
        audit_event_record(actor=None, action="disclosure.reminders", summary=f"{today}: {sent}건",
                           within_days=within_days)
    return sent


# ---------------------------------------------------------------- records inventory (기록물 전수조사)


class InventoryFileError(DisclosureError):
    """The uploaded list has problems; `errors` holds (row, message) pairs, row 0 for the whole file."""

    def __init__(self, errors: list[tuple[int, str]]) -> None:
        super().__init__(f"파일에 고칠 곳이 {len(errors)}건 있어 아무것도 저장하지 않았습니다.", "file")
        self.errors = errors


def _list_rows(department: Department, source: str) -> list[inventory.ListRow]:
    return [inventory.ListRow(row=r.row, number=r.number, title=r.title, retention=r.retention,
                              disclosure_class=r.disclosure_class)
            for r in InventoryRecord.objects.filter(inventory__department=department, inventory__source=source)]


def inventory_reconcile(*, department: Department) -> list[InventoryMismatch]:
    """Bring the department's mismatches in line with its two lists (both must be imported).

    New differences open; an open one that no longer occurs is dropped; a settled one is kept.
    """
    lists = set(InventoryList.objects.filter(department=department).values_list("source", flat=True))
    if lists != {InventorySource.REGISTERED, InventorySource.HELD}:
        return []
    found = {(d.number, d.kind): d for d in inventory.compare(_list_rows(department, InventorySource.REGISTERED),
                                                              _list_rows(department, InventorySource.HELD))}
    existing = {(m.number, m.kind): m for m in InventoryMismatch.objects.filter(department=department)}
    stale = [m.pk for key, m in existing.items() if key not in found and m.status == InventoryMismatch.Status.OPEN]
    InventoryMismatch.objects.filter(pk__in=stale).delete()
    for key, d in found.items():
        row = existing.get(key)
        if row is None:
            InventoryMismatch.objects.create(department=department, number=d.number, kind=d.kind, title=d.title,
                                             registered_value=d.registered_value, held_value=d.held_value)
        elif (row.title, row.registered_value, row.held_value) != (d.title, d.registered_value, d.held_value):
            row.title, row.registered_value, row.held_value = d.title, d.registered_value, d.held_value
            row.save(update_fields=["title", "registered_value", "held_value"])
    return list(InventoryMismatch.objects.filter(department=department))


@transaction.atomic
def inventory_import(*, actor: User, department: Department, source: str, data: bytes,
                     filename: str) -> InventoryList:
    """Replace the department's `source` list with the file's rows and reconcile the mismatches.

    All or nothing: a file with any row error raises `InventoryFileError` and writes nothing.
    """
    _require(permissions.can_manage_inventory(actor, department), "자기 부서의 목록만 올릴 수 있습니다.")
    if source not in InventorySource.values:
        raise DisclosureError("목록 종류(등록 목록 또는 실물 점검 목록)를 선택해 주세요.", "source")
    parsed = inventory.parse_upload(data, filename)
    if parsed.errors:
        raise InventoryFileError(parsed.errors)
    InventoryList.objects.filter(department=department, source=source).delete()
    imported = InventoryList.objects.create(department=department, source=source, filename=filename[:200],
                                            encoding=parsed.encoding, imported_by=actor)
    InventoryRecord.objects.bulk_create(
        [InventoryRecord(inventory=imported, row=r.row, number=r.number, title=r.title, retention=r.retention,
                         disclosure_class=r.disclosure_class) for r in parsed.rows], batch_size=1000)
    mismatches = inventory_reconcile(department=department)
    audit_event_record(actor=actor, action="disclosure.inventory.import", target=imported,
                       summary=f"{department.name} {InventorySource(source).label} {len(parsed.rows)}건",
                       rows=len(parsed.rows), encoding=parsed.encoding,
                       open_mismatches=sum(m.status == InventoryMismatch.Status.OPEN for m in mismatches))
    return imported


@transaction.atomic
def inventory_mismatch_resolve(*, actor: User, mismatch: InventoryMismatch, status: str,
                               note: str) -> InventoryMismatch:
    """Settle a mismatch: 정리 완료 (the record or the list was fixed) or 소명 (an explanation), with a note."""
    _require(permissions.can_manage_inventory(actor, mismatch.department), "자기 부서의 불일치만 정리할 수 있습니다.")
    if status not in (InventoryMismatch.Status.RESOLVED, InventoryMismatch.Status.EXPLAINED):
        raise DisclosureError("처리 결과(정리 완료 또는 소명)를 선택해 주세요.", "status")
    note = _text(note, "note", "처리 내용", 2000)
    mismatch = InventoryMismatch.objects.select_for_update().get(pk=mismatch.pk)
    before = mismatch.status
    mismatch.status, mismatch.note = status, note
    mismatch.resolved_by, mismatch.resolved_at = actor, timezone.now()
    mismatch.save(update_fields=["status", "note", "resolved_by", "resolved_at"])
    audit_event_record(actor=actor, action="disclosure.inventory.resolve", target=mismatch,
                       summary=f"{mismatch.number} {mismatch.get_kind_display()}: {mismatch.get_status_display()}",
                       before=before, after=status, note=note)
    return mismatch


# ---------------------------------------------------------------- 정보공개심의회 membership (법 제12조, 제12조의2)

COUNCIL_MIN, COUNCIL_MAX = 5, 7  # 법 제12조제2항
TERM_YEARS = 2  # 시행령 제11조제3항


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def members_serving(committee: Committee, on: dt.date) -> list[CommitteeMember]:
    """Members whose term covers `on` and who have not left."""
    return list(committee.members.filter(term_start__lte=on).filter(
        models_q(term_end__isnull=True) | models_q(term_end__gte=on)).filter(
        models_q(ended_on__isnull=True) | models_q(ended_on__gt=on)))


def council_problems(committee: Committee, on: dt.date) -> list[str]:
    """How the council's membership on `on` falls short of 법 제12조 (empty when it complies).

    Size 5–7 including the chair (②); at least two thirds external experts (③; a district is not one of
    the national bodies that may go down to one third); one chair (④).
    """
    members = members_serving(committee, on)
    total = len(members)
    external = sum(m.kind == CommitteeMember.Kind.EXTERNAL for m in members)
    chairs = sum(m.chair for m in members)
    problems = []
    if not COUNCIL_MIN <= total <= COUNCIL_MAX:
        problems.append(f"위원은 위원장을 포함해 {COUNCIL_MIN}명 이상 {COUNCIL_MAX}명 이하여야 합니다"
                        f"(법 제12조제2항). 지금 {total}명입니다.")
    if 3 * external < 2 * total:
        needed = (2 * total + 2) // 3
        problems.append(f"위원의 3분의 2 이상을 외부 전문가로 위촉해야 합니다(법 제12조제3항). "
                        f"위원 {total}명 중 외부 전문가가 {external}명이라 {needed}명 이상이어야 합니다.")
    if chairs != 1:
        problems.append(f"위원장은 1명이어야 합니다(법 제12조제4항). 지금 {chairs}명입니다.")
    return problems


@transaction.atomic
def committee_member_appoint(*, actor: User, committee: Committee, name: str, kind: str, term_start: dt.date,
                             term_end: dt.date | None = None, affiliation: str = "", chair: bool = False,
                             previous_term: CommitteeMember | None = None) -> CommitteeMember:
    """Appoint (위촉·지명) a member. An external expert serves 2 years (default end: the day before the
    second anniversary) and may be reappointed once (`previous_term`); an official serves while in post.
    Refused: an eighth member, a second chair, a second reappointment, a term longer than 2 years."""
    _require(permissions.can_manage_council(actor), "정보공개 담당관만 위원을 위촉할 수 있습니다.")
    name = _text(name, "name", "성명", 50)
    if kind not in CommitteeMember.Kind.values:
        raise DisclosureError("구분(소속 공무원 또는 외부 전문가)을 선택해 주세요.", "kind")
    longest = _years_later(term_start, TERM_YEARS) - dt.timedelta(days=1)
    if kind == CommitteeMember.Kind.INTERNAL:
        if term_end is not None:
            raise DisclosureError("공무원인 위원의 임기는 그 직위에 재직하는 기간이므로 임기 끝을 비워 주세요"
                                  "(시행령 제11조제3항 단서).", "term_end")
        if previous_term is not None:
            raise DisclosureError("연임은 외부 전문가 위원에게만 적용됩니다.", "previous_term")
    else:
        term_end = term_end or longest
        if term_end <= term_start:
            raise DisclosureError("임기 끝은 임기 시작보다 뒤여야 합니다.", "term_end")
        if term_end > longest:
            raise DisclosureError(f"위원의 임기는 2년입니다(시행령 제11조제3항). 임기 끝은 {longest.isoformat()}까지입니다.",
                                  "term_end")
    if previous_term is not None:
        if previous_term.committee_id != committee.pk or previous_term.kind != kind:
            raise DisclosureError("같은 위원회의 외부 전문가 위원의 임기만 연임할 수 있습니다.", "previous_term")
        if previous_term.previous_term_id is not None:
            raise DisclosureError("위원은 한 차례만 연임할 수 있습니다(시행령 제11조제3항).", "previous_term")
        if CommitteeMember.objects.filter(previous_term=previous_term).exists():
            raise DisclosureError("이 임기는 이미 연임되었습니다.", "previous_term")
    serving = [m for m in members_serving(committee, term_start) if m != previous_term]
    if committee.disclosure_council and len(serving) >= COUNCIL_MAX:
        raise DisclosureError(f"심의회 위원은 {COUNCIL_MAX}명을 넘을 수 없습니다(법 제12조제2항).", "name")
    if chair and any(m.chair for m in serving):
        raise DisclosureError("위원장이 이미 있습니다. 지금 위원장의 임기를 먼저 끝내 주세요(법 제12조제4항).", "chair")
    member = CommitteeMember.objects.create(committee=committee, name=name, kind=kind, affiliation=affiliation[:200],
                                            chair=chair, term_start=term_start, term_end=term_end,
                                            previous_term=previous_term)
    audit_event_record(actor=actor, action="disclosure.council.appoint", target=member,
                       summary=f"{committee.name} {pii.mask_name(name)} ({member.get_kind_display()})",
                       term_start=term_start.isoformat(), term_end=term_end.isoformat() if term_end else None,
                       reappointment=previous_term is not None, chair=chair)
    return member


@transaction.atomic
def committee_member_end(*, actor: User, member: CommitteeMember, on: dt.date, reason: str) -> CommitteeMember:
    """End a member's service early (해촉·해임, 법 제12조의2제4항, or leaving the post)."""
    _require(permissions.can_manage_council(actor), "정보공개 담당관만 위원을 해촉할 수 있습니다.")
    reason = _text(reason, "reason", "사유", 500)
    if on < member.term_start:
        raise DisclosureError("해촉일은 임기 시작 뒤여야 합니다.", "on")
    member.ended_on = on
    member.save(update_fields=["ended_on"])
    audit_event_record(actor=actor, action="disclosure.council.end", target=member,
                       summary=f"{pii.mask_name(member.name)} {on.isoformat()}", reason=reason)
    return member


@transaction.atomic
def agenda_recusal_record(*, actor: User, item: CommitteeAgendaItem, member: CommitteeMember, kind: str,
                          reason: str, ground: int | None = None) -> AgendaRecusal:
    """Keep a member out of an agenda item: 제척 or 회피 on a 제12조의2제1항 ground, or an accepted 기피."""
    _require(permissions.can_manage_council(actor), "정보공개 담당관만 제척·기피·회피를 기록할 수 있습니다.")
    if kind not in AgendaRecusal.Kind.values:
        raise DisclosureError("제척, 기피, 회피 중 하나를 선택해 주세요.", "kind")
    if kind != AgendaRecusal.Kind.CHALLENGE and ground not in RECUSAL_GROUNDS:
        raise DisclosureError("제척·회피 사유(법 제12조의2제1항 제1호~제4호)를 선택해 주세요.", "ground")
    reason = _text(reason, "reason", "사유", 2000)
    if item.status != CommitteeAgendaItem.Status.OPEN:
        raise DisclosureError("이미 심의를 마친 안건입니다.", "item")
    if AgendaRecusal.objects.filter(item=item, member=member).exists():
        raise DisclosureError("이 위원은 이 안건에서 이미 빠졌습니다.", "member")
    recusal = AgendaRecusal.objects.create(item=item, member=member, kind=kind,
                                           ground=None if kind == AgendaRecusal.Kind.CHALLENGE else ground,
                                           reason=reason, recorded_by=actor)
    audit_event_record(actor=actor, action="disclosure.council.recusal", target=item,
                       summary=f"{pii.mask_name(member.name)} {recusal.get_kind_display()}", member=member.pk,
                       kind=kind, ground=recusal.ground)
    return recusal


@transaction.atomic
def agenda_decide(*, actor: User, item: CommitteeAgendaItem, committee: Committee, decided_on: dt.date,
                  outcome: str, reason: str, votes: dict[CommitteeMember, str],
                  meeting: Meeting | None = None) -> AgendaDecision:
    """Record the council's decision on `item` and each member's vote; the item's requests stay linked.

    Refused: a council whose membership that day breaks 법 제12조, a voter who is not serving, and a
    voter kept out of the item (제척·기피·회피, 법 제12조의2).
    """
    _require(permissions.can_manage_council(actor), "정보공개 담당관만 의결을 기록할 수 있습니다.")
    if not committee.disclosure_council:
        raise DisclosureError("정보공개심의회로 지정된 위원회만 안건을 의결합니다.", "committee")
    item = CommitteeAgendaItem.objects.select_for_update().get(pk=item.pk)
    if item.status != CommitteeAgendaItem.Status.OPEN or AgendaDecision.objects.filter(item=item).exists():
        raise DisclosureError("이미 심의를 마친 안건입니다.", "item")
    problems = council_problems(committee, decided_on)
    if problems:
        raise DisclosureError("심의회 구성이 법에 맞지 않아 의결할 수 없습니다. " + " ".join(problems), "committee")
    outcome = _text(outcome, "outcome", "의결 결과", 200)
    reason = _text(reason, "reason", "이유")
    if not votes:
        raise DisclosureError("표결한 위원을 입력해 주세요.", "votes")
    serving = {m.pk for m in members_serving(committee, decided_on)}
    recused = dict(AgendaRecusal.objects.filter(item=item).values_list("member_id", "kind"))
    for member, choice in votes.items():
        if choice not in AgendaVote.Choice.values:
            raise DisclosureError("표결은 찬성, 반대, 기권 중 하나입니다.", "votes")
        if member.pk not in serving:
            raise DisclosureError(f"{pii.mask_name(member.name)} 위원은 {decided_on.isoformat()}에 위원이 아닙니다.", "votes")
        if member.pk in recused:
            label = AgendaRecusal.Kind(recused[member.pk]).label
            raise DisclosureError(f"{pii.mask_name(member.name)} 위원은 이 안건에서 {label}되어 의결에 참여할 수 없습니다"
                                  "(법 제12조의2).", "votes")
    if meeting is not None and meeting.committee_id != committee.pk:
        raise DisclosureError("이 심의회의 회의만 고를 수 있습니다.", "meeting")
    counts = {c: sum(v == c for v in votes.values()) for c in AgendaVote.Choice.values}
    decision = AgendaDecision.objects.create(
        item=item, meeting=meeting, decided_on=decided_on, outcome=outcome, reason=reason, recorded_by=actor,
        votes_for=counts["for"], votes_against=counts["against"], abstentions=counts["abstain"])
    AgendaVote.objects.bulk_create([AgendaVote(decision=decision, member=m, choice=c) for m, c in votes.items()])
    item.status = CommitteeAgendaItem.Status.DONE
    item.save(update_fields=["status"])
    audit_event_record(actor=actor, action="disclosure.council.decide", target=item, summary=f"{item.title}: {outcome}",
                       requests=list(item.requests.values_list("number", flat=True)), **counts)
    return decision


def council_members_listed(*, actor: User, committee: Committee,
                           http_request: HttpRequest | None) -> list[CommitteeMember]:
    """Every member of the committee, oldest term first, with the staff list read logged (names are encrypted)."""
    members = list(CommitteeMember.objects.filter(committee=committee).order_by("term_start", "id"))
    record_access(actor=actor, action=PersonalDataAccess.Action.LIST, subject="disclosure.council_member",
                  record_ids=[m.pk for m in members], request=http_request, purpose="정보공개심의회 위원 관리")
    return members


# ---------------------------------------------------------------- 정보공개모니터단 (계획 §5-4)

PANEL_TERM_YEARS = 1
PANEL_COMMENT_MAX = 1000
PII_KIND_LABELS = {"rrn": "주민등록번호", "foreigner_number": "외국인등록번호", "phone": "전화번호", "email": "전자우편 주소"}


def _quoted_once(label: str) -> str:
    """‘label’, or the label as it is when it quotes a word itself: one level of quotes, never ‘'…' …’."""
    if "'" in label:
        return label.replace("'", "‘", 1).replace("'", "’", 1)
    return f"‘{label}’"


def panel_member_serving(user: Any, on: dt.date | None = None) -> PanelMember | None:
    """The resident's panel term covering `on` (today), if any."""
    on = on or _today()
    if not getattr(user, "is_authenticated", False):
        return None
    terms = PanelMember.objects.filter(user_id=user.pk, term_start__lte=on, term_end__gte=on).filter(
        models_q(ended_on__isnull=True) | models_q(ended_on__gte=on))
    return terms.select_related("dong").first()


@transaction.atomic
def panel_member_appoint(*, actor: User, username: str, term_start: dt.date, term_end: dt.date | None = None,
                         dong: Any = None) -> PanelMember:
    """Appoint a resident (by their login ID) to the panel for a term (default one year); the dong defaults
    to the one in their profile. Refused: a staff account, an unknown ID, a term overlapping another."""
    _require(permissions.can_manage_panel(actor), "정보공개 담당관만 모니터단 위원을 위촉할 수 있습니다.")
    username = _text(username, "username", "구민 계정(아이디)", 150)
    user = User.objects.filter(username=username).select_related("resident").first()
    if user is None or not user.is_resident or not hasattr(user, "resident"):
        raise DisclosureError("그 아이디의 구민 계정이 없습니다. 구민이 누리집에 가입한 아이디를 적어 주세요.", "username")
    dong = dong or user.resident.dong
    if dong is None:
        raise DisclosureError("위원이 활동할 동을 선택해 주세요.", "dong")
    term_end = term_end or _years_later(term_start, PANEL_TERM_YEARS) - dt.timedelta(days=1)
    if term_end <= term_start:
        raise DisclosureError("활동 끝은 활동 시작보다 뒤여야 합니다.", "term_end")
    overlapping = PanelMember.objects.filter(user=user, term_start__lte=term_end, term_end__gte=term_start).filter(
        models_q(ended_on__isnull=True) | models_q(ended_on__gte=term_start))
    if overlapping.exists():
        raise DisclosureError("이 구민은 그 기간에 이미 모니터단 위원입니다.", "term_start")
    member = PanelMember.objects.create(user=user, dong=dong, term_start=term_start, term_end=term_end,
                                        appointed_by=actor)
    audit_event_record(actor=actor, action="disclosure.panel.appoint", target=member,
                       summary=f"{pii.mask_name(user.resident.name)} ({dong.name})",
                       term_start=term_start.isoformat(), term_end=term_end.isoformat())
    return member


@transaction.atomic
def panel_member_end(*, actor: User, member: PanelMember, on: dt.date, reason: str) -> PanelMember:
    """End a member's term early (해촉 or the member's own wish)."""
    _require(permissions.can_manage_panel(actor), "정보공개 담당관만 모니터단 위원을 해촉할 수 있습니다.")
    reason = _text(reason, "reason", "사유", 200)
    if on < member.term_start or on > member.term_end:
        raise DisclosureError("해촉일은 활동 기간 안이어야 합니다.", "on")
    member.ended_on, member.end_reason = on, reason
    member.save(update_fields=["ended_on", "end_reason"])
    audit_event_record(actor=actor, action="disclosure.panel.end", target=member, summary=on.isoformat(),
                       reason=reason)
    return member


@transaction.atomic
def panel_round_create(*, actor: User, title: str, opens_on: dt.date, closes_on: dt.date,
                       note: str = "") -> PanelRound:
    """Open a survey round with its deadline (계획 §5-4: "기한을 정하여")."""
    _require(permissions.can_manage_panel(actor), "정보공개 담당관만 설문 회차를 만들 수 있습니다.")
    title = _text(title, "title", "회차", 100)
    if closes_on < opens_on:
        raise DisclosureError("설문 마감일은 시작일과 같거나 뒤여야 합니다.", "closes_on")
    panel_round = PanelRound.objects.create(title=title, opens_on=opens_on, closes_on=closes_on,
                                            note=(note or "").strip()[:2000], created_by=actor)
    audit_event_record(actor=actor, action="disclosure.panel.round", target=panel_round,
                       summary=f"{title} {opens_on.isoformat()}~{closes_on.isoformat()}")
    return panel_round


@transaction.atomic
def panel_response_submit(*, actor: User, panel_round: PanelRound, ratings: Mapping[str, tuple[str | int, str]],
                          on: dt.date | None = None) -> PanelResponse:
    """A serving member rates every criterion (1–5) with an optional comment while the round is open (`on`,
    default today); answering again before the deadline replaces the earlier answers. Comments must hold no
    personal data."""
    today = on or _today()
    member = panel_member_serving(actor, today)
    if member is None:
        raise DisclosureError("정보공개모니터단 위원만 설문에 답할 수 있습니다.")
    if not panel_round.is_open(today):
        raise DisclosureError(f"설문 기간({panel_round.opens_on.isoformat()} ~ {panel_round.closes_on.isoformat()})이 "
                              "아닙니다.")
    cleaned: dict[str, tuple[int, str]] = {}
    problems: list[DisclosureError] = []  # every problem at once, in the order of the form
    for criterion, label in PANEL_CRITERIA.items():
        named = _quoted_once(str(label))
        raw_score, comment = ratings.get(criterion, ("", ""))
        score = int(raw_score) if str(raw_score).strip().isdigit() else 0
        if not 1 <= score <= 5:
            problems.append(DisclosureError(f"{named} 항목의 점수(1~5)를 골라 주세요.", f"score-{criterion}"))
        comment = (comment or "").strip()
        if len(comment) > PANEL_COMMENT_MAX:
            problems.append(DisclosureError(f"{named} 의견은 {PANEL_COMMENT_MAX}자 이내로 적어 주세요.",
                                            f"comment-{criterion}"))
        hits = pii.scan(comment)
        if hits:
            kind = PII_KIND_LABELS.get(hits[0].kind, "개인정보")
            problems.append(DisclosureError(f"{named} 의견에 {kind}가 있습니다. 개인정보를 지우고 다시 보내 주세요.",
                                            f"comment-{criterion}"))
        cleaned[criterion] = (score, comment)
    if problems:
        raise DisclosureError.listing(problems)
    response, created = PanelResponse.objects.get_or_create(round=panel_round, member=member)
    if not created:
        response.ratings.all().delete()
        response.submitted_at = timezone.now()
        response.save(update_fields=["submitted_at"])
    elif on is not None:
        response.submitted_at = timezone.make_aware(dt.datetime.combine(on, dt.time(12)))
        response.save(update_fields=["submitted_at"])
    PanelRating.objects.bulk_create([PanelRating(response=response, criterion=criterion, score=score, comment=comment)
                                     for criterion, (score, comment) in cleaned.items()])
    audit_event_record(actor=actor, action="disclosure.panel.respond", target=response,
                       summary=panel_round.title, replaced=not created)
    return response


def panel_members_listed(*, actor: User, http_request: HttpRequest | None) -> list[PanelMember]:
    """Every panel term, newest first, with the staff list read logged (names come from the encrypted profile)."""
    members = list(PanelMember.objects.select_related("user__resident", "dong").order_by("-term_start", "id"))
    record_access(actor=actor, action=PersonalDataAccess.Action.LIST, subject="disclosure.panel_member",
                  record_ids=[m.pk for m in members], request=http_request, purpose="정보공개모니터단 위원 관리")
    return members
