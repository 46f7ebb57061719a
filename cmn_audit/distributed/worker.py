"""`cmn-audit worker --redis URL`: a machine's processes joining the runs that use this Redis.

Each process reads one document at a time (one core: Tesseract runs with one thread), so a
machine gives as many processes as it has cores. A process stopped by Ctrl+C or SIGTERM
finishes its document and hands back what it had not started; one killed outright loses
nothing either: Dramatiq gives its unacknowledged job to another worker once its heartbeats
stop (reading.HEARTBEAT_MS).
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable

from cmn_audit import messages
from cmn_audit.distributed.connection import redis_client
from cmn_audit.distributed.reading import reading_queue
from crawler.lifetime import die_with_parent

POLL_MS = 200  # how long an idle worker waits on Redis between two looks at the queue
STOP_SECONDS = 30.0


def default_processes() -> int:
    return os.cpu_count() or 1


def run_worker(url: str, processes: int, echo: Callable[[str], None] = print) -> None:
    """Serve the reading queue at `url` with `processes` processes until stopped."""
    redis_client(url)  # refused in Russian before anything starts
    name = f"{socket.gethostname()}:{os.getpid()}"
    echo(messages.WORKER_STARTED.format(name=name, url=url, processes=processes))
    stopping = _stop_on_signals()
    if processes == 1:
        _serve(url, stopping)
    else:
        children = [
            subprocess.Popen([sys.executable, "-m", "cmn_audit.distributed.worker", url])
            for _ in range(processes)
        ]
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.2)
        for child in children:
            child.terminate()
        for child in children:
            child.wait()
    echo(messages.WORKER_STOPPED.format(name=name))


def _serve(url: str, stopping: list[int]) -> None:
    """One Dramatiq worker thread; one job prefetched at most, so idle peers get the rest."""
    from dramatiq import Worker

    logging.basicConfig(level=logging.WARNING)
    worker = Worker(reading_queue(url).broker, worker_threads=1, worker_timeout=POLL_MS)
    worker.queue_prefetch = 1
    worker.start()
    try:
        while not stopping:
            time.sleep(0.2)
    finally:
        worker.stop(timeout=int(STOP_SECONDS * 1000))


def _stop_on_signals() -> list[int]:
    """A list that receives the signal which asked this process to stop."""
    received: list[int] = []

    def stop(signum, _frame) -> None:
        received.append(signum)

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, stop)
    return received


def main(argv: list[str]) -> int:
    """One worker process of a machine's `cmn-audit worker` (it ends with its parent)."""
    die_with_parent(signal.SIGTERM)
    _serve(argv[1], _stop_on_signals())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
