"""Uploads of data files go straight to a temporary file on disk, never into memory, and stop at
the configured size (OPENGU_OPENDATA_UPLOAD_MAX_MB) with a flag the view turns into a Korean message."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import StopUpload, TemporaryFileUploadHandler
from django.http import HttpRequest


def upload_limit_bytes() -> int:
    return int(settings.OPENGU_OPENDATA_UPLOAD_MAX_MB) * 1024 * 1024


class LimitedTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Django's temporary-file handler with a size limit. Over the limit the rest of the body is
    read and thrown away (so the browser gets an answer, not a reset connection) and
    `request.upload_too_large` is set."""

    def __init__(self, request: HttpRequest, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        request.upload_too_large = False  # type: ignore[attr-defined]

    def handle_raw_input(self, input_data: Any, META: Any, content_length: int, boundary: Any,
                         encoding: str | None = None) -> None:
        # The body also holds the form's other fields and boundaries: a little slack.
        if content_length > self.limit + 64 * 1024:
            self.request.upload_too_large = True  # type: ignore[union-attr]

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if self.request.upload_too_large or start + len(raw_data) > self.limit:  # type: ignore[union-attr]
            self.request.upload_too_large = True  # type: ignore[union-attr]
            raise StopUpload(connection_reset=False)
        return super().receive_data_chunk(raw_data, start)


def limit_uploads(request: HttpRequest) -> None:
    """Call before anything reads request.POST or request.FILES."""
    request.upload_handlers = [LimitedTemporaryFileUploadHandler(request, upload_limit_bytes())]
