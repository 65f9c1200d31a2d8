"""The WSGI handler: pages go through the whole middleware stack, the anonymous row APIs through
a short one.

The CKAN, data.go.kr and Seoul faces answer every caller as the public (no session, no login, no
CSRF, no messages, no second factor), so for them the page middleware is only cost: on a cheap
query it was most of a request's time. Paths starting with one of `settings.PUBLIC_API_PATHS`
run `settings.PUBLIC_API_MIDDLEWARE` instead of `settings.MIDDLEWARE`; everything else is as
Django does it. Only synchronous (WSGI) middleware is supported on the short stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import set_urlconf
from django.utils.log import log_response
from django.utils.module_loading import import_string


class PublicApiPathsMixin:
    """For a Django handler class: a second, short middleware chain for the public API paths."""

    _public_api_chain: Callable[[HttpRequest], Any] | None = None

    def load_middleware(self, is_async: bool = False) -> None:
        super().load_middleware(is_async)  # type: ignore[misc]
        if is_async:
            return  # ASGI keeps the one stack
        chain: Any = convert_exception_to_response(self._get_response)  # type: ignore[attr-defined]
        for path in reversed(settings.PUBLIC_API_MIDDLEWARE):
            chain = convert_exception_to_response(import_string(path)(chain))
        self._public_api_chain = chain

    def get_response(self, request: HttpRequest) -> HttpResponseBase:
        if self._public_api_chain is None or not request.path_info.startswith(tuple(settings.PUBLIC_API_PATHS)):
            return super().get_response(request)  # type: ignore[misc, no-any-return]
        # What BaseHandler.get_response does, with the short chain.
        set_urlconf(settings.ROOT_URLCONF)
        response: HttpResponse = self._public_api_chain(request)
        response._resource_closers.append(request.close)  # type: ignore[attr-defined]
        if response.status_code >= 400:
            log_response("%s: %s", response.reason_phrase, request.path, response=response, request=request)
        return response


class OpenguWSGIHandler(PublicApiPathsMixin, WSGIHandler):
    pass


def wsgi_application() -> Any:
    """`django.core.wsgi.get_wsgi_application` with our handler."""
    import django

    django.setup(set_prefix=False)
    return OpenguWSGIHandler()
