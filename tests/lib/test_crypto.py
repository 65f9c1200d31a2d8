"""The AES-GCM key ring: first key encrypts, every key decrypts, tampering is detected."""

from __future__ import annotations

import pytest

from opengu.lib.crypto import DecryptionError, KeyRing, is_token, new_key


def ring(*keys: str) -> KeyRing:
    return KeyRing.from_strings(list(keys))


def test_a_value_round_trips_and_the_token_hides_it():
    keys = ring(new_key())
    token = keys.encrypt("홍길동 010-1234-5678")
    assert is_token(token)
    assert "홍길동" not in token and "5678" not in token
    assert keys.decrypt(token) == "홍길동 010-1234-5678"


def test_the_same_value_encrypts_differently_each_time():
    keys = ring(new_key())
    assert keys.encrypt("홍길동") != keys.encrypt("홍길동")


def test_an_old_key_still_decrypts_and_marks_the_token_for_rotation():
    old, new = new_key(), new_key()
    token = ring(old).encrypt("김영희")
    rotated = ring(new, old)
    assert rotated.decrypt(token) == "김영희"
    assert rotated.needs_rotation(token)
    assert not rotated.needs_rotation(rotated.encrypt("김영희"))


def test_without_the_key_nothing_decrypts():
    token = ring(new_key()).encrypt("김영희")
    with pytest.raises(DecryptionError):
        ring(new_key()).decrypt(token)


def test_an_altered_token_is_refused():
    keys = ring(new_key())
    token = keys.encrypt("김영희")
    body = token.rsplit(":", 1)[1]
    altered = token[: -len(body)] + ("A" if body[0] != "A" else "B") + body[1:]
    with pytest.raises(DecryptionError):
        keys.decrypt(altered)
    with pytest.raises(DecryptionError):
        keys.decrypt("not a token")


def test_blind_index_is_stable_per_key_and_differs_between_keys():
    key = new_key()
    assert ring(key).blind_index("a@example.com") == ring(key).blind_index("a@example.com")
    assert ring(key).blind_index("a@example.com") != ring(new_key()).blind_index("a@example.com")


@pytest.mark.parametrize("bad", [[], ["c2hvcnQ="]])
def test_bad_key_lists_are_refused(bad):
    with pytest.raises(ValueError):
        KeyRing.from_strings(bad)
