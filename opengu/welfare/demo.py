"""Demo resource directory: 152 institutions and 1,903 resources in the plan's proportions.

중앙부처 344 come from the real national list (shipped in welfare/data, or OPENGU_WELFARE_NATIONAL_CSV);
the others (구청·주민센터 456, 병원·보건소 75, 복지관 393, 재단 48, 기타 587) are synthetic but
plausible programmes spread over the district's dongs. Deterministic for a given rng.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import random
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from opengu.core.models import Department, District, Tong
from opengu.welfare import geo, services
from opengu.welfare.importer import parse_rows, read_table
from opengu.welfare.models import (
    BenefitReceipt,
    Call,
    Case,
    Client,
    HomeVisit,
    HomeVisitFamily,
    Location,
    Organization,
    OutreachCampaign,
    OutreachNotice,
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
    """Create the demo directory, then the consultation centre's clients, calls, cases and an
    outreach campaign, then the support programmes; each part only once (it does nothing when
    its rows already exist)."""
    from opengu.welfare import demo_programmes

    _directory(district=district, rng=rng, stdout=stdout)
    load_centre(district=district, rng=rng, stdout=stdout)
    demo_programmes.load(rng=rng, stdout=stdout)


def _directory(*, district: District, rng: random.Random, stdout: Callable[[str], None]) -> None:
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


def _near_centre(dong: Any, index: int) -> tuple[Decimal | None, Decimal | None]:
    """A made-up position within about 700 m of the dong's 주민센터 (its own random stream, so the
    rest of the demo stays as it was)."""
    centre = geo.DONG_CENTRES.get(dong.code)
    if centre is None:
        return None, None
    spread = random.Random(f"welfare-location-{index}")
    distance_km, bearing = 0.7 * math.sqrt(spread.random()), spread.uniform(0, 2 * math.pi)
    south, north, west, east = geo.bounding_box(centre[0], centre[1], distance_km)
    latitude = centre[0] + (north - centre[0]) * math.cos(bearing)
    longitude = centre[1] + (east - centre[1]) * math.sin(bearing)
    return Decimal(f"{latitude:.6f}"), Decimal(f"{longitude:.6f}")


# Local place names that are not a dong's own name, and the dong they lie in.
PLACE_DONGS = {"가재울": "남가좌2동", "모래내": "남가좌1동", "안산자락": "천연동", "인왕": "홍제1동"}


def _home_dong(name: str, dongs: list[Any], fallback: Any) -> Any:
    """The dong an institution's name places it in (북아현종합사회복지관 → 북아현동, 홍제노인복지관 →
    홍제1동, 가재울… → 남가좌2동), else `fallback`: so a place's address and position match its name."""
    by_name = {dong.name: dong for dong in dongs}
    for place, dong_name in PLACE_DONGS.items():
        if place in name and dong_name in by_name:
            return by_name[dong_name]
    for dong in dongs:
        stem = dong.name.rstrip("동").rstrip("0123456789")
        if stem and stem in name:
            return dong
    return fallback


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
                     _home_dong(name, dongs, dongs[i % len(dongs)])))
    for i, name in enumerate(WELFARE_CENTRES):
        plan.append((name, SourceType.WELFARE_CENTRE, Sector.PRIVATE, welfare_policy,
                     _home_dong(name, dongs, dongs[i % len(dongs)])))
    for i, name in enumerate(FOUNDATIONS):
        plan.append((name, SourceType.FOUNDATION, Sector.PRIVATE, welfare_policy,
                     _home_dong(name, dongs, dongs[(i * 3) % len(dongs)])))
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
        latitude, longitude = _near_centre(dong, index)
        location = Location.objects.create(organization=organization, name=name, dong=dong, city=district.name,
                                           region=district.city, latitude=latitude, longitude=longitude,
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
                # The institution's name goes first, so that the same programme run by sixty
                # institutions reads as sixty resources, not sixty identical cards.
                label = organization.name.removesuffix(" 주민센터")
                service = Service(organization=organization, name=f"{label} {programme}{suffix}", description=summary,
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



# ---------------------------------------------------------------------------------------------
# 행복1004콜센터: synthetic clients, months of calls, cases and one outreach campaign.
# Every name, phone and address below is made up; no real person appears.
# ---------------------------------------------------------------------------------------------

# Apps may not import `opengu.demo` (the layers contract), so the made-up names are built here in
# the same way as `opengu.demo.loader.synthetic_name`: surname and two given syllables.
SURNAMES = "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나"
GIVEN = "민서준도윤하은지우현수예진아영유연시재성혜경희나리원상동정철호태건승빈채율주다소미향숙자순옥"


def synthetic_name(rng: random.Random) -> str:
    """A made-up Korean name: never a real person's record."""
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)


def synthetic_phone(rng: random.Random) -> str:
    """A made-up mobile number."""
    return f"010-{rng.randint(2000, 9999)}-{rng.randint(1000, 9999)}"

# The plan's August 2014 table: incoming answered, abandoned, outgoing; numbers seen, repeaters.
PLAN_MONTH = {"answered": 312, "abandoned": 136, "outgoing": 187, "callers": 300, "repeat_callers": 32}
CENTRE_MONTHS = 6  # full months of calls before the current one; the last is the plan's month exactly
CLIENTS = 240
# The plan's 희망키움통장II campaign (today 희망저축계좌II): 207 told, 29 applied (14 %).
OUTREACH_BENEFIT, OUTREACH_NOTIFIED, OUTREACH_APPLIED = "hope_savings_2", 207, 29
NOTES = ("혼자 지내셔서 식사가 걱정된다고 하심", "월세가 밀려 주거 지원을 문의함", "병원비 부담으로 의료비 지원 문의",
         "일자리를 찾고 있어 취업 지원 안내", "아이 돌봄 서비스 신청 방법 문의", "난방비 지원 대상인지 문의",
         "기초연금 신청 절차 안내", "채무 상담 기관 연계 요청", "장애인 활동지원 신청 문의", "우울감을 호소하여 상담 기관 안내")
SITUATIONS = ("관리비가 석 달째 밀렸고 우편물이 쌓여 있습니다.", "혼자 사시는 어르신이 며칠째 보이지 않습니다.",
              "실직 후 월세를 내지 못해 퇴거 위기에 있습니다.", "아이들만 밤늦게까지 집에 있는 날이 많습니다.",
              "병원 치료를 미루고 계셔서 건강이 걱정됩니다.", "단전 예고장을 받았다고 하십니다.",
              "가족과 연락이 끊긴 채 혼자 지내십니다.", "전기요금 체납으로 겨울 난방이 어렵습니다.")


def _previous_month(month: dt.date) -> dt.date:
    return (month - dt.timedelta(days=1)).replace(day=1)


def _centre_counsellors() -> list[Any]:
    from opengu.core.models import User

    return list(User.objects.filter(staff__department__code="welfare-policy").order_by("pk")[:6])


def _clients(district: District, actor: Any, rng: random.Random, today: dt.date) -> list[Client]:
    """CLIENTS synthetic clients with consent recorded. The first OUTREACH_NOTIFIED are working-age
    차상위 households (the outreach campaign's audience); the rest are mostly older people."""
    from opengu.core.fields import blind_index
    from opengu.core.services import consent_record

    dongs = list(district.dongs.order_by("order"))
    rows: list[Client] = []
    phones: set[str] = set()
    for index in range(CLIENTS):
        phone = synthetic_phone(rng)
        while phone in phones:
            phone = synthetic_phone(rng)
        phones.add(phone)
        dong = dongs[index % len(dongs)]
        if index < OUTREACH_NOTIFIED:
            age, flags = rng.randint(25, 58), ["near_poverty"] + (["single_parent"] if index % 5 == 0 else [])
        else:
            age = rng.randint(66, 92)
            flags = ["elderly", rng.choice(["living_alone", "basic_livelihood", "disability", "near_poverty"])]
        birth = dt.date(today.year - age, rng.randint(1, 12), rng.randint(1, 28))
        rows.append(Client(name=synthetic_name(rng), birth_date=birth.isoformat(), phone=phone,
                           phone_index=blind_index(phone), dong=dong, flags=flags, created_by=actor,
                           address=f"{district.city} {district.name} {dong.name} {rng.randint(1, 300)}-{rng.randint(1, 40)}",
                           created_at=timezone.now() - dt.timedelta(days=rng.randint(200, 400))))
    created = Client.objects.bulk_create(rows, batch_size=500)
    notice = services.client_notice()
    for client in created:
        consent_record(subject=client, notice=notice, channel="phone", recorded_by=actor)
    return created


def _month_calls(*, days: list[dt.date], answered: int, abandoned: int, outgoing: int, callers: int,
                 repeat_callers: int, clients: list[Client], counsellors: list[Any], topics: list[Any],
                 rng: random.Random) -> list[Call]:
    """One month's calls: `callers` distinct numbers on incoming calls, `repeat_callers` of them twice;
    the other incoming calls carry no number (withheld). Calls to known clients are linked to them."""
    from opengu.core.fields import blind_index

    tz = timezone.get_current_timezone()
    known = rng.sample(clients, k=min(len(clients), callers // 10))
    numbers = [c.phone for c in known]
    seen = set(numbers)
    while len(numbers) < callers:
        phone = synthetic_phone(rng)
        if phone not in seen:
            seen.add(phone)
            numbers.append(phone)
    numbers += numbers[:repeat_callers]
    by_phone = {c.phone: c for c in known}
    incoming = [Call.Outcome.ANSWERED] * answered + [Call.Outcome.ABANDONED] * abandoned
    rng.shuffle(incoming)
    kinds = [(Call.Direction.INCOMING, outcome) for outcome in incoming] + [(Call.Direction.OUTGOING, Call.Outcome.ANSWERED)] * outgoing
    calls: list[Call] = []
    for index, (direction, outcome) in enumerate(kinds):
        start = dt.datetime.combine(rng.choice(days), dt.time(9 + rng.randrange(9), rng.randrange(60), rng.randrange(60)), tzinfo=tz)
        phone = numbers[index] if direction == Call.Direction.INCOMING and index < len(numbers) else ""
        client = by_phone.get(phone) if outcome == Call.Outcome.ANSWERED else None
        if direction == Call.Direction.OUTGOING and rng.random() < 0.3:
            client = rng.choice(clients)  # the centre calling a client back
        answered_call = outcome == Call.Outcome.ANSWERED
        duration = rng.randint(60, 1200) if answered_call else 0
        calls.append(Call(
            direction=direction, outcome=outcome, counsellor=rng.choice(counsellors) if counsellors and answered_call else None,
            started_at=start, ended_at=start + dt.timedelta(seconds=duration), duration_seconds=duration,
            topic=rng.choice(topics) if topics and answered_call else None, caller_phone=phone,
            caller_index=blind_index(phone) if phone else "", client=client,
            notes=rng.choice(NOTES) if client is not None else ""))
    return calls


def _calls(clients: list[Client], rng: random.Random, today: dt.date) -> int:
    """CENTRE_MONTHS full months (the last exactly the plan's table, earlier ones within ±15 %) and the
    current month up to yesterday at the plan's daily rate."""
    from opengu.core.calendar import office_calendar

    calendar = office_calendar()
    counsellors = _centre_counsellors()
    topics = list(TaxonomyTerm.objects.filter(taxonomy__key="topic"))
    month = _previous_month(today.replace(day=1))
    months = []
    for _ in range(CENTRE_MONTHS):
        months.append(month)
        month = _previous_month(month)
    total = 0
    for month in reversed(months):
        days = [month + dt.timedelta(days=n) for n in range(31)
                if (month + dt.timedelta(days=n)).month == month.month and calendar.is_workday(month + dt.timedelta(days=n))]
        if month == months[0]:
            shape = dict(PLAN_MONTH)
        else:
            shape = {key: round(value * rng.uniform(0.85, 1.15)) for key, value in PLAN_MONTH.items()}
            shape["repeat_callers"] = min(shape["repeat_callers"], shape["callers"])
            shape["callers"] = min(shape["callers"], shape["answered"] + shape["abandoned"] - shape["repeat_callers"])
        calls = _month_calls(days=days, clients=clients, counsellors=counsellors, topics=topics, rng=rng, **shape)
        total += len(Call.objects.bulk_create(calls, batch_size=500))
    current = [today.replace(day=d) for d in range(1, today.day) if calendar.is_workday(today.replace(day=d))]
    if current:
        share = len(current) / 20  # the plan's month had 20 working days
        shape = {key: int(value * share) for key, value in PLAN_MONTH.items()}
        calls = _month_calls(days=current, clients=clients, counsellors=counsellors, topics=topics, rng=rng, **shape)
        total += len(Call.objects.bulk_create(calls, batch_size=500))
    return total


def _cases(district: District, actor: Any, clients: list[Client], rng: random.Random) -> int:
    """Eight cases through the real services, stopping at different steps so every stage shows."""

    dongs = list(district.dongs.order_by("order"))
    channels = [Case.Channel.WELFARE_TONGJANG, Case.Channel.COUNCIL, Case.Channel.DISCOVERY_TEAM,
                Case.Channel.DONG_CENTRE, Case.Channel.VISITING_NURSE, Case.Channel.CALL_CENTRE,
                Case.Channel.RESIDENT, Case.Channel.CALL_CENTRE]
    now = timezone.now()
    for depth, channel in enumerate(channels):
        dong = dongs[depth % len(dongs)]
        tong = Tong.objects.filter(dong=dong).order_by("number").first() if channel == Case.Channel.WELFARE_TONGJANG else None
        if channel == Case.Channel.WELFARE_TONGJANG and tong is None:
            channel = Case.Channel.DONG_CENTRE  # a district without 통 has no 복지통장
        case = services.case_report(
            actor=None if channel == Case.Channel.RESIDENT else actor, channel=channel, situation=SITUATIONS[depth],
            dong=dong, tong=tong, subject_name=synthetic_name(rng), consent=channel == Case.Channel.RESIDENT,
            subject_address=f"{district.name} {dong.name} {rng.randint(1, 300)}-{rng.randint(1, 40)}")
        if depth >= 1:
            services.case_triage(actor=actor, case=case, urgency=Case.Urgency.URGENT if depth % 3 == 0 else Case.Urgency.NORMAL)
        if depth >= 2:
            services.case_assign(actor=actor, case=case, dong=dong)
        if depth >= 3:
            # A case still waiting for its visit has it ahead; the others were visited this morning,
            # before their assessment (a visit is scheduled for today or later).
            visit_at = now + dt.timedelta(days=depth) if depth == 3 else max(now - dt.timedelta(hours=1),
                                                                              timezone.localtime(now).replace(hour=0, minute=5))
            services.case_visit_schedule(actor=actor, case=case, visit_at=visit_at,
                                         note="방문간호사와 함께 방문" if depth % 2 else "")
        if depth >= 4:
            # The client assessed lives in the case's dong when the demo has one there.
            local = [c for c in clients if c.dong_id == dong.pk]
            services.case_assess(actor=actor, case=case, client=local[-1] if local else clients[-1 - depth],
                                 assessment="소득 단절과 건강 문제로 생계와 돌봄 지원이 필요합니다.")
        if depth >= 5:
            services.case_plan(actor=actor, case=case, plan="긴급 생계비 신청, 방문 건강관리 연계, 월 1회 안부 확인")
        if depth >= 6:
            services.case_meeting(actor=actor, case=case, held_at=now - dt.timedelta(hours=2),
                                  attendees="복지동장, 방문간호사, 종합사회복지관 사례관리자",
                                  decision="생계비는 동주민센터가, 방문 건강관리는 보건소가, 안부 확인은 복지관이 맡음")
        if depth >= 7:
            services.case_close(actor=actor, case=case, reason="지원 연계를 마치고 생활이 안정되어 종결")
    return len(channels)


def _outreach(actor: Any, clients: list[Client], rng: random.Random) -> OutreachCampaign:
    """The plan's campaign: notices recorded as already sent (the demo sends no SMS)."""
    campaign = services.outreach_campaign_create(
        actor=actor, benefit=OUTREACH_BENEFIT, title="희망저축계좌II(옛 희망키움통장II) 안내",
        message="[서대문구] 일하는 차상위 가구의 저축에 정부가 더해 드리는 희망저축계좌II를 동주민센터에서 신청하세요.")
    sent = timezone.now() - dt.timedelta(days=40)
    audience = clients[: OUTREACH_NOTIFIED]
    applied = set(rng.sample(range(len(audience)), k=OUTREACH_APPLIED))
    OutreachNotice.objects.bulk_create([
        OutreachNotice(campaign=campaign, client=client, notified_at=sent,
                       applied_at=sent + dt.timedelta(days=rng.randint(2, 30)) if index in applied else None,
                       applied_recorded_by=actor if index in applied else None)
        for index, client in enumerate(audience)])
    return campaign


HOME_VISIT_FAMILIES = 12


def _home_visits(actor: Any, clients: list[Client], rng: random.Random, today: dt.date) -> int:
    """Mothers among the working-age clients with newborns up to two years old; every third family
    vulnerable. Visits follow the plan, with some families a visit or two behind (overdue)."""
    from opengu.welfare import homevisits

    nurses = services.nurse_choices()[:3]  # the health centre's staff share the families
    families: list[HomeVisitFamily] = []
    for index, mother in enumerate(clients[:HOME_VISIT_FAMILIES]):
        birth = today - dt.timedelta(days=rng.randint(5, 700))
        families.append(HomeVisitFamily(mother=mother, child_birth_date=birth.isoformat(), vulnerable=index % 3 == 0,
                                        nurse=nurses[index % len(nurses)] if nurses else None, created_by=actor))
    HomeVisitFamily.objects.bulk_create(families)
    visits: list[HomeVisit] = []
    for family in families:
        due = [day for day in homevisits.visit_plan(birth=family.birth, vulnerable=family.vulnerable) if day < today]
        behind = rng.choice((0, 0, 1, 2))
        for day in due[: max(len(due) - behind, 0)]:
            visited = min(day - dt.timedelta(days=rng.randint(0, 6)), today)
            visits.append(HomeVisit(family=family, visited_on=max(visited, family.birth), nurse=family.nurse or actor,
                                    note=rng.choice(("체중·수유 확인", "예방접종 일정 안내", "산모 우울 선별검사", "이유식 상담"))))
    HomeVisit.objects.bulk_create(visits)
    return len(families)


def _receipts(actor: Any, clients: list[Client], campaign: OutreachCampaign | None) -> int:
    """수급 이력: who applied after the campaign now receives 희망저축계좌II; the older clients
    receive 기초연금, and those flagged 기초생활수급 also 생계·의료급여 (as looked up in 행복이음)."""
    rows: list[BenefitReceipt] = []
    if campaign is not None:
        rows += [BenefitReceipt(client_id=notice.client_id, benefit=OUTREACH_BENEFIT, started_on=timezone.localdate(notice.applied_at),
                                source=BenefitReceipt.Source.OUTREACH, recorded_by=actor)
                 for notice in campaign.notices.filter(applied_at__isnull=False)]
    for client in clients[OUTREACH_NOTIFIED:]:
        since = client.created_at.date()
        system = BenefitReceipt.Source.SOCIAL_SECURITY_SYSTEM
        rows.append(BenefitReceipt(client=client, benefit="basic_pension", started_on=since, source=system,
                                   recorded_by=actor))
        if "basic_livelihood" in client.flags:
            rows += [BenefitReceipt(client=client, benefit=code, started_on=since, source=system, recorded_by=actor)
                     for code in ("livelihood", "medical")]
    BenefitReceipt.objects.bulk_create(rows)
    return len(rows)


def load_centre(*, district: District, rng: random.Random, stdout: Callable[[str], None] = print,
                today: dt.date | None = None) -> None:
    """The consultation centre's demo (once: nothing happens when clients or calls exist)."""
    if Client.objects.exists() or Call.objects.exists():
        stdout("행복1004콜센터: 이미 있습니다.")
        return
    today = today or timezone.localdate()
    counsellors = _centre_counsellors()
    actor = counsellors[0] if counsellors else None
    with transaction.atomic():
        services.taxonomies_ensure()
        clients = _clients(district, actor, rng, today)
        calls = _calls(clients, rng, today)
        cases = _cases(district, actor, clients, rng) if actor is not None else 0
        campaign = _outreach(actor, clients, rng) if actor is not None else None
        families = _home_visits(actor, clients, rng, today)
        receipts = _receipts(actor, clients, campaign)
    stdout(f"행복1004콜센터: 대상자 {len(clients)}명(가상 인물), 상담 전화 {calls}건, 사례 {cases}건, "
           f"맞춤형 안내 {campaign.notices.count() if campaign else 0}명, 방문보건 가정 {families}곳, "
           f"수급 이력 {receipts}건")
