from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from opengu.messaging.gateway import GatewayServer, GatewayState


class Command(BaseCommand):
    help = ("Solapi 규약을 따르는 개발용 문자 게이트웨이를 띄웁니다 (서명 검증, 중복 제거, 수신 목록 GET /received). "
            "Run the local SMS gateway.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8025)
        parser.add_argument("--store", default=str(settings.DATA_DIR / "smsgateway.jsonl"),
                            help="받은 메시지를 적는 JSON Lines 파일 (빈 값이면 메모리에만).")
        parser.add_argument("--fail-next", type=int, default=0, help="처음 N건의 발송 요청에 HTTP 500으로 답합니다.")
        parser.add_argument("--reject-type", action="append", default=[], help="이 종류(예: ATA)를 거부합니다.")
        parser.add_argument("--verbose", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        key, secret = settings.OPENGU_SMS_API_KEY, settings.OPENGU_SMS_API_SECRET
        if not key or not secret:
            self.stderr.write("OPENGU_SMS_API_KEY와 OPENGU_SMS_API_SECRET을 설정해 주세요 (클라이언트와 같은 값).")
            raise SystemExit(2)
        state = GatewayState(api_key=key, api_secret=secret, store=Path(options["store"]) if options["store"] else None,
                             fail_next=options["fail_next"], reject_types=set(options["reject_type"]))
        server = GatewayServer((options["host"], options["port"]), state, verbose=options["verbose"])
        self.stdout.write(f"문자 게이트웨이: {server.url} (받은 메시지 {len(state.received)}건 불러옴). Ctrl+C로 끝냅니다.")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
