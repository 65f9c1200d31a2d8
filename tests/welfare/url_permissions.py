"""Who may open each welfare page (merged into tests/portal/test_url_permissions.py).

The personas' 복지정책과 (other_staff, and the auditor's department) is the 1004 centre by the
default OPENGU_WELFARE_CENTRE_DEPARTMENTS; 자치행정과 staff (staff, head, disclosure officer) are
outsiders to client data.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.personas import Personas
from tests.portal.test_url_permissions import EVERYONE, Expect, statuses

CENTRE_READERS = statuses(302, 403, 403, other_staff=200, auditor=200, admin=200)
CENTRE_WRITERS = statuses(302, 403, 403, other_staff=200, admin=200)


def _service(personas: Personas) -> dict[str, Any]:
    from opengu.welfare import services
    from opengu.welfare.models import Organization, Sector, SourceType

    centre = Organization.objects.create(name="표 기관", source_type=SourceType.WELFARE_CENTRE, sector=Sector.PRIVATE,
                                         managing_department=personas.other_department)
    service = services.service_create(actor=personas.other_staff, organization=centre,
                                      data={"name": "표 자원", "assured_date": dt.date(2020, 1, 1)})
    return {"pk": service.pk}


def _institution(personas: Personas) -> dict[str, Any]:
    _service(personas)
    return {}


def _confirmation_token(personas: Personas) -> dict[str, Any]:
    from opengu.welfare import services
    from opengu.welfare.models import Organization, Sector, SourceType

    organization = Organization.objects.create(name="링크 기관", source_type=SourceType.WELFARE_CENTRE,
                                               sector=Sector.PRIVATE, email="desk@example.org",
                                               managing_department=personas.other_department)
    request = services.institution_confirmation_send(actor=personas.other_staff, organization=organization, months=6)
    return {"token": services.confirmation_token(request)}


def _client(personas: Personas) -> Any:
    from opengu.welfare import services

    return services.client_register(actor=personas.other_staff, name="표대상", dong=personas.dong, consent=True,
                                    phone="010-1111-2222")


def _client_kwargs(personas: Personas) -> dict[str, Any]:
    return {"pk": _client(personas).pk}


def _home_visit_family(personas: Personas) -> dict[str, Any]:
    from opengu.welfare import services

    family = services.home_visit_family_register(actor=personas.other_staff, mother=_client(personas),
                                                 child_birth_date="2026-01-05", vulnerable=True)
    return {"pk": family.pk}


def _referral_token(personas: Personas) -> dict[str, Any]:
    from opengu.welfare import services

    referral = services.referral_create(actor=personas.other_staff, client=_client(personas), dong=personas.dong,
                                        note="방문 상담 요청")
    return {"token": services.referral_token(referral)}


def _case(personas: Personas) -> dict[str, Any]:
    from opengu.welfare import services

    case = services.case_report(actor=personas.other_staff, channel="dong_centre", situation="끼니를 거르는 어르신",
                                dong=personas.dong)
    return {"pk": case.pk}


def _campaign(personas: Personas) -> dict[str, Any]:
    from opengu.welfare import services

    campaign = services.outreach_campaign_create(actor=personas.other_staff, benefit="hope_savings_2",
                                                 title="희망저축계좌II 안내", message="희망저축계좌II를 신청하세요.")
    return {"pk": campaign.pk}


def _chest_application(personas: Personas) -> Any:
    from opengu.welfare import chest

    return chest.application_register(actor=personas.other_staff, client=_client(personas), kind="medical",
                                      amount_requested="500000", reason="입원 치료비",
                                      attachment=("진단서.pdf", "application/pdf", b"%PDF-1.4 test"))


def _chest_application_kwargs(personas: Personas) -> dict[str, Any]:
    return {"pk": _chest_application(personas).pk}


def _chest_attachment_kwargs(personas: Personas) -> dict[str, Any]:
    return {"pk": _chest_application(personas).attachments.get().pk}


def _chest_meeting(personas: Personas) -> dict[str, Any]:
    from opengu.welfare import chest

    meeting = chest.meeting_schedule(actor=personas.other_staff, committee=chest.committee_ensure(),
                                     held_at="2026-11-20 14:00", place="구청 회의실")
    return {"pk": meeting.pk}


EXPECTATIONS: dict[str, Expect] = {
    "welfare:search": Expect(EVERYONE),
    "welfare:service": Expect(EVERYONE, setup=_service),
    "welfare:service_edit": Expect(statuses(302, 403, 403, other_staff=200, auditor=200, admin=200), setup=_service,
                                   why="the managing department edits; auditors read the history"),
    "welfare:stale": Expect(statuses(302, 403, 200)),
    "welfare:stale_send": Expect(statuses(302, 405, 405), why="POST only: sending links is a staff action"),
    "welfare:institution_confirm": Expect(EVERYONE, setup=_confirmation_token,
                                          why="the institution answers through its signed link, no login"),
    "welfare:synonyms": Expect(statuses(302, 403, 403, other_staff=200, admin=200), setup=_institution,
                               why="administrators and departments that manage an institution"),
    "welfare:hsds_index": Expect(EVERYONE),
    "welfare:hsds_services": Expect(EVERYONE),
    "welfare:hsds_service": Expect(statuses(404, 404, 404), kwargs={"pk": "00000000-0000-0000-0000-000000000000"},
                                   why="an unknown id is 404 for everybody"),
    "welfare:hsds_organizations": Expect(EVERYONE),
    "welfare:hsds_organization": Expect(statuses(404, 404, 404), kwargs={"pk": "00000000-0000-0000-0000-000000000000"}),
    "welfare:hsds_service_at_locations": Expect(EVERYONE),
    "welfare:hsds_taxonomies": Expect(EVERYONE),
    "welfare:hsds_taxonomy_terms": Expect(EVERYONE),
    "welfare:hsds_not_found": Expect(statuses(404, 404, 404), kwargs={"rest": "nothing"},
                                     why="any other address under the API: a JSON 404 for everyone"),
    "welfare:centre": Expect(statuses(302, 302, 302)),  # a redirect to the call log, which checks
    "welfare:calls": Expect(CENTRE_READERS),
    "welfare:call_stats": Expect(CENTRE_READERS),
    "welfare:clients": Expect(CENTRE_READERS),
    "welfare:client_new": Expect(CENTRE_WRITERS, why="auditors read only"),
    "welfare:client": Expect(CENTRE_READERS, setup=_client_kwargs),
    "welfare:referrals": Expect(CENTRE_READERS),
    "welfare:referral_confirm": Expect(EVERYONE, setup=_referral_token,
                                       why="the receiving institution answers through its signed link, no login"),
    "welfare:report": Expect(EVERYONE, why="residents report a neighbour without logging in"),
    "welfare:self_check": Expect(EVERYONE, why="the anonymous benefit self-check needs no login"),
    "welfare:outreach": Expect(CENTRE_READERS),
    "welfare:outreach_campaign": Expect(CENTRE_READERS, setup=_campaign),
    "welfare:cases": Expect(CENTRE_READERS),
    "welfare:case_new": Expect(CENTRE_WRITERS),
    "welfare:case": Expect(CENTRE_READERS, setup=_case),
    "welfare:home_visits": Expect(CENTRE_READERS),
    "welfare:home_visit_round": Expect(statuses(302, 403, 200), why="every staff member sees their own round (often empty)"),
    "welfare:home_visit_family": Expect(CENTRE_READERS, setup=_home_visit_family),
    "welfare:sponsorships": Expect(CENTRE_READERS),
    "welfare:sponsorship_summary": Expect(CENTRE_READERS),
    "welfare:partnerships": Expect(CENTRE_READERS),
    "welfare:chest_applications": Expect(CENTRE_READERS),
    "welfare:chest_application": Expect(CENTRE_READERS, setup=_chest_application_kwargs),
    "welfare:chest_attachment": Expect(CENTRE_READERS, setup=_chest_attachment_kwargs),
    "welfare:chest_committee": Expect(CENTRE_READERS),
    "welfare:chest_meeting": Expect(CENTRE_READERS, setup=_chest_meeting),
    "welfare:chest_summary": Expect(CENTRE_READERS),
}
