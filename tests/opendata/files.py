"""Build the files Korean offices actually publish, byte for byte, for the ingest tests."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import IO


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def opener(path: Path) -> Callable[[], IO[bytes]]:
    return lambda: path.open("rb")


def from_bytes(data: bytes) -> Callable[[], IO[bytes]]:
    return lambda: io.BytesIO(data)
