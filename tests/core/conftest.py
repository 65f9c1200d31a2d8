from __future__ import annotations

import pytest

from tests.core.hashers import TEST_HASHERS


@pytest.fixture(autouse=True)
def cheap_password_hashing(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = TEST_HASHERS
