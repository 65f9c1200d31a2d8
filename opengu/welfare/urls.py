from __future__ import annotations

from django.urls import path
from django.views.generic import RedirectView

from opengu.welfare import (
    benefit_views,
    centre_views,
    chest_views,
    confirm_views,
    homevisit_views,
    hsds,
    programme_views,
    views,
)

app_name = "welfare"

urlpatterns = [
    path("welfare/", views.search, name="search"),
    path("welfare/services/<int:pk>/", views.service_detail, name="service"),
    path("welfare/staff/services/<int:pk>/", views.service_edit, name="service_edit"),
    path("welfare/staff/stale/", views.stale_queue, name="stale"),
    path("welfare/staff/stale/send/", confirm_views.stale_send, name="stale_send"),
    path("welfare/confirm/<str:token>/", confirm_views.institution_confirm, name="institution_confirm"),
    path("welfare/staff/synonyms/", views.synonyms, name="synonyms"),
    path("welfare/centre/", RedirectView.as_view(pattern_name="welfare:calls"), name="centre"),
    path("welfare/centre/calls/", centre_views.calls, name="calls"),
    path("welfare/centre/stats/", centre_views.call_stats, name="call_stats"),
    path("welfare/centre/clients/", centre_views.clients, name="clients"),
    path("welfare/centre/clients/new/", centre_views.client_new, name="client_new"),
    path("welfare/centre/clients/<int:pk>/", centre_views.client_detail, name="client"),
    path("welfare/centre/referrals/", centre_views.referrals, name="referrals"),
    path("welfare/referrals/<str:token>/", centre_views.referral_confirm, name="referral_confirm"),
    path("welfare/report/", centre_views.report, name="report"),
    path("welfare/check/", benefit_views.self_check, name="self_check"),
    path("welfare/centre/outreach/", benefit_views.outreach, name="outreach"),
    path("welfare/centre/outreach/<int:pk>/", benefit_views.outreach_campaign, name="outreach_campaign"),
    path("welfare/centre/home-visits/", homevisit_views.home_visits, name="home_visits"),
    path("welfare/centre/home-visits/mine/", homevisit_views.home_visit_round, name="home_visit_round"),
    path("welfare/centre/home-visits/<int:pk>/", homevisit_views.home_visit_family, name="home_visit_family"),
    path("welfare/centre/sponsorships/", programme_views.sponsorships, name="sponsorships"),
    path("welfare/centre/sponsorships/summary/", programme_views.sponsorship_summary, name="sponsorship_summary"),
    path("welfare/centre/partnerships/", programme_views.partnerships, name="partnerships"),
    path("welfare/centre/chest/", chest_views.applications, name="chest_applications"),
    path("welfare/centre/chest/<int:pk>/", chest_views.application_detail, name="chest_application"),
    path("welfare/centre/chest/documents/<int:pk>/", chest_views.attachment, name="chest_attachment"),
    path("welfare/centre/chest/committee/", chest_views.committee, name="chest_committee"),
    path("welfare/centre/chest/meetings/<int:pk>/", chest_views.meeting_detail, name="chest_meeting"),
    path("welfare/centre/chest/summary/", chest_views.summary, name="chest_summary"),
    path("welfare/cases/", centre_views.cases, name="cases"),
    path("welfare/cases/new/", centre_views.case_new, name="case_new"),
    path("welfare/cases/<int:pk>/", centre_views.case_detail, name="case"),
    path("api/hsds/", hsds.index, name="hsds_index"),
    path("api/hsds/services", hsds.services, name="hsds_services"),
    path("api/hsds/services/<str:pk>", hsds.service, name="hsds_service"),
    path("api/hsds/organizations", hsds.organizations, name="hsds_organizations"),
    path("api/hsds/organizations/<str:pk>", hsds.organization, name="hsds_organization"),
    path("api/hsds/service_at_locations", hsds.service_at_locations, name="hsds_service_at_locations"),
    path("api/hsds/taxonomies", hsds.taxonomies, name="hsds_taxonomies"),
    path("api/hsds/taxonomy_terms", hsds.taxonomy_terms, name="hsds_taxonomy_terms"),
    path("api/hsds/<path:rest>", hsds.not_found, name="hsds_not_found"),
]
