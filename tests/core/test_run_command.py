"""`opengu run` (what `make run` serves with) brings the background worker with it, so an upload
loads and mail goes out without a second command, and the worker ends when the server ends."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

OPENGU = str(Path(sys.executable).parent / "opengu")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _children(pid: int) -> dict[int, str]:
    """The processes whose parent is `pid`, with their command lines."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if parent == pid:
                found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, ValueError, IndexError):
            continue
    return found


def _health(port: int) -> dict[str, str]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as answer:
        return json.loads(answer.read())  # type: ignore[no-any-return]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_the_server_brings_its_worker_and_takes_it_down(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env["OPENGU_DATA_DIR"] = str(tmp_path)
    subprocess.run([OPENGU, "migrate", "-v", "0"], env=env, check=True)
    port = _free_port()
    server = subprocess.Popen([OPENGU, "run", "--port", str(port), "--workers", "1"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        worker_seen = ""
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and worker_seen != "ok":
            time.sleep(1)
            assert server.poll() is None, server.stdout.read() if server.stdout else ""
            try:
                worker_seen = _health(port).get("worker", "")
            except OSError:
                continue
        assert worker_seen == "ok"
        workers = [pid for pid, command in _children(server.pid).items() if "opengu worker" in command]
        assert len(workers) == 1
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and _alive(workers[0]):
            time.sleep(0.5)
        assert not _alive(workers[0])
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
