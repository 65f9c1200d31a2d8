from __future__ import annotations

from django.urls import path

from opengu.disclosure import (
    council_views,
    fee_views,
    inventory_views,
    meeting_views,
    monitoring_views,
    panel_views,
    views,
)
from opengu.disclosure import publication_views as publication

app_name = "disclosure"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.file_request, name="file"),
    path("mine/", views.my_requests, name="mine"),
    path("mine/<str:number>/", views.my_request_detail, name="mine_detail"),
    path("mine/<str:number>/<slug:action>/", views.my_request_action, name="mine_action"),
    path("mine/<str:number>/documents/<int:pk>/", publication.my_request_document, name="mine_document"),
    path("register/", views.register, name="register"),
    path("proactive/", publication.proactive_catalogue, name="proactive"),
    path("proactive/<int:pk>/", publication.proactive_item, name="proactive_item"),
    path("documents/", publication.documents, name="documents"),
    path("documents/<int:pk>/file/", publication.document_file, name="document_file"),
    path("staff/proactive/", publication.staff_proactive, name="staff_proactive"),
    path("staff/proactive/<int:pk>/publish/", publication.staff_proactive_publish, name="staff_proactive_publish"),
    path("staff/documents/", publication.staff_documents, name="staff_documents"),
    path("staff/documents/<int:pk>/", publication.staff_document, name="staff_document"),
    path("staff/documents/<int:pk>/original/", publication.staff_document_original, name="staff_document_original"),
    path("staff/documents/<int:pk>/<slug:action>/", publication.staff_document_action, name="staff_document_action"),
    path("staff/", views.staff_queue, name="staff_queue"),
    path("staff/new/", views.staff_register, name="staff_register"),
    path("meetings/", meeting_views.meetings, name="meetings"),
    path("meetings/<int:pk>/", meeting_views.meeting, name="meeting"),
    path("staff/meetings/", meeting_views.staff_meetings, name="staff_meetings"),
    path("staff/meetings/<int:pk>/", meeting_views.staff_meeting, name="staff_meeting"),
    path("staff/meetings/<int:pk>/<slug:action>/", meeting_views.staff_meeting_action, name="staff_meeting_action"),
    path("staff/monitoring/", monitoring_views.monitoring_report, name="monitoring"),
    path("staff/inventory/", inventory_views.staff_inventory, name="staff_inventory"),
    path("staff/inventory/mismatches/", inventory_views.staff_inventory_mismatches,
         name="staff_inventory_mismatches"),
    path("staff/inventory/mismatches/<int:pk>/resolve/", inventory_views.staff_inventory_resolve,
         name="staff_inventory_resolve"),
    path("staff/council/<int:pk>/", council_views.staff_council, name="staff_council"),
    path("staff/council/<int:pk>/<slug:action>/", council_views.staff_council_action, name="staff_council_action"),
    path("panel/", panel_views.panel_home, name="panel"),
    path("panel/<int:pk>/", panel_views.panel_round, name="panel_round"),
    path("staff/panel/", panel_views.staff_panel, name="staff_panel"),
    path("staff/panel/rounds/<int:pk>/", panel_views.staff_panel_round, name="staff_panel_round"),
    path("staff/panel/<slug:action>/", panel_views.staff_panel_action, name="staff_panel_action"),
    path("staff/fees/", fee_views.staff_fees, name="staff_fees"),
    path("staff/fees/<slug:action>/", fee_views.staff_fees_action, name="staff_fees_action"),
    path("staff/review/", views.review_queue, name="review_queue"),
    path("staff/agenda/<int:pk>/complete/", views.agenda_complete, name="agenda_complete"),
    path("staff/<int:pk>/", views.staff_request, name="staff_request"),
    path("staff/<int:pk>/<slug:action>/", views.staff_action, name="staff_action"),
]
