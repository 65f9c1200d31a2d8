from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from opengu.core import permissions
from opengu.core.registry import public_menu
from opengu.core.selectors import current_district


def site(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    return {
        "district": current_district(),
        "public_menu": public_menu(),
        "is_staff_member": permissions.is_staff_member(user),
        "can_view_access_log": permissions.can_view_access_log(user),
        "is_administrator": permissions.is_administrator(user),
    }
