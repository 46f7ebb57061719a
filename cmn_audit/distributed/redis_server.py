"""A throw-away redis-server on a loopback port, for the tests and the benchmarks.

Nothing is saved to disk (`--save ''`, no append-only file): a queue of a test or a benchmark
lives as long as its server.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from cmn_audit import messages
from cmn_audit.messages import UserError
from crawler.lifetime import die_with_parent

HOST = "127.0.0.1"
START_SECONDS = 10.0


def redis_server_path() -> str | None:
    """Where Debian's redis-server is, or None when the package is not installed."""
    return shutil.which("redis-server")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def local_redis_server(folder: Path) -> Iterator[str]:
    """Start redis-server on a free loopback port; yield its URL; stop it on the way out."""
    executable = redis_server_path()
    if executable is None:
        raise UserError(messages.REDIS_SERVER_MISSING)
    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        [executable, "--bind", HOST, "--port", str(port), "--save", "", "--appendonly", "no"]
        + ["--dir", str(folder), "--logfile", str(folder / "redis.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=die_with_parent,  # a test or benchmark killed takes its server with it
    )
    try:
        _wait_listening(port, process)
        yield f"redis://{HOST}:{port}/0"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_listening(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        with socket.socket() as probe:
            if probe.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.02)
    process.kill()
    raise UserError(messages.REDIS_SERVER_DID_NOT_START.format(port=port))
