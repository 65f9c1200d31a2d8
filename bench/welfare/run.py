"""Welfare bench: search with facet counts and a client's full history, on SQLite and PostgreSQL.

    .venv/bin/python bench/welfare/run.py [--resources 100000] [--calls 1000000] [--repeat 5]
        [--postgres postgres://postgres@127.0.0.1:5432/wbench_bench | --no-postgres] [--fresh]

Each database is the demo district (`opengu migrate`, `opengu demo`) grown by `workload.py
generate` to the given sizes, kept under /tmp/wbench-<engine>-<resources>-<calls>/ (and, for
PostgreSQL, in the database named by --postgres) so a second run measures without regenerating;
--fresh regenerates. The measurement runs in a child process per database (`workload.py
measure`) through Django's test client against the real pages. Prints p50 and p95 per search
and for the client file, and the target (p95 under 100 ms) met or not, with the CPU time the
measuring process spent a request (less exposed than wall time to other work on the machine;
with SQLite it includes the database's work, with PostgreSQL not the server's).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
WORKLOAD = Path(__file__).with_name("workload.py")
TARGET_MS = 100.0
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/wbench_bench"


def _environment(data_dir: Path, database_url: str) -> dict[str, str]:
    env = {**os.environ, "OPENGU_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "opengu.settings"}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def prepare(*, engine: str, database_url: str, resources: int, calls: int, fresh: bool) -> dict[str, str]:
    """The data directory (and database) at the requested size, generated unless it already is."""
    data_dir = Path(f"/tmp/wbench-{engine}-{resources}-{calls}")
    marker = data_dir / "generated.json"
    env = _environment(data_dir, database_url)
    if fresh or not marker.exists():
        shutil.rmtree(data_dir, ignore_errors=True)
        data_dir.mkdir(parents=True)
        if database_url:
            recreate_database(database_url)
        opengu = str(Path(sys.executable).parent / "opengu")
        began = time.perf_counter()
        subprocess.run([opengu, "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
        subprocess.run([opengu, "demo"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        demo = time.perf_counter() - began
        began = time.perf_counter()
        result = subprocess.run([sys.executable, str(WORKLOAD), "generate", "--resources", str(resources),
                                 "--calls", str(calls)], env=env, check=True, cwd=ROOT, capture_output=True, text=True)
        sys.stderr.write(result.stderr)
        grown = json.loads(result.stdout)
        marker.write_text(json.dumps({**grown, "demo_seconds": round(demo), "generate_seconds":
                                      round(time.perf_counter() - began)}), encoding="utf-8")
    else:
        # Same data, possibly newer code: bring the schema (indexes) up to date before measuring.
        subprocess.run([str(Path(sys.executable).parent / "opengu"), "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    print(f"{engine}: {data_dir} {marker.read_text(encoding='utf-8')}")
    return env


def recreate_database(database_url: str) -> None:
    import psycopg
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    name = conninfo_to_dict(database_url)["dbname"]
    with psycopg.connect(make_conninfo(database_url, dbname="postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def postgres_answers(database_url: str) -> bool:
    try:
        import psycopg
        from psycopg.conninfo import make_conninfo

        with psycopg.connect(make_conninfo(database_url, dbname="postgres"), connect_timeout=3):
            return True
    except Exception:  # any failure means "no server to bench against"
        return False


def measure(env: dict[str, str], repeat: int) -> dict[str, Any]:
    result = subprocess.run([sys.executable, str(WORKLOAD), "measure", "--repeat", str(repeat)], env=env, check=True,
                            cwd=ROOT, capture_output=True, text=True)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def report(results: dict[str, dict[str, Any]]) -> None:
    engines = list(results)
    names = [row["name"] for row in next(iter(results.values()))["rows"]]
    header = "| query | results | " + " | ".join(f"{e} p50 | {e} p95" for e in engines) + " |"
    print(header)
    print("|" + "---|" * (2 + 2 * len(engines)))
    for index, name in enumerate(names):
        cells = []
        for engine in engines:
            row = results[engine]["rows"][index]
            cells += [f"{row['p50']:.0f}", f"{row['p95']:.0f}"]
        print(f"| {name} | {results[engines[0]]['rows'][index]['results']:,} | " + " | ".join(cells) + " |")
    for engine, summary in results.items():
        verdict = "met" if max(summary["search_p95"], summary["history_p95"]) < TARGET_MS else "missed"
        print(f"{engine}: all searches p50 {summary['search_p50']:.0f} ms, p95 {summary['search_p95']:.0f} ms; "
              f"client file p50 {summary['history_p50']:.0f} ms, p95 {summary['history_p95']:.0f} ms "
              f"(target p95 < {TARGET_MS:.0f} ms: {verdict}); CPU of the measuring process a request: searches "
              f"p50 {summary['search_cpu_p50']:.0f} ms, p95 {summary['search_cpu_p95']:.0f} ms, client file p50 "
              f"{summary['history_cpu_p50']:.0f} ms, p95 {summary['history_cpu_p95']:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--resources", type=int, default=100_000)
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per search and per client file")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="a PostgreSQL URL for a scratch database")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--fresh", action="store_true", help="regenerate the databases")
    args, _others = parser.parse_known_args()  # make bench passes every bench the same arguments
    engines: list[tuple[str, str]] = [("sqlite", "")]
    if not args.no_postgres:
        if postgres_answers(args.postgres):
            engines.append(("postgres", args.postgres))
        else:
            print(f"PostgreSQL does not answer at {args.postgres}: SQLite only")
    results: dict[str, dict[str, Any]] = {}
    for engine, url in engines:
        env = prepare(engine=engine, database_url=url, resources=args.resources, calls=args.calls, fresh=args.fresh)
        results[engine] = measure(env, args.repeat)
    print(f"{args.resources:,} resources, {args.calls:,} calls; {args.repeat} timed requests per row")
    report(results)


if __name__ == "__main__":
    main()
