"""Ingest benchmark: opengu's load pipeline against its peers, same file, same machine, one run.

    .venv/bin/python bench/opendata/run.py [--rows 1000000] [--postgres postgres://…/bench]

SQLite: `sqlite-utils insert --csv` (the peer; it detects types by default since 4.0). PostgreSQL (with --postgres):
a plain COPY of the same file into an all-text table (the floor). Prints seconds, rows per
second and the ratio opengu ÷ peer (below 1 means faster than the peer).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORDS = ["서대문구", "연희동", "신촌", "주차장", "음식점", "복지관", "도서관", "공원", "통일로", "한식", "카페", "분식"]
HEADER = ["번호", "관리번호", "업소명", "주소", "업태", "인허가일자", "수정일시", "면적", "좌석수", "매출",
          "영업여부", "전화", "비고", "x", "y", "코드", "층수", "종업원", "점수", "메모"]


def make_csv(path: Path, rows: int) -> None:
    rng = random.Random(20141112)
    start = dt.date(1990, 1, 1)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(1, rows + 1):
            day = start + dt.timedelta(days=rng.randint(0, 12000))
            writer.writerow([
                n, f"3120000-101-{day.year}-{n:07d}", rng.choice(WORDS) + rng.choice(WORDS),
                f"서울특별시 서대문구 {rng.choice(WORDS)}로 {rng.randint(1, 300)}", rng.choice(WORDS),
                day.strftime("%Y%m%d"), f"{day.isoformat()} {rng.randint(0, 23)}:{rng.randint(0, 59):02d}",
                f"{rng.uniform(10, 500):.2f}", rng.randint(0, 200), f"{rng.randint(0, 10**7):,}",
                rng.choice(["Y", "N"]), f"02-{rng.randint(300, 399)}-{rng.randint(1000, 9999)}",
                rng.choice(["", "&amp; 신규", "휴업"]), f"{rng.uniform(193000, 197500):.4f}",
                f"{rng.uniform(451000, 455500):.4f}", f"{rng.randint(0, 999):04d}", rng.randint(1, 20),
                rng.randint(0, 50), f"{rng.uniform(0, 100):.1f}", " ".join(rng.choices(WORDS, k=4)),
            ])


def opengu_load(path: Path, data_dir: Path, database_url: str | None) -> float:
    env = {**os.environ, "OPENGU_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "opengu.settings"}
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    opengu = str(Path(sys.executable).parent / "opengu")
    subprocess.run([opengu, "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    subprocess.run([opengu, "demo"], env=env, check=True, cwd=ROOT, capture_output=True)
    began = time.perf_counter()
    subprocess.run([opengu, "opendata", "load", str(path), "--dataset", f"bench-{int(began)}"], env=env, check=True,
                   cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - began


def sqlite_utils_insert(path: Path, target: Path) -> float:
    began = time.perf_counter()
    subprocess.run([str(Path(sys.executable).parent / "sqlite-utils"), "insert", str(target), "rows", str(path),
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


def ensure_database(database_url: str) -> None:
    import psycopg
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    info = conninfo_to_dict(database_url)
    name = info["dbname"]
    with psycopg.connect(make_conninfo(database_url, dbname="postgres"), autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--postgres", default="", help="a PostgreSQL URL for a scratch database")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="opengu-bench-"))
    try:
        source = work / "bench.csv"
        make_csv(source, args.rows)
        print(f"{args.rows:,} rows × {len(HEADER)} columns, {source.stat().st_size / 1e6:.0f} MB")
        ours = opengu_load(source, work / "sqlite", None)
        peer = sqlite_utils_insert(source, work / "peer.db")
        print(f"SQLite  opengu {ours:7.1f} s ({args.rows / ours:,.0f} rows/s)  sqlite-utils {peer:7.1f} s"
              f"  ratio {ours / peer:.2f}")
        if args.postgres:
            ensure_database(args.postgres)
            ours = opengu_load(source, work / "pg", args.postgres)
            floor = postgres_copy(source, args.postgres)
            print(f"Postgres opengu {ours:7.1f} s ({args.rows / ours:,.0f} rows/s)  plain COPY {floor:7.1f} s"
                  f"  ratio {ours / floor:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
