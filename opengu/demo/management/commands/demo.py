from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from opengu.demo.loader import DEMO_TOTP_BASE32, load, logins


class Command(BaseCommand):
    help = "시연용 서대문구 자료를 한 번만 불러옵니다. --reset 은 데이터베이스를 비우고 다시 만듭니다. Load the demo district."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--reset", action="store_true", help="모든 자료를 지우고 시연 자료를 다시 만듭니다.")
        parser.add_argument("--logins", action="store_true", help="시연 계정만 출력합니다.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["logins"]:
            self.print_logins()
            return
        if options["reset"]:
            call_command("flush", interactive=False, verbosity=0)
        load(stdout=self.stdout.write)
        self.print_logins()

    def print_logins(self) -> None:
        self.stdout.write("\n시연 계정 (demo logins):")
        for username, password, role in logins():
            self.stdout.write(f"  {username:<10} / {password}   {role}")
        self.stdout.write(f"  OTP(감사관·관리자) 인증 앱 비밀 키: {DEMO_TOTP_BASE32}\n")
