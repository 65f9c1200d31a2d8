from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import opengu.welfare
from opengu.welfare import services
from opengu.welfare.models import (
    Location,
    Organization,
    Schedule,
    Sector,
    Service,
    ServiceAtLocation,
    SourceType,
)
from tests.messaging.conftest import sms_gateway, smtp_server  # noqa: F401  (the real SMTP server and SMS gateway)
from tests.personas import Personas

NATIONAL_CSV = Path(opengu.welfare.__file__).parent / "data" / "welfare_services_bokjiro_20250722.csv"


@pytest.fixture
def directory(personas: Personas) -> dict[str, object]:
    """A small directory: one welfare centre managed by 복지정책과 (other_staff's department)."""
    services.taxonomies_ensure()
    services.synonyms_ensure()
    centre = Organization.objects.create(name="연희노인복지관", source_type=SourceType.WELFARE_CENTRE,
                                         sector=Sector.PRIVATE, managing_department=personas.other_department)
    place = Location.objects.create(organization=centre, name="연희노인복지관", dong=personas.dong,
                                    address="서울특별시 서대문구 연희동 1-1")
    Schedule.objects.create(location=place, freq="WEEKLY", byday="MO,TU,WE,TH,FR",
                            opens_at=dt.time(9), closes_at=dt.time(18))
    lunch = services.service_create(actor=personas.other_staff, organization=centre, data={
        "name": "독거어르신 도시락 배달", "description": "혼자 사시는 어르신께 도시락을 배달합니다.",
        "eligibility_description": "65세 이상 독거노인", "minimum_age": 65, "assured_date": dt.date(2020, 1, 1)})
    ServiceAtLocation.objects.create(service=lunch, location=place)
    kids = services.service_create(actor=personas.other_staff, organization=centre, data={
        "name": "아동 방과후 돌봄", "description": "초등학생 방과후 학습과 돌봄",
        "eligibility_description": "6세~12세 아동", "minimum_age": 6, "maximum_age": 12,
        "assured_date": dt.date.today()})
    return {"centre": centre, "place": place, "lunch": lunch, "kids": kids}


@pytest.fixture
def service(directory: dict[str, object]) -> Service:
    return directory["lunch"]  # type: ignore[return-value]


@pytest.fixture
def dong_staff(personas: Personas) -> dict[str, object]:
    """A staff member of each persona dong's 주민센터 (the dong scoping under test)."""
    from opengu.core.models import Department, Staff, User
    from tests.personas import PASSWORD

    made: dict[str, object] = {}
    for key, dong in (("own", personas.dong), ("other", personas.other_dong)):
        centre = Department.objects.create(district=personas.district, name=f"{dong.name}주민센터",
                                           code=f"dong-{dong.code}", kind=Department.Kind.DONG_CENTRE, dong=dong)
        user = User.objects.create_user(username=f"dong_{key}", password=PASSWORD, kind=User.Kind.STAFF)
        Staff.objects.create(user=user, name=f"{dong.name}직원", department=centre)
        made[key] = user
    return made


@pytest.fixture
def client_record(personas: Personas):  # type: ignore[no-untyped-def]
    """A client of 연희동 registered by the centre (other_staff is 복지정책과, the centre)."""
    return services.client_register(actor=personas.other_staff, name="박순자", birth_date="1948-03-05",
                                    phone="010-2222-3333", address="서울특별시 서대문구 연희로 12-3",
                                    dong=personas.dong, flags=["living_alone", "basic_livelihood"], consent=True)
