"""`cmn-audit explain`, `override` and `review`: a methodologist's judgement in the loop."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote

import click
import duckdb

from audit_rules.explain import explain_verdict
from audit_rules.model import OUTCOMES
from audit_rules.overrides import record_override, rescore
from audit_rules.views import create_views
from cmn_audit import messages
from cmn_audit.cli.options import RUN_OPTION, WORKSPACE_OPTION
from cmn_audit.config import Workspace, load_workspace
from cmn_audit.judgement import review as decisions
from cmn_audit.judgement.text import render_explanation, render_review
from cmn_audit.messages import UserError
from cmn_audit.store import connect, resolve_run, run_transaction
from crawler.understand.vocabulary import AUDIENCE_LABELS, KIND_LABELS
from reports.messages import OUTCOME_LABELS


def run_profile(settings: Workspace, con: duckdb.DuckDBPyConnection, run_id: str):
    """The profile a run was judged by (the workspace's, else by its id) and that id."""
    (profile_id,) = con.execute("SELECT profile_id FROM runs WHERE run_id = ?", [run_id]).fetchone()
    for name in (settings.audit.profile, profile_id):
        try:
            profile = settings.profile(name)
        except (ValueError, OSError):
            continue
        if profile.id == profile_id:
            return profile, profile_id
    return None, profile_id


def check_target(con: duckdb.DuckDBPyConnection, run_id: str, org_id: str, rule_id: str) -> None:
    """Refuse, in Russian, a school or rule the run does not have."""
    if not con.execute(
        "SELECT 1 FROM organisations WHERE run_id = ? AND org_id = ?", [run_id, org_id]
    ).fetchone():
        raise UserError(messages.JUDGEMENT_UNKNOWN_ORG.format(org_id=org_id, run_id=run_id))
    known = [
        row[0]
        for row in con.execute(
            "SELECT rule_id FROM run_rules WHERE run_id = ? ORDER BY position", [run_id]
        ).fetchall()
    ]
    if rule_id not in known:
        raise UserError(
            messages.JUDGEMENT_UNKNOWN_RULE.format(
                rule_id=rule_id, run_id=run_id, known=", ".join(known)
            )
        )


@contextmanager
def judged_verdict(
    workspace: Path, run_id: str | None, org_id: str, rule_id: str
) -> Iterator[tuple[duckdb.DuckDBPyConnection, str, object, str]]:
    """Open the store at one school's verdict on one rule: (connection, run, profile, its id)."""
    settings = load_workspace(workspace)
    con = connect(settings.db_path)
    try:
        run_id = resolve_run(con, run_id)
        check_target(con, run_id, org_id, rule_id)
        profile, profile_id = run_profile(settings, con, run_id)
        yield con, run_id, profile, profile_id
    finally:
        con.close()


@click.command()
@WORKSPACE_OPTION
@click.argument("org_id", metavar="КОД")
@click.argument("rule_id", metavar="ПРАВИЛО")
@RUN_OPTION
def explain(workspace: Path, org_id: str, rule_id: str, run_id: str | None) -> None:
    """Показать, на чём основан итог правила для организации: документы, их виды, причины."""
    with judged_verdict(workspace, run_id, org_id, rule_id) as (con, run_id, profile, profile_id):
        create_views(con)
        explanation = explain_verdict(con, run_id, org_id, rule_id, profile)
    click.echo(render_explanation(explanation, profile_id))


@click.command()
@WORKSPACE_OPTION
@click.argument("org_id", metavar="КОД")
@click.argument("rule_id", metavar="ПРАВИЛО")
@click.option("--outcome", required=True, help="Итог: pass, fail, not_checked или not_applicable.")
@click.option("--reason", required=True, help="Причина решения; войдёт в отчёты.")
@RUN_OPTION
def override(
    workspace: Path, org_id: str, rule_id: str, outcome: str, reason: str, run_id: str | None
) -> None:
    """Заменить итог правила для организации решением методиста (причина обязательна)."""
    if outcome not in OUTCOMES:
        raise UserError(messages.JUDGEMENT_UNKNOWN_OUTCOME.format(outcome=outcome))
    reason = " ".join(reason.split())
    if not reason:
        raise UserError(messages.JUDGEMENT_NO_REASON)
    with judged_verdict(workspace, run_id, org_id, rule_id) as (con, run_id, profile, profile_id):
        if profile is None:
            raise UserError(messages.OVERRIDE_NO_PROFILE.format(profile=profile_id))
        with run_transaction(con):
            record_override(con, run_id, org_id, rule_id, outcome, reason, dt.datetime.now())
            rescore(con, run_id, profile)
    words = OUTCOME_LABELS
    click.echo(
        messages.OVERRIDE_SAVED.format(
            org_id=org_id, rule_id=rule_id, outcome=words[outcome], reason=reason, run_id=run_id
        )
    )
    click.echo(messages.OVERRIDE_REPORT_HINT.format(run_id=run_id))


@click.command()
@WORKSPACE_OPTION
@RUN_OPTION
@click.option("--document", "document_url", metavar="АДРЕС", help="Документ, чей вид задаётся.")
@click.option(
    "--kind",
    default=None,
    metavar="ВИД",
    help="Вид документа — название или код: «положение о наставничестве» (regulation), "
    "«приказ о закреплении наставнических пар (групп)» (order_pairs), «дорожная карта» "
    "(roadmap)…; список видов — в сообщении об ошибке.",
)
@click.option(
    "--audience",
    default=None,
    metavar="АДРЕСАТ",
    help="Адресат: «обучающиеся» (students), «педагогические работники» (teachers), "
    "«обучающиеся и педагоги» (both).",
)
@click.option("--org", "org_id", default=None, help="Только для копии файла у этой организации.")
@click.option(
    "--section", nargs=2, default=None, metavar="КОД АДРЕС", help="Адрес раздела организации."
)
@click.option("--no-section", "no_section", default=None, metavar="КОД", help="Раздела нет.")
@click.option("--reason", default=None, help="Причина решения (для --no-section обязательна).")
def review(
    workspace: Path,
    run_id: str | None,
    document_url: str | None,
    kind: str | None,
    audience: str | None,
    org_id: str | None,
    section: tuple[str, str] | None,
    no_section: str | None,
    reason: str | None,
) -> None:
    """Показать, что требует проверки методистом, и запомнить решения по документам и разделам.

    Без параметров — список: документы с неуверенной классификацией или непрочитанные,
    организации без найденного раздела, решения, не применённые из-за изменившихся документов.
    """
    chosen = [value for value in (document_url, section, no_section) if value]
    if len(chosen) > 1:
        raise UserError(messages.REVIEW_ONE_DECISION)
    if document_url and not kind:
        raise UserError(messages.REVIEW_KIND_REQUIRED)
    reason = " ".join((reason or "").split())
    if no_section and not reason:
        raise UserError(messages.JUDGEMENT_NO_REASON)
    settings = load_workspace(workspace)
    con = connect(settings.db_path)
    now = dt.datetime.now()
    try:
        run_id = resolve_run(con, run_id)
        if not chosen:
            click.echo(render_review(decisions.review_list(con, run_id), run_id))
            return
        with run_transaction(con):
            if document_url:
                orgs = decisions.decide_kind(con, run_id, document_url, kind, audience, org_id, now)
                code = decisions.vocabulary_code(kind, KIND_LABELS, messages.REVIEW_UNKNOWN_KIND)
                said = decisions.vocabulary_code(
                    audience or "unknown", AUDIENCE_LABELS, messages.REVIEW_UNKNOWN_AUDIENCE
                )
                text = messages.REVIEW_KIND_SAVED.format(
                    url=unquote(document_url),
                    kind=KIND_LABELS[code],
                    audience=f", {AUDIENCE_LABELS[said]}" if audience else "",
                    orgs=", ".join(orgs),
                )
            elif section:
                decisions.decide_section(con, run_id, section[0], section[1], now)
                text = messages.REVIEW_SECTION_SAVED.format(org_id=section[0], url=section[1])
            else:
                decisions.decide_no_section(con, run_id, no_section, reason, now)
                text = messages.REVIEW_NO_SECTION_SAVED.format(org_id=no_section)
    finally:
        con.close()
    click.echo(text)


COMMANDS = (explain, override, review)
