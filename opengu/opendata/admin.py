from django.contrib import admin

from opengu.opendata.models import Category, Dataset, Resource, ResourceVersion


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "order")
    list_filter = ("kind",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Dataset)
class DatasetAdmin(admin.ModelAdmin):
    list_display = ("title", "department", "category", "update_cycle", "next_due", "published")
    list_filter = ("published", "category", "update_cycle", "licence")
    search_fields = ("title", "slug")


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ("name", "dataset", "kind", "format", "live_version")


@admin.register(ResourceVersion)
class ResourceVersionAdmin(admin.ModelAdmin):
    list_display = ("resource", "number", "status", "row_count", "created_at")
    list_filter = ("status",)
    readonly_fields = ("columns", "quality", "personal_data", "table_name")
