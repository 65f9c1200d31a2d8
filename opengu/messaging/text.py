"""Plain rules for phone messages: size in EUC-KR bytes, SMS or LMS, quiet hours.

Korean carriers count message size in EUC-KR bytes (a Hangul syllable is 2 bytes, ASCII 1).
We count with the cp949 codec, which is EUC-KR plus the 8,822 syllables EUC-KR lacks (똠, 햏 …),
each in 2 bytes; Python's euc_kr codec spells those as 8-byte jamo sequences and would overcount
names residents really have. A character neither codec knows (an
emoji) is counted as 2 bytes, as the carriers' gateways replace it with a 2-byte mark.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

SMS_MAX_BYTES = 90
LMS_MAX_BYTES = 2000


def euc_kr_bytes(text: str) -> int:
    """Size of `text` as the carriers count it (cp949 bytes; unknown characters 2 bytes)."""
    try:
        return len(text.encode("cp949"))
    except UnicodeEncodeError:
        total = 0
        for char in text:
            try:
                total += len(char.encode("cp949"))
            except UnicodeEncodeError:
                total += 2
        return total


class MessageTooLong(ValueError):
    """The text is over the LMS limit; `size` is its byte count."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def phone_message_kind(text: str) -> str:
    """"SMS" up to 90 bytes, "LMS" up to 2,000 bytes; longer raises MessageTooLong."""
    size = euc_kr_bytes(text)
    if size <= SMS_MAX_BYTES:
        return "SMS"
    if size <= LMS_MAX_BYTES:
        return "LMS"
    raise MessageTooLong(size)


@dataclass(frozen=True)
class QuietHours:
    """A daily window [start, end) in whole local hours; it may cross midnight (21-08)."""

    start: int
    end: int

    @classmethod
    def parse(cls, spec: str) -> QuietHours | None:
        """"21-08" → QuietHours(21, 8); "" or "off" → None (no quiet hours)."""
        spec = (spec or "").strip().lower()
        if spec in {"", "off", "none"}:
            return None
        start_text, _, end_text = spec.partition("-")
        start, end = int(start_text), int(end_text)
        if not (0 <= start <= 23 and 0 <= end <= 23) or start == end:
            raise ValueError(f"quiet hours must be 'HH-HH' with different hours, got {spec!r}")
        return cls(start, end)

    def contains(self, local: dt.datetime) -> bool:
        hour = local.hour
        if self.start < self.end:
            return self.start <= hour < self.end
        return hour >= self.start or hour < self.end

    def end_after(self, local: dt.datetime) -> dt.datetime:
        """The first moment after `local` (an aware local time) at which the window ends."""
        candidate = local.replace(hour=self.end, minute=0, second=0, microsecond=0)
        if candidate <= local:
            candidate += dt.timedelta(days=1)
        return candidate

    def release_time(self, local: dt.datetime) -> dt.datetime | None:
        """When a non-urgent message written at `local` may go: None means now."""
        return self.end_after(local) if self.contains(local) else None
