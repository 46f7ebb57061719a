"""The run's side of distributed reading: bytes into Redis, one job per file, Extractions back.

`RedisReader` stands where `extract_isolated` stands in a local run (FactsCache.read_all): it
takes the files not read before and returns their Extractions by SHA-256. A job retried after
a worker died may run twice; its result is the same and is kept once, by its key, and only
this process writes the store, in the run's one transaction.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from cmn_audit import messages
from cmn_audit.distributed.connection import redis_client
from cmn_audit.distributed.reading import (
    BYTES_KEY,
    BYTES_TTL_SECONDS,
    extraction_from_json,
    reading_queue,
)
from crawler.extract import Extraction, ExtractionJob, WorkerLimits
from crawler.extract.result import failure

WAIT_NOTE_SECONDS = 60.0  # how often a run waiting for workers says so
POLL_MS = 1000


class RedisReader:
    """Reads documents through the Redis queue at `url`; the workers do the parsing."""

    def __init__(self, url: str, echo: Callable[[str], None] = print) -> None:
        self.url = url
        self.echo = echo
        self.client = redis_client(url)  # a Redis that does not answer is refused before work

    def __call__(
        self, jobs: Iterable[ExtractionJob], limits: WorkerLimits | None = None
    ) -> dict[str, Extraction]:
        from dramatiq.results import ResultFailure, ResultTimeout

        limits = limits or WorkerLimits()
        jobs = list({job.key: job for job in jobs}.values())
        if not jobs:
            return {}
        reading = reading_queue(self.url)
        with self.client.pipeline(transaction=False) as pipe:
            for job in jobs:
                pipe.set(BYTES_KEY + job.key, job.path.read_bytes(), ex=BYTES_TTL_SECONDS)
            pipe.execute()
        self.echo(messages.REDIS_READING.format(url=self.url, jobs=len(jobs)))
        sent = {
            job.key: reading.actor.send(
                job.key, job.file_ext, job.content_type, limits.seconds, limits.memory_mb
            )
            for job in jobs
        }
        results: dict[str, Extraction] = {}
        noted = time.monotonic()
        for key, message in sent.items():
            while key not in results:
                try:
                    fields = reading.backend.get_result(message, block=True, timeout=POLL_MS)
                    results[key] = extraction_from_json(fields)
                except ResultTimeout:
                    if time.monotonic() - noted > WAIT_NOTE_SECONDS:
                        noted = time.monotonic()
                        self.echo(
                            messages.REDIS_WAITING.format(
                                done=len(results), jobs=len(jobs), url=self.url
                            )
                        )
                except ResultFailure as error:  # retried by Dramatiq and failed every time
                    results[key] = failure(messages.REDIS_JOB_FAILED.format(error=error))
        self.client.delete(*(BYTES_KEY + key for key in sent))
        return results
