"""The load pipeline against the real database: typed tables, versions, the atomic switch."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opengu.core.models import AuditEvent, Progress
from opengu.opendata import datastore, ingest, services
from opengu.opendata.models import ResourceVersion

pytestmark = pytest.mark.django_db

GOOD = '"주차장명","주차면수","개설일"\r\n"연희 제1공영","120","2014.10.01"\r\n"신촌 제2공영","1,024","20141002"\r\n,,\r\n'


def load(dataset, text, actor, name="parking.csv", encoding="utf-8"):
    return services.resource_version_load(actor=actor, dataset=dataset, file=io.BytesIO(text.encode(encoding)),
                                          source_name=name)


def rows(version, **query):
    return datastore.search(version.table_name, version.columns, datastore.Query(**query))


def test_a_load_creates_a_typed_table_and_goes_live(dataset, personas):
    version = load(dataset, GOOD, personas.staff)
    assert version.status == ResourceVersion.Status.LIVE and version.number == 1 and version.row_count == 2
    assert version.resource.live_version_id == version.pk
    result = rows(version, sort=[("주차면수", True)])
    assert result.total == 2
    assert result.records[0]["주차장명"] == "신촌 제2공영" and result.records[0]["주차면수"] == 1024
    assert result.records[0]["개설일"] == "2014-10-02"
    assert Progress.objects.get(key=version.progress_key).status == Progress.Status.DONE
    assert AuditEvent.objects.filter(action="opendata.version.live", target_id=str(version.pk)).exists()


def test_a_cp949_file_loads(dataset, personas):
    version = load(dataset, "업소명,업태\n똠양꿍,태국\n", personas.staff, encoding="cp949")
    assert version.encoding == "cp949"
    assert rows(version).records[0]["업소명"] == "똠양꿍"


def test_a_second_load_supersedes_the_first(dataset, personas):
    first = load(dataset, GOOD, personas.staff)
    second = load(dataset, "주차장명,주차면수\n가,1\n나,2\n다,3\n", personas.staff)
    first.refresh_from_db()
    assert second.number == 2 and first.status == ResourceVersion.Status.SUPERSEDED
    assert second.resource.live_version_id == second.pk
    assert rows(second).total == 3
    assert rows(first).total == 2  # the previous version's table is kept for as-of queries


def test_a_failing_load_leaves_the_previous_version_live_and_intact(dataset, personas):
    first = load(dataset, GOOD, personas.staff)
    with pytest.raises(ingest.IngestError, match="3행"):
        load(dataset, "주차장명,주차면수\n가,1\n나,2,3\n", personas.staff)
    failed = ResourceVersion.objects.get(number=2)
    assert failed.status == ResourceVersion.Status.FAILED and "3행" in failed.error
    assert Progress.objects.get(key=failed.progress_key).status == Progress.Status.FAILED
    first.refresh_from_db()
    assert first.status == ResourceVersion.Status.LIVE and first.resource.live_version_id == first.pk
    assert [r["주차장명"] for r in rows(first).records] == ["연희 제1공영", "신촌 제2공영"]


def test_a_load_interrupted_mid_table_drops_the_half_filled_table(dataset, personas):
    first = load(dataset, GOOD, personas.staff)
    many = "주차장명,주차면수\n" + "".join(f"가{i},{i}\n" for i in range(datastore.BATCH * 3))
    seen: list[int] = []

    def operator_presses_ctrl_c(done, total, message):
        # The terminal command's progress callback is where Ctrl-C lands during a long load.
        seen.append(done)
        if done >= datastore.BATCH:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        services.resource_version_load(actor=personas.staff, dataset=dataset, file=io.BytesIO(many.encode()),
                                       source_name="many.csv", on_progress=operator_presses_ctrl_c)
    assert seen[-1] == datastore.BATCH  # a batch was in the new table when the load stopped
    stopped = ResourceVersion.objects.get(number=2)
    assert stopped.status == ResourceVersion.Status.FAILED and "중단" in stopped.error
    assert not datastore.table_exists(datastore.table_name_for(stopped.pk))
    first.refresh_from_db()
    assert first.resource.live_version_id == first.pk and rows(first).total == 2


def test_a_version_left_loading_by_a_killed_worker_never_goes_live(dataset, personas):
    first = load(dataset, GOOD, personas.staff)
    # A worker killed after preparing (or mid-table) leaves a version in LOADING: nothing points to it.
    stranded = services.resource_version_prepare(actor=personas.staff, dataset=dataset,
                                                 file=io.BytesIO(GOOD.encode()), source_name="b.csv")
    first.refresh_from_db()
    assert stranded.status == ResourceVersion.Status.LOADING
    assert first.resource.live_version_id == first.pk
    # Run again, it completes and only then takes over.
    done = services.resource_version_fill(version=stranded)
    assert done.resource.live_version_id == done.pk
    with pytest.raises(ingest.IngestError, match="이미 처리"):
        services.resource_version_fill(version=done)


def test_an_undecodable_file_fails_with_a_korean_message(dataset, personas):
    with pytest.raises(ingest.IngestError, match="UTF-8로도 CP949"):
        services.resource_version_load(actor=personas.staff, dataset=dataset, file=io.BytesIO(b"a,b\n\xff\xfe\xff\n"),
                                       source_name="x.csv")


def test_only_the_owning_department_may_load(dataset, personas):
    for user in (personas.other_staff, personas.auditor, personas.resident):
        with pytest.raises(PermissionDenied):
            load(dataset, GOOD, user)
    assert load(dataset, GOOD, personas.admin).status == ResourceVersion.Status.LIVE


def test_query_filters_in_ranges_fields_q_and_errors(dataset, personas):
    text = "이름,수,날짜\n" + "".join(f"가게{i},{i},2014-10-{i:02d}\n" for i in range(1, 21))
    version = load(dataset, text, personas.staff)
    assert [r["수"] for r in rows(version, filters={"수": ["3", 5]}).records] == [3, 5]
    assert rows(version, filters={"수": {"gte": 10, "lt": 12}}).total == 2
    assert rows(version, filters={"날짜": {"gte": "2014.10.19"}}).total == 2
    assert rows(version, q="가게1").total == 11
    result = rows(version, fields=["이름"], limit=3, offset=2, sort=[("수", True)])
    assert result.records == [{"_id": 18, "이름": "가게18"}, {"_id": 17, "이름": "가게17"}, {"_id": 16, "이름": "가게16"}]
    with pytest.raises(datastore.QueryError, match="'없는열' 필드가 없습니다"):
        rows(version, filters={"없는열": 1})
    with pytest.raises(datastore.QueryError, match="'수' 필드의 값 '셋'"):
        rows(version, filters={"수": "셋"})


def test_publishing_needs_a_decision_on_personal_data(dataset, personas):
    text = "이름,연락처\n" + "".join(f"가{i},010-{2000 + i}-1234\n" for i in range(5))
    version = load(dataset, text, personas.staff)
    assert version.needs_personal_data_decision
    with pytest.raises(ValidationError, match="개인정보"):
        services.dataset_publish(actor=personas.staff, dataset=dataset)
    services.resource_version_personal_data_decide(actor=personas.staff, version=version,
                                                   decision="사업장 대표 전화로 개인정보 아님")
    assert services.dataset_publish(actor=personas.staff, dataset=dataset).published


def test_dataset_validation_names_the_field(personas, dataset):
    with pytest.raises(ValidationError) as info:
        services.dataset_create(actor=personas.staff, title="중복", slug="parking", department=personas.department,
                                category=dataset.category)
    assert "slug" in info.value.message_dict
    with pytest.raises(PermissionDenied):
        services.dataset_create(actor=personas.staff, title="남의 부서", department=personas.other_department,
                                category=dataset.category)


# Every layout type inference accepts lands as the same typed value on SQLite (typed in Python)
# and on PostgreSQL (COPY of the cleaned text in one pass, typed in SQL by datastore._typed_sql).
EVERY_LAYOUT = (
    "정수,실수,날짜,일시,여부,코드,비고\n"
    '"1,234","1,234.50",2014.10.01,2014-10-01 13:28,Y,0164A,&amp; 신규\n'
    "-5,0.5,20141002,2014-10-01 9:05,n,01012345678,\n"
    "+7,12,2014-10-3,2014.10.01 13:28:05,예,A1,\"쉼표, 안\"\n"
    "0,-3.25,2014/10/04,20141001T09:05:00.5,아니오,,\n"
    ",,2014년 10월 5일,2014-10-01,TRUE,B2,끝\n"
    '"12,345,678",+1.5,2014. 10. 6.,2014년 10월 1일 23:59,false,C3,\n'
)


def test_every_accepted_layout_lands_as_the_same_typed_value(dataset, personas):
    version = load(dataset, EVERY_LAYOUT, personas.staff, name="layouts.csv")
    assert [(c["id"], c["type"]) for c in version.columns] == [
        ("정수", "integer"), ("실수", "decimal"), ("날짜", "date"), ("일시", "datetime"), ("여부", "boolean"),
        ("코드", "text"), ("비고", "text")]
    records = rows(version).records
    assert [r["정수"] for r in records] == [1234, -5, 7, 0, None, 12345678]
    assert [r["실수"] for r in records] == [1234.5, 0.5, 12, -3.25, None, 1.5]
    assert [r["날짜"] for r in records] == [f"2014-10-0{d}" for d in range(1, 7)]
    assert [r["일시"] for r in records] == ["2014-10-01T13:28:00", "2014-10-01T09:05:00", "2014-10-01T13:28:05",
                                          "2014-10-01T09:05:00.500000", "2014-10-01T00:00:00",
                                          "2014-10-01T23:59:00"]
    assert [r["여부"] for r in records] == [True, False, True, False, True, False]
    assert [r["코드"] for r in records] == ["0164A", "01012345678", "A1", None, "B2", "C3"]
    assert [r["비고"] for r in records] == ["& 신규", None, "쉼표, 안", None, "끝", None]
    assert rows(version, filters={"날짜": {"gte": "2014.10.05"}}).records[0]["정수"] is None


def test_sql_typing_refuses_a_value_it_cannot_type_and_leaves_the_table_empty(db):
    # The one-pass PostgreSQL load types in SQL; a value its expressions do not cover aborts
    # the INSERT (the load then types in Python), never a silent NULL.
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQL typing is the PostgreSQL path")
    columns = [{"name": "c1", "type": "date", "source_index": 0, "id": "날짜"},
               {"name": "c2", "type": "integer", "source_index": 1, "id": "수"}]
    staging = datastore.Staging(datastore.staging_name_for(999001))
    staging.start(2)
    staging.row(["2014.10.01", "1"])
    staging.row(["10월 1일", "2"])
    staging.flush()
    datastore.create_table("od_v999001", columns)
    with pytest.raises(datastore.StagingMismatch):
        datastore.fill_from_staging("od_v999001", columns, staging.table)
    with connection.cursor() as cursor:
        cursor.execute('SELECT COUNT(*) FROM "od_v999001"')
        assert cursor.fetchone()[0] == 0
    staging.drop()
