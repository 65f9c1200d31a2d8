"""The outbox: every e-mail, SMS and 알림톡 the platform sends, and each attempt to deliver it.

A message is written in the caller's transaction (so nothing is announced for a change that
rolled back) and delivered later by `services.messaging_deliver_due`. The recipient and the
body are personal data and are encrypted; `recipient_masked` is what lists show.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opengu.core.fields import EncryptedTextField


class OutboxMessage(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("전자우편")
        SMS = "sms", _("문자")
        ALIMTALK = "alimtalk", _("알림톡")

    class Status(models.TextChoices):
        QUEUED = "queued", _("대기")
        SENDING = "sending", _("발송 중")
        SENT = "sent", _("발송")
        DELIVERED = "delivered", _("수신 확인")
        FAILED = "failed", _("실패")

    key = models.CharField(_("중복 방지 키"), max_length=120, unique=True)
    channel = models.CharField(_("채널"), max_length=10, choices=Channel.choices)
    recipient = EncryptedTextField(_("받는 사람"))
    recipient_masked = models.CharField(_("받는 사람(가림)"), max_length=120)
    subject = models.CharField(_("제목"), max_length=200, blank=True)
    # Bodies greet people by name and carry case details: encrypted like the recipient.
    body = EncryptedTextField(_("내용"))
    phone_kind = models.CharField(_("문자 종류"), max_length=3, blank=True, help_text="SMS / LMS")
    template_id = models.CharField(_("알림톡 템플릿"), max_length=100, blank=True)
    template_variables = EncryptedTextField(_("템플릿 변수"), blank=True, default="")
    sms_fallback = models.BooleanField(_("문자로 대체 발송"), default=False)
    urgent = models.BooleanField(_("긴급"), default=False)
    status = models.CharField(_("상태"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    reason = models.CharField(_("사유"), max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(_("시도 횟수"), default=0)
    next_attempt_at = models.DateTimeField(_("다음 시도"), default=timezone.now)
    claimed_at = models.DateTimeField(_("발송 시작"), null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True)
    provider_message_id = models.CharField(_("사업자 메시지 번호"), max_length=100, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("요청자"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("작성"), default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(_("발송 시각"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("수신 시각"), null=True, blank=True)
    updated_at = models.DateTimeField(_("변경"), auto_now=True)

    class Meta:
        verbose_name = _("발송 메시지")
        verbose_name_plural = _("발송 메시지")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="messaging_due_idx")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.recipient_masked} ({self.get_status_display()})"

    @property
    def delivery_channel(self) -> str:
        """What the next attempt uses: 알림톡 becomes SMS once the fallback is on."""
        if self.channel == self.Channel.ALIMTALK and self.sms_fallback:
            return self.Channel.SMS
        return self.channel


class DeliveryAttempt(models.Model):
    class Outcome(models.TextChoices):
        SENT = "sent", _("발송")
        RETRY = "retry", _("재시도 예정")
        FAILED = "failed", _("실패")
        FALLBACK = "fallback", _("문자로 대체")
        DELIVERED = "delivered", _("수신 확인")
        UNDELIVERED = "undelivered", _("수신 실패")

    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="deliveries",
                                verbose_name=_("메시지"))
    number = models.PositiveSmallIntegerField(_("회차"))
    channel = models.CharField(_("채널"), max_length=10)
    started_at = models.DateTimeField(_("시작"), default=timezone.now)
    finished_at = models.DateTimeField(_("끝"), null=True, blank=True)
    outcome = models.CharField(_("결과"), max_length=12, choices=Outcome.choices)
    provider_message_id = models.CharField(_("사업자 메시지 번호"), max_length=100, blank=True)
    http_status = models.PositiveSmallIntegerField(_("HTTP 상태"), null=True, blank=True)
    # Never the recipient or the body: the provider's answer or our error, for the operator.
    detail = models.CharField(_("내용"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("발송 기록")
        verbose_name_plural = _("발송 기록")
        ordering = ["message_id", "number", "id"]

    def __str__(self) -> str:
        return f"#{self.message_id}-{self.number} {self.get_outcome_display()}"
