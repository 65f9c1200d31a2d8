"""Demo resource directory: 152 institutions and 1,903 resources in the plan's proportions.

중앙부처 344 come from the real national list (shipped in welfare/data, or OPENGU_WELFARE_NATIONAL_CSV);
the others (구청·주민센터 456, 병원·보건소 75, 복지관 393, 재단 48, 기타 587) are synthetic but
plausible programmes spread over the district's dongs. Deterministic for a given rng.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from opengu.core.models import Department, District
from opengu.welfare import services
from opengu.welfare.importer import parse_rows, read_table
from opengu.welfare.models import (
    Location,
    Organization,
    Phone,
    Schedule,
    SearchTerm,
    Sector,
    Service,
    ServiceAtLocation,
    ServiceVersion,
    SourceType,
    TaxonomyTerm,
)

NATIONAL_CSV = Path(os.environ.get("OPENGU_WELFARE_NATIONAL_CSV", "")
                    or Path(__file__).parent / "data" / "welfare_services_bokjiro_20250722.csv")
PLAN_RESOURCES = {SourceType.MINISTRY: 344, SourceType.DISTRICT: 456, SourceType.HEALTH: 75,
                  SourceType.WELFARE_CENTRE: 393, SourceType.FOUNDATION: 48, SourceType.OTHER: 587}
PLAN_INSTITUTIONS = 152

# (programme, summary, eligibility, minimum age, maximum age)
PROGRAMMES: tuple[tuple[str, str, str, int | None, int | None], ...] = (
    ("독거어르신 안부확인", "혼자 사시는 어르신 댁을 방문하거나 전화로 안부를 확인하고 돌봄이 필요하면 연계합니다.", "65세 이상 독거노인", 65, None),
    ("어르신 밑반찬 배달", "거동이 불편한 어르신께 주 2회 밑반찬과 도시락을 배달합니다.", "65세 이상 저소득 어르신", 65, None),
    ("경로식당 무료 점심", "어르신께 평일 점심을 무료로 제공합니다.", "60세 이상 기초생활수급 어르신", 60, None),
    ("치매 예방 교실", "인지 건강 프로그램으로 치매를 예방하고 조기 검진을 안내합니다.", "60세 이상 주민", 60, None),
    ("방문 건강관리", "간호사가 가정을 방문하여 혈압·혈당을 측정하고 건강 상담을 합니다.", "거동이 불편한 취약계층", None, None),
    ("임산부 영양 플러스", "임산부와 영유아에게 보충 식품과 영양 교육을 제공합니다.", "임산부, 만 6세 미만 영유아", None, 5),
    ("산모 신생아 방문", "출산 후 4주 안에 간호사가 방문하여 산모와 신생아 건강을 살핍니다.", "출산 가정", None, None),
    ("아동 방과후 돌봄", "초등학생에게 방과후 학습과 급식, 돌봄을 제공합니다.", "6세~12세 아동", 6, 12),
    ("청소년 진로 상담", "청소년의 진로 탐색과 학업 고민을 상담합니다.", "9~24세 청소년", 9, 24),
    ("청년 마음건강 상담", "우울과 불안을 겪는 청년에게 심리상담을 지원합니다.", "19~34세 청년", 19, 34),
    ("청년 취업 준비 교실", "이력서 작성과 면접 준비, 일자리 연계를 돕습니다.", "19~34세 구직 청년", 19, 34),
    ("중장년 재취업 지원", "중장년의 재취업 교육과 일자리 알선을 합니다.", "40세 이상 구직자", 40, None),
    ("장애인 활동지원 연계", "장애인의 일상생활과 사회활동을 돕는 활동지원 서비스를 연계합니다.", "등록 장애인", 6, 64),
    ("장애인 재활 체육", "장애인의 재활과 건강을 위한 체육 프로그램을 운영합니다.", "등록 장애인", None, None),
    ("한부모가족 자조모임", "한부모가족이 모여 양육 정보를 나누고 상담을 받습니다.", "한부모·조손 가족", None, None),
    ("다문화가족 한국어 교육", "결혼이민자와 다문화가족에게 한국어와 생활 교육을 합니다.", "결혼이민자, 다문화가족", None, None),
    ("북한이탈주민 정착 상담", "탈북민의 지역 정착과 취업을 상담합니다.", "북한이탈주민", None, None),
    ("저소득 가구 긴급 생계비", "갑작스러운 위기로 생계가 어려운 가구에 긴급 생계비를 지원합니다.", "중위소득 75% 이하 위기 가구", None, None),
    ("겨울철 난방비 지원", "저소득 가구의 겨울철 에너지 비용을 지원합니다.", "기초생활수급자, 차상위계층", None, None),
    ("주거환경 개선 집수리", "노후 주택의 도배, 장판, 단열 등 집수리를 지원합니다.", "저소득 자가 가구", None, None),
    ("무료 법률 상담", "변호사가 임대차, 채무, 가족 문제를 무료로 상담합니다.", "구민 누구나", None, None),
    ("서민 금융 상담", "채무 조정과 서민 대출 상품을 안내합니다.", "저소득 구민", 19, None),
    ("가정폭력 피해자 보호", "가정폭력 피해자에게 상담과 긴급 보호를 제공합니다.", "가정폭력 피해자", None, None),
    ("아동학대 예방 교육", "부모와 보호자에게 아동학대 예방과 긍정 양육을 교육합니다.", "자녀를 둔 부모", None, None),
    ("공동육아 나눔터", "영유아 부모가 함께 육아하고 놀이 공간을 이용합니다.", "영유아 자녀를 둔 가정", None, None),
    ("보육 상담", "어린이집 입소와 보육료 지원을 상담합니다.", "영유아 보호자", None, None),
    ("어르신 문화 여가 교실", "노래, 미술, 스마트폰 활용 등 여가 프로그램을 운영합니다.", "60세 이상 어르신", 60, None),
    ("가정위탁 상담", "가정위탁과 입양을 안내하고 위탁가정을 지원합니다.", "위탁을 원하는 가정", None, None),
    ("장기요양 등급 신청 안내", "노인장기요양 등급 신청과 요양 서비스를 안내합니다.", "65세 이상 또는 노인성 질환자", None, None),
    ("푸드뱅크 식품 나눔", "기부받은 식품과 생활용품을 저소득 가구에 나눕니다.", "기초생활수급자, 차상위계층", None, None),
    ("보훈가족 위문", "국가유공자와 보훈가족을 방문하여 위문하고 생활을 살핍니다.", "보훈대상자", None, None),
    ("다자녀 가정 문화 바우처", "다자녀 가정에 문화 공연 관람권을 지원합니다.", "자녀 셋 이상 가정", None, None),
)

WELFARE_CENTRES = ("서대문종합사회복지관", "홍은종합사회복지관", "북가좌종합사회복지관", "남가좌종합사회복지관",
                   "연희노인복지관", "서대문노인종합복지관", "서대문장애인종합복지관", "홍제노인복지관",
                   "신촌노인복지센터", "서대문구립노인요양센터", "충현사회복지관", "천연어르신복지센터",
                   "북아현종합사회복지관", "홍은장애인복지센터", "서대문청소년수련관", "홍제청소년문화의집",
                   "서대문구가족센터", "서대문다문화가족지원센터", "서대문구립장애인보호작업장", "연희청소년문화의집",
                   "가재울종합사회복지관", "모래내종합사회복지관", "안산자락노인복지센터", "인왕노인복지센터",
                   "북가좌노인복지관", "남가좌장애인주간보호센터", "홍제종합사회복지관", "신촌종합사회복지관",
                   "서대문지역아동센터연합", "서대문구립치매안심센터")
HEALTH = ("서대문구보건소", "서대문구보건소 천연분소", "서대문정신건강복지센터", "서대문구 방문간호센터",
          "신촌연세병원 사회사업팀", "서울적십자병원 공공의료사업팀", "동신병원 의료사회복지팀",
          "홍제 한의원 나눔진료소", "서대문 치과의사회 나눔진료")
FOUNDATIONS = ("서대문구행복나눔재단", "서대문장학재단", "연희문화재단", "서대문희망나눔재단",
               "가재울나눔재단", "인왕장학회", "안산자락복지재단", "홍제나눔재단", "신촌사랑재단", "북아현희망재단")
OTHER_KINDS = ("지역아동센터", "경로당", "자활센터", "교회 나눔부", "푸드마켓", "협동조합", "자원봉사캠프",
               "작은도서관", "주민모임", "상담소")


def _shares(total: int, parts: int, rng: random.Random) -> list[int]:
    """Split `total` into `parts` positive integers that sum exactly to `total`."""
    base = [1] * parts
    for _ in range(total - parts):
        base[rng.randrange(parts)] += 1
    return base


def _department(code: str) -> Department | None:
    return Department.objects.filter(code=code).first()


def load(*, district: District, rng: random.Random, stdout: Callable[[str], None] = print) -> None:
    """Create the demo directory once (does nothing if services already exist)."""
    if Service.objects.exists():
        stdout("복지자원: 이미 있습니다.")
        return
    with transaction.atomic():
        services.taxonomies_ensure()
        services.synonyms_ensure()
        _national(rng)
        _local(district, rng)
    counts = {label: Service.objects.filter(organization__source_type=value).count() for value, label in SourceType.choices}
    stdout(f"복지자원: 기관 {Organization.objects.count()}곳, 자원 {Service.objects.count()}건 "
           + ", ".join(f"{k} {v}" for k, v in counts.items()))


def _national(rng: random.Random) -> None:
    if not NATIONAL_CSV.exists():
        return
    _layout, rows = parse_rows(read_table(NATIONAL_CSV))
    rows = [r for r in rows if not r.errors][: PLAN_RESOURCES[SourceType.MINISTRY]]
    policy = _department("welfare-policy")
    report = services.services_import(actor=None, rows=rows, managing_department=policy)
    if report.errors:
        raise RuntimeError("; ".join(report.errors[:5]))


def _local(district: District, rng: random.Random) -> None:
    dongs = list(district.dongs.order_by("order"))
    if not dongs:
        return
    ministries = Organization.objects.filter(source_type=SourceType.MINISTRY).count()
    welfare_policy = _department("welfare-policy")
    health_centre = _department("health-centre")
    plan: list[tuple[str, str, str, Department | None, Any]] = []  # (name, type, sector, department, dong)
    plan.append((f"{district.name}청", SourceType.DISTRICT, Sector.PUBLIC, welfare_policy, dongs[0]))
    for dong in dongs:
        plan.append((f"{dong.name} 주민센터", SourceType.DISTRICT, Sector.PUBLIC,
                     _department(f"dong-{dong.code}") or welfare_policy, dong))
    for i, name in enumerate(HEALTH):
        plan.append((name, SourceType.HEALTH, Sector.PUBLIC if i < 4 else Sector.PRIVATE, health_centre or welfare_policy,
                     dongs[i % len(dongs)]))
    for i, name in enumerate(WELFARE_CENTRES):
        plan.append((name, SourceType.WELFARE_CENTRE, Sector.PRIVATE, welfare_policy, dongs[i % len(dongs)]))
    for i, name in enumerate(FOUNDATIONS):
        plan.append((name, SourceType.FOUNDATION, Sector.PRIVATE, welfare_policy, dongs[(i * 3) % len(dongs)]))
    others = PLAN_INSTITUTIONS - ministries - len(plan)
    for i in range(max(others, 1)):
        dong = dongs[i % len(dongs)]
        kind = OTHER_KINDS[i % len(OTHER_KINDS)]
        plan.append((f"{dong.name} {kind}" + (f" {i // (len(dongs) * len(OTHER_KINDS)) + 2}" if i >= len(dongs) * len(OTHER_KINDS) else ""),
                     SourceType.OTHER, Sector.PRIVATE, welfare_policy, dong))

    terms = {(t.taxonomy.key, t.code): t for t in TaxonomyTerm.objects.select_related("taxonomy")}
    today = timezone.localdate()
    now = timezone.now()
    by_type: dict[str, list[tuple[Organization, Location]]] = {}
    for index, (name, source_type, sector, department, dong) in enumerate(plan):
        organization = Organization.objects.create(name=name, source_type=source_type, sector=sector,
                                                   managing_department=department,
                                                   description=f"{dong.name}에 있는 {SourceType(source_type).label}입니다.")
        location = Location.objects.create(organization=organization, name=name, dong=dong, city=district.name,
                                           region=district.city,
                                           address=f"{district.city} {district.name} {dong.name} {rng.randint(1, 300)}-{rng.randint(1, 40)}")
        Phone.objects.create(organization=organization, number=f"02-{rng.randint(300, 399)}-{rng.randint(1000, 9999)}",
                             description="대표 전화")
        Schedule.objects.create(location=location, freq="WEEKLY", byday="MO,TU,WE,TH,FR",
                                opens_at=dt.time(9), closes_at=dt.time(18), description="평일")
        if index % 4 == 0:
            Schedule.objects.create(location=location, freq="WEEKLY", byday="SA", opens_at=dt.time(10),
                                    closes_at=dt.time(13), description="토요일 오전")
        by_type.setdefault(source_type, []).append((organization, location))

    created: list[Service] = []
    links: list[tuple[int, list[Any]]] = []
    for source_type, total in PLAN_RESOURCES.items():
        if source_type == SourceType.MINISTRY:
            continue
        owners = by_type.get(source_type, [])
        if not owners:
            continue
        for (organization, location), count in zip(owners, _shares(total, len(owners), rng), strict=True):
            picks = rng.sample(range(len(PROGRAMMES)), k=min(count, len(PROGRAMMES)))
            for n in range(count):
                programme, summary, eligibility, low, high = PROGRAMMES[picks[n % len(picks)]]
                suffix = "" if n < len(picks) else f" {n // len(picks) + 1}기"
                assured = today - dt.timedelta(days=rng.randint(0, 720))
                service = Service(organization=organization, name=f"{programme}{suffix}", description=summary,
                                  eligibility_description=eligibility, minimum_age=low, maximum_age=high,
                                  fees_description="무료" if rng.random() < 0.8 else "실비 일부 부담",
                                  required_documents="신분증\n" + ("수급자 증명서" if "수급" in eligibility else ""),
                                  application_process="방문 또는 전화로 신청합니다.", assured_date=assured,
                                  status=Service.Status.ACTIVE if rng.random() < 0.97 else Service.Status.TEMPORARILY_CLOSED,
                                  created_at=now, modified_at=now)
                created.append(service)
                links.append((len(created) - 1, [location]))
    Service.objects.bulk_create(created, batch_size=500)
    through = Service.taxonomy_terms.through
    memberships = []
    sal_rows = []
    for service in created:
        for key, codes in services.classify.classify(f"{service.name} {service.description} {service.eligibility_description}").items():
            for code in codes:
                if (key, code) in terms:
                    memberships.append(through(service_id=service.id, taxonomyterm_id=terms[(key, code)].id))
    for index, locations in links:
        for location in locations:
            sal_rows.append(ServiceAtLocation(service=created[index], location=location))
    through.objects.bulk_create(memberships, batch_size=1000)
    ServiceAtLocation.objects.bulk_create(sal_rows, batch_size=1000)
    clinics = [s for s in created if "건강" in s.name or "치매" in s.name][:20]
    Schedule.objects.bulk_create([
        Schedule(service=s, freq="MONTHLY", byday="1TH,3TH", opens_at=dt.time(14), closes_at=dt.time(17),
                 description="매월 첫째·셋째 목요일") for s in clinics])
    term_names: dict[int, list[str]] = {}
    by_id = {t.id: t.name for t in terms.values()}
    for membership in memberships:
        term_names.setdefault(membership.service_id, []).append(by_id[membership.taxonomyterm_id])
    index_rows: list[SearchTerm] = []
    versions: list[ServiceVersion] = []
    for service in created:
        index_rows.extend(services._index_rows(service, term_names.get(service.id, [])))
        versions.append(ServiceVersion(service=service, number=1, snapshot=services.service_snapshot(service),
                                       changed_fields=[], actor_label="시연 자료", note="등록"))
    SearchTerm.objects.bulk_create(index_rows, batch_size=2000)
    ServiceVersion.objects.bulk_create(versions, batch_size=500)

