"""`cmn-audit` commands of an audit's course: create the workspace, run, confirm, report,
replay, and a worker of a distributed run."""

from __future__ import annotations

from pathlib import Path

import click

from cmn_audit import messages
from cmn_audit.cli.options import (
    REDIS_OPTION,
    RUN_OPTION,
    WORKSPACE_OPTION,
    print_report_paths,
)
from cmn_audit.config import init_workspace, install_letter_template, load_workspace
from cmn_audit.distributed.worker import CRAWL_SITES, default_processes, run_worker
from cmn_audit.messages import UserError
from cmn_audit.pipeline import outputs
from cmn_audit.pipeline.audit import run_audit
from cmn_audit.pipeline.lock import workspace_lock
from cmn_audit.pipeline.outputs import confirm_run
from cmn_audit.pipeline.replay import reaudit_from_archive
from cmn_audit.store import connect, resolve_run
from reports.formats import FORMATS


def _report_formats(_ctx, _param, value: str | None) -> tuple[str, ...]:
    """--format html,docx,pdf: a comma list of the writer's declared formats."""
    if not value:
        return tuple(FORMATS)
    chosen = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [name for name in chosen if name not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(
            messages.REPORT_UNKNOWN_FORMAT.format(
                unknown=", ".join(unknown) or value, known=", ".join(FORMATS)
            )
        )
    return chosen


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def init(directory: Path) -> None:
    """Создать рабочую папку с файлом настроек config.toml."""
    config = init_workspace(directory)
    template = install_letter_template(directory)
    click.echo(messages.WORKSPACE_CREATED.format(root=directory, config=config))
    click.echo(messages.LETTER_TEMPLATE_INSTALLED.format(template=template))


@click.command()
@WORKSPACE_OPTION
@click.option(
    "--registry",
    "-r",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Реестр организаций (.csv или .xlsx), см. docs/registry.md.",
)
@click.option(
    "--school",
    "schools",
    multiple=True,
    metavar="КОД",
    help="Проверить заново только эту организацию (можно повторить), например после её ответа "
    "«исправили»; остальные учитываются по последней проверке.",
)
@click.option(
    "--on",
    metavar="ДАТА",
    help="Дата или период мониторинга (25.04.2022 или 18.04.2022–25.04.2022), если итоги "
    "нужны на прошедший день: правила — действовавшие тогда, документы и новости, "
    "датированные позже, не учитываются. По умолчанию — сегодня.",
)
@REDIS_OPTION
@click.option(
    "--format",
    "formats",
    callback=_report_formats,
    metavar="ФОРМАТЫ",
    help="Какие отчёты подготовить, через запятую: html, docx, pdf, xlsx, csv, json, eml, "
    "dashboard (по умолчанию все; results.json пишется всегда). Остальные можно подготовить "
    "позже командой cmn-audit report.",
)
def run(
    workspace: Path,
    registry: Path,
    schools: tuple[str, ...],
    on: str | None,
    redis_url: str | None,
    formats: tuple[str, ...],
) -> None:
    """Проверить сайты организаций реестра (всех или названных) и подготовить отчёты."""
    outcome = run_audit(
        load_workspace(workspace),
        registry,
        echo=click.echo,
        schools=schools,
        on=on,
        redis_url=redis_url,
        formats=formats,
    )
    print_report_paths(outcome.run_id, outcome.reports)


@click.command()
@click.option(
    "--redis",
    "redis_url",
    required=True,
    metavar="АДРЕС",
    help="Сервер Redis запуска (тот же, что у cmn-audit run --redis), например "
    "redis://192.168.1.10:6379/0.",
)
@click.option(
    "--processes",
    type=int,
    default=default_processes,
    metavar="ЧИСЛО",
    help="Сколько документов читать одновременно, по процессу на ядро (по умолчанию — число "
    "ядер этого компьютера).",
)
@click.option(
    "--crawl-sites",
    type=int,
    default=CRAWL_SITES,
    show_default=True,
    metavar="ЧИСЛО",
    help="Сколько сайтов обходить одновременно (0 — только читать документы).",
)
def worker(redis_url: str, processes: int, crawl_sites: int) -> None:
    """Помогать запускам с --redis: обходить их сайты и читать документы (в том числе
    распознавать сканы) на этом компьютере. Рабочая папка не нужна; остановить — Ctrl+C."""
    run_worker(redis_url, max(1, processes), echo=click.echo, crawl_sites=max(0, crawl_sites))


@click.command()
@WORKSPACE_OPTION
@RUN_OPTION
def confirm(workspace: Path, run_id: str | None) -> None:
    """Подтвердить результаты запуска, письма которого задержаны, и подготовить их к отправке."""
    settings = load_workspace(workspace)
    with workspace_lock(settings.root, "cmn-audit confirm"):
        run_id, paths = confirm_run(settings, run_id, echo=click.echo)
    print_report_paths(run_id, paths)


@click.command()
@WORKSPACE_OPTION
@RUN_OPTION
@click.option(
    "--format",
    "formats",
    callback=_report_formats,
    metavar="ФОРМАТЫ",
    help="Через запятую: html, docx, pdf, xlsx, csv, json, eml, dashboard (по умолчанию все).",
)
@click.option(
    "--school",
    "schools",
    multiple=True,
    metavar="КОД",
    help="Только письма этой организации (можно повторить); справка и выгрузки не пишутся.",
)
def report(
    workspace: Path, run_id: str | None, formats: tuple[str, ...], schools: tuple[str, ...]
) -> None:
    """Заново сформировать отчёты сохранённого запуска без повторного обхода сайтов."""
    settings = load_workspace(workspace)
    with workspace_lock(settings.root, "cmn-audit report"):
        con = connect(settings.db_path)
        try:
            run_id = resolve_run(con, run_id)
            known = {
                row[0]
                for row in con.execute(
                    "SELECT org_id FROM organisations WHERE run_id = ?", [run_id]
                ).fetchall()
            }
            if missing := [school for school in schools if school not in known]:
                raise UserError(
                    messages.REPORT_UNKNOWN_SCHOOL.format(schools=", ".join(missing), run_id=run_id)
                )
            paths = outputs.write_run_reports(
                con, settings, run_id, formats=formats, schools=set(schools) or None
            )
        finally:
            con.close()
    print_report_paths(run_id, paths)


@click.command()
@WORKSPACE_OPTION
@RUN_OPTION
def replay(workspace: Path, run_id: str | None) -> None:
    """Повторить проверку сохранённого запуска по его архиву, без обхода сайтов."""
    settings = load_workspace(workspace)
    if run_id is None:
        con = connect(settings.db_path, read_only=True)
        try:
            run_id = resolve_run(con, None)
        finally:
            con.close()
    with workspace_lock(settings.root, "cmn-audit replay"):
        outcome = reaudit_from_archive(settings, run_id, echo=click.echo)
    print_report_paths(outcome.run_id, outcome.reports)


COMMANDS = (init, run, worker, confirm, report, replay)
