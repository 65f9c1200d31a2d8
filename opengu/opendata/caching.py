"""ETag and Last-Modified for datastore answers and exports.

A version's table never changes once loaded, so an answer is fully named by the version it read
and the request's parameters: that pair is the ETag, and the version's load time the
Last-Modified. A client repeating a request with If-None-Match (or If-Modified-Since) gets 304.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest, HttpResponseBase, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe


def etag_for(*parts: Any) -> str:
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()[:32]
    return f'"{digest}"'


def request_fingerprint(request: HttpRequest, ignore: Iterable[str] = ()) -> str:
    """The request's parameters in a canonical order (query string and, for POST, the body)."""
    skip = set(ignore)
    items = sorted((key, value) for key in request.GET if key not in skip for value in request.GET.getlist(key))
    body = request.body.decode("utf-8", "replace") if request.method == "POST" else ""
    return repr(items) + body


def _matches(header: str, etag: str) -> bool:
    if header.strip() == "*":
        return True
    tags = [tag.strip() for tag in header.split(",")]
    return any(tag.removeprefix("W/") == etag for tag in tags)


def not_modified(request: HttpRequest, *, etag: str, last_modified: dt.datetime | None) -> HttpResponseBase | None:
    """304 when the client already holds this answer; None otherwise. If-None-Match wins over
    If-Modified-Since, as RFC 9110 says."""
    if request.method not in {"GET", "HEAD"}:
        return None
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        if not _matches(if_none_match, etag):
            return None
    else:
        since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
        if since is None or last_modified is None or int(last_modified.timestamp()) > since:
            return None
    response = HttpResponseNotModified()
    stamp(response, etag=etag, last_modified=last_modified)
    return response


def stamp(response: HttpResponseBase, *, etag: str, last_modified: dt.datetime | None) -> HttpResponseBase:
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    response.headers.setdefault("Cache-Control", "public, max-age=0, must-revalidate")
    return response
