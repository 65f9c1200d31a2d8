"""The open-data benchmark's own code on a tiny file: the generated CSV, our side of every query
shape, the load generator and the memory sampler. No timing is asserted (see bench/README.md)."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from opengu.opendata import datastore, services

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("bench_opendata_run", ROOT / "bench" / "opendata" / "run.py")
assert _spec and _spec.loader
bench = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = bench  # dataclasses look their module up while the file runs
_spec.loader.exec_module(bench)


def test_the_generated_file_is_seeded_korean_and_twenty_columns_wide(tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    bench.make_csv(first, 25_003)  # more than two blocks, the last one short
    bench.make_csv(second, 25_003)
    assert first.read_bytes() == second.read_bytes()
    text = first.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    assert len(lines) == 25_004 and lines[0].split(",") == bench.HEADER
    assert lines[1].startswith("1,3120000-101-") and lines[-1].startswith("25003,")
    assert "서대문구" in text and "&amp; 신규" in text and '"' in text  # quoted thousands


@pytest.mark.django_db
def test_the_file_loads_typed_and_our_query_shapes_answer_pages(tmp_path, dataset, personas, client):
    source = tmp_path / "bench.csv"
    bench.make_csv(source, 3000)
    with source.open("rb") as handle:
        version = services.resource_version_load(actor=personas.staff, dataset=dataset, file=handle,
                                                 source_name="bench.csv")
    types = {column["id"]: column["type"] for column in version.columns}
    assert types["번호"] == "integer" and types["인허가일자"] == "date" and types["수정일시"] == "datetime"
    assert types["면적"] == "decimal" and types["매출"] == "integer" and types["영업여부"] == "boolean"
    assert types["코드"] == "text"  # 0042: leading zeros stay
    assert version.row_count == 3000
    services.resource_version_personal_data_decide(actor=personas.staff, version=version,
                                                   decision="업소 대표전화로 개인정보 아님")
    services.dataset_publish(actor=personas.staff, dataset=dataset)
    shapes = bench.shapes(str(version.resource_id), version.table_name, 3000)
    assert len(shapes) == 5
    deep_row = 3000 * bench.DEEP_ROW // 1_000_000
    for shape in shapes:
        response = client.get(shape.ours)
        assert response.status_code == 200, (shape.name, response.content[:300])
        assert bench.hundred_rows(response.content), shape.name
        records = response.json()["result"]["records"]
        assert "total" not in response.json()["result"]
        if shape.name.startswith("deep"):
            assert records[0]["_id"] == deep_row
        if shape.name.startswith("filtered"):
            assert {r["업태"] for r in records} == {"카페"} and len(records) == 100
        if shape.name.startswith("sorted"):
            sales = [r["매출"] for r in records]
            assert sales == sorted(sales, reverse=True)
        if shape.name.startswith("full text"):
            assert all(any("연희동" in str(v) for v in r.values()) for r in records)
    # The export the benchmark streams is the dataset's CSV download.
    download = client.get(f"/data/{dataset.slug}/resources/{version.resource_id}/download.csv")
    body = b"".join(download.streaming_content)
    assert body.startswith("\ufeff번호,관리번호".encode()) and body.count(b"\n") == 3001
    assert datastore.table_exists(version.table_name)


class _Answers(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = json.dumps({"rows": [] if self.path == "/empty" else [{"a": 1}]}).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_the_load_generator_counts_answers_latencies_and_errors():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        good = bench.load(port, "/rows", concurrency=3, duration=0.3, check=bench.hundred_rows)
        assert good.requests > 0 and good.errors == 0 and len(good.latencies) == good.requests
        assert good.percentile(0.5) <= good.percentile(0.99)
        empty = bench.load(port, "/empty", concurrency=2, duration=0.2, check=bench.hundred_rows)
        assert empty.requests == 0 and empty.errors > 0
    finally:
        server.shutdown()


def test_the_memory_sampler_reads_a_process_tree_from_proc():
    child = subprocess.Popen([sys.executable, "-c", "import subprocess, sys, time; "
                              "p = subprocess.Popen([sys.executable, '-c', 'import time; x = bytearray(50_000_000); "
                              "time.sleep(30)']); time.sleep(30)"], start_new_session=True)
    server = bench.Server("child", 0, child)
    try:
        for _ in range(100):
            if len(server.pids()) == 2 and server.rss() > 50_000_000:
                break
            threading.Event().wait(0.1)
        assert len(server.pids()) == 2
        assert server.rss() > 50_000_000  # the grandchild's 50 MB counted with its parent
    finally:
        server.stop()
    assert child.poll() is not None
    assert os.path.exists("/proc/self/status")


def test_csv_exports_go_out_in_chunks_not_a_write_a_row():
    from opengu.core import exports

    lines = list(exports.csv_lines(["번호", "이름"], ([n, f"가게{n}"] for n in range(20_000))))
    chunks = list(exports.chunked(line.encode("utf-8") for line in lines))
    assert b"".join(chunks) == "".join(lines).encode("utf-8")
    assert 1 < len(chunks) < len(lines) / 100
    assert all(len(chunk) >= 1 << 16 for chunk in chunks[:-1])
