"""Boxes sit beside their words and buttons without a class of their own are styled, as a clerk
sees them (the second walk found labels under their boxes and 69 × 25 px default buttons)."""

from __future__ import annotations

from opengu.demo import loader
from tests.browser.conftest import audit, log_in


def _box(page, selector: str) -> dict[str, float]:  # type: ignore[no-untyped-def]
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box  # type: ignore[no-any-return]


def test_checkbox_labels_share_the_line_and_plain_buttons_are_full_size(page):
    username, password, _role = next(login for login in loader.logins() if login[0] == "staff2")
    log_in(page, username, password)
    page.goto("/welfare/centre/referrals/")
    audit(page)
    box, label = _box(page, "#f_overdue"), _box(page, "label[for=f_overdue]")
    assert label["height"] < 60 and label["y"] <= box["y"] <= label["y"] + label["height"]  # one line, box inside
    select = _box(page, "#f_status")
    assert abs((box["y"] + box["height"] / 2) - (select["y"] + select["height"] / 2)) < 12  # level with the select
    view = page.get_by_role("button", name="보기")
    size = view.bounding_box()
    assert size is not None and size["height"] >= 44
    assert view.evaluate("b => getComputedStyle(b).borderTopStyle") == "solid"
    page.goto("/welfare/centre/clients/new/")
    audit(page)
    first_flag = page.locator("#id_flags input[type=checkbox]").first
    flag_id = first_flag.get_attribute("id")
    box, label = _box(page, f"#{flag_id}"), _box(page, f"label[for={flag_id}]")
    assert abs((box["y"] + box["height"] / 2) - (label["y"] + label["height"] / 2)) < 12
