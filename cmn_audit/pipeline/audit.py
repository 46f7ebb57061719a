"""A fresh audit run: registry → crawl (a child process) → commit (pipeline/commit.py)."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import sys
import time
from collections.abc import Callable, Collection
from dataclasses import asdict
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from cmn_audit import messages
from cmn_audit.config import Workspace, unfilled_requisites
from cmn_audit.distributed.coordinator import RedisReader, crawl_through_redis
from cmn_audit.history.runs import CRAWL_JOB_FILE, latest_failure
from cmn_audit.judgement.review import decided_sections
from cmn_audit.messages import UserError
from cmn_audit.pipeline.commit import RunOutcome, commit_run
from cmn_audit.pipeline.crawl_process import CrawlInterrupted, run_crawler
from cmn_audit.pipeline.dating import RunDating, parse_period
from cmn_audit.pipeline.facts import read_before
from cmn_audit.pipeline.lock import failure_journal, workspace_lock
from cmn_audit.pipeline.reading import EarlyReader
from cmn_audit.pipeline.staging import (
    CrawlRecords,
    StagingFollower,
    read_staging,
)
from cmn_audit.registry import Organisation, read_registry
from cmn_audit.store import (
    connect,
    new_run_id,
)
from crawler.archive import archive_run_files
from crawler.evidence import ContentStore
from reports.russian import SITE, count_phrase
from reports.writer import FORMATS as REPORT_FORMATS

CRAWL_STATS_FILE = "crawl-stats.json"


def run_audit(
    workspace: Workspace,
    registry_path: Path,
    *,
    now: dt.datetime | None = None,
    echo: Callable[[str], None] = print,
    schools: Collection[str] = (),
    on: str | None = None,
    redis_url: str | None = None,
    formats: Collection[str] = tuple(REPORT_FORMATS),
    read_while_crawling: bool = True,
) -> RunOutcome:
    """Audit every organisation of the registry (or only `schools`) and write the reports.

    A run of a few schools (a school replied «исправили») is a partial run: the reports count
    every other school by its latest earlier verdict, and letters go to the schools checked.
    `on`: the day or period the run speaks of («18.04.2022–25.04.2022», pipeline/dating.py).
    With `redis_url`, documents are read by `cmn-audit worker` processes on any machine.
    `formats`: the reports written (results.json always; a region may skip PDF, say).
    `read_while_crawling`: a local run reads each file as soon as the crawl stores it; off,
    it reads them all after the crawl (benchmarks/crawling.py measures what that saves).
    """
    if unfilled := unfilled_requisites(workspace):  # said first: reports would print them
        echo(messages.CENTRE_UNFILLED.format(keys=", ".join(unfilled)))
    registry = read_registry(registry_path)
    organisations = chosen_schools(registry.organisations, schools)
    profile = workspace.profile()
    already_read = read_before(workspace.db_path)
    read = (  # Redis is reached before any work
        RedisReader(redis_url, echo, already_read=already_read)
        if redis_url
        else EarlyReader(ContentStore(workspace.evidence_dir / "files"), already_read)
        if read_while_crawling
        else None
    )
    with (
        workspace_lock(workspace.root, "cmn-audit run") as lock,  # one writer per workspace
        read if isinstance(read, EarlyReader) else contextlib.nullcontext(),
    ):
        _echo_previous_failure(workspace, echo)
        interrupted = unfinished_run(workspace, registry_path)
        if interrupted is not None:
            run_id, now = interrupted
            echo(messages.RUN_RESUMED.format(run_id=run_id))
        else:
            now = now or dt.datetime.now()
            run_id = new_run_id(
                now, taken=lambda candidate: (workspace.runs_dir / candidate).exists()
            )
        dating = parse_period(on, now.date()) if on else RunDating(now.date())
        profile.in_force_on(dating.audit_date)  # no rule applies then: refuse before crawling
        run_dir = workspace.runs_dir / run_id
        with failure_journal(workspace.db_path, run_dir, run_id, now, echo) as journal:
            journal.echo(
                messages.RUN_STARTED.format(
                    sites=count_phrase(len(organisations), SITE["gen"]),
                    profile=profile.id,
                    run_id=run_id,
                )
            )
            for note in registry.notes:  # what was assumed reading the registry, kept in run.log
                journal.echo(note)
            if dating.facts_until:
                journal.echo(messages.RUN_DATED.format(day=dating.facts_until))
            crawl_started = time.perf_counter()
            try:
                records = crawl(
                    workspace, organisations, run_dir, now, registry_path, lock, read, echo
                )
            except CrawlInterrupted:
                raise CrawlInterrupted(messages.RUN_INTERRUPTED.format(run_id=run_id)) from None
            crawl_seconds = time.perf_counter() - crawl_started
            journal.stage = "audit"
            outcome = commit_run(
                workspace,
                run_id,
                organisations,
                records,
                profile,
                registry_path,
                now,
                journal.echo,
                dating=dating,
                scope="partial" if schools else "full",
                read=read,
                formats=formats,
            )
    return dataclasses.replace(outcome, crawl_seconds=round(crawl_seconds, 2))


def chosen_schools(
    organisations: tuple[Organisation, ...], schools: Collection[str]
) -> tuple[Organisation, ...]:
    """The registry's organisations, or only those named; an unknown code is refused."""
    if not schools:
        return organisations
    known = {org.id for org in organisations}
    if missing := [code for code in schools if code not in known]:
        raise UserError(
            messages.RUN_UNKNOWN_SCHOOLS.format(
                schools=", ".join(missing), known=", ".join(org.id for org in organisations)
            )
        )
    return tuple(org for org in organisations if org.id in set(schools))


def _echo_previous_failure(workspace: Workspace, echo: Callable[[str], None]) -> None:
    """Say that the last run failed, and where its journal is, before starting a new one."""
    if not workspace.db_path.exists():
        return
    con = connect(workspace.db_path)  # read-write: an older store is migrated first
    try:
        failed = latest_failure(con)
    finally:
        con.close()
    if failed is not None:
        started = f"{failed.started_at:%d.%m.%Y %H:%M}" if failed.started_at else "—"
        echo(
            messages.PREVIOUS_RUN_FAILED.format(
                run_id=failed.run_id,
                started=started,
                stage=messages.FAILURE_STAGES.get(failed.stage, ""),
                error=failed.error,
                log=failed.log_path,
            )
        )


def unfinished_run(workspace: Workspace, registry_path: Path) -> tuple[str, dt.datetime] | None:
    """The latest run whose crawl began but which was never saved (Ctrl-C, kill, power loss).

    It is resumed rather than abandoned: the same run id and date, a fresh staging file, and
    everything already downloaded comes back from the HTTP cache instead of the network.
    A run that stopped with an error is final (run_failures): the next run starts afresh.
    """
    saved: set[str] = set()
    failed: set[str] = set()
    if workspace.db_path.exists():
        con = connect(workspace.db_path, read_only=True)
        try:
            saved = {row[0] for row in con.execute("SELECT run_id FROM runs").fetchall()}
            failed = {row[0] for row in con.execute("SELECT run_id FROM run_failures").fetchall()}
        finally:
            con.close()
    if not workspace.runs_dir.is_dir():
        return None
    for run_dir in sorted(workspace.runs_dir.iterdir(), reverse=True):
        job_path = run_dir / CRAWL_JOB_FILE
        if run_dir.name in failed:
            return None
        if run_dir.name in saved or not job_path.is_file():
            continue
        job = json.loads(job_path.read_text(encoding="utf-8"))
        if job.get("registry_path") == str(registry_path) and "started_at" in job:
            return run_dir.name, dt.datetime.fromisoformat(job["started_at"])
        return None
    return None


def previous_sections(workspace: Workspace) -> dict[str, str]:
    """Where the latest saved run found each school's section: a re-audit starts there."""
    if not workspace.db_path.exists():
        return {}
    con = connect(workspace.db_path, read_only=True)
    try:
        rows = con.execute(
            "SELECT org_id, section_url FROM sites WHERE section_found"
            " AND run_id = (SELECT max(run_id) FROM runs)"
        ).fetchall()
    finally:
        con.close()
    return dict(rows)


def crawl(
    workspace: Workspace,
    organisations: tuple[Organisation, ...],
    run_dir: Path,
    started: dt.datetime,
    registry_path: Path | None = None,
    lock: IO | None = None,
    reader: RedisReader | EarlyReader | None = None,
    echo: Callable[[str], None] = print,
) -> CrawlRecords:
    """Crawl in a child process (Scrapy's reactor runs once per process) into a staging file.

    A resumed run starts its staging and archive afresh, so nothing is counted twice. The
    child holds the workspace `lock` with this process and ends with it; a crawl stopped
    before it finished raises CrawlInterrupted, so nothing of it is saved. A local `reader`
    (EarlyReader) is sent each document as soon as the child stages it. With a RedisReader (a
    run on several machines), `cmn-audit worker` processes crawl the sites instead, into the
    same files, and each site's documents are sent to be read as soon as it is crawled.
    """
    run_dir.mkdir(parents=True, exist_ok=True)
    remembered = previous_sections(workspace)
    decided = decided_sections(workspace.db_path)  # a methodologist's address wins
    staging_path = run_dir / "crawl.jsonl"
    staging_path.unlink(missing_ok=True)
    (run_dir / "crawl.warc.gz").unlink(missing_ok=True)
    job = {
        "started_at": started.isoformat(),
        "registry_path": str(registry_path) if registry_path else None,
        "orgs": [
            {
                **asdict(org),
                "section_hint": decided.get(org.id) or org.section_hint,
                "previous_section": remembered.get(org.id),
            }
            for org in organisations
        ],
        "crawl": asdict(workspace.crawl),
        "trusted_netlocs": sorted({urlsplit(org.site_url).netloc.lower() for org in organisations}),
        "evidence_dir": str(workspace.evidence_dir / "files"),
        "staging_path": str(staging_path),
        "warc_path": str(run_dir / "crawl.warc.gz"),
        "stats_path": str(run_dir / CRAWL_STATS_FILE),
        "http_cache_dir": str(workspace.http_cache_dir),
        "log_path": str(run_dir / "crawl.log"),
    }
    job_path = run_dir / CRAWL_JOB_FILE
    job_path.write_text(json.dumps(job, ensure_ascii=False, indent=2), encoding="utf-8")
    if isinstance(reader, RedisReader):
        crawl_through_redis(reader.url, job, echo, on_site=reader.read_early)
    else:
        follower = StagingFollower(staging_path, reader.read_early) if reader else None
        code = run_crawler(
            [sys.executable, "-m", "crawler.run", str(job_path)],
            lock=lock,
            on_tick=follower.poll if follower else None,
        )
        if follower:
            follower.poll()  # what the crawl staged last
        if code != 0:
            raise UserError(messages.CRAWL_FAILED.format(code=code, log=run_dir / "crawl.log"))
    archive_run_files(Path(job["warc_path"]), staging_path, job_path)
    return read_staging(staging_path)
