"""The accessibility check itself: it must fail on what it is meant to catch."""

from __future__ import annotations

import pytest

from tests.browser.conftest import audit, describe_violations


def test_audit_fails_on_a_serious_violation_and_says_where(page):
    page.set_content(
        '<!doctype html><html lang="ko"><head><title>t</title></head><body><main><h1>시험</h1>'
        '<p style="color:#bbb;background:#fff">흐린 글자</p><img src="data:," id="no-alt"></main></body></html>'
    )
    with pytest.raises(pytest.fail.Exception) as failure:
        audit(page)
    message = str(failure.value)
    assert "color-contrast" in message
    assert "image-alt" in message and "#no-alt" in message


def test_audit_passes_a_plain_accessible_page(page):
    page.set_content(
        '<!doctype html><html lang="ko"><head><title>시험</title></head><body>'
        '<main><h1>시험</h1><p>읽기 쉬운 글자</p></main></body></html>'
    )
    assert not [v for v in audit(page) if v["impact"] in {"serious", "critical"}]


def test_violations_are_described_one_per_block():
    text = describe_violations([{
        "id": "label", "impact": "critical", "help": "Form elements must have labels", "helpUrl": "https://x",
        "nodes": [{"target": ["#q"], "failureSummary": "Fix any of the following:\n  no label"}],
    }])
    assert text.splitlines()[0] == "[critical] label: Form elements must have labels (https://x)"
    assert "at #q" in text and "no label" in text
