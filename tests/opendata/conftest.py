from __future__ import annotations

import pytest
from django.test import override_settings

from opengu.opendata import services
from opengu.opendata.models import Category


@pytest.fixture(autouse=True)
def _media(tmp_path):
    # A fast hasher: these tests are about data, and the personas' passwords cost seconds otherwise.
    with override_settings(MEDIA_ROOT=tmp_path / "media",
                           PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture
def dataset(personas):
    return services.dataset_create(actor=personas.staff, title="서대문구 공영주차장 현황", slug="parking",
                                   department=personas.department, category=Category.objects.get(name="지역산업"),
                                   keywords=["주차장", "공영"])
