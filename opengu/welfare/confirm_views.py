"""Institutions confirm their records: staff send the links from the stale queue; the page
behind a link (no login) shows one institution's records, each confirmed or corrected."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opengu.welfare import permissions, selectors, services
from opengu.welfare.models import Organization, Service
from opengu.welfare.views import service_form_data, stale_months


@login_required
@require_POST
def stale_send(request: HttpRequest) -> HttpResponse:
    """Send one institution (`organization`) or every stale institution the user may (`all`) its link."""
    user = request.user
    if not permissions.can_view_stale_queue(user):
        raise PermissionDenied
    base_url = request.build_absolute_uri("/")
    if request.POST.get("all") == "1":
        rows = selectors.stale_institutions(months=stale_months(), user=user)
        chosen = [row.organization for row in rows if permissions.can_request_confirmation(user, row.organization)]
    else:
        raw = request.POST.get("organization", "")
        organization = Organization.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
        if organization is None:
            raise Http404
        if not permissions.can_request_confirmation(user, organization):
            raise PermissionDenied
        chosen = [organization]
    sent, skipped = services.institution_confirmations_send(actor=user, organizations=chosen,  # type: ignore[arg-type]
                                                            months=stale_months(), base_url=base_url)
    if sent:
        messages.success(request, _("확인 링크를 %(n)s곳에 보냈습니다.") % {"n": len(sent)})
    for reason in skipped[:20]:
        messages.error(request, reason)
    if not sent and not skipped:
        messages.info(request, _("보낼 기관이 없습니다."))
    return redirect("welfare:stale")


def institution_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The institution's page (no login): its records, each "변경 없음" or corrected."""
    try:
        link = services.confirmation_from_token(token)
    except services.ConfirmationLinkError as exc:
        return render(request, "welfare/institution_confirm_invalid.html", {"reason": str(exc)}, status=410)
    organization = link.organization
    errors: dict[str, str] = {}
    failed_pk = None
    posted: dict[str, str] = {}
    if request.method == "POST":
        raw = request.POST.get("service", "")
        service = organization.services.filter(pk=int(raw)).first() if raw.isdigit() else None
        if service is None:
            raise Http404
        try:
            if request.POST.get("action") == "correct":
                data, errors = service_form_data({k: request.POST.get(k, "") for k in services.INSTITUTION_FIELDS})
                if errors:
                    raise services.WelfareInputError(errors)
                services.institution_service_confirm(request=link, service=service, by=request.POST.get("by", ""),
                                                     data=data)
                messages.success(request, _("%(name)s: 고친 내용을 반영했습니다. 고맙습니다.") % {"name": service.name})
            else:
                services.institution_service_confirm(request=link, service=service, by=request.POST.get("by", ""))
                messages.success(request, _("%(name)s: 변경 없음으로 확인했습니다. 고맙습니다.") % {"name": service.name})
        except services.WelfareInputError as exc:
            errors, failed_pk = exc.errors, service.pk
            posted = {k: request.POST.get(k, "") for k in (*services.INSTITUTION_FIELDS, "by")}
        else:
            return redirect(request.path + f"#s{service.pk}")
    records = list(selectors.institution_services(organization))
    cutoff_months = stale_months()
    return render(request, "welfare/institution_confirm.html", {
        "link": link, "organization": organization, "errors": errors, "failed_pk": failed_pk, "posted": posted,
        "records": [{"service": s, "stale": s.is_stale(cutoff_months), "values": posted if s.pk == failed_pk else {
            name: getattr(s, name) for name in services.INSTITUTION_FIELDS}} for s in records],
        "statuses": [c for c in Service.Status.choices if c[0] != Service.Status.DEFUNCT],
        "months": cutoff_months,
    }, status=400 if errors else 200)
