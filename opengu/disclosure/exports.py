"""CSV and xlsx responses for lists: the shared implementation in core."""

from __future__ import annotations

from opengu.core.exports import csv_response, xlsx_response

__all__ = ["csv_response", "xlsx_response"]
