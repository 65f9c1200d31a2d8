"""Solapi's REST protocol (v4), both sides: request signing for our client, verification for
the local gateway.

Authentication (Solapi "API Key 인증 방식"): every request carries
    Authorization: HMAC-SHA256 apiKey=<key>, date=<ISO 8601>, salt=<random>, signature=<hex>
where signature = HMAC-SHA256(key=API secret, data=date + salt), hex. The server rejects a date
more than 15 minutes away from its clock and a signature used before (15 minutes).

Sending: POST /messages/v4/send-many/detail with {"messages": [{to, from, text, type, subject,
kakaoOptions, customFields}], "allowDuplicates": false}; the answer lists accepted messages in
`messageList` (each with messageId, statusCode "2000") and refused ones in `failedMessageList`.
Status: GET /messages/v4/list?criteria=messageId&cond=eq&value=<id> → {"messageList": {id: {...}}};
statusCode 4000 is received by the handset, 2000/3000 still in transit, anything else failed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import re
import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

SEND_PATH = "/messages/v4/send-many/detail"
LIST_PATH = "/messages/v4/list"
CLOCK_SKEW = dt.timedelta(minutes=15)
STATUS_ACCEPTED = "2000"
STATUS_IN_TRANSIT = {"2000", "3000"}
STATUS_DELIVERED = "4000"
# customFields key carrying our idempotency key; the local gateway deduplicates on it.
KEY_FIELD = "openguKey"

_HEADER = re.compile(r"^(HMAC-SHA256)\s+(.*)$")


def signature(secret: str, date: str, salt: str) -> str:
    return hmac.new(secret.encode(), (date + salt).encode(), hashlib.sha256).hexdigest()


def authorization_header(api_key: str, secret: str, *, now: dt.datetime | None = None,
                         salt: str | None = None) -> str:
    """A fresh Authorization header: new salt each call, so no two requests share a signature."""
    date = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    salt = salt or secrets.token_hex(16)
    return (f"HMAC-SHA256 apiKey={api_key}, date={date}, salt={salt}, "
            f"signature={signature(secret, date, salt)}")


@dataclass(frozen=True)
class AuthProblem:
    code: str  # Solapi's errorCode: InvalidAPIKey, SignatureDoesNotMatch, RequestTimeTooSkewed …
    message: str


def parse_authorization(header: str) -> dict[str, str] | None:
    match = _HEADER.match((header or "").strip())
    if not match:
        return None
    parts: dict[str, str] = {}
    for item in match.group(2).split(","):
        name, sep, value = item.strip().partition("=")
        if sep:
            parts[name.strip()] = value.strip()
    if not {"apiKey", "date", "salt", "signature"} <= parts.keys():
        return None
    return parts


def verify_authorization(header: str, *, api_key: str, secret: str,
                         now: dt.datetime | None = None) -> tuple[dict[str, str] | None, AuthProblem | None]:
    """Check a request's header as Solapi does (except the reuse check, which needs memory)."""
    parts = parse_authorization(header)
    if parts is None:
        return None, AuthProblem("InvalidAuthorizationHeader", "Authorization 헤더 형식이 올바르지 않습니다.")
    if not hmac.compare_digest(parts["apiKey"], api_key):
        return None, AuthProblem("InvalidAPIKey", "유효한 API Key가 아닙니다.")
    try:
        date = dt.datetime.fromisoformat(parts["date"].replace("Z", "+00:00"))
    except ValueError:
        return None, AuthProblem("InvalidAuthorizationHeader", "date가 ISO 8601 형식이 아닙니다.")
    if date.tzinfo is None:
        date = date.replace(tzinfo=dt.UTC)
    if abs((now or dt.datetime.now(dt.UTC)) - date) > CLOCK_SKEW:
        return None, AuthProblem("RequestTimeTooSkewed", "요청 시각이 서버 시각과 15분 이상 차이 납니다.")
    if not 12 <= len(parts["salt"]) <= 64:
        return None, AuthProblem("InvalidAuthorizationHeader", "salt는 12~64자여야 합니다.")
    expected = signature(secret, parts["date"], parts["salt"])
    if not hmac.compare_digest(expected, parts["signature"]):
        return None, AuthProblem("SignatureDoesNotMatch", "signature가 일치하지 않습니다.")
    return parts, None


class SolapiError(Exception):
    """The call failed. `retryable` is False when repeating the same request cannot help."""

    def __init__(self, message: str, *, retryable: bool, http_status: int | None = None) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.http_status = http_status


class SolapiClient:
    """A minimal client of the endpoints we use; `base_url` like https://api.solapi.com."""

    def __init__(self, base_url: str, api_key: str, secret: str, *, timeout: float = 15) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.secret = secret
        self.timeout = timeout

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> tuple[int, dict[str, Any]]:
        data = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        request.add_header("Authorization", authorization_header(self.api_key, self.secret))
        if data is not None:
            request.add_header("Content-Type", "application/json; charset=utf-8")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                detail = json.loads(raw)
            except ValueError:
                detail = {"errorMessage": raw[:200].decode("utf-8", "replace")}
            text = f"HTTP {error.code} {detail.get('errorCode', '')} {detail.get('errorMessage', '')}".strip()
            # 5xx and 429 are the provider's trouble; other 4xx are ours and will not mend.
            raise SolapiError(text, retryable=error.code >= 500 or error.code == 429,
                              http_status=error.code) from error
        except (urllib.error.URLError, TimeoutError, ConnectionError, ValueError) as error:
            raise SolapiError(f"연결 실패: {error}", retryable=True) from error

    def send_one(self, message: dict[str, Any]) -> dict[str, Any]:
        """Send one message; returns its messageList entry or raises SolapiError."""
        status, answer = self._call("POST", SEND_PATH, {"messages": [message], "allowDuplicates": False})
        failed = answer.get("failedMessageList") or []
        if failed:
            entry = failed[0]
            raise SolapiError(f"{entry.get('statusCode', '')} {entry.get('statusMessage', '')}".strip(),
                              retryable=False, http_status=status)
        accepted = answer.get("messageList") or []
        if not accepted or not accepted[0].get("messageId"):
            raise SolapiError("응답에 messageId가 없습니다.", retryable=True, http_status=status)
        return dict(accepted[0])

    def message_status(self, message_id: str) -> dict[str, Any] | None:
        query = urllib.parse.urlencode({"criteria": "messageId", "cond": "eq", "value": message_id})
        _, answer = self._call("GET", f"{LIST_PATH}?{query}")
        found = (answer.get("messageList") or {}).get(message_id)
        return dict(found) if found else None
