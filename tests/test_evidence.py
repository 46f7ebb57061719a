"""Evidence: every response in the run's WARC, linked to the store, listed, exported, replayed."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import gzip
import hashlib
import shutil
from collections import Counter
from pathlib import Path

import duckdb
import pytest
from scrapy import Request
from scrapy.http import Response
from scrapy.settings.default_settings import DOWNLOADER_MIDDLEWARES_BASE
from support import cli
from warcio.archiveiterator import ArchiveIterator

from cmn_audit.config import load_workspace
from cmn_audit.evidence.warc import (
    RunEvidence,
    archived_resource,
    captured,
    click_path,
    evidence_for,
    read_archive,
    restore_from_archive,
)
from cmn_audit.pipeline.replay import reaudit_from_archive
from crawler import settings as crawler_settings
from crawler.archive import (
    CONTENT_SHA256,
    FROM_CACHE,
    ORG_ID,
    STAGING_URI,
    append_resource,
    exchange_bytes,
)
from crawler.evidence import ContentStore


@pytest.fixture(scope="module")
def audited(demo_audit):
    """The demo audited twice: the second crawl is served from the HTTP cache."""
    sites = demo_audit["sites"].values()
    return {
        "workspace": demo_audit["workspace"],
        "first": demo_audit["first"].run_id,
        "second": demo_audit["second"].run_id,
        "complete": next(s.org_id for s in sites if s.scenario == "complete"),
        "con": demo_audit["con"],
    }


def warc_of(audited, run: str) -> Path:
    return audited["workspace"].runs_dir / audited[run] / "crawl.warc.gz"


def rows(con, sql, *params):
    cursor = con.execute(sql, list(params))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def responses(path: Path) -> list[dict]:
    """Response records as warcio reads them: headers, status and decoded body."""
    found = []
    with path.open("rb") as handle:
        for record in ArchiveIterator(handle):
            if record.rec_type != "response":
                continue
            raw = record.raw_stream.read()
            found.append(
                {
                    "url": record.rec_headers.get_header("WARC-Target-URI"),
                    "headers": dict(record.rec_headers.headers),
                    "status": int(record.http_headers.get_statuscode()),
                    "raw": raw,
                    "body": _decoded(record, raw),
                }
            )
    return found


def _decoded(record, raw: bytes) -> bytes:
    encoding = record.http_headers.get_header("Content-Encoding")
    return gzip.decompress(raw) if encoding == "gzip" else raw


def b32_sha256(data: bytes) -> str:
    return "sha256:" + base64.b32encode(hashlib.sha256(data).digest()).decode("ascii")


def test_every_stored_body_has_a_response_record_that_hashes_to_it(audited):
    archived = responses(warc_of(audited, "first"))
    by_sha = {r["headers"][CONTENT_SHA256]: r for r in archived}
    hashes = rows(
        audited["con"],
        "SELECT sha256 FROM fetches WHERE run_id = ? AND sha256 IS NOT NULL "
        "UNION SELECT sha256 FROM documents WHERE run_id = ? AND sha256 IS NOT NULL",
        audited["first"],
        audited["first"],
    )
    assert len(hashes) > 10
    for row in hashes:
        record = by_sha[row["sha256"]]
        assert hashlib.sha256(record["body"]).hexdigest() == row["sha256"]
    for record in archived:
        assert record["headers"]["WARC-Payload-Digest"] == b32_sha256(record["raw"])
        assert record["headers"]["WARC-Date"].endswith("Z")


def test_every_answered_fetch_is_archived_with_its_status(audited):
    fetched = Counter(
        (row["url"], row["http_status"])
        for row in rows(
            audited["con"],
            "SELECT url, http_status FROM fetches WHERE run_id = ? AND http_status IS NOT NULL",
            audited["first"],
        )
    )
    archived = Counter((c.url, c.status) for c in captured(warc_of(audited, "first")))
    assert not fetched - archived
    statuses = {status for _, status in fetched}
    assert 200 in statuses and 404 in statuses


def test_cached_responses_are_archived_whole_and_marked(audited):
    cached = rows(
        audited["con"],
        "SELECT url, sha256, cache_state FROM fetches "
        "WHERE run_id = ? AND cache_state IS NOT NULL AND sha256 IS NOT NULL",
        audited["second"],
    )
    assert cached
    archived = {
        (r["url"], r["headers"][CONTENT_SHA256]): r for r in responses(warc_of(audited, "second"))
    }
    for row in cached:
        record = archived[(row["url"], row["sha256"])]
        assert record["headers"][FROM_CACHE] == row["cache_state"]
        assert record["status"] == 200
        assert hashlib.sha256(record["body"]).hexdigest() == row["sha256"]


def test_each_document_reaches_its_capture_and_the_clicks_from_home(audited):
    con, run_id, org_id = audited["con"], audited["first"], audited["complete"]
    homes = {
        row["url"]
        for row in rows(
            con,
            "SELECT url FROM fetches WHERE run_id = ? AND org_id = ? AND purpose = 'home'",
            run_id,
            org_id,
        )
    }
    documents = rows(
        con,
        "SELECT url, sha256 FROM documents WHERE run_id = ? AND org_id = ? AND sha256 IS NOT NULL",
        run_id,
        org_id,
    )
    assert len(documents) >= 3
    run = RunEvidence(con, warc_of(audited, "first"), run_id)
    for document in documents:
        evidence = run.evidence(org_id, document["url"], document["sha256"])
        assert evidence.capture is not None and evidence.capture.sha256 == document["sha256"]
        assert evidence.click_path[0] in homes, evidence.click_path
        assert evidence.click_path[-1] == document["url"]
        assert len(evidence.click_path) >= 3  # home → section → document at the least
    one = documents[0]["url"]
    plain = click_path(con, run_id, org_id, one)
    assert plain[-1] == one and len(set(plain)) == len(plain)
    single = evidence_for(con, audited["workspace"].runs_dir, run_id, org_id, one)
    assert single == run.evidence(org_id, one, documents[0]["sha256"])


def test_cli_lists_an_organisations_captures_and_exports_only_them(audited, tmp_path):
    org_id, workspace = audited["complete"], audited["workspace"]
    out = tmp_path / "export"
    completed = cli(
        "evidence",
        org_id,
        "--run",
        audited["first"],
        "-w",
        str(workspace.root),
        "--export",
        str(out),
    )
    assert completed.returncode == 0, completed.stderr
    assert f"({org_id}), запуск {audited['first']}" in completed.stdout
    assert "Путь от главной" in completed.stdout and "Выгрузка: архив" in completed.stdout
    (warc,) = out.glob("*.warc.gz")
    own = {
        row["url"]
        for row in rows(
            audited["con"],
            "SELECT url FROM fetches WHERE run_id = ? AND org_id = ? AND http_status IS NOT NULL",
            audited["first"],
            org_id,
        )
    }
    exported = responses(warc)
    assert {r["url"] for r in exported if not r["url"].endswith("/robots.txt")} == own
    assert {r["headers"].get(ORG_ID) for r in exported} <= {org_id, None}
    (index,) = out.glob("*-index.csv")
    with index.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle, delimiter=";"))
    assert table[0][0] == "Адрес" and table[0][-1] == "Путь от главной страницы"
    assert len(table) - 1 == len(exported)


def test_cli_names_an_unknown_organisation_in_russian(audited):
    completed = cli("evidence", "нет-такой", "-w", str(audited["workspace"].root))
    assert completed.returncode == 2
    assert "Организация «нет-такой» не проверялась" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_replay_rebuilds_the_run_from_the_archive_alone(audited, tmp_path):
    copy = tmp_path / "ws"
    shutil.copytree(audited["workspace"].root, copy)
    workspace = load_workspace(copy)
    shutil.rmtree(workspace.evidence_dir / "files")
    with duckdb.connect(str(workspace.db_path)) as con:
        # Every file is read again from the archive's bytes but the scans: recognising them
        # again (half a minute) would prove nothing more about the archive.
        con.execute("DELETE FROM extraction_cache WHERE text_source <> 'ocr'")
        (scans,) = con.execute("SELECT count(*) FROM extraction_cache").fetchone()
        con.execute("DELETE FROM understanding_cache")
    outcome = reaudit_from_archive(workspace, audited["first"], echo=lambda _: None)
    assert scans > 0 and outcome.from_cache == scans and outcome.read_anew > 5 * scans
    con = duckdb.connect(str(workspace.db_path), read_only=True)
    try:
        for sql in (
            "SELECT org_id, url, sha256, kind, audience, doc_date, doc_number, extract_status "
            "FROM documents WHERE run_id = ? ORDER BY ALL",
            "SELECT org_id, rule_id, outcome FROM rule_results WHERE run_id = ? ORDER BY ALL",
            "SELECT org_id, site_status, section_url FROM sites WHERE run_id = ? ORDER BY ALL",
        ):
            original = con.execute(sql, [audited["first"]]).fetchall()
            assert original and con.execute(sql, [outcome.run_id]).fetchall() == original
        hashes = con.execute("SELECT sha256 FROM documents WHERE sha256 IS NOT NULL").fetchall()
    finally:
        con.close()
    store = ContentStore(workspace.evidence_dir / "files")
    for (sha,) in hashes:
        assert hashlib.sha256(store.read(sha)).hexdigest() == sha


def test_a_killed_writer_leaves_every_record_before_the_cut(audited, tmp_path):
    source = warc_of(audited, "first")
    whole = list(read_archive(source))
    assert whole[-1].headers["WARC-Target-URI"] == STAGING_URI
    cut_in = whole[len(whole) // 2]
    damaged = tmp_path / "cut.warc.gz"
    damaged.write_bytes(source.read_bytes()[: cut_in.offset + cut_in.length // 2])
    kept = [record.headers["WARC-Record-ID"] for record in read_archive(damaged)]
    assert kept == [record.headers["WARC-Record-ID"] for record in whole[: len(whole) // 2]]
    assert restore_from_archive(damaged, ContentStore(tmp_path / "store")) is None


def test_compressed_response_is_linked_by_its_decoded_body(tmp_path):
    body = "<html><body>Наставничество</body></html>".encode() * 50
    request = Request(
        "http://school.example/nastavnichestvo/",
        meta={"org_id": "sosh-1", "purpose": "section"},
        headers={"Referer": "http://school.example/"},
    )
    response = Response(
        request.url,
        status=200,
        headers={
            "Content-Type": "text/html; charset=utf-8",
            "Content-Encoding": "gzip",
            "Transfer-Encoding": "chunked",
        },
        body=gzip.compress(body),
        request=request,
    )
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(exchange_bytes(request, response, dt.datetime.now(dt.UTC), 1 << 20))
    append_resource(warc, STAGING_URI, "application/x-ndjson", b'{"type": "FetchItem"}\n')
    (capture,) = captured(warc, org_id="sosh-1")
    assert capture.sha256 == hashlib.sha256(body).hexdigest() and capture.size == len(body)
    (record,) = responses(warc)
    assert "Transfer-Encoding" not in str(record["headers"]) and record["body"] == body
    store = ContentStore(tmp_path / "store")
    assert restore_from_archive(warc, store) == '{"type": "FetchItem"}\n'
    assert store.read(capture.sha256) == body
    assert archived_resource(warc, "urn:cmn-audit:missing") is None


def test_archive_sits_between_redirects_and_the_http_cache():
    middlewares = {**DOWNLOADER_MIDDLEWARES_BASE, **crawler_settings.DOWNLOADER_MIDDLEWARES}
    archive = middlewares["crawler.archive.WarcArchiveMiddleware"]
    redirect = middlewares["scrapy.downloadermiddlewares.redirect.RedirectMiddleware"]
    compression = middlewares[
        "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware"
    ]
    assert compression < redirect < archive < middlewares["crawler.http_cache.AuditCacheMiddleware"]


def test_replay_of_a_run_without_archive_is_a_russian_error(audited):
    completed = cli("replay", "--run", "19990101-000000", "-w", str(audited["workspace"].root))
    assert completed.returncode == 2
    assert "нет архива ответов сайтов" in completed.stderr
    assert "Traceback" not in completed.stderr
