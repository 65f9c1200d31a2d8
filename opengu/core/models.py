"""The district as data: its dongs and tongs, bureaus, departments and teams, the people who
use opengu (staff and residents), and the records every app relies on: the personal-data
access log, domain audit events, consent, the office calendar and progress of long work.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opengu.core.fields import EncryptedTextField
from opengu.lib import pii


class District(models.Model):
    name = models.CharField(_("이름"), max_length=50)  # 서대문구
    name_en = models.CharField(_("영문 이름"), max_length=80, blank=True)
    city = models.CharField(_("시·도"), max_length=50, default="서울특별시")
    admin_code = models.CharField(_("행정기관코드"), max_length=10, unique=True)
    open_code = models.CharField(_("개방자치단체코드"), max_length=7, unique=True)
    address = models.CharField(_("청사 주소"), max_length=200, blank=True)
    phone = models.CharField(_("대표 전화"), max_length=20, blank=True)
    homepage = models.URLField(_("누리집"), blank=True)

    class Meta:
        verbose_name = _("자치구")
        verbose_name_plural = _("자치구")

    def __str__(self) -> str:
        return self.name


class Dong(models.Model):
    """행정동 with its 10-digit administrative code."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="dongs")
    name = models.CharField(_("이름"), max_length=30)
    name_en = models.CharField(_("영문 이름"), max_length=60, blank=True)
    code = models.CharField(_("행정동 코드"), max_length=10, unique=True)
    area_km2 = models.DecimalField(_("면적(km²)"), max_digits=8, decimal_places=3, null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("행정동")
        verbose_name_plural = _("행정동")
        constraints = [models.UniqueConstraint(fields=["district", "name"], name="dong_unique_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def local_name(self) -> str:
        """The name in the reader's language: the romanised one on English pages when there is one."""
        from django.utils import translation

        return self.name_en if self.name_en and translation.get_language() == "en" else self.name


class Tong(models.Model):
    dong = models.ForeignKey(Dong, on_delete=models.CASCADE, related_name="tongs")
    number = models.PositiveSmallIntegerField(_("통 번호"))

    class Meta:
        ordering = ["dong", "number"]
        verbose_name = _("통")
        verbose_name_plural = _("통")
        constraints = [models.UniqueConstraint(fields=["dong", "number"], name="tong_unique_number")]

    def __str__(self) -> str:
        return f"{self.dong.name} {self.number}통"


class Bureau(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="bureaus")
    name = models.CharField(_("이름"), max_length=50)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("국")
        verbose_name_plural = _("국")

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    class Kind(models.TextChoices):
        DIVISION = "division", _("과")
        OFFICER = "officer", _("담당관")
        HEALTH_CENTRE = "health_centre", _("보건소")
        DONG_CENTRE = "dong_centre", _("동주민센터")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="departments")
    bureau = models.ForeignKey(Bureau, on_delete=models.SET_NULL, null=True, blank=True, related_name="departments")
    dong = models.ForeignKey(
        Dong, on_delete=models.SET_NULL, null=True, blank=True, related_name="centres",
        help_text=_("동주민센터인 경우 그 동"),
    )
    name = models.CharField(_("이름"), max_length=50)
    name_en = models.CharField(_("영문 이름"), max_length=80, blank=True)
    code = models.SlugField(_("코드"), max_length=50, unique=True)
    kind = models.CharField(_("종류"), max_length=20, choices=Kind.choices, default=Kind.DIVISION)
    phone = models.CharField(_("전화"), max_length=20, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("부서")
        verbose_name_plural = _("부서")

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("이름"), max_length=50)

    class Meta:
        ordering = ["department", "name"]
        verbose_name = _("팀")
        verbose_name_plural = _("팀")
        constraints = [models.UniqueConstraint(fields=["department", "name"], name="team_unique_name")]

    def __str__(self) -> str:
        return f"{self.department.name} {self.name}"


class User(AbstractUser):
    """One account for anybody who logs in. `kind` says whether a Staff or Resident profile belongs."""

    class Kind(models.TextChoices):
        RESIDENT = "resident", _("구민")
        STAFF = "staff", _("직원")

    kind = models.CharField(_("구분"), max_length=10, choices=Kind.choices, default=Kind.RESIDENT)
    language = models.CharField(_("언어"), max_length=5, choices=settings.LANGUAGES, default="ko")
    failed_logins = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    # Residents' e-mail lives encrypted in their profile; this keyed digest finds it at reset.
    email_index = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        verbose_name = _("사용자")
        verbose_name_plural = _("사용자")

    @property
    def is_resident(self) -> bool:
        return self.kind == self.Kind.RESIDENT

    @property
    def is_staff_member(self) -> bool:
        return self.kind == self.Kind.STAFF

    def display_name(self) -> str:
        if self.kind == self.Kind.STAFF and hasattr(self, "staff"):
            return self.staff.name
        if hasattr(self, "resident"):
            return pii.mask_name(self.resident.name)
        return self.username


class Staff(models.Model):
    """A civil servant. Names and office phones are public (the staff directory)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="staff")
    name = models.CharField(_("이름"), max_length=30)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="staff")
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="staff")
    grade = models.CharField(_("직급"), max_length=30, blank=True)  # 행정6급
    position = models.CharField(_("직위"), max_length=30, blank=True)  # 주무관, 팀장, 과장
    office_phone = models.CharField(_("사무실 전화"), max_length=20, blank=True)
    duties = models.CharField(_("담당 업무"), max_length=200, blank=True)

    class Meta:
        ordering = ["department", "name"]
        verbose_name = _("직원")
        verbose_name_plural = _("직원")

    def __str__(self) -> str:
        return f"{self.name} ({self.department.name})"


class Resident(models.Model):
    """A resident's account profile. Personal data is encrypted; lists show it masked."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="resident")
    name = EncryptedTextField(_("이름"))
    phone = EncryptedTextField(_("휴대전화"), blank=True)
    email = EncryptedTextField(_("전자우편"), blank=True)
    dong = models.ForeignKey(Dong, on_delete=models.SET_NULL, null=True, blank=True, related_name="residents")
    birth_year = models.PositiveSmallIntegerField(_("출생 연도"), null=True, blank=True)
    verified_at = models.DateTimeField(_("본인인증 일시"), null=True, blank=True)
    verified_by = models.CharField(_("본인인증 수단"), max_length=50, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("구민")
        verbose_name_plural = _("구민")

    def __str__(self) -> str:
        return pii.mask_name(self.name)

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk writes would bypass the row-level refusal below; refuse them too."""

    def update(self, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError("접속기록은 수정할 수 없습니다.")

    def delete(self):  # type: ignore[no-untyped-def]
        raise PermissionError("접속기록은 삭제할 수 없습니다.")


class PersonalDataAccess(models.Model):
    """개인정보 접속기록: append-only, each row chained to the previous by SHA-256.

    Written only through `core.services.personal_data_access_record`. Kept at least two
    years (privacy decree Art. 30, 안전성 확보조치 기준 Art. 8).
    """

    class Action(models.TextChoices):
        VIEW = "view", _("조회")
        LIST = "list", _("목록 조회")
        EXPORT = "export", _("내려받기")
        CREATE = "create", _("등록")
        UPDATE = "update", _("수정")
        DELETE = "delete", _("삭제")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    actor_username = models.CharField(max_length=150)
    actor_department = models.CharField(max_length=50, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    subject = models.CharField(_("대상 종류"), max_length=100)  # app_label.model
    record_ids = models.JSONField(_("대상 레코드"), default=list)
    record_count = models.PositiveIntegerField(default=0)
    purpose = models.CharField(_("목적"), max_length=200, blank=True)
    path = models.CharField(max_length=300, blank=True)
    previous_hash = models.CharField(max_length=64)
    row_hash = models.CharField(max_length=64, unique=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("개인정보 접속기록")
        verbose_name_plural = _("개인정보 접속기록")

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.pk is not None:
            raise PermissionError("접속기록은 수정할 수 없습니다.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError("접속기록은 삭제할 수 없습니다.")


class AuditEvent(models.Model):
    """Who did what to which object, with parameters: the history shown on each object's page."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    actor_label = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=100, db_index=True)  # e.g. "disclosure.request.assign"
    summary = models.CharField(max_length=300, blank=True)
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    params = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "at"])]
        verbose_name = _("처리 이력")
        verbose_name_plural = _("처리 이력")


class PrivacyNotice(models.Model):
    """A version of a collection notice (수집·이용 동의 안내) that residents see before consenting."""

    key = models.SlugField(max_length=60)
    version = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=200)
    items = models.CharField(_("수집 항목"), max_length=300)
    purpose = models.CharField(_("수집 목적"), max_length=300)
    retention = models.CharField(_("보유 기간"), max_length=100)
    body = models.TextField(blank=True)
    effective_from = models.DateField(default=dt.date.today)

    class Meta:
        ordering = ["key", "-version"]
        verbose_name = _("개인정보 수집 안내")
        verbose_name_plural = _("개인정보 수집 안내")
        constraints = [models.UniqueConstraint(fields=["key", "version"], name="notice_unique_version")]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class Consent(models.Model):
    """A resident's consent to one collection: what, why, how long, which notice; withdrawal."""

    notice = models.ForeignKey(PrivacyNotice, on_delete=models.PROTECT, related_name="consents")
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    subject_id = models.CharField(max_length=64)
    items = models.CharField(_("수집 항목"), max_length=300)
    purpose = models.CharField(_("수집 목적"), max_length=300)
    retention = models.CharField(_("보유 기간"), max_length=100)
    given_at = models.DateTimeField(default=timezone.now)
    channel = models.CharField(_("경로"), max_length=30, default="online")  # online | phone | paper | visit
    recorded_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]
        verbose_name = _("동의 기록")
        verbose_name_plural = _("동의 기록")

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class OfficeDay(models.Model):
    """Days the office adds (임시공휴일, 휴무) or removes from the public-holiday calendar."""

    class Kind(models.TextChoices):
        CLOSED = "closed", _("휴일로 추가")
        OPEN = "open", _("근무일로 지정")

    date = models.DateField(_("날짜"), unique=True)
    kind = models.CharField(_("구분"), max_length=10, choices=Kind.choices, default=Kind.CLOSED)
    reason = models.CharField(_("사유"), max_length=100)

    class Meta:
        ordering = ["date"]
        verbose_name = _("휴일 조정")
        verbose_name_plural = _("휴일 조정")

    def __str__(self) -> str:
        return f"{self.date} {self.reason}"


class Progress(models.Model):
    """Progress of long work (a load, an import) shown on the page that started it."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("대기")
        RUNNING = "running", _("진행 중")
        DONE = "done", _("완료")
        FAILED = "failed", _("실패")

    key = models.CharField(max_length=100, unique=True)
    label = models.CharField(max_length=200)
    done = models.PositiveBigIntegerField(default=0)
    total = models.PositiveBigIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    message = models.TextField(blank=True)
    started_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, int(self.done * 100 / self.total))


class WorkerHeartbeat(models.Model):
    name = models.CharField(max_length=100, unique=True)
    seen_at = models.DateTimeField(default=timezone.now)
