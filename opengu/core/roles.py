"""Roles beyond the kind of account. Stored as Django groups with these names."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

DEPARTMENT_HEAD = "department_head"
DISCLOSURE_OFFICER = "disclosure_officer"
AUDITOR = "auditor"
ADMINISTRATOR = "administrator"

ROLE_LABELS = {
    DEPARTMENT_HEAD: _("부서장"),
    DISCLOSURE_OFFICER: _("정보공개 담당관"),
    AUDITOR: _("감사관"),
    ADMINISTRATOR: _("시스템 관리자"),
}

# Roles whose accounts must use a second factor (TOTP).
SECOND_FACTOR_ROLES = {AUDITOR, ADMINISTRATOR}
