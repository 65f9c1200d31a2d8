from __future__ import annotations

import io
import random

import pytest

from opengu.disclosure.demo import load
from opengu.disclosure.models import DisclosureRequest, State


@pytest.mark.django_db
def test_demo_creates_requests_in_every_state(personas):
    load(district=personas.district, rng=random.Random(1), stdout=io.StringIO().write)
    states = set(DisclosureRequest.objects.values_list("state", flat=True))
    assert states == set(State.values)
    count = DisclosureRequest.objects.count()
    load(district=personas.district, rng=random.Random(1), stdout=io.StringIO().write)  # idempotent
    assert DisclosureRequest.objects.count() == count
