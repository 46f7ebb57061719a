"""A stored run judged again by another profile: its facts copied as stored, no crawling."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from cmn_audit import messages
from cmn_audit.config import Workspace
from cmn_audit.evidence.warc import WARC_NAME, link_archive
from cmn_audit.history.runs import run_entry
from cmn_audit.messages import UserError
from cmn_audit.pipeline import outputs
from cmn_audit.pipeline.commit import copy_facts, save_run, section_columns
from cmn_audit.pipeline.dating import RunDating, stored_dating
from cmn_audit.pipeline.lock import workspace_lock
from cmn_audit.store import connect, letters_held, new_run_id
from reports.model import ReportPaths

RESCORE_NOTE = "rescore.json"  # in the new run's folder: which run and profile it came from


def rescore_run(
    workspace: Workspace,
    run_id: str,
    profile_name: str,
    *,
    now: dt.datetime | None = None,
    echo: Callable[[str], None] = print,
) -> tuple[str, ReportPaths]:
    """A new run with run `run_id`'s facts judged by another profile; reports written for it.

    The facts are copied as they were stored (nothing is crawled or read again) and judged on
    the old run's audit date; the new run is labelled as a rescore and points to its source.
    It is saved by the pipeline's one commit path (commit.save_run). Its facts are those of a
    run already saved, so they are not compared again: the rescore inherits its source's
    hold — letters of a run whose results collapsed wait for `cmn-audit confirm` whichever
    profile judges them. Returns (new run id, ReportPaths).
    """
    profile = workspace.profile(profile_name)
    now = now or dt.datetime.now()
    with workspace_lock(workspace.root, "cmn-audit rescore"):
        if not workspace.db_path.exists():
            raise UserError(messages.NO_RUNS)
        con = connect(workspace.db_path)  # a store held by a run, or damaged, is a UserError
        try:
            source = run_entry(con, run_id)
            profile.in_force_on(source.audit_date)  # no rule applies then: refuse before writing
            taken = {row[0] for row in con.execute("SELECT run_id FROM runs").fetchall()}
            new_id = new_run_id(now, lambda c: c in taken or (workspace.runs_dir / c).exists())
            echo(messages.RESCORE_STARTED.format(source=run_id, profile=profile.id, run_id=new_id))
            run_dir = workspace.runs_dir / new_id
            run_dir.mkdir(parents=True)
            note = {
                "rescore_of": run_id,
                "profile": profile.id,
                "profile_source": str(profile_name),
            }
            (run_dir / RESCORE_NOTE).write_text(json.dumps(note, ensure_ascii=False), "utf-8")
            link_archive(workspace.runs_dir / run_id / WARC_NAME, run_dir / WARC_NAME)
            (registry_path,) = con.execute(
                "SELECT registry_path FROM runs WHERE run_id = ?", [run_id]
            ).fetchone()
            run = {
                "run_id": new_id,
                "started_at": now,
                "finished_at": dt.datetime.now(),
                **(stored_dating(con, run_id) or RunDating(source.audit_date)).columns(),
                "profile_id": profile.id,
                "profile_version": profile.version,
                "municipality": source.municipality,
                "registry_path": registry_path,
                "status": "complete",
                "letter_date": now.date(),
                "letter_deadline": workspace.audit.deadline,
                "rescore_of": run_id,
                "letters_held": letters_held(con, run_id),
                **section_columns(profile),
                "label": messages.RESCORE_LABEL.format(
                    run_id=run_id, profile=profile.id, version=profile.version
                ),
            }
            save_run(con, run, profile, copy_facts(run_id, new_id), hold_on_collapse=False)
            echo(messages.RUN_SAVED.format(run_id=new_id, db=workspace.db_path))
            paths = outputs.write_run_reports(con, workspace, new_id)
        finally:
            con.close()
    return new_id, paths
