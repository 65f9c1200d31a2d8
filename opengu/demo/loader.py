"""Load the demo district: deterministic (seeded) and idempotent.

Apps add their own demo data through `Manifest.demo_loader`; this module runs them in order
after the district, its organisation, staff and residents exist.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.module_loading import import_string
from django_otp.plugins.otp_totp.models import TOTPDevice

from opengu.core import roles
from opengu.core.fields import blind_index
from opengu.core.models import Bureau, Department, District, Dong, Resident, Staff, Team, Tong, User
from opengu.core.registry import manifests
from opengu.core.services import RESIDENT_SIGNUP_NOTICE, consent_record, privacy_notice_current
from opengu.demo import district as data

SEED = 20141112  # the day the plan was approved
DEMO_PASSWORD = "opengu-demo-2026"
# Known TOTP secret for the demo auditor and administrator (base32 JBSWY3DPEHPK3PXP, hex below).
DEMO_TOTP_HEX = "48656c6c6f21deadbeef"
DEMO_TOTP_BASE32 = "JBSWY3DPEHPK3PXP"


@dataclass(frozen=True)
class Persona:
    username: str
    role: str  # shown to people
    department: str | None = None
    groups: tuple[str, ...] = ()
    resident: bool = False


PERSONAS = [
    Persona("resident", "구민", resident=True),
    Persona("resident2", "다른 구민", resident=True),
    Persona("staff", "직원(자치행정과 정보공개팀)", "admin-affairs"),
    Persona("staff2", "다른 부서 직원(복지정책과, 행복1004콜센터 상담)", "welfare-policy"),
    Persona("dong", "주민센터 직원(충현동, 복지 담당)", "dong-1141055500"),
    Persona("head", "부서장(자치행정과장)", "admin-affairs", (roles.DEPARTMENT_HEAD,)),
    Persona("disclosure", "정보공개 담당관", "admin-affairs", (roles.DISCLOSURE_OFFICER,)),
    Persona("auditor", "감사관(OTP 필요)", "audit", (roles.AUDITOR,)),
    Persona("admin", "시스템 관리자(OTP 필요)", "it", (roles.ADMINISTRATOR,)),
]


def synthetic_name(rng: random.Random) -> str:
    """A made-up Korean name (surname + two syllables): never a real person's record."""
    return rng.choice(data.SURNAMES) + rng.choice(data.GIVEN) + rng.choice(data.GIVEN)


def synthetic_phone(rng: random.Random) -> str:
    return f"010-{rng.randint(2000, 9999)}-{rng.randint(1000, 9999)}"


def is_loaded() -> bool:
    return District.objects.filter(admin_code=data.DISTRICT["admin_code"]).exists()


def _organisation(district: District) -> dict[str, Department]:
    departments: dict[str, Department] = {}
    order = 0
    for bureau_order, (bureau_name, members) in enumerate(data.ORGANISATION):
        bureau = Bureau.objects.create(district=district, name=bureau_name, order=bureau_order) if bureau_name else None
        for name, name_en, code, kind, teams in members:
            order += 1
            dept = Department.objects.create(
                district=district, bureau=bureau, name=name, name_en=name_en, code=code, kind=kind,
                phone=f"02-330-{1300 + order * 7}", order=order,
            )
            for team in teams:
                Team.objects.create(department=dept, name=team)
            departments[code] = dept
    for i, dong in enumerate(district.dongs.all()):
        departments[f"dong-{dong.code}"] = Department.objects.create(
            district=district, name=f"{dong.name} 주민센터", name_en=f"{dong.name_en} Community Centre",
            code=f"dong-{dong.code}", kind=Department.Kind.DONG_CENTRE, dong=dong,
            phone=f"02-330-{8000 + i * 10}", order=100 + i,
        )
    return departments


def _staff(user: User, name: str, dept: Department, rng: random.Random, position: str = "주무관") -> Staff:
    team = dept.teams.order_by("id").first()
    return Staff.objects.create(
        user=user, name=name, department=dept, team=team, grade=rng.choice(data.GRADES), position=position,
        office_phone=f"{dept.phone[:-2]}{rng.randint(10, 99)}",
    )


def _personas(departments: dict[str, Department], dongs: list[Dong], rng: random.Random) -> None:
    notice = privacy_notice_current(RESIDENT_SIGNUP_NOTICE)
    for persona in PERSONAS:
        user = User(username=persona.username, kind=User.Kind.RESIDENT if persona.resident else User.Kind.STAFF,
                    email="" if persona.resident else f"{persona.username}@sdm.example.kr",
                    is_staff=roles.ADMINISTRATOR in persona.groups,
                    is_superuser=roles.ADMINISTRATOR in persona.groups)
        user.set_password(DEMO_PASSWORD)
        if persona.resident:
            email = f"{persona.username}@example.com"
            user.email_index = blind_index(email)
            user.save()
            resident = Resident.objects.create(user=user, name=synthetic_name(rng), phone=synthetic_phone(rng),
                                               email=email, dong=dongs[0], birth_year=1958 if persona.username == "resident" else 1991)
            consent_record(subject=resident, notice=notice)
        else:
            user.save()
            dept = departments[persona.department or "admin-affairs"]
            position = "과장" if roles.DEPARTMENT_HEAD in persona.groups else "주무관"
            _staff(user, synthetic_name(rng), dept, rng, position)
            for group in persona.groups:
                user.groups.add(Group.objects.get_or_create(name=group)[0])
            if set(persona.groups) & roles.SECOND_FACTOR_ROLES:
                TOTPDevice.objects.create(user=user, name="demo authenticator", key=DEMO_TOTP_HEX, confirmed=True)


def _more_staff(departments: dict[str, Department], rng: random.Random) -> None:
    n = 0
    for dept in departments.values():
        head = User.objects.create(username=f"s{n:04d}", kind=User.Kind.STAFF, email=f"s{n:04d}@sdm.example.kr")
        head.set_unusable_password()
        head.save()
        _staff(head, synthetic_name(rng), dept, rng, "과장" if dept.kind != Department.Kind.DONG_CENTRE else "동장")
        n += 1
        for _ in range(3):
            user = User.objects.create(username=f"s{n:04d}", kind=User.Kind.STAFF, email=f"s{n:04d}@sdm.example.kr")
            user.set_unusable_password()
            user.save()
            _staff(user, synthetic_name(rng), dept, rng)
            n += 1


def _residents(dongs: list[Dong], rng: random.Random, count: int = 200) -> None:
    notice = privacy_notice_current(RESIDENT_SIGNUP_NOTICE)
    for i in range(count):
        user = User(username=f"r{i:04d}", kind=User.Kind.RESIDENT)
        user.set_unusable_password()
        user.save()
        resident = Resident.objects.create(
            user=user, name=synthetic_name(rng), phone=synthetic_phone(rng), dong=rng.choice(dongs),
            birth_year=rng.randint(1935, 2006),
        )
        consent_record(subject=resident, notice=notice)


def load(stdout: Callable[[str], None] = print) -> District:
    """Create the demo district once; returns it. Safe to call again (does nothing)."""
    existing = District.objects.filter(admin_code=data.DISTRICT["admin_code"]).first()
    if existing is not None:
        stdout("시연 자료가 이미 있습니다.")
        return existing
    rng = random.Random(SEED)
    with transaction.atomic():
        district = District.objects.create(**data.DISTRICT)
        dongs = []
        for order, (name, name_en, code, tongs, area) in enumerate(data.DONGS):
            dong = Dong.objects.create(district=district, name=name, name_en=name_en, code=code, order=order, area_km2=area)
            Tong.objects.bulk_create(Tong(dong=dong, number=n) for n in range(1, tongs + 1))
            dongs.append(dong)
        stdout(f"{district.name}: 행정동 {len(dongs)}개, 통 {Tong.objects.count()}개")
        departments = _organisation(district)
        _personas(departments, dongs, rng)
        _more_staff(departments, rng)
        stdout(f"부서 {len(departments)}개, 직원 {Staff.objects.count()}명")
        _residents(dongs, rng)
        stdout(f"구민 {Resident.objects.count()}명(가상 인물)")
        for manifest in manifests():
            if manifest.demo_loader:
                import_string(manifest.demo_loader)(district=district, rng=random.Random(f"{SEED}:{manifest.name}"), stdout=stdout)
    return district


def logins() -> list[tuple[str, str, str]]:
    return [(p.username, DEMO_PASSWORD, p.role) for p in PERSONAS]
