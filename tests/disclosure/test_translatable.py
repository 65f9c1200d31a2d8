"""Korean first, English second: the words the disclosure pages, /staff/ and the exports show from Python
constants are translation objects, so the English catalogue can cover them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.utils.functional import Promise
from django.utils.translation import override

from opengu.core import registry
from opengu.core.models import PrivacyNotice
from opengu.disclosure import monitoring, services
from opengu.disclosure.models import PANEL_CRITERIA, PANEL_SCORES, PROACTIVE_FIELDS, Decision
from tests.disclosure.conftest import assign, file

HANGUL = re.compile(r"[\uac00-\ud7a3]")
TRANSLATING_CALLS = {"_", "gettext_lazy", "pgettext_lazy", "gettext_noop"}
DISCLOSURE = Path(__file__).resolve().parents[2] / "opengu" / "disclosure"
# Modules whose module-level constants end up on pages or in export headers.
VIEW_FACING = ["views.py", "publication_views.py", "inventory_views.py", "meeting_views.py", "council_views.py",
               "monitoring_views.py", "panel_views.py", "fee_views.py", "monitoring.py", "panel.py"]
# Korean words kept as keys (never shown as they are: monitoring.GRADE_LABELS gives the shown label).
KEYS = {"NOT_APPLICABLE"}


def untranslated_constants(source: str) -> list[str]:
    """Module-level constants holding a Korean literal that no translation call wraps (dict keys excepted)."""
    found = []
    for node in ast.parse(source).body:
        if not isinstance(node, ast.Assign | ast.AnnAssign) or node.value is None:
            continue
        target = node.targets[0] if isinstance(node, ast.Assign) else node.target
        name = getattr(target, "id", "")
        if name in KEYS:
            continue
        exempt: set[int] = set()
        for sub in ast.walk(node.value):
            if isinstance(sub, ast.Call) and getattr(sub.func, "id", None) in TRANSLATING_CALLS:
                exempt.update(id(arg) for arg in sub.args)
            if isinstance(sub, ast.Dict):
                exempt.update(id(key) for key in sub.keys if key is not None)
        found += [f"{name}: {sub.value}" for sub in ast.walk(node.value)
                  if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and HANGUL.search(sub.value)
                  and id(sub) not in exempt]
    return found


@pytest.mark.parametrize("module", VIEW_FACING)
def test_view_facing_constants_wrap_their_korean_in_gettext(module):
    assert untranslated_constants((DISCLOSURE / module).read_text(encoding="utf-8")) == []


def test_the_check_finds_an_unwrapped_header_and_passes_wrapped_ones_and_keys():
    source = ('A = ["접수번호", _("결정")]\nB = {"우수": gettext_lazy("우수")}\nC = pgettext_lazy("decision", "공개")\n'
              'NOT_APPLICABLE = "해당 없음"\n')
    assert untranslated_constants(source) == ["A: 접수번호"]


@pytest.mark.parametrize("labels", [PROACTIVE_FIELDS, PANEL_CRITERIA, PANEL_SCORES, monitoring.GRADE_LABELS],
                         ids=["proactive fields", "panel criteria", "panel scores", "monitoring grades"])
def test_label_tables_are_lazy_translations(labels):
    assert all(isinstance(label, Promise) for label in labels.values())


def test_decision_kinds_are_translated_with_their_context():
    # pgettext_lazy("decision", …): 공개 as a decision is "Disclosed", not the adjective "Public".
    assert all(isinstance(label, Promise) for _, label in Decision.Kind.choices)
    with override("ko"):
        assert [str(label) for _, label in Decision.Kind.choices] == ["공개", "부분공개", "비공개", "정보부존재"]


def test_every_grade_has_a_label():
    for score in (None, 95.0, 80.0, 50.0):
        figures = monitoring.DepartmentFigures(department_id=1, department="총무과", grade=monitoring.grade_for(score))
        with override("ko"):
            assert figures.grade_label == figures.grade


def test_manifest_titles_tiles_and_menus_are_lazy_translations():
    shown = []
    for manifest in registry.manifests():
        shown += [manifest.title] + [t.label for t in manifest.staff_tiles] + [m.label for m in manifest.menu]
    assert shown and [text for text in shown if not isinstance(text, Promise) and HANGUL.search(str(text))] == []


@pytest.mark.django_db
def test_the_fixed_request_notice_is_shown_translatable_and_an_edited_one_as_stored(client):
    notice = services.privacy_notice_for_requests()
    assert notice.title == services.REQUEST_NOTICE_TEXT["title"]
    with override("ko"):
        assert services.privacy_notice_shown(notice) == {**services.REQUEST_NOTICE_TEXT, "version": "1"}
    edited = PrivacyNotice.objects.create(key=services.REQUEST_NOTICE_KEY, version=2, title="정보공개 청구 수집 안내(개정)",
                                          items="성명, 주소", purpose=notice.purpose, retention=notice.retention)
    with override("en"):
        shown = services.privacy_notice_shown(services.privacy_notice_for_requests())
    assert shown["title"] == edited.title and shown["items"] == "성명, 주소" and shown["version"] == "2"


@pytest.mark.django_db
def test_a_decision_made_on_english_pages_is_noticed_in_korean(personas):
    request = assign(personas, file(personas))
    with override("en"):
        services.request_draft_decision(actor=personas.staff, request=request, kind="disclose")
        services.request_decide(actor=personas.staff, request=request)
        assert str(request.get_delivery_display()) == "Online (website)"  # the catalogue does translate it
    notice = request.transitions.get(action="decide").notice
    assert "‘공개’로 결정했습니다" in notice and "정보통신망(누리집)" in notice and "Online" not in notice
