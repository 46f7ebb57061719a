"""`cmn-audit worker --redis URL`: a machine's processes joining the runs that use this Redis.

Each process reads one document at a time (one core: Tesseract runs with one thread), so a
machine gives as many processes as it has cores; the first also crawls a few sites at once
(a crawl mostly waits on the network). A process stopped by Ctrl+C or SIGTERM finishes its
jobs and hands back what it had not started; one killed outright loses nothing either:
Dramatiq gives its unacknowledged jobs to another worker once its heartbeats stop
(jobs.HEARTBEAT_MS).
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
from cmn_audit.distributed.jobs import CRAWL_QUEUE, READ_QUEUE, job_queue
from crawler.lifetime import die_with_parent

POLL_MS = 200  # how long an idle worker waits on Redis between two looks at the queue
STOP_SECONDS = 30.0
CRAWL_SITES = 4  # sites one machine crawls at once, each in its own crawl process


def default_processes() -> int:
    return os.cpu_count() or 1


def run_worker(
    url: str, processes: int, echo: Callable[[str], None] = print, crawl_sites: int = CRAWL_SITES
) -> None:
    """Serve the queues at `url` with `processes` reading processes until stopped; the first
    also crawls `crawl_sites` sites at once."""
    redis_client(url)  # refused in Russian before anything starts
    name = f"{socket.gethostname()}:{os.getpid()}"
    echo(messages.WORKER_STARTED.format(name=name, url=url, processes=processes))
    stopping = _stop_on_signals()
    if processes == 1:
        _serve(url, stopping, crawl_sites)
    else:
        module = [sys.executable, "-m", "cmn_audit.distributed.worker", url]
        children = [
            subprocess.Popen([*module, str(crawl_sites if k == 0 else 0)]) for k in range(processes)
        ]
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.2)
        for child in children:
            child.terminate()
        for child in children:
            child.wait()
    echo(messages.WORKER_STOPPED.format(name=name))


def _serve(url: str, stopping: list[int], crawl_sites: int = 0) -> None:
    """A Dramatiq worker of one thread for documents and, if asked, one of `crawl_sites`
    threads for sites; each prefetches one job at most per thread, so idle peers get the rest.
    Each has a broker of its own: a broker's consumers belong to one worker."""
    from dramatiq import Worker

    logging.basicConfig(level=logging.WARNING)
    plan = [(READ_QUEUE, 1)] + ([(CRAWL_QUEUE, crawl_sites)] if crawl_sites else [])
    workers = []
    for queue, threads in plan:
        worker = Worker(
            job_queue(url).broker, queues={queue}, worker_threads=threads, worker_timeout=POLL_MS
        )
        worker.queue_prefetch = threads
        worker.start()
        workers.append(worker)
    try:
        while not stopping:
            time.sleep(0.2)
    finally:
        for worker in workers:
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
    _serve(argv[1], _stop_on_signals(), int(argv[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
