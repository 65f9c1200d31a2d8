from __future__ import annotations

from django.urls import path

from opengu.disclosure import views

app_name = "disclosure"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.file_request, name="file"),
    path("mine/", views.my_requests, name="mine"),
    path("mine/<str:number>/", views.my_request_detail, name="mine_detail"),
    path("mine/<str:number>/<slug:action>/", views.my_request_action, name="mine_action"),
    path("register/", views.register, name="register"),
    path("staff/", views.staff_queue, name="staff_queue"),
    path("staff/new/", views.staff_register, name="staff_register"),
    path("staff/review/", views.review_queue, name="review_queue"),
    path("staff/agenda/<int:pk>/complete/", views.agenda_complete, name="agenda_complete"),
    path("staff/<int:pk>/", views.staff_request, name="staff_request"),
    path("staff/<int:pk>/<slug:action>/", views.staff_action, name="staff_action"),
]
