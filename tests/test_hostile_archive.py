"""The run's WARC archive against hostile bodies and old records: every decompression bounded
by the download's limit, every web record readable (docs/security.md)."""

from __future__ import annotations

import datetime as dt
import tracemalloc
import zlib
from pathlib import Path

from scrapy.http import Request, Response

from cmn_audit.evidence.warc import captured, read_archive, restore_from_archive
from crawler.archive import (
    CONTENT_LENGTH,
    CONTENT_SHA256,
    JOB_URI,
    OVER_LIMIT,
    STAGING_URI,
    append_resource,
    decoded_body,
    exchange_bytes,
)
from crawler.evidence import ContentStore

LIMIT = 1 << 20  # the download limit these tests set: 1 MB
BOMB_BYTES = 256 << 20


def gzip_bomb(size: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = bytes(1 << 20)
    return b"".join([*(packer.compress(chunk) for _ in range(size >> 20)), packer.flush()])


def exchange(url: str, body: bytes, **headers: str) -> bytes:
    request = Request(url, meta={"org_id": "s1", "purpose": "document"})
    response = Response(url, status=200, headers=headers, body=body, request=request)
    return exchange_bytes(request, response, dt.datetime.now(dt.UTC), LIMIT)


def peak_megabytes(function) -> float:
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1] / (1 << 20)
    finally:
        tracemalloc.stop()


def test_a_gzip_bomb_inflates_no_further_than_the_download_limit(tmp_path):
    bomb = gzip_bomb(BOMB_BYTES)  # 256 MB of zeros in ~250 KB
    assert decoded_body(bomb, "gzip", LIMIT) is None
    assert decoded_body(bomb, "gzip, identity", LIMIT) is not None  # undecodable: kept as sent
    warc = tmp_path / "crawl.warc.gz"
    encoded = {"Content-Encoding": "gzip"}
    written = peak_megabytes(lambda: warc.write_bytes(exchange("http://s.ru/b", bomb, **encoded)))
    assert written < 16
    [record] = [r for r in read_archive(warc) if r.headers["WARC-Type"] == "response"]
    assert CONTENT_SHA256 not in record.headers and CONTENT_LENGTH not in record.headers
    assert record.headers[OVER_LIMIT] == str(LIMIT)
    store = ContentStore(tmp_path / "store")
    assert peak_megabytes(lambda: captured(warc)) < 4  # the record says so: nothing inflated
    assert peak_megabytes(lambda: restore_from_archive(warc, store, LIMIT)) < 16
    assert not (tmp_path / "store").exists()  # nothing past the limit was restored


def test_records_of_other_schemes_do_not_end_the_reading_of_an_archive(tmp_path):
    """An archive of an older crawl holds `data:` and `file:` exchanges between web ones."""
    warc = tmp_path / "crawl.warc.gz"
    urls = [
        "http://s.ru/",
        "data:text/html,<h1>x</h1>",
        "http://s.ru/a.pdf",
        "file:///proc/self/environ",
        "http://s.ru/b.pdf",
    ]
    warc.write_bytes(b"".join(exchange(url, f"body of {url}".encode()) for url in urls))
    append_resource(warc, JOB_URI, "application/json", b'{"orgs": []}')
    append_resource(warc, STAGING_URI, "application/x-ndjson", b'{"type": "FetchItem"}\n')
    assert [capture.url for capture in captured(warc)] == [u for u in urls if u.startswith("http")]
    store = ContentStore(tmp_path / "store")
    assert restore_from_archive(warc, store, LIMIT) == '{"type": "FetchItem"}\n'
    assert store.read(captured(warc)[-1].sha256) == b"body of http://s.ru/b.pdf"


def test_archive_size_is_read_from_the_record_not_by_inflating(tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    body = b"<html>" + bytes(1000) + b"</html>"
    packed = zlib.compress(body)
    warc.write_bytes(exchange("http://s.ru/", packed, **{"Content-Encoding": "deflate"}))
    [capture] = captured(warc)
    assert capture.size == len(body)
    assert Path(warc).stat().st_size < len(body)
