"""The open-data catalogue: categories, datasets, their resources and resource versions.

A datastore resource keeps one typed table per version (`ResourceVersion.table_name`). A
load fills a new version's table; only when it is complete does `Resource.live_version`
point to it, in one transaction, so a failed or interrupted load leaves the previous version
live and whole.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opengu.core.models import Department


class Category(models.Model):
    """An editable taxonomy: Seoul's 6 admin domains and the 11 proactive-disclosure fields."""

    class Kind(models.TextChoices):
        SEOUL_DOMAIN = "seoul_domain", _("서울시 행정 분야")
        DISCLOSURE_FIELD = "disclosure_field", _("사전정보공표 분야")
        OTHER = "other", _("기타")

    name = models.CharField(_("이름"), max_length=50, unique=True)
    slug = models.SlugField(_("주소 이름"), max_length=60, unique=True, allow_unicode=True)
    kind = models.CharField(_("구분"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["kind", "order", "name"]
        verbose_name = _("분류")
        verbose_name_plural = _("분류")

    def __str__(self) -> str:
        return self.name


class Licence(models.TextChoices):
    KOGL_1 = "kogl-1", _("공공누리 제1유형(출처표시)")
    KOGL_2 = "kogl-2", _("공공누리 제2유형(출처표시, 상업적 이용금지)")
    KOGL_3 = "kogl-3", _("공공누리 제3유형(출처표시, 변경금지)")
    KOGL_4 = "kogl-4", _("공공누리 제4유형(출처표시, 상업적 이용금지, 변경금지)")
    CC_BY = "cc-by-4.0", _("CC BY 4.0")
    ODC_BY = "odc-by", _("ODC 저작자표시(ODC-By)")


class UpdateCycle(models.TextChoices):
    AS_NEEDED = "as_needed", _("수시")
    DAILY = "daily", _("일")
    WEEKLY = "weekly", _("주")
    MONTHLY = "monthly", _("월")
    QUARTERLY = "quarterly", _("분기")
    HALF_YEARLY = "half_yearly", _("반기")
    YEARLY = "yearly", _("연")


class Dataset(models.Model):
    title = models.CharField(_("제목"), max_length=200)
    slug = models.SlugField(_("주소 이름"), max_length=100, unique=True, allow_unicode=True)
    description = models.TextField(_("설명"), blank=True)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("제공 부서"))
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="datasets",
                                 verbose_name=_("분류"))
    keywords = models.JSONField(_("키워드"), default=list, blank=True)
    licence = models.CharField(_("이용허락"), max_length=20, choices=Licence.choices, default=Licence.KOGL_1)
    update_cycle = models.CharField(_("갱신 주기"), max_length=20, choices=UpdateCycle.choices,
                                    default=UpdateCycle.AS_NEEDED)
    next_due = models.DateField(_("다음 갱신 예정일"), null=True, blank=True)
    temporal_from = models.DateField(_("자료 기간(시작)"), null=True, blank=True)
    temporal_to = models.DateField(_("자료 기간(끝)"), null=True, blank=True)
    spatial = models.CharField(_("공간 범위"), max_length=200, blank=True)
    contact = models.CharField(_("문의처"), max_length=200, blank=True)
    national_portal_id = models.CharField(_("공공데이터포털 등록 번호"), max_length=50, blank=True)
    published = models.BooleanField(_("공개"), default=False)
    published_at = models.DateTimeField(_("공개 일시"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("데이터셋")
        verbose_name_plural = _("데이터셋")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(temporal_from__isnull=True) | models.Q(temporal_to__isnull=True)
                | models.Q(temporal_from__lte=models.F("temporal_to")),
                name="dataset_temporal_order",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Resource(models.Model):
    class Kind(models.TextChoices):
        FILE = "file", _("파일")
        LINK = "link", _("링크")
        DATASTORE = "datastore", _("데이터 표(API 제공)")

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="resources")
    name = models.CharField(_("이름"), max_length=200)
    description = models.TextField(_("설명"), blank=True)
    kind = models.CharField(_("종류"), max_length=20, choices=Kind.choices, default=Kind.DATASTORE)
    url = models.URLField(_("주소"), blank=True)
    format = models.CharField(_("형식"), max_length=20, blank=True)  # CSV, XLSX, JSON …
    live_version = models.OneToOneField("ResourceVersion", on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="+")
    # The field id that names a row across versions, for the change feed; blank: detected.
    key_column = models.CharField(_("키 열"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    # Staff's choice of the coordinate system of its x/y columns (EPSG code); blank: detect.
    coordinate_system = models.CharField(_("좌표계"), max_length=20, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["dataset", "order", "id"]
        verbose_name = _("자원")
        verbose_name_plural = _("자원")

    def __str__(self) -> str:
        return self.name


class ResourceVersion(models.Model):
    class Status(models.TextChoices):
        LOADING = "loading", _("적재 중")
        LIVE = "live", _("게시 중")
        SUPERSEDED = "superseded", _("이전 판")
        FAILED = "failed", _("실패")

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("판 번호"))
    status = models.CharField(_("상태"), max_length=20, choices=Status.choices, default=Status.LOADING)
    source_name = models.CharField(_("원본 파일 이름"), max_length=255, blank=True)
    stored_file = models.CharField(_("보관 파일"), max_length=255, blank=True)  # default storage name
    encoding = models.CharField(_("문자 인코딩"), max_length=20, blank=True)
    row_count = models.PositiveBigIntegerField(_("행 수"), default=0)
    columns = models.JSONField(_("열 사전"), default=list, blank=True)
    quality = models.JSONField(_("품질 보고서"), default=dict, blank=True)
    personal_data = models.JSONField(_("개인정보 의심 열"), default=list, blank=True)
    # x/y columns, their system and how many rows got a WGS84 position (geo.locate).
    coordinates = models.JSONField(_("좌표 환산"), default=dict, blank=True)
    personal_data_decision = models.TextField(_("개인정보 검토 결정"), blank=True)
    personal_data_decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                                 null=True, blank=True, related_name="+")
    table_name = models.CharField(_("표 이름"), max_length=63, blank=True)
    error = models.TextField(_("오류"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    loaded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["resource", "-number"]
        verbose_name = _("자원 판")
        verbose_name_plural = _("자원 판")
        constraints = [
            models.UniqueConstraint(fields=["resource", "number"], name="resource_version_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.resource.name} v{self.number}"

    @property
    def progress_key(self) -> str:
        return f"opendata:version:{self.pk}"

    @property
    def needs_personal_data_decision(self) -> bool:
        return bool(self.personal_data) and not self.personal_data_decision


class ApiKey(models.Model):
    """A key for the data.go.kr and Seoul style row APIs, issued at once to a registered user.

    The daily quota and the per-minute rate limit live here, so an administrator can raise them
    for one user; the counters beside them are fixed windows (today, this minute), kept in the
    database so that every application server sees the same counts.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("인증키"), max_length=64, unique=True)
    purpose = models.CharField(_("활용 목적"), max_length=200)
    daily_quota = models.PositiveIntegerField(_("하루 호출 한도"), default=10_000)
    per_minute = models.PositiveIntegerField(_("분당 호출 한도"), default=300)
    active = models.BooleanField(_("사용 중"), default=True)
    day = models.DateField(null=True, blank=True)
    day_count = models.PositiveIntegerField(default=0)
    minute = models.DateTimeField(null=True, blank=True)
    minute_count = models.PositiveIntegerField(default=0)
    total_count = models.PositiveBigIntegerField(_("누적 호출"), default=0)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API 인증키")
        verbose_name_plural = _("API 인증키")

    def __str__(self) -> str:
        return f"{self.key[:8]}… ({self.purpose})"


class ApiUsage(models.Model):
    """Calls admitted per key, dataset, API face and day. The key is null for Seoul's `sample` key."""

    class Face(models.TextChoices):
        DATA_GO_KR = "datagokr", _("공공데이터포털 방식")
        SEOUL = "seoul", _("서울 열린데이터광장 방식")

    key = models.ForeignKey(ApiKey, on_delete=models.CASCADE, null=True, blank=True, related_name="usage")
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="api_usage")
    face = models.CharField(max_length=10, choices=Face.choices)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("API 이용 통계")
        verbose_name_plural = _("API 이용 통계")
        constraints = [
            models.UniqueConstraint(fields=["key", "dataset", "face", "day"], name="api_usage_unique_day",
                                    condition=models.Q(key__isnull=False)),
            models.UniqueConstraint(fields=["dataset", "face", "day"], name="api_usage_unique_day_sample",
                                    condition=models.Q(key__isnull=True)),
        ]


class DataRequest(models.Model):
    """A resident's request that the district open a dataset (plan §6-1: demand-driven release;
    a 제공신청 under the public-data act Art. 27 when the data is not yet provided).

    The requester is never shown publicly; staff see the name masked, and that view is logged.
    `notify_by` is how the requester chose to be told when the request is answered.
    """

    class Status(models.TextChoices):
        RECEIVED = "received", _("접수")
        REVIEWING = "reviewing", _("검토 중")
        PLANNED = "planned", _("공개 예정")
        RELEASED = "released", _("공개 완료")
        REFUSED = "refused", _("공개 불가")

    class Use(models.IntegerChoices):
        # The stated value of the data to the requester, the second factor of the priority score.
        CURIOSITY = 1, _("궁금해서(참고)")
        DAILY_LIFE = 2, _("생활에 도움")
        RESEARCH = 3, _("연구·교육·보도")
        SERVICE = 4, _("서비스·앱 개발")
        BUSINESS = 5, _("창업·사업 운영")

    class Notify(models.TextChoices):
        EMAIL = "email", _("전자우편")
        SMS = "sms", _("문자")
        NONE = "none", _("받지 않음")

    title = models.CharField(_("필요한 데이터"), max_length=200)
    purpose = models.TextField(_("필요한 이유"))
    use = models.PositiveSmallIntegerField(_("활용 분야"), choices=Use.choices, default=Use.DAILY_LIFE)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("담당 부서"))
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    notify_by = models.CharField(_("알림 받을 방법"), max_length=10, choices=Notify.choices, default=Notify.EMAIL)
    status = models.CharField(_("처리 상태"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    answer = models.TextField(_("답변"), blank=True)
    refusal_reason = models.TextField(_("공개 불가 사유"), blank=True)
    planned_for = models.DateField(_("공개 예정일"), null=True, blank=True)
    # Public-data act Art. 27(3): decide within 10 days of receipt; (4) once extendable by 10 more.
    decide_by = models.DateField(_("결정 기한"), null=True, blank=True)
    extension_reason = models.TextField(_("기한 연장 사유"), blank=True)
    decided_at = models.DateTimeField(_("결정 일시"), null=True, blank=True)
    dataset = models.ForeignKey(Dataset, on_delete=models.SET_NULL, null=True, blank=True, related_name="requests",
                                verbose_name=_("공개된 데이터셋"))
    supporter_count = models.PositiveIntegerField(_("공감 수"), default=0)
    value_total = models.PositiveIntegerField(default=0)  # requester's and supporters' stated use, summed
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    answered_at = models.DateTimeField(_("답변 일시"), null=True, blank=True)
    created_at = models.DateTimeField(_("요청 일시"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("데이터 개방 요청")
        verbose_name_plural = _("데이터 개방 요청")
        constraints = [
            models.CheckConstraint(condition=~models.Q(status="refused") | ~models.Q(refusal_reason=""),
                                   name="data_request_refusal_has_reason"),
            models.CheckConstraint(condition=~models.Q(status="released") | models.Q(dataset__isnull=False),
                                   name="data_request_released_has_dataset"),
        ]

    def __str__(self) -> str:
        return self.title


class DataRequestSupport(models.Model):
    """One person's support (공감) of someone else's request: once each, enforced by the database."""

    request = models.ForeignKey(DataRequest, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    use = models.PositiveSmallIntegerField(_("활용 분야"), choices=DataRequest.Use.choices,
                                           default=DataRequest.Use.DAILY_LIFE)
    notify_by = models.CharField(_("알림 받을 방법"), max_length=10, choices=DataRequest.Notify.choices,
                                 default=DataRequest.Notify.EMAIL)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("데이터 개방 요청 공감")
        verbose_name_plural = _("데이터 개방 요청 공감")
        constraints = [models.UniqueConstraint(fields=["request", "user"], name="data_request_support_once")]
