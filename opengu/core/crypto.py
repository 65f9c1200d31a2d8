"""The process's key ring, from OPENGU_ENCRYPTION_KEY or the generated key file."""

from __future__ import annotations

import os
from functools import lru_cache

from django.conf import settings

from opengu.lib.crypto import KeyRing, new_key


def _key_strings() -> list[str]:
    configured = settings.OPENGU_ENCRYPTION_KEY
    if configured:
        return [part for part in configured.split(",") if part.strip()]
    path = settings.OPENGU_ENCRYPTION_KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process wrote it first
        else:
            with os.fdopen(fd, "w") as fh:
                fh.write(new_key() + "\n")
    return [line for line in path.read_text().splitlines() if line.strip()]


@lru_cache(maxsize=1)
def keyring() -> KeyRing:
    return KeyRing.from_strings(_key_strings())


def reset_keyring() -> None:
    keyring.cache_clear()
