"""A local SMS gateway that speaks Solapi's protocol (see solapi.py), for development and tests.

It verifies each request's HMAC signature (and refuses a reused one), deduplicates messages by
the idempotency key we put in customFields (so a retry after a worker crash is not sent twice),
keeps what it accepted in memory and, optionally, in a JSON-lines file, and answers status
lookups. It can be told to fail: `fail_next` answers the next N sends with HTTP 500;
`reject_types` refuses messages of those types (ATA: "not a KakaoTalk user"); numbers in
`undeliverable` are accepted but later reported failed.

    GET  /received                     what was accepted, as JSON (no signature needed)
    POST /control                      {"fail_next": 3, "reject_types": ["ATA"], "undeliverable": [...]}
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from opengu.messaging import solapi

FAILED_UNDELIVERABLE = "3059"  # 변작된 발신번호 등: any non-2000/3000/4000 code means failed
REJECTED_KAKAO = "3104"  # 카카오톡 미사용자


@dataclass
class GatewayState:
    api_key: str
    api_secret: str
    store: Path | None = None
    fail_next: int = 0
    reject_types: set[str] = field(default_factory=set)
    undeliverable: set[str] = field(default_factory=set)
    received: list[dict[str, Any]] = field(default_factory=list)
    by_key: dict[str, str] = field(default_factory=dict)
    by_id: dict[str, dict[str, Any]] = field(default_factory=dict)
    duplicates: int = 0
    requests: int = 0
    signatures: dict[str, dt.datetime] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        if self.store is not None and self.store.exists():
            for line in self.store.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    self._remember(json.loads(line))

    def _remember(self, record: dict[str, Any]) -> None:
        self.received.append(record)
        self.by_id[record["messageId"]] = record
        key = (record.get("customFields") or {}).get(solapi.KEY_FIELD)
        if key:
            self.by_key[key] = record["messageId"]

    def signature_reused(self, signature: str, now: dt.datetime) -> bool:
        for old, at in list(self.signatures.items()):
            if now - at > solapi.CLOCK_SKEW:
                del self.signatures[old]
        if signature in self.signatures:
            return True
        self.signatures[signature] = now
        return False

    def accept(self, message: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """(accepted entry, None) or (None, failed entry). Call with the lock held."""
        key = (message.get("customFields") or {}).get(solapi.KEY_FIELD)
        if key and key in self.by_key:
            self.duplicates += 1
            return dict(self.by_id[self.by_key[key]]), None
        kind = message.get("type") or ("SMS" if len(str(message.get("text", "")).encode("cp949", "replace")) <= 90 else "LMS")
        if kind in self.reject_types:
            return None, {"to": message.get("to"), "type": kind, "statusCode": REJECTED_KAKAO,
                          "statusMessage": "카카오톡을 사용하지 않는 수신자입니다.", "customFields": message.get("customFields")}
        now = dt.datetime.now(dt.UTC).isoformat()
        record = {
            "messageId": "M4V" + dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S") + secrets.token_hex(6).upper(),
            "groupId": "G4V" + secrets.token_hex(8).upper(),
            "to": message.get("to"), "from": message.get("from"), "type": kind,
            "text": message.get("text", ""), "subject": message.get("subject"),
            "kakaoOptions": message.get("kakaoOptions"), "customFields": message.get("customFields") or {},
            "statusCode": FAILED_UNDELIVERABLE if message.get("to") in self.undeliverable else solapi.STATUS_DELIVERED,
            "dateCreated": now,
        }
        self._remember(record)
        if self.store is not None:
            self.store.parent.mkdir(parents=True, exist_ok=True)
            with self.store.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        return record, None


class GatewayHandler(BaseHTTPRequestHandler):
    server: GatewayServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            super().log_message(format, *args)

    def _answer(self, status: int, body: Any) -> None:
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length) or b"{}")

    def _authorised(self) -> bool:
        state = self.server.state
        now = dt.datetime.now(dt.UTC)
        parts, problem = solapi.verify_authorization(self.headers.get("Authorization", ""),
                                                     api_key=state.api_key, secret=state.api_secret, now=now)
        if problem is None and parts is not None:
            with state.lock:
                if state.signature_reused(parts["signature"], now):
                    problem = solapi.AuthProblem("DuplicatedSignature", "15분 안에 같은 signature가 사용되었습니다.")
        if problem is not None:
            self._answer(403, {"errorCode": problem.code, "errorMessage": problem.message})
            return False
        return True

    def do_GET(self) -> None:
        state = self.server.state
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/received":
            with state.lock:
                self._answer(200, {"messages": list(state.received), "duplicates": state.duplicates,
                                   "requests": state.requests})
            return
        if url.path == solapi.LIST_PATH:
            if not self._authorised():
                return
            query = urllib.parse.parse_qs(url.query)
            wanted = (query.get("value") or [""])[0]
            with state.lock:
                found = state.by_id.get(wanted)
                self._answer(200, {"startKey": None, "limit": 20,
                                   "messageList": {wanted: found} if found else {}})
            return
        self._answer(404, {"errorCode": "NotFound", "errorMessage": self.path})

    def do_POST(self) -> None:
        state = self.server.state
        path = urllib.parse.urlsplit(self.path).path
        try:
            body = self._body()
        except ValueError:
            self._answer(400, {"errorCode": "ValidationError", "errorMessage": "JSON 본문이 아닙니다."})
            return
        if path == "/control":
            with state.lock:
                if "fail_next" in body:
                    state.fail_next = int(body["fail_next"])
                if "reject_types" in body:
                    state.reject_types = set(body["reject_types"])
                if "undeliverable" in body:
                    state.undeliverable = set(body["undeliverable"])
            self._answer(200, {"ok": True})
            return
        if path not in (solapi.SEND_PATH, "/messages/v4/send-many"):
            self._answer(404, {"errorCode": "NotFound", "errorMessage": self.path})
            return
        if not self._authorised():
            return
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            self._answer(400, {"errorCode": "ValidationError", "errorMessage": "messages가 필요합니다."})
            return
        with state.lock:
            state.requests += 1
            if state.fail_next > 0:
                state.fail_next -= 1
                failing = True
            else:
                failing = False
                accepted, refused = [], []
                for message in messages:
                    ok, bad = state.accept(message)
                    if ok is not None:
                        accepted.append({**ok, "statusCode": solapi.STATUS_ACCEPTED,
                                         "statusMessage": "정상 접수(이통사로 접수 예정)"})
                    if bad is not None:
                        refused.append(bad)
        if failing:
            self._answer(500, {"errorCode": "InternalError", "errorMessage": "일시적인 오류(시험용 실패)"})
            return
        self._answer(200, {"groupInfo": {"count": {"total": len(messages), "registeredSuccess": len(accepted),
                                                   "registeredFailed": len(refused)}},
                           "messageList": accepted, "failedMessageList": refused})


class GatewayServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], state: GatewayState, *, verbose: bool = False) -> None:
        super().__init__(address, GatewayHandler)
        self.state = state
        self.verbose = verbose

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"


def serve_in_thread(state: GatewayState, host: str = "127.0.0.1", port: int = 0) -> GatewayServer:
    """Start a gateway on a background thread (port 0: any free port); stop with .shutdown()."""
    server = GatewayServer((host, port), state)
    threading.Thread(target=server.serve_forever, name="sms-gateway", daemon=True).start()
    return server
