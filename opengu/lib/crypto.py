"""AES-256-GCM envelope for personal data at rest.

A token is ``g1:<key id>:<base64url(nonce || ciphertext+tag)>``. The key id is the first
8 hex digits of SHA-256 of the key, so any key in the ring can decrypt what it wrote and
rotation can find what is still under an old key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

PREFIX = "g1"


class DecryptionError(ValueError):
    pass


def new_key() -> str:
    return base64.urlsafe_b64encode(AESGCM.generate_key(bit_length=256)).decode()


def key_id(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:8]


@dataclass(frozen=True)
class KeyRing:
    """The first key encrypts; every key decrypts."""

    keys: tuple[bytes, ...]

    @classmethod
    def from_strings(cls, encoded: list[str]) -> KeyRing:
        keys = []
        for item in encoded:
            raw = base64.urlsafe_b64decode(item.strip() + "=" * (-len(item.strip()) % 4))
            if len(raw) != 32:
                raise ValueError("encryption keys must be 32 bytes, base64-encoded")
            keys.append(raw)
        if not keys:
            raise ValueError("at least one encryption key is needed")
        return cls(tuple(keys))

    @property
    def current_id(self) -> str:
        return key_id(self.keys[0])

    def _by_id(self) -> dict[str, bytes]:
        return {key_id(k): k for k in self.keys}

    def encrypt(self, plaintext: str, associated: bytes = b"") -> str:
        nonce = os.urandom(12)
        sealed = AESGCM(self.keys[0]).encrypt(nonce, plaintext.encode("utf-8"), associated or None)
        body = base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")
        return f"{PREFIX}:{self.current_id}:{body}"

    def decrypt(self, token: str, associated: bytes = b"") -> str:
        try:
            prefix, kid, body = token.split(":", 2)
        except ValueError as exc:
            raise DecryptionError("not an encrypted value") from exc
        if prefix != PREFIX:
            raise DecryptionError("unknown envelope")
        key = self._by_id().get(kid)
        if key is None:
            raise DecryptionError(f"no key {kid} in the key ring")
        data = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        try:
            plain = AESGCM(key).decrypt(data[:12], data[12:], associated or None)
        except Exception as exc:  # InvalidTag
            raise DecryptionError("the value was altered or the key is wrong") from exc
        return plain.decode("utf-8")

    def needs_rotation(self, token: str) -> bool:
        parts = token.split(":", 2)
        return len(parts) == 3 and parts[1] != self.current_id

    def blind_index(self, value: str) -> str:
        """A keyed digest for equality look-ups of encrypted values (e-mail at reset).

        Made with the current key: `opengu rotate-key` recomputes them with the rest.
        """
        return hmac.new(self.keys[0], value.encode("utf-8"), hashlib.sha256).hexdigest()


def is_token(value: str) -> bool:
    return value.startswith(PREFIX + ":") and value.count(":") >= 2
