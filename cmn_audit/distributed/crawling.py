"""A run's crawl on several machines: one job per site, crawled through scrapy-redis.

The spider keeps each site's state in the process that crawls it (the section's discovery,
the page and time budgets), so a site, not a request, is what a machine takes: a worker runs
the ordinary crawl child for one site, its frontier in Redis (scrapy-redis's scheduler and
dupefilter, under the attempt's key prefix), its items and the bodies they carry pushed to
Redis (crawler/redis_frontier.py). The run collects them into its staging file, its evidence
store and its WARC archive, exactly as a local crawl leaves them.

A job retried after its worker died crawls the site again under a new attempt prefix; the
run takes only the prefix the finished attempt returned, so no item is counted twice.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import redis

from crawler.evidence import ContentStore

OUTPUT_TTL_SECONDS = 24 * 3600  # a site's archive and log, until the run collects them
LOG_TAIL = 2000  # characters of a failed crawl's log that travel back with its error
SITE_JOB_KEYS = ("started_at", "crawl", "trusted_netlocs")


class SiteCrawlFailed(Exception):
    """The crawl child of a site ended with an error (Dramatiq retries the job)."""


def crawl_site(url: str, bytes_key: str, run_key: str, site_job: dict) -> dict:
    """The worker's job: crawl the job's one site with its frontier and output in Redis."""
    org_id = site_job["orgs"][0]["id"]
    prefix = f"{run_key}:{org_id}:{uuid.uuid4().hex[:12]}"
    with tempfile.TemporaryDirectory(prefix="cmn-audit-crawl-") as folder:
        here = Path(folder)
        job = {
            **site_job,
            "redis": {"url": url, "prefix": prefix, "bytes_key": bytes_key},
            "evidence_dir": str(here / "files"),
            "staging_path": str(here / "crawl.jsonl"),
            "warc_path": str(here / "crawl.warc.gz"),
            "log_path": str(here / "crawl.log"),
        }
        job_path = here / "job.json"
        job_path.write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
        code = subprocess.run([sys.executable, "-m", "crawler.run", str(job_path)]).returncode
        log = here / "crawl.log"
        log_text = log.read_text(encoding="utf-8", errors="replace") if log.is_file() else ""
        if code != 0:  # Dramatiq keeps the message with the failed job's result
            raise SiteCrawlFailed(f"{org_id}: crawl exit code {code}; {log_text[-LOG_TAIL:]}")
        client = redis.Redis.from_url(url)
        warc = here / "crawl.warc.gz"
        if warc.is_file():
            client.set(f"{prefix}:warc", warc.read_bytes(), ex=OUTPUT_TTL_SECONDS)
        client.set(f"{prefix}:log", log_text.encode("utf-8"), ex=OUTPUT_TTL_SECONDS)
    return {"prefix": prefix}


def collect_site(client: redis.Redis, prefix: str, job: dict, bytes_key: str) -> list[dict]:
    """One site's items appended to the staging file (and returned), its bodies put in the
    evidence store, its WARC appended to the run's (a WARC.gz is a sequence of gzip members)
    and its log to the run's crawl log."""
    store = ContentStore(Path(job["evidence_dir"]))
    records, bodies = [], set()
    with Path(job["staging_path"]).open("a", encoding="utf-8") as staging:
        for line in client.lrange(f"{prefix}:items", 0, -1):
            records.append(record := json.loads(line))
            staging.write(line.decode("utf-8") + "\n")
            if (sha := record.get("sha256")) and sha not in bodies:
                bodies.add(sha)
                if (data := client.get(bytes_key + sha)) is not None:
                    store.put(data)
    with Path(job["warc_path"]).open("ab") as warc:
        warc.write(client.get(f"{prefix}:warc") or b"")
    with Path(job["log_path"]).open("ab") as log:
        log.write(client.get(f"{prefix}:log") or b"")
    if bodies:
        client.delete(*(bytes_key + sha for sha in bodies))
    return records
