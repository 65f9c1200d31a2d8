from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

import opengu

ROOT = Path(opengu.__file__).parent


def test_debug_is_off_unless_asked_for():
    assert settings.DEBUG is False


@pytest.mark.django_db
def test_a_wrong_address_gets_a_korean_page_not_the_url_list(client):
    response = client.get("/nope/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "페이지를 찾을 수 없습니다" in body and "URLconf" not in body


@pytest.mark.django_db
def test_api_docs_load_their_scripts_from_our_own_static_files(client):
    body = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in body
    assert "cdn" not in body.lower()


def test_no_template_loads_anything_from_another_site():
    offenders = []
    for template in ROOT.rglob("templates/**/*.html"):
        for match in re.finditer(r'(?:src|href)="(https?:)?//[^"]+"', template.read_text(encoding="utf-8")):
            offenders.append(f"{template.relative_to(ROOT)}: {match.group(0)}")
    assert not [o for o in offenders if "src=" in o or "stylesheet" in o], offenders
