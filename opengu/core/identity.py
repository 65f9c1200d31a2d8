"""Identity verification of residents (본인인증), behind one interface.

A provider (PASS, 공동·금융인증서, 간편인증 aggregators) implements `IdentityVerifier`:
`start()` returns where to send the resident, and `complete()` turns the provider's callback
into a `VerifiedIdentity`. `OPENGU_IDENTITY_VERIFIER` names the class. The development verifier
asks nothing and says so on every page that uses it: it must never run in production.
"""

from __future__ import annotations

import dataclasses
from typing import Protocol

from django.conf import settings
from django.http import HttpRequest
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _


@dataclasses.dataclass(frozen=True)
class VerifiedIdentity:
    name: str
    birth_date: str  # YYYY-MM-DD
    phone: str
    method: str  # shown in the resident's profile: "PASS", "개발용 인증" …
    ci: str = ""  # 연계정보 from the provider, if any


class IdentityVerifier(Protocol):
    name: str
    is_development: bool

    def start(self, request: HttpRequest, return_url: str) -> str:
        """URL to send the resident to (the provider's page or our own form)."""
        ...

    def complete(self, request: HttpRequest) -> VerifiedIdentity:
        """Read the provider's answer; raise ValueError with a Korean message when it fails."""
        ...


class DevelopmentVerifier:
    name = str(_("개발용 본인인증(실제 인증 아님)"))
    is_development = True

    def start(self, request: HttpRequest, return_url: str) -> str:
        return return_url

    def complete(self, request: HttpRequest) -> VerifiedIdentity:
        name = request.POST.get("name", "").strip()
        birth_date = request.POST.get("birth_date", "").strip()
        phone = request.POST.get("phone", "").strip()
        if not (name and birth_date and phone):
            raise ValueError(str(_("이름, 생년월일, 휴대전화를 모두 입력해 주세요.")))
        return VerifiedIdentity(name=name, birth_date=birth_date, phone=phone, method="개발용 인증")


def get_verifier() -> IdentityVerifier:
    verifier: IdentityVerifier = import_string(settings.OPENGU_IDENTITY_VERIFIER)()
    return verifier
