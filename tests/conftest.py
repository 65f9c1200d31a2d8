from __future__ import annotations

import pytest

from tests.core.hashers import TEST_HASHERS
from tests.personas import Personas, make_personas


@pytest.fixture(autouse=True)
def cheap_password_hashing(settings):  # type: ignore[no-untyped-def]
    """Full-cost argon2 takes about a second a hash; every test makes nine personas."""
    settings.PASSWORD_HASHERS = TEST_HASHERS


@pytest.fixture
def personas(db) -> Personas:  # type: ignore[no-untyped-def]
    return make_personas()
