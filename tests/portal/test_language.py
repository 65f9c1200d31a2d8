from __future__ import annotations

import re

import pytest
from django.utils import dateformat, translation

from tests.disclosure.conftest import file
from tests.personas import PASSWORD, login_as


@pytest.mark.django_db
def test_korean_is_the_default_whatever_the_browser_says(client, personas):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="ko"' in page


@pytest.mark.django_db
def test_english_when_chosen(client, personas):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert 'lang="en"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_a_language_chosen_before_login_is_remembered(client, personas):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.post("/accounts/login/", {"username": "resident", "password": PASSWORD})
    personas.resident.refresh_from_db()
    assert personas.resident.language == "en"
    client.cookies.clear()
    client.post("/accounts/login/", {"username": "resident", "password": PASSWORD})
    assert 'lang="en"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_counts_read_naturally_in_both_languages(client):
    korean = client.get("/welfare/check/").content.decode()
    assert '<option value="1">1명</option>' in korean
    assert '<option value="2">2명</option>' in korean
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/welfare/check/").content.decode()
    assert '<option value="1">1 person</option>' in english
    assert '<option value="2">2 people</option>' in english
    assert "Number of people living together (including yourself)" in english


@pytest.mark.django_db
def test_dates_follow_the_chosen_language(client, personas):
    request = file(personas)
    received = request.received_on
    login_as(client, personas.resident)
    korean = client.get(f"/disclosure/mine/{request.number}/").content.decode()
    assert f"{received.year}년 {received.month}월 {received.day}일" in korean
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get(f"/disclosure/mine/{request.number}/").content.decode()
    with translation.override("en"):
        expected = dateformat.format(received, "N j, Y")
    assert f"Received on {expected}" in english
    assert "년" not in english.split('class="lead"')[1].split("</p>")[0]
    deadlines = english.split('id="deadlines-h"')[1].split("</section>")[0]
    shown = re.findall(r"<time datetime=\"[0-9-]+\">([^<]*)</time>", deadlines)
    assert shown and all(re.fullmatch(r"[A-Z][a-z]+\.? [0-9]{1,2}, [0-9]{4} \((Mon|Tue|Wed|Thu|Fri|Sat|Sun)\)", d) for d in shown), shown
    # the statutory working is Korean legal text: marked so a screen reader reads it as Korean;
    # the plain sentence before it is English, its date in the English format
    assert '<span lang="ko">정보공개법 제29조제2항' in deadlines and '<span lang="ko">토요일</span>' in deadlines
    assert "Counting starts on " in deadlines and "년" not in deadlines.split("Counting starts on ")[1][:20]
