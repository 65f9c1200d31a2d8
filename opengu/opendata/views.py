"""Pages of the open-data portal: the public catalogue and dataset pages, the staff pages."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from opengu.core.audit import history_for
from opengu.core.exports import table_response
from opengu.core.models import Progress
from opengu.core.selectors import department_list
from opengu.lib.coordinates import SYSTEMS
from opengu.opendata import (
    datastore,
    ingest,
    permissions,
    preview_chart,
    selectors,
    services,
    tasks,
    uploads,
)
from opengu.opendata.commerce import is_localdata
from opengu.opendata.forms import ApiKeyForm, DatasetForm, PersonalDataDecisionForm, UploadForm
from opengu.opendata.map_views import resource_map
from opengu.opendata.models import Dataset, Licence, UpdateCycle

PREVIEW_ROWS = 20
COORDINATE_SYSTEMS = list(SYSTEMS.items())
FACET_LABELS = {"category": "분류", "department": "제공 부서", "format": "형식", "licence": "이용허락",
                "update_cycle": "갱신 주기"}


def _catalogue_query(request: HttpRequest) -> selectors.CatalogueQuery:
    get = request.GET
    return selectors.CatalogueQuery(
        q=get.get("q", "").strip()[:100], category=get.get("category", ""), department=get.get("department", ""),
        format=get.get("format", ""), licence=get.get("licence", ""), update_cycle=get.get("update_cycle", ""),
        keyword=get.get("keyword", "").strip()[:50],
    )


def _dataset_rows(datasets: Any) -> tuple[list[str], Any]:
    header = [_("제목"), _("주소 이름"), _("분류"), _("제공 부서"), _("이용허락"), _("갱신 주기"), _("다음 갱신 예정일"),
              _("형식"), _("키워드"), _("공개")]
    rows = ([d.title, d.slug, d.category.name, d.department.name, d.get_licence_display(),
             d.get_update_cycle_display(), d.next_due.isoformat() if d.next_due else "",
             " ".join(sorted({r.format for r in d.resources.all() if r.format})), ", ".join(d.keywords),
             _("예") if d.published else _("아니오")] for d in datasets)
    return [str(h) for h in header], rows


def catalogue(request: HttpRequest) -> HttpResponseBase:
    query = _catalogue_query(request)
    result = selectors.catalogue_search(query)
    export = request.GET.get("export")
    if export in {"csv", "xlsx"}:
        header, rows = _dataset_rows(result.datasets)
        return table_response(export, f"datasets-{timezone.localdate():%Y%m%d}", header, rows)
    facets = [(name, _(FACET_LABELS[name]), values, getattr(query, name)) for name, values in result.facets.items()]
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "opendata/catalogue.html", {
        "query": query, "datasets": result.datasets, "facets": facets, "export_query": params.urlencode(),
    })


def _visible(request: HttpRequest, slug: str) -> Dataset:
    dataset = selectors.dataset_get(slug)
    if dataset is None or not permissions.can_view_dataset(request.user, dataset):
        raise Http404
    return dataset


def _cell(value: Any) -> Any:
    """A preview cell as a reader sees it: true and false in words of the page's language."""
    return preview_chart.yes_no(value) if isinstance(value, bool) else value


def dataset_page(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = _visible(request, slug)
    can_change = permissions.can_change_dataset(request.user, dataset)
    resources = []
    for resource in dataset.resources.all():
        version = resource.live_version
        preview = None
        if version is not None and version.table_name:
            preview = datastore.search(version.table_name, version.columns,
                                       datastore.Query(limit=PREVIEW_ROWS, include_total=False))
        columns = [dict(column, type_label=ingest.TYPE_LABELS[column["type"]])
                   for column in (version.columns if version else [])]
        rows = [[_cell(record.get(column["id"])) for column in columns] for record in preview.records] if preview else []
        chosen = request.GET.get("chart") == str(resource.pk)
        chart = preview_chart.resource_chart(version, by=request.GET.get("by", "") if chosen else "",
                                             value=request.GET.get("value", "") if chosen else "")
        # The personal-data scan is the staff's business (their decision is on record); the public
        # sees the quality findings about the data itself.
        issues = [i for i in ((version.quality or {}).get("issues", []) if version else [])
                  if can_change or i.get("code") != "personal-data"]
        resources.append({"resource": resource, "version": version, "rows": rows, "columns": columns, "chart": chart,
                          "quality_issues": issues,
                          "commerce": bool(version and version.table_name and is_localdata(version.columns)),
                          "map": resource_map(dataset.slug, resource.pk, version)})
    context: dict[str, Any] = {"dataset": dataset, "resources": resources, "can_change": can_change,
                               "api_base": request.build_absolute_uri("/api/3/action/"),
                               "site_base": request.build_absolute_uri("/").rstrip("/"),
                               "api_calls": selectors.dataset_api_calls(dataset)}
    if can_change:
        context["upload_form"] = UploadForm()
        context["decision_form"] = PersonalDataDecisionForm()
        context["coordinate_systems"] = COORDINATE_SYSTEMS
        context["history"] = history_for(dataset)[:20]
        context["versions"] = [(r, list(selectors.versions_of(r)[:10])) for r in dataset.resources.all()]
        latest = [v for _r, versions in context["versions"] for v in versions[:1]]
        context["progress"] = Progress.objects.filter(
            key__in=[v.progress_key for v in latest], status__in=[Progress.Status.WAITING, Progress.Status.RUNNING]
        ).first()
    # Inside a <script> element: "<" escaped so a title cannot close the element.
    context["schema_org"] = json.dumps(_schema_org(request, dataset), ensure_ascii=False).replace("<", "\\u003c")
    return render(request, "opendata/dataset.html", context)


def _schema_org(request: HttpRequest, dataset: Dataset) -> dict[str, Any]:
    return {
        "@context": "https://schema.org", "@type": "Dataset", "name": dataset.title,
        "description": dataset.description or dataset.title, "keywords": dataset.keywords,
        "url": request.build_absolute_uri(), "license": dataset.get_licence_display(),
        "creator": {"@type": "GovernmentOrganization", "name": dataset.department.name},
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": request.build_absolute_uri(
                f"/data/{dataset.slug}/resources/{r.pk}/download.csv")}
            for r in dataset.resources.all() if r.live_version_id
        ],
    }


def download(request: HttpRequest, slug: str, resource_id: int) -> HttpResponseBase:
    """The live version's rows as CSV (UTF-8 with BOM); the export view with no filters."""
    from opengu.opendata import rows_views

    return rows_views.export(request, slug, resource_id, "csv")


# Staff pages

def _staff(request: HttpRequest) -> None:
    if not permissions.can_use_opendata_workspace(request.user):
        raise PermissionDenied


def _pending_rows(versions: list[Any]) -> tuple[list[str], Any]:
    header = [_("데이터셋"), _("주소 이름"), _("제공 부서"), _("자원"), _("판"), _("개인정보로 보이는 열")]
    rows = ([v.resource.dataset.title, v.resource.dataset.slug, v.resource.dataset.department.name, v.resource.name,
             v.number, ", ".join(str(flag.get("column", "")) for flag in v.personal_data)] for v in versions)
    return [str(h) for h in header], rows


@login_required
def staff_list(request: HttpRequest) -> HttpResponseBase:
    """The user's datasets; `overdue=1` keeps those past their update date and `personal_data=pending` lists the
    live versions awaiting a personal-data decision (what the two staff tiles count)."""
    _staff(request)
    overdue = request.GET.get("overdue") == "1"
    pending = request.GET.get("personal_data") == "pending"
    datasets = selectors.overdue_datasets(request.user) if overdue else selectors.staff_datasets(request.user)
    versions = selectors.pending_decisions(request.user) if pending else []
    export = request.GET.get("export")
    if export in {"csv", "xlsx"}:
        header, rows = _pending_rows(versions) if pending else _dataset_rows(datasets)
        return table_response(export, f"datasets-staff-{timezone.localdate():%Y%m%d}", header, rows)
    filters = "personal_data=pending&" if pending else "overdue=1&" if overdue else ""
    return render(request, "opendata/staff_list.html", {
        "datasets": datasets, "today": timezone.localdate(), "overdue": overdue, "pending": pending,
        "versions": versions, "filters": filters, "can_create": permissions.can_create_dataset(request.user),
    })


def _form_errors(form: DatasetForm, error: ValidationError) -> None:
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


@login_required
def dataset_new(request: HttpRequest) -> HttpResponse:
    _staff(request)
    if not permissions.can_create_dataset(request.user):
        raise PermissionDenied
    form = DatasetForm(request.POST or None, initial={"licence": Licence.KOGL_1, "update_cycle": UpdateCycle.AS_NEEDED})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        department = request.user.staff.department  # type: ignore[union-attr]
        try:
            dataset = services.dataset_create(actor=request.user, department=department, **data)  # type: ignore[arg-type]
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("데이터셋을 만들었습니다. 이제 파일을 올려 주세요."))
            return redirect("opendata:dataset", dataset.slug)
    return render(request, "opendata/dataset_form.html", {"form": form, "departments": department_list(),
                                                          "title": _("데이터셋 만들기")},
                  status=400 if request.method == "POST" else 200)


@login_required
def dataset_edit(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = _visible(request, slug)
    if not permissions.can_change_dataset(request.user, dataset):
        raise PermissionDenied
    initial = {name: getattr(dataset, name) for name in services.EDITABLE}
    initial["keywords"] = ", ".join(dataset.keywords)
    initial["slug"] = dataset.slug
    form = DatasetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in services.EDITABLE}
        try:
            services.dataset_update(actor=request.user, dataset=dataset, **data)  # type: ignore[arg-type]
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("저장했습니다."))
            return redirect("opendata:dataset", dataset.slug)
    return render(request, "opendata/dataset_form.html", {"form": form, "dataset": dataset,
                                                          "title": _("데이터셋 고치기")},
                  status=400 if request.method == "POST" else 200)


@csrf_exempt  # only so the upload handlers can be set first; _upload checks the CSRF token
@login_required
@require_POST
def upload(request: HttpRequest, slug: str) -> HttpResponse:
    """Files go to a temporary file on disk as they arrive and stop at the configured size."""
    uploads.limit_uploads(request)
    return _upload(request, slug)


@csrf_protect
def _upload(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = _visible(request, slug)
    if not permissions.can_change_dataset(request.user, dataset):
        raise PermissionDenied
    form = UploadForm(request.POST, request.FILES)
    if getattr(request, "upload_too_large", False):
        messages.error(request, _("파일이 너무 큽니다. %(limit)sMB까지 올릴 수 있습니다. 나눠 올리거나 담당자에게 문의해 "
                                  "주세요. 이전 판은 그대로 게시 중입니다.") % {"limit": settings.OPENGU_OPENDATA_UPLOAD_MAX_MB})
        return redirect("opendata:dataset", dataset.slug)
    if not form.is_valid():
        messages.error(request, _("올릴 파일을 골라 주세요."))
        return redirect("opendata:dataset", dataset.slug)
    uploaded = form.cleaned_data["file"]
    try:
        version = services.resource_version_prepare(
            actor=request.user, dataset=dataset, file=uploaded, source_name=uploaded.name,  # type: ignore[arg-type]
            resource_name=form.cleaned_data["resource_name"],
        )
    except ingest.IngestError as exc:
        messages.error(request, _("적재하지 못했습니다: %(reason)s 이전 판은 그대로 게시 중입니다.") % {"reason": exc})
        return redirect("opendata:dataset", dataset.slug)
    # The worker fills the table; this page shows its progress (rows loaded) meanwhile.
    transaction.on_commit(lambda: tasks.version_fill.enqueue(version.pk))
    messages.info(request, _("%(number)s판 적재를 시작했습니다. 이 페이지에서 진행 상황을 볼 수 있습니다.") % {
        "number": version.number})
    return redirect("opendata:dataset", dataset.slug)


@login_required
@require_POST
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = _visible(request, slug)
    if not permissions.can_publish_dataset(request.user, dataset):
        raise PermissionDenied
    try:
        if request.POST.get("action") == "unpublish":
            services.dataset_unpublish(actor=request.user, dataset=dataset)  # type: ignore[arg-type]
            messages.success(request, _("공개를 멈췄습니다."))
        else:
            services.dataset_publish(actor=request.user, dataset=dataset)  # type: ignore[arg-type]
            messages.success(request, _("공개했습니다."))
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    return redirect("opendata:dataset", dataset.slug)


@login_required
@require_POST
def personal_data_decide(request: HttpRequest, slug: str, version_id: int) -> HttpResponse:
    dataset = _visible(request, slug)
    if not permissions.can_decide_personal_data(request.user, dataset):
        raise PermissionDenied
    version = next((v for r in dataset.resources.all() for v in r.versions.all() if v.pk == version_id), None)
    if version is None:
        raise Http404
    form = PersonalDataDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.resource_version_personal_data_decide(actor=request.user, version=version,  # type: ignore[arg-type]
                                                           decision=form.cleaned_data["decision"])
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("개인정보 검토 결정을 기록했습니다."))
    else:
        messages.error(request, _("검토 결정: 공개해도 되는 이유를 5자 이상 적어 주세요."))
    return redirect("opendata:dataset", dataset.slug)


# API keys

@login_required
def api_keys(request: HttpRequest) -> HttpResponse:
    """The user's keys with their limits and use; a POST issues a new key at once."""
    if not permissions.can_issue_api_key(request.user):
        raise PermissionDenied
    form = ApiKeyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            key = services.api_key_issue(actor=request.user, purpose=form.cleaned_data["purpose"])  # type: ignore[arg-type]
        except ValidationError as exc:
            for field, texts in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, texts)
        else:
            messages.success(request, _("인증키를 발급했습니다: %(key)s") % {"key": key.key})
            return redirect("opendata:api_keys")
    usage = selectors.api_usage_by_dataset(request.user)
    keys = [(key, [row for row in usage if row["key_id"] == key.pk]) for key in selectors.api_keys_of(request.user)]
    return render(request, "opendata/api_keys.html", {
        "form": form, "keys": keys, "today": timezone.localdate(),
        "site_base": request.build_absolute_uri("/").rstrip("/"),
    }, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def api_key_revoke(request: HttpRequest, key_id: int) -> HttpResponse:
    key = selectors.api_key_get(key_id)
    if key is None or not permissions.can_revoke_api_key(request.user, key):
        raise Http404
    services.api_key_revoke(actor=request.user, key=key)  # type: ignore[arg-type]
    messages.success(request, _("인증키를 폐기했습니다."))
    return redirect("opendata:api_keys")
