"""Open-data benchmark: opengu against its peers, same file, same machine, one run.

    .venv/bin/python bench/opendata/run.py [--rows 1000000] [--postgres URL] [--duration 10]
        [--concurrency 8] [--workers N[,M…]] [--only ingest,api,export]

1. Generates an N-row × 20-column CSV (seeded; Korean text, codes with leading zeros, dates in
   two layouts, datetimes, decimals, quoted thousands, Y/N, HTML entities).
2. Ingest: `opengu opendata load` (the upload page's pipeline) against `sqlite-utils insert
   --csv` on SQLite (sqlite-utils 4 detects types by default: the old `--detect-types` is now
   the default and the flag is gone), and against a plain COPY into an all-text table on
   PostgreSQL (the floor).
3. Row API: opengu's CKAN `datastore_search` served by gunicorn as `opengu run` serves it
   (N workers × 4 threads; `--workers 2,1` measures each count in turn: one worker is the setup
   closest to Datasette's one process) against Datasette serving the same SQLite file (its own uvicorn
   server, one process), under one threaded keep-alive load generator at the same
   concurrency: a filtered page of 100 rows, a sorted page, a deep page (row 900,000 of a
   million: by offset, and by keyset on _id) and a full-text query. Neither side counts
   totals (`include_total=false`, `_nocount=1`), so each shape measures the page itself.
4. Export: the full CSV download against Datasette's `.csv?_stream=on&_size=max`, with the
   server's resident memory (VmRSS of its processes, from /proc) sampled while streaming.

Prints seconds, rates and ratios (opengu ÷ peer for times; opengu ÷ peer for throughput too,
where above 1 means opengu serves more).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
WORDS = ["서대문구", "연희동", "신촌", "주차장", "음식점", "복지관", "도서관", "공원", "통일로", "한식", "카페", "분식"]
HEADER = ["번호", "관리번호", "업소명", "주소", "업태", "인허가일자", "수정일시", "면적", "좌석수", "매출",
          "영업여부", "전화", "비고", "x", "y", "코드", "층수", "종업원", "점수", "메모"]
BLOCK = 10_000
SEED = 20141112
DEEP_ROW = 900_000  # the deep page, scaled down with --rows


def make_csv(path: Path, rows: int) -> None:
    """Seeded and quick (about 10 s a million rows): each column is drawn per block of rows
    from small pools, then written with csv.writer.writerows."""
    rng = random.Random(SEED)
    start = dt.date(1990, 1, 1)
    days = [start + dt.timedelta(days=n) for n in range(12000)]
    compact = [day.strftime("%Y%m%d") for day in days]
    dotted = [day.strftime("%Y.%m.%d") for day in days]
    iso = [day.isoformat() for day in days]
    names = [a + b for a in WORDS for b in WORDS]
    streets = [f"서울특별시 서대문구 {w}로 {n}" for w in WORDS for n in range(1, 301)]
    memos = [" ".join(rng.choices(WORDS, k=4)) for _ in range(5000)]
    phones = [f"02-{rng.randint(300, 399)}-{rng.randint(1000, 9999)}" for _ in range(5000)]
    areas = [f"{rng.uniform(10, 500):.2f}" for _ in range(5000)]
    xs = [f"{rng.uniform(193000, 197500):.4f}" for _ in range(5000)]
    ys = [f"{rng.uniform(451000, 455500):.4f}" for _ in range(5000)]
    sales = [f"{n * 997:,}" for n in range(10000)]
    codes = [f"{n:04d}" for n in range(1000)]
    scores = [f"{n / 10:.1f}" for n in range(1001)]
    hours = [f" {h}:{m:02d}" for h in range(24) for m in range(60)]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for first in range(1, rows + 1, BLOCK):
            k = min(BLOCK, rows + 1 - first)
            day = [rng.randrange(12000) for _ in range(k)]
            numbers = range(first, first + k)
            writer.writerows(zip(
                numbers,
                [f"3120000-101-{days[d].year}-{n:07d}" for d, n in zip(day, numbers, strict=True)],
                rng.choices(names, k=k), rng.choices(streets, k=k), rng.choices(WORDS, k=k),
                [(compact if d % 3 else dotted)[d] for d in day],
                [iso[d] + h for d, h in zip(day, rng.choices(hours, k=k), strict=True)],
                rng.choices(areas, k=k), rng.choices(range(201), k=k), rng.choices(sales, k=k),
                rng.choices("YN", k=k), rng.choices(phones, k=k), rng.choices(["", "&amp; 신규", "휴업"], k=k),
                rng.choices(xs, k=k), rng.choices(ys, k=k), rng.choices(codes, k=k), rng.choices(range(1, 21), k=k),
                rng.choices(range(51), k=k), rng.choices(scores, k=k), rng.choices(memos, k=k),
                strict=True,
            ))


# Ingest

def _env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {**os.environ, "OPENGU_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "opengu.settings"}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def opengu_load(path: Path, env: dict[str, str], slug: str) -> float:
    """Seconds for `opengu opendata load` of the file into a fresh dataset (the command's own
    start-up, about a second, included)."""
    opengu = str(BIN / "opengu")
    subprocess.run([opengu, "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    demo = subprocess.run([opengu, "demo"], env=env, cwd=ROOT, capture_output=True, text=True)
    if demo.returncode:
        raise SystemExit(f"opengu demo failed:\n{demo.stderr[-3000:]}")
    began = time.perf_counter()
    subprocess.run([opengu, "opendata", "load", str(path), "--dataset", slug], env=env, check=True,
                   cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - began


def publish(env: dict[str, str], slug: str) -> dict[str, str]:
    """Publish the bench dataset (its generated phone column is a 대표전화, decided so) and
    return its resource id and table name."""
    code = (
        "import json\n"
        "from opengu.opendata import services\n"
        "from opengu.opendata.models import Dataset\n"
        f"d = Dataset.objects.get(slug={slug!r})\n"
        "r = d.resources.get()\n"
        "v = r.live_version\n"
        "if v.needs_personal_data_decision:\n"
        "    services.resource_version_personal_data_decide(actor=None, version=v, decision='업소 대표전화로 개인정보 아님')\n"
        "services.dataset_publish(actor=None, dataset=d)\n"
        "print(json.dumps({'resource': str(r.pk), 'table': v.table_name}))\n"
    )
    done = subprocess.run([str(BIN / "opengu"), "shell", "-c", code], env=env, check=True, cwd=ROOT,
                          capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def sqlite_utils_insert(path: Path, target: Path) -> float:
    began = time.perf_counter()
    subprocess.run([str(BIN / "sqlite-utils"), "insert", str(target), "rows", str(path),
                    "--csv", "--encoding", "utf-8-sig"], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - began


def postgres_copy(path: Path, database_url: str) -> float:
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        columns = ", ".join(f'"c{i}" TEXT' for i in range(len(HEADER)))
        connection.execute("DROP TABLE IF EXISTS bench_copy")
        connection.execute(f"CREATE TABLE bench_copy ({columns})")
        began = time.perf_counter()
        with connection.cursor() as cursor, cursor.copy("COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)") as copy, \
                path.open("rb") as handle:
            handle.read(3)  # the BOM
            while chunk := handle.read(1 << 20):
                copy.write(chunk)
        elapsed = time.perf_counter() - began
        connection.execute("DROP TABLE bench_copy")
    return elapsed


def reachable(database_url: str) -> bool:
    import psycopg
    from psycopg.conninfo import make_conninfo

    try:
        psycopg.connect(make_conninfo(database_url, dbname="postgres"), connect_timeout=5).close()
    except psycopg.OperationalError:
        return False
    return True


def fresh_database(database_url: str) -> None:
    """Drop and create the scratch database, so every run starts from the same empty state."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    name = conninfo_to_dict(database_url)["dbname"]
    with psycopg.connect(make_conninfo(database_url, dbname="postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


# Servers

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen[bytes]

    def wait_ready(self, path: str, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                connection.request("GET", path)
                if connection.getresponse().status < 500:
                    return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"{self.name} did not answer on port {self.port}")

    def pids(self) -> list[int]:
        """The server process and its children (gunicorn's workers)."""
        found = [self.process.pid]
        for pid in os.listdir("/proc"):
            if pid.isdigit():
                try:
                    stat = Path(f"/proc/{pid}/stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == self.process.pid:
                    found.append(int(pid))
        return found

    def rss(self, kind: str = "VmRSS") -> int:
        """Resident memory of the server's processes together, in bytes. VmRSS counts file pages
        the processes map (SQLite's mmap reads: the OS page cache, shared and reclaimable);
        RssAnon only their own memory."""
        total = 0
        for pid in self.pids():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith(f"{kind}:"):
                        total += int(line.split()[1]) * 1024
            except OSError:
                continue
        return total

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def serve_opengu(env: dict[str, str], port: int, workers: int) -> Server:
    process = subprocess.Popen([str(BIN / "opengu"), "run", "--port", str(port), "--workers", str(workers), "--no-worker"],
                               env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    return Server("opengu", port, process)


def serve_datasette(database: Path, port: int) -> Server:
    process = subprocess.Popen([str(BIN / "datasette"), "serve", str(database), "--port", str(port),
                                "--setting", "sql_time_limit_ms", "60000", "--setting", "max_returned_rows", "1000",
                                # Its CSV export stops at 100 MB by default; 0 lifts the limit.
                                "--setting", "max_csv_mb", "0"],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    return Server("Datasette", port, process)


# Load generator

@dataclass
class Shape:
    name: str
    ours: str
    peer: str


@dataclass
class Measured:
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def load(port: int, path: str, concurrency: int, duration: float, check: Callable[[bytes], bool]) -> Measured:
    """`concurrency` threads, each with one keep-alive connection, asking `path` again and
    again for `duration` seconds; latency of every answer, errors counted (non-200 or a body
    that fails `check`)."""
    result = Measured()
    lock = threading.Lock()
    deadline = time.monotonic() + duration

    def worker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        latencies: list[float] = []
        errors = 0
        while time.monotonic() < deadline:
            began = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read()
                ok = response.status == 200 and check(body)
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                ok = False
            if ok:
                latencies.append(time.perf_counter() - began)
            else:
                errors += 1
        connection.close()
        with lock:
            result.latencies.extend(latencies)
            result.errors += errors

    began = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - began
    result.requests = len(result.latencies)
    return result


def hundred_rows(body: bytes) -> bool:
    data = json.loads(body)
    rows = data["result"]["records"] if "result" in data else data["rows"]
    return len(rows) > 0


def shapes(resource: str, table: str, rows: int) -> list[Shape]:
    """The issue's four query shapes, as each server spells them (columns: c5 업태, c10 매출,
    c20 메모; Datasette reads opengu's table, whose columns are c1 … c20)."""
    deep = max(1, rows * DEEP_ROW // 1_000_000)

    def ours(**params: object) -> str:
        query = {"resource_id": resource, "limit": 100, "include_total": "false"}
        query.update({k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v for k, v in params.items()})
        return "/api/3/action/datastore_search?" + urllib.parse.urlencode(query)

    def peer(**params: object) -> str:
        query = {"_size": 100, "_nocount": 1, "_nofacet": 1, "_nosuggest": 1, "_shape": "objects"}
        query.update(params)
        return f"/peer/{table}.json?" + urllib.parse.urlencode(query)

    return [
        Shape("filtered (업태 = 카페)", ours(filters={"업태": "카페"}), peer(c5="카페")),
        Shape("sorted (매출 desc)", ours(sort="매출 desc"), peer(_sort_desc="c10")),
        Shape(f"deep page, offset {deep - 1:,}", ours(offset=deep - 1), peer(_next=deep - 1)),
        Shape(f"deep page, keyset _id > {deep - 1:,}", ours(filters={"_id": {"gt": deep - 1}}), peer(_next=deep - 1)),
        Shape("full text (연희동 도서관)", ours(q="연희동 도서관"), peer(_search="연희동 도서관")),
    ]


def export(server: Server, path: str, expected: int) -> tuple[float, int, int, int, int, int, int, int]:
    """(seconds, bytes, idle RSS, RSS when a tenth of the bytes had arrived, peak RSS, and the
    same three of RssAnon: the processes' own memory, without the file pages they map)."""
    idle, idle_private = server.rss(), server.rss("RssAnon")
    peak, peak_private = idle, idle_private
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_private
        while not stop.is_set():
            peak = max(peak, server.rss())
            peak_private = max(peak_private, server.rss("RssAnon"))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=600)
    began = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    size = 0
    early = early_private = 0
    while chunk := response.read(1 << 16):
        size += len(chunk)
        if not early and size >= expected // 10:
            early, early_private = peak, peak_private
    elapsed = time.perf_counter() - began
    stop.set()
    sampler.join()
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"{server.name} export answered {response.status}")
    return elapsed, size, idle, early or peak, peak, idle_private, early_private or peak_private, peak_private


# Report

def mb(value: float) -> str:
    return f"{value / 1e6:,.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--postgres", default=os.environ.get("OPENGU_BENCH_POSTGRES", ""),
                        help="a PostgreSQL URL for a scratch database (dropped and created); "
                             "default $OPENGU_BENCH_POSTGRES; none: SQLite only")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of load per query shape")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", default=str(os.cpu_count() or 2),
                        help="gunicorn workers for opengu (default: the number of cores)")
    parser.add_argument("--port", type=int, default=0, help="opengu's port (Datasette takes the next); default: free ones")
    parser.add_argument("--only", default="ingest,api,export")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop the servers and clean up on kill
    parts = set(args.only.split(","))
    work = Path(tempfile.mkdtemp(prefix="opengu-bench-"))
    servers: list[Server] = []
    try:
        source = work / "bench.csv"
        began = time.perf_counter()
        make_csv(source, args.rows)
        print(f"{args.rows:,} rows × {len(HEADER)} columns, {mb(source.stat().st_size)}, "
              f"generated in {time.perf_counter() - began:.1f} s")
        sqlite_env = _env(work / "sqlite", None)
        slug = "bench"
        ours = opengu_load(source, sqlite_env, slug)
        if "ingest" in parts:
            peer = sqlite_utils_insert(source, work / "sqlite-utils.db")
            print(f"ingest  SQLite     opengu {ours:7.1f} s ({args.rows / ours:9,.0f} rows/s)   "
                  f"sqlite-utils {peer:7.1f} s   ratio {ours / peer:.2f}")
        if args.postgres and "ingest" in parts and not reachable(args.postgres):
            print(f"PostgreSQL at {args.postgres} is not reachable: SQLite only")
        elif args.postgres and "ingest" in parts:
            fresh_database(args.postgres)
            ours_pg = opengu_load(source, _env(work / "pg", args.postgres), slug)
            floor = postgres_copy(source, args.postgres)
            print(f"ingest  PostgreSQL opengu {ours_pg:7.1f} s ({args.rows / ours_pg:9,.0f} rows/s)   "
                  f"plain COPY {floor:7.1f} s   ratio {ours_pg / floor:.2f}")
        if not parts & {"api", "export"}:
            return
        found = publish(sqlite_env, slug)
        database = work / "sqlite" / "opengu.sqlite3"
        peer_copy = work / "peer" / "peer.db"
        peer_copy.parent.mkdir()
        shutil.copy(database, peer_copy)
        fts = [f"c{i + 1}" for i, name in enumerate(HEADER) if name in {"업소명", "주소", "업태", "메모"}]
        subprocess.run([str(BIN / "sqlite-utils"), "enable-fts", str(peer_copy), found["table"], *fts, "--fts5"],
                       check=True, stdout=subprocess.DEVNULL)
        port = args.port or free_port()
        peer_port = args.port + 1 if args.port else free_port()
        counts = [int(count) for count in str(args.workers).split(",")]
        ours_servers = [serve_opengu(sqlite_env, port if index == 0 else (port + 1 + index if args.port else free_port()),
                                     workers) for index, workers in enumerate(counts)]
        servers.extend(ours_servers)
        opengu_server = ours_servers[0]
        datasette = serve_datasette(peer_copy, peer_port)
        servers.append(datasette)
        for server in ours_servers:
            server.wait_ready("/api/3/action/status_show")
        datasette.wait_ready("/-/versions.json")
        print(f"servers: opengu gunicorn {' and '.join(f'{n} worker(s)' for n in counts)} × 4 threads on "
              f"{', '.join(f':{server.port}' for server in ours_servers)}; "
              f"Datasette (uvicorn, 1 process) on :{peer_port}; load generator {args.concurrency} "
              f"keep-alive connections, {args.duration:g} s per shape")
        if "api" in parts:
            print(f"{'query shape':38} {'opengu req/s':>12} {'p50 ms':>8} {'p99 ms':>8}   "
                  f"{'Datasette req/s':>15} {'p50 ms':>8} {'p99 ms':>8}   ratio")
            for shape in shapes(found["resource"], found["table"], args.rows):
                # A short unmeasured round first: every worker thread opens its connection and
                # warms its caches, on both sides, before the measured one.
                warm = min(2.0, args.duration / 5)
                ours_results = []
                for server in ours_servers:
                    load(server.port, shape.ours, args.concurrency, warm, hundred_rows)
                    ours_results.append(load(server.port, shape.ours, args.concurrency, args.duration, hundred_rows))
                load(peer_port, shape.peer, args.concurrency, warm, hundred_rows)
                peer_result = load(peer_port, shape.peer, args.concurrency, args.duration, hundred_rows)
                for workers, ours_result in zip(counts, ours_results, strict=True):
                    ratio = ours_result.throughput / peer_result.throughput if peer_result.throughput else float("nan")
                    errors = f"  errors {ours_result.errors}/{peer_result.errors}" \
                        if ours_result.errors or peer_result.errors else ""
                    name = shape.name if len(counts) == 1 else f"{shape.name} [{workers}w]"
                    print(f"{name:38} {ours_result.throughput:12,.1f} {ours_result.percentile(0.5):8.1f} "
                          f"{ours_result.percentile(0.99):8.1f}   {peer_result.throughput:15,.1f} "
                          f"{peer_result.percentile(0.5):8.1f} {peer_result.percentile(0.99):8.1f}   {ratio:.2f}{errors}")
        if "export" in parts:
            for server, path in ((opengu_server, f"/data/{slug}/resources/{found['resource']}/download.csv"),
                                 (datasette, f"/peer/{found['table']}.csv?_stream=on&_size=max")):
                seconds, size, idle, early, peak, idle_own, early_own, peak_own = export(
                    server, path, source.stat().st_size)
                print(f"export  {server.name:9} {seconds:6.1f} s  {args.rows / seconds:9,.0f} rows/s  {mb(size)}   "
                      f"RSS idle {mb(idle)}, at 10 % {mb(early)}, peak {mb(peak)}; "
                      f"RssAnon idle {mb(idle_own)}, at 10 % {mb(early_own)}, peak {mb(peak_own)}")
    finally:
        for server in servers:
            server.stop()
        if args.keep:
            print(f"work directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
