from __future__ import annotations

import json
import socket
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from opengu.messaging.gateway import GatewayServer, GatewayState, serve_in_thread

API_KEY = "NCSTESTKEY0000001"
API_SECRET = "test-secret-for-the-local-gateway"


@pytest.fixture(autouse=True)
def _no_quiet_hours(settings):  # type: ignore[no-untyped-def]
    """Tests choose their quiet hours; by default there are none, whatever the clock says."""
    settings.OPENGU_QUIET_HOURS = "off"
    settings.OPENGU_SMS_URL = ""
    settings.OPENGU_KAKAO_PF_ID = ""


class Gateway:
    def __init__(self, server: GatewayServer) -> None:
        self.server = server
        self.state = server.state

    def received(self) -> list[dict[str, Any]]:
        """What the gateway accepted, read over HTTP as any client would."""
        with urllib.request.urlopen(self.server.url + "/received", timeout=5) as response:
            return list(json.loads(response.read())["messages"])


@pytest.fixture
def sms_gateway(settings) -> Iterator[Gateway]:  # type: ignore[no-untyped-def]
    server = serve_in_thread(GatewayState(api_key=API_KEY, api_secret=API_SECRET))
    settings.OPENGU_SMS_URL = server.url
    settings.OPENGU_SMS_API_KEY = API_KEY
    settings.OPENGU_SMS_API_SECRET = API_SECRET
    settings.OPENGU_SMS_SENDER = "02-330-1300"
    try:
        yield Gateway(server)
    finally:
        server.shutdown()
        server.server_close()


class _Collect:
    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp_server(settings) -> Iterator[_Collect]:  # type: ignore[no-untyped-def]
    handler = _Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield handler
    finally:
        controller.stop()
