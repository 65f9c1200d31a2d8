from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from opengu.opendata.models import Dataset, ResourceVersion
from tests.opendata.files import write

pytestmark = pytest.mark.django_db


def test_load_command_creates_the_dataset_and_reports(tmp_path, personas, capsys):
    path = write(tmp_path, "주차장.csv", "주차장명,주차면수\n가,1\n나,2\n", encoding="cp949")
    call_command("opendata", "load", str(path), "--dataset", "parking", "--title", "공영주차장")
    out = capsys.readouterr().out
    assert "새 데이터셋을 만들었습니다" in out and "2행" in out and "cp949" in out
    dataset = Dataset.objects.get(slug="parking")
    assert dataset.title == "공영주차장" and not dataset.published
    call_command("opendata", "load", str(path), "--dataset", "parking")
    assert ResourceVersion.objects.filter(status=ResourceVersion.Status.LIVE).get().number == 2


def test_load_command_fails_with_a_korean_message_and_keeps_the_live_version(tmp_path, personas):
    good = write(tmp_path, "a.csv", "이름,수\n가,1\n")
    call_command("opendata", "load", str(good), "--dataset", "numbers")
    bad = write(tmp_path, "b.csv", "이름,수\n가,1,2\n")
    with pytest.raises(CommandError, match="적재하지 못했습니다: 2행에 머리글"):
        call_command("opendata", "load", str(bad), "--dataset", "numbers")
    live = ResourceVersion.objects.get(status=ResourceVersion.Status.LIVE)
    assert live.number == 1
    with pytest.raises(CommandError, match="파일이 없습니다"):
        call_command("opendata", "load", str(tmp_path / "none.csv"), "--dataset", "numbers")


def test_cleanup_fails_versions_a_killed_worker_left_loading(tmp_path, personas, capsys):
    import datetime as dt
    import io

    from opengu.opendata import datastore, services

    good = write(tmp_path, "a.csv", "이름,수\n가,1\n")
    call_command("opendata", "load", str(good), "--dataset", "numbers")
    dataset = Dataset.objects.get(slug="numbers")
    stranded = services.resource_version_prepare(actor=None, dataset=dataset, file=io.BytesIO(b"a,b\n1,2\n"),
                                                 source_name="b.csv")
    table = datastore.table_name_for(stranded.pk)
    datastore.create_table(table, [{"name": "c1", "type": "text"}])  # half made when the worker died
    ResourceVersion.objects.filter(pk=stranded.pk).update(created_at=stranded.created_at - dt.timedelta(hours=7))
    call_command("opendata", "cleanup")
    assert "정리한 판: 1개" in capsys.readouterr().out
    stranded.refresh_from_db()
    assert stranded.status == ResourceVersion.Status.FAILED and not datastore.table_exists(table)
    assert ResourceVersion.objects.get(number=1).status == ResourceVersion.Status.LIVE
