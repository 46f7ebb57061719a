"""Every response of a crawl archived as WARC request/response records (warcio, gzip)."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import NotConfigured
from scrapy.utils._compression import _DecompressionMaxSizeExceeded
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

from crawler.http_cache import cache_state
from crawler.url_policy import is_web_url

logger = logging.getLogger(__name__)

WARC_VERSION = "1.1"  # WARC-Date with microseconds
# The project's own WARC headers: how a record links to the DuckDB rows of its run.
CONTENT_SHA256 = "WARC-Cmn-Content-SHA256"  # hex SHA-256 of the decoded body = fetches.sha256
CONTENT_LENGTH = "WARC-Cmn-Content-Length"  # bytes of the decoded body = fetches.size
# Instead of both: the body would inflate past the download's size limit (a gzip bomb).
OVER_LIMIT = "WARC-Cmn-Over-Limit"  # the limit in bytes
FROM_CACHE = "WARC-Cmn-From-Cache"  # revalidated | fresh, as fetches.cache_state
ORG_ID = "WARC-Cmn-Org-Id"
RENDERED = "WARC-Cmn-Rendered"  # chromium: the page as the browser built it
PURPOSE = "WARC-Cmn-Purpose"  # home | menu | sitemap | section | document | news
# Scrapy hands over the body already de-chunked; keeping the header would make readers
# de-chunk it again.
DROPPED_RESPONSE_HEADERS = frozenset({"transfer-encoding"})
DEFAULT_PROTOCOL = "HTTP/1.1"


class Sha256WARCWriter(WARCWriter):
    """warcio's writer with SHA-256 block and payload digests (warcio's default is SHA-1)."""

    @staticmethod
    def _create_digester() -> Digester:
        return Digester("sha256")


def decoded_body(body: bytes, content_encoding: str | None, max_size: int) -> bytes | None:
    """The body as Scrapy's HttpCompressionMiddleware hands it on (what the content store keeps).

    Decoded by the same decoders, chunk by chunk, never past `max_size` bytes (the download's
    own limit): None when the body would inflate beyond it, as a gzip bomb does. A body that
    lies about its encoding is kept as it came.
    """
    encodings = [part.strip().encode("latin-1") for part in (content_encoding or "").split(",")]
    to_decode, _ = HttpCompressionMiddleware._split_encodings([e for e in encodings if e])
    for encoding in to_decode:
        try:
            body = HttpCompressionMiddleware._decode(body, encoding, max_size)
        except _DecompressionMaxSizeExceeded:
            return None
        except Exception:  # noqa: BLE001 - zlib, brotli and zstd each raise their own errors
            return body
    return body


def _header_pairs(headers, dropped: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items()
        for value in values
        if name.decode("latin-1").lower() not in dropped
    ]


def _protocol(response) -> str:
    protocol = getattr(response, "protocol", None)
    return protocol if protocol in ("HTTP/1.0", "HTTP/1.1") else DEFAULT_PROTOCOL


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _serialise(writer_records) -> bytes:
    """Records written into memory first, so the file only ever gets whole gzip members."""
    buffer = BytesIO()
    writer = Sha256WARCWriter(buffer, gzip=True, warc_version=WARC_VERSION)
    writer_records(writer)
    return buffer.getvalue()


def exchange_bytes(request, response, captured_at: dt.datetime, max_size: int) -> bytes:
    """A response record and its request record, gzipped, ready to append.

    `max_size`: the download's size limit, which also bounds decoding the body.
    """

    def write(writer: Sha256WARCWriter) -> None:
        utc = captured_at.astimezone(dt.UTC).replace(tzinfo=None)
        headers = {"WARC-Date": datetime_to_iso_date(utc, use_micros=True)}
        body = response.body
        encoding = response.headers.get("Content-Encoding")
        content = decoded_body(body, encoding.decode("latin-1") if encoding else None, max_size)
        if content is None:
            headers[OVER_LIMIT] = str(max_size)
        else:
            headers[CONTENT_SHA256] = hashlib.sha256(content).hexdigest()
            headers[CONTENT_LENGTH] = str(len(content))
        # A cached response reaches this middleware before Scrapy ties it to its request.
        if "cached" in response.flags and (state := cache_state(response.replace(request=request))):
            headers[FROM_CACHE] = state
        if request.meta.get("playwright"):
            headers[RENDERED] = "chromium"  # the DOM after scripts ran, not the server's bytes
        tags = {
            header: str(request.meta[key])
            for header, key in ((ORG_ID, "org_id"), (PURPOSE, "purpose"))
            if request.meta.get(key)
        }
        headers.update(tags)
        if getattr(response, "ip_address", None) is not None:
            headers["WARC-IP-Address"] = str(response.ip_address)
        http_response = StatusAndHeaders(
            f"{response.status} {_reason(response.status)}".strip(),
            _header_pairs(response.headers, DROPPED_RESPONSE_HEADERS),
            protocol=_protocol(response),
        )
        response_record = writer.create_warc_record(
            response.url,
            "response",
            payload=BytesIO(body),
            length=len(body),
            warc_headers_dict=headers,
            http_headers=http_response,
        )
        parts = urlsplit(request.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request_headers = [("Host", parts.netloc), *_header_pairs(request.headers)]
        http_request = StatusAndHeaders(
            f"{request.method} {target} {_protocol(response)}",
            request_headers,
            is_http_request=True,
        )
        request_record = writer.create_warc_record(
            request.url,
            "request",
            payload=BytesIO(request.body),
            length=len(request.body),
            warc_headers_dict=tags,
            http_headers=http_request,
        )
        writer.write_request_response_pair(request_record, response_record)

    return _serialise(write)


def warcinfo_bytes(filename: str) -> bytes:
    """The archive's opening record: what wrote it."""

    def write(writer: Sha256WARCWriter) -> None:
        info = {
            "software": "cmn-audit (Scrapy, warcio)",
            "format": "WARC File Format 1.1",
            "description": "Обход сайтов для проверки раздела «Наставничество»",
        }
        writer.write_record(writer.create_warcinfo_record(filename, info))

    return _serialise(write)


def _append(warc_path: Path, data: bytes) -> None:
    warc_path.parent.mkdir(parents=True, exist_ok=True)
    with warc_path.open("ab") as handle:
        if handle.tell() == 0:
            handle.write(warcinfo_bytes(warc_path.name))
        handle.write(data)
        handle.flush()


def append_resource(warc_path: Path, uri: str, content_type: str, data: bytes) -> str:
    """Add a `resource` record (e.g. the run's staging file) and return its WARC-Record-ID."""
    record_ids: list[str] = []

    def write(writer: Sha256WARCWriter) -> None:
        record = writer.create_warc_record(
            uri,
            "resource",
            payload=BytesIO(data),
            length=len(data),
            warc_content_type=content_type,
            warc_headers_dict={CONTENT_SHA256: hashlib.sha256(data).hexdigest()},
        )
        record_ids.append(record.rec_headers.get_header("WARC-Record-ID"))
        writer.write_record(record)

    _append(Path(warc_path), _serialise(write))
    return record_ids[0]


class WarcArchiveMiddleware:
    """Appends every response the downloader passes on, with its request, to the run's WARC.

    Priority 800 (crawler/settings.py): between RedirectMiddleware (600) and the HTTP cache
    (900). Responses travel from high priorities to low, so this sees a 3xx before the
    redirect middleware turns it into a new request, a 4xx/5xx as the site sent it, and a
    304 only after the cache has replaced it with the full cached response (flagged
    'cached'). It also sees the body still content-encoded, as sent (HttpCompression is 590).
    """

    def __init__(self, path: Path, max_size: int) -> None:
        self.path = path
        self.max_size = max_size
        self.handle = None

    @classmethod
    def from_crawler(cls, crawler):
        path = crawler.settings.get("CRAWL_WARC_PATH")
        if not path:
            raise NotConfigured
        middleware = cls(Path(path), crawler.settings.getint("DOWNLOAD_MAXSIZE"))
        crawler.signals.connect(middleware.close, signal=signals.spider_closed)
        return middleware

    def process_response(self, request, response):
        if not is_web_url(response.url):
            return response  # only web exchanges are archived (crawler/url_policy.py)
        max_size = request.meta.get("download_maxsize", self.max_size)
        try:
            self._write(exchange_bytes(request, response, dt.datetime.now(dt.UTC), max_size))
        except Exception:
            # Losing a copy is logged, but it never turns a finding into a crawl error.
            logger.exception("WARC archive: could not archive %s", response.url)
        return response

    def _write(self, data: bytes) -> None:
        if self.handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = self.path.open("ab")
            if self.handle.tell() == 0:
                self.handle.write(warcinfo_bytes(self.path.name))
        self.handle.write(data)
        self.handle.flush()

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


STAGING_URI = "urn:cmn-audit:crawl.jsonl"  # the crawl's items, as crawler/pipelines.py wrote them
JOB_URI = "urn:cmn-audit:crawl-job.json"  # the organisations and settings the crawl was given


def archive_run_files(warc_path: Path, staging_path: Path, job_path: Path) -> None:
    """Close a run's archive with what replaying it needs besides the bodies: items and job."""
    for uri, content_type, path in (
        (JOB_URI, "application/json", job_path),
        (STAGING_URI, "application/x-ndjson", staging_path),
    ):
        data = path.read_bytes() if path.exists() else b""
        append_resource(warc_path, uri, content_type, data)
