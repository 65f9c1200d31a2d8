from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from opengu.core import models


@admin.register(models.District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "admin_code", "open_code"]


@admin.register(models.Dong)
class DongAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "district"]
    search_fields = ["name", "code"]


@admin.register(models.Tong)
class TongAdmin(admin.ModelAdmin):
    list_display = ["dong", "number"]
    list_filter = ["dong"]


@admin.register(models.Bureau)
class BureauAdmin(admin.ModelAdmin):
    list_display = ["name", "district"]


@admin.register(models.Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "bureau", "kind", "phone"]
    list_filter = ["bureau", "kind"]
    search_fields = ["name"]


@admin.register(models.Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "department"]
    list_filter = ["department"]


@admin.register(models.User)
class OpenguUserAdmin(UserAdmin):
    list_display = ["username", "kind", "is_active", "last_login"]
    list_filter = ["kind", "is_active", "groups"]
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("opengu", {"fields": ("kind", "language", "failed_logins", "locked_until")}),
    )


@admin.register(models.Staff)
class StaffAdmin(admin.ModelAdmin):
    list_display = ["name", "department", "team", "grade", "position"]
    list_filter = ["department"]
    search_fields = ["name"]


@admin.register(models.OfficeDay)
class OfficeDayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "reason"]


@admin.register(models.PrivacyNotice)
class PrivacyNoticeAdmin(admin.ModelAdmin):
    list_display = ["key", "version", "title", "effective_from"]
