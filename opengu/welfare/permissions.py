"""Who may do what in the resource directory. The directory itself is public (no personal
data); edits belong to the district department that manages each institution."""

from __future__ import annotations

from typing import Any

from opengu.core import permissions as core


def can_view_service(user: Any, service: Any) -> bool:
    """Anyone sees active services; the rest only staff."""
    return service.status == "active" or core.is_staff_member(user)


def can_edit_service(user: Any, service: Any) -> bool:
    """Staff of the managing department, or an administrator. Auditors read only."""
    return core.is_staff_member(user) and core.can_write_department(user, service.organization.managing_department_id)


def can_view_service_history(user: Any, service: Any) -> bool:
    """Editors and those who check them (auditors, administrators)."""
    return can_edit_service(user, service) or core.is_auditor(user) or core.is_administrator(user)


def can_view_stale_queue(user: Any) -> bool:
    return core.is_staff_member(user)


def can_edit_synonyms(user: Any) -> bool:
    """Administrators, and staff of a department that manages at least one institution."""
    if not core.is_staff_member(user):
        return False
    if core.is_administrator(user):
        return True
    if core.is_auditor(user):
        return False
    from opengu.welfare.models import Organization

    return Organization.objects.filter(managing_department_id=core.user_department_id(user)).exists()
