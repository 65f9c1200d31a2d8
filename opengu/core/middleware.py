from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.messages.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from opengu.core.permissions import needs_second_factor

SESSION_LAST_SEEN = "opengu_last_seen"
LAST_SEEN_RESOLUTION = 60  # seconds


class StaffIdleTimeoutMiddleware:
    """Staff sessions end after OPENGU_STAFF_IDLE_MINUTES without a request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff_member:
            now = time.time()
            last = request.session.get(SESSION_LAST_SEEN)
            if last is not None and now - float(last) > settings.STAFF_IDLE_MINUTES * 60:
                logout(request)
                response = redirect(f"{reverse('portal:login')}?{urlencode({'next': request.get_full_path()})}")
                # MessageMiddleware comes after this one and is skipped by this early return, so the
                # notice is stored here; without it messages.info() raised MessageFailure (a 500).
                storage = default_storage(request)
                storage.add(messages.INFO, _("오래 사용하지 않아 로그아웃되었습니다. 다시 로그인해 주세요."))
                storage.update(response)
                return response
            if last is None or now - float(last) >= LAST_SEEN_RESOLUTION:
                # A minute's precision is plenty for a 30-minute limit, and spares the session
                # row a write on every page a clerk opens.
                request.session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


class SecondFactorRequiredMiddleware:
    """Administrators and auditors must pass TOTP before any page but login and setup."""

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/healthz")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and needs_second_factor(user)
            and not user.is_verified()
            and not request.path.startswith(self.ALLOWED_PREFIXES)
        ):
            return redirect(f"{reverse('portal:otp')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class KoreanFirstLocaleMiddleware:
    """Korean unless the person chose otherwise (the language switch sets a cookie; a logged-in
    user's saved language counts too). The browser's Accept-Language is not consulted: a district
    site is Korean first, and English is a choice, not a guess."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.utils import translation

        supported = {code for code, _name in settings.LANGUAGES}
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in supported:
            user = getattr(request, "user", None)
            saved = getattr(user, "language", None) if user is not None and user.is_authenticated else None
            language = saved if saved in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class PublicApiMiddleware:
    """The one middleware of the anonymous row APIs besides SecurityMiddleware (see
    `core.handlers`): the host is checked, the caller is the public, answers are Korean first,
    and the headers the page middleware would add come as constants."""

    CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.contrib.auth.models import AnonymousUser
        from django.utils import translation

        request.get_host()  # DisallowedHost (400) for a host not in ALLOWED_HOSTS
        request.user = AnonymousUser()
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = settings.LANGUAGE_CODE  # type: ignore[attr-defined]
        response = self.get_response(request)
        headers = response.headers
        headers.setdefault("Content-Security-Policy", self.CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Content-Language", settings.LANGUAGE_CODE)
        if not response.streaming and "Content-Length" not in headers:
            headers["Content-Length"] = str(len(response.content))  # type: ignore[attr-defined]
        return response
