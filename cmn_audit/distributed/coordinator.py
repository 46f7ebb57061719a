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
from pathlib import Path

from cmn_audit import messages
from cmn_audit.distributed.connection import redis_client
from cmn_audit.distributed.crawling import SITE_JOB_KEYS, collect_site
from cmn_audit.distributed.jobs import BYTES_KEY, NAMESPACE, job_queue, wait_for_results
from cmn_audit.distributed.reading import extraction_from_json
from cmn_audit.messages import UserError
from crawler.evidence import ContentStore
from crawler.extract import Extraction, ExtractionJob, WorkerLimits, downloaded_files
from crawler.extract.result import failure
from crawler.file_hosts import stand_in_overrides

BYTES_TTL_SECONDS = 24 * 3600
UPLOAD_BATCH = 32


class RedisReader:
    """Reads documents through the Redis queue at `url`; the workers do the parsing.

    `read_early` sends a crawled site's documents while other sites are still crawled, so
    reading overlaps the crawl; `already_read(keys)` names those an earlier run read (the
    store's extraction cache), which are never sent.
    """

    def __init__(
        self,
        url: str,
        echo: Callable[[str], None] = print,
        already_read: Callable[[list[str]], set[str]] | None = None,
    ) -> None:
        self.url = url
        self.echo = echo
        self.client = redis_client(url)  # a Redis that does not answer is refused before work
        self.already_read = already_read or (lambda _keys: set())
        self.sent: dict[str, object] = {}
        self._queue = None

    @property
    def queue(self):
        if self._queue is None:
            self._queue = job_queue(self.url)
        return self._queue

    def read_early(self, records: list[dict], store: ContentStore) -> None:
        """Send the documents of a crawled site that no earlier run read."""
        files = {
            sha: job
            for sha, job in downloaded_files(records, store).items()
            if sha not in self.sent
        }
        fresh = set(files) - self.already_read(sorted(files))
        self._send([job for sha, job in files.items() if sha in fresh], WorkerLimits())

    def _send(self, jobs: list[ExtractionJob], limits: WorkerLimits) -> None:
        jobs = [job for job in jobs if job.key not in self.sent]
        for start in range(0, len(jobs), UPLOAD_BATCH):  # a batch of files in memory at once
            with self.client.pipeline(transaction=False) as pipe:
                for job in jobs[start : start + UPLOAD_BATCH]:
                    pipe.set(BYTES_KEY + job.key, job.path.read_bytes(), ex=BYTES_TTL_SECONDS)
                pipe.execute()
        for job in jobs:
            self.sent[job.key] = self.queue.read.send(
                job.key, job.file_ext, job.content_type, limits.seconds, limits.memory_mb
            )

    def __call__(
        self, jobs: Iterable[ExtractionJob], limits: WorkerLimits | None = None
    ) -> dict[str, Extraction]:
        jobs = list({job.key: job for job in jobs}.values())
        if not jobs:
            return {}
        self._send(jobs, limits or WorkerLimits())
        self.echo(messages.REDIS_READING.format(url=self.url, jobs=len(jobs)))
        results: dict[str, Extraction] = {}
        wait_for_results(
            self.queue,
            {job.key: self.sent[job.key] for job in jobs},
            on_result=lambda key, fields: results.__setitem__(key, extraction_from_json(fields)),
            on_failure=lambda key, error: results.__setitem__(
                key, failure(messages.REDIS_JOB_FAILED.format(error=error))
            ),
            on_wait=lambda done: self.echo(
                messages.REDIS_WAITING.format(done=done, jobs=len(jobs), url=self.url)
            ),
        )
        self.client.delete(*(BYTES_KEY + job.key for job in jobs))
        return results


def crawl_through_redis(
    url: str,
    job: dict,
    echo: Callable[[str], None] = print,
    on_site: Callable[[list[dict], ContentStore], None] | None = None,
) -> None:
    """Have the workers crawl the job's sites; leave the staging file, the evidence and the
    WARC archive where a local crawl child leaves them (job's paths). Each site is collected
    as soon as it is crawled, and its records handed to `on_site` (RedisReader.read_early)."""
    client = redis_client(url)
    queue = job_queue(url)
    store = ContentStore(Path(job["evidence_dir"]))
    run_key = f"{NAMESPACE}:crawl:{uuid.uuid4().hex[:12]}"
    common = {key: job[key] for key in SITE_JOB_KEYS}
    common["file_host_overrides"] = stand_in_overrides()  # the run's, not the worker's
    orgs = job["orgs"]
    echo(messages.REDIS_CRAWLING.format(url=url, sites=len(orgs)))
    sent = {org["id"]: queue.crawl.send(run_key, {**common, "orgs": [org]}) for org in orgs}
    failed: dict[str, str] = {}

    def collect(_org_id: str, result: dict) -> None:
        records = collect_site(client, result["prefix"], job, BYTES_KEY)
        if on_site is not None:
            on_site(records, store)

    try:
        wait_for_results(
            queue,
            sent,
            on_result=collect,
            on_failure=lambda org_id, error: failed.__setitem__(org_id, str(error)),
            on_wait=lambda done: echo(
                messages.REDIS_CRAWL_WAITING.format(done=done, sites=len(orgs), url=url)
            ),
        )
        if failed:
            schools, log = ", ".join(failed), "\n".join(failed.values())
            raise UserError(messages.REDIS_CRAWL_FAILED.format(schools=schools, log=log))
    finally:
        for key in client.scan_iter(f"{run_key}:*"):
            client.delete(key)
