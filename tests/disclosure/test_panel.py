"""정보공개모니터단 (계획 §5-4): members, survey rounds, answers, results per criterion and in the report."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from opengu.core.models import AuditEvent, PersonalDataAccess
from opengu.disclosure import panel, services
from opengu.disclosure.models import PANEL_CRITERIA, PanelRating, PanelResponse
from opengu.disclosure.services import DisclosureError
from tests.personas import as_each, login_as

pytestmark = pytest.mark.django_db


def today() -> dt.date:
    return timezone.localdate()


def appoint(personas, user, **kwargs):
    return services.panel_member_appoint(actor=personas.disclosure_officer, username=user.username,
                                         term_start=kwargs.pop("term_start", today() - dt.timedelta(days=30)), **kwargs)


def open_round(personas, title="2026년 1차 모니터링"):
    return services.panel_round_create(actor=personas.disclosure_officer, title=title,
                                       opens_on=today() - dt.timedelta(days=2), closes_on=today() + dt.timedelta(days=5))


def all_scores(score, comment=""):
    return {key: (score, comment) for key in PANEL_CRITERIA}


def test_a_resident_is_appointed_for_a_year_in_their_dong(personas):
    member = appoint(personas, personas.resident, term_start=dt.date(2026, 3, 1))
    assert member.dong == personas.dong
    assert member.term_end == dt.date(2027, 2, 28)
    assert AuditEvent.objects.filter(action="disclosure.panel.appoint").count() == 1


def test_appointment_refuses_staff_unknown_ids_and_overlapping_terms(personas):
    with pytest.raises(DisclosureError) as refused:
        services.panel_member_appoint(actor=personas.disclosure_officer, username=personas.staff.username,
                                      term_start=today())
    assert refused.value.field == "username" and "구민 계정" in refused.value.message
    with pytest.raises(DisclosureError):
        services.panel_member_appoint(actor=personas.disclosure_officer, username="nobody", term_start=today())
    appoint(personas, personas.resident)
    with pytest.raises(DisclosureError) as refused:
        appoint(personas, personas.resident, term_start=today())
    assert "이미 모니터단 위원" in refused.value.message


def test_only_the_disclosure_office_manages_the_panel(personas):
    for actor in (personas.staff, personas.head, personas.auditor):
        with pytest.raises(DisclosureError):
            services.panel_member_appoint(actor=actor, username=personas.resident.username, term_start=today())
        with pytest.raises(DisclosureError):
            services.panel_round_create(actor=actor, title="x", opens_on=today(), closes_on=today())


def test_a_round_must_close_after_it_opens(personas):
    with pytest.raises(DisclosureError) as refused:
        services.panel_round_create(actor=personas.disclosure_officer, title="회차", opens_on=today(),
                                    closes_on=today() - dt.timedelta(days=1))
    assert refused.value.field == "closes_on"


def test_a_member_answers_every_criterion_and_may_change_the_answer(personas):
    appoint(personas, personas.resident)
    survey = open_round(personas)
    services.panel_response_submit(actor=personas.resident, panel_round=survey, ratings=all_scores(2, "찾기 어렵습니다"))
    services.panel_response_submit(actor=personas.resident, panel_round=survey, ratings=all_scores(4))
    assert PanelResponse.objects.count() == 1
    assert sorted(PanelRating.objects.values_list("score", flat=True)) == [4] * len(PANEL_CRITERIA)


def test_a_missing_score_names_the_criterion_and_saves_nothing(personas):
    appoint(personas, personas.resident)
    survey = open_round(personas)
    ratings = all_scores(3)
    ratings["search"] = ("", "")
    with pytest.raises(DisclosureError) as refused:
        services.panel_response_submit(actor=personas.resident, panel_round=survey, ratings=ratings)
    assert refused.value.field == "score-search" and "검색 및 이용" in refused.value.message
    ratings["search"] = ("6", "")
    with pytest.raises(DisclosureError):
        services.panel_response_submit(actor=personas.resident, panel_round=survey, ratings=ratings)
    assert not PanelResponse.objects.exists()


def test_a_comment_with_personal_data_is_refused(personas):
    appoint(personas, personas.resident)
    survey = open_round(personas)
    ratings = all_scores(3)
    ratings["menu"] = (3, "담당자 전화 010-2345-6789로 연락 주세요")
    with pytest.raises(DisclosureError) as refused:
        services.panel_response_submit(actor=personas.resident, panel_round=survey, ratings=ratings)
    assert refused.value.field == "comment-menu" and "전화번호" in refused.value.message
    assert not PanelResponse.objects.exists()


def test_non_members_ended_members_and_closed_rounds_are_refused(personas):
    survey = open_round(personas)
    with pytest.raises(DisclosureError) as refused:
        services.panel_response_submit(actor=personas.other_resident, panel_round=survey, ratings=all_scores(3))
    assert "위원만" in refused.value.message
    member = appoint(personas, personas.other_resident)
    services.panel_member_end(actor=personas.disclosure_officer, member=member, on=today() - dt.timedelta(days=1),
                              reason="본인 요청")
    with pytest.raises(DisclosureError):
        services.panel_response_submit(actor=personas.other_resident, panel_round=survey, ratings=all_scores(3))
    appoint(personas, personas.resident)
    closed = services.panel_round_create(actor=personas.disclosure_officer, title="지난 회차",
                                         opens_on=today() - dt.timedelta(days=20), closes_on=today() - dt.timedelta(days=10))
    with pytest.raises(DisclosureError) as refused:
        services.panel_response_submit(actor=personas.resident, panel_round=closed, ratings=all_scores(3))
    assert "설문 기간" in refused.value.message


def test_results_per_criterion_are_hand_computable(personas):
    appoint(personas, personas.resident)
    appoint(personas, personas.other_resident)
    survey = open_round(personas)
    first = all_scores(2)
    first["menu"] = (1, "메뉴가 깊습니다")
    services.panel_response_submit(actor=personas.resident, panel_round=survey, ratings=first)
    second = all_scores(5)
    second["meetings"] = (4, "")
    services.panel_response_submit(actor=personas.other_resident, panel_round=survey, ratings=second)
    result = panel.round_result(survey)
    assert (result.respondents, result.members, result.response_rate) == (2, 2, 1.0)
    by = {c.criterion: c for c in result.criteria}
    assert by["menu"].mean == 3.0 and by["menu"].distribution == [1, 0, 0, 0, 1]
    assert by["meetings"].mean == 3.0 and by["meetings"].distribution == [0, 1, 0, 1, 0]
    assert by["search"].mean == 3.5
    assert by["menu"].comments == [("메뉴가 깊습니다", 1)]
    assert [c.criterion for c in result.criteria] == list(PANEL_CRITERIA)


def test_a_member_fills_the_survey_on_the_page(client, personas):
    appoint(personas, personas.resident)
    survey = open_round(personas)
    login_as(client, personas.resident)
    home = client.get("/disclosure/panel/").content.decode()
    assert survey.title in home and "응답 기다림" in home
    data = {f"score-{key}": "4" for key in PANEL_CRITERIA}
    data["score-menu"] = ""
    response = client.post(f"/disclosure/panel/{survey.pk}/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "메뉴 구성" in page and 'aria-invalid="true"' in page
    assert 'value="4" required checked' in page  # what was chosen is kept
    data["score-menu"] = "2"
    data["comment-menu"] = "정보공개 메뉴를 첫 화면에 두면 좋겠습니다"
    assert client.post(f"/disclosure/panel/{survey.pk}/", data).status_code == 302
    assert "응답함" in client.get("/disclosure/panel/").content.decode()


def test_a_resident_who_is_not_a_member_is_told_so(client, personas):
    survey = open_round(personas)
    login_as(client, personas.other_resident)
    assert "모니터단 위원만" in client.get("/disclosure/panel/").content.decode()
    assert client.get(f"/disclosure/panel/{survey.pk}/").status_code == 403


def test_the_staff_page_masks_names_and_logs_the_read(client, personas):
    member = appoint(personas, personas.resident)
    login_as(client, personas.disclosure_officer)
    page = client.get("/disclosure/staff/panel/").content.decode()
    assert "홍*동" in page and "홍길동" not in page
    access = PersonalDataAccess.objects.get(subject="disclosure.panel_member")
    assert access.actor == personas.disclosure_officer and str(member.pk) in str(access.record_ids)
    codes = as_each(client, personas, "/disclosure/staff/panel/")
    assert codes == {"anonymous": 302, "resident": 403, "other_resident": 403, "staff": 403, "other_staff": 403,
                     "head": 403, "disclosure_officer": 200, "auditor": 200, "admin": 200}


def test_the_staff_page_opens_with_a_plain_heading_and_intro(client, personas):
    login_as(client, personas.disclosure_officer)
    main = client.get("/disclosure/staff/panel/").content.decode().split('<main', 1)[1]
    assert "<h1>정보공개모니터단 운영</h1>" in main and "구민 모니터 위원이 정해진 기간에 설문으로" in main
    assert "§" not in main and "계획" not in main.split("</p>", 1)[0]
    assert "위원을 위촉하거나 해촉합니다" in main
    login_as(client, personas.auditor)
    assert "위촉·해촉은 정보공개 담당 부서가 합니다" in client.get("/disclosure/staff/panel/").content.decode()


def test_staff_open_a_round_and_appoint_from_the_page(client, personas):
    login_as(client, personas.disclosure_officer)
    client.post("/disclosure/staff/panel/appoint/", {"username": "resident", "term_start": "2026-01-05"})
    response = client.post("/disclosure/staff/panel/round/", {"title": "3차", "opens_on": "2026-05-01",
                                                                "closes_on": "2026-04-01"}, follow=True)
    assert "설문 마감일은 시작일과 같거나 뒤여야" in response.content.decode()
    client.post("/disclosure/staff/panel/round/", {"title": "3차", "opens_on": "2026-05-01", "closes_on": "2026-05-15"})
    page = client.get("/disclosure/staff/panel/").content.decode()
    assert "3차" in page and "2026-01-05 ~ 2027-01-04" in page
    login_as(client, personas.auditor)
    assert client.post("/disclosure/staff/panel/round/", {"title": "x", "opens_on": "2026-05-01",
                                                          "closes_on": "2026-05-15"}).status_code == 403


def test_results_feed_the_monitoring_report(client, personas):
    appoint(personas, personas.resident)
    survey = open_round(personas)
    ratings = all_scores(4, "")
    ratings["search"] = (2, "검색 결과에 날짜가 없습니다")
    services.panel_response_submit(actor=personas.resident, panel_round=survey, ratings=ratings)
    login_as(client, personas.staff)
    period = {"start": (today() - dt.timedelta(days=10)).isoformat(), "end": today().isoformat()}
    page = client.get("/disclosure/staff/monitoring/", period).content.decode()
    assert "정보공개모니터단 설문 결과" in page and survey.title in page and "<svg" in page
    printable = client.get("/disclosure/staff/monitoring/", {**period, "format": "print"}).content.decode()
    assert "검색 결과에 날짜가 없습니다" in printable
    response = client.get("/disclosure/staff/monitoring/", {**period, "format": "xlsx"})
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["부서별 평가", "모니터단 설문"]
    rows = list(book["모니터단 설문"].iter_rows(values_only=True))
    search = next(row for row in rows if row[4] == PANEL_CRITERIA["search"])
    assert search[5:7] == (1, 2) and search[12] == "검색 결과에 날짜가 없습니다"
    csv = client.get("/disclosure/staff/monitoring/", {**period, "format": "panel-csv"})
    assert str(PANEL_CRITERIA["meetings"]) in b"".join(csv.streaming_content).decode("utf-8-sig")
    results = client.get(f"/disclosure/staff/panel/rounds/{survey.pk}/").content.decode()
    assert "검색 결과에 날짜가 없습니다" in results and "홍길동" not in results and "홍*동" not in results


def test_the_same_comment_from_several_members_is_shown_once(client, personas):
    appoint(personas, personas.resident)
    appoint(personas, personas.other_resident)
    survey = open_round(personas)
    for member in (personas.resident, personas.other_resident):
        services.panel_response_submit(actor=member, panel_round=survey, ratings=all_scores(3, "회의록이 늦게 올라옵니다"))
    by = {c.criterion: c for c in panel.round_result(survey).criteria}
    assert by["meetings"].comments == [("회의록이 늦게 올라옵니다", 2)]
    login_as(client, personas.staff)
    period = {"start": (today() - dt.timedelta(days=10)).isoformat(), "end": today().isoformat(), "format": "print"}
    printable = client.get("/disclosure/staff/monitoring/", period).content.decode()
    # Once per criterion (five criteria), each with how many members wrote it.
    assert printable.count("회의록이 늦게 올라옵니다") == len(PANEL_CRITERIA)
    assert "(위원 2명)" in printable


def test_every_survey_problem_shows_at_once_with_one_level_of_quotes(client, personas):
    appoint(personas, personas.resident)
    survey = open_round(personas)
    login_as(client, personas.resident)
    data = {f"score-{key}": "4" for key in PANEL_CRITERIA}
    data["score-search"] = ""
    data["comment-menu"] = "연락은 010-1234-5678로 주세요"
    response = client.post(f"/disclosure/panel/{survey.pk}/", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "‘행정정보공개’ 메뉴 구성 의견에 전화번호가 있습니다." in page and "‘'" not in page
    assert "‘검색 및 이용의 적절성’ 항목의 점수(1~5)를 골라 주세요." in page
    assert 'aria-describedby="comment-menu-error"' in page and 'aria-describedby="score-search-error"' in page
    assert "연락은 010-1234-5678로 주세요</textarea>" in page  # what was typed is kept
    assert not PanelResponse.objects.exists()
