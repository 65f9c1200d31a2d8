"""The welfare resource directory (복지자원 DB), modelled after Open Referral HSDS 3.0.

Organization (기관) offers Services (자원) at Locations; contacts, phones and schedules hang
off any of them as in HSDS. Services are classified by the plan's source types (on the
organization) and by 복지로's facets (Taxonomy/TaxonomyTerm). Every staff edit leaves a
ServiceVersion; views and search appearances are counted per service and month.
The directory tables hold no personal data (institutions and their public contacts only);
the call-centre and case models at the end of this module do, in encrypted fields.
"""

from __future__ import annotations

import calendar
import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from opengu.core.fields import EncryptedTextField
from opengu.core.models import Department, Dong, Tong


class SourceType(models.TextChoices):
    """The plan's six kinds of source (복지자원 DB, §2-2)."""

    MINISTRY = "ministry", _("중앙부처")
    DISTRICT = "district", _("구청·주민센터")
    HEALTH = "health", _("병원·보건소")
    WELFARE_CENTRE = "welfare_centre", _("복지관")
    FOUNDATION = "foundation", _("재단")
    OTHER = "other", _("기타")


class Sector(models.TextChoices):
    PUBLIC = "public", _("공공")
    PRIVATE = "private", _("민간")


class Organization(models.Model):
    """HSDS organization: an institution that offers services."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("기관명"), max_length=200)
    alternate_name = models.CharField(_("다른 이름"), max_length=200, blank=True)
    description = models.TextField(_("소개"), blank=True)
    email = models.EmailField(_("전자우편"), blank=True)
    website = models.URLField(_("누리집"), max_length=500, blank=True)
    legal_status = models.CharField(_("법적 지위"), max_length=100, blank=True)
    source_type = models.CharField(_("자원 구분"), max_length=20, choices=SourceType.choices)
    sector = models.CharField(_("공공·민간"), max_length=10, choices=Sector.choices)
    managing_department = models.ForeignKey(
        Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("관리 부서"), help_text=_("이 기관의 자원을 고치는 구청 부서"),
    )
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("기관")
        verbose_name_plural = _("기관")
        constraints = [models.UniqueConstraint(fields=["name"], name="welfare_organization_unique_name")]

    def __str__(self) -> str:
        return self.name


class Taxonomy(models.Model):
    """HSDS taxonomy: one facet of classification (생애주기, 가구상황, 관심주제)."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    key = models.SlugField(_("코드"), max_length=30, unique=True)
    name = models.CharField(_("이름"), max_length=50)
    description = models.CharField(_("설명"), max_length=300, blank=True)
    uri = models.URLField(blank=True)
    version = models.CharField(max_length=20, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "key"]
        verbose_name = _("분류 체계")
        verbose_name_plural = _("분류 체계")

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    """HSDS taxonomy_term: one value of a facet (e.g. 노년)."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.CASCADE, related_name="terms")
    code = models.CharField(_("코드"), max_length=40)
    name = models.CharField(_("이름"), max_length=50)
    description = models.CharField(_("설명"), max_length=300, blank=True)
    parent = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children")
    order = models.PositiveSmallIntegerField(default=0)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["taxonomy__order", "order", "name"]
        verbose_name = _("분류 항목")
        verbose_name_plural = _("분류 항목")
        constraints = [models.UniqueConstraint(fields=["taxonomy", "code"], name="welfare_term_unique_code")]

    def __str__(self) -> str:
        return f"{self.taxonomy.name}: {self.name}"


class Service(models.Model):
    """HSDS service: one resource (자원) an organization offers."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("운영 중")
        INACTIVE = "inactive", _("운영 안 함")
        DEFUNCT = "defunct", _("폐지")
        TEMPORARILY_CLOSED = "temporarily closed", _("일시 중단")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(_("자원명"), max_length=200)
    alternate_name = models.CharField(_("다른 이름"), max_length=200, blank=True)
    description = models.TextField(_("요약"), blank=True)
    url = models.URLField(_("안내 주소"), max_length=500, blank=True)
    email = models.EmailField(_("전자우편"), blank=True)
    status = models.CharField(_("상태"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    application_process = models.TextField(_("신청 방법"), blank=True)
    eligibility_description = models.TextField(_("지원 대상"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("최소 나이"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("최대 나이"), null=True, blank=True)
    fees_description = models.CharField(_("비용"), max_length=300, blank=True)
    required_documents = models.TextField(_("구비 서류"), blank=True, help_text=_("한 줄에 하나씩"))
    assured_date = models.DateField(_("확인일"), null=True, blank=True)
    assurer_email = models.EmailField(_("확인자 전자우편"), blank=True)
    external_id = models.CharField(_("외부 식별자"), max_length=40, blank=True, db_index=True)
    responsible_unit = models.CharField(_("소관 조직"), max_length=100, blank=True)
    taxonomy_terms = models.ManyToManyField(TaxonomyTerm, blank=True, related_name="services",
                                            verbose_name=_("분류"))
    created_at = models.DateTimeField(default=timezone.now)
    modified_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["name", "id"]
        # The unfiltered directory lists active services by name: read in index order, no sort.
        indexes = [models.Index(fields=["status", "name", "id"], name="welfare_service_status_name")]
        verbose_name = _("복지자원")
        verbose_name_plural = _("복지자원")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minimum_age__isnull=True) | models.Q(maximum_age__isnull=True)
                | models.Q(minimum_age__lte=models.F("maximum_age")),
                name="welfare_service_age_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def document_list(self) -> list[str]:
        return [line.strip() for line in self.required_documents.splitlines() if line.strip()]

    @property
    def inquiry_phones(self) -> list[Phone]:
        """The numbers to call about this service: its own, else its institution's (most local
        resources are answered on the institution's line)."""
        return list(self.phones.all()) or list(self.organization.phones.all())

    def is_stale(self, months: int, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.assured_date is None or self.assured_date < stale_cutoff(months, today)


def stale_cutoff(months: int, today: dt.date) -> dt.date:
    """The date `months` months before `today`, the day clipped to that month's length."""
    month_index = today.year * 12 + today.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return dt.date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


class Location(models.Model):
    """HSDS location: a place where services are delivered."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("장소명"), max_length=200)
    description = models.CharField(_("설명"), max_length=300, blank=True)
    address = models.CharField(_("주소"), max_length=200, blank=True)
    postal_code = models.CharField(_("우편번호"), max_length=10, blank=True)
    city = models.CharField(_("시·군·구"), max_length=50, blank=True)
    region = models.CharField(_("시·도"), max_length=50, blank=True)
    dong = models.ForeignKey(Dong, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("행정동"))
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("장소")
        verbose_name_plural = _("장소")

    def __str__(self) -> str:
        return self.name


class ServiceAtLocation(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="service_at_locations")
    description = models.CharField(max_length=300, blank=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("자원 제공 장소")
        verbose_name_plural = _("자원 제공 장소")
        constraints = [models.UniqueConstraint(fields=["service", "location"], name="welfare_sal_unique")]


class Contact(models.Model):
    """HSDS contact: a named desk or person (public office contacts only, never residents)."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts")
    name = models.CharField(_("이름"), max_length=200)
    title = models.CharField(_("직위"), max_length=100, blank=True)
    department = models.CharField(_("부서"), max_length=100, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(_("누리집"), max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("연락처")
        verbose_name_plural = _("연락처")


class Phone(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="phones")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, null=True, blank=True, related_name="phones")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, null=True, blank=True, related_name="phones")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, null=True, blank=True, related_name="phones")
    number = models.CharField(_("전화번호"), max_length=30)
    extension = models.CharField(max_length=10, blank=True)
    type = models.CharField(max_length=20, default="voice")
    description = models.CharField(_("설명"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("전화")
        verbose_name_plural = _("전화")


class Schedule(models.Model):
    """HSDS schedule: opening hours as an RFC 5545 recurrence (FREQ, INTERVAL, BYDAY …).

    `byday` holds RFC 5545 BYDAY values ("MO,TU" or "1TH,3TH" for the first and third
    Thursday); `rrule` renders the rule as RFC 5545 text.
    """

    class Freq(models.TextChoices):
        WEEKLY = "WEEKLY", _("매주")
        MONTHLY = "MONTHLY", _("매월")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules")
    service_at_location = models.ForeignKey(ServiceAtLocation, on_delete=models.CASCADE, null=True, blank=True,
                                            related_name="schedules")
    freq = models.CharField(_("반복"), max_length=10, choices=Freq.choices, default=Freq.WEEKLY)
    interval = models.PositiveSmallIntegerField(default=1)
    byday = models.CharField(_("요일"), max_length=60, blank=True)
    dtstart = models.DateField(_("시작일"), default=dt.date(2024, 1, 1))
    until = models.DateField(_("종료일"), null=True, blank=True)
    opens_at = models.TimeField(_("여는 시각"))
    closes_at = models.TimeField(_("닫는 시각"))
    description = models.CharField(_("설명"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("운영 시간")
        verbose_name_plural = _("운영 시간")
        constraints = [
            models.CheckConstraint(condition=models.Q(opens_at__lt=models.F("closes_at")),
                                   name="welfare_schedule_opens_before_closes"),
        ]

    @property
    def rrule(self) -> str:
        parts = [f"FREQ={self.freq}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.byday:
            parts.append(f"BYDAY={self.byday}")
        if self.until:
            parts.append(f"UNTIL={self.until:%Y%m%d}")
        return ";".join(parts)


class ServiceVersion(models.Model):
    """A snapshot of a service after each staff edit: the resource's 이력관리."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    changed_fields = models.JSONField(default=list)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    actor_label = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(default=timezone.now)
    note = models.CharField(_("변경 사유"), max_length=200, blank=True)
    # Who made the change: staff (and imports) or the institution itself through its
    # confirmation link (then `actor` is empty and `actor_label` names who answered).
    from_institution = models.BooleanField(_("기관이 고침"), default=False)

    class Meta:
        ordering = ["service", "-number"]
        verbose_name = _("자원 변경 이력")
        verbose_name_plural = _("자원 변경 이력")
        constraints = [models.UniqueConstraint(fields=["service", "number"], name="welfare_version_unique_number")]


class ServiceMonthlyCount(models.Model):
    """Views of the service page and appearances in search results, per service and month."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="monthly_counts")
    month = models.DateField()  # first day of the month
    views = models.PositiveIntegerField(default=0)
    search_appearances = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["service", "month"], name="welfare_count_unique_month")]


class SearchTerm(models.Model):
    """The search index: one row per (service, morpheme) with the weight of the fields it is in."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="search_terms")
    term = models.CharField(max_length=60)
    weight = models.FloatField()

    class Meta:
        # Covering: a search reads service and weight from the index alone (bench/welfare).
        indexes = [models.Index(fields=["term", "service", "weight"], name="welfare_searchterm_covering")]
        constraints = [models.UniqueConstraint(fields=["service", "term"], name="welfare_term_unique")]


class DirectoryVersion(models.Model):
    """One row whose token changes, by database triggers (`search_index.install_triggers`), in
    the same transaction as any write to a table the search reads. A process keeps its search
    index for as long as the token it was built under is the current one."""

    token = models.CharField(max_length=40)


class SynonymGroup(models.Model):
    """Phrases that mean the same thing to a searcher (혼자 사시는 어르신 ~ 독거노인 ~ 홀몸어르신)."""

    phrases = models.TextField(_("같은 뜻의 말"), help_text=_("한 줄에 하나씩 적습니다."))
    active = models.BooleanField(_("사용"), default=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("동의어")
        verbose_name_plural = _("동의어")

    @property
    def phrase_list(self) -> list[str]:
        return [line.strip() for line in self.phrases.splitlines() if line.strip()]


# ---------------------------------------------------------------------------------------------
# 행복1004콜센터, clients, referrals, "tell me when", discovery and case management.
# Everything below holds personal data: names, dates of birth, phones, addresses and any free
# text about a person live only in EncryptedTextFields; lookups go through blind indexes.
# ---------------------------------------------------------------------------------------------


class ClientFlag(models.TextChoices):
    """Household situations a counsellor records (they decide which help fits)."""

    BASIC_LIVELIHOOD = "basic_livelihood", _("기초생활수급")
    NEAR_POVERTY = "near_poverty", _("차상위")
    SINGLE_PARENT = "single_parent", _("한부모")
    DISABILITY = "disability", _("장애")
    LIVING_ALONE = "living_alone", _("독거")
    ELDERLY = "elderly", _("노인")
    MULTICULTURAL = "multicultural", _("다문화")
    GRANDPARENT_FAMILY = "grandparent_family", _("조손")


class Client(models.Model):
    """대상자: a person the centre helps. Identified only with consent (recorded in core)."""

    name = EncryptedTextField(_("이름"))
    birth_date = EncryptedTextField(_("생년월일"), blank=True)  # ISO date text
    phone = EncryptedTextField(_("전화번호"), blank=True)
    phone_index = models.CharField(max_length=64, blank=True, db_index=True)
    address = EncryptedTextField(_("주소"), blank=True)
    dong = models.ForeignKey(Dong, on_delete=models.PROTECT, related_name="+", verbose_name=_("행정동"))
    flags = models.JSONField(_("가구 상황"), default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("대상자")
        verbose_name_plural = _("대상자")

    def __str__(self) -> str:
        return f"대상자 {self.pk}"

    @property
    def flag_labels(self) -> list[str]:
        labels = dict(ClientFlag.choices)
        return [str(labels.get(flag, flag)) for flag in self.flags]


class HouseholdMember(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="household")
    name = EncryptedTextField(_("이름"))
    relation = models.CharField(_("관계"), max_length=20)
    birth_date = EncryptedTextField(_("생년월일"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("가구원")
        verbose_name_plural = _("가구원")


class Call(models.Model):
    """One call of the 1004 centre: incoming (answered or abandoned) or outgoing."""

    class Direction(models.TextChoices):
        INCOMING = "incoming", _("받은 전화")
        OUTGOING = "outgoing", _("건 전화")

    class Outcome(models.TextChoices):
        ANSWERED = "answered", _("응대")
        ABANDONED = "abandoned", _("포기(못 받음)")

    direction = models.CharField(_("구분"), max_length=10, choices=Direction.choices)
    outcome = models.CharField(_("결과"), max_length=10, choices=Outcome.choices, default=Outcome.ANSWERED)
    counsellor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("상담사"))
    started_at = models.DateTimeField(_("시작"), db_index=True)
    ended_at = models.DateTimeField(_("종료"), null=True, blank=True)
    duration_seconds = models.PositiveIntegerField(_("통화 시간(초)"), default=0)
    topic = models.ForeignKey(TaxonomyTerm, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                              verbose_name=_("상담 분야"))
    caller_phone = EncryptedTextField(_("전화번호"), blank=True)
    # The same caller is recognised by this index, so repeat callers are counted without
    # keeping the number readable.
    caller_index = models.CharField(max_length=64, blank=True, db_index=True)
    client = models.ForeignKey(Client, on_delete=models.SET_NULL, null=True, blank=True, related_name="calls",
                               verbose_name=_("대상자"))
    notes = EncryptedTextField(_("상담 내용"), blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("상담 전화")
        verbose_name_plural = _("상담 전화")
        # A client's file shows the latest calls first (selectors.client_history).
        indexes = [models.Index(fields=["client", "-started_at", "-id"], name="welfare_call_client_latest")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(direction="incoming") | models.Q(outcome="answered"),
                name="welfare_call_outgoing_is_answered"),
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True) | models.Q(ended_at__gte=models.F("started_at")),
                name="welfare_call_ends_after_start"),
        ]


class Case(models.Model):
    """복지사각지대 발굴 → 통합사례관리: one household possibly in crisis, from report to closure."""

    class Channel(models.TextChoices):
        WELFARE_TONGJANG = "tongjang", _("복지통장")
        COUNCIL = "council", _("동 지역사회보장협의체")
        DISCOVERY_TEAM = "discovery_team", _("위기가정 발굴단")
        DONG_CENTRE = "dong_centre", _("동주민센터")
        VISITING_NURSE = "nurse", _("방문간호사")
        CALL_CENTRE = "call_centre", _("행복1004콜센터")
        RESIDENT = "resident", _("주민 신고")

    class Stage(models.TextChoices):
        # In context: the same words are buttons elsewhere ("종결" closes a case; "Closed" is the stage).
        REPORTED = "reported", pgettext_lazy("case stage", "접수")
        TRIAGED = "triaged", pgettext_lazy("case stage", "분류")
        ASSIGNED = "assigned", pgettext_lazy("case stage", "동 배정")
        VISIT_SCHEDULED = "visit_scheduled", pgettext_lazy("case stage", "방문 예정")
        ASSESSED = "assessed", pgettext_lazy("case stage", "욕구 조사")
        PLANNED = "planned", pgettext_lazy("case stage", "사례 계획")
        MEETING = "meeting", pgettext_lazy("case stage", "사례회의")
        SERVICES_LINKED = "services_linked", pgettext_lazy("case stage", "서비스 연계")
        CLOSED = "closed", pgettext_lazy("case stage", "종결")

    class Urgency(models.TextChoices):
        URGENT = "urgent", _("긴급")
        NORMAL = "normal", _("일반")
        NOT_A_CASE = "not_a_case", _("대상 아님")

    channel = models.CharField(_("발굴 경로"), max_length=20, choices=Channel.choices)
    tong = models.ForeignKey(Tong, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("통"))
    dong = models.ForeignKey(Dong, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("행정동"))
    stage = models.CharField(_("단계"), max_length=20, choices=Stage.choices, default=Stage.REPORTED)
    urgency = models.CharField(_("긴급도"), max_length=12, choices=Urgency.choices, blank=True)
    situation = EncryptedTextField(_("상황"))
    subject_name = EncryptedTextField(_("대상자 이름"), blank=True)
    subject_address = EncryptedTextField(_("대상자 주소"), blank=True)
    reporter_name = EncryptedTextField(_("신고자 이름"), blank=True)
    reporter_contact = EncryptedTextField(_("신고자 연락처"), blank=True)
    client = models.ForeignKey(Client, on_delete=models.SET_NULL, null=True, blank=True, related_name="cases",
                               verbose_name=_("대상자"))
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("담당자"))
    visit_at = models.DateTimeField(_("방문 일시"), null=True, blank=True)
    assessment = EncryptedTextField(_("욕구 조사"), blank=True)
    plan = EncryptedTextField(_("사례 계획"), blank=True)
    closure_reason = EncryptedTextField(_("종결 사유"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("사례")
        verbose_name_plural = _("사례")

    def __str__(self) -> str:
        return f"사례 {self.pk}"

    @property
    def receipt_number(self) -> str:
        """What a reporter quotes: the year of the report and the case number ("2026-000123")."""
        return f"{timezone.localtime(self.created_at):%Y}-{self.pk:06d}"


class CaseStep(models.Model):
    """One step of a case as it happened (shown on the case; the audit log has the same)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    stage = models.CharField(max_length=20, choices=Case.Stage.choices)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    actor_label = models.CharField(max_length=150, blank=True)
    note = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["at", "id"]


class Referral(models.Model):
    """A client sent to a resource (a directory service or a dong centre), with a closed loop:
    the receiving side confirms uptake through a signed link; unconfirmed ones turn overdue."""

    class Status(models.TextChoices):
        SENT = "sent", _("의뢰함")
        TAKEN_UP = "taken_up", _("연계 완료")
        NOT_TAKEN_UP = "not_taken_up", _("연계 안 됨")

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="referrals")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals",
                                verbose_name=_("복지자원"))
    dong = models.ForeignKey(Dong, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("동주민센터"))
    call = models.ForeignKey(Call, on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals")
    case = models.ForeignKey(Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals")
    note = EncryptedTextField(_("의뢰 내용"), blank=True)
    status = models.CharField(_("상태"), max_length=15, choices=Status.choices, default=Status.SENT)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    due_on = models.DateField(_("회신 기한"))
    confirmed_at = models.DateTimeField(_("회신일"), null=True, blank=True)
    confirmed_by = models.CharField(_("회신자"), max_length=100, blank=True)
    confirmation_note = models.CharField(_("회신 내용"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("의뢰")
        verbose_name_plural = _("의뢰")
        constraints = [
            models.CheckConstraint(condition=models.Q(service__isnull=False) | models.Q(dong__isnull=False),
                                   name="welfare_referral_has_a_receiver"),
        ]

    @property
    def receiver(self) -> str:
        if self.service_id:
            organization, name = self.service.organization.name, self.service.name  # type: ignore[union-attr]
            # A resource named after its institution ("○○복지관 경로식당") does not repeat it.
            return name if name.startswith(organization) else f"{organization} · {name}"
        return f"{self.dong.name} 주민센터"  # type: ignore[union-attr]

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.status == self.Status.SENT and self.due_on < (today or timezone.localdate())


class NotifyRequest(models.Model):
    """정보알림 요청: a client wants to hear when help in a field (taxonomy term) appears."""

    class Channel(models.TextChoices):
        SMS = "sms", _("문자")
        EMAIL = "email", _("전자우편")

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="notify_requests")
    term = models.ForeignKey(TaxonomyTerm, on_delete=models.PROTECT, related_name="+", verbose_name=_("분야"))
    channel = models.CharField(_("받는 방법"), max_length=10, choices=Channel.choices, default=Channel.SMS)
    email = EncryptedTextField(_("전자우편"), blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("정보알림 요청")
        verbose_name_plural = _("정보알림 요청")
        constraints = [models.UniqueConstraint(fields=["client", "term"], condition=models.Q(active=True),
                                               name="welfare_notify_one_active_per_term")]


class NotifyDelivery(models.Model):
    """Who was told about which service, once per request and service."""

    request = models.ForeignKey(NotifyRequest, on_delete=models.CASCADE, related_name="deliveries")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    outbox_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["request", "service"], name="welfare_notify_once")]


class OutreachCampaign(models.Model):
    """맞춤형 안내: a targeted notice about one benefit (a code of `welfare.benefits`) to clients
    who match it; uptake = notices marked applied / notices sent."""

    benefit = models.CharField(_("복지 혜택"), max_length=40)
    title = models.CharField(_("제목"), max_length=200)
    message = models.CharField(_("문자 내용"), max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("맞춤형 안내")
        verbose_name_plural = _("맞춤형 안내")

    def __str__(self) -> str:
        return self.title


class OutreachNotice(models.Model):
    """One client told about a campaign's benefit, and whether they applied."""

    campaign = models.ForeignKey(OutreachCampaign, on_delete=models.CASCADE, related_name="notices")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="outreach_notices")
    notified_at = models.DateTimeField(default=timezone.now)
    outbox_id = models.CharField(max_length=64, blank=True)
    applied_at = models.DateTimeField(_("신청일"), null=True, blank=True)
    applied_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                            blank=True, related_name="+")

    class Meta:
        ordering = ["-notified_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "client"], name="welfare_outreach_once")]


class HomeVisitFamily(models.Model):
    """방문보건 가정: a mother (a registered client, so with consent) and her newborn. Every
    newborn gets the universal visit; a vulnerable family gets the long series (`homevisits`)."""

    mother = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="home_visit_families",
                               verbose_name=_("산모"))
    child_birth_date = EncryptedTextField(_("아기 생년월일"))  # ISO date text
    vulnerable = models.BooleanField(_("취약 가정(지속 방문)"), default=False)
    nurse = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="home_visit_families", verbose_name=_("담당 간호사"))
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("방문보건 가정")
        verbose_name_plural = _("방문보건 가정")

    def __str__(self) -> str:
        return f"방문보건 가정 {self.pk}"

    @property
    def birth(self) -> dt.date:
        return dt.date.fromisoformat(self.child_birth_date)


class HomeVisit(models.Model):
    """One nurse's visit to a family."""

    family = models.ForeignKey(HomeVisitFamily, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField(_("방문일"))
    nurse = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("방문 간호사"))
    note = EncryptedTextField(_("방문 내용"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["visited_on", "id"]
        verbose_name = _("방문")
        verbose_name_plural = _("방문")


class BenefitReceipt(models.Model):
    """수급 이력: a benefit of the catalogue (`welfare.benefits` code) a client receives, from
    when to when, and how the centre knows. Outreach leaves out whoever receives it on the day
    of sending, and the benefit rules see it as already received."""

    class Source(models.TextChoices):
        SOCIAL_SECURITY_SYSTEM = "social_security_system", _("사회보장정보시스템(행복이음) 조회")
        DONG_CENTRE = "dong_centre", _("동주민센터 확인")
        DOCUMENT = "document", _("증빙 서류")
        SELF_REPORT = "self_report", _("본인 진술")
        OUTREACH = "outreach", _("맞춤형 안내 뒤 신청")

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="benefit_receipts",
                               verbose_name=_("대상자"))
    benefit = models.CharField(_("복지 혜택"), max_length=40)
    started_on = models.DateField(_("받기 시작한 날"))
    ended_on = models.DateField(_("끝난 날"), null=True, blank=True)
    source = models.CharField(_("확인 경로"), max_length=30, choices=Source.choices)
    note = EncryptedTextField(_("메모"), blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("수급 이력")
        verbose_name_plural = _("수급 이력")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="welfare_receipt_ends_after_start"),
        ]

    def current_on(self, day: dt.date) -> bool:
        return self.started_on <= day and (self.ended_on is None or self.ended_on >= day)

    @property
    def benefit_name(self) -> str:
        from opengu.welfare.selectors import benefit_names

        return benefit_names().get(self.benefit, self.benefit)


class ConfirmationRequest(models.Model):
    """A link sent to one institution (e-mail or SMS, no login) to confirm or correct its
    records. It opens only that institution's services, until `expires_at`, and only while it is
    the newest link sent to the institution (sending again replaces it)."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("전자우편")
        SMS = "sms", _("문자")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="confirmation_requests",
                                     verbose_name=_("기관"))
    channel = models.CharField(_("보낸 방법"), max_length=10, choices=Channel.choices)
    recipient = models.CharField(_("받는 곳"), max_length=200)  # the institution's public address or number
    sent_at = models.DateTimeField(_("보낸 때"), default=timezone.now)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+")
    expires_at = models.DateTimeField(_("만료"))
    outbox_id = models.CharField(max_length=64, blank=True)
    stale_count = models.PositiveIntegerField(_("확인할 자원 수"), default=0)
    last_answered_at = models.DateTimeField(_("마지막 응답"), null=True, blank=True)
    answered_count = models.PositiveIntegerField(_("응답한 자원 수"), default=0)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("기관 확인 요청")
        verbose_name_plural = _("기관 확인 요청")

    def __str__(self) -> str:
        return f"{self.organization.name} 확인 요청 {self.pk}"

    def is_expired(self, now: dt.datetime | None = None) -> bool:
        return self.expires_at <= (now or timezone.now())


# --- Support programmes: 100가정 보듬기 --------------------------------------------------------
# A household (an existing client) matched with a sponsor who gives something every month. A
# private person's name is personal data, so every sponsor name is encrypted; lists mask the
# names of private persons and show those of groups and companies.


class Sponsorship(models.Model):
    """100가정 보듬기: one sponsor matched with one household from `starts_on` to `ends_on`
    (open-ended while empty). A household is counted as matched on a day one of its
    sponsorships runs."""

    class SponsorKind(models.TextChoices):
        PERSON = "person", _("개인")
        GROUP = "group", _("단체")
        COMPANY = "company", _("기업")

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="sponsorships",
                               verbose_name=_("가구(대상자)"))
    sponsor_name = EncryptedTextField(_("후원자"))
    sponsor_kind = models.CharField(_("후원자 구분"), max_length=10, choices=SponsorKind.choices)
    monthly_support = models.CharField(_("매월 후원 내용"), max_length=200)
    starts_on = models.DateField(_("시작일"))
    ends_on = models.DateField(_("종료일"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("100가정 보듬기 결연")
        verbose_name_plural = _("100가정 보듬기 결연")

    def __str__(self) -> str:
        return f"결연 {self.pk}"

    def runs_on(self, day: dt.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class Partnership(models.Model):
    """I WISH partnership: a partner institution gives something to households from `starts_on`
    to `ends_on` (open-ended while empty)."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="partnerships",
                                     verbose_name=_("협력 기관"))
    support = models.CharField(_("지원 내용"), max_length=200)
    households = models.ManyToManyField(Client, related_name="partnerships", verbose_name=_("지원 가구"))
    starts_on = models.DateField(_("시작일"))
    ends_on = models.DateField(_("종료일"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("I WISH 협력")
        verbose_name_plural = _("I WISH 협력")

    def __str__(self) -> str:
        return f"{self.organization.name} 협력 {self.pk}"


# --- Support programmes: 사회복지공동모금회 (Community Chest) -------------------------------------
# A dong centre or the centre applies for a household (a client); the allocation committee
# (배분위원회) decides each application at a meeting; minutes are drafted from the meeting, edited
# (every edit a version) and finalised (then read only). Reasons, decisions' reasons and minutes
# are welfare facts: encrypted. Committee members are named (they sign the minutes); clients are
# never named in minutes, only masked.


class ChestApplication(models.Model):
    """공동모금회 지원 신청: one household, one kind of support, an amount asked, a reason.
    `state` moves submitted → on_agenda → granted / adjusted / rejected (or withdrawn before a
    decision); `chest.py` refuses every other move."""

    class Kind(models.TextChoices):
        LIVING = "living", _("생계비")
        MEDICAL = "medical", _("의료비")
        HOUSING = "housing", _("주거비")
        EDUCATION = "education", _("교육비")
        HEATING = "heating", _("난방비")
        OTHER = "other", _("기타")

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("접수")
        ON_AGENDA = "on_agenda", _("심사 상정")
        GRANTED = "granted", _("선정")
        ADJUSTED = "adjusted", _("조정 선정")
        REJECTED = "rejected", _("미선정")
        WITHDRAWN = "withdrawn", _("취하")

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="chest_applications",
                               verbose_name=_("가구(대상자)"))
    kind = models.CharField(_("지원 종류"), max_length=12, choices=Kind.choices)
    amount_requested = models.PositiveIntegerField(_("신청 금액(원)"))
    reason = EncryptedTextField(_("신청 사유"))
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("담당자"))
    state = models.CharField(_("상태"), max_length=12, choices=State.choices, default=State.SUBMITTED, db_index=True)
    meeting = models.ForeignKey("ChestMeeting", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="applications", verbose_name=_("심사 회의"))
    amount_granted = models.PositiveIntegerField(_("지원 결정 금액(원)"), null=True, blank=True)
    decision_reason = EncryptedTextField(_("결정 사유"), blank=True)
    votes_for = models.PositiveSmallIntegerField(_("찬성"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("반대"), null=True, blank=True)
    votes_abstain = models.PositiveSmallIntegerField(_("기권"), null=True, blank=True)
    decided_at = models.DateTimeField(_("결정일시"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("공동모금회 지원 신청")
        verbose_name_plural = _("공동모금회 지원 신청")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_requested__gte=1), name="welfare_chest_amount_positive"),
            # Granted (in full or adjusted) carries an amount no larger than asked; the rest none.
            models.CheckConstraint(
                condition=(models.Q(state__in=["granted", "adjusted"], amount_granted__gte=1,
                                    amount_granted__lte=models.F("amount_requested"))
                           | (~models.Q(state__in=["granted", "adjusted"]) & models.Q(amount_granted__isnull=True))),
                name="welfare_chest_granted_amount"),
            models.CheckConstraint(
                condition=~models.Q(state__in=["on_agenda", "granted", "adjusted", "rejected"]) | models.Q(meeting__isnull=False),
                name="welfare_chest_meeting_when_on_agenda"),
        ]

    def __str__(self) -> str:
        return f"공동모금회 신청 {self.pk}"

    @property
    def number(self) -> str:
        """What staff quote: the year of the application and its number ("2026-공모-0012")."""
        return f"{timezone.localtime(self.created_at):%Y}-공모-{self.pk:04d}"

    @property
    def decided(self) -> bool:
        return self.state in {self.State.GRANTED, self.State.ADJUSTED, self.State.REJECTED}


class ChestAttachment(models.Model):
    """A document of an application (진단서, 임대차계약서 …). Content and name are encrypted at rest
    in the database (base64 inside the token), so no file outside the database holds them."""

    application = models.ForeignKey(ChestApplication, on_delete=models.CASCADE, related_name="attachments")
    filename = EncryptedTextField(_("파일 이름"))
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    content = EncryptedTextField()
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")

    class Meta:
        ordering = ["id"]
        verbose_name = _("첨부 서류")
        verbose_name_plural = _("첨부 서류")


class ChestCommittee(models.Model):
    """배분(심사)위원회 of the district's 공동모금회 support."""

    name = models.CharField(_("위원회"), max_length=100, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("배분위원회")
        verbose_name_plural = _("배분위원회")

    def __str__(self) -> str:
        return self.name


class ChestMember(models.Model):
    """A committee member (named in the minutes they attend)."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("위원장")
        MEMBER = "member", _("위원")

    committee = models.ForeignKey(ChestCommittee, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("이름"), max_length=30)
    affiliation = models.CharField(_("소속"), max_length=100, blank=True)
    role = models.CharField(_("직위"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    active = models.BooleanField(_("재임"), default=True)

    class Meta:
        ordering = ["-role", "name", "id"]  # the chair first ("member" > "chair")
        verbose_name = _("배분위원")
        verbose_name_plural = _("배분위원")

    def __str__(self) -> str:
        return f"{self.name} {self.get_role_display()}"


class ChestMeeting(models.Model):
    """One meeting of the committee: when, where, who attended; its agenda is the applications
    pointing at it."""

    committee = models.ForeignKey(ChestCommittee, on_delete=models.PROTECT, related_name="meetings",
                                  verbose_name=_("위원회"))
    held_at = models.DateTimeField(_("일시"))
    place = models.CharField(_("장소"), max_length=100)
    attendees = models.ManyToManyField(ChestMember, blank=True, related_name="meetings", verbose_name=_("출석 위원"))
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        ordering = ["-held_at", "-id"]
        verbose_name = _("배분위원회 회의")
        verbose_name_plural = _("배분위원회 회의")

    def __str__(self) -> str:
        return f"{self.committee.name} {timezone.localtime(self.held_at):%Y-%m-%d}"


class ChestRecusal(models.Model):
    """A member who does not take part in deciding one application (a conflict of interest)."""

    meeting = models.ForeignKey(ChestMeeting, on_delete=models.CASCADE, related_name="recusals")
    member = models.ForeignKey(ChestMember, on_delete=models.PROTECT, related_name="recusals")
    application = models.ForeignKey(ChestApplication, on_delete=models.CASCADE, related_name="recusals")
    reason = models.CharField(_("회피 사유"), max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["member", "application"], name="welfare_chest_recusal_once")]


class ChestMinutes(models.Model):
    """The minutes of a meeting: the current text (a draft until finalised, then read only);
    each save leaves a ChestMinutesVersion."""

    meeting = models.OneToOneField(ChestMeeting, on_delete=models.PROTECT, related_name="minutes")
    body = EncryptedTextField(_("회의록"))
    version = models.PositiveIntegerField(default=1)
    finalised_at = models.DateTimeField(_("확정일시"), null=True, blank=True)
    finalised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")

    class Meta:
        verbose_name = _("배분위원회 회의록")
        verbose_name_plural = _("배분위원회 회의록")

    @property
    def final(self) -> bool:
        return self.finalised_at is not None


class ChestMinutesVersion(models.Model):
    minutes = models.ForeignKey(ChestMinutes, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    body = EncryptedTextField()
    note = models.CharField(max_length=100, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    actor_label = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["minutes", "number"], name="welfare_chest_minutes_version_unique")]
