from django.urls import path

from opengu.portal import accesslog, accounts, progress, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.site_search, name="search"),
    path("deadline/", views.deadline_page, name="deadline"),
    path("staff/", views.staff_workspace, name="staff"),
    path("staff/access-log/", accesslog.access_log, name="access_log"),
    path("healthz", views.healthz, name="healthz"),
    path("progress/<str:key>/", progress.progress_status, name="progress"),
    path("accounts/login/", accounts.login_view, name="login"),
    path("accounts/logout/", accounts.logout_view, name="logout"),
    path("accounts/otp/", accounts.otp_view, name="otp"),
    path("accounts/signup/", accounts.signup_view, name="signup"),
    path("accounts/me/", accounts.me_view, name="me"),
    path("accounts/verify/", accounts.verify_view, name="verify"),
    path("accounts/close/", accounts.close_account_view, name="close_account"),
    path("accounts/password-reset/", accounts.password_reset, name="password_reset"),
    path("accounts/password-reset/sent/", accounts.password_reset_done, name="password_reset_done"),
    path("accounts/reset/<uidb64>/<token>/", accounts.password_reset_confirm, name="password_reset_confirm"),
    path("accounts/reset/done/", accounts.password_reset_complete, name="password_reset_complete"),
]
