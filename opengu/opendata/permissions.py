"""Who may do what with open data. Views, the API and services ask only these."""

from __future__ import annotations

from typing import Any

from opengu.core import permissions as core


def can_view_dataset(user: Any, dataset: Any) -> bool:
    """Published datasets are for everyone; drafts for their department, auditors and administrators."""
    return bool(dataset.published) or (core.is_staff_member(user) and core.can_read_department(user, dataset.department_id)) \
        or core.is_administrator(user)


def can_create_dataset(user: Any) -> bool:
    """Any staff member may create a dataset for their own department; auditors only read."""
    if core.is_administrator(user):
        return True
    return core.is_staff_member(user) and not core.is_auditor(user)


def can_change_dataset(user: Any, dataset: Any) -> bool:
    return core.is_staff_member(user) and core.can_write_department(user, dataset.department_id) \
        or core.is_administrator(user)


def can_publish_dataset(user: Any, dataset: Any) -> bool:
    return can_change_dataset(user, dataset)


def can_decide_personal_data(user: Any, dataset: Any) -> bool:
    """Publishing a column flagged as personal data needs a decision by the owning department."""
    return can_change_dataset(user, dataset)


def can_use_opendata_workspace(user: Any) -> bool:
    return core.is_staff_member(user)


def can_issue_api_key(user: Any) -> bool:
    """Any registered, logged-in user gets keys at once; no approval step."""
    return bool(getattr(user, "is_authenticated", False)) and bool(getattr(user, "is_active", False))


def can_revoke_api_key(user: Any, key: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and key.user_id == user.pk or core.is_administrator(user)


def can_request_data(user: Any) -> bool:
    """Any logged-in user may ask for a dataset or support someone else's request."""
    return bool(getattr(user, "is_authenticated", False)) and bool(getattr(user, "is_active", False))


def can_answer_data_request(user: Any, request: Any) -> bool:
    """The assigned department answers; a request nobody has assigned yet may be taken up (and
    assigned) by any staff member who writes; auditors only read."""
    if request.department_id is None:
        return can_create_dataset(user)
    return core.is_staff_member(user) and core.can_write_department(user, request.department_id) \
        or core.is_administrator(user)


def can_assign_data_request(user: Any, request: Any, department: Any) -> bool:
    """Handing a request to another department: whoever may answer it now."""
    return can_answer_data_request(user, request)


def can_view_data_request_requester(user: Any, request: Any) -> bool:
    """Who asked (masked, and logged) is for the answering department, auditors and administrators."""
    if request.department_id is None:
        return core.is_staff_member(user)
    return core.is_staff_member(user) and core.can_read_department(user, request.department_id)


def can_view_data_request_priorities(user: Any) -> bool:
    return core.is_staff_member(user)
