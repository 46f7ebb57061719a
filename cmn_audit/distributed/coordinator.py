"""The run's side on several machines: sites and documents out as jobs, their output back.

`crawl_through_redis` stands where the local crawl child stands (pipeline/audit.py): one job
per site, whose items, bodies and archive come back to this run's files. `RedisReader` stands
where `extract_isolated` stands (FactsCache.read_all): it takes the files not read before and
returns their Extractions by SHA-256. A job retried after a worker died may run twice; its
result is the same and is kept once, by its key, and only this process writes the store, in
the run's one transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable

from cmn_audit import messages
from cmn_audit.distributed.connection import redis_client
from cmn_audit.distributed.crawling import SITE_JOB_KEYS, collect_sites
from cmn_audit.distributed.jobs import BYTES_KEY, NAMESPACE, job_queue, wait_for_results
from cmn_audit.distributed.reading import extraction_from_json
from cmn_audit.messages import UserError
from crawler.extract import Extraction, ExtractionJob, WorkerLimits
from crawler.extract.result import failure
from crawler.file_hosts import stand_in_overrides

BYTES_TTL_SECONDS = 24 * 3600


class RedisReader:
    """Reads documents through the Redis queue at `url`; the workers do the parsing."""

    def __init__(self, url: str, echo: Callable[[str], None] = print) -> None:
        self.url = url
        self.echo = echo
        self.client = redis_client(url)  # a Redis that does not answer is refused before work

    def __call__(
        self, jobs: Iterable[ExtractionJob], limits: WorkerLimits | None = None
    ) -> dict[str, Extraction]:
        limits = limits or WorkerLimits()
        jobs = list({job.key: job for job in jobs}.values())
        if not jobs:
            return {}
        queue = job_queue(self.url)
        with self.client.pipeline(transaction=False) as pipe:
            for job in jobs:
                pipe.set(BYTES_KEY + job.key, job.path.read_bytes(), ex=BYTES_TTL_SECONDS)
            pipe.execute()
        self.echo(messages.REDIS_READING.format(url=self.url, jobs=len(jobs)))
        sent = {
            job.key: queue.read.send(
                job.key, job.file_ext, job.content_type, limits.seconds, limits.memory_mb
            )
            for job in jobs
        }
        results: dict[str, Extraction] = {}
        wait_for_results(
            queue,
            sent,
            on_result=lambda key, fields: results.__setitem__(key, extraction_from_json(fields)),
            on_failure=lambda key, error: results.__setitem__(
                key, failure(messages.REDIS_JOB_FAILED.format(error=error))
            ),
            on_wait=lambda done: self.echo(
                messages.REDIS_WAITING.format(done=done, jobs=len(jobs), url=self.url)
            ),
        )
        self.client.delete(*(BYTES_KEY + key for key in sent))
        return results


def crawl_through_redis(url: str, job: dict, echo: Callable[[str], None] = print) -> None:
    """Have the workers crawl the job's sites; leave the staging file, the evidence and the
    WARC archive where a local crawl child leaves them (job's paths)."""
    client = redis_client(url)
    queue = job_queue(url)
    run_key = f"{NAMESPACE}:crawl:{uuid.uuid4().hex[:12]}"
    common = {key: job[key] for key in SITE_JOB_KEYS}
    common["file_host_overrides"] = stand_in_overrides()  # the run's, not the worker's
    orgs = job["orgs"]
    echo(messages.REDIS_CRAWLING.format(url=url, sites=len(orgs)))
    sent = {org["id"]: queue.crawl.send(run_key, {**common, "orgs": [org]}) for org in orgs}
    prefixes: dict[str, str] = {}
    failed: list[str] = []
    wait_for_results(
        queue,
        sent,
        on_result=lambda org_id, result: prefixes.__setitem__(org_id, result["prefix"]),
        on_failure=lambda org_id, _error: failed.append(org_id),
        on_wait=lambda done: echo(
            messages.REDIS_CRAWL_WAITING.format(done=done, sites=len(orgs), url=url)
        ),
    )
    try:
        if failed:
            raise UserError(messages.REDIS_CRAWL_FAILED.format(schools=", ".join(failed)))
        collect_sites(client, [prefixes[org["id"]] for org in orgs], job, BYTES_KEY)
    finally:
        for key in client.scan_iter(f"{run_key}:*"):
            client.delete(key)
