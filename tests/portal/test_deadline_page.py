"""/deadline/: the public deadline calculator, working shown, bad input answered in Korean."""

from __future__ import annotations

import pytest

from opengu.core.models import OfficeDay

URL = "/deadline/"


@pytest.mark.django_db
def test_the_empty_form_is_shown(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="start"' in response.content.decode()


@pytest.mark.django_db
def test_it_shows_the_due_date_and_the_skipped_days(client):
    response = client.get(URL, {"start": "2026-09-23", "days": "10", "counting": "workdays"})
    assert response.status_code == 200
    page = response.content.decode()
    assert response.context["working"].due.isoformat() == "2026-10-12"
    assert "2026-10-12" in page
    assert "추석" in page
    assert "개천절" in page


@pytest.mark.django_db
def test_it_uses_the_office_calendar(client):
    OfficeDay.objects.create(date="2026-04-08", kind=OfficeDay.Kind.CLOSED, reason="구 임시 휴무일")
    response = client.get(URL, {"start": "2026-04-06", "days": "5", "counting": "workdays"})
    assert response.context["working"].due.isoformat() == "2026-04-13"
    assert "구 임시 휴무일" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2026-02-30", "days": "10", "counting": "workdays"}, "시작일"),
        ({"start": "", "days": "10", "counting": "workdays"}, "시작일"),
        ({"start": "2026-02-13", "days": "0", "counting": "workdays"}, "기간"),
        ({"start": "2026-02-13", "days": "99999999", "counting": "workdays"}, "기간"),
        ({"start": "2026-02-13", "days": "9" * 5000, "counting": "workdays"}, "기간"),
        ({"start": "2026-02-13", "days": "열흘", "counting": "workdays"}, "기간"),
        ({"start": "2026-02-13", "days": "10", "counting": "lunar"}, "계산 방법"),
    ],
)
def test_bad_input_gets_400_and_a_korean_message(client, params, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "working" not in response.context
