"""A run's WARC archive read back: what was captured, how it was reached, its export and restore."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import shutil
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import duckdb
import lxml.etree
import lxml.html
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from cmn_audit import messages
from cmn_audit.messages import UserError
from crawler import settings as crawl_defaults
from crawler.archive import (
    CONTENT_LENGTH,
    CONTENT_SHA256,
    FROM_CACHE,
    JOB_URI,
    ORG_ID,
    OVER_LIMIT,
    STAGING_URI,
    decoded_body,
)
from crawler.evidence import ContentStore
from crawler.url_policy import is_web_url

WARC_NAME = "crawl.warc.gz"  # runs/<run_id>/crawl.warc.gz, as cmn_audit/pipeline/audit.py names it


@dataclass(frozen=True)
class Capture:
    """One archived response: what the site answered, when, and where the record lies."""

    url: str
    status: int | None
    content_type: str | None
    captured_at: dt.datetime  # UTC
    sha256: str | None  # of the decoded body: the content store's name, fetches.sha256
    size: int | None  # bytes of the decoded body, as fetches.size (None: past the size limit)
    record_id: str
    from_cache: str | None  # revalidated | fresh | None (downloaded in full)
    org_id: str | None  # None for robots.txt, which the crawler asks on its own


@dataclass(frozen=True)
class Evidence:
    """What backs a finding about one URL: its archived copy and the clicks that led to it."""

    url: str
    capture: Capture | None
    click_path: tuple[str, ...]


@dataclass(frozen=True)
class ArchiveRecord:
    """One whole WARC record as read back, with its byte span in the file."""

    headers: dict[str, str]
    http_headers: object | None
    payload: bytes
    offset: int
    length: int


def warc_path_of(runs_dir: Path, run_id: str) -> Path:
    """The run's archive; a Russian error when the run has none."""
    path = runs_dir / run_id / WARC_NAME
    if not path.is_file():
        raise UserError(messages.EVIDENCE_NO_ARCHIVE.format(run_id=run_id, path=path))
    return path


def _intact(headers: dict[str, str], payload: bytes) -> bool:
    declared = headers.get("WARC-Payload-Digest")
    if not declared:
        return True
    algorithm, _, value = declared.partition(":")
    digest = hashlib.new(algorithm.replace("-", "").lower(), payload).digest()
    return base64.b32encode(digest).decode("ascii") == value.upper()


def _readable(headers: dict[str, str]) -> bool:
    """A record the evidence is made of: the archive's own records and web exchanges.

    Older archives hold `data:` and `file:` exchanges, which warcio reads without their HTTP
    headers; they are passed over, never a reason to stop reading.
    """
    if headers.get("WARC-Type") not in ("request", "response"):
        return True
    return is_web_url(headers.get("WARC-Target-URI", ""))


def read_archive(warc_path: Path) -> Iterator[ArchiveRecord]:
    """Every whole web record in file order; a record that fails its digest is passed over,
    and a killed crawl's cut-off last record ends the reading."""
    with warc_path.open("rb") as handle:
        iterator = ArchiveIterator(handle)
        try:
            for record in iterator:
                payload = record.raw_stream.read()
                headers = dict(record.rec_headers.headers)
                if not _readable(headers) or not _intact(headers, payload):
                    continue
                offset, length = iterator.get_record_offset(), iterator.get_record_length()
                yield ArchiveRecord(headers, record.http_headers, payload, offset, length)
        except (ArchiveLoadFailed, EOFError, zlib.error, ValueError):
            return


def capture_of(record: ArchiveRecord, max_size: int = crawl_defaults.DOWNLOAD_MAXSIZE) -> Capture:
    """The Capture a `response` record describes; an archive written before the decoded size
    was recorded has its body decoded, never past `max_size` bytes."""
    http = record.http_headers
    headers = record.headers
    encoding = http.get_header("Content-Encoding") if http else None
    status = http.get_statuscode() if http else None
    if CONTENT_LENGTH in headers:
        size: int | None = int(headers[CONTENT_LENGTH])
    elif OVER_LIMIT in headers:
        size = None
    elif (content := decoded_body(record.payload, encoding, max_size)) is not None:
        size = len(content)
    else:
        size = None
    return Capture(
        url=headers["WARC-Target-URI"],
        status=int(status) if status and status.isdigit() else None,
        content_type=http.get_header("Content-Type") if http else None,
        captured_at=dt.datetime.fromisoformat(headers["WARC-Date"].replace("Z", "+00:00")),
        sha256=headers.get(CONTENT_SHA256),
        size=size,
        record_id=headers["WARC-Record-ID"],
        from_cache=headers.get(FROM_CACHE),
        org_id=headers.get(ORG_ID),
    )


def belongs(record: ArchiveRecord, org_id: str | None, netlocs: set[str], urls: set[str]) -> bool:
    """Whether a record is the organisation's (no filter: everything is)."""
    url = record.headers.get("WARC-Target-URI", "")
    if org_id is None and not netlocs and not urls:
        return True
    own = record.headers.get(ORG_ID)
    if org_id is not None and own == org_id:
        return True
    # robots.txt carries no organisation: it belongs to every site of its host.
    return url in urls or (own is None and urlsplit(url).netloc.lower() in netlocs)


def captured(
    warc_path: Path,
    *,
    org_id: str | None = None,
    netlocs: Iterable[str] = (),
    urls: Iterable[str] = (),
) -> list[Capture]:
    """Responses archived for an organisation (its records, its hosts' robots.txt), or all."""
    hosts, wanted = {n.lower() for n in netlocs}, set(urls)
    return [
        capture_of(record)
        for record in read_archive(warc_path)
        if record.headers.get("WARC-Type") == "response" and belongs(record, org_id, hosts, wanted)
    ]


def org_netlocs(con: duckdb.DuckDBPyConnection, run_id: str, org_id: str) -> set[str]:
    """Hosts the crawler visited for an organisation; a Russian error when it was not audited."""
    known = con.execute(
        "SELECT site_url FROM organisations WHERE run_id = ? AND org_id = ?", [run_id, org_id]
    ).fetchone()
    if known is None:
        raise UserError(messages.EVIDENCE_ORG_NOT_FOUND.format(org_id=org_id, run_id=run_id))
    urls = con.execute(
        "SELECT DISTINCT url FROM fetches WHERE run_id = ? AND org_id = ?", [run_id, org_id]
    ).fetchall()
    return {urlsplit(url).netloc.lower() for (url,) in [*urls, known]}


def archived_referers(warc_path: Path) -> dict[tuple[str, str], str]:
    """(org_id, url) → the Referer each request was sent with, redirect hops included."""
    referers: dict[tuple[str, str], str] = {}
    for record in read_archive(warc_path):
        org_id, http = record.headers.get(ORG_ID), record.http_headers
        if record.headers.get("WARC-Type") != "request" or org_id is None or http is None:
            continue
        if referer := http.get_header("Referer"):
            referers.setdefault((org_id, record.headers["WARC-Target-URI"]), referer)
    return referers


def click_graph(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    org_id: str,
    referers: Mapping[str, str] | None = None,
) -> tuple[set[str], dict[str, str]]:
    """An organisation's home pages and each page's parent (the page its link was on).

    `referers` (url → Referer, from the archive's request records) come first: they keep the
    page a redirected link was on. Then the run's fetches.referer and documents.found_on.
    """
    params = [run_id, org_id]
    homes = {
        row[0]
        for sql in (
            "SELECT url FROM fetches WHERE run_id = ? AND org_id = ? AND purpose = 'home'",
            "SELECT site_url FROM organisations WHERE run_id = ? AND org_id = ?",
        )
        for row in con.execute(sql, params).fetchall()
    }
    parents = dict(referers or {})
    for sql in (
        "SELECT url, referer FROM fetches WHERE run_id = ? AND org_id = ? "
        "AND referer IS NOT NULL ORDER BY fetched_at",
        "SELECT url, found_on FROM documents WHERE run_id = ? AND org_id = ? "
        "AND found_on IS NOT NULL AND found_on <> ''",
    ):
        for child, parent in con.execute(sql, params).fetchall():
            parents.setdefault(child, parent)
    return homes, parents


def walk_up(homes: set[str], parents: Mapping[str, str], url: str) -> list[str]:
    """The pages clicked from a home page to `url`, home first."""
    path, seen = [url], {url}
    while path[-1] not in homes and (parent := parents.get(path[-1])) and parent not in seen:
        path.append(parent)
        seen.add(parent)
    return path[::-1]


def click_path(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    org_id: str,
    url: str,
    referers: Mapping[str, str] | None = None,
) -> list[str]:
    """The pages clicked from the home page to `url`, home first (click_graph, walk_up)."""
    return walk_up(*click_graph(con, run_id, org_id, referers), url)


class RunEvidence:
    """A run's archive read once, so reports can look up many findings cheaply."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        warc_path: Path,
        run_id: str,
        store: ContentStore | None = None,
    ) -> None:
        self.con, self.run_id, self.store = con, run_id, store
        self.by_url: dict[tuple[str | None, str], list[Capture]] = {}
        for capture in captured(warc_path):
            self.by_url.setdefault((capture.org_id, capture.url), []).append(capture)
        self.referers: dict[str, dict[str, str]] = {}
        self.graphs: dict[str, tuple[set[str], dict[str, str]]] = {}
        for (org_id, url), referer in archived_referers(warc_path).items():
            self.referers.setdefault(org_id, {})[url] = referer

    def capture(self, org_id: str, url: str, sha256: str | None = None) -> Capture | None:
        """The latest copy of `url` fetched for `org_id`, the one with `sha256` when given."""
        candidates = self.by_url.get((org_id, url), [])
        if sha256 is not None:
            candidates = [c for c in candidates if c.sha256 == sha256] or candidates
        return candidates[-1] if candidates else None

    def click_path(self, org_id: str, url: str) -> list[str]:
        """click_path() helped by the Referer headers the archive kept; each organisation's
        pages are read from the store once, however many findings it has (a region's run)."""
        if org_id not in self.graphs:
            self.graphs[org_id] = click_graph(
                self.con, self.run_id, org_id, self.referers.get(org_id)
            )
        return walk_up(*self.graphs[org_id], url)

    def evidence(self, org_id: str, url: str, sha256: str | None = None) -> Evidence:
        """The copy and click path backing a finding about `url`."""
        path = tuple(self.click_path(org_id, url))
        return Evidence(url, self.capture(org_id, url, sha256), path)

    def link_texts(self, org_id: str, page_url: str) -> dict[str, str]:
        """URL → the text of the links on a page the crawler read (a menu's items)."""
        capture = self.capture(org_id, page_url)
        if self.store is None or capture is None or not capture.sha256:
            return {}
        try:
            body = self.store.read(capture.sha256)
            tree = lxml.html.fromstring(body)
        except (OSError, ValueError, lxml.etree.ParserError):
            return {}
        texts: dict[str, str] = {}
        for anchor in tree.iter("a"):
            href, text = anchor.get("href"), " ".join(anchor.text_content().split())
            if href and text:
                texts.setdefault(urljoin(page_url, href.strip()), text)
        return texts


def evidence_for(
    con: duckdb.DuckDBPyConnection, runs_dir: Path, run_id: str, org_id: str, url: str
) -> Evidence:
    """The archived copy and click path backing a finding about `url` (one-off lookup)."""
    sha = con.execute(
        "SELECT sha256 FROM documents WHERE run_id = ? AND org_id = ? AND url = ? "
        "AND sha256 IS NOT NULL LIMIT 1",
        [run_id, org_id, url],
    ).fetchone()
    run = RunEvidence(con, warc_path_of(runs_dir, run_id), run_id)
    return run.evidence(org_id, url, sha[0] if sha else None)


def archived_resource(warc_path: Path, uri: str) -> bytes | None:
    """The last `resource` record stored under `uri` (the staging file, the crawl job)."""
    found = None
    for record in read_archive(warc_path):
        if (
            record.headers.get("WARC-Type") == "resource"
            and record.headers.get("WARC-Target-URI") == uri
        ):
            found = record.payload
    return found


def restore_from_archive(
    warc_path: Path, content_store: ContentStore, max_size: int = crawl_defaults.DOWNLOAD_MAXSIZE
) -> str | None:
    """Put every archived body back into the content store; the crawl's staging JSONL text.

    A body that would inflate past `max_size` (the crawl's own limit) was never stored by the
    crawl either and is not restored. None when the archive holds no staging file (the crawl
    was killed before it ended).
    """
    staging = None
    for record in read_archive(warc_path):
        kind = record.headers.get("WARC-Type")
        if kind == "response":
            http = record.http_headers
            encoding = http.get_header("Content-Encoding") if http else None
            if (content := decoded_body(record.payload, encoding, max_size)) is not None:
                content_store.put(content)
        elif kind == "resource" and record.headers.get("WARC-Target-URI") == STAGING_URI:
            staging = record.payload.decode("utf-8")
    return staging


def archived_job(warc_path: Path) -> dict | None:
    """The crawl job stored at the end of the crawl: its organisations and settings."""
    data = archived_resource(warc_path, JOB_URI)
    return json.loads(data.decode("utf-8")) if data else None


def link_archive(source: Path, target: Path) -> None:
    """A new run (a replay, a rescore) keeps the archive its findings point to: a hard link
    costs no space, a copy where a link cannot be made; nothing when there is no archive."""
    if not source.is_file():
        return
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
