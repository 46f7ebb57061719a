"""The crawler's child process: it holds the workspace lock with its parent, ends with it, and
its end is read as finished, interrupted (resumable, no letters) or failed."""

from __future__ import annotations

import contextlib
import signal
import subprocess
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import IO

from cmn_audit.pipeline.lock import note_crawler
from crawler.lifetime import INTERRUPTED_EXIT

# Signals that stop a run: passed on to the crawler, whose graceful stop leaves the run
# resumable. SIGINT arrives as KeyboardInterrupt and is passed on the same way.
FORWARDED = (signal.SIGTERM, signal.SIGHUP)
STOP_SECONDS = 60.0  # how long a stopping crawler may take before it is killed
TICK_SECONDS = 0.5  # how often a caller's `on_tick` runs while the crawler works


class CrawlInterrupted(KeyboardInterrupt):
    """The crawl stopped before it finished (a signal): nothing is saved, no letter is
    written, and the next run with the same registry resumes it."""


def run_crawler(
    argv: Sequence[str], *, lock: IO | None = None, on_tick: Callable[[], None] | None = None
) -> int:
    """Run the crawler to its end and return its exit code; raise CrawlInterrupted when it
    (or this process) was stopped. `lock`: the workspace lock, held by the child too, so the
    workspace stays locked while either process lives; it names the crawler's pid.
    `on_tick`: called every TICK_SECONDS while the crawler runs, from this thread."""
    keep = (lock.fileno(),) if lock is not None else ()
    process = subprocess.Popen(list(argv), pass_fds=keep)
    if lock is not None:
        note_crawler(lock, process.pid)
    received: list[int] = []
    with _forwarding(process, received):
        try:
            code = _wait(process, on_tick)
        except KeyboardInterrupt:
            received.append(signal.SIGINT)
            code = _stop(process)
    if received or code == INTERRUPTED_EXIT or code < 0:
        raise CrawlInterrupted
    return code


def _wait(process: subprocess.Popen, on_tick: Callable[[], None] | None) -> int:
    while on_tick is not None:
        try:
            return process.wait(timeout=TICK_SECONDS)
        except subprocess.TimeoutExpired:
            on_tick()
    return process.wait()


@contextlib.contextmanager
def _forwarding(process: subprocess.Popen, received: list[int]) -> Iterator[None]:
    """While the crawler runs, a SIGTERM or SIGHUP of this process is passed on to it."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers belong to the main thread; the child still dies with us
        return

    def forward(signum, _frame) -> None:
        received.append(signum)
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)

    previous = {signum: signal.signal(signum, forward) for signum in FORWARDED}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _stop(process: subprocess.Popen) -> int:
    """Ask the crawler to stop gracefully and wait for it; kill it if it takes too long or
    the user insists (a second Ctrl-C)."""
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=STOP_SECONDS)
    except (subprocess.TimeoutExpired, KeyboardInterrupt):
        process.kill()
        return process.wait()
