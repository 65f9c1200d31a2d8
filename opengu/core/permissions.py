"""Who may do what. Every view, API endpoint and service asks these, never ad hoc checks."""

from __future__ import annotations

from typing import Any

from opengu.core import roles


def has_role(user: Any, role: str) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if role == roles.ADMINISTRATOR and user.is_superuser:
        return True
    cache = getattr(user, "_opengu_roles", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._opengu_roles = cache
    return role in cache


def is_staff_member(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_staff_member and hasattr(user, "staff"))


def is_resident(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_resident)


def is_auditor(user: Any) -> bool:
    return has_role(user, roles.AUDITOR)


def is_administrator(user: Any) -> bool:
    return has_role(user, roles.ADMINISTRATOR)


def needs_second_factor(user: Any) -> bool:
    return any(has_role(user, role) for role in roles.SECOND_FACTOR_ROLES)


def user_department_id(user: Any) -> int | None:
    return user.staff.department_id if is_staff_member(user) else None


def can_read_department(user: Any, department_id: int | None) -> bool:
    """Staff read their own department's records; auditors and administrators read all."""
    if is_auditor(user) or is_administrator(user):
        return True
    return department_id is not None and user_department_id(user) == department_id


def can_write_department(user: Any, department_id: int | None) -> bool:
    """Auditors read everything and write nothing."""
    if is_auditor(user) and not is_administrator(user):
        return False
    if is_administrator(user):
        return True
    return department_id is not None and user_department_id(user) == department_id


def is_department_head(user: Any, department_id: int | None = None) -> bool:
    if not has_role(user, roles.DEPARTMENT_HEAD):
        return False
    return department_id is None or user_department_id(user) == department_id


def can_use_staff_workspace(user: Any) -> bool:
    return is_staff_member(user)


def can_view_access_log(user: Any) -> bool:
    return is_auditor(user) or is_administrator(user)


def can_view_resident(user: Any, resident: Any) -> bool:
    """A resident sees only their own profile; staff need a role (administrator or auditor)."""
    if is_resident(user):
        return resident.user_id == user.id
    return is_administrator(user) or is_auditor(user)
