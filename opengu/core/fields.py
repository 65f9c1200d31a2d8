"""Model fields that keep personal data encrypted at rest (AES-GCM, see lib/crypto.py).

The database only ever holds tokens; Python code sees plain strings. Encrypted values cannot
be filtered on: keep a blind index (`blind_index()`) beside a field that must be looked up.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from opengu.core.crypto import keyring
from opengu.lib.crypto import is_token


class EncryptedTextField(models.TextField):
    description = "Text encrypted at rest with AES-GCM"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return keyring().decrypt(value)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) and is_token(value):
            return keyring().decrypt(value)
        return value

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return keyring().encrypt(str(value))

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name not in ("isnull", "exact") :
            raise TypeError(f"encrypted field {self.name} cannot be filtered with {lookup_name}")
        return super().get_lookup(lookup_name)


def encrypted_fields(model: type[models.Model]) -> list[EncryptedTextField]:
    return [f for f in model._meta.get_fields() if isinstance(f, EncryptedTextField)]


def blind_index(value: str) -> str:
    return keyring().blind_index(value.strip().lower())
