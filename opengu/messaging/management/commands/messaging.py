from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from opengu.messaging import services


class Command(BaseCommand):
    help = ("알림 발송: `deliver`는 보낼 때가 된 메시지를 보내고 수신 결과를 확인합니다 "
            "(작업 대기열이 끊겨도 재시도가 이어지도록 주기적으로 실행하세요). Deliver due messages.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["deliver"])
        parser.add_argument("--loop", action="store_true", help="끝내지 않고 --interval 초마다 반복합니다.")
        parser.add_argument("--interval", type=int, default=30)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["interval"] < 1:
            raise CommandError("--interval은 1초 이상이어야 합니다.")
        while True:
            run = services.messaging_deliver_due()
            reported = services.messaging_poll_reports()
            self.stdout.write(
                f"발송 {run.sent}, 재시도 예정 {run.retried}, 실패 {run.failed}, 문자 대체 {run.fallbacks}, "
                f"야간 보류 {run.deferred}, 수신 결과 반영 {reported}"
            )
            if not options["loop"]:
                return
            time.sleep(options["interval"])
