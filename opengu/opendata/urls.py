from django.urls import path

from opengu.opendata import (
    ckan,
    commerce_views,
    dcat,
    demand_views,
    koreanapi,
    national_views,
    views,
)

app_name = "opendata"

urlpatterns = [
    path("data/", views.catalogue, name="catalogue"),
    path("data/staff/", views.staff_list, name="staff"),
    path("data/staff/new/", views.dataset_new, name="dataset_new"),
    path("data/api-keys/", views.api_keys, name="api_keys"),
    path("data/commerce/<int:resource_id>/", commerce_views.commerce_page, name="commerce"),
    path("data/commerce/<int:resource_id>.json", commerce_views.commerce_api, name="commerce_api"),
    path("data/api-keys/<int:key_id>/revoke/", views.api_key_revoke, name="api_key_revoke"),
    path("data/national-portal/", national_views.national_portal, name="national_portal"),
    path("data/national-portal/<str:slug>/register/", national_views.national_register, name="national_register"),
    path("data/requests/", demand_views.request_list, name="requests"),
    path("data/requests/new/", demand_views.request_new, name="request_new"),
    path("data/requests/priorities/", demand_views.request_priorities, name="request_priorities"),
    path("data/requests/<int:pk>/", demand_views.request_page, name="request"),
    path("data/requests/<int:pk>/support/", demand_views.request_support, name="request_support"),
    path("data/requests/<int:pk>/answer/", demand_views.request_answer, name="request_answer"),
    path("data/<str:slug>/", views.dataset_page, name="dataset"),
    path("data/<str:slug>/edit/", views.dataset_edit, name="dataset_edit"),
    path("data/<str:slug>/upload/", views.upload, name="upload"),
    path("data/<str:slug>/publish/", views.publish, name="publish"),
    path("data/<str:slug>/versions/<int:version_id>/personal-data/", views.personal_data_decide,
         name="personal_data_decide"),
    path("data/<str:slug>/resources/<int:resource_id>/download.csv", views.download, name="download"),
    path("api/3/action/<str:name>", ckan.action, name="ckan_action"),
    path("api/action/<str:name>", ckan.action, name="ckan_action_unversioned"),
    path("openapi/<str:dataset>/<str:resource>", koreanapi.data_go_kr, name="data_go_kr"),
    path("seoulapi/<path:rest>", koreanapi.seoul, name="seoul"),
    path("catalog.ttl", dcat.catalogue, {"suffix": "ttl"}, name="catalog_ttl"),
    path("catalog.jsonld", dcat.catalogue, {"suffix": "jsonld"}, name="catalog_jsonld"),
    path("dataset/<str:identifier>.ttl", dcat.dataset, {"suffix": "ttl"}, name="dataset_ttl"),
    path("dataset/<str:identifier>.jsonld", dcat.dataset, {"suffix": "jsonld"}, name="dataset_jsonld"),
]
