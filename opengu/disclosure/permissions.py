"""Who may do what with disclosure requests. Views, the API and services all ask here."""

from __future__ import annotations

from typing import Any

from opengu.core import roles
from opengu.core.permissions import (
    can_read_department,
    can_write_department,
    has_role,
    is_administrator,
    is_auditor,
    is_department_head,
    is_resident,
    is_staff_member,
)


def is_disclosure_officer(user: Any) -> bool:
    """The disclosure office (정보공개 담당관): intake, assignment, 사전검토, 집중검토."""
    return is_staff_member(user) and (has_role(user, roles.DISCLOSURE_OFFICER) or is_administrator(user))


def can_file_request(user: Any) -> bool:
    """Online filing needs a resident account (paper, fax and phone requests are registered by staff)."""
    return is_resident(user)


def can_register_request(user: Any) -> bool:
    """Any staff member may register a request received on paper, by fax, by phone or in person."""
    return is_staff_member(user) and not (is_auditor(user) and not is_administrator(user))


def can_view_own_request(user: Any, request: Any) -> bool:
    return is_resident(user) and request.requester_id == user.id


def can_view_request(user: Any, request: Any) -> bool:
    """Staff of the handling department, the disclosure office, auditors and administrators.

    An unassigned request belongs to nobody yet: only the disclosure office sees it.
    """
    if not is_staff_member(user):
        return False
    if is_disclosure_officer(user) or is_auditor(user):
        return True
    return request.department_id is not None and can_read_department(user, request.department_id)


def can_handle_request(user: Any, request: Any) -> bool:
    """Work on the decision: staff of the handling department (or the disclosure office)."""
    if is_disclosure_officer(user):
        return True
    return request.department_id is not None and can_write_department(user, request.department_id)


def can_assign_request(user: Any, request: Any) -> bool:
    return is_disclosure_officer(user)


def can_review_request(user: Any, request: Any) -> bool:
    """사전검토 and putting a request under 집중검토: the disclosure office only."""
    return is_disclosure_officer(user)


def can_approve_focused_request(user: Any, request: Any) -> bool:
    """집중검토: the decision needs the approval of the head of the handling department."""
    return request.department_id is not None and is_department_head(user, request.department_id)


def can_withdraw_request(user: Any, request: Any) -> bool:
    return can_view_own_request(user, request) or can_handle_request(user, request)


def can_use_review_queue(user: Any) -> bool:
    return is_disclosure_officer(user) or is_auditor(user)


def can_use_request_queue(user: Any) -> bool:
    return is_staff_member(user)


# ---------------------------------------------------------------- proactive publication and documents


def can_manage_proactive_item(user: Any, item: Any) -> bool:
    """Record publications or change an item: its department's staff, or the disclosure office."""
    if is_disclosure_officer(user):
        return True
    return is_staff_member(user) and can_write_department(user, item.department_id)


def can_create_proactive_item(user: Any) -> bool:
    return is_staff_member(user) and not (is_auditor(user) and not is_administrator(user))


def can_use_publication_register(user: Any) -> bool:
    return is_staff_member(user)


def can_manage_document(user: Any, document: Any) -> bool:
    """Register, review redactions and publish: the producing department or the disclosure office."""
    if is_disclosure_officer(user):
        return True
    return is_staff_member(user) and can_write_department(user, document.department_id)


def can_view_document_draft(user: Any, document: Any) -> bool:
    """The unpublished original and its redaction review: the department, the office, auditors."""
    if not is_staff_member(user):
        return False
    if is_disclosure_officer(user) or is_auditor(user):
        return True
    return can_read_department(user, document.department_id)


def can_download_request_document(user: Any, document: Any) -> bool:
    """The requester downloads the published file delivered for their request."""
    request = document.request
    return request is not None and can_view_own_request(user, request)


def can_view_monitoring(user: Any) -> bool:
    """Per-department figures hold no personal data: every staff member may read them."""
    return is_staff_member(user)


# ---------------------------------------------------------------- meetings (회의 공개)


def can_create_committee(user: Any) -> bool:
    return is_staff_member(user) and not (is_auditor(user) and not is_administrator(user))


def can_manage_meeting(user: Any, committee: Any) -> bool:
    """Register meetings, write and publish minutes: the committee's department or the disclosure office."""
    if is_disclosure_officer(user):
        return True
    return is_staff_member(user) and can_write_department(user, committee.department_id)


def can_view_meeting_draft(user: Any, meeting: Any) -> bool:
    """Unpublished minutes: the committee's department, the disclosure office, auditors."""
    if not is_staff_member(user):
        return False
    if is_disclosure_officer(user) or is_auditor(user):
        return True
    return can_read_department(user, meeting.committee.department_id)


# ---------------------------------------------------------------- records inventory (기록물 전수조사)


def can_view_inventory(user: Any) -> bool:
    """Record numbers, titles and classes, no personal data: every staff member may read them."""
    return is_staff_member(user)


def can_manage_inventory(user: Any, department: Any) -> bool:
    """Import a department's lists and settle its mismatches: its staff or the disclosure office."""
    if is_disclosure_officer(user):
        return True
    return is_staff_member(user) and can_write_department(user, getattr(department, "pk", None))


def can_manage_council(user: Any) -> bool:
    """정보공개심의회 membership, recusals and decisions: the disclosure office (시행령 제11조의2)."""
    return is_disclosure_officer(user)


def can_view_council(user: Any) -> bool:
    """The council's members, recusals and decisions: the disclosure office and auditors."""
    return is_disclosure_officer(user) or (is_staff_member(user) and is_auditor(user))


# ---------------------------------------------------------------- 정보공개모니터단


def can_manage_panel(user: Any) -> bool:
    """Appoint panel members and open survey rounds: the disclosure office."""
    return is_disclosure_officer(user)


def can_view_panel(user: Any) -> bool:
    """The member list (names, dongs): the disclosure office and auditors."""
    return is_disclosure_officer(user) or (is_staff_member(user) and is_auditor(user))


def can_view_panel_results(user: Any) -> bool:
    """Aggregated scores and unsigned comments feed the monitoring report: every staff member."""
    return is_staff_member(user)


def can_open_panel_page(user: Any) -> bool:
    """The survey page is for residents (it says so when the resident is not a member)."""
    return is_resident(user)


# ---------------------------------------------------------------- fees (수수료)


def can_manage_fees(user: Any) -> bool:
    """The fee table and waiver rates: the disclosure office (the amounts follow the district's ordinance)."""
    return is_disclosure_officer(user)


def can_view_fees(user: Any) -> bool:
    return is_staff_member(user)
