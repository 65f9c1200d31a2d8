"""The welfare bench's data and measurements, run inside a configured Django (see run.py).

`generate` grows a loaded demo district (or any directory with at least one service) to the
requested number of resources and consultation calls with bulk inserts: new resources are
copies of the existing ones placed in a dong (the dong's name joins the resource name and its
search terms), so the search index keeps the real vocabulary and weights; calls, clients,
referrals, cases and their visits are synthetic, in the shape of the plan's call table.

`measure` requests the real pages through Django's test client: the public search page
(`/welfare/`, the same selector staff use) for SEARCHES, and client files
(`/welfare/centre/clients/<id>/`) as staff of the clients' dong, which writes the access log.

    python bench/welfare/workload.py generate --resources 100000 --calls 1000000
    python bench/welfare/workload.py measure --repeat 5      # prints JSON
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

BATCH = 5000
SEED = 20141112

# Twenty searches residents and counsellors type, each with the facet or filter the page offers.
# Facet values are given by name ("노년") and resolved to ids in the database being measured.
SEARCHES: list[tuple[str, dict[str, Any]]] = [
    ("", {}),
    ("독거노인", {}),
    ("혼자 사시는 어르신", {}),
    ("기초연금", {}),
    ("장애인 활동지원", {}),
    ("아동 돌봄", {"term": ["아동"]}),
    ("한부모 가족 지원", {}),
    ("긴급 생계비", {}),
    ("주거 급여", {"sector": "public"}),
    ("청년 일자리", {"term": ["청년"]}),
    ("임신 출산 지원", {}),
    ("정신건강 상담", {}),
    ("무료 급식", {}),
    ("치매", {"source": "hospital"}),
    ("노인 일자리", {"dong": "연희동"}),
    ("다문화 가족", {}),
    ("의료비 지원", {"term": ["저소득"]}),
    ("장학금", {}),
    ("", {"term": ["노년", "저소득"]}),
    ("복지관 프로그램", {"open": "1"}),
]


@dataclass
class Measured:
    name: str
    kind: str  # search | history
    samples_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)  # this process's CPU for each sample
    results: int = 0

    @property
    def p50(self) -> float:
        return percentile(self.samples_ms, 50)

    @property
    def p95(self) -> float:
        return percentile(self.samples_ms, 95)


def percentile(samples: list[float], p: float) -> float:
    """Nearest-rank percentile (p95 of 20 samples is the 19th smallest)."""
    if not samples:
        return 0.0
    ordered = sorted(samples)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def _batches(total: int, size: int = BATCH) -> Iterator[int]:
    while total > 0:
        yield min(size, total)
        total -= size


# --- data -------------------------------------------------------------------------------------


def generate(*, resources: int, calls: int, seed: int = SEED, log: Callable[[str], None] = print) -> dict[str, int]:
    """Grow the directory to `resources` services and the call log to `calls` calls (both totals,
    counting what is there); clients, referrals, cases and notify requests in proportion."""
    from opengu.welfare.models import Call, Service

    rng = random.Random(seed)
    added_services = max(0, resources - Service.objects.count())
    began = time.perf_counter()
    _grow_directory(added_services, rng)
    log(f"자원 {added_services:,}개 추가 ({time.perf_counter() - began:.0f}초)")
    added_calls = max(0, calls - Call.objects.count())
    began = time.perf_counter()
    counts = _grow_centre(added_calls, rng)
    log(f"상담 {added_calls:,}건, 대상자 {counts['clients']:,}명, 의뢰 {counts['referrals']:,}건, "
        f"사례 {counts['cases']:,}건 추가 ({time.perf_counter() - began:.0f}초)")
    _analyze()
    return {"services": added_services, "calls": added_calls, **counts}


def _grow_directory(count: int, rng: random.Random) -> None:
    """New services are rows in Python; their search terms and facet links are copied from their
    templates inside the database (INSERT … SELECT over a mapping table), which is what keeps
    100,000 resources to a minute or two."""
    from django.db import connection, transaction

    from opengu.core.models import Dong
    from opengu.lib.morphemes import search_terms
    from opengu.welfare.models import Location, Service, ServiceAtLocation
    from opengu.welfare.services import FIELD_WEIGHTS

    if count <= 0:
        return
    copied = ["organization_id", "name", "description", "url", "email", "status", "application_process",
              "eligibility_description", "minimum_age", "maximum_age", "fees_description", "required_documents",
              "assured_date", "responsible_unit"]
    templates = list(Service.objects.order_by("id").values("id", *copied))
    if not templates:
        raise SystemExit("자원이 하나도 없습니다: 먼저 opengu demo 를 실행하세요.")
    dongs = list(Dong.objects.order_by("order", "id"))
    places: dict[int, list[int]] = defaultdict(list)
    for location_id, dong_id in Location.objects.filter(dong__isnull=False).values_list("id", "dong_id"):
        places[dong_id].append(location_id)
    through = Service.taxonomy_terms.through._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE bench_map (service_id integer PRIMARY KEY, template_id integer, dong_id integer)")
        cursor.execute("CREATE TEMPORARY TABLE bench_dong_term (dong_id integer, term varchar(60))")
        cursor.executemany("INSERT INTO bench_dong_term VALUES (%s, %s)",
                           [(d.id, t[:60]) for d in dongs for t in dict.fromkeys(search_terms(d.name))])
    now = dt.datetime.now(dt.UTC)
    for size in _batches(count):
        with transaction.atomic():
            rows = []
            for _ in range(size):
                template = rng.choice(templates)
                dong = rng.choice(dongs)
                values = {k: template[k] for k in copied}
                values["name"] = f"{template['name']} · {dong.name}"[:200]
                rows.append((template["id"], dong.id, Service(**values, created_at=now, modified_at=now)))
            created = Service.objects.bulk_create([r[2] for r in rows])
            mapping = [(service.pk, template_id, dong_id)
                       for (template_id, dong_id, _row), service in zip(rows, created, strict=True)]
            ServiceAtLocation.objects.bulk_create([
                ServiceAtLocation(service_id=service_id, location_id=rng.choice(places[dong_id]))
                for service_id, _template, dong_id in mapping if places[dong_id]])
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM bench_map")
                cursor.executemany("INSERT INTO bench_map VALUES (%s, %s, %s)", mapping)
                # The dong's name is part of the new name: its morphemes get the name's weight,
                # added to the template's weight where the template has the same morpheme.
                cursor.execute(
                    "INSERT INTO welfare_searchterm (service_id, term, weight) "
                    "SELECT m.service_id, t.term, t.weight FROM bench_map m "
                    "JOIN welfare_searchterm t ON t.service_id = m.template_id")
                cursor.execute(
                    "INSERT INTO welfare_searchterm (service_id, term, weight) "
                    "SELECT m.service_id, d.term, %s FROM bench_map m JOIN bench_dong_term d ON d.dong_id = m.dong_id "
                    "WHERE true ON CONFLICT (service_id, term) "
                    "DO UPDATE SET weight = welfare_searchterm.weight + excluded.weight", [FIELD_WEIGHTS["name"]])
                cursor.execute(
                    f"INSERT INTO {through} (service_id, taxonomyterm_id) "
                    f"SELECT m.service_id, l.taxonomyterm_id FROM bench_map m JOIN {through} l "
                    "ON l.service_id = m.template_id")
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_map")
        cursor.execute("DROP TABLE bench_dong_term")


def _grow_centre(calls: int, rng: random.Random) -> dict[str, int]:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from opengu.core.fields import blind_index
    from opengu.core.models import Consent, Dong, User
    from opengu.welfare import services
    from opengu.welfare.demo import NOTES, SITUATIONS, synthetic_name, synthetic_phone
    from opengu.welfare.models import (
        Call,
        Case,
        CaseStep,
        Client,
        ClientFlag,
        HouseholdMember,
        NotifyRequest,
        Referral,
        Service,
        TaxonomyTerm,
    )

    counts = {"clients": 0, "referrals": 0, "cases": 0}
    if calls <= 0:
        return counts
    dongs = list(Dong.objects.order_by("order", "id"))
    counsellors = list(User.objects.filter(staff__department__code="welfare-policy").values_list("id", flat=True)) or \
        list(User.objects.filter(kind=User.Kind.STAFF).values_list("id", flat=True)[:6])
    topics = list(TaxonomyTerm.objects.filter(taxonomy__key="topic").values_list("id", flat=True))
    service_ids = list(Service.objects.values_list("id", flat=True))
    notice = services.client_notice()
    client_type = ContentType.objects.get_for_model(Client)
    today = dt.date.today()
    tz = dt.timezone(dt.timedelta(hours=9))
    flags = [f.value for f in ClientFlag]

    # Clients: one for every twenty calls; a hundredth of them call often (a tenth of the linked calls).
    client_total = max(calls // 20, len(dongs))
    clients: list[tuple[int, str, int]] = []  # id, phone, dong id
    for size in _batches(client_total):
        with transaction.atomic():
            rows = []
            for _ in range(size):
                n = counts["clients"] + len(rows)
                dong = dongs[n % len(dongs)]
                phone = synthetic_phone(rng)
                birth = dt.date(today.year - rng.randint(20, 95), rng.randint(1, 12), rng.randint(1, 28))
                rows.append(Client(name=synthetic_name(rng), birth_date=birth.isoformat(), phone=phone,
                                   phone_index=blind_index(phone), dong=dong, flags=rng.sample(flags, k=rng.randint(1, 3)),
                                   address=f"서울특별시 서대문구 {dong.name} {rng.randint(1, 300)}-{rng.randint(1, 40)}",
                                   created_at=_moment(rng, today, tz)))
            created = Client.objects.bulk_create(rows)
            Consent.objects.bulk_create([
                Consent(notice=notice, subject_type=client_type, subject_id=str(c.pk), items=notice.items,
                        purpose=notice.purpose, retention=notice.retention, channel="phone", given_at=c.created_at)
                for c in created])
            HouseholdMember.objects.bulk_create([
                HouseholdMember(client=c, name=synthetic_name(rng), relation=rng.choice(["배우자", "아들", "딸", "손자"]),
                                birth_date="") for c in created if rng.random() < 0.4])
            clients += [(c.pk, c.phone, c.dong_id) for c in created]
            counts["clients"] += len(created)
    frequent = clients[: max(1, len(clients) // 100)]

    def some_client() -> tuple[int, str, int]:
        return rng.choice(frequent) if rng.random() < 0.1 else rng.choice(clients)

    # Calls in the plan's proportions: 312 answered and 136 abandoned incoming, 187 outgoing. Inserted
    # as plain rows: the encrypted notes and numbers come from pools encrypted once (a ciphertext
    # per value, not per row), since per-row AES dominates a million rows and is not what is measured.
    kinds = [("incoming", "answered")] * 312 + [("incoming", "abandoned")] * 136 + [("outgoing", "answered")] * 187
    encrypt = Call._meta.get_field("notes").get_prep_value
    notes = [encrypt(n) for n in NOTES]
    client_phones = {c[0]: (encrypt(c[1]), blind_index(c[1])) for c in clients}
    strangers = [(encrypt(p), blind_index(p)) for p in (synthetic_phone(rng) for _ in range(max(100, calls // 50)))]
    adapt = connection.ops.adapt_datetimefield_value
    columns = ["direction", "outcome", "counsellor_id", "started_at", "ended_at", "duration_seconds", "topic_id",
               "caller_phone", "caller_index", "client_id", "notes"]
    insert = (f"INSERT INTO {Call._meta.db_table} ({', '.join(columns)}) "
              f"VALUES ({', '.join(['%s'] * len(columns))})")
    first_call = (Call.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    for size in _batches(calls):
        with transaction.atomic(), connection.cursor() as cursor:
            rows = []
            for _ in range(size):
                direction, outcome = rng.choice(kinds)
                start = _moment(rng, today, tz)
                answered = outcome == "answered"
                duration = rng.randint(60, 1200) if answered else 0
                linked = some_client() if answered and rng.random() < 0.6 else None
                phone, index = ("", "")
                if linked and direction == "incoming":
                    phone, index = client_phones[linked[0]]
                elif direction == "incoming" and rng.random() < 0.8:
                    phone, index = rng.choice(strangers)
                rows.append((direction, outcome, rng.choice(counsellors) if answered and counsellors else None,
                             adapt(start), adapt(start + dt.timedelta(seconds=duration)), duration,
                             rng.choice(topics) if answered and topics else None, phone, index,
                             linked[0] if linked else None, rng.choice(notes) if linked else ""))
            cursor.executemany(insert, rows)
    call_ids = [(pk, client_id) for pk, client_id in
                Call.objects.filter(id__gte=first_call, client__isnull=False).values_list("id", "client_id")
                if rng.random() < 0.1]

    # Referrals from a tenth of the linked calls; cases for a tenth of the clients, with their steps and visits.
    for start in range(0, len(call_ids), BATCH):
        with transaction.atomic():
            rows = []
            for call_id, client_id in call_ids[start:start + BATCH]:
                created_at = _moment(rng, today, tz)
                status = rng.choice(["sent", "taken_up", "taken_up", "not_taken_up"])
                rows.append(Referral(client_id=client_id, call_id=call_id, service_id=rng.choice(service_ids),
                                     note=rng.choice(NOTES), status=status, created_at=created_at,
                                     due_on=(created_at + dt.timedelta(days=14)).date(),
                                     confirmed_at=None if status == "sent" else created_at + dt.timedelta(days=5),
                                     confirmed_by="" if status == "sent" else "담당자"))
            counts["referrals"] += len(Referral.objects.bulk_create(rows))
    stages = [s.value for s in Case.Stage]
    case_clients = rng.sample(clients, k=max(1, len(clients) // 10))
    for start in range(0, len(case_clients), BATCH):
        with transaction.atomic():
            cases = []
            for client_id, _phone, dong_id in case_clients[start:start + BATCH]:
                created_at = _moment(rng, today, tz)
                stage = rng.choice(stages)
                visited = stages.index(stage) >= stages.index("visit_scheduled")
                cases.append(Case(channel=rng.choice([c.value for c in Case.Channel]), dong_id=dong_id, stage=stage,
                                  urgency=rng.choice(["urgent", "normal"]), situation=rng.choice(SITUATIONS),
                                  client_id=client_id, created_at=created_at,
                                  visit_at=created_at + dt.timedelta(days=3) if visited else None))
            created = Case.objects.bulk_create(cases)
            steps = []
            for case in created:
                for n, stage in enumerate(stages[: stages.index(case.stage) + 1]):
                    steps.append(CaseStep(case=case, stage=stage, at=case.created_at + dt.timedelta(days=n),
                                          actor_label="담당자", note=""))
            CaseStep.objects.bulk_create(steps, batch_size=BATCH)
            NotifyRequest.objects.bulk_create([
                NotifyRequest(client_id=case.client_id, term_id=rng.choice(topics), channel="sms")
                for case in created if topics and rng.random() < 0.3], ignore_conflicts=True)
            counts["cases"] += len(created)
    return counts


def _moment(rng: random.Random, today: dt.date, tz: dt.tzinfo) -> dt.datetime:
    """A working-hours moment in the last ten years."""
    day = today - dt.timedelta(days=rng.randint(1, 3650))
    return dt.datetime.combine(day, dt.time(9 + rng.randrange(9), rng.randrange(60), rng.randrange(60)), tzinfo=tz)


def _analyze() -> None:
    """Fresh planner statistics, as a maintained installation has (autovacuum; SQLite's ANALYZE)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# --- measurements -----------------------------------------------------------------------------


def search_params(params: dict[str, Any]) -> dict[str, Any]:
    """The page's query parameters, facet and dong names resolved to this database's ids."""
    from opengu.core.models import Dong
    from opengu.welfare.models import TaxonomyTerm

    resolved = {k: v for k, v in params.items() if k not in {"term", "dong"}}
    if "term" in params:
        resolved["term"] = [str(TaxonomyTerm.objects.filter(name=name).order_by("id").values_list("id", flat=True)[0])
                            for name in params["term"]]
    if "dong" in params:
        resolved["dong"] = str(Dong.objects.filter(name=params["dong"]).values_list("id", flat=True)[0])
    return resolved


def history_sample(*, size: int, seed: int = SEED) -> tuple[Any, list[int]]:
    """A staff member of one dong's 주민센터 and `size` clients of that dong (the dong with the most
    clients; among them its most frequent caller, so the heaviest file is always measured)."""
    from django.db.models import Count

    from opengu.core.models import Department, User
    from opengu.welfare.models import Client

    centres = Department.objects.filter(kind=Department.Kind.DONG_CENTRE, dong__isnull=False)
    by_dong = dict(Client.objects.filter(dong__in=centres.values("dong")).values("dong").annotate(n=Count("id"))
                   .values_list("dong", "n"))
    if not by_dong:
        raise SystemExit("동주민센터 직원이 볼 대상자가 없습니다.")
    dong_id = max(by_dong, key=lambda d: (by_dong[d], -d))
    user = User.objects.filter(staff__department__in=centres.filter(dong_id=dong_id), is_active=True).order_by("id").first()
    if user is None:
        raise SystemExit("그 동의 주민센터 직원이 없습니다.")
    clients = Client.objects.filter(dong_id=dong_id)
    heaviest = clients.annotate(n=Count("calls")).order_by("-n", "id").values_list("id", flat=True)[0]
    ids = list(clients.values_list("id", flat=True))
    rng = random.Random(seed)
    sample = rng.sample([i for i in ids if i != heaviest], k=min(size - 1, len(ids) - 1))
    return user, [heaviest, *sample]


def measure(*, repeat: int, warmup: int = 1, history_clients: int = 20) -> list[Measured]:
    """Each search `repeat` times and each sampled client file `repeat` times, after `warmup` untimed
    rounds; every response must be 200 (else SystemExit)."""
    from django.test import Client as Browser
    from django.urls import reverse

    from opengu.welfare.models import Call

    public = Browser()
    rows: list[Measured] = []
    url = reverse("welfare:search")
    for query, params in SEARCHES:
        data = {"q": query, **search_params(params)} if query else search_params(params)
        row = Measured(name=_label(query, params), kind="search")
        for n in range(warmup + repeat):
            began, cpu = time.perf_counter(), time.process_time()
            response = public.get(url, data)
            elapsed, used = (time.perf_counter() - began) * 1000, (time.process_time() - cpu) * 1000
            _check(response, row.name)
            if n >= warmup:
                row.samples_ms.append(elapsed)
                row.cpu_ms.append(used)
        row.results = _result_count(data)
        rows.append(row)
    user, clients = history_sample(size=history_clients)
    staff = Browser()
    staff.force_login(user)
    history = Measured(name="대상자 상담 이력 (전체)", kind="history")
    heaviest = Measured(name="대상자 상담 이력 (가장 잦은 상담자)", kind="history")
    for client_id in clients:
        target = reverse("welfare:client", args=[client_id])
        for n in range(warmup + repeat):
            began, cpu = time.perf_counter(), time.process_time()
            response = staff.get(target)
            elapsed, used = (time.perf_counter() - began) * 1000, (time.process_time() - cpu) * 1000
            _check(response, f"client {client_id}")
            if n >= warmup:
                history.samples_ms.append(elapsed)
                history.cpu_ms.append(used)
                if client_id == clients[0]:
                    heaviest.samples_ms.append(elapsed)
                    heaviest.cpu_ms.append(used)
    history.results = len(clients)
    heaviest.results = Call.objects.filter(client_id=clients[0]).count()
    rows += [history, heaviest]
    return rows


def _result_count(data: dict[str, Any]) -> int:
    from django.http import QueryDict

    from opengu.welfare import selectors
    from opengu.welfare.views import _filters

    query = QueryDict(mutable=True)
    for key, value in data.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    request = type("Request", (), {"GET": query})()
    return selectors.service_search(_filters(request)).total  # type: ignore[arg-type]


def _label(query: str, params: dict[str, Any]) -> str:
    parts = [f"“{query}”" if query else "(검색어 없음)"]
    names = {"term": "분류", "sector": "공공·민간", "source": "자원 구분", "dong": "행정동", "open": "지금 운영"}
    for key, value in params.items():
        shown = "+".join(value) if isinstance(value, list) else value
        parts.append(f"{names[key]}={shown}" if key != "open" else names[key])
    return " ".join(parts)


def _check(response: Any, what: str) -> None:
    if response.status_code != 200:
        raise SystemExit(f"{what}: HTTP {response.status_code}")


def summary(rows: list[Measured]) -> dict[str, Any]:
    searches = [s for r in rows if r.kind == "search" for s in r.samples_ms]
    search_cpu = [s for r in rows if r.kind == "search" for s in r.cpu_ms]
    history = next((r for r in rows if r.kind == "history"), None)
    return {
        "rows": [{**asdict(r), "p50": r.p50, "p95": r.p95} for r in rows],
        "search_p50": percentile(searches, 50), "search_p95": percentile(searches, 95),
        "history_p50": history.p50 if history else 0.0, "history_p95": history.p95 if history else 0.0,
        # CPU of the measuring process (with SQLite, the database's work too; with PostgreSQL, not the server's).
        "search_cpu_p50": percentile(search_cpu, 50), "search_cpu_p95": percentile(search_cpu, 95),
        "history_cpu_p50": percentile(history.cpu_ms, 50) if history else 0.0,
        "history_cpu_p95": percentile(history.cpu_ms, 95) if history else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    grow = commands.add_parser("generate")
    grow.add_argument("--resources", type=int, required=True)
    grow.add_argument("--calls", type=int, required=True)
    timed = commands.add_parser("measure")
    timed.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opengu.settings")
    import django

    django.setup()
    if args.command == "generate":
        print(json.dumps(generate(resources=args.resources, calls=args.calls, log=lambda m: print(m, file=sys.stderr))))
        return
    print(json.dumps(summary(measure(repeat=args.repeat)), ensure_ascii=False))


if __name__ == "__main__":
    main()
