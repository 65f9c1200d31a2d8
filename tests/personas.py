"""The people in every test: one fixture module, as in ARCHITECTURE.md.

`personas` gives a resident, another resident, staff of the owning department, staff of
another department, a department head, a disclosure officer, an auditor and an administrator.
`as_each(client, personas, url)` requests one URL as each of them (and anonymously).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from opengu.core import roles
from opengu.core.models import Department, District, Dong, Resident, Staff, Team, User

PASSWORD = "test-pass-2026!"
NAMES = ["anonymous", "resident", "other_resident", "staff", "other_staff", "head", "disclosure_officer", "auditor", "admin"]


@dataclass
class Personas:
    district: District
    dong: Dong
    other_dong: Dong
    department: Department
    other_department: Department
    resident: User
    other_resident: User
    staff: User
    other_staff: User
    head: User
    disclosure_officer: User
    auditor: User
    admin: User

    def get(self, name: str) -> User | None:
        return None if name == "anonymous" else getattr(self, name)


def _staff(username: str, department: Department, *groups: str, superuser: bool = False) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, kind=User.Kind.STAFF,
                                    email=f"{username}@sdm.test", is_superuser=superuser, is_staff=superuser)
    Staff.objects.create(user=user, name=f"{username}직원", department=department,
                         team=department.teams.first(), position="주무관")
    for group in groups:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    if set(groups) & roles.SECOND_FACTOR_ROLES:
        TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return user


def _resident(username: str, name: str, dong: Dong) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, kind=User.Kind.RESIDENT)
    Resident.objects.create(user=user, name=name, phone="010-1234-5678", email=f"{username}@example.com", dong=dong, birth_year=1960)
    return user


def make_personas() -> Personas:
    district = District.objects.create(name="서대문구", admin_code="1141000000", open_code="3120000")
    dong = Dong.objects.create(district=district, name="연희동", code="1141065500")
    other_dong = Dong.objects.create(district=district, name="신촌동", code="1141061500")
    department = Department.objects.create(district=district, name="자치행정과", code="admin-affairs")
    other_department = Department.objects.create(district=district, name="복지정책과", code="welfare-policy")
    Team.objects.create(department=department, name="정보공개팀")
    Team.objects.create(department=other_department, name="복지정책팀")
    return Personas(
        district=district, dong=dong, other_dong=other_dong, department=department, other_department=other_department,
        resident=_resident("resident", "홍길동", dong),
        other_resident=_resident("other_resident", "김영희", other_dong),
        staff=_staff("staff", department),
        other_staff=_staff("other_staff", other_department),
        head=_staff("head", department, roles.DEPARTMENT_HEAD),
        disclosure_officer=_staff("disclosure_officer", department, roles.DISCLOSURE_OFFICER),
        auditor=_staff("auditor", other_department, roles.AUDITOR),
        admin=_staff("admin", other_department, roles.ADMINISTRATOR, superuser=True),
    )


def login_as(client: Client, user: User | None) -> Client:
    """Log `user` in on `client`, second factor included where their role needs one."""
    client.logout()
    if user is None:
        return client
    client.force_login(user, backend="opengu.core.auth.LockoutModelBackend")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


def as_each(client: Client, personas: Personas, url: str, method: str = "get", data: Any = None) -> dict[str, int]:
    """Status code of one request made as each persona (anonymous included)."""
    codes = {}
    for name in NAMES:
        login_as(client, personas.get(name))
        response = getattr(client, method)(url, data or {})
        codes[name] = response.status_code
    client.logout()
    return codes
