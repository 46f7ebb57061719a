"""A worker's reading job: a document's bytes from Redis, read in the isolated pool.

A job carries no path: the run puts the bytes in Redis under their SHA-256, so a worker needs
no access to the workspace. The worker reads with the same pool as a local run
(`extract_isolated`: time and memory limits), so a hostile file still costs only a status.
"""

from __future__ import annotations

import dataclasses
import functools
import tempfile
from pathlib import Path

import redis

from crawler.extract import Extraction, ExtractionJob, WorkerLimits, extract_isolated


class BytesMissing(Exception):
    """The file's bytes are no longer in Redis (expired, or the server was restarted)."""


def read_document(
    url: str, bytes_key: str, key: str, file_ext, content_type, seconds: float, memory_mb: int
) -> dict:
    """The job: the Extraction of the bytes stored at `bytes_key` + `key`, as JSON."""
    data = _client(url).get(bytes_key + key)
    if data is None:
        raise BytesMissing(key)
    limits = WorkerLimits(seconds=seconds, memory_mb=memory_mb, workers=1)
    with tempfile.TemporaryDirectory(prefix="cmn-audit-job-") as folder:
        path = Path(folder) / key
        path.write_bytes(data)
        job = ExtractionJob(key, path, file_ext, content_type)
        return extraction_to_json(extract_isolated([job], limits)[key])


@functools.cache
def _client(url: str) -> redis.Redis:
    return redis.Redis.from_url(url)


def extraction_to_json(extraction: Extraction) -> dict:
    return dataclasses.asdict(extraction)


def extraction_from_json(fields: dict) -> Extraction:
    tables = tuple(tuple(tuple(row) for row in table) for table in fields.get("tables") or ())
    return Extraction(**{**fields, "tables": tables})
