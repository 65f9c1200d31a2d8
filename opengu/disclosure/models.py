"""Disclosure requests (정보공개청구) under the Official Information Disclosure Act.

A request moves through the states in `State`; every move is a `Transition` row written by a
service in `services.py`. Statutory dates live in `Deadline` rows, each with the working that
produced it, so the requester can check every date. Requester data (Art. 10(1)1) is encrypted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from opengu.core.fields import EncryptedTextField
from opengu.core.models import Department
from opengu.lib.korean import count_of

# 공공기관의 정보공개에 관한 법률 제9조제1항 각 호 (short labels; the law has the full text).
ARTICLE_9_ITEMS: dict[int, str] = {
    1: "다른 법령에 따른 비밀·비공개 정보",
    2: "국가안전보장·국방·통일·외교관계 정보",
    3: "국민의 생명·신체·재산 보호에 지장을 줄 정보",
    4: "재판·수사·형 집행 등에 관한 정보",
    5: "감사·감독·검사·시험·규제·입찰계약·인사관리, 의사결정·내부검토 과정 정보",
    6: "개인정보(사생활의 비밀 또는 자유 침해 우려)",
    7: "법인등의 경영상·영업상 비밀",
    8: "부동산 투기·매점매석 등 특정인에게 이익·불이익을 줄 정보",
}

# 시행령 제7조: 공개 여부 결정기간 연장의 부득이한 사유.
EXTENSION_REASONS: dict[int, str] = {
    1: "한꺼번에 많은 정보공개가 청구되거나 청구 내용이 복잡함(시행령 제7조제1호)",
    2: "생산기관·제3자 의견청취 또는 정보공개심의회 개최(시행령 제7조제2호)",
    3: "전산 처리 정보에 공개·비공개 부분이 섞여 부분 공개 여부 결정이 곤란함(시행령 제7조제3호)",
    4: "천재지변, 일시적인 업무량 폭주 등(시행령 제7조제4호)",
}


class State(models.TextChoices):
    RECEIVED = "received", _("접수")
    ASSIGNED = "assigned", _("처리 중")
    EXTENDED = "extended", _("결정기간 연장")
    UNDER_REVIEW = "under_review", _("사전검토 중")
    DECIDED = "decided", _("결정 통지")
    DISCLOSED = "disclosed", _("공개 완료")
    OBJECTED = "objected", _("이의신청 처리 중")
    # 이의신청 인용(부분 인용 포함): the department issues a new decision.
    REDECIDING = "redeciding", _("재결정 중")
    CLOSED = "closed", _("처리 완료")
    TRANSFERRED = "transferred", _("다른 기관으로 이송")
    PETITION = "petition", _("민원으로 처리")
    TERMINATED = "terminated", _("종결 처리")
    WITHDRAWN = "withdrawn", _("취하")


# States in which nothing more happens to the request.
FINAL_STATES = frozenset({State.CLOSED, State.TRANSFERRED, State.PETITION, State.TERMINATED, State.WITHDRAWN})
# States in which the decision (Art. 11) is still owed.
UNDECIDED_STATES = frozenset({State.RECEIVED, State.ASSIGNED, State.EXTENDED, State.UNDER_REVIEW})


class Method(models.TextChoices):
    """시행령 제14조의 공개 방법."""

    INSPECT = "inspect", _("열람·시청")
    COPY = "copy", _("사본·출력물")
    ELECTRONIC = "electronic", _("전자파일")
    DUPLICATE = "duplicate", _("복제·인화물")
    OTHER = "other", _("기타")


class Delivery(models.TextChoices):
    VISIT = "visit", _("직접 방문")
    POST = "post", _("우편")
    FAX = "fax", _("팩스")
    ONLINE = "online", _("정보통신망(누리집)")
    EMAIL = "email", _("전자우편")


class Channel(models.TextChoices):
    """시행령 제6조제1항: 직접 출석, 우편, 팩스, 정보통신망; 법 제10조제2항: 말로써."""

    ONLINE = "online", _("온라인")
    PAPER = "paper", _("서면(방문·우편)")
    FAX = "fax", _("팩스")
    PHONE = "phone", _("전화")
    VISIT = "visit", _("구술(방문)")


class DisclosureRequest(models.Model):
    number = models.CharField(_("접수번호"), max_length=20, unique=True)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="disclosure_requests", verbose_name=_("청구인 계정"),
    )
    # 법 제10조제1항제1호. 주민등록번호는 받지 않는다(제2호는 본인 확인이 필요한 정보에 한정).
    requester_name = EncryptedTextField(_("청구인 성명"))
    requester_birth_date = EncryptedTextField(_("생년월일"), blank=True)
    requester_address = EncryptedTextField(_("주소"), blank=True)
    requester_phone = EncryptedTextField(_("전화번호"), blank=True)
    requester_email = EncryptedTextField(_("전자우편"), blank=True)

    subject = models.CharField(_("청구 제목"), max_length=200)
    content = models.TextField(_("청구 내용"))
    method = models.CharField(_("공개 방법"), max_length=12, choices=Method.choices, default=Method.ELECTRONIC)
    delivery = models.CharField(_("수령 방법"), max_length=10, choices=Delivery.choices, default=Delivery.ONLINE)
    channel = models.CharField(_("접수 경로"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    received_on = models.DateField(_("접수일"))
    fee_waiver_requested = models.BooleanField(_("수수료 감면 신청"), default=False)
    fee_waiver_reason = models.CharField(_("감면 사유"), max_length=200, blank=True)
    in_public_register = models.BooleanField(
        _("공개 청구목록에 제목 게시"), default=False,
        help_text=_("청구인의 신원은 어떤 경우에도 게시하지 않습니다."),
    )

    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="disclosure_requests",
        verbose_name=_("처리 부서"),
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("담당자"),
    )
    state = models.CharField(_("상태"), max_length=14, choices=State.choices, default=State.RECEIVED, db_index=True)
    focused_review = models.BooleanField(_("집중검토 대상"), default=False)
    transferred_to = models.CharField(_("이송 기관"), max_length=100, blank=True)
    outcome_note = models.TextField(_("처리 결과 안내"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("정보공개 청구")
        verbose_name_plural = _("정보공개 청구")
        indexes = [models.Index(fields=["department", "state"])]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"

    @property
    def is_final(self) -> bool:
        return self.state in FINAL_STATES


# What each `Transition.action` is called on screen.
ACTION_LABELS: dict[str, str | Promise] = {
    "file": _("온라인 청구 접수"),
    "register": _("청구 접수 등록"),
    "assign": _("처리 부서 배부"),
    "reassign": _("처리 부서 재배부"),
    "transfer": _("다른 기관으로 이송"),
    "petition": _("민원으로 처리"),
    "terminate": _("종결 처리"),
    "third_party_notice": _("제3자 통지"),
    "third_party_opinion": _("제3자 의견 접수"),
    "extend": _("결정기간 연장"),
    "draft": _("결정안 작성"),
    "review_submit": _("사전검토 요청"),
    "review_approve": _("사전검토 승인"),
    "review_return": _("사전검토 보완 요구"),
    "focus": _("집중검토 지정"),
    "focus_approve": _("집중검토 부서장 승인"),
    "decide": _("공개 여부 결정 통지"),
    "redecide": _("재결정 통지"),
    "disclose": _("공개 실시"),
    "object": _("이의신청 접수"),
    "objection_extend": _("이의신청 결정기간 연장"),
    "objection_refer": _("이의신청 심의회 회부"),
    "objection_decide": _("이의신청 결정"),
    "close": _("처리 완료"),
    "withdraw": _("청구 취하"),
    "process_end_notice": _("의사결정 과정 종료 통지"),
}


class Transition(models.Model):
    """One step of a request: a state change or an action within a state (a notice, a draft)."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(max_length=40)
    from_state = models.CharField(max_length=14, choices=State.choices)
    to_state = models.CharField(max_length=14, choices=State.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    # What the requester is told, in plain Korean; empty for internal steps.
    notice = models.TextField(blank=True)
    internal = models.BooleanField(default=False)
    params = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("처리 단계")
        verbose_name_plural = _("처리 단계")

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))

    @property
    def changes_state(self) -> bool:
        return self.from_state != self.to_state


class Deadline(models.Model):
    """A statutory date and its working (lib.workdays.Working.as_dict())."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("공개 여부 결정기한(법 제11조제1항)")
        EXTENDED = "extended", _("연장된 결정기한(법 제11조제2항)")
        REMEDY = "remedy", _("청구 후 20일째: 결정이 없으면 불복 가능(법 제18조제1항)")
        DISCLOSURE = "disclosure", _("공개 일시 한도(시행령 제12조제1항)")
        OBJECTION_WINDOW = "objection_window", _("이의신청 기한(법 제18조제1항)")
        OBJECTION_DECISION = "objection_decision", _("이의신청 결정기한(법 제18조제3항)")
        OBJECTION_EXTENDED = "objection_extended", _("연장된 이의신청 결정기한(법 제18조제3항 단서)")
        REDECISION = "redecision", _("이의신청 인용 후 다시 결정할 기한(근무일 10일, 구 처리 기준)")

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    start = models.DateField()
    days = models.PositiveSmallIntegerField()
    counting = models.CharField(max_length=10)
    due = models.DateField(db_index=True)
    working = models.JSONField(default=dict)

    class Meta:
        ordering = ["due", "id"]
        constraints = [models.UniqueConstraint(fields=["request", "kind"], name="disclosure_deadline_unique_kind")]


# 시행령 제17조제3항 각 호: 수수료를 감면할 수 있는 경우.
FEE_WAIVER_GROUNDS: dict[int, Promise] = {
    1: _("비영리 학술·공익단체·법인이 학술·연구 또는 행정감시를 위하여 청구(시행령 제17조제3항제1호)"),
    2: _("교수·교사·학생이 교육자료·연구 목적으로 소속 기관장의 확인을 받아 청구(시행령 제17조제3항제2호)"),
    3: _("그 밖에 공공복리의 유지·증진을 위하여 감면이 필요하다고 인정(시행령 제17조제3항제3호)"),
}


class FeeRate(models.Model):
    """One line of the district's fee table (수수료). 시행령 제17조제1항 단서: a district sets the amounts by
    ordinance, so they are data the disclosure office keeps; `verified` is off until checked against it.

    The fee for a quantity: nothing up to `free_units`, then `first_amount` for the first charged unit and
    `extra_amount` for each further one (e.g. A3 사본: 300원 for the first page, 100원 each after).
    """

    method = models.CharField(_("공개 방법"), max_length=12, choices=Method.choices)
    medium = models.CharField(_("대상·매체"), max_length=100)
    unit = models.CharField(_("단위"), max_length=20)
    free_units = models.PositiveIntegerField(_("무료 단위 수"), default=0)
    first_amount = models.PositiveIntegerField(_("첫 단위 금액(원)"))
    extra_amount = models.PositiveIntegerField(_("추가 단위당 금액(원)"))
    verified = models.BooleanField(_("조례 확인"), default=False)
    source = models.CharField(_("근거"), max_length=200, blank=True)
    active = models.BooleanField(_("사용"), default=True)
    order = models.PositiveSmallIntegerField(default=0)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("수수료")
        verbose_name_plural = _("수수료표")
        constraints = [models.UniqueConstraint(fields=["method", "medium"], name="disclosure_fee_rate_once")]

    def __str__(self) -> str:
        return f"{self.get_method_display()} · {self.medium}"

    def amount(self, quantity: int) -> int:
        charged = max(0, quantity - self.free_units)
        return 0 if charged == 0 else self.first_amount + (charged - 1) * self.extra_amount

    def count(self, quantity: int) -> str:
        """`quantity` units in words: 12장; 30분 2회(60분) rather than 230분."""
        return count_of(quantity, self.unit)

    @property
    def terms(self) -> str:
        """The line's rule in words: "30분 2회(60분)까지 무료, 그 뒤 30분마다
        1,000원"; "첫 1장 300원, 그다음 1장마다 100원"."""
        amounts = {"one": self.count(1), "first": f"{self.first_amount:,}", "extra": f"{self.extra_amount:,}"}
        if self.first_amount == self.extra_amount == 0:
            return gettext("무료")
        if self.first_amount == self.extra_amount:
            text = gettext("%(one)s마다 %(extra)s원") % amounts
        else:
            text = gettext("첫 %(one)s %(first)s원, 그다음 %(one)s마다 %(extra)s원") % amounts
        if self.free_units:
            text = gettext("%(free)s까지 무료, 그 뒤 %(rest)s") % {"free": self.count(self.free_units), "rest": text}
        return text


class FeeWaiverRate(models.Model):
    """The reduction the head of the office set for each 시행령 제17조제3항 ground (제5항: set and published)."""

    ground = models.PositiveSmallIntegerField(_("감면 사유"), unique=True, choices=sorted(FEE_WAIVER_GROUNDS.items()))
    percent = models.PositiveSmallIntegerField(_("감면 비율(%)"))
    verified = models.BooleanField(_("확인"), default=False)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["ground"]
        constraints = [models.CheckConstraint(condition=models.Q(percent__lte=100), name="disclosure_waiver_percent")]


class Decision(models.Model):
    """The department's decision (draft until issued). One per request."""

    class Kind(models.TextChoices):
        # "decision" context: as outcomes these read "Disclosed / Partly disclosed / Not disclosed".
        DISCLOSE = "disclose", pgettext_lazy("decision", "공개")
        PARTIAL = "partial", pgettext_lazy("decision", "부분공개")
        WITHHOLD = "withhold", pgettext_lazy("decision", "비공개")
        NOT_HELD = "not_held", pgettext_lazy("decision", "정보부존재")

    request = models.OneToOneField(DisclosureRequest, on_delete=models.CASCADE, related_name="decision")
    kind = models.CharField(_("결정 내용"), max_length=10, choices=Kind.choices)
    disclosed_part = models.TextField(_("공개 내용"), blank=True)
    not_held_reason = models.TextField(_("부존재 사유"), blank=True)
    # 법 제9조제1항제5호 단서: 의사결정·내부검토 과정의 단계와 종료 예정일.
    process_stage = models.CharField(_("의사결정·내부검토 단계"), max_length=200, blank=True)
    process_expected_end = models.DateField(_("종료 예정일"), null=True, blank=True)
    process_end_notified_on = models.DateField(_("과정 종료 통지일"), null=True, blank=True)
    disclosure_on = models.DateField(_("공개 일시"), null=True, blank=True)
    disclosure_place = models.CharField(_("공개 장소"), max_length=200, blank=True)
    # 수수료: computed from the fee table (`fee_rate` × `fee_quantity`, less the waiver), or set by staff
    # with a recorded reason. `fee` is what the requester pays besides postage; `fee_working` shows how.
    fee_rate = models.ForeignKey(FeeRate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                 verbose_name=_("수수료 항목"))
    fee_quantity = models.PositiveIntegerField(_("수량"), null=True, blank=True)
    fee_gross = models.PositiveIntegerField(_("감면 전 수수료(원)"), default=0)
    fee_waiver_ground = models.PositiveSmallIntegerField(_("감면 사유"), null=True, blank=True,
                                                         choices=sorted(FEE_WAIVER_GROUNDS.items()))
    fee_waiver_percent = models.PositiveSmallIntegerField(_("감면 비율(%)"), default=0)
    fee_override_reason = models.TextField(_("수수료 조정 사유"), blank=True)
    fee = models.PositiveIntegerField(_("수수료(원)"), default=0)
    fee_waived = models.BooleanField(_("수수료 감면"), default=False)
    postage = models.PositiveIntegerField(_("우편요금(원)"), default=0)
    fee_working = models.TextField(_("수수료 계산"), blank=True)
    revision = models.PositiveIntegerField(default=1)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    drafted_at = models.DateTimeField(default=timezone.now)
    issued_on = models.DateField(_("결정일"), null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("공개 여부 결정")
        verbose_name_plural = _("공개 여부 결정")

    @property
    def is_issued(self) -> bool:
        return self.issued_on is not None

    @property
    def restricts(self) -> bool:
        """비공개, 부분공개 and 부존재 need the disclosure office's prior review (사전검토)."""
        return self.kind != self.Kind.DISCLOSE


class RefusalGround(models.Model):
    """One Art. 9(1) item relied on by a 비공개 or 부분공개 decision, with its reason."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="grounds")
    item = models.PositiveSmallIntegerField(_("제9조제1항 호"), choices=sorted(ARTICLE_9_ITEMS.items()))
    reason = models.TextField(_("구체적 이유"))

    class Meta:
        ordering = ["item"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "item"], name="disclosure_ground_unique_item"),
            models.CheckConstraint(condition=models.Q(item__gte=1, item__lte=8), name="disclosure_ground_item_range"),
        ]


class Extension(models.Model):
    """법 제11조제2항: once per request, at most 10 days from the day after the first deadline."""

    request = models.OneToOneField(DisclosureRequest, on_delete=models.CASCADE, related_name="extension")
    reason = models.PositiveSmallIntegerField(_("연장 사유"), choices=sorted(EXTENSION_REASONS.items()))
    explanation = models.TextField(_("구체적 사유"))
    days = models.PositiveSmallIntegerField(_("연장 일수"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_on = models.DateField()

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(days__gte=1, days__lte=10), name="disclosure_extension_days")]


class ThirdPartyNotice(models.Model):
    """법 제11조제3항, 제21조제1항: the third party may ask for non-disclosure within 3 days."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="third_parties")
    name = EncryptedTextField(_("제3자"))
    contact = EncryptedTextField(_("연락처"), blank=True)
    notified_on = models.DateField(_("통지일"))
    opinion_due = models.DateField(_("의견 제출 기한"))
    opinion_working = models.JSONField(default=dict)
    opinion_received_on = models.DateField(_("의견 접수일"), null=True, blank=True)
    objects_to_disclosure = models.BooleanField(_("비공개 요청"), default=False)
    opinion = models.TextField(_("의견"), blank=True)

    class Meta:
        ordering = ["notified_on", "id"]


class Review(models.Model):
    """The disclosure office's staged review: 사전검토 of a restrictive draft, 집중검토 of a request."""

    class Kind(models.TextChoices):
        PRIOR = "prior", _("사전검토")
        FOCUSED = "focused", _("집중검토")

    class Status(models.TextChoices):
        PENDING = "pending", _("검토 대기")
        APPROVED = "approved", _("승인")
        RETURNED = "returned", _("보완 요구")

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # The draft revision this review covers: changing the draft afterwards needs a new review.
    decision_revision = models.PositiveIntegerField(null=True, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(_("사유"), blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(_("검토 의견"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]


class Objection(models.Model):
    """법 제18조: 이의신청 within 30 days; decided within 7 working days, extendable once by 7."""

    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("인용")
        PARTLY = "partly", _("부분 인용")
        DISMISSED = "dismissed", _("기각")
        REJECTED = "rejected", _("각하")

    class CommitteeException(models.TextChoices):
        """법 제18조제2항 단서 각 호."""

        ALREADY = "already", _("심의회의 심의를 이미 거친 사항")
        REPEATED = "repeated", _("단순·반복적인 청구")
        SECRET = "secret", _("법령에 따라 비밀로 규정된 정보")

    request = models.OneToOneField(DisclosureRequest, on_delete=models.CASCADE, related_name="objection")
    filed_on = models.DateField(_("이의신청일"))
    grounds = models.TextField(_("이의신청 취지와 이유"))
    state_before = models.CharField(max_length=14, choices=State.choices)
    committee_exception = models.CharField(max_length=10, choices=CommitteeException.choices, blank=True)
    committee_exception_reason = models.TextField(blank=True)
    extension_reason = models.TextField(blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    # The decision an upheld objection overturned: {"kind", "issued_on", "items"} (empty when the objection was
    # against no decision, 법 제18조제1항). Monitoring counts the department's original decision from it.
    decision_before = models.JSONField(default=dict, blank=True)
    outcome_reason = models.TextField(blank=True)
    decided_on = models.DateField(null=True, blank=True)


class CommitteeAgendaItem(models.Model):
    """정보공개심의회 안건. 직권심의 items are put here automatically (services.ex_officio_check)."""

    class Source(models.TextChoices):
        EX_OFFICIO = "ex_officio", _("직권심의(반복 비공개)")
        OBJECTION = "objection", _("이의신청")
        REFERRAL = "referral", _("부서 회부")

    class Status(models.TextChoices):
        OPEN = "open", _("상정 대기")
        DONE = "done", _("심의 완료")

    source = models.CharField(max_length=12, choices=Source.choices)
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.OPEN)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    article_9_item = models.PositiveSmallIntegerField(null=True, blank=True)
    title = models.CharField(max_length=200)
    requests = models.ManyToManyField(DisclosureRequest, related_name="agenda_items", blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]


# ---------------------------------------------------------------- proactive publication (법 제7조)

# 사전정보공표 11개 분야 (the plan's register groups its 484 items this way).
PROACTIVE_FIELDS: dict[str, Promise] = {
    "administration": _("일반행정"),
    "finance": _("예산·재정"),
    "welfare": _("복지·보건"),
    "culture": _("문화·관광·체육"),
    "environment": _("환경·녹지"),
    "transport": _("교통·주차"),
    "urban": _("도시계획·건축·주택"),
    "economy": _("지역경제·일자리"),
    "safety": _("안전·재난"),
    "education": _("교육·청소년·가족"),
    "tax": _("세무·지적"),
}


class Cycle(models.TextChoices):
    AS_NEEDED = "as_needed", _("수시")
    MONTHLY = "monthly", _("월")
    QUARTERLY = "quarterly", _("분기")
    HALF_YEARLY = "half_yearly", _("반기")
    YEARLY = "yearly", _("연")


class ProactiveItem(models.Model):
    """One 사전정보공표 item: what is published, how often, when, by whom and where."""

    title = models.CharField(_("공표 항목"), max_length=200)
    field = models.CharField(_("분야"), max_length=16, choices=sorted(PROACTIVE_FIELDS.items()), db_index=True)
    scope = models.CharField(_("공표 범위"), max_length=300, blank=True)
    cycle = models.CharField(_("공표 주기"), max_length=12, choices=Cycle.choices)
    timing = models.CharField(_("공표 시기"), max_length=100, blank=True)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="proactive_items",
                                   verbose_name=_("담당 부서"))
    location = models.CharField(_("공표 장소(누리집 주소 등)"), max_length=300)
    last_published_on = models.DateField(_("최근 공표일"), null=True, blank=True)
    # Stored so the overdue flag is one indexed query (recomputed by services on every change).
    next_due_on = models.DateField(_("다음 공표 예정일"), null=True, blank=True, db_index=True)
    registered_on = models.DateField(_("등록일"), default=timezone.localdate)
    active = models.BooleanField(_("공표 중"), default=True)

    class Meta:
        ordering = ["field", "title", "id"]
        verbose_name = _("사전정보공표 항목")
        verbose_name_plural = _("사전정보공표 항목")

    def __str__(self) -> str:
        return self.title


class ProactivePublication(models.Model):
    """One publication of a proactive item (what was put where, on which day)."""

    item = models.ForeignKey(ProactiveItem, on_delete=models.CASCADE, related_name="publications")
    published_on = models.DateField(_("공표일"))
    location = models.CharField(_("공표 장소"), max_length=300)
    note = models.CharField(_("공표 내용"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-published_on", "-id"]


# ---------------------------------------------------------------- original documents (법 제8조의2)


class DocumentClass(models.TextChoices):
    OPEN = "open", _("공개")
    PARTIAL = "partial", _("부분공개")
    CLOSED = "closed", _("비공개")


RETENTION_PERIODS = ["1년", "3년", "5년", "10년", "30년", "준영구", "영구"]


def _original_path(instance: OriginalDocument, filename: str) -> str:
    return f"disclosure/originals/{instance.approved_on:%Y/%m}/{instance.number}-v{instance.version}.pdf"


def _published_path(instance: OriginalDocument, filename: str) -> str:
    return f"disclosure/published/{instance.approved_on:%Y/%m}/{instance.number}-v{instance.version}.pdf"


class OriginalDocument(models.Model):
    """An approved document (결재문서) in the 원문공개 register, with its original and published PDF.

    Versions of one document share `number`; a redaction hidden in one published version must
    not be visible in another (checked before publishing).
    """

    number = models.CharField(_("문서번호"), max_length=40)
    version = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(_("제목"), max_length=300)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="original_documents",
                                   verbose_name=_("생산 부서"))
    approved_on = models.DateField(_("결재일"), db_index=True)
    approver = models.CharField(_("결재권자(직위)"), max_length=60)
    retention = models.CharField(_("보존기간"), max_length=10)
    disclosure_class = models.CharField(_("공개 구분"), max_length=8, choices=DocumentClass.choices)
    article_9_item = models.PositiveSmallIntegerField(_("제9조제1항 호"), null=True, blank=True,
                                                      choices=sorted(ARTICLE_9_ITEMS.items()))
    original = models.FileField(_("원문 PDF"), upload_to=_original_path, blank=True)
    published_file = models.FileField(_("공개본 PDF"), upload_to=_published_path, blank=True)
    published_on = models.DateField(_("원문 공개일"), null=True, blank=True)
    # A document answering a disclosure request: the requester downloads it from the request page.
    request = models.ForeignKey(DisclosureRequest, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="documents")
    in_public_list = models.BooleanField(_("원문공개 목록에 게시"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-approved_on", "-id"]
        verbose_name = _("결재문서")
        verbose_name_plural = _("결재문서")
        constraints = [
            models.UniqueConstraint(fields=["number", "version"], name="disclosure_document_unique_version"),
            models.CheckConstraint(
                condition=models.Q(disclosure_class="open") | models.Q(article_9_item__gte=1, article_9_item__lte=8),
                name="disclosure_document_class_needs_item",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class Redaction(models.Model):
    """One region removed from a document's published PDF, with the legal ground.

    `text` is the removed personal data itself, so it is encrypted; pages show `masked`.
    """

    class Source(models.TextChoices):
        AUTOMATIC = "automatic", _("자동 탐지")
        MANUAL = "manual", _("직원 추가")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("검토 대기")
        ACCEPTED = "accepted", _("가림")
        REJECTED = "rejected", _("가리지 않음")

    document = models.ForeignKey(OriginalDocument, on_delete=models.CASCADE, related_name="redactions")
    page = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20)
    text = EncryptedTextField()
    masked = models.CharField(max_length=100)
    rects = models.JSONField(default=list)  # [[x0, y0, x1, y1], ...] in PDF points on `page`
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.AUTOMATIC)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    article_9_item = models.PositiveSmallIntegerField(default=6)
    ground = models.CharField(max_length=200, default="정보공개법 제9조제1항제6호(개인정보)")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["page", "id"]


# ---------------------------------------------------------------- meetings (회의 공개)


class Committee(models.Model):
    """A committee (위원회) whose meetings the district publishes: minutes, materials, videos."""

    name = models.CharField(_("위원회"), max_length=100, unique=True)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="committees",
                                   verbose_name=_("담당 부서"))
    legal_basis = models.CharField(_("설치 근거"), max_length=200, blank=True)
    # Days (calendar) after a meeting within which its minutes must be published.
    minutes_due_days = models.PositiveSmallIntegerField(_("회의록 공개 기한(일)"), default=14)
    active = models.BooleanField(default=True)
    # 정보공개심의회 (법 제12조): its membership is checked against the Act (size, external ratio, chair).
    disclosure_council = models.BooleanField(_("정보공개심의회"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("위원회")
        verbose_name_plural = _("위원회")
        constraints = [models.CheckConstraint(condition=models.Q(minutes_due_days__gte=1, minutes_due_days__lte=90),
                                              name="disclosure_committee_due_days")]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    """One meeting with the statutory minutes fields: name, date and place, host, attendees,
    agenda, gist of remarks, decisions, votes. Public once `published_on` is set."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(_("회의명"), max_length=200)
    held_at = models.DateTimeField(_("일시"))
    place = models.CharField(_("장소"), max_length=200)
    host = models.CharField(_("주재자"), max_length=100)
    attendees = models.TextField(_("참석자"))
    agenda = models.TextField(_("안건"))
    remarks = models.TextField(_("발언 요지"), blank=True)
    decisions = models.TextField(_("결정 사항"), blank=True)
    votes = models.TextField(_("표결 결과"), blank=True)
    minutes_due_on = models.DateField(_("회의록 공개 기한"), db_index=True)
    published_on = models.DateField(_("공개일"), null=True, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_at", "-id"]
        verbose_name = _("회의")
        verbose_name_plural = _("회의")

    def __str__(self) -> str:
        return f"{self.committee.name} {self.title}"

    @property
    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]


class MeetingLink(models.Model):
    """A meeting's material (자료) or video (영상), published with its minutes."""

    class Kind(models.TextChoices):
        MATERIAL = "material", _("회의 자료")
        VIDEO = "video", _("회의 영상")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(_("제목"), max_length=200)
    url = models.URLField(_("주소"), max_length=500)

    class Meta:
        ordering = ["kind", "id"]


# ---------------------------------------------------------------- records inventory (기록물 전수조사, 계획 §5-1)


class InventorySource(models.TextChoices):
    REGISTERED = "registered", _("등록 목록")
    HELD = "held", _("실물 점검 목록")


class InventoryList(models.Model):
    """One department's imported list of one kind. Importing again replaces the list (and its rows)."""

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=10, choices=InventorySource.choices)
    filename = models.CharField(max_length=200)
    encoding = models.CharField(max_length=20, blank=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["department", "source"], name="disclosure_inventory_list_once")]


class InventoryRecord(models.Model):
    """One row of an imported list: the record's registration number, title, retention and class."""

    inventory = models.ForeignKey(InventoryList, on_delete=models.CASCADE, related_name="records")
    row = models.PositiveIntegerField()
    number = models.CharField(_("등록번호"), max_length=60)
    title = models.CharField(_("제목"), max_length=300, blank=True)
    retention = models.CharField(_("보존기간"), max_length=10, blank=True)
    disclosure_class = models.CharField(_("공개구분"), max_length=10, choices=DocumentClass.choices, blank=True)

    class Meta:
        ordering = ["row"]
        constraints = [models.UniqueConstraint(fields=["inventory", "number"], name="disclosure_inventory_number_once")]


class MismatchKind(models.TextChoices):
    MISSING = "missing", _("등록되었으나 실물 없음")
    UNREGISTERED = "unregistered", _("실물은 있으나 미등록")
    RETENTION = "retention", _("보존기간 불일치")
    CLASS = "class", _("공개구분 불일치")


class InventoryMismatch(models.Model):
    """A difference between a department's two lists, and how it was settled.

    Kept across re-imports (keyed by department, number and kind): an open mismatch that no longer
    occurs is dropped, a settled one stays so the department's progress does not go backwards.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("미해결")
        RESOLVED = "resolved", _("정리 완료")
        EXPLAINED = "explained", _("소명")

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("등록번호"), max_length=60)
    kind = models.CharField(max_length=12, choices=MismatchKind.choices)
    title = models.CharField(max_length=300, blank=True)
    registered_value = models.CharField(max_length=300, blank=True)
    held_value = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    note = models.TextField(blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)
    found_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["department__name", "number", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["department", "number", "kind"], name="disclosure_mismatch_once"),
            models.CheckConstraint(condition=models.Q(status="open") | ~models.Q(note=""),
                                   name="disclosure_mismatch_settled_with_note"),
        ]


# ---------------------------------------------------------------- 정보공개심의회 membership (법 제12조, 제12조의2)

# 법 제12조의2제1항 각 호 (short labels).
RECUSAL_GROUNDS: dict[int, Promise] = {
    1: _("위원 또는 배우자(였던 사람)가 당사자이거나 당사자의 공동권리자·공동의무자"),
    2: _("위원이 당사자와 친족이거나 친족이었음"),
    3: _("위원이 해당 심의사항에 증언·진술·자문·연구·용역·감정을 함"),
    4: _("위원이나 위원이 속한 법인 등이 당사자의 대리인이거나 대리인이었음"),
}


class CommitteeMember(models.Model):
    """A member of a committee for one term. A reappointment (연임) is a new row pointing at the last term.

    Terms: 2 years, one reappointment (시행령 제11조제3항); an official serves while in post (no end date).
    """

    class Kind(models.TextChoices):
        INTERNAL = "internal", _("소속 공무원")
        EXTERNAL = "external", _("외부 전문가")

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="members")
    name = EncryptedTextField(_("성명"))
    kind = models.CharField(_("구분"), max_length=8, choices=Kind.choices)
    affiliation = models.CharField(_("소속·직위"), max_length=200, blank=True)
    chair = models.BooleanField(_("위원장"), default=False)
    term_start = models.DateField(_("임기 시작"))
    term_end = models.DateField(_("임기 끝"), null=True, blank=True)
    previous_term = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="next_term")
    ended_on = models.DateField(_("해촉·퇴임일"), null=True, blank=True)

    class Meta:
        ordering = ["-chair", "kind", "term_start", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(term_end__isnull=True) | models.Q(term_end__gt=models.F("term_start")),
                                   name="disclosure_member_term_order"),
            models.CheckConstraint(condition=models.Q(kind="internal") | models.Q(term_end__isnull=False),
                                   name="disclosure_member_external_term"),
        ]


class AgendaRecusal(models.Model):
    """A member kept out of one agenda item (법 제12조의2): 제척, 기피 (decided by the council) or 회피."""

    class Kind(models.TextChoices):
        EXCLUSION = "exclusion", _("제척")
        CHALLENGE = "challenge", _("기피")
        WITHDRAWAL = "withdrawal", _("회피")

    item = models.ForeignKey(CommitteeAgendaItem, on_delete=models.CASCADE, related_name="recusals")
    member = models.ForeignKey(CommitteeMember, on_delete=models.PROTECT, related_name="recusals")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    ground = models.PositiveSmallIntegerField(null=True, blank=True)  # 제12조의2제1항 호; none for 기피
    reason = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="disclosure_recusal_once")]


class AgendaDecision(models.Model):
    """The council's decision on an agenda item, with who voted how; the item's requests are linked."""

    item = models.OneToOneField(CommitteeAgendaItem, on_delete=models.PROTECT, related_name="decision")
    meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_on = models.DateField(_("의결일"))
    outcome = models.CharField(_("의결 결과"), max_length=200)
    reason = models.TextField(_("이유"))
    votes_for = models.PositiveSmallIntegerField(default=0)
    votes_against = models.PositiveSmallIntegerField(default=0)
    abstentions = models.PositiveSmallIntegerField(default=0)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")


class AgendaVote(models.Model):
    class Choice(models.TextChoices):
        FOR = "for", _("찬성")
        AGAINST = "against", _("반대")
        ABSTAIN = "abstain", _("기권")

    decision = models.ForeignKey(AgendaDecision, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(CommitteeMember, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(max_length=8, choices=Choice.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["decision", "member"], name="disclosure_vote_once")]


# ---------------------------------------------------------------- 정보공개모니터단 (계획 §5-4)

# The plan's survey criteria (계획 §5-4: "홈페이지 '행정정보공개' 메뉴, 사전공개 대상, 분류, 검색 및 이용의
# 적절성, 회의 공개의 적절성 등을 평가"), in the order the survey asks them.
PANEL_CRITERIA: dict[str, Promise] = {
    "menu": _("'행정정보공개' 메뉴 구성"),
    "proactive": _("사전공개 대상의 적절성"),
    "classification": _("정보 분류의 적절성"),
    "search": _("검색 및 이용의 적절성"),
    "meetings": _("회의 공개의 적절성"),
}
PANEL_SCORES: dict[int, Promise] = {1: _("매우 미흡"), 2: _("미흡"), 3: _("보통"), 4: _("적절"), 5: _("매우 적절")}


class PanelMember(models.Model):
    """A resident appointed to the 정보공개모니터단 for a term; they answer surveys logged in as themselves."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="panel_terms",
                             verbose_name=_("구민 계정"))
    dong = models.ForeignKey("core.Dong", on_delete=models.PROTECT, related_name="+", verbose_name=_("동"))
    term_start = models.DateField(_("활동 시작"))
    term_end = models.DateField(_("활동 끝"))
    ended_on = models.DateField(_("해촉일"), null=True, blank=True)
    end_reason = models.CharField(_("해촉 사유"), max_length=200, blank=True)
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    appointed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-term_start", "id"]
        verbose_name = _("정보공개모니터단 위원")
        verbose_name_plural = _("정보공개모니터단 위원")
        constraints = [
            models.CheckConstraint(condition=models.Q(term_end__gt=models.F("term_start")),
                                   name="disclosure_panel_term_order"),
            models.UniqueConstraint(fields=["user", "term_start"], name="disclosure_panel_term_once"),
        ]

    def serves_on(self, day: object) -> bool:
        last = self.ended_on if self.ended_on is not None and self.ended_on < self.term_end else self.term_end
        return self.term_start <= day <= last  # type: ignore[operator]


class PanelRound(models.Model):
    """One survey round (회차): members rate the disclosure pages between `opens_on` and `closes_on`."""

    title = models.CharField(_("회차"), max_length=100)
    opens_on = models.DateField(_("설문 시작일"))
    closes_on = models.DateField(_("설문 마감일"))
    note = models.TextField(_("안내"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = _("모니터단 설문 회차")
        verbose_name_plural = _("모니터단 설문 회차")
        constraints = [models.CheckConstraint(condition=models.Q(closes_on__gte=models.F("opens_on")),
                                              name="disclosure_panel_round_order")]

    def __str__(self) -> str:
        return self.title

    def is_open(self, day: object) -> bool:
        return self.opens_on <= day <= self.closes_on  # type: ignore[operator]


class PanelResponse(models.Model):
    """One member's answers in one round; submitting again before the deadline replaces the ratings."""

    round = models.ForeignKey(PanelRound, on_delete=models.PROTECT, related_name="responses")
    member = models.ForeignKey(PanelMember, on_delete=models.PROTECT, related_name="responses")
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "member"], name="disclosure_panel_response_once")]


class PanelRating(models.Model):
    """A score (1–5) on one criterion, with the member's comment."""

    response = models.ForeignKey(PanelResponse, on_delete=models.CASCADE, related_name="ratings")
    criterion = models.CharField(max_length=20, choices=sorted(PANEL_CRITERIA.items()))
    score = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["response", "criterion"], name="disclosure_panel_rating_once"),
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="disclosure_panel_score_range"),
        ]
