"""Documents read by workers on any machine: one Dramatiq job per distinct SHA-256.

Why Dramatiq (measured, docs/scale.md): a job is acknowledged only after it ran, and a
worker that stops sending heartbeats (killed, its machine lost) has its unacknowledged job
given to a live worker within HEARTBEAT_MS — RQ needs at least a minute and Celery on Redis
its visibility timeout, which must outlast the longest job.

A job carries no path: the coordinator puts the bytes in Redis under their SHA-256 and the
worker reads them from there, so a worker needs no access to the workspace. The worker reads
with the same isolated pool as a local run (`extract_isolated`: time and memory limits), so a
hostile file still costs only a status. The Extraction comes back through Dramatiq's result
backend; only the coordinator writes the store.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import redis

from crawler.extract import Extraction, ExtractionJob, WorkerLimits, extract_isolated

NAMESPACE = "cmn-audit"
QUEUE = "read-documents"
ACTOR = "read_document"
BYTES_KEY = f"{NAMESPACE}:bytes:"  # + SHA-256: the file's bytes, for any worker to read
BYTES_TTL_SECONDS = 24 * 3600
# A worker silent this long is dead: its job goes to another. Its consumers poll Redis several
# times a second even while it reads, so a live worker is never silent this long.
HEARTBEAT_MS = int(os.environ.get("CMN_AUDIT_REDIS_HEARTBEAT_MS", "10000"))
MAINTENANCE_CHANCE = 100_000  # of a million broker commands: dead workers looked for often
RESULT_TTL_MS = 24 * 3600 * 1000
MAX_RETRIES = 3  # a job that raised (Redis lost its bytes): tried again, then a status


class BytesMissing(Exception):
    """The file's bytes are no longer in Redis (expired, or the server was restarted)."""


@dataclass(frozen=True)
class Reading:
    """The broker, the job's actor and the result backend, declared alike on both sides."""

    broker: object
    actor: object
    backend: object


def reading_queue(url: str) -> Reading:
    """Dramatiq's Redis broker with results, and the reading job, for the Redis at `url`."""
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
    client = redis.Redis.from_url(url)

    def read_document(key: str, file_ext, content_type, seconds: float, memory_mb: int) -> dict:
        limits = WorkerLimits(seconds=seconds, memory_mb=memory_mb, workers=1)
        return extraction_to_json(read_from_redis(client, key, file_ext, content_type, limits))

    actor = dramatiq.Actor(
        read_document,
        broker=broker,
        actor_name=ACTOR,
        queue_name=QUEUE,
        priority=0,
        options={
            "store_results": True,
            "result_ttl": RESULT_TTL_MS,
            "max_retries": MAX_RETRIES,
            "min_backoff": 500,
            # The isolated pool bounds a document's time; Dramatiq's own limit would only
            # interrupt the waiting thread, so it is set past the pool's.
            "time_limit": 24 * 3600 * 1000,
        },
    )
    return Reading(broker, actor, backend)


def read_from_redis(
    client: redis.Redis, key: str, file_ext, content_type, limits: WorkerLimits
) -> Extraction:
    """The document's bytes from Redis, read in the isolated pool (time and memory limits)."""
    data = client.get(BYTES_KEY + key)
    if data is None:
        raise BytesMissing(key)
    with tempfile.TemporaryDirectory(prefix="cmn-audit-job-") as folder:
        path = Path(folder) / key
        path.write_bytes(data)
        job = ExtractionJob(key, path, file_ext, content_type)
        return extract_isolated([job], limits)[key]


def extraction_to_json(extraction: Extraction) -> dict:
    return dataclasses.asdict(extraction)


def extraction_from_json(fields: dict) -> Extraction:
    tables = tuple(tuple(tuple(row) for row in table) for table in fields.get("tables") or ())
    return Extraction(**{**fields, "tables": tables})
