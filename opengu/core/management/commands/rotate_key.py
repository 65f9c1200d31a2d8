from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from opengu.core.crypto import keyring, reset_keyring
from opengu.core.fields import blind_index, encrypted_fields
from opengu.core.models import User


class Command(BaseCommand):
    help = (
        "개인정보를 현재 키(OPENGU_ENCRYPTION_KEY의 첫 키)로 다시 암호화합니다. "
        "새 키를 목록 맨 앞에 넣고 이 명령을 실행한 뒤, 옛 키를 빼세요."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        reset_keyring()
        ring = keyring()
        total = 0
        for model in apps.get_models():
            fields = encrypted_fields(model)
            if not fields:
                continue
            names = [f.attname for f in fields]
            changed = 0
            with transaction.atomic():
                for obj in model._default_manager.select_for_update().only("pk", *names).iterator(chunk_size=500):
                    obj.save(update_fields=names)  # decrypts with any key, encrypts with the current one
                    changed += 1
            total += changed
            self.stdout.write(f"{model._meta.label}: {changed}건 다시 암호화")
        with transaction.atomic():
            for user in User.objects.filter(kind=User.Kind.RESIDENT).select_related("resident"):
                resident = getattr(user, "resident", None)
                index = blind_index(resident.email) if resident is not None and resident.email else ""
                if user.email_index != index:
                    user.email_index = index
                    user.save(update_fields=["email_index"])
        self.stdout.write(self.style.SUCCESS(f"완료: {total}건, 현재 키 {ring.current_id}"))
