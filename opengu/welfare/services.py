"""Writes of the welfare resource directory: every one atomic, audited, keyword-only.

Staff edits of a service leave a ServiceVersion (snapshot after the edit) and an audit event,
and refresh the service's search terms in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from opengu.core.audit import audit_event_record
from opengu.core.models import User
from opengu.lib.morphemes import search_terms
from opengu.welfare import classify
from opengu.welfare.models import (
    Organization,
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
    for field_name, text in texts.items():
        for term in search_terms(text):
            term = term[:60]
            if field_name in seen[term]:
                weights[term] += 0.1  # repeats count a little
                continue
            seen[term].add(field_name)
            weights[term] += FIELD_WEIGHTS[field_name]
    return [SearchTerm(service=service, term=term, weight=round(w, 3)) for term, w in weights.items()]


def service_index(service: Service) -> None:
    """Rebuild the search terms of one service."""
    names = list(service.taxonomy_terms.values_list("name", flat=True))
    SearchTerm.objects.filter(service=service).delete()
    SearchTerm.objects.bulk_create(_index_rows(service, names))


def service_snapshot(service: Service) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in EDITABLE_FIELDS:
        value = getattr(service, name)
        data[name] = value.isoformat() if isinstance(value, dt.date) else value
    data["organization"] = service.organization.name
    data["taxonomy_terms"] = sorted(
        f"{t.taxonomy.key}:{t.code}" for t in service.taxonomy_terms.select_related("taxonomy"))
    return data


def _version_add(service: Service, actor: User | None, note: str, previous: dict[str, Any] | None) -> ServiceVersion:
    snapshot = service_snapshot(service)
    changed = sorted(k for k in snapshot if previous is None or previous.get(k) != snapshot[k])
    last = service.versions.order_by("-number").values_list("number", flat=True).first() or 0
    label = ""
    if actor is not None:
        label = actor.staff.name if actor.is_staff_member and hasattr(actor, "staff") else actor.username
    return ServiceVersion.objects.create(service=service, number=last + 1, snapshot=snapshot, changed_fields=changed,
                                         actor=actor, actor_label=label, note=note[:200])


def _validate(data: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
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
    errors = _validate(data)
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
    if audit:
        audit_event_record(actor=actor, action="welfare.service.create", target=service, summary=service.name)
    return service


@transaction.atomic
def service_update(
    *, actor: User | None, service: Service, data: dict[str, Any], taxonomy_terms: Iterable[TaxonomyTerm] | None = None,
    note: str = "",
) -> ServiceVersion | None:
    """Apply staff changes. Returns the new version, or None when nothing changed.
    Raises WelfareInputError with Korean messages by field; nothing is written then."""
    merged = {name: getattr(service, name) for name in EDITABLE_FIELDS} | data
    errors = _validate(merged)
    if errors:
        raise WelfareInputError(errors)
    service = Service.objects.select_for_update().select_related("organization").get(pk=service.pk)
    previous = service_snapshot(service)
    for name in EDITABLE_FIELDS:
        if name in data:
            setattr(service, name, data[name])
    if taxonomy_terms is not None:
        service.taxonomy_terms.set(list(taxonomy_terms))
    if service_snapshot(service) == previous:
        return None
    service.modified_at = timezone.now()
    service.save()
    service_index(service)
    version = _version_add(service, actor, note, previous)
    audit_event_record(actor=actor, action="welfare.service.update", target=service,
                       summary=f"{service.name} v{version.number}", changed=version.changed_fields)
    return version


@transaction.atomic
def service_assure(*, actor: User | None, service: Service, on: dt.date | None = None, note: str = "확인") -> ServiceVersion:
    """Mark a service's record as checked today (its content unchanged)."""
    previous = service_snapshot(service)
    service.assured_date = on or timezone.localdate()
    service.modified_at = timezone.now()
    service.save(update_fields=["assured_date", "modified_at"])
    version = _version_add(service, actor, note, previous)
    audit_event_record(actor=actor, action="welfare.service.assure", target=service, summary=service.name)
    return version


def _month(today: dt.date | None = None) -> dt.date:
    today = today or timezone.localdate()
    return today.replace(day=1)


def service_view_count(*, service: Service, today: dt.date | None = None) -> None:
    """Count one view of a service page in this month's row."""
    month = _month(today)
    ServiceMonthlyCount.objects.bulk_create([ServiceMonthlyCount(service=service, month=month)], ignore_conflicts=True)
    ServiceMonthlyCount.objects.filter(service=service, month=month).update(views=F("views") + 1)


def search_appearances_count(*, service_ids: list[int], today: dt.date | None = None) -> None:
    """Count one search appearance for each service shown on a result page."""
    if not service_ids:
        return
    month = _month(today)
    ServiceMonthlyCount.objects.bulk_create(
        [ServiceMonthlyCount(service_id=pk, month=month) for pk in service_ids], ignore_conflicts=True)
    ServiceMonthlyCount.objects.filter(service_id__in=service_ids, month=month).update(
        search_appearances=F("search_appearances") + 1)


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
