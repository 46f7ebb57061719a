"""Each document parsed in a worker process with a time and memory limit (pebble's pool).

A hostile or broken file (a PDF that hangs the parser, a zip bomb posing as DOCX, a 500-page
scan) can at worst cost its own worker: the outcome becomes a recorded status and the run
goes on with a fresh worker. A worker stopped for its time takes its own children (Tesseract)
with it, and leaves no files behind: each worker is a process group whose temporary files
live in one folder the pool removes.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import tempfile
from collections.abc import Iterable
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path

from crawler.lifetime import die_with_parent

from . import messages
from .dispatch import extract_file
from .result import Extraction, failure

TEMPORARY_PREFIX = "cmn-audit-extract-"


@dataclass(frozen=True)
class ExtractionJob:
    """One file to read: its key (the SHA-256 of its bytes) and where the bytes are."""

    key: str
    path: Path
    file_ext: str | None = None
    content_type: str | None = None


@dataclass(frozen=True)
class WorkerLimits:
    """Bounds on one document's reading; the defaults fit a 2-core, modest machine."""

    seconds: float = 120.0
    memory_mb: int = 2048
    workers: int = max(1, min(4, os.cpu_count() or 1))


def extract_isolated(
    jobs: Iterable[ExtractionJob], limits: WorkerLimits | None = None
) -> dict[str, Extraction]:
    """Extractions by job key; a timeout, a memory blow-up or a crashed worker is a status."""
    from pebble import ProcessExpired, ProcessPool

    limits = limits or WorkerLimits()
    jobs = list({job.key: job for job in jobs}.values())
    if not jobs:
        return {}
    results: dict[str, Extraction] = {}
    # fork: workers start in milliseconds and need no importable __main__ (the parent's DuckDB
    # threads are never touched by a worker, which only reads files).
    context = multiprocessing.get_context("fork")
    with (
        tempfile.TemporaryDirectory(prefix=TEMPORARY_PREFIX) as temporary,
        ProcessPool(
            max_workers=min(limits.workers, len(jobs)),
            initializer=_start_worker,
            initargs=(limits.memory_mb, temporary),
            context=context,
        ) as pool,
    ):
        futures = {
            job.key: pool.schedule(
                _extract_job, args=(job, limits.memory_mb), timeout=limits.seconds
            )
            for job in jobs
        }
        for key, future in futures.items():
            try:
                results[key] = future.result()
            except FutureTimeout:
                results[key] = failure(messages.TIMEOUT.format(seconds=round(limits.seconds)))
            except ProcessExpired as error:
                results[key] = failure(_expired_reason(error, limits))
            except Exception as error:  # a result that could not travel back is still a status
                results[key] = failure(messages.WORKER_DIED.format(detail=type(error).__name__))
    return results


def _start_worker(memory_mb: int, temporary: str) -> None:
    """Cap the worker's address space; make it a process group that ends whole.

    The cap is the document's budget on top of what the forked worker already maps: a
    parent grown large (DuckDB, thread arenas) must not leave its workers unable to read a
    small file. pebble stops a worker past its time with SIGTERM: the worker then kills its
    group, so a Tesseract it started does not run on orphaned. Its temporary files
    (pytesseract's images) go to the pool's own folder, removed when the pool closes.
    """
    limit = _mapped_bytes() + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    os.setpgrp()
    signal.signal(signal.SIGTERM, _end_group)
    die_with_parent(signal.SIGTERM)
    tempfile.tempdir = temporary
    os.environ["TMPDIR"] = temporary


def _mapped_bytes() -> int:
    """The address space this process maps now (inherited from its parent at the fork)."""
    pages = int(Path("/proc/self/statm").read_text().split()[0])
    return pages * os.sysconf("SC_PAGE_SIZE")


def _end_group(signum, frame) -> None:
    os.killpg(os.getpgrp(), signal.SIGKILL)


def _extract_job(job: ExtractionJob, memory_mb: int) -> Extraction:
    try:
        return extract_file(job.path, file_ext=job.file_ext, content_type=job.content_type)
    except MemoryError:
        return failure(messages.OUT_OF_MEMORY.format(megabytes=memory_mb))


def _expired_reason(error, limits: WorkerLimits) -> str:
    """A worker killed by the kernel for memory reads as out of memory, else as a crash."""
    if getattr(error, "exitcode", None) in (-9, 137):
        return messages.OUT_OF_MEMORY.format(megabytes=limits.memory_mb)
    return messages.WORKER_DIED.format(detail=f"код {getattr(error, 'exitcode', '?')}")
