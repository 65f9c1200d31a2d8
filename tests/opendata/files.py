"""Build the files Korean offices actually publish, byte for byte, for the ingest tests."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def opener(path: Path) -> Callable[[], IO[bytes]]:
    return lambda: path.open("rb")


def from_bytes(data: bytes) -> Callable[[], IO[bytes]]:
    return lambda: io.BytesIO(data)


SHOP_COLUMNS = [{"id": "번호", "name": "c1", "type": "integer"}, {"id": "이름", "name": "c2", "type": "text"},
                {"id": "금액", "name": "c3", "type": "decimal"}, {"id": "날짜", "name": "c4", "type": "date"}]


def shop_row(n: int) -> list[Any]:
    return [n, f"서대문구 가게 {n}", f"{n}.5", "2024-01-02"]


def live_table(dataset: Any, rows: int, columns: list[dict[str, Any]] | None = None,
               make_row: Callable[[int], list[Any]] = shop_row, name: str = "") -> Any:
    """A live version of `rows` rows filled straight into the datastore (the ingest pipeline has
    its own tests); for tests about reading big tables."""
    from django.utils import timezone

    from opengu.opendata import datastore
    from opengu.opendata.models import Resource, ResourceVersion

    columns = columns or SHOP_COLUMNS
    resource = Resource.objects.create(dataset=dataset, name=name or f"표 {rows}")
    version = ResourceVersion.objects.create(resource=resource, number=1, status=ResourceVersion.Status.LIVE,
                                             row_count=rows, columns=columns)
    table = datastore.table_name_for(version.pk)
    datastore.create_table(table, columns)
    datastore.insert_rows(table, columns, (make_row(n) for n in range(1, rows + 1)))
    version.table_name, version.loaded_at = table, timezone.now()
    version.save(update_fields=["table_name", "loaded_at"])
    resource.live_version = version
    resource.save(update_fields=["live_version"])
    return version
