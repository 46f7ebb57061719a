"""`cmn-audit` commands that look into what was found: a run against a truth file, documents
read on their own, and the archived copies of a school's pages and files."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cmn_audit import messages
from cmn_audit.cli.options import RUN_OPTION, WORKSPACE_OPTION
from cmn_audit.config import load_workspace
from cmn_audit.evaluate.report import evaluate_run, render_table, write_json
from cmn_audit.evidence.export import export, org_captures, render_captures
from cmn_audit.messages import UserError
from cmn_audit.store import connect, resolve_run
from crawler.understand import classify_paths


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--on",
    "audit_date",
    type=click.DateTime(formats=["%Y-%m-%d", "%d.%m.%Y"]),
    default=None,
    help="Дата проверки для сроков дорожных карт (ГГГГ-ММ-ДД), по умолчанию сегодня.",
)
def classify(files: tuple[Path, ...], audit_date) -> None:
    """Определить вид, адресата, дату, номер и реквизиты документов; по строке JSON на файл."""
    for path in files:
        if not path.is_file():
            raise UserError(f"Файл не найден: {path}")
    on = audit_date.date() if audit_date else None
    for fields in classify_paths(files, audit_date=on):
        click.echo(json.dumps(fields, ensure_ascii=False))


@click.command()
@WORKSPACE_OPTION
@click.option(
    "--truth",
    "-t",
    "truth_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Эталон (truth.json демо-муниципалитета).",
)
@RUN_OPTION
@click.option(
    "--json",
    "json_path",
    default=None,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Записать те же показатели в JSON-файл.",
)
def evaluate(workspace: Path, truth_path: Path, run_id: str | None, json_path: Path | None) -> None:
    """Сравнить сохранённый запуск с эталоном и показать точность и полноту проверки."""
    settings = load_workspace(workspace)
    evaluation = evaluate_run(settings.db_path, truth_path, run_id)
    click.echo(render_table(evaluation, truth_path))
    if json_path is not None:
        write_json(evaluation, truth_path, json_path)
        click.echo(messages.EVAL_JSON_WRITTEN.format(path=json_path.resolve()))


@click.command()
@WORKSPACE_OPTION
@click.argument("org_id", metavar="КОД")
@RUN_OPTION
@click.option(
    "--export",
    "export_dir",
    default=None,
    type=click.Path(file_okay=False, path_type=Path),
    help="Выгрузить копии организации в папку: архив WARC и опись index.csv.",
)
def evidence(workspace: Path, org_id: str, run_id: str | None, export_dir: Path | None) -> None:
    """Показать сохранённые копии страниц и файлов организации (архив WARC) и выгрузить их."""
    settings = load_workspace(workspace)
    con = connect(settings.db_path, read_only=True)
    try:
        run_id = resolve_run(con, run_id)
        run, captures = org_captures(con, settings.runs_dir, run_id, org_id)
        click.echo(render_captures(run, org_id, captures))
        if export_dir is not None:
            done = export(con, settings.runs_dir, run_id, org_id, export_dir)
            click.echo(
                messages.EVIDENCE_EXPORTED.format(
                    warc=done.warc_path.resolve(), count=done.records, index=done.index_path
                )
            )
    finally:
        con.close()


COMMANDS = (classify, evaluate, evidence)
