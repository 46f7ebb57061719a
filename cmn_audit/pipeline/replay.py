"""Re-audit an old run from its WARC archive alone: today's extraction and rules, no crawling."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path

from cmn_audit import messages
from cmn_audit.config import Workspace
from cmn_audit.evidence.warc import (
    WARC_NAME,
    archived_job,
    link_archive,
    restore_from_archive,
    warc_path_of,
)
from cmn_audit.messages import UserError
from cmn_audit.pipeline.commit import RunOutcome, commit_run
from cmn_audit.pipeline.dating import RunDating, stored_dating
from cmn_audit.pipeline.staging import read_staging
from cmn_audit.registry import Organisation
from cmn_audit.store import connect, new_run_id
from crawler.evidence import ContentStore

REPLAY_NOTE = "replay.json"  # in the new run's folder: which run it was replayed from


def reaudit_from_archive(
    workspace: Workspace,
    run_id: str,
    *,
    now: dt.datetime | None = None,
    echo: Callable[[str], None] = print,
) -> RunOutcome:
    """A new run built from run `run_id`'s archive: bodies restored, items re-read, re-judged.

    Rules are judged on the old run's audit date, so roadmap deadlines are read as they stood
    when the sites were captured; only extraction, understanding and the profile are today's.
    """
    source = warc_path_of(workspace.runs_dir, run_id)
    store = ContentStore(workspace.evidence_dir / "files")
    job = archived_job(source)
    staging = restore_from_archive(source, store, workspace.crawl.max_document_mb << 20)
    if job is None or staging is None:
        raise UserError(messages.REPLAY_INCOMPLETE.format(path=source))
    organisations = tuple(_organisation(org) for org in job["orgs"])
    profile = workspace.profile()
    now = now or dt.datetime.now()
    new_id = new_run_id(now, taken=lambda candidate: (workspace.runs_dir / candidate).exists())
    echo(messages.REPLAY_STARTED.format(source=run_id, profile=profile.id, run_id=new_id))
    run_dir = workspace.runs_dir / new_id
    run_dir.mkdir(parents=True)
    staging_path = run_dir / "crawl.jsonl"
    staging_path.write_text(staging, encoding="utf-8")
    link_archive(source, run_dir / WARC_NAME)
    note = {"replay_of": run_id, "archive": str(source)}
    (run_dir / REPLAY_NOTE).write_text(json.dumps(note, ensure_ascii=False), encoding="utf-8")
    records = read_staging(staging_path)
    echo(messages.REPLAY_RESTORED.format(count=len(records.hashes("DocumentItem"))))
    registry_path = Path(job.get("registry_path") or source)
    return commit_run(
        workspace,
        new_id,
        organisations,
        records,
        profile,
        registry_path,
        now,
        echo,
        dating=_dating(workspace, run_id, job),
    )


def _organisation(entry: dict) -> Organisation:
    """A registry row from the job; the job may carry crawl hints beside the row's fields."""
    names = {field.name for field in fields(Organisation)}
    return Organisation(**{key: value for key, value in entry.items() if key in names})


def _dating(workspace: Workspace, run_id: str, job: dict) -> RunDating | None:
    """The old run's dating: from the store when it is there, else its crawl job's day."""
    if workspace.db_path.exists():
        con = connect(workspace.db_path, read_only=True)
        try:
            dating = stored_dating(con, run_id)
        finally:
            con.close()
        if dating is not None:
            return dating
    started = job.get("started_at")
    return RunDating(dt.datetime.fromisoformat(started).date()) if started else None
