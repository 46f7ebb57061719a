"""A local run reads its documents while its crawl still runs (cmn_audit/pipeline/reading.py):
the staging file followed line by line, files sent to the pool as they come, the crawl waited
for with ticks from the run's own thread."""

from __future__ import annotations

import json
import sys
import time

import duckdb

from cmn_audit.demo.documents import DocumentSpec, docx_bytes
from cmn_audit.pipeline.crawl_process import run_crawler
from cmn_audit.pipeline.reading import EarlyReader
from cmn_audit.pipeline.staging import StagingFollower
from crawler.evidence import ContentStore
from crawler.extract import ExtractionJob

ORDER = DocumentSpec(
    paragraphs=[
        "ПРИКАЗ",
        "01.09.2022 № 41-од",
        "О внедрении целевой модели наставничества обучающихся",
        "1. Внедрить целевую модель наставничества обучающихся.",
    ]
)


def document_record(sha: str) -> dict:
    return {
        "type": "DocumentItem",
        "org_id": "s1",
        "fetch_status": "ok",
        "sha256": sha,
        "file_ext": "docx",
        "content_type": None,
    }


def test_the_follower_hands_over_whole_lines_only(tmp_path):
    staging = tmp_path / "crawl.jsonl"
    seen: list[list[dict]] = []
    follower = StagingFollower(staging, seen.append)
    follower.poll()  # no file yet: nothing, no error
    with staging.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"type": "FetchItem", "n": 1}) + "\n" + '{"type": "Docu')
    follower.poll()
    assert seen == [[{"type": "FetchItem", "n": 1}]]
    with staging.open("a", encoding="utf-8") as handle:
        handle.write('mentItem", "n": 2}\nnot json\n')
    follower.poll()
    follower.poll()  # nothing new
    assert seen == [[{"type": "FetchItem", "n": 1}], [{"type": "DocumentItem", "n": 2}]]


def test_files_sent_while_the_crawl_runs_are_read_once_and_known_ones_never(tmp_path):
    store = ContentStore(tmp_path / "files")
    fresh = store.put(docx_bytes(ORDER))
    known = store.put(b"read by an earlier run")
    sent: list[str] = []
    with EarlyReader(store, already_read=lambda keys: {known} & set(keys)) as reader:
        submit = reader.pool.submit
        reader.pool.submit = lambda jobs: submit([sent.append(job.key) or job for job in jobs])
        reader.read_early([document_record(fresh), document_record(known)])
        reader.read_early([document_record(fresh)])  # staged twice: sent once
        assert sent == [fresh]  # the file an earlier run read is never sent
        results = reader([ExtractionJob(fresh, store.path(fresh), "docx")])
    assert results[fresh].status == "ok"
    assert "целевую модель наставничества" in results[fresh].text


def test_the_crawl_is_waited_for_with_ticks_from_this_thread(tmp_path):
    ticks: list[float] = []
    started = time.monotonic()
    code = run_crawler(
        [sys.executable, "-c", "import time; time.sleep(1.3)"], on_tick=lambda: ticks.append(1)
    )
    assert code == 0 and len(ticks) >= 2
    assert time.monotonic() - started < 10


def test_a_store_that_cannot_be_asked_only_means_reading_again(tmp_path):
    store = ContentStore(tmp_path / "files")
    fresh = store.put(docx_bytes(ORDER))

    def busy(_keys):
        raise duckdb.IOException("Could not set lock on file")

    with EarlyReader(store, already_read=busy) as reader:
        reader.read_early([document_record(fresh)])
        results = reader([ExtractionJob(fresh, store.path(fresh), "docx")])
    assert results[fresh].status == "ok"
