"""Writes of the welfare resource directory: every one atomic, audited, keyword-only.

Staff edits of a service leave a ServiceVersion (snapshot after the edit) and an audit event,
and refresh the service's search terms in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import connection, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from opengu.core.accesslog import record_access
from opengu.core.audit import audit_event_record
from opengu.core.counters import counter_transaction
from opengu.core.fields import blind_index
from opengu.core.models import Dong, PersonalDataAccess, PrivacyNotice, Tong, User
from opengu.core.services import consent_record
from opengu.lib import pii
from opengu.lib.morphemes import compound_parts, index_terms
from opengu.messaging.services import email_send, sms_send
from opengu.welfare import classify
from opengu.welfare.models import (
    BenefitReceipt,
    Call,
    Case,
    CaseStep,
    Client,
    ClientFlag,
    ConfirmationRequest,
    HomeVisit,
    HomeVisitFamily,
    HouseholdMember,
    NotifyDelivery,
    NotifyRequest,
    Organization,
    OutreachCampaign,
    OutreachNotice,
    Referral,
    SearchTerm,
    Service,
    ServiceMonthlyCount,
    ServiceVersion,
    SynonymGroup,
    Taxonomy,
    TaxonomyTerm,
)

# Fields of a service that staff edit and versions record.
EDITABLE_FIELDS = (
    "name", "alternate_name", "description", "url", "email", "status", "application_process",
    "eligibility_description", "minimum_age", "maximum_age", "fees_description", "required_documents",
    "assured_date",
)
# How much a morpheme counts by where it appears (name matters most).
FIELD_WEIGHTS = {"name": 3.0, "terms": 1.5, "description": 1.0, "eligibility": 1.0, "organization": 0.5}


class WelfareInputError(ValueError):
    """Bad input, with Korean messages by field name; nothing was written."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def taxonomies_ensure() -> None:
    """Create 복지로's three facets and their values (idempotent)."""
    for order, facet in enumerate(classify.FACETS):
        taxonomy, _ = Taxonomy.objects.get_or_create(
            key=facet.key, defaults={"name": facet.name, "order": order,
                                     "description": f"복지로 {facet.name} 분류"})
        existing = set(taxonomy.terms.values_list("code", flat=True))
        TaxonomyTerm.objects.bulk_create([
            TaxonomyTerm(taxonomy=taxonomy, code=code, name=label, order=index)
            for index, (code, label, _words) in enumerate(facet.values) if code not in existing
        ])


def terms_for_text(text: str) -> list[TaxonomyTerm]:
    """The facet values the written rules give `text` (taxonomies must exist)."""
    found = classify.classify(text)
    if not found:
        return []
    wanted = [(key, code) for key, codes in found.items() for code in codes]
    by_key = {(t.taxonomy.key, t.code): t for t in TaxonomyTerm.objects.select_related("taxonomy")}
    return [by_key[pair] for pair in wanted if pair in by_key]


def _index_rows(service: Service, term_names: Iterable[str]) -> list[SearchTerm]:
    weights: dict[str, float] = defaultdict(float)
    seen: dict[str, set[str]] = defaultdict(set)
    texts = {
        "name": f"{service.name} {service.alternate_name}",
        "terms": " ".join(term_names),
        "description": service.description,
        "eligibility": service.eligibility_description,
        "organization": service.organization.name,
    }
    def add_half(term: str, field_name: str) -> None:
        if field_name not in seen[term]:
            seen[term].add(field_name)
            weights[term] += FIELD_WEIGHTS[field_name] / 2

    for field_name, text in texts.items():
        terms, joined = index_terms(text)
        for term in terms:
            term = term[:60]
            if field_name in seen[term]:
                weights[term] += 0.1  # repeats count a little
                continue
            seen[term].add(field_name)
            weights[term] += FIELD_WEIGHTS[field_name]
            for part in compound_parts(term):
                add_half(part, field_name)  # "반찬" finds 밑반찬, at half the weight of the word itself
        for compound in joined:
            add_half(compound[:60], field_name)  # "집수리" finds a text the analyser read as 집 + 수리
    return [SearchTerm(service=service, term=term, weight=round(w, 3)) for term, w in weights.items()]


def service_index(service: Service) -> None:
    """Rebuild the search terms of one service."""
    names = list(service.taxonomy_terms.values_list("name", flat=True))
    SearchTerm.objects.filter(service=service).delete()
    SearchTerm.objects.bulk_create(_index_rows(service, names))


def services_reindex(*, batch: int = 1000, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild every service's search terms, a batch per transaction (a search meanwhile sees each
    service either before or after); returns how many services were indexed."""
    ids = list(Service.objects.order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), batch):
        chunk = ids[start:start + batch]
        with transaction.atomic():
            rows = Service.objects.filter(id__in=chunk).select_related("organization").prefetch_related("taxonomy_terms")
            SearchTerm.objects.filter(service_id__in=chunk).delete()
            SearchTerm.objects.bulk_create(
                [row for service in rows for row in _index_rows(service, [t.name for t in service.taxonomy_terms.all()])],
                batch_size=5000)
        if progress:
            progress(start + len(chunk), len(ids))
    return len(ids)


def service_snapshot(service: Service) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in EDITABLE_FIELDS:
        value = getattr(service, name)
        data[name] = value.isoformat() if isinstance(value, dt.date) else value
    data["organization"] = service.organization.name
    data["taxonomy_terms"] = sorted(
        f"{t.taxonomy.key}:{t.code}" for t in service.taxonomy_terms.select_related("taxonomy"))
    return data


def _version_add(service: Service, actor: User | None, note: str, previous: dict[str, Any] | None,
                 institution: str = "") -> ServiceVersion:
    """A snapshot after a change; `institution` names who answered an institution's link."""
    snapshot = service_snapshot(service)
    changed = sorted(k for k in snapshot if previous is None or previous.get(k) != snapshot[k])
    last = service.versions.order_by("-number").values_list("number", flat=True).first() or 0
    label = f"{service.organization.name} · {institution}"[:150] if institution else ""
    if actor is not None:
        label = actor.staff.name if actor.is_staff_member and hasattr(actor, "staff") else actor.username
    return ServiceVersion.objects.create(service=service, number=last + 1, snapshot=snapshot, changed_fields=changed,
                                         actor=actor, actor_label=label, note=note[:200],
                                         from_institution=bool(institution))


def _text(value: Any) -> Any:
    return value.replace("\r\n", "\n").strip() if isinstance(value, str) else value


def service_errors(data: dict[str, Any]) -> dict[str, str]:
    """Korean messages by field for a service's data ({} when it may be saved)."""
    errors: dict[str, str] = {}
    assured = data.get("assured_date")
    if isinstance(assured, dt.date) and assured > timezone.localdate():
        errors["assured_date"] = "확인일은 오늘이나 그 전 날짜여야 합니다."
    if not str(data.get("name", "")).strip():
        errors["name"] = "자원명을 입력해 주세요."
    low, high = data.get("minimum_age"), data.get("maximum_age")
    for key, label in (("minimum_age", "최소 나이"), ("maximum_age", "최대 나이")):
        value = data.get(key)
        if value is not None and not (isinstance(value, int) and 0 <= value <= 150):
            errors[key] = f"{label}는 0부터 150까지의 정수로 입력해 주세요."
    if isinstance(low, int) and isinstance(high, int) and low > high and "minimum_age" not in errors:
        errors["maximum_age"] = "최대 나이는 최소 나이보다 작을 수 없습니다."
    if data.get("status", Service.Status.ACTIVE) not in Service.Status.values:
        errors["status"] = "상태를 목록에서 골라 주세요."
    return errors


@transaction.atomic
def service_create(
    *, actor: User | None, organization: Organization, data: dict[str, Any],
    taxonomy_terms: Iterable[TaxonomyTerm] | None = None, note: str = "등록", audit: bool = True,
) -> Service:
    """Create a service with its first version and search terms. Without `taxonomy_terms`, the
    written rules classify it from its name, summary and eligibility. Raises WelfareInputError."""
    errors = service_errors(data)
    if errors:
        raise WelfareInputError(errors)
    service = Service(organization=organization, **{k: v for k, v in data.items() if k in EDITABLE_FIELDS or k in {
        "external_id", "responsible_unit", "assurer_email"}})
    service.save()
    if taxonomy_terms is None:
        taxonomy_terms = terms_for_text(f"{service.name} {service.description} {service.eligibility_description}")
    service.taxonomy_terms.set(list(taxonomy_terms))
    service_index(service)
    _version_add(service, actor, note, None)
    notify_subscribers(service=service, actor=actor)
    if audit:
        audit_event_record(actor=actor, action="welfare.service.create", target=service, summary=service.name)
    return service


@transaction.atomic
def service_update(
    *, actor: User | None, service: Service, data: dict[str, Any], taxonomy_terms: Iterable[TaxonomyTerm] | None = None,
    note: str = "", institution: str = "",
) -> ServiceVersion | None:
    """Apply staff changes. Returns the new version, or None when nothing changed.
    Raises WelfareInputError with Korean messages by field; nothing is written then."""
    merged = {name: getattr(service, name) for name in EDITABLE_FIELDS} | data
    errors = service_errors(merged)
    if errors:
        raise WelfareInputError(errors)
    service = Service.objects.select_for_update().select_related("organization").get(pk=service.pk)
    previous = service_snapshot(service)
    for name in EDITABLE_FIELDS:
        if name in data and _text(data[name]) != _text(getattr(service, name)):
            # A form sends text back with CRLF line ends and trimmed: not a change.
            setattr(service, name, data[name])
    if taxonomy_terms is not None:
        service.taxonomy_terms.set(list(taxonomy_terms))
    if service_snapshot(service) == previous:
        return None
    service.modified_at = timezone.now()
    service.save()
    service_index(service)
    version = _version_add(service, actor, note, previous, institution=institution)
    # A service that opens, or gains a field, tells whoever waits for that field.
    notify_subscribers(service=service, actor=actor)
    audit_event_record(actor=actor, action="welfare.service.update", target=service,
                       summary=f"{service.name} v{version.number}", changed=version.changed_fields)
    return version


@transaction.atomic
def service_assure(*, actor: User | None, service: Service, on: dt.date | None = None, note: str = "확인",
                   institution: str = "") -> ServiceVersion:
    """Mark a service's record as checked today (its content unchanged)."""
    previous = service_snapshot(service)
    service.assured_date = on or timezone.localdate()
    service.modified_at = timezone.now()
    service.save(update_fields=["assured_date", "modified_at"])
    version = _version_add(service, actor, note, previous, institution=institution)
    audit_event_record(actor=actor, action="welfare.service.assure", target=service, summary=service.name)
    return version


def _month(today: dt.date | None = None) -> dt.date:
    today = today or timezone.localdate()
    return today.replace(day=1)


def service_view_count(*, service: Service, today: dt.date | None = None) -> None:
    """Count one view of a service page in this month's row."""
    month = _month(today)
    with counter_transaction():
        ServiceMonthlyCount.objects.bulk_create([ServiceMonthlyCount(service=service, month=month)],
                                                ignore_conflicts=True)
        ServiceMonthlyCount.objects.filter(service=service, month=month).update(views=F("views") + 1)


def search_appearances_count(*, service_ids: list[int], today: dt.date | None = None) -> None:
    """Count one search appearance for each service shown on a result page."""
    if not service_ids:
        return
    # One statement (an upsert, on SQLite and PostgreSQL alike): it runs on every result page.
    month = connection.ops.adapt_datefield_value(_month(today))
    unique = list(dict.fromkeys(service_ids))
    table = ServiceMonthlyCount._meta.db_table
    with counter_transaction(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (service_id, month, views, search_appearances) VALUES "
            + ", ".join(["(%s, %s, 0, 1)"] * len(unique))
            + f" ON CONFLICT (service_id, month) DO UPDATE SET search_appearances = {table}.search_appearances + 1",
            [value for pk in unique for value in (pk, month)])


@transaction.atomic
def synonym_group_save(*, actor: User, phrases: str, group: SynonymGroup | None = None,
                       active: bool = True) -> SynonymGroup:
    """Create or change a synonym group: at least two different phrases, one a line."""
    lines = list(dict.fromkeys(line.strip() for line in phrases.splitlines() if line.strip()))
    if len(lines) < 2:
        raise WelfareInputError({"phrases": "같은 뜻의 말을 두 줄 이상 적어 주세요."})
    if any(len(line) > 50 for line in lines):
        raise WelfareInputError({"phrases": "한 줄은 50자 이내로 적어 주세요."})
    action = "welfare.synonym.update" if group is not None else "welfare.synonym.create"
    group = group or SynonymGroup()
    group.phrases = "\n".join(lines)
    group.active = active
    group.save()
    audit_event_record(actor=actor, action=action, target=group, summary=" ~ ".join(lines)[:300])
    return group


DEFAULT_SYNONYMS = (
    ("혼자 사시는 어르신", "독거노인", "홀몸어르신", "홀몸노인", "혼자 사는 노인"),
    ("아이돌봄", "육아도우미", "아이 돌보미"),
    ("장애인", "장애우"),
    ("일자리", "취업", "구직"),
    ("한부모", "한부모가족", "미혼모"),
    ("주거", "집", "주택"),
    ("무료 급식", "무료 식사", "무료 점심", "무료 도시락", "경로식당"),
    ("병원비", "의료비", "진료비", "치료비"),
)


def synonyms_ensure() -> None:
    """Seed the synonym list once; staff edit it afterwards."""
    if not SynonymGroup.objects.exists():
        SynonymGroup.objects.bulk_create([SynonymGroup(phrases="\n".join(group)) for group in DEFAULT_SYNONYMS])


@dataclass
class ImportReport:
    """What an import did or would do (dry run): counts and per-row errors in Korean."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    preview: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def _organization_for(data: dict[str, Any], cache: dict[str, Organization], actor: User | None) -> tuple[Organization, bool]:
    name = data["name"]
    if name in cache:
        return cache[name], False
    organization = Organization.objects.filter(name=name).first()
    created = organization is None
    if organization is None:
        organization = Organization.objects.create(**{k: v for k, v in data.items() if v not in (None, "")})
        audit_event_record(actor=actor, action="welfare.organization.create", target=organization, summary=name)
    cache[name] = organization
    return organization, created


def _contacts_replace(service: Service, links: list[tuple[str, str]], phones: list[tuple[str, str]]) -> None:
    from opengu.welfare.models import Contact, Phone

    service.contacts.all().delete()
    service.phones.all().delete()
    for name, number in phones:
        if number:
            Phone.objects.create(service=service, number=number, description=name[:200])
        elif name:
            Contact.objects.create(service=service, name=name[:200])
    for name, url in links:
        Contact.objects.create(service=service, name=name[:200], website=url[:500])


def services_import(*, actor: User | None, rows: list[Any], dry_run: bool = False,
                    managing_department: Any = None) -> ImportReport:
    """Write parsed import rows (importer.ImportRow) in one transaction.

    A service is matched by its external id (복지로 서비스아이디) or else by organization and
    name: new ones are created, changed ones get a new version. Any row error → nothing is
    written and the report lists every error by line. `dry_run` checks and counts, then rolls back.
    """
    report = ImportReport(dry_run=dry_run)
    for row in rows:
        report.errors.extend(f"{row.line}행 {message}" for message in row.errors)
    if report.errors:
        return report

    class _Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            taxonomies_ensure()
            cache: dict[str, Organization] = {}
            for row in rows:
                org_data = dict(row.organization)
                if managing_department is not None:
                    org_data["managing_department"] = managing_department
                organization, _created = _organization_for(org_data, cache, actor)
                data = {k: v for k, v in row.service.items() if v is not None or k in {"minimum_age", "maximum_age"}}
                existing = None
                if data.get("external_id"):
                    existing = Service.objects.filter(external_id=data["external_id"]).first()
                if existing is None:
                    existing = Service.objects.filter(organization=organization, name=data["name"]).first()
                if existing is None:
                    low, high = classify.age_range(f"{data.get('eligibility_description', '')} {data.get('description', '')}")
                    if data.get("minimum_age") is None:
                        data["minimum_age"] = low
                    if data.get("maximum_age") is None:
                        data["maximum_age"] = high
                    if data["minimum_age"] is not None and data["maximum_age"] is not None \
                            and data["minimum_age"] > data["maximum_age"]:
                        data["minimum_age"] = data["maximum_age"] = None
                    try:
                        service = service_create(actor=actor, organization=organization, data=data,
                                                 note="가져오기", audit=False)
                    except WelfareInputError as exc:
                        report.errors.extend(f"{row.line}행 {message}" for message in exc.errors.values())
                        continue
                    _contacts_replace(service, row.links, row.phones)
                    report.created += 1
                    if len(report.preview) < 20:
                        report.preview.append(f"{row.line}행 새 자원: {organization.name} · {service.name}")
                else:
                    changes = {k: v for k, v in data.items() if k in EDITABLE_FIELDS and getattr(existing, k) != v}
                    if not changes:
                        report.unchanged += 1
                        continue
                    service_update(actor=actor, service=existing, data=changes, note="가져오기")
                    _contacts_replace(existing, row.links, row.phones)
                    report.updated += 1
                    if len(report.preview) < 20:
                        report.preview.append(f"{row.line}행 변경: {existing.name} ({', '.join(sorted(changes))})")
            if report.errors or dry_run:
                raise _Rollback
            audit_event_record(actor=actor, action="welfare.import", summary=f"새 자원 {report.created}, 변경 {report.updated}",
                               created=report.created, updated=report.updated)
    except _Rollback:
        pass
    return report


# --- 행복1004콜센터: clients, calls, referrals, "tell me when" ---------------------------------

CLIENT_NOTICE = "welfare-client"
REPORT_NOTICE = "welfare-report"
REFERRAL_SALT = "opengu.welfare.referral"


def _district() -> str:
    """The district's name for the messages it sends ("구청" before one is configured)."""
    from opengu.core.selectors import current_district

    district = current_district()
    return district.name if district else "구청"


def referral_days() -> int:
    """Days the receiving side has to confirm a referral before it turns overdue."""
    return int(getattr(settings, "OPENGU_WELFARE_REFERRAL_DAYS", 14))


def _notice(key: str) -> PrivacyNotice:
    """The current collection notice for welfare clients or public reports (created once)."""
    texts = {
        CLIENT_NOTICE: ("복지 상담 대상자 개인정보 수집·이용 동의", "이름, 생년월일, 전화번호, 주소, 가구원, 가구 상황",
                        "복지 상담, 서비스 연계와 결과 확인, 정보알림", "상담 종결 후 5년"),
        # Marked for translation: the form shows the stored notice in the reader's language
        # when the wording is this one (a later version in other words shows as written).
        REPORT_NOTICE: (gettext_noop("복지사각지대 신고 개인정보 수집·이용 안내"),
                        gettext_noop("신고자 이름·연락처(선택), 도움이 필요한 이웃의 상황과 주소"),
                        gettext_noop("위기가구 확인 방문과 지원"), gettext_noop("사례 종결 후 5년")),
    }
    notice = PrivacyNotice.objects.filter(key=key, effective_from__lte=timezone.localdate()).order_by("-version").first()
    if notice is None:
        title, items, purpose, retention = texts[key]
        notice = PrivacyNotice.objects.create(
            key=key, version=1, title=title, items=items, purpose=purpose, retention=retention,
            body="동의를 거부할 수 있으며, 거부하면 상담 기록에 이름을 남기지 않습니다.")
    return notice


def client_notice() -> PrivacyNotice:
    return _notice(CLIENT_NOTICE)


def report_notice() -> PrivacyNotice:
    return _notice(REPORT_NOTICE)


def _parse_birth_date(raw: str, field: str, errors: dict[str, str]) -> str:
    raw = (raw or "").strip()
    if not raw:
        return ""
    try:
        value = dt.date.fromisoformat(raw)
    except ValueError:
        errors[field] = "생년월일을 YYYY-MM-DD 형식으로 입력해 주세요."
        return ""
    if value > timezone.localdate() or value.year < 1900:
        errors[field] = "생년월일이 올바르지 않습니다."
        return ""
    return value.isoformat()


def _phone(raw: str, field: str, errors: dict[str, str], required: bool = False) -> str:
    raw = (raw or "").strip()
    if not raw:
        if required:
            errors[field] = "전화번호를 입력해 주세요."
        return ""
    normalized = pii.normalize_phone(raw)
    if normalized is None:
        errors[field] = "전화번호가 올바르지 않습니다(예: 010-1234-5678)."
        return ""
    return normalized


@transaction.atomic
def client_register(
    *, actor: User, name: str, dong: Dong | None, consent: bool, birth_date: str = "", phone: str = "",
    address: str = "", flags: Iterable[str] = (), consent_channel: str = "phone", request: HttpRequest | None = None,
) -> Client:
    """Register a client with their consent (required: without it nobody is identified).
    Raises WelfareInputError with Korean messages by field; nothing is written then."""
    errors: dict[str, str] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = "이름을 입력해 주세요."
    elif len(name) > 50:
        errors["name"] = "이름은 50자 이내로 입력해 주세요."
    birth = _parse_birth_date(birth_date, "birth_date", errors)
    normalized = _phone(phone, "phone", errors)
    if dong is None:
        errors["dong"] = "행정동을 골라 주세요."
    flags = list(dict.fromkeys(flags))
    unknown = [f for f in flags if f not in ClientFlag.values]
    if unknown:
        errors["flags"] = "알 수 없는 가구 상황입니다."
    if not consent:
        errors["consent"] = "개인정보 수집·이용에 동의해야 대상자로 등록할 수 있습니다."
    if errors:
        raise WelfareInputError(errors)
    client = Client.objects.create(
        name=name, birth_date=birth, phone=normalized, phone_index=blind_index(normalized) if normalized else "",
        address=(address or "").strip(), dong=dong, flags=flags, created_by=actor)  # type: ignore[misc]
    consent_record(subject=client, notice=client_notice(), channel=consent_channel, recorded_by=actor)
    record_access(actor=actor, action=PersonalDataAccess.Action.CREATE, subject="welfare.client",
                  record_ids=[client.pk], request=request, purpose="복지 상담 대상자 등록")
    audit_event_record(actor=actor, action="welfare.client.register", target=client)
    return client


@transaction.atomic
def household_member_add(*, actor: User, client: Client, name: str, relation: str, birth_date: str = "",
                         request: HttpRequest | None = None) -> HouseholdMember:
    """Add a household member to a client. Raises WelfareInputError."""
    errors: dict[str, str] = {}
    if not (name or "").strip():
        errors["member_name"] = "가구원 이름을 입력해 주세요."
    if not (relation or "").strip():
        errors["relation"] = "관계를 입력해 주세요(예: 배우자, 자녀)."
    birth = _parse_birth_date(birth_date, "member_birth_date", errors)
    if not errors and any(m.name == name.strip() and m.relation == relation.strip()[:20] and m.birth_date == birth
                          for m in client.household.all()):
        errors["member_name"] = "같은 이름·관계·생년월일의 가구원이 이미 있습니다."
    if errors:
        raise WelfareInputError(errors)
    member = HouseholdMember.objects.create(client=client, name=name.strip(), relation=relation.strip()[:20],
                                            birth_date=birth)
    record_access(actor=actor, action=PersonalDataAccess.Action.UPDATE, subject="welfare.client",
                  record_ids=[client.pk], request=request, purpose="가구원 등록")
    audit_event_record(actor=actor, action="welfare.client.household_add", target=client, relation=member.relation)
    return member


@transaction.atomic
def call_log(
    *, actor: User, direction: str, outcome: str, started_at: dt.datetime, ended_at: dt.datetime | None = None,
    topic: TaxonomyTerm | None = None, caller_phone: str = "", client: Client | None = None, notes: str = "",
    counsellor: User | None = None,
) -> Call:
    """Log one call. Outgoing calls are answered by definition; an abandoned call has no length.
    Raises WelfareInputError with Korean messages by field."""
    errors: dict[str, str] = {}
    if direction not in Call.Direction.values:
        errors["direction"] = "받은 전화인지 건 전화인지 골라 주세요."
    if outcome not in Call.Outcome.values:
        errors["outcome"] = "통화 결과를 골라 주세요."
    elif direction == Call.Direction.OUTGOING and outcome != Call.Outcome.ANSWERED:
        errors["outcome"] = "건 전화는 '응대'로만 기록합니다."
    elif outcome == Call.Outcome.ABANDONED:
        # Nobody spoke: a length or a topic would count in the statistics as talk that never was.
        if ended_at is not None and ended_at != started_at:
            errors["ended_at"] = "받지 못한 전화에는 종료 시각을 적지 않습니다(통화 시간 0)."
        if topic is not None:
            errors["topic"] = "받지 못한 전화에는 상담 분야를 고르지 않습니다."
    if ended_at is not None and ended_at < started_at:
        errors["ended_at"] = "종료 시각이 시작 시각보다 앞섭니다."
    if started_at > timezone.now() + dt.timedelta(minutes=5):
        errors["started_at"] = "시작 시각이 미래입니다."
    normalized = _phone(caller_phone, "caller_phone", errors)
    if errors:
        raise WelfareInputError(errors)
    if outcome == Call.Outcome.ABANDONED:
        ended_at = ended_at or started_at
    duration = int((ended_at - started_at).total_seconds()) if ended_at else 0
    if client is not None and not normalized:
        normalized = client.phone
    call = Call.objects.create(
        direction=direction, outcome=outcome, counsellor=counsellor or actor, started_at=started_at, ended_at=ended_at,
        duration_seconds=duration, topic=topic, caller_phone=normalized,
        caller_index=blind_index(normalized) if normalized else "", client=client, notes=(notes or "").strip())
    audit_event_record(actor=actor, action="welfare.call.log", target=call, direction=direction, outcome=outcome)
    return call


def referral_token(referral: Referral) -> str:
    """The signed token in the link the receiving side opens (no login)."""
    return signing.dumps({"referral": referral.pk}, salt=REFERRAL_SALT)


def referral_confirm_path(referral: Referral) -> str:
    from django.urls import reverse

    return reverse("welfare:referral_confirm", args=[referral_token(referral)])


@transaction.atomic
def referral_create(
    *, actor: User, client: Client, service: Service | None = None, dong: Dong | None = None, note: str = "",
    call: Call | None = None, case: Case | None = None, base_url: str = "",
) -> Referral:
    """Refer a client to a directory service or a dong centre. The receiving side is e-mailed a
    signed confirmation link in the same transaction when it has an address; otherwise staff
    pass the link on (it is shown on the client's page). Raises WelfareInputError."""
    errors: dict[str, str] = {}
    if service is None and dong is None:
        errors["service"] = "연계할 복지자원이나 동주민센터를 골라 주세요."
    elif service is not None and service.status != Service.Status.ACTIVE:
        errors["service"] = "운영 중이 아닌 자원에는 의뢰할 수 없습니다."
    else:
        waiting = client.referrals.filter(status=Referral.Status.SENT, service=service,
                                          dong=None if service is not None else dong).first()
        if waiting is not None:
            errors["service"] = (f"{waiting.receiver}에 회신을 기다리는 의뢰가 이미 있습니다"
                                 f"({timezone.localtime(waiting.created_at):%Y-%m-%d} 의뢰, 회신 기한 {waiting.due_on:%Y-%m-%d}).")
    if not (note or "").strip():
        errors["note"] = "의뢰 내용을 적어 주세요(받는 곳이 무엇을 해 주기를 바라는지)."
    if errors:
        raise WelfareInputError(errors)
    referral = Referral.objects.create(
        client=client, service=service, dong=None if service is not None else dong, call=call, case=case,
        note=(note or "").strip(), created_by=actor,
        due_on=timezone.localdate() + dt.timedelta(days=referral_days()))
    address = ""
    if service is not None:
        address = service.email or service.organization.email
    if address:
        link = base_url.rstrip("/") + referral_confirm_path(referral)
        email_send(to=address, subject=f"[{_district()} 복지] 서비스 연계 의뢰 결과를 알려 주세요",
                   body=(f"{referral.receiver} 담당자님께\n\n행복1004콜센터에서 대상자 {pii.mask_name(client.name)} 님을 "
                         f"의뢰했습니다. 서비스를 받게 되었는지 {referral.due_on:%Y-%m-%d}까지 아래 주소에서 알려 주세요. "
                         f"로그인은 필요 없습니다.\n\n{link}\n"),
                   key=f"welfare-referral-{referral.pk}", actor=actor)
    if case is not None and case.stage in {Case.Stage.PLANNED, Case.Stage.MEETING, Case.Stage.SERVICES_LINKED}:
        _case_step(case=case, actor=actor, stage=Case.Stage.SERVICES_LINKED, note=f"연계: {referral.receiver}")
    audit_event_record(actor=actor, action="welfare.referral.create", target=referral, summary=referral.receiver,
                       client=client.pk)
    return referral


def referral_from_token(token: str, max_age_days: int = 180) -> Referral:
    """The referral a confirmation link names. Raises Referral.DoesNotExist for bad or old links."""
    try:
        data = signing.loads(token, salt=REFERRAL_SALT, max_age=dt.timedelta(days=max_age_days))
    except signing.BadSignature as exc:
        raise Referral.DoesNotExist from exc
    return Referral.objects.select_related("client", "service__organization", "dong").get(pk=int(data["referral"]))


@transaction.atomic
def referral_confirm(*, referral: Referral, taken_up: bool, by: str, note: str = "") -> Referral:
    """The receiving side closes the loop (no login). A referral is confirmed once."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.status != Referral.Status.SENT:
        raise WelfareInputError({"taken_up": "이미 회신한 의뢰입니다."})
    if not (by or "").strip():
        raise WelfareInputError({"by": "회신하는 분의 이름이나 기관을 적어 주세요."})
    referral.status = Referral.Status.TAKEN_UP if taken_up else Referral.Status.NOT_TAKEN_UP
    referral.confirmed_at = timezone.now()
    referral.confirmed_by = by.strip()[:100]
    referral.confirmation_note = (note or "").strip()[:500]
    referral.save(update_fields=["status", "confirmed_at", "confirmed_by", "confirmation_note"])
    audit_event_record(actor=None, action="welfare.referral.confirm", target=referral,
                       summary=f"{referral.get_status_display()} ({referral.confirmed_by})")
    return referral


@transaction.atomic
def notify_request_add(*, actor: User, client: Client, term: TaxonomyTerm, channel: str = "sms",
                       email: str = "") -> NotifyRequest:
    """A client asks to be told about new help in `term`'s field. Raises WelfareInputError."""
    if channel == NotifyRequest.Channel.SMS and not client.phone:
        raise WelfareInputError({"channel": "대상자 전화번호가 없어 문자로 알릴 수 없습니다."})
    if channel == NotifyRequest.Channel.EMAIL and "@" not in (email or ""):
        raise WelfareInputError({"email": "전자우편 주소를 입력해 주세요."})
    if channel not in NotifyRequest.Channel.values:
        raise WelfareInputError({"channel": "받는 방법을 골라 주세요."})
    if NotifyRequest.objects.filter(client=client, term=term, active=True).exists():
        raise WelfareInputError({"term": "이미 이 분야의 알림을 요청했습니다."})
    request = NotifyRequest.objects.create(client=client, term=term, channel=channel, email=(email or "").strip())
    audit_event_record(actor=actor, action="welfare.notify.request", target=client, term=term.name)
    return request


def notify_subscribers(*, service: Service, actor: User | None = None) -> list[NotifyDelivery]:
    """Tell every client waiting for one of an active service's fields, once per service, by
    queueing the message in the caller's transaction (so a rolled-back edit tells nobody)."""
    if service.status != Service.Status.ACTIVE:
        return []
    term_ids = list(service.taxonomy_terms.values_list("id", flat=True))
    if not term_ids:
        return []
    waiting = (NotifyRequest.objects.filter(active=True, term_id__in=term_ids)
               .exclude(deliveries__service=service).select_related("client", "term"))
    deliveries = []
    seen_clients: set[int] = set()
    for request in waiting:
        if request.client_id in seen_clients:
            continue
        seen_clients.add(request.client_id)
        text = f"[{_district()} 복지] 요청하신 '{request.term.name}' 분야에 '{service.name[:30]}'이(가) 있습니다. 문의 행복1004콜센터"
        key = f"welfare-notify-{request.pk}-{service.pk}"
        if request.channel == NotifyRequest.Channel.EMAIL:
            message = email_send(to=request.email, subject=f"[{_district()} 복지] 요청하신 분야의 새 복지 서비스",
                                 body=text, key=key, actor=actor)
        else:
            message = sms_send(to=request.client.phone, text=text, key=key, actor=actor)
        deliveries.append(NotifyDelivery.objects.create(request=request, service=service, outbox_id=str(message.pk)))
        audit_event_record(actor=actor, action="welfare.notify.deliver", target=request.client,
                           service=service.pk, term=request.term.name)
    return deliveries


# --- 복지사각지대 발굴 and case management -----------------------------------------------------

# Which step may follow which: a case moves forward one step at a time; closing is always allowed.
CASE_NEXT: dict[str, set[str]] = {
    Case.Stage.REPORTED: {Case.Stage.TRIAGED},
    Case.Stage.TRIAGED: {Case.Stage.ASSIGNED},
    Case.Stage.ASSIGNED: {Case.Stage.VISIT_SCHEDULED},
    Case.Stage.VISIT_SCHEDULED: {Case.Stage.ASSESSED, Case.Stage.VISIT_SCHEDULED},
    Case.Stage.ASSESSED: {Case.Stage.PLANNED},
    # A solution meeting (사례회의) may come before services are linked, and again to review them.
    Case.Stage.PLANNED: {Case.Stage.MEETING, Case.Stage.SERVICES_LINKED},
    Case.Stage.MEETING: {Case.Stage.MEETING, Case.Stage.SERVICES_LINKED},
    Case.Stage.SERVICES_LINKED: {Case.Stage.SERVICES_LINKED, Case.Stage.MEETING},
    Case.Stage.CLOSED: set(),
}


def _case_step(*, case: Case, actor: User | None, stage: str, note: str = "") -> CaseStep:
    if stage != Case.Stage.CLOSED and stage not in CASE_NEXT[case.stage]:
        raise WelfareInputError({"stage": f"'{case.get_stage_display()}' 단계에서 '{Case.Stage(stage).label}'(으)로 갈 수 없습니다."})
    if case.stage == Case.Stage.CLOSED:
        raise WelfareInputError({"stage": "종결된 사례입니다."})
    case.stage = stage
    case.save()
    label = ""
    if actor is not None:
        label = actor.staff.name if actor.is_staff_member and hasattr(actor, "staff") else actor.username
    step = CaseStep.objects.create(case=case, stage=stage, actor=actor, actor_label=label, note=note)
    audit_event_record(actor=actor, action=f"welfare.case.{stage}", target=case, summary=str(Case.Stage(stage).label))
    return step


@transaction.atomic
def case_report(
    *, actor: User | None, channel: str, situation: str, dong: Dong | None = None, tong: Tong | None = None,
    subject_name: str = "", subject_address: str = "", reporter_name: str = "", reporter_contact: str = "",
    consent: bool = False,
) -> Case:
    """Record a report of a household possibly in crisis. A resident's report (no login) needs
    consent to the notice shown on the form. Raises WelfareInputError."""
    errors: dict[str, str] = {}
    if channel not in Case.Channel.values:
        errors["channel"] = "발굴 경로를 골라 주세요."
    situation = (situation or "").strip()
    if len(situation) < 5:
        errors["situation"] = gettext("어떤 어려움이 있는지 다섯 글자 이상 적어 주세요.")
    elif len(situation) > 2000:
        errors["situation"] = gettext("상황은 2,000자 이내로 적어 주세요.")
    if dong is None and tong is None and not (subject_address or "").strip():
        errors["dong"] = gettext("행정동이나 주소 중 하나는 알려 주세요.")
    if tong is not None and dong is not None and tong.dong_id != dong.pk:
        errors["tong"] = "통이 고른 동에 속하지 않습니다."
    if channel == Case.Channel.WELFARE_TONGJANG and tong is None:
        errors["tong"] = "복지통장 신고는 통을 골라 주세요."
    if channel == Case.Channel.RESIDENT and not consent:
        errors["consent"] = gettext("개인정보 수집·이용 안내에 동의해 주세요.")
    if errors:
        raise WelfareInputError(errors)
    if dong is None and tong is not None:
        dong = tong.dong
    case = Case.objects.create(
        channel=channel, tong=tong, dong=dong, situation=situation, subject_name=(subject_name or "").strip()[:50],
        subject_address=(subject_address or "").strip()[:200], reporter_name=(reporter_name or "").strip()[:50],
        reporter_contact=(reporter_contact or "").strip()[:100], created_by=actor)
    if consent:
        consent_record(subject=case, notice=report_notice(), channel="online" if actor is None else "visit",
                       recorded_by=actor)
    CaseStep.objects.create(case=case, stage=Case.Stage.REPORTED, actor=actor,
                            actor_label=str(Case.Channel(channel).label), note="")
    audit_event_record(actor=actor, action="welfare.case.reported", target=case, channel=channel)
    return case


@transaction.atomic
def case_triage(*, actor: User, case: Case, urgency: str, note: str = "") -> Case:
    """Judge a report: urgent, normal, or not a case (which closes it)."""
    if urgency not in Case.Urgency.values:
        raise WelfareInputError({"urgency": "긴급도를 골라 주세요."})
    case.urgency = urgency
    if urgency == Case.Urgency.NOT_A_CASE:
        case.closure_reason = note or "대상 아님"
        _case_step(case=case, actor=actor, stage=Case.Stage.CLOSED, note=note or "대상 아님")
    else:
        _case_step(case=case, actor=actor, stage=Case.Stage.TRIAGED, note=note)
    return case


@transaction.atomic
def case_assign(*, actor: User, case: Case, dong: Dong | None, assignee: User | None = None, note: str = "") -> Case:
    """Hand a case to a dong (and optionally to one staff member, who may then open it)."""
    if dong is None:
        raise WelfareInputError({"dong": "배정할 동을 골라 주세요."})
    if assignee is not None and not assignee.is_staff_member:
        raise WelfareInputError({"assignee": "담당자는 직원이어야 합니다."})
    case.dong = dong
    case.assigned_to = assignee
    _case_step(case=case, actor=actor, stage=Case.Stage.ASSIGNED,
               note=note or f"{dong.name}" + (f" · {assignee.staff.name}" if assignee is not None and hasattr(assignee, "staff") else ""))
    return case


@transaction.atomic
def case_visit_schedule(*, actor: User, case: Case, visit_at: dt.datetime | None, note: str = "") -> Case:
    """Schedule the home visit (복지동장; a joint visit with a nurse goes in the note)."""
    if visit_at is None:
        raise WelfareInputError({"visit_at": "방문 일시를 입력해 주세요."})
    if timezone.localtime(visit_at).date() < timezone.localdate():
        raise WelfareInputError({"visit_at": "방문 일시가 이미 지났습니다. 오늘이나 앞으로의 날짜를 넣어 주세요."})
    case.visit_at = visit_at
    when = f"{timezone.localtime(visit_at):%Y-%m-%d %H:%M} 방문"
    _case_step(case=case, actor=actor, stage=Case.Stage.VISIT_SCHEDULED,
               note=f"{when} · {note.strip()}" if (note or "").strip() else when)
    return case


@transaction.atomic
def case_assess(*, actor: User, case: Case, assessment: str, client: Client | None = None) -> Case:
    """Record the needs assessment after the visit, linking the client registered for it."""
    if len((assessment or "").strip()) < 5:
        raise WelfareInputError({"assessment": "욕구 조사 결과를 다섯 글자 이상 적어 주세요."})
    case.assessment = assessment.strip()
    if client is not None:
        case.client = client
    _case_step(case=case, actor=actor, stage=Case.Stage.ASSESSED)
    return case


@transaction.atomic
def case_plan(*, actor: User, case: Case, plan: str) -> Case:
    """Write the case plan (agreed at the solution meeting)."""
    if len((plan or "").strip()) < 5:
        raise WelfareInputError({"plan": "사례 계획을 다섯 글자 이상 적어 주세요."})
    if case.client_id is None:
        raise WelfareInputError({"plan": "계획을 세우기 전에 대상자를 연결해 주세요(욕구 조사 단계)."})
    case.plan = plan.strip()
    _case_step(case=case, actor=actor, stage=Case.Stage.PLANNED)
    return case


@transaction.atomic
def case_meeting(*, actor: User, case: Case, held_at: dt.datetime | None, attendees: str, decision: str) -> Case:
    """Record a solution meeting (사례회의): when it was held, who took part, what it decided.
    Raises WelfareInputError."""
    errors: dict[str, str] = {}
    if held_at is None:
        errors["held_at"] = "회의 일시를 입력해 주세요."
    elif held_at > timezone.now() + dt.timedelta(minutes=5):
        errors["held_at"] = "회의 일시가 미래입니다. 열린 회의를 기록해 주세요."
    attendees, decision = (attendees or "").strip(), (decision or "").strip()
    if len(attendees) < 2:
        errors["attendees"] = "참석한 사람이나 기관을 적어 주세요(예: 복지동장, 방문간호사, 복지관)."
    if len(decision) < 5:
        errors["decision"] = "회의에서 정한 것을 다섯 글자 이상 적어 주세요."
    if errors:
        raise WelfareInputError(errors)
    assert held_at is not None
    _case_step(case=case, actor=actor, stage=Case.Stage.MEETING,
               note=f"{timezone.localtime(held_at):%Y-%m-%d %H:%M} 회의 · 참석: {attendees[:300]} · 결정: {decision[:2000]}")
    return case


@transaction.atomic
def case_close(*, actor: User, case: Case, reason: str, despite_waiting: bool = False) -> Case:
    """Close the case. While a referral of it still waits for its answer, closing needs
    `despite_waiting` (the answer is still received and shown when it comes)."""
    errors: dict[str, str] = {}
    if len((reason or "").strip()) < 2:
        errors["reason"] = "종결 사유를 적어 주세요."
    waiting = case.referrals.filter(status=Referral.Status.SENT).count()
    if waiting and not despite_waiting:
        errors["despite_waiting"] = (f"회신을 기다리는 의뢰가 {waiting}건 있습니다. 그래도 종결하려면 "
                                     "'회신 전에 종결' 확인란에 표시해 주세요.")
    if errors:
        raise WelfareInputError(errors)
    case.closure_reason = reason.strip()
    _case_step(case=case, actor=actor, stage=Case.Stage.CLOSED, note=reason.strip())
    return case


def consents_for_client(client: Client) -> list[Any]:
    """The consents recorded for a client (shown on the client's file)."""
    from opengu.core.services import consents_for

    return consents_for(client)


# --- 맞춤형 안내: outreach campaigns ---------------------------------------------------------------


def outreach_campaign_create(*, actor: User, benefit: str, title: str, message: str) -> OutreachCampaign:
    """A campaign about one benefit of the catalogue. The message goes to every matched client
    as is, so it must not contain personal data (it names the benefit and where to apply)."""
    from opengu.welfare.benefits import BY_CODE

    errors: dict[str, str] = {}
    if benefit not in BY_CODE:
        errors["benefit"] = "복지 혜택: 목록에서 고르세요."
    if not title.strip():
        errors["title"] = "제목: 비어 있습니다."
    if not message.strip():
        errors["message"] = "문자 내용: 비어 있습니다."
    elif len(message) > 1000:
        errors["message"] = "문자 내용: 1000자까지 쓸 수 있습니다."
    if errors:
        raise WelfareInputError(errors)
    with transaction.atomic():
        campaign = OutreachCampaign.objects.create(benefit=benefit, title=title.strip()[:200], message=message.strip(),
                                                   created_by=actor)
        audit_event_record(actor=actor, action="welfare.outreach.create", target=campaign, benefit=benefit)
    return campaign


def outreach_campaign_send(*, actor: User, campaign: OutreachCampaign, on: dt.date | None = None) -> list[OutreachNotice]:
    """Send the campaign's SMS to every matched client not yet told, queueing each message in
    this transaction (a failure tells nobody), one notice row per client; sending again reaches
    only clients who matched since."""
    from opengu.welfare.selectors import outreach_candidates

    notices = []
    with transaction.atomic():
        for client, _result in outreach_candidates(benefit=campaign.benefit, on=on, exclude_campaign=campaign):
            message = sms_send(to=client.phone, text=campaign.message, key=f"welfare-outreach-{campaign.pk}-{client.pk}",
                               actor=actor)
            notices.append(OutreachNotice.objects.create(campaign=campaign, client=client, outbox_id=str(message.pk)))
            audit_event_record(actor=actor, action="welfare.outreach.notify", target=client, campaign=campaign.pk,
                               benefit=campaign.benefit)
    return notices


def outreach_notice_mark_applied(*, actor: User, notice: OutreachNotice, applied: bool = True) -> OutreachNotice:
    """Record that the client applied (or undo it)."""
    with transaction.atomic():
        notice = OutreachNotice.objects.select_for_update().get(pk=notice.pk)
        notice.applied_at = timezone.now() if applied else None
        notice.applied_recorded_by = actor if applied else None
        notice.save(update_fields=["applied_at", "applied_recorded_by"])
        audit_event_record(actor=actor, action="welfare.outreach.applied" if applied else "welfare.outreach.unapplied",
                           target=notice.client, campaign=notice.campaign_id)
    return notice


# --- institutions confirm their own records (no login) ---------------------------------------

CONFIRM_SALT = "opengu.welfare.institution-confirm"
# What an institution may correct through its link (the classification stays with staff).
INSTITUTION_FIELDS = ("name", "status", "description", "eligibility_description", "minimum_age", "maximum_age",
                      "fees_description", "required_documents", "application_process", "url")


class ConfirmationLinkError(Exception):
    """A confirmation link that cannot be used, with the Korean sentence to show."""


def confirm_link_days() -> int:
    return int(getattr(settings, "OPENGU_WELFARE_CONFIRM_LINK_DAYS", 30))


def _institution_contact(organization: Organization) -> tuple[str, str] | None:
    """Where the institution's link goes: its e-mail (or one of its services'), else a phone
    number of the institution, by SMS."""
    email = organization.email or next(
        (e for e in organization.services.exclude(email="").values_list("email", flat=True)), "")
    if email:
        return ConfirmationRequest.Channel.EMAIL, email
    for number in organization.phones.values_list("number", flat=True):
        normalized = pii.normalize_phone(number)
        if normalized:
            return ConfirmationRequest.Channel.SMS, normalized
    return None


def confirmation_token(request: ConfirmationRequest) -> str:
    return signing.dumps({"request": request.pk, "organization": request.organization_id}, salt=CONFIRM_SALT)


def confirmation_path(request: ConfirmationRequest) -> str:
    from django.urls import reverse

    return reverse("welfare:institution_confirm", args=[confirmation_token(request)])


@transaction.atomic
def institution_confirmation_send(*, actor: User, organization: Organization, months: int, base_url: str = "",
                                  now: dt.datetime | None = None) -> ConfirmationRequest:
    """Send `organization` a signed link to confirm or correct its records (e-mail, else SMS),
    queued in this transaction. The new link replaces any earlier one. Raises WelfareInputError
    when the institution has no e-mail or phone."""
    from opengu.welfare.selectors import stale_services

    contact = _institution_contact(organization)
    if contact is None:
        raise WelfareInputError({"organization": f"{organization.name}: 전자우편이나 전화번호가 없어 링크를 보낼 수 "
                                                 "없습니다. 기관 연락처를 먼저 넣어 주세요."})
    channel, recipient = contact
    now = now or timezone.now()
    stale = stale_services(months=months).filter(organization=organization).count()
    request = ConfirmationRequest.objects.create(
        organization=organization, channel=channel, recipient=recipient, sent_at=now, sent_by=actor,
        expires_at=now + dt.timedelta(days=confirm_link_days()), stale_count=stale)
    link = base_url.rstrip("/") + confirmation_path(request)
    until = timezone.localtime(request.expires_at)
    if channel == ConfirmationRequest.Channel.EMAIL:
        message = email_send(
            to=recipient, subject=f"[{_district()} 복지] 기관 복지자원 정보를 확인해 주세요",
            body=(f"{organization.name} 담당자님께\n\n{_district()} 복지자원 안내에 실린 기관의 자원 정보를 확인해 "
                  f"주세요(확인이 필요한 자원 {stale}건). 바뀐 것이 없으면 '변경 없음'을, 바뀐 것이 있으면 고쳐 "
                  f"주세요. 로그인은 필요 없으며 링크는 {until:%Y-%m-%d %H:%M}까지 쓸 수 있습니다.\n\n{link}\n"),
            key=f"welfare-confirm-{request.pk}", actor=actor)
    else:
        message = sms_send(to=recipient, text=(f"[{_district()} 복지] {organization.name} 복지자원 정보 확인 요청"
                                               f"({until:%m/%d}까지, 로그인 없음): {link}"),
                           key=f"welfare-confirm-{request.pk}", actor=actor)
    request.outbox_id = str(message.pk)
    request.save(update_fields=["outbox_id"])
    audit_event_record(actor=actor, action="welfare.institution.link_send", target=organization,
                       channel=channel, stale=stale)
    return request


def institution_confirmations_send(*, actor: User, organizations: Iterable[Organization], months: int,
                                   base_url: str = "") -> tuple[list[ConfirmationRequest], list[str]]:
    """Send a link to each institution, each in its own transaction; returns the requests sent
    and, for those that could not be reached, the Korean reason."""
    sent: list[ConfirmationRequest] = []
    skipped: list[str] = []
    for organization in organizations:
        try:
            sent.append(institution_confirmation_send(actor=actor, organization=organization, months=months,
                                                      base_url=base_url))
        except WelfareInputError as exc:
            skipped.extend(exc.errors.values())
    return sent, skipped


def confirmation_from_token(token: str, now: dt.datetime | None = None) -> ConfirmationRequest:
    """The request a link names, if it may still be used. Raises ConfirmationLinkError with the
    reason in Korean: a tampered or unknown link, an expired one, or one replaced by a newer link."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT)
        request = ConfirmationRequest.objects.select_related("organization").get(
            pk=int(data["request"]), organization_id=int(data["organization"]))
    except (signing.BadSignature, ConfirmationRequest.DoesNotExist, KeyError, TypeError, ValueError) as exc:
        raise ConfirmationLinkError("링크가 올바르지 않습니다. 받은 주소 전체를 그대로 열었는지 확인해 주세요. "
                                    "계속 열리지 않으면 링크를 보낸 구청 담당 부서에 새 링크를 요청해 주세요.") from exc
    if request.is_expired(now):
        until = timezone.localtime(request.expires_at)
        raise ConfirmationLinkError(f"이 링크는 {until:%Y-%m-%d %H:%M}까지 쓸 수 있었습니다. 기한이 지났으니 링크를 "
                                    "보낸 구청 담당 부서에 새 링크를 요청해 주세요.")
    if request.organization.confirmation_requests.filter(sent_at__gt=request.sent_at).exists():
        raise ConfirmationLinkError("더 새로운 확인 링크를 보내 드렸습니다. 가장 최근에 받은 링크를 열어 주세요.")
    return request


@transaction.atomic
def institution_service_confirm(*, request: ConfirmationRequest, service: Service, by: str,
                                data: dict[str, Any] | None = None) -> ServiceVersion:
    """The institution answers for one of its services: unchanged (`data` None) or corrected.
    Either way the assured date becomes today and a version marked as from the institution is
    written; corrections apply at once (staff see them in the history and the queue, and can
    edit them back). Raises WelfareInputError; nothing is written then."""
    if service.organization_id != request.organization_id:
        raise WelfareInputError({"service": "이 기관의 자원이 아닙니다."})
    who = (by or "").strip()
    if not who:
        raise WelfareInputError({"by": "확인하는 분의 이름이나 부서를 적어 주세요."})
    who = who[:60]
    today = timezone.localdate()
    if data:
        unknown = set(data) - set(INSTITUTION_FIELDS)
        if unknown:
            raise WelfareInputError({"service": "고칠 수 없는 항목입니다."})
        version = service_update(actor=None, service=service, data=data | {"assured_date": today},
                                 note=f"기관 수정({who})", institution=who)
        if version is None:  # the "corrected" record was the same: a plain confirmation
            version = service_assure(actor=None, service=service, on=today, note=f"기관 확인: 변경 없음({who})",
                                     institution=who)
    else:
        version = service_assure(actor=None, service=service, on=today, note=f"기관 확인: 변경 없음({who})",
                                 institution=who)
    ConfirmationRequest.objects.filter(pk=request.pk).update(last_answered_at=timezone.now(),
                                                             answered_count=F("answered_count") + 1)
    corrected = bool(set(version.changed_fields) - {"assured_date"})
    audit_event_record(actor=None, action="welfare.institution.correct" if corrected else "welfare.institution.confirm",
                       target=service,
                       summary=f"{service.organization.name}: {service.name} ({who})", changed=version.changed_fields)
    return version


# --- 수급 이력: benefits a client already receives -------------------------------------------------


def _receipt_date(raw: str | dt.date | None, field: str, label: str, errors: dict[str, str],
                  required: bool) -> dt.date | None:
    if isinstance(raw, dt.date):
        return raw
    raw = (raw or "").strip()
    if not raw:
        if required:
            errors[field] = f"{label}: 비어 있습니다."
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        errors[field] = f"{label}: YYYY-MM-DD 형식으로 입력해 주세요."
        return None


@transaction.atomic
def benefit_receipt_record(*, actor: User, client: Client, benefit: str, started_on: str | dt.date,
                           source: str, ended_on: str | dt.date | None = None, note: str = "",
                           request: HttpRequest | None = None) -> BenefitReceipt:
    """Record that `client` receives `benefit` (a catalogue code) from `started_on`, optionally
    to `ended_on`. A period overlapping one already recorded for the same benefit is refused.
    Raises WelfareInputError with Korean messages by field; nothing is written then."""
    from opengu.welfare.benefits import BY_CODE

    errors: dict[str, str] = {}
    if benefit not in BY_CODE:
        errors["benefit"] = "복지 혜택: 목록에서 고르세요."
    start = _receipt_date(started_on, "started_on", "받기 시작한 날", errors, required=True)
    end = _receipt_date(ended_on, "ended_on", "끝난 날", errors, required=False)
    if start and start > timezone.localdate():
        errors["started_on"] = "받기 시작한 날: 오늘 이후일 수 없습니다."
    if start and end and end < start:
        errors["ended_on"] = "끝난 날: 받기 시작한 날보다 앞설 수 없습니다."
    if source not in BenefitReceipt.Source.values:
        errors["source"] = "확인 경로: 목록에서 고르세요."
    if len(note or "") > 500:
        errors["receipt_note"] = "메모: 500자까지 쓸 수 있습니다."
    if not errors and start:
        overlapping = client.benefit_receipts.select_for_update().filter(benefit=benefit).filter(
            _overlapping(start, end))
        if overlapping.exists():
            errors["started_on"] = "같은 혜택의 수급 기간이 이미 기록되어 있습니다(기간이 겹칩니다)."
    if errors or start is None:
        raise WelfareInputError(errors)
    receipt = BenefitReceipt.objects.create(client=client, benefit=benefit, started_on=start, ended_on=end,
                                            source=source, note=(note or "").strip(), recorded_by=actor)
    record_access(actor=actor, action=PersonalDataAccess.Action.UPDATE, subject="welfare.client",
                  record_ids=[client.pk], request=request, purpose="수급 이력 기록")
    audit_event_record(actor=actor, action="welfare.client.benefit_receipt", target=client, benefit=benefit)
    return receipt


def _overlapping(start: dt.date, end: dt.date | None) -> Any:
    """Periods [started_on, ended_on or open] that share a day with [start, end or open]."""
    from django.db.models import Q

    condition = Q(ended_on__isnull=True) | Q(ended_on__gte=start)
    if end is not None:
        condition &= Q(started_on__lte=end)
    return condition


@transaction.atomic
def benefit_receipt_end(*, actor: User, receipt: BenefitReceipt, ended_on: str | dt.date,
                        request: HttpRequest | None = None) -> BenefitReceipt:
    """Record the last day a client received a benefit. Raises WelfareInputError."""
    errors: dict[str, str] = {}
    receipt = BenefitReceipt.objects.select_for_update().get(pk=receipt.pk)
    end = _receipt_date(ended_on, "ended_on", "끝난 날", errors, required=True)
    if end and end < receipt.started_on:
        errors["ended_on"] = "끝난 날: 받기 시작한 날보다 앞설 수 없습니다."
    if errors:
        raise WelfareInputError(errors)
    receipt.ended_on = end
    receipt.save(update_fields=["ended_on"])
    record_access(actor=actor, action=PersonalDataAccess.Action.UPDATE, subject="welfare.client",
                  record_ids=[receipt.client_id], request=request, purpose="수급 종료 기록")
    audit_event_record(actor=actor, action="welfare.client.benefit_receipt_end", target=receipt.client,
                       benefit=receipt.benefit)
    return receipt


# --- 방문보건: maternal and infant home visits ---------------------------------------------------


def _visit_date(raw: str, field: str, label: str, errors: dict[str, str]) -> dt.date | None:
    try:
        value = dt.date.fromisoformat((raw or "").strip())
    except ValueError:
        errors[field] = f"{label}: YYYY-MM-DD 형식으로 입력해 주세요."
        return None
    if value > timezone.localdate():
        errors[field] = f"{label}: 오늘보다 뒤의 날짜입니다."
        return None
    return value


def nurse_choices() -> list[User]:
    """Staff a family can be assigned to: the health centre's (보건소) staff."""
    from opengu.core.models import Department

    return list(User.objects.filter(kind=User.Kind.STAFF, is_active=True,
                                    staff__department__kind=Department.Kind.HEALTH_CENTRE)
                .select_related("staff").order_by("staff__name", "pk"))


def _nurse_error(nurse: User | None, errors: dict[str, str]) -> None:
    if nurse is not None and nurse.pk not in {u.pk for u in nurse_choices()}:
        errors["nurse"] = "담당 간호사: 보건소 직원 가운데서 골라 주세요."


def home_visit_family_assign(*, actor: User, family: HomeVisitFamily, nurse: User | None) -> HomeVisitFamily:
    """Give a family its nurse (or none). Raises WelfareInputError."""
    errors: dict[str, str] = {}
    _nurse_error(nurse, errors)
    if errors:
        raise WelfareInputError(errors)
    with transaction.atomic():
        family.nurse = nurse
        family.save(update_fields=["nurse"])
        audit_event_record(actor=actor, action="welfare.homevisit.assign", target=family,
                           nurse=nurse.pk if nurse else None)
    return family


def home_visit_family_register(*, actor: User, mother: Client | None, child_birth_date: str,
                               vulnerable: bool = False, nurse: User | None = None) -> HomeVisitFamily:
    """Register a mother (an existing client, so with consent) and her newborn for home visits.
    Raises WelfareInputError with Korean messages by field; nothing is written then."""
    errors: dict[str, str] = {}
    if mother is None:
        errors["mother"] = "산모(대상자 번호): 등록된 대상자를 찾을 수 없습니다."
    birth = _visit_date(child_birth_date, "child_birth_date", "아기 생년월일", errors)
    _nurse_error(nurse, errors)
    if errors or birth is None or mother is None:
        raise WelfareInputError(errors)
    with transaction.atomic():
        family = HomeVisitFamily.objects.create(mother=mother, child_birth_date=birth.isoformat(),
                                                vulnerable=vulnerable, nurse=nurse, created_by=actor)
        audit_event_record(actor=actor, action="welfare.homevisit.register", target=family, vulnerable=vulnerable)
    return family


def home_visit_record(*, actor: User, family: HomeVisitFamily, visited_on: str, note: str = "") -> HomeVisit:
    """Record a nurse's visit (the actor is the nurse). The date may not be before the birth or
    in the future. Raises WelfareInputError."""
    errors: dict[str, str] = {}
    day = _visit_date(visited_on, "visited_on", "방문일", errors)
    if day is not None and day < family.birth:
        errors["visited_on"] = "방문일: 아기 생년월일보다 앞섭니다."
    if len(note or "") > 2000:
        errors["note"] = "방문 내용: 2,000자 이내로 적어 주세요."
    if errors or day is None:
        raise WelfareInputError(errors)
    with transaction.atomic():
        visit = HomeVisit.objects.create(family=family, visited_on=day, nurse=actor, note=(note or "").strip())
        audit_event_record(actor=actor, action="welfare.homevisit.visit", target=family, visited_on=day.isoformat())
    return visit
