"""The run's jobs on Dramatiq's Redis broker, declared alike by the run and by its workers.

Why Dramatiq (measured, docs/scale.md): a job is acknowledged only after it ran, and a worker
that stops sending heartbeats (killed, its machine lost) has its unacknowledged jobs given to
a live worker within HEARTBEAT_MS — RQ needs over a minute, and Celery on Redis its visibility
timeout, which must outlast the longest job. Results come back through Dramatiq's result
backend, and only the run writes the store.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from cmn_audit.distributed.crawling import crawl_site
from cmn_audit.distributed.reading import read_document

NAMESPACE = "cmn-audit"
READ_QUEUE = "read-documents"
CRAWL_QUEUE = "crawl-sites"
BYTES_KEY = f"{NAMESPACE}:bytes:"  # + SHA-256: a file's bytes, for any machine to read
# A worker silent this long is dead: its jobs go to another. Its consumers poll Redis several
# times a second even while it reads or crawls, so a live worker is never silent this long.
HEARTBEAT_MS = int(os.environ.get("CMN_AUDIT_REDIS_HEARTBEAT_MS", "10000"))
MAINTENANCE_CHANCE = 100_000  # of a million broker commands: dead workers looked for often
RESULT_TTL_MS = 24 * 3600 * 1000
MAX_RETRIES = 3  # a job that raised (Redis lost its bytes, a crawl crashed): tried again
# A document's time is bounded by the isolated pool and a site's by its crawl budget;
# Dramatiq's own limit would only interrupt the waiting thread, so it is set past both.
JOB_TIME_LIMIT_MS = 24 * 3600 * 1000
POLL_SECONDS = 0.1  # between two looks at the results of the jobs not finished yet


@dataclass(frozen=True)
class Jobs:
    """The broker, its two jobs and the result backend for the Redis at one URL."""

    broker: object
    read: object  # actor: read_document(key, file_ext, content_type, seconds, memory_mb)
    crawl: object  # actor: crawl_site(run_key, site_job)
    backend: object


def job_queue(url: str) -> Jobs:
    """Dramatiq's Redis broker with results, and the run's jobs, for the Redis at `url`."""
    import dramatiq
    from dramatiq.brokers.redis import RedisBroker
    from dramatiq.results import Results
    from dramatiq.results.backends.redis import RedisBackend

    broker = RedisBroker(
        url=url,
        namespace=f"{NAMESPACE}-jobs",
        heartbeat_timeout=HEARTBEAT_MS,
        maintenance_chance=MAINTENANCE_CHANCE,
    )
    backend = RedisBackend(url=url, namespace=f"{NAMESPACE}-results")
    broker.add_middleware(Results(backend=backend))
    options = {
        "store_results": True,
        "result_ttl": RESULT_TTL_MS,
        "max_retries": MAX_RETRIES,
        "min_backoff": 500,
        "time_limit": JOB_TIME_LIMIT_MS,
    }

    def read(key: str, file_ext, content_type, seconds: float, memory_mb: int) -> dict:
        return read_document(url, BYTES_KEY, key, file_ext, content_type, seconds, memory_mb)

    def crawl(run_key: str, site_job: dict) -> dict:
        return crawl_site(url, BYTES_KEY, run_key, site_job)

    actors = {
        name: dramatiq.Actor(
            function,
            broker=broker,
            actor_name=name,
            queue_name=queue,
            priority=0,
            options=options,
        )
        for name, function, queue in (
            ("read_document", read, READ_QUEUE),
            ("crawl_site", crawl, CRAWL_QUEUE),
        )
    }
    return Jobs(broker, actors["read_document"], actors["crawl_site"], backend)


def wait_for_results(
    jobs: Jobs,
    sent: Mapping[str, object],
    on_result: Callable[[str, object], None],
    on_failure: Callable[[str, Exception], None],
    on_wait: Callable[[int], None],
    note_seconds: float = 60.0,
) -> None:
    """Each sent message's result in the order the jobs finish (a site crawled early is read
    early); `on_wait(done)` now and then while none comes."""
    from dramatiq.results import ResultFailure, ResultMissing

    pending = dict(sent)
    noted = time.monotonic()
    while pending:
        came = False
        for key, message in list(pending.items()):
            try:
                result = jobs.backend.get_result(message)
            except ResultMissing:
                continue
            except ResultFailure as error:  # retried by Dramatiq, and failed every time
                del pending[key]
                on_failure(key, error)
            else:
                del pending[key]
                on_result(key, result)
            came = True
        if not came:
            if time.monotonic() - noted > note_seconds:
                noted = time.monotonic()
                on_wait(len(sent) - len(pending))
            time.sleep(POLL_SECONDS)
