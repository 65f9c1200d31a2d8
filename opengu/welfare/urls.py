from __future__ import annotations

from django.urls import path

from opengu.welfare import hsds, views

app_name = "welfare"

urlpatterns = [
    path("welfare/", views.search, name="search"),
    path("welfare/services/<int:pk>/", views.service_detail, name="service"),
    path("welfare/staff/services/<int:pk>/", views.service_edit, name="service_edit"),
    path("welfare/staff/stale/", views.stale_queue, name="stale"),
    path("welfare/staff/synonyms/", views.synonyms, name="synonyms"),
    path("api/hsds/", hsds.index, name="hsds_index"),
    path("api/hsds/services", hsds.services, name="hsds_services"),
    path("api/hsds/services/<str:pk>", hsds.service, name="hsds_service"),
    path("api/hsds/organizations", hsds.organizations, name="hsds_organizations"),
    path("api/hsds/organizations/<str:pk>", hsds.organization, name="hsds_organization"),
    path("api/hsds/service_at_locations", hsds.service_at_locations, name="hsds_service_at_locations"),
    path("api/hsds/taxonomies", hsds.taxonomies, name="hsds_taxonomies"),
    path("api/hsds/taxonomy_terms", hsds.taxonomy_terms, name="hsds_taxonomy_terms"),
]
