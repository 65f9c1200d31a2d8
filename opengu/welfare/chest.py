"""사회복지공동모금회 support (plan §2-2): applications for households, decided by the allocation
committee (배분위원회) at a meeting, with minutes.

An application moves submitted → on_agenda (put on a meeting's agenda) → granted, adjusted or
rejected; it may go back from the agenda to submitted, and be withdrawn before a decision.
`TRANSITIONS` is the whole machine; every other move is refused with a Korean reason. A
decision needs a quorum (more than half the serving members present), votes from every present
member who has not recused, and a majority for to grant. Minutes are drafted from the meeting
(attendees, agenda, decisions, votes) with clients masked, edited (each save a version) and
finalised; after that the meeting, its agenda and its minutes are read only.

Every write is atomic and audited; the worker (e-mail) and the client (SMS) are told a decision
through the messaging outbox in the same transaction.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from opengu.core.audit import audit_event_record
from opengu.core.models import User
from opengu.lib import pii
from opengu.messaging.services import email_send, sms_send
from opengu.welfare import permissions
from opengu.welfare.models import (
    ChestApplication,
    ChestAttachment,
    ChestCommittee,
    ChestMeeting,
    ChestMember,
    ChestMinutes,
    ChestMinutesVersion,
    ChestRecusal,
    Client,
)
from opengu.welfare.programmes import ProgrammeInputError

State = ChestApplication.State
MAX_AMOUNT = 100_000_000  # 1억 원: far above any single 공동모금회 grant; a typo guard
REASON_MAX = 2000
ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
ATTACHMENT_TYPES = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
PII_KIND_LABELS = {"rrn": "주민등록번호", "foreigner_number": "외국인등록번호", "phone": "전화번호", "email": "전자우편 주소"}

TRANSITIONS: dict[str, set[str]] = {
    State.SUBMITTED: {State.ON_AGENDA, State.WITHDRAWN},
    State.ON_AGENDA: {State.SUBMITTED, State.GRANTED, State.ADJUSTED, State.REJECTED, State.WITHDRAWN},
    State.GRANTED: set(),
    State.ADJUSTED: set(),
    State.REJECTED: set(),
    State.WITHDRAWN: set(),
}
DECISIONS = (State.GRANTED, State.ADJUSTED, State.REJECTED)


def _label(state: str) -> str:
    return str(State(state).label)


def _move(application: ChestApplication, to: str) -> None:
    """Refuse a move the machine does not allow, saying why in Korean."""
    if to in TRANSITIONS[application.state]:
        return
    now, target = _label(application.state), _label(to)
    if application.state in {State.GRANTED, State.ADJUSTED, State.REJECTED}:
        hint = "이미 결정된 신청입니다."
    elif application.state == State.WITHDRAWN:
        hint = "취하된 신청입니다."
    elif to in DECISIONS:
        hint = "먼저 심사 회의 안건으로 올려 주세요."
    else:
        hint = "허용되지 않는 단계 변경입니다."
    raise ProgrammeInputError({"state": f"'{now}' 상태의 신청을 '{target}'(으)로 바꿀 수 없습니다. {hint}"})


def _lock(application: ChestApplication) -> None:
    """Inside the write's transaction: hold the row and refuse if someone changed its state since
    the caller read it (two staff deciding the same application at once)."""
    current = ChestApplication.objects.select_for_update().filter(pk=application.pk).values_list("state", flat=True).first()
    if current != application.state:
        raise ProgrammeInputError({"state": "다른 직원이 먼저 이 신청을 바꿨습니다. 화면을 새로 고쳐 다시 확인해 주세요."})


def _amount(raw: Any, field: str, label: str, errors: dict[str, str], *, required: bool = True) -> int | None:
    text = str(raw if raw is not None else "").replace(",", "").replace("원", "").strip()
    if not text:
        if required:
            errors[field] = f"{label}: 금액을 적어 주세요(원)."
        return None
    if not text.isdigit():
        errors[field] = f"{label}: 숫자로 적어 주세요(예: 1,000,000)."
        return None
    value = int(text)
    if not 1 <= value <= MAX_AMOUNT:
        errors[field] = f"{label}: 1원에서 {MAX_AMOUNT:,}원 사이로 적어 주세요."
        return None
    return value


def _free_text(raw: str, field: str, label: str, errors: dict[str, str], *, required: bool,
               names: tuple[str, ...] = (), maximum: int = REASON_MAX) -> str:
    """Free text about a household: no identifiers (they belong in the client's record, where
    they are masked and logged), and not the household's name written out."""
    text = (raw or "").strip()
    if not text:
        if required:
            errors[field] = f"{label}: 내용을 적어 주세요."
        return ""
    if len(text) > maximum:
        errors[field] = f"{label}: {maximum:,}자 이내로 적어 주세요."
        return text
    hits = pii.scan(text)
    if hits:
        kind = PII_KIND_LABELS.get(hits[0].kind, "개인정보")
        errors[field] = f"{label}: {kind}로 보이는 내용이 있습니다. 개인정보를 지우고 다시 적어 주세요."
    elif any(len(name) >= 2 and name in text for name in names):
        errors[field] = f"{label}: 대상자의 이름을 그대로 적지 말아 주세요(가린 이름이나 '대상자'로 적어 주세요)."
    return text


def _client_names(client: Client) -> tuple[str, ...]:
    return tuple(n for n in [client.name, *(m.name for m in client.household.all())] if n)


def _require_open_meeting(meeting: ChestMeeting) -> None:
    minutes = ChestMinutes.objects.filter(meeting=meeting).first()
    if minutes is not None and minutes.final:
        raise ProgrammeInputError({"meeting": "회의록이 확정된 회의입니다. 더는 바꿀 수 없습니다."})


# --- applications -------------------------------------------------------------------------------


def application_register(*, actor: User, client: Client | None, kind: str, amount_requested: Any, reason: str,
                         worker: User | None = None,
                         attachment: tuple[str, str, bytes] | None = None) -> ChestApplication:
    """Apply for a household, optionally with one document (name, content type, bytes). The
    worker is the actor unless named. Raises ProgrammeInputError with Korean messages by field;
    nothing is written then. Audited welfare.chest.apply."""
    errors: dict[str, str] = {}
    if attachment is not None:
        _check_attachment(attachment[1], attachment[2], errors)
    if client is None:
        errors["client"] = "가구(대상자 번호): 등록된 대상자를 찾을 수 없습니다."
    if kind not in ChestApplication.Kind.values:
        errors["kind"] = "지원 종류: 생계비, 의료비, 주거비, 교육비, 난방비, 기타 가운데 골라 주세요."
    amount = _amount(amount_requested, "amount_requested", "신청 금액", errors)
    text = _free_text(reason, "reason", "신청 사유", errors, required=True,
                      names=_client_names(client) if client is not None else ())
    worker = worker or actor
    if not worker.is_staff_member:
        errors["worker"] = "담당자: 직원이어야 합니다."
    if errors or client is None or amount is None:
        raise ProgrammeInputError(errors)
    with transaction.atomic():
        application = ChestApplication.objects.create(client=client, kind=kind, amount_requested=amount, reason=text,
                                                      worker=worker, created_by=actor)
        audit_event_record(actor=actor, action="welfare.chest.apply", target=application, client=client.pk,
                           kind=kind, amount=amount)
        if attachment is not None:
            attachment_add(actor=actor, application=application, filename=attachment[0], content_type=attachment[1],
                           data=attachment[2])
    return application


def _check_attachment(content_type: str, data: bytes, errors: dict[str, str]) -> None:
    if content_type not in ATTACHMENT_TYPES:
        errors["attachment"] = "첨부 서류: PDF, JPG, PNG 파일만 받습니다."
    elif not data:
        errors["attachment"] = "첨부 서류: 빈 파일입니다."
    elif len(data) > ATTACHMENT_MAX_BYTES:
        errors["attachment"] = "첨부 서류: 5MB 이하의 파일만 받습니다."


def attachment_add(*, actor: User, application: ChestApplication, filename: str, content_type: str,
                   data: bytes) -> ChestAttachment:
    """Keep a document with the application, encrypted in the database. PDF, JPEG or PNG up to
    5 MB; a decided or withdrawn application takes none."""
    errors: dict[str, str] = {}
    if application.state not in {State.SUBMITTED, State.ON_AGENDA}:
        errors["attachment"] = "첨부 서류: 결정되었거나 취하된 신청에는 서류를 더할 수 없습니다."
    else:
        _check_attachment(content_type, data, errors)
    if errors:
        raise ProgrammeInputError(errors)
    name = (filename or "").strip().replace("/", "_").replace("\\", "_")[:120] or f"첨부{ATTACHMENT_TYPES[content_type]}"
    with transaction.atomic():
        attachment = ChestAttachment.objects.create(application=application, filename=name, content_type=content_type,
                                                    size=len(data), content=base64.b64encode(data).decode("ascii"),
                                                    uploaded_by=actor)
        audit_event_record(actor=actor, action="welfare.chest.attach", target=application, size=len(data))
    return attachment


def attachment_bytes(attachment: ChestAttachment) -> bytes:
    return base64.b64decode(attachment.content)


def application_withdraw(*, actor: User, application: ChestApplication, reason: str) -> ChestApplication:
    """Withdraw before a decision (the household asked, or help came from elsewhere)."""
    errors: dict[str, str] = {}
    text = _free_text(reason, "reason", "취하 사유", errors, required=True, names=_client_names(application.client),
                      maximum=200)
    if errors:
        raise ProgrammeInputError(errors)
    with transaction.atomic():
        _move(application, State.WITHDRAWN)
        _lock(application)
        if application.meeting_id is not None:
            _require_open_meeting(application.meeting)  # type: ignore[arg-type]
        application.state = State.WITHDRAWN
        application.decision_reason = text
        application.save(update_fields=["state", "decision_reason"])
        audit_event_record(actor=actor, action="welfare.chest.withdraw", target=application)
    return application


# --- the committee ------------------------------------------------------------------------------


def committee_ensure(name: str = "사회복지공동모금회 배분위원회") -> ChestCommittee:
    committee, _created = ChestCommittee.objects.get_or_create(name=name)
    return committee


def member_add(*, actor: User, committee: ChestCommittee, name: str, affiliation: str = "",
               role: str = ChestMember.Role.MEMBER) -> ChestMember:
    errors: dict[str, str] = {}
    name = (name or "").strip()
    if not name or len(name) > 30:
        errors["name"] = "위원 이름: 30자 이내로 적어 주세요."
    if role not in ChestMember.Role.values:
        errors["role"] = "직위: 위원장이나 위원 가운데 골라 주세요."
    elif role == ChestMember.Role.CHAIR and committee.members.filter(role=ChestMember.Role.CHAIR, active=True).exists():
        errors["role"] = "직위: 위원장이 이미 있습니다."
    if errors:
        raise ProgrammeInputError(errors)
    with transaction.atomic():
        member = ChestMember.objects.create(committee=committee, name=name, affiliation=(affiliation or "").strip()[:100],
                                            role=role)
        audit_event_record(actor=actor, action="welfare.chest.member.add", target=member, summary=name)
    return member


def _held_at(raw: Any, errors: dict[str, str]) -> dt.datetime | None:
    if isinstance(raw, dt.datetime):
        return raw if timezone.is_aware(raw) else timezone.make_aware(raw)
    text = str(raw or "").strip().replace(" ", "T")
    if not text:
        errors["held_at"] = "일시: 회의 일시를 적어 주세요(YYYY-MM-DD HH:MM)."
        return None
    try:
        return timezone.make_aware(dt.datetime.fromisoformat(text))
    except ValueError:
        errors["held_at"] = "일시: 날짜와 시각 형식이 아닙니다(YYYY-MM-DD HH:MM)."
        return None


def meeting_schedule(*, actor: User, committee: ChestCommittee, held_at: Any, place: str) -> ChestMeeting:
    errors: dict[str, str] = {}
    when = _held_at(held_at, errors)
    place = (place or "").strip()
    if not place or len(place) > 100:
        errors["place"] = "장소: 100자 이내로 적어 주세요."
    if errors or when is None:
        raise ProgrammeInputError(errors)
    with transaction.atomic():
        meeting = ChestMeeting.objects.create(committee=committee, held_at=when, place=place, created_by=actor)
        audit_event_record(actor=actor, action="welfare.chest.meeting.schedule", target=meeting, summary=str(meeting))
    return meeting


def meeting_attendance_set(*, actor: User, meeting: ChestMeeting, members: list[ChestMember]) -> ChestMeeting:
    """Record who attended (members of the meeting's committee only)."""
    if any(m.committee_id != meeting.committee_id for m in members):
        raise ProgrammeInputError({"attendees": "출석 위원: 이 위원회의 위원이 아닌 사람이 있습니다."})
    with transaction.atomic():
        _require_open_meeting(meeting)
        meeting.attendees.set(members)
        audit_event_record(actor=actor, action="welfare.chest.meeting.attendance", target=meeting,
                           members=sorted(m.pk for m in members))
    return meeting


def agenda_add(*, actor: User, application: ChestApplication, meeting: ChestMeeting | None) -> ChestApplication:
    """Put an application on a meeting's agenda (submitted → on_agenda)."""
    if meeting is None:
        raise ProgrammeInputError({"meeting": "심사 회의: 회의를 골라 주세요."})
    with transaction.atomic():
        _move(application, State.ON_AGENDA)
        _lock(application)
        _require_open_meeting(meeting)
        application.state = State.ON_AGENDA
        application.meeting = meeting
        application.save(update_fields=["state", "meeting"])
        audit_event_record(actor=actor, action="welfare.chest.agenda.add", target=application, meeting=meeting.pk)
    return application


def agenda_remove(*, actor: User, application: ChestApplication) -> ChestApplication:
    """Take an undecided application off its meeting's agenda (on_agenda → submitted); its
    recusals go with it."""
    with transaction.atomic():
        _move(application, State.SUBMITTED)
        _lock(application)
        meeting = application.meeting
        assert meeting is not None  # on_agenda has a meeting (a database constraint)
        _require_open_meeting(meeting)
        application.recusals.all().delete()
        application.state = State.SUBMITTED
        application.meeting = None
        application.save(update_fields=["state", "meeting"])
        audit_event_record(actor=actor, action="welfare.chest.agenda.remove", target=application, meeting=meeting.pk)
    return application


def recusal_record(*, actor: User, application: ChestApplication, member: ChestMember | None,
                   reason: str) -> ChestRecusal:
    """A member with a conflict of interest takes no part in deciding this application."""
    errors: dict[str, str] = {}
    if application.state != State.ON_AGENDA or application.meeting is None:
        errors["state"] = "회피: 심사 회의 안건에 오른, 결정 전의 신청에만 기록할 수 있습니다."
    elif member is None or member.committee_id != application.meeting.committee_id:
        errors["member"] = "회피 위원: 이 위원회의 위원을 골라 주세요."
    elif application.recusals.filter(member=member).exists():
        errors["member"] = "회피 위원: 이미 회피를 기록한 위원입니다."
    text = _free_text(reason, "recusal_reason", "회피 사유", errors, required=True,
                      names=_client_names(application.client), maximum=200)
    if errors or member is None or application.meeting is None:
        raise ProgrammeInputError(errors)
    with transaction.atomic():
        _require_open_meeting(application.meeting)
        recusal = ChestRecusal.objects.create(meeting=application.meeting, member=member, application=application,
                                              reason=text)
        audit_event_record(actor=actor, action="welfare.chest.recusal", target=application, member=member.pk)
    return recusal


def _votes(raw: Any, field: str, label: str, errors: dict[str, str]) -> int:
    text = str(raw if raw is not None else "").strip() or "0"
    if not text.isdigit():
        errors[field] = f"{label}: 0 이상의 숫자로 적어 주세요."
        return 0
    return int(text)


def application_decide(*, actor: User, application: ChestApplication, outcome: str, amount_granted: Any = "",
                       reason: str = "", votes_for: Any = 0, votes_against: Any = 0,
                       votes_abstain: Any = 0, notify: bool = True) -> ChestApplication:
    """The committee's decision on an application on its agenda: 선정 (the amount asked), 조정
    (less than asked, with a reason) or 미선정 (with a reason). Needs a quorum and the votes of
    every present member who has not recused; granting needs a majority of them. Tells the worker
    and the client (`notify=False` only for the demo, which sends nothing). Raises
    ProgrammeInputError; audited welfare.chest.decide."""
    errors: dict[str, str] = {}
    if outcome not in DECISIONS:
        raise ProgrammeInputError({"outcome": "결정: 선정, 조정 선정, 미선정 가운데 골라 주세요."})
    _move(application, outcome)
    meeting = application.meeting
    assert meeting is not None
    _require_open_meeting(meeting)
    amount: int | None = None
    if outcome == State.GRANTED:
        amount = _amount(amount_granted, "amount_granted", "지원 결정 금액", errors, required=False)
        amount = application.amount_requested if amount is None and "amount_granted" not in errors else amount
        if amount is not None and amount != application.amount_requested:
            errors["amount_granted"] = "지원 결정 금액: 신청 금액과 다르면 '조정 선정'으로 결정해 주세요."
    elif outcome == State.ADJUSTED:
        amount = _amount(amount_granted, "amount_granted", "지원 결정 금액", errors)
        if amount is not None and amount >= application.amount_requested:
            errors["amount_granted"] = (f"지원 결정 금액: 조정 선정은 신청 금액({application.amount_requested:,}원)보다 "
                                        "적어야 합니다.")
    elif str(amount_granted or "").strip() not in {"", "0"}:
        errors["amount_granted"] = "지원 결정 금액: 미선정에는 금액을 적지 않습니다."
    text = _free_text(reason, "decision_reason", "결정 사유", errors, required=outcome != State.GRANTED,
                      names=_client_names(application.client))
    ayes = _votes(votes_for, "votes_for", "찬성", errors)
    noes = _votes(votes_against, "votes_against", "반대", errors)
    abstentions = _votes(votes_abstain, "votes_abstain", "기권", errors)
    serving = meeting.committee.members.filter(active=True).count()
    present = set(meeting.attendees.values_list("id", flat=True))
    recused = set(application.recusals.values_list("member_id", flat=True))
    voters = len(present - recused)
    if 2 * len(present) <= serving:
        errors["attendees"] = (f"의결 정족수: 재적 위원 {serving}명 가운데 과반이 출석해야 의결할 수 있습니다"
                               f"(출석 {len(present)}명). 출석 위원을 먼저 기록해 주세요.")
    elif not {"votes_for", "votes_against", "votes_abstain"} & errors.keys():
        if ayes + noes + abstentions != voters:
            errors["votes_for"] = (f"표결: 찬성·반대·기권의 합({ayes + noes + abstentions})이 의결에 참여한 위원 수"
                                   f"({voters}명, 회피 위원 제외)와 같아야 합니다.")
        elif outcome != State.REJECTED and 2 * ayes <= voters:
            errors["votes_for"] = f"표결: 찬성({ayes})이 과반이 아니어서 선정할 수 없습니다."
        elif outcome == State.REJECTED and 2 * ayes > voters:
            errors["votes_for"] = f"표결: 찬성({ayes})이 과반이면 미선정으로 기록할 수 없습니다."
    if errors:
        raise ProgrammeInputError(errors)
    with transaction.atomic():
        _lock(application)
        application.state = outcome
        application.amount_granted = amount
        application.decision_reason = text
        application.votes_for, application.votes_against, application.votes_abstain = ayes, noes, abstentions
        application.decided_at = timezone.now()
        application.save(update_fields=["state", "amount_granted", "decision_reason", "votes_for", "votes_against",
                                        "votes_abstain", "decided_at"])
        audit_event_record(actor=actor, action="welfare.chest.decide", target=application, summary=_label(outcome),
                           meeting=meeting.pk, amount=amount, votes=[ayes, noes, abstentions])
        if notify:
            _tell_decision(actor=actor, application=application)
    return application


def _district() -> str:
    from opengu.core.selectors import current_district

    district = current_district()
    return district.name if district else "구청"


def decision_text(application: ChestApplication) -> str:
    kind = application.get_kind_display()
    if application.state == State.GRANTED:
        return f"공동모금회 {kind} 지원에 선정되었습니다(지원 금액 {application.amount_granted:,}원)."
    if application.state == State.ADJUSTED:
        return f"공동모금회 {kind} 지원이 조정 선정되었습니다(지원 금액 {application.amount_granted:,}원)."
    return f"공동모금회 {kind} 지원에 이번에는 선정되지 않았습니다."


def _tell_decision(*, actor: User, application: ChestApplication) -> None:
    """The worker by e-mail (when they have an address) and the client by SMS (when they gave a
    number), queued in the decision's transaction."""
    client = application.client
    office = f"{client.dong.name} 주민센터"
    worker = application.worker
    if worker.email:
        body = (f"{application.number} ({pii.mask_name(client.name)} 가구, {client.dong.name})\n"
                f"{decision_text(application)}\n")
        if application.decision_reason:
            body += f"결정 사유: {application.decision_reason}\n"
        email_send(to=worker.email, subject=f"[{_district()} 복지] 공동모금회 지원 결정 {application.number}", body=body,
                   key=f"welfare-chest-{application.pk}-worker", actor=actor)
    if client.phone:
        sms_send(to=client.phone, text=f"[{_district()}] {decision_text(application)} 문의: {office}",
                 key=f"welfare-chest-{application.pk}-client", actor=actor)
    audit_event_record(actor=actor, action="welfare.chest.notify", target=application,
                       worker=bool(worker.email), client=bool(client.phone))


# --- minutes ------------------------------------------------------------------------------------


def meeting_ordinal(meeting: ChestMeeting) -> int:
    """제N차: the meeting's place among its committee's meetings by date."""
    return ChestMeeting.objects.filter(committee=meeting.committee_id, held_at__lte=meeting.held_at).exclude(
        held_at=meeting.held_at, pk__gt=meeting.pk).count()


def minutes_generate(meeting: ChestMeeting, *, author: str = "") -> str:
    """The draft: date and place, members present and absent, then each application on the
    agenda (household masked, dong, kind, amount), recusals, the decision and the votes."""
    members = list(meeting.committee.members.filter(active=True))
    present = set(meeting.attendees.values_list("id", flat=True))
    when = timezone.localtime(meeting.held_at)
    lines = [
        f"{meeting.committee.name} 제{meeting_ordinal(meeting)}차 회의록",
        "",
        f"일시: {when:%Y-%m-%d %H:%M}",
        f"장소: {meeting.place}",
        f"재적 위원: {len(members)}명",
        f"출석 위원({len(present)}명): " + (", ".join(f"{m.name} {m.get_role_display()}" for m in members
                                                  if m.pk in present) or "없음"),
        "불참 위원: " + (", ".join(f"{m.name} {m.get_role_display()}" for m in members if m.pk not in present) or "없음"),
        "",
        "안건",
    ]
    agenda = (meeting.applications.select_related("client__dong").prefetch_related("recusals__member")
              .order_by("created_at", "id"))
    for number, application in enumerate(agenda, start=1):
        client = application.client
        lines.append(f"{number}. {application.number} {client.dong.name} {pii.mask_name(client.name)} 가구 — "
                     f"{application.get_kind_display()} {application.amount_requested:,}원 신청")
        for recusal in application.recusals.all():
            lines.append(f"   회피: {recusal.member.name} 위원({recusal.reason})")
        if application.decided:
            amount = f" {application.amount_granted:,}원" if application.amount_granted else ""
            lines.append(f"   결정: {application.get_state_display()}{amount} "
                         f"(찬성 {application.votes_for}, 반대 {application.votes_against}, 기권 {application.votes_abstain})")
            if application.decision_reason:
                lines.append(f"   사유: {application.decision_reason}")
        elif application.state == State.WITHDRAWN:
            lines.append("   결정: 취하(심의하지 않음)")
        else:
            lines.append("   결정: (아직 결정하지 않음)")
    if not agenda:
        lines.append("(안건 없음)")
    lines += ["", f"작성: {author}" if author else "작성:"]
    return "\n".join(lines)


def minutes_problems(meeting: ChestMeeting, body: str) -> list[str]:
    """Why `body` may not be kept as the minutes: identifiers (lib.pii.scan) or a household's
    name written out. Korean messages; empty when the text is clean."""
    problems = []
    for hit in pii.scan(body):
        problems.append(f"{PII_KIND_LABELS.get(hit.kind, '개인정보')}로 보이는 내용이 있습니다.")
    clients = Client.objects.filter(chest_applications__meeting=meeting).prefetch_related("household").distinct()
    # A member who shares a household's name is named as a member, not as the household.
    members = set(meeting.committee.members.values_list("name", flat=True))
    for client in clients:
        if any(len(name) >= 2 and name in body and name not in members for name in _client_names(client)):
            problems.append(f"대상자 이름이 그대로 적혀 있습니다({pii.mask_name(client.name)}). 가린 이름으로 적어 주세요.")
    return problems


def _actor_label(actor: User) -> str:
    return actor.staff.name if actor.is_staff_member and hasattr(actor, "staff") else actor.username


def _version(minutes: ChestMinutes, actor: User, note: str) -> None:
    ChestMinutesVersion.objects.create(minutes=minutes, number=minutes.version, body=minutes.body, note=note,
                                       actor=actor, actor_label=_actor_label(actor))


def minutes_draft(*, actor: User, meeting: ChestMeeting) -> ChestMinutes:
    """Write (or write again, as a new version) the draft from the meeting as it stands.
    Refused once the minutes are final."""
    body = minutes_generate(meeting, author=_actor_label(actor))
    with transaction.atomic():
        minutes = ChestMinutes.objects.select_for_update().filter(meeting=meeting).first()
        if minutes is None:
            minutes = ChestMinutes.objects.create(meeting=meeting, body=body, version=1)
        elif minutes.final:
            raise ProgrammeInputError({"body": "확정된 회의록은 고칠 수 없습니다."})
        else:
            minutes.body, minutes.version = body, minutes.version + 1
            minutes.save(update_fields=["body", "version"])
        _version(minutes, actor, "회의 내용으로 초안 작성")
        audit_event_record(actor=actor, action="welfare.chest.minutes.draft", target=meeting, version=minutes.version)
    return minutes


def minutes_edit(*, actor: User, minutes: ChestMinutes, body: str) -> ChestMinutes:
    """Staff edit the draft; each save is a version. Refused when final, empty, or when the
    text names a household or holds identifiers."""
    text = (body or "").strip()
    if minutes.final:
        raise ProgrammeInputError({"body": "확정된 회의록은 고칠 수 없습니다."})
    if not text:
        raise ProgrammeInputError({"body": "회의록: 내용을 적어 주세요."})
    if len(text) > 50_000:
        raise ProgrammeInputError({"body": "회의록: 50,000자 이내로 적어 주세요."})
    problems = minutes_problems(minutes.meeting, text)
    if problems:
        raise ProgrammeInputError({"body": "회의록: " + " ".join(dict.fromkeys(problems))})
    with transaction.atomic():
        locked = ChestMinutes.objects.select_for_update().get(pk=minutes.pk)
        if locked.final:
            raise ProgrammeInputError({"body": "확정된 회의록은 고칠 수 없습니다."})
        locked.body, locked.version = text, locked.version + 1
        locked.save(update_fields=["body", "version"])
        _version(locked, actor, "직원 수정")
        audit_event_record(actor=actor, action="welfare.chest.minutes.edit", target=locked.meeting,
                           version=locked.version)
    return locked


def minutes_finalise(*, actor: User, minutes: ChestMinutes) -> ChestMinutes:
    """Make the minutes final (read only): refused while an agenda item is undecided, or the text
    names a household or holds identifiers."""
    if minutes.final:
        raise ProgrammeInputError({"body": "이미 확정된 회의록입니다."})
    undecided = minutes.meeting.applications.filter(state=State.ON_AGENDA).count()
    if undecided:
        raise ProgrammeInputError({"body": f"결정하지 않은 안건이 {undecided}건 있어 확정할 수 없습니다."})
    problems = minutes_problems(minutes.meeting, minutes.body)
    if problems:
        raise ProgrammeInputError({"body": "회의록: " + " ".join(dict.fromkeys(problems))})
    with transaction.atomic():
        locked = ChestMinutes.objects.select_for_update().get(pk=minutes.pk)
        if locked.final:
            raise ProgrammeInputError({"body": "이미 확정된 회의록입니다."})
        locked.finalised_at, locked.finalised_by = timezone.now(), actor
        locked.save(update_fields=["finalised_at", "finalised_by"])
        audit_event_record(actor=actor, action="welfare.chest.minutes.finalise", target=locked.meeting,
                           version=locked.version)
    return locked


# --- reads --------------------------------------------------------------------------------------


def applications_for(user: Any, *, dong: int | None = None, state: str | None = None) -> QuerySet[ChestApplication]:
    """Applications the user may see: all for the centre, auditors and administrators; a dong
    centre's staff their dong's households; anyone the applications in their charge."""
    rows = ChestApplication.objects.select_related("client__dong", "worker__staff", "meeting__committee")
    if not permissions.can_read_centre(user):
        own = permissions.staff_dong_id(user)
        scope = rows.filter(worker_id=user.pk)
        rows = (rows.filter(client__dong_id=own) | scope) if own is not None else scope
    if dong is not None:
        rows = rows.filter(client__dong_id=dong)
    if state in State.values:
        rows = rows.filter(state=state)
    return rows


@dataclass(frozen=True)
class ChestSummary:
    """Applications by state, and the amounts granted (in full or adjusted) per dong."""

    by_state: list[tuple[str, str, int]]  # (state, label, count) in the machine's order
    by_dong: list[tuple[str, int, int]]  # (dong name, granted applications, won granted), most won first

    @property
    def granted_total(self) -> int:
        return sum(won for _name, _n, won in self.by_dong)


def summary(*, year: int | None = None) -> ChestSummary:
    """Counts only; nobody is named. `year` narrows to applications made that year."""
    rows = ChestApplication.objects.all()
    if year is not None:
        rows = rows.filter(created_at__year=year)
    counts: Counter[str] = Counter(dict(rows.order_by().values("state").annotate(n=Count("id")).values_list("state", "n")))
    by_state = [(value, str(label), counts[value]) for value, label in State.choices]
    granted = (rows.filter(state__in=[State.GRANTED, State.ADJUSTED]).values("client__dong__name")
               .annotate(n=Count("id"), won=Sum("amount_granted")).order_by("-won", "client__dong__name"))
    by_dong = [(row["client__dong__name"], row["n"], row["won"] or 0) for row in granted]
    return ChestSummary(by_state=by_state, by_dong=by_dong)
