"""Writes of core: every one atomic, audited, keyword-only."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from opengu.core.accesslog import record_access
from opengu.core.audit import audit_event_record
from opengu.core.fields import blind_index
from opengu.core.identity import VerifiedIdentity
from opengu.core.models import Consent, Dong, PersonalDataAccess, PrivacyNotice, Resident, User
from opengu.lib import pii

RESIDENT_SIGNUP_NOTICE = "resident-signup"


def privacy_notice_current(key: str) -> PrivacyNotice:
    notice = PrivacyNotice.objects.filter(key=key, effective_from__lte=timezone.localdate()).order_by("-version").first()
    if notice is None:
        notice = PrivacyNotice.objects.create(
            key=key,
            version=1,
            title="회원가입 개인정보 수집·이용 안내",
            items="이름, 휴대전화, 전자우편, 거주 동, 출생 연도",
            purpose="회원 식별, 신청 결과 안내, 맞춤형 안내",
            retention="회원 탈퇴 시까지(탈퇴 즉시 파기)",
            body="동의를 거부할 수 있으며, 거부하면 회원으로 가입할 수 없습니다. 로그인 없이 쓸 수 있는 서비스는 그대로 이용할 수 있습니다.",
        )
    return notice


@transaction.atomic
def consent_record(
    *, subject: object, notice: PrivacyNotice, channel: str = "online", recorded_by: User | None = None
) -> Consent:
    """Record consent to `notice` for `subject` (any model instance: a resident, a welfare client …)."""
    consent = Consent.objects.create(
        notice=notice,
        subject_type=ContentType.objects.get_for_model(subject),  # type: ignore[arg-type]
        subject_id=str(subject.pk),  # type: ignore[attr-defined]
        items=notice.items,
        purpose=notice.purpose,
        retention=notice.retention,
        channel=channel,
        recorded_by=recorded_by,
    )
    audit_event_record(actor=recorded_by, action="core.consent.give", target=consent, summary=notice.title)
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, actor: User) -> Consent:
    if consent.withdrawn_at is None:
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["withdrawn_at"])
        audit_event_record(actor=actor, action="core.consent.withdraw", target=consent, summary=consent.notice.title)
    return consent


def consents_for(subject: object) -> list[Consent]:
    return list(
        Consent.objects.filter(
            subject_type=ContentType.objects.get_for_model(subject),  # type: ignore[arg-type]
            subject_id=str(subject.pk),  # type: ignore[attr-defined]
        ).select_related("notice")
    )


@transaction.atomic
def resident_register(
    *, username: str, password: str, name: str, phone: str, email: str = "",
    dong: Dong | None = None, birth_year: int | None = None, language: str = "ko",
) -> Resident:
    """Create a resident account with its consent record. The caller validated the input."""
    user = User(username=username, kind=User.Kind.RESIDENT, language=language)
    user.set_password(password)
    if email:
        user.email_index = blind_index(email)
    user.save()
    resident = Resident.objects.create(
        user=user, name=name, phone=pii.normalize_phone(phone) or phone, email=email, dong=dong, birth_year=birth_year
    )
    consent_record(subject=resident, notice=privacy_notice_current(RESIDENT_SIGNUP_NOTICE))
    audit_event_record(actor=user, action="core.resident.register", target=resident)
    return resident


@transaction.atomic
def resident_update(*, resident: Resident, actor: User, request: HttpRequest | None = None, **changes: object) -> Resident:
    """Change a resident's profile. Staff edits are written to the access log."""
    allowed = {"name", "phone", "email", "dong", "birth_year"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"바꿀 수 없는 항목: {', '.join(sorted(unknown))}")
    if "phone" in changes:
        changes["phone"] = pii.normalize_phone(str(changes["phone"])) or changes["phone"]
    for field, value in changes.items():
        setattr(resident, field, value)
    resident.save()
    if "email" in changes:
        resident.user.email_index = blind_index(str(changes["email"])) if changes["email"] else ""
        resident.user.save(update_fields=["email_index"])
    if actor.is_staff_member:
        record_access(actor=actor, action=PersonalDataAccess.Action.UPDATE, subject="core.resident",
                      record_ids=[resident.pk], request=request, purpose="구민 정보 수정")
    audit_event_record(actor=actor, action="core.resident.update", target=resident, fields=sorted(changes))
    return resident


@transaction.atomic
def resident_verify(*, resident: Resident, identity: VerifiedIdentity) -> Resident:
    """Mark a resident verified by an identity provider; the verified name and phone replace theirs."""
    resident.name = identity.name
    resident.phone = pii.normalize_phone(identity.phone) or identity.phone
    try:
        resident.birth_year = dt.date.fromisoformat(identity.birth_date).year
    except ValueError:
        pass
    resident.verified_at = timezone.now()
    resident.verified_by = identity.method
    resident.save()
    audit_event_record(actor=resident.user, action="core.resident.verify", target=resident, method=identity.method)
    return resident


def resident_view_for_staff(*, actor: User, resident: Resident, request: HttpRequest | None, purpose: str = "") -> Resident:
    """Staff read one resident's data: logged before it is returned."""
    record_access(actor=actor, action=PersonalDataAccess.Action.VIEW, subject="core.resident",
                  record_ids=[resident.pk], request=request, purpose=purpose)
    return resident


@transaction.atomic
def resident_close_account(*, resident: Resident) -> None:
    """회원 탈퇴: the resident withdraws consent; their personal data is erased at once and the
    account can no longer log in (privacy act Art. 21: destroy when no longer needed). Records
    other modules keep under their own legal basis (e.g. a disclosure request) are not touched."""
    user = resident.user
    now = timezone.now()
    for consent in consents_for(resident):
        if consent.withdrawn_at is None:
            consent.withdrawn_at = now
            consent.save(update_fields=["withdrawn_at"])
    resident.name = "탈퇴 회원"
    resident.phone = ""
    resident.email = ""
    resident.birth_year = None
    resident.dong = None
    resident.save()
    user.username = f"closed-{user.pk}"
    user.email = ""
    user.email_index = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    audit_event_record(actor=user, action="core.resident.close", target=resident)
