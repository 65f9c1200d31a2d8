from __future__ import annotations

import pytest

from tests.personas import Personas, make_personas


@pytest.fixture
def personas(db) -> Personas:  # type: ignore[no-untyped-def]
    return make_personas()
