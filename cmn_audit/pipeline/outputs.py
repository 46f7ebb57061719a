"""A saved run's reports: written, rewritten on demand, released after a confirmation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection

from cmn_audit import messages
from cmn_audit.config import Workspace
from cmn_audit.evidence.warc import WARC_NAME, RunEvidence
from cmn_audit.messages import UserError
from cmn_audit.store import (
    connect,
    letters_held,
    resolve_run,
)
from crawler.evidence import ContentStore
from reports.letter.docx import LetterTemplateError
from reports.model import ReportPaths
from reports.writer import FORMATS as REPORT_FORMATS
from reports.writer import write_reports


def write_run_reports(
    con,
    workspace: Workspace,
    run_id: str,
    *,
    formats: Collection[str] = tuple(REPORT_FORMATS),
    schools: Collection[str] | None = None,
) -> ReportPaths:
    """(Re)write the reports of a stored run, all or the chosen formats and schools; no crawling."""
    out_dir = workspace.reports_dir / run_id
    warc_path = workspace.runs_dir / run_id / WARC_NAME
    store = ContentStore(workspace.evidence_dir / "files")
    evidence = RunEvidence(con, warc_path, run_id, store) if warc_path.is_file() else None
    # The deadline the run's letters set was recorded with the run, not today's config.
    (deadline,) = con.execute(
        "SELECT letter_deadline FROM runs WHERE run_id = ?", [run_id]
    ).fetchone()
    try:
        return write_reports(
            con,
            run_id,
            out_dir,
            workspace.centre,
            deadline=deadline,
            evidence=evidence,
            letter_settings=workspace.letters,
            formats=formats,
            schools=schools,
            reference=workspace.reference,
            freeze=True,
        )
    except LetterTemplateError as error:  # the centre's own file: told like any user error
        raise UserError(str(error)) from error


def confirm_run(
    workspace: Workspace, run_id: str | None, *, echo: Callable[[str], None] = print
) -> tuple[str, ReportPaths]:
    """Release the letters of a run held after a collapse: a methodologist checked it."""
    con = connect(workspace.db_path)
    try:
        run_id = resolve_run(con, run_id)
        if not letters_held(con, run_id):
            raise UserError(messages.CONFIRM_NOT_HELD.format(run_id=run_id))
        con.execute(
            "UPDATE runs SET letters_held = FALSE, letters_confirmed_at = ? WHERE run_id = ?",
            [dt.datetime.now(), run_id],
        )
        echo(messages.CONFIRMED.format(run_id=run_id))
        return run_id, write_run_reports(con, workspace, run_id)
    finally:
        con.close()
