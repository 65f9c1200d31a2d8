"""맞춤형 안내 pages: the residents' anonymous self-check. Nothing a resident enters is stored
or logged: the form posts (so answers stay out of URLs and server logs), the answers are
evaluated in memory and only the results are rendered."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from opengu.welfare.benefits import BENEFITS, Household, Status, check

CHILD_FIELDS = ("child1", "child2", "child3")
TRI_FIELDS = ("married", "severe_disability", "single_parent", "earned_income", "district_resident")
RECEIVABLE = [(b.code, b.name) for b in BENEFITS]


def _date(raw: str) -> dt.date | None:
    return dt.date.fromisoformat(raw) if raw else None


def household_from(data: dict[str, str], receiving: list[str], on: dt.date) -> tuple[Household | None, dict[str, str]]:
    """The self-check answers as a Household, or the errors per field (Korean, naming the field)."""
    errors: dict[str, str] = {}
    birth = None
    try:
        birth = _date(data.get("birth_date", ""))
        if birth and not dt.date(1900, 1, 1) <= birth <= on:
            errors["birth_date"] = _("생년월일: 1900년부터 오늘 사이의 날짜를 넣어 주세요.")
    except ValueError:
        errors["birth_date"] = _("생년월일: 날짜 형식(예: 1958-03-15)이 올바르지 않습니다.")
    size = None
    raw_size = data.get("household_size", "")
    if raw_size:
        if raw_size.isdigit() and 1 <= int(raw_size) <= 20:
            size = int(raw_size)
        else:
            errors["household_size"] = _("가구원 수: 1에서 20 사이의 숫자를 넣어 주세요.")
    income = None
    raw_income = data.get("income", "").replace(",", "").strip()
    if raw_income:
        if raw_income.isdigit() and int(raw_income) <= 100_000:
            income = int(raw_income) * 10_000
        else:
            errors["income"] = _("한 달 소득: 만원 단위 숫자(예: 150)를 넣어 주세요.")
    children: list[dt.date] = []
    for name in CHILD_FIELDS:
        try:
            child = _date(data.get(name, ""))
        except ValueError:
            errors[name] = _("자녀 생년월일: 날짜 형식(예: 2024-05-10)이 올바르지 않습니다.")
            continue
        if child and not dt.date(1990, 1, 1) <= child <= on:
            errors[name] = _("자녀 생년월일: 오늘 이전의 날짜를 넣어 주세요.")
        elif child:
            children.append(child)
    tri = {name: {"yes": True, "no": False}.get(data.get(name, "")) for name in TRI_FIELDS}
    has_children = data.get("has_children", "")
    known_children: tuple[dt.date, ...] | None
    if children:
        known_children = tuple(children)
    else:
        known_children = () if has_children == "no" else None
    if errors:
        return None, errors
    codes = {code for code, _name in RECEIVABLE}
    return Household(on=on, birth_date=birth, household_size=size, income=income, children=known_children,
                     receiving=frozenset(c for c in receiving if c in codes), **tri), {}  # type: ignore[arg-type]


@never_cache
def self_check(request: HttpRequest) -> HttpResponse:
    """Anyone, no login. GET shows the questions; POST shows likely benefits with reasons."""
    values: dict[str, str] = {}
    receiving: list[str] = []
    errors: dict[str, str] = {}
    groups: list[tuple[str, str, list[object]]] = []
    if request.method == "POST":
        fields = ("birth_date", "household_size", "income", "has_children", *CHILD_FIELDS, *TRI_FIELDS)
        values = {name: request.POST.get(name, "").strip()[:20] for name in fields}
        receiving = request.POST.getlist("receiving")
        household, errors = household_from(values, receiving, timezone.localdate())
        if household is not None:
            results = check(household)
            groups = [
                ("eligible", _("받을 수 있는 복지 혜택"), [r for r in results if r.status is Status.ELIGIBLE]),
                ("maybe", _("더 알아보면 받을 수도 있는 혜택"), [r for r in results if r.status is Status.MAYBE]),
                ("not", _("지금은 받기 어려운 혜택"), [r for r in results if r.status is Status.NOT_ELIGIBLE]),
            ]
    return render(request, "welfare/self_check.html", {
        "values": values, "receiving": receiving, "errors": errors, "groups": groups,
        "benefits": RECEIVABLE, "sizes": range(1, 9),
        "tri_questions": [(name, question, values.get(name, "")) for name, question in [
            ("married", _("배우자와 함께 사시나요?")),
            ("severe_disability", _("장애의 정도가 심한 장애인(옛 1~3급)이 있나요?")),
            ("single_parent", _("한부모 가족인가요?")),
            ("earned_income", _("일해서 버는 소득(근로·사업소득)이 있나요?")),
            ("district_resident", _("서대문구에 주민등록이 되어 있나요?")),
        ]],
    }, status=400 if errors else 200)
