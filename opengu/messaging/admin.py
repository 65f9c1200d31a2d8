"""Back-office view of the outbox: read-only, recipients masked, failed messages can be re-queued."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from opengu.messaging.models import DeliveryAttempt, OutboxMessage
from opengu.messaging.permissions import can_retry_outbox_message
from opengu.messaging.services import outbox_message_retry

ATTEMPT_FIELDS = ("number", "channel", "started_at", "finished_at", "outcome", "http_status", "provider_message_id",
                  "detail")
# Neither the full recipient nor the body is shown here: both are personal data.
MESSAGE_FIELDS = ("key", "channel", "phone_kind", "template_id", "sms_fallback", "recipient_masked", "subject", "urgent",
                  "status", "reason", "attempts", "next_attempt_at", "claimed_at", "provider_message_id", "created_by",
                  "created_at", "sent_at", "delivered_at")


class DeliveryAttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    fields = ATTEMPT_FIELDS
    readonly_fields = ATTEMPT_FIELDS

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["id", "created_at", "channel", "phone_kind", "recipient_masked", "subject", "urgent", "status",
                    "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status", "channel", "urgent", "sms_fallback"]
    search_fields = ["key", "provider_message_id", "subject"]
    date_hierarchy = "created_at"
    fields = MESSAGE_FIELDS
    readonly_fields = MESSAGE_FIELDS
    inlines = [DeliveryAttemptInline]
    actions = ["retry_failed"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("실패한 메시지 다시 보내기"), permissions=["view"])
    def retry_failed(self, request: HttpRequest, queryset: QuerySet[OutboxMessage]) -> None:
        if not can_retry_outbox_message(request.user):
            raise PermissionDenied
        count = 0
        for message in queryset.filter(status=OutboxMessage.Status.FAILED):
            outbox_message_retry(actor=request.user, message=message)  # type: ignore[arg-type]
            count += 1
        self.message_user(request, _("%(n)d건을 다시 대기열에 넣었습니다.") % {"n": count}, messages.SUCCESS)
