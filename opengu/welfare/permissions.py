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


def can_request_confirmation(user: Any, organization: Any) -> bool:
    """Sending an institution its confirmation link: whoever may edit its services."""
    return core.is_staff_member(user) and core.can_write_department(user, organization.managing_department_id)


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


# --- 행복1004콜센터, clients and cases ---------------------------------------------------------
# Who counts as the centre: staff of the departments named in OPENGU_WELFARE_CENTRE_DEPARTMENTS
# (department codes; 복지정책과 by default). Dong-centre staff see their own dong's clients and
# cases; anyone sees a case assigned to them. Auditors read everything; administrators do all.


def _centre_codes() -> set[str]:
    from django.conf import settings

    return set(getattr(settings, "OPENGU_WELFARE_CENTRE_DEPARTMENTS", ("welfare-policy",)))


def is_centre_staff(user: Any) -> bool:
    """A counsellor of the 1004 centre (staff of a centre department)."""
    return core.is_staff_member(user) and user.staff.department.code in _centre_codes()


def staff_dong_id(user: Any) -> int | None:
    """The dong of a dong-centre staff member, else None."""
    if not core.is_staff_member(user):
        return None
    department = user.staff.department
    return department.dong_id if department.kind == "dong_centre" else None


def can_list_clients(user: Any) -> bool:
    """The client and referral lists: the centre (and auditors, administrators) all of them,
    dong-centre staff their dong's."""
    return can_read_centre(user) or can_list_cases(user)


def can_use_centre(user: Any) -> bool:
    """Log calls, register clients, refer. Auditors read only, wherever they sit."""
    if core.is_administrator(user):
        return True
    return is_centre_staff(user) and not core.is_auditor(user)


def can_read_centre(user: Any) -> bool:
    """The centre's lists and statistics: its staff, administrators, auditors."""
    return can_use_centre(user) or (core.is_staff_member(user) and core.is_auditor(user))


def can_view_client(user: Any, client: Any) -> bool:
    if can_read_centre(user):
        return True
    dong_id = staff_dong_id(user)
    if dong_id is not None and client.dong_id == dong_id:
        return True
    return core.is_staff_member(user) and client.cases.filter(assigned_to=user).exists()


def can_edit_client(user: Any, client: Any) -> bool:
    """Everyone who may see a client, except auditors (they read only)."""
    if core.is_auditor(user) and not core.is_administrator(user):
        return False
    return can_view_client(user, client)


def can_list_cases(user: Any) -> bool:
    return can_read_centre(user) or staff_dong_id(user) is not None


def can_view_case(user: Any, case: Any) -> bool:
    """The centre, auditors and administrators; the case's dong; whoever it is assigned to."""
    if can_read_centre(user):
        return True
    if not core.is_staff_member(user):
        return False
    if case.assigned_to_id == user.id:
        return True
    dong_id = staff_dong_id(user)
    return dong_id is not None and case.dong_id == dong_id


def can_advance_case(user: Any, case: Any) -> bool:
    """Move a case to its next step: everyone who may see it but auditors."""
    if core.is_auditor(user) and not core.is_administrator(user):
        return False
    return can_view_case(user, case)


def can_record_case(user: Any) -> bool:
    """Staff who record a report from a channel (복지통장, 협의체, 발굴단, 동, 방문간호사)."""
    if core.is_auditor(user) and not core.is_administrator(user):
        return False
    return can_use_centre(user) or staff_dong_id(user) is not None


def can_list_home_visits(user: Any) -> bool:
    """방문보건 families: the centre, auditors, administrators and dong-centre staff (their dong's)."""
    return can_list_cases(user)


def can_register_home_visit(user: Any, mother: Any) -> bool:
    """Register a mother for home visits: whoever may edit her client record."""
    return can_edit_client(user, mother)


def is_assigned_nurse(user: Any, family: Any) -> bool:
    """The nurse the family is assigned to (a staff member, wherever their department)."""
    return core.is_staff_member(user) and family.nurse_id is not None and family.nurse_id == user.pk


def can_view_home_visit_family(user: Any, family: Any) -> bool:
    return can_view_client(user, family.mother) or is_assigned_nurse(user, family)


def can_record_home_visit(user: Any, family: Any) -> bool:
    """Record a visit: everyone who may see the family but auditors, and its nurse."""
    return can_edit_client(user, family.mother) or is_assigned_nurse(user, family)


def can_view_own_round(user: Any) -> bool:
    """A nurse's own round: any staff member (it lists only families assigned to them)."""
    return core.is_staff_member(user)


def can_assign_nurse(user: Any, family: Any) -> bool:
    """Choose a family's nurse: whoever may edit the mother's client record."""
    return can_edit_client(user, family.mother)


# --- 공동모금회 support ---------------------------------------------------------------------------
# Applications are dong-scoped like cases: the centre, auditors and administrators see all; a
# dong centre's staff their dong's households; a worker the applications in their charge. The
# committee (members, meetings, decisions, minutes) is run by the centre.


def can_list_chest_applications(user: Any) -> bool:
    return can_list_cases(user)


def can_view_chest_application(user: Any, application: Any) -> bool:
    if can_read_centre(user):
        return True
    if not core.is_staff_member(user):
        return False
    if application.worker_id == user.pk:
        return True
    dong_id = staff_dong_id(user)
    return dong_id is not None and application.client.dong_id == dong_id


def can_apply_chest(user: Any, client: Any) -> bool:
    """Apply for a household (or withdraw, add a document): whoever may edit the client."""
    return can_edit_client(user, client)


def can_run_chest_committee(user: Any) -> bool:
    """Members, meetings, agenda, recusals, decisions and minutes: the centre and administrators."""
    return can_use_centre(user)


def can_read_chest_committee(user: Any) -> bool:
    return can_read_centre(user)
