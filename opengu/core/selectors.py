from __future__ import annotations

from django.db.models import QuerySet

from opengu.core.models import Department, District, Dong, PersonalDataAccess, Staff


def current_district() -> District | None:
    """The district this installation serves (the first one configured)."""
    return District.objects.order_by("id").first()


def dong_list() -> QuerySet[Dong]:
    return Dong.objects.select_related("district").order_by("order", "name")


def department_list() -> QuerySet[Department]:
    return Department.objects.select_related("bureau").order_by("order", "name")


def staff_directory() -> QuerySet[Staff]:
    return Staff.objects.select_related("department", "team", "user").filter(user__is_active=True)


def access_log_search(
    *, actor: str = "", subject: str = "", action: str = "", date_from=None, date_to=None  # type: ignore[no-untyped-def]
) -> QuerySet[PersonalDataAccess]:
    rows = PersonalDataAccess.objects.all()
    if actor:
        rows = rows.filter(actor_username__icontains=actor)
    if subject:
        rows = rows.filter(subject__icontains=subject)
    if action:
        rows = rows.filter(action=action)
    if date_from:
        rows = rows.filter(at__date__gte=date_from)
    if date_to:
        rows = rows.filter(at__date__lte=date_to)
    return rows.order_by("-id")
