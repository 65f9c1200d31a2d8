"""Datastore queries: keyset pagination (stable under inserts, pinned to its version), exact or
estimated totals, ETag/304 on datastore_search."""

from __future__ import annotations

import io
import json

import pytest
from django.db import connection

from opengu.opendata import datastore, services
from tests.opendata.files import live_table

pytestmark = pytest.mark.django_db

COLUMNS = [{"id": "동", "name": "c1", "type": "text"}, {"id": "수", "name": "c2", "type": "integer"}]


def _row(n: int) -> list:
    # Repeated values and blanks, so the order needs its tie-breaker and NULL handling.
    return [None if n % 7 == 0 else f"동{n % 5}", None if n % 11 == 0 else n % 13]


@pytest.fixture
def table(dataset, personas):
    services.dataset_publish(actor=personas.staff, dataset=dataset)
    return live_table(dataset, 300, COLUMNS, _row)


def _walk(version, sort, page=17, **extra):
    seen, after = [], ""
    while True:
        result = datastore.search(version.table_name, version.columns,
                                  datastore.Query(sort=sort, limit=page, after=after, include_total=False, **extra))
        seen.extend(result.records)
        if not result.next_cursor:
            return seen
        after = result.next_cursor


@pytest.mark.parametrize("sort", [[], [("동", False)], [("수", True), ("동", False)], [("_id", True)]])
def test_keyset_pages_match_the_whole_ordered_result(table, sort):
    whole = datastore.search(table.table_name, table.columns, datastore.Query(sort=sort, limit=1000)).records
    walked = _walk(table, sort)
    assert [r["_id"] for r in walked] == [r["_id"] for r in whole]
    assert len(walked) == 300
    blanks = [r["동"] for r in whole]
    assert blanks.index(None) > blanks.index("동4") if sort == [("동", False)] else True  # blanks last


def test_distinct_pages_by_cursor_too(table):
    whole = datastore.search(table.table_name, table.columns,
                             datastore.Query(fields=["동"], distinct=True, limit=100)).records
    walked = _walk(table, [], page=2, fields=["동"], distinct=True)
    assert walked == whole and len(walked) == 6


def test_cursor_is_stable_under_inserts_where_offset_is_not(table):
    sort = [("동", False)]
    first = datastore.search(table.table_name, table.columns, datastore.Query(sort=sort, limit=50))
    # Rows that sort before the first page's end arrive meanwhile.
    with connection.cursor() as cursor:
        for n in range(1000, 1010):
            cursor.execute(f'INSERT INTO "{table.table_name}" ("_id", "c1", "c2") VALUES (%s, %s, %s)', [n, "동", 1])
    by_offset = datastore.search(table.table_name, table.columns, datastore.Query(sort=sort, limit=50, offset=50))
    by_cursor = datastore.search(table.table_name, table.columns,
                                 datastore.Query(sort=sort, limit=50, after=first.next_cursor))
    first_ids = {r["_id"] for r in first.records}
    assert first_ids & {r["_id"] for r in by_offset.records}  # offset repeats rows already seen
    assert not first_ids & {r["_id"] for r in by_cursor.records}
    assert by_cursor.records[0]["동"] >= first.records[-1]["동"]


@pytest.mark.parametrize("descending", [False, True])
def test_an_offset_in_load_order_reads_the_same_rows_as_walking_there(table, descending):
    # The loaded table's ids run 1..300, so the offset becomes a range on the key; the rows must be
    # the ones an offset walk gives (compared with a query the shortcut does not take: all fields
    # through `_id` order with a filter that keeps every row).
    sort = [("_id", True)] if descending else []
    everything = {"_id": {"gte": 1}}
    for offset in (1, 17, 150, 299, 300, 400):
        fast = datastore.search(table.table_name, table.columns,
                                datastore.Query(sort=sort, limit=20, offset=offset), row_count=300)
        walked = datastore.search(table.table_name, table.columns,
                                  datastore.Query(sort=sort, limit=20, offset=offset, filters=everything))
        assert fast.records == walked.records, offset
        assert fast.total == 300
    assert datastore.search(table.table_name, table.columns, datastore.Query(sort=sort, limit=1, offset=10),
                            row_count=300).records[0]["_id"] == (290 if descending else 11)


def test_an_offset_on_a_table_with_a_gap_walks_the_rows(table):
    with connection.cursor() as cursor:
        cursor.execute(f'DELETE FROM "{table.table_name}" WHERE "_id" = 5')
    # 299 rows whose ids end at 300: the key is no longer a row number, so the rows are walked.
    page = datastore.search(table.table_name, table.columns, datastore.Query(limit=3, offset=5), row_count=299)
    assert [r["_id"] for r in page.records] == [7, 8, 9]


def test_a_cursor_from_another_query_or_garbage_is_refused_in_korean(table):
    page = datastore.search(table.table_name, table.columns, datastore.Query(sort=[("수", False)], limit=5))
    with pytest.raises(datastore.QueryError, match="맞지 않습니다"):
        datastore.search(table.table_name, table.columns, datastore.Query(sort=[("동", False)], after=page.next_cursor))
    with pytest.raises(datastore.QueryError, match="올바르지 않습니다"):
        datastore.search(table.table_name, table.columns, datastore.Query(after="!!not-a-cursor"))
    with pytest.raises(datastore.QueryError, match="offset"):
        datastore.search(table.table_name, table.columns,
                         datastore.Query(sort=[("수", False)], after=page.next_cursor, offset=5))


def test_totals_exact_free_or_estimated_and_flagged(table):
    count = datastore.search(table.table_name, table.columns, datastore.Query(limit=0), row_count=table.row_count)
    assert (count.total, count.total_was_estimated) == (300, False)
    exact = sum(1 for n in range(1, 301) if _row(n)[0] in {"동1", "동2"})
    filtered = datastore.Query(limit=0, filters={"동": ["동1", "동2"]})
    result = datastore.search(table.table_name, table.columns, filtered, row_count=300)
    assert (result.total, result.total_was_estimated) == (exact, False)
    filtered.estimate_above = 20
    result = datastore.search(table.table_name, table.columns, filtered, row_count=300)
    assert result.total_was_estimated
    assert exact / 2 <= result.total <= exact * 2
    filtered.estimate_above = 10_000  # a small result stays exact
    assert not datastore.search(table.table_name, table.columns, filtered, row_count=300).total_was_estimated


def test_ckan_cursor_pages_stay_on_their_version_and_etag_answers_304(client, table, dataset, personas):
    url = "/api/3/action/datastore_search"
    first = client.get(url, {"resource_id": table.resource_id, "limit": 100, "sort": "수 desc"})
    body = first.json()["result"]
    assert body["total"] == 300 and body["total_was_estimated"] is False and body["next_cursor"]
    # A new version goes live while the client pages: its cursor keeps reading the old one.
    services.resource_version_load(actor=personas.staff, dataset=dataset, resource=table.resource,
                                   file=io.BytesIO("동,수\n새동,1\n".encode()), source_name="new.csv")
    second = client.get(url, {"resource_id": table.resource_id, "limit": 100, "sort": "수 desc",
                              "cursor": body["next_cursor"]}).json()["result"]
    assert second["version"] == 1 and len(second["records"]) == 100
    assert not {r["_id"] for r in body["records"]} & {r["_id"] for r in second["records"]}
    assert "cursor=" in second["_links"]["next"]
    live = client.get(url, {"resource_id": table.resource_id}).json()["result"]
    assert live["version"] == 2 and live["total"] == 1
    again = client.get(url, {"resource_id": table.resource_id}, headers={"If-None-Match": "x"})
    etag = again["ETag"]
    assert client.get(url, {"resource_id": table.resource_id}, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url, {"resource_id": table.resource_id, "q": "새"},
                      headers={"If-None-Match": etag}).status_code == 200
    estimated = client.post(url, json.dumps({"resource_id": str(table.resource_id), "filters": {"동": "새동"},
                                             "total_estimation_threshold": 0}), content_type="application/json")
    assert estimated.json()["result"]["total_was_estimated"] is True


@pytest.mark.parametrize("descending", [False, True])
def test_a_cursor_page_in_id_order_reads_from_the_primary_key(table, descending):
    """The next page after a cursor starts at its row through the key's index instead of scanning
    from the first row (what made a deep cursor page cost as much as an offset)."""
    from django.test.utils import CaptureQueriesContext

    sort = [("_id", True)] if descending else []
    first = datastore.search(table.table_name, table.columns, datastore.Query(sort=sort, limit=150,
                                                                               include_total=False))
    with CaptureQueriesContext(connection) as queries:
        second = datastore.search(table.table_name, table.columns,
                                  datastore.Query(sort=sort, limit=10, after=first.next_cursor, include_total=False))
    assert second.records[0]["_id"] == (150 if descending else 151)
    statement = queries.captured_queries[-1]["sql"]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET enable_seqscan = off")  # a 300-row table: ask whether an index can serve it
            cursor.execute("EXPLAIN " + statement)
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert "Index" in plan and "Sort" not in plan, plan
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + statement)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
            assert "INTEGER PRIMARY KEY" in plan and "TEMP B-TREE" not in plan, plan


def test_a_page_sorted_by_a_number_largest_first_reads_its_index(dataset, personas):
    """A loaded table's number and date columns are indexed, so "largest first" reads the top of an
    index instead of sorting every row (the sorted page of bench/opendata)."""
    from django.test.utils import CaptureQueriesContext

    services.dataset_publish(actor=personas.staff, dataset=dataset)
    body = "동,매출,개업일\n" + "".join(f"동{n % 5},{'' if n % 9 == 0 else n * 37 % 1000},2026-01-{n % 28 + 1:02d}\n"
                                       for n in range(1, 401))
    version = services.resource_version_load(actor=personas.staff, dataset=dataset,
                                             file=io.BytesIO(body.encode()), source_name="매출.csv")
    by_id = {col["id"]: col for col in version.columns}
    assert by_id["매출"]["type"] == "integer" and by_id["개업일"]["type"] == "date"
    sort = [("매출", True)]
    with CaptureQueriesContext(connection) as queries:
        page = datastore.search(version.table_name, version.columns,
                                datastore.Query(sort=sort, limit=10, include_total=False))
    values = [r["매출"] for r in page.records]
    assert values == sorted(values, reverse=True) and None not in values
    whole = datastore.search(version.table_name, version.columns, datastore.Query(sort=sort, limit=1000)).records
    assert [r["_id"] for r in _walk(version, sort)] == [r["_id"] for r in whole]  # cursors agree with the index
    assert whole[-1]["매출"] is None  # blanks last
    statement = queries.captured_queries[-1]["sql"]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET enable_seqscan = off")
            cursor.execute("EXPLAIN " + statement)
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert "Index Scan" in plan and f"{version.table_name}_s" in plan, plan
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + statement)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
            assert f"INDEX {version.table_name}_s" in plan, plan
