"""Demo open data for the demo district: the ~146 datasets of `demo_tables.catalogue()`, a few
data requests, and the states the staff pages exist for.

Tables are written as the CSV a department would upload (some in CP949, as real files are) and
loaded through the same pipeline as the upload page. On top of that, so that every page has
something to show: some datasets are past their update cycle, some wait for a personal-data
decision (and so stay unpublished), about a third are registered on the national portal, and
residents have asked for data, supported each other, and been answered.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import time
from collections.abc import Callable

from django.utils import timezone

from opengu.core.models import Department, District, User
from opengu.opendata import demand, national, permissions, services
from opengu.opendata.demo_tables import Context, Spec, catalogue
from opengu.opendata.models import Category, DataRequest, Dataset, Licence, UpdateCycle

LICENCES = [Licence.KOGL_1] * 6 + [Licence.KOGL_2, Licence.KOGL_3, Licence.CC_BY]
CONTACT_DECISION = "기관·사업장 대표 전화번호로 개인정보가 아님(시연 자료)."
NATIONAL_ID_BASE = 15_080_000


def _csv(header: list[str], rows: list[list[object]], encoding: str = "utf-8-sig") -> io.BytesIO:
    text = io.StringIO(newline="")
    writer = csv.writer(text, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return io.BytesIO(text.getvalue().encode(encoding))


def _load_one(spec: Spec, ctx: Context, department: Department, category: Category, rng: random.Random) -> Dataset:
    header, rows = spec.table(ctx)
    temporal = {}
    if spec.temporal:
        temporal = {"temporal_from": dt.date(spec.temporal[0], 1, 1), "temporal_to": dt.date(spec.temporal[1], 12, 31)}
    dataset = services.dataset_create(
        actor=None, title=spec.title, slug=spec.slug, department=department, category=category,
        description=spec.description, keywords=list(spec.keywords), licence=rng.choice(LICENCES),
        update_cycle=spec.cycle, spatial=f"서울특별시 {ctx.district}", contact=department.phone, **temporal)
    version = services.resource_version_load(actor=None, dataset=dataset, file=_csv(header, rows, spec.encoding),
                                             source_name=f"{spec.slug}.csv", resource_name=spec.title)
    if version.personal_data and "pending-pii" not in spec.tags:
        services.resource_version_personal_data_decide(actor=None, version=version, decision=CONTACT_DECISION)
    if not version.needs_personal_data_decision:
        services.dataset_publish(actor=None, dataset=dataset)
    dataset.row_count = version.row_count  # type: ignore[attr-defined]
    return dataset


def _backdate(dataset: Dataset, rng: random.Random) -> None:
    """Past its update cycle: the last load was long enough ago that the next one is overdue."""
    days = services.CYCLE_DAYS.get(UpdateCycle(dataset.update_cycle), 30)
    Dataset.objects.filter(pk=dataset.pk).update(next_due=timezone.localdate() - dt.timedelta(days=rng.randint(3, days + 30)))


REQUESTS = [
    # title, purpose, use, department code, supporters, status, answer
    ("공공 와이파이 설치 위치", "동네 와이파이 지도 앱을 만들려고 합니다.", 4, "it", 9, "released", "seodaemun-public-wifi"),
    ("전기차 충전소 실시간 이용 현황", "충전 대기 시간을 줄이는 서비스를 만들고 싶습니다.", 4, "transport", 14, "planned", ""),
    ("경로당 프로그램 일정", "어머니께서 다니실 경로당 프로그램을 찾기 쉽게요.", 2, "welfare-policy", 6, "reviewing", ""),
    ("골목 상권 점포 임대료", "창업할 동네를 고르려고 합니다.", 5, "local-revitalisation", 11, "refused",
     "구가 임대료를 조사해 보유하고 있지 않습니다(부존재). 서울시 상권분석서비스를 안내해 드립니다."),
    ("어린이 보호구역 위치와 단속 카메라", "학부모 모임에서 통학로 안전 지도를 만듭니다.", 3, "transport", 7, "received", ""),
    ("공원 화장실 개방 시간", "산책할 때 쓰려고 합니다.", 2, "", 3, "received", ""),
    ("음식물 쓰레기 종량기 위치", "아파트 밖 수거 위치를 알고 싶습니다.", 2, "sanitation", 5, "reviewing", ""),
    ("구립 체육시설 강좌 빈자리", "빈 강좌를 알려 주는 알림 서비스를 만들고 싶습니다.", 4, "culture-sports", 8, "received", ""),
    ("불법 주정차 단속 위치별 건수", "연구 과제로 주차 수요를 분석합니다.", 3, "transport", 2, "released", "seodaemun-parking-fines"),
    ("홍제천 수위 측정값", "비 오는 날 산책로 통제를 미리 알고 싶습니다.", 2, "construction", 4, "received", ""),
    ("폐업 점포 지원 사업 결과", "소상공인 지원 효과를 보도하려고 합니다.", 3, "local-revitalisation", 1, "reviewing", ""),
    ("도서관 좌석 실시간 현황", "시험 기간에 자리를 찾기 쉽게요.", 1, "culture-sports", 12, "planned", ""),
]


def _requests(district: District, departments: dict[str, Department], rng: random.Random) -> int:
    residents = list(User.objects.filter(kind=User.Kind.RESIDENT, resident__isnull=False).select_related("resident")
                     .order_by("username")[:40])
    staff = list(User.objects.filter(kind=User.Kind.STAFF, is_active=True, staff__isnull=False)
                 .select_related("staff").order_by("username"))
    if len(residents) < 2:
        return 0
    for n, (title, purpose, use, code, supporters, status, extra) in enumerate(REQUESTS):
        requester = residents[n % len(residents)]
        request = demand.data_request_submit(actor=requester, title=title, purpose=purpose, use=use,
                                             notify_by=rng.choice(["email", "sms", "none"]),
                                             department=departments.get(code))
        others = [r for r in residents if r.pk != requester.pk]
        for supporter in rng.sample(others, min(supporters, len(others))):
            demand.data_request_support(actor=supporter, request=request, use=rng.randint(1, 5),
                                        notify_by=rng.choice(["email", "sms", "none"]))
        # Someone of the assigned department (any writing staff member when none is assigned).
        answerer = next((u for u in staff if permissions.can_answer_data_request(u, request)
                         and (request.department_id is None or u.staff.department_id == request.department_id)), None)
        if status == "received" or answerer is None:
            continue
        fields: dict[str, object] = {"answer": "담당 부서에서 검토하고 있습니다."}
        if status == "planned":
            fields = {"answer": "다음 분기에 공개하겠습니다.", "planned_for": timezone.localdate() + dt.timedelta(days=60)}
        elif status == "refused":
            fields = {"refusal_reason": extra}
        elif status == "released":
            fields = {"answer": "요청하신 자료를 공개했습니다.", "dataset": Dataset.objects.filter(slug=extra).first()}
        demand.data_request_answer(actor=answerer, request=request, status=status, **fields)  # type: ignore[arg-type]
    return DataRequest.objects.count()


def load(*, district: District, rng: random.Random, stdout: Callable[[str], None]) -> None:
    started = time.monotonic()
    dongs = list(district.dongs.order_by("order", "name").values_list("name", flat=True)) or ["연희동"]
    departments = {d.code: d for d in Department.objects.filter(district=district)}
    fallback = departments.get("admin-affairs") or next(iter(departments.values()))
    categories = {c.name: c for c in Category.objects.all()}
    ctx = Context(district=district.name, open_code=district.open_code or "3120000", dongs=dongs, rng=rng)
    specs = catalogue()
    rows = registered = overdue = pending = 0
    for n, spec in enumerate(specs, start=1):
        dataset = _load_one(spec, ctx, departments.get(spec.department, fallback), categories[spec.category], rng)
        rows += dataset.row_count  # type: ignore[attr-defined]
        if "overdue" in spec.tags and dataset.update_cycle != UpdateCycle.AS_NEEDED:
            _backdate(dataset, rng)
            overdue += 1
        if not dataset.published:
            pending += 1
        elif "registered" in spec.tags:
            national.dataset_register_nationally(actor=None, dataset=dataset, national_id=str(NATIONAL_ID_BASE + n))
            registered += 1
        stdout(f"열린데이터 [{n}/{len(specs)}] {spec.title} {dataset.row_count:,}행")  # type: ignore[attr-defined]
    requests = _requests(district, departments, rng)
    stdout(f"열린데이터: 데이터셋 {len(specs)}개, {rows:,}행 (갱신 기한 지남 {overdue}, 개인정보 검토 대기 {pending}, "
           f"공공데이터포털 등록 {registered}), 개방 요청 {requests}건, {time.monotonic() - started:.1f}초")
