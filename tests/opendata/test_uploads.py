"""Large uploads: written to a temporary file as they arrive, refused in Korean over the limit."""

from __future__ import annotations

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import StopUpload
from django.test import Client, RequestFactory, override_settings

from opengu.opendata.models import ResourceVersion
from opengu.opendata.uploads import LimitedTemporaryFileUploadHandler
from tests.personas import login_as

pytestmark = pytest.mark.django_db


def test_the_handler_writes_to_disk_and_stops_at_the_limit():
    request = RequestFactory().post("/")
    handler = LimitedTemporaryFileUploadHandler(request, limit=100)
    handler.new_file("file", "a.csv", "text/csv", 80)
    assert handler.receive_data_chunk(b"x" * 60, 0) is None
    uploaded = handler.file_complete(60)
    assert os.path.exists(uploaded.temporary_file_path())  # on disk, not in memory
    uploaded.close()
    handler.new_file("file", "b.csv", "text/csv", 200)
    with pytest.raises(StopUpload):
        handler.receive_data_chunk(b"x" * 120, 0)
    assert request.upload_too_large is True


def test_a_file_over_the_limit_gets_a_korean_message_and_nothing_is_loaded(client, dataset, personas):
    login_as(client, personas.staff)
    big = SimpleUploadedFile("big.csv", b"a,b\n" + b"1,2\n" * 400_000, content_type="text/csv")  # 1.6 MB
    with override_settings(OPENGU_OPENDATA_UPLOAD_MAX_MB=1):
        response = client.post(f"/data/{dataset.slug}/upload/", {"file": big, "resource_name": "표"}, follow=True)
    assert "파일이 너무 큽니다. 1MB까지" in response.content.decode()
    assert not ResourceVersion.objects.filter(resource__dataset=dataset).exists()
    small = SimpleUploadedFile("small.csv", "이름,수\n가,1\n".encode(), content_type="text/csv")
    with override_settings(OPENGU_OPENDATA_UPLOAD_MAX_MB=1):
        client.post(f"/data/{dataset.slug}/upload/", {"file": small, "resource_name": "표"})
    assert ResourceVersion.objects.filter(resource__dataset=dataset).count() == 1


def test_the_upload_still_checks_the_csrf_token(dataset, personas):
    strict = Client(enforce_csrf_checks=True)
    login_as(strict, personas.staff)
    small = SimpleUploadedFile("small.csv", "이름,수\n가,1\n".encode(), content_type="text/csv")
    assert strict.post(f"/data/{dataset.slug}/upload/", {"file": small}).status_code == 403
    assert not ResourceVersion.objects.filter(resource__dataset=dataset).exists()
