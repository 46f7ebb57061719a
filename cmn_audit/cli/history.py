"""`cmn-audit history`, `diff`, `follow-up`, `trends`, `rescore` and `schedule`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
import duckdb

from cmn_audit import messages
from cmn_audit import schedule as planner
from cmn_audit.cli.options import RUN_OPTION, WORKSPACE_OPTION, print_report_paths
from cmn_audit.config import Workspace, load_workspace
from cmn_audit.history import text
from cmn_audit.history.diff import diff_runs
from cmn_audit.history.runs import follow_up as follow
from cmn_audit.history.runs import interrupted_runs, list_runs
from cmn_audit.history.trends import criterion_trend, municipality_trend
from cmn_audit.history.trends import trends as trend_points
from cmn_audit.messages import UserError
from cmn_audit.pipeline.rescore import rescore_run
from cmn_audit.registry import read_registry
from cmn_audit.store import connect, resolve_run
from reports.exports.trends import write_trend_csv, write_trend_workbook

REGISTRY_OPTION = click.option(
    "--registry",
    "-r",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Реестр организаций (.csv или .xlsx), по которому проверять.",
)


@contextmanager
def opened_store(workspace: Path) -> Iterator[tuple[Workspace, duckdb.DuckDBPyConnection]]:
    """The workspace and its store, migrated to this version; a run holding it is explained."""
    settings = load_workspace(workspace)
    if not settings.db_path.exists():
        raise UserError(messages.NO_RUNS)
    con = connect(settings.db_path)  # a store held by a run, or damaged, is a UserError
    try:
        yield settings, con
    finally:
        con.close()


@click.command()
@WORKSPACE_OPTION
def history(workspace: Path) -> None:
    """Перечислить запуски: дата, профиль, число школ, доля соответствующих, состояние."""
    settings = load_workspace(workspace)
    if not settings.db_path.exists():  # nothing saved yet; a first run may have been stopped
        click.echo(text.render_runs(interrupted_runs(settings.runs_dir)))
        return
    with opened_store(workspace) as (settings, con):
        click.echo(text.render_runs(list_runs(con, settings.runs_dir)))


@click.command()
@WORKSPACE_OPTION
@click.argument("run_a", metavar="ЗАПУСК_А")
@click.argument("run_b", metavar="ЗАПУСК_Б")
def diff(workspace: Path, run_a: str, run_b: str) -> None:
    """Сравнить два запуска: что исправлено, что появилось, что сохраняется, по каждой школе."""
    with opened_store(workspace) as (_, con):
        click.echo(text.render_diff(diff_runs(con, run_a, run_b)))


@click.command("follow-up")
@WORKSPACE_OPTION
@RUN_OPTION
def follow_up(workspace: Path, run_id: str | None) -> None:
    """Показать, исправлены ли замечания из писем предыдущего запуска (после их срока)."""
    with opened_store(workspace) as (_, con):
        click.echo(text.render_follow_up(follow(con, resolve_run(con, run_id))))


@click.command()
@WORKSPACE_OPTION
@click.option(
    "--format",
    "file_format",
    type=click.Choice(["csv", "xlsx"]),
    default=None,
    help="Формат: csv (UTF-8, «;») или xlsx; по умолчанию — по расширению --output, иначе csv.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Куда записать таблицу (по умолчанию reports/trends.csv|xlsx в рабочей папке).",
)
@click.option("--school", "org_id", default=None, help="Только одна организация (код).")
@click.option("--rule", "rule_id", default=None, help="Только один критерий (код правила).")
@click.option("--with-rescores", is_flag=True, help="Включить пересчитанные запуски.")
def trends(
    workspace: Path,
    file_format: str | None,
    output: Path | None,
    org_id: str | None,
    rule_id: str | None,
    with_rescores: bool,
) -> None:
    """Динамика по школам, критериям и муниципалитету за все запуски: таблица CSV или Excel."""
    if file_format is None:
        file_format = "xlsx" if output is not None and output.suffix.lower() == ".xlsx" else "csv"
    with opened_store(workspace) as (settings, con):
        points = trend_points(con, org_id=org_id, rule_id=rule_id, include_rescores=with_rescores)
        runs = municipality_trend(con, include_rescores=with_rescores)
    if not runs:
        raise UserError(messages.TREND_NONE)
    output = output or settings.reports_dir / f"trends.{file_format}"
    output.parent.mkdir(parents=True, exist_ok=True)
    if file_format == "xlsx":
        write_trend_workbook(
            text.trend_sheets(points, runs, criterion_trend(runs, rule_id)), output
        )
    else:
        write_trend_csv(messages.TREND_COLUMNS, text.trend_rows(points), output)
    click.echo(text.render_trend(runs))
    click.echo(messages.TREND_WRITTEN.format(path=output.resolve(), rows=len(points)))


@click.command()
@WORKSPACE_OPTION
@click.option("--run", "run_id", required=True, help="Номер запуска, который пересчитать.")
@click.option(
    "--profile", "profile_name", required=True, help="Профиль правил: имя или путь к файлу .toml."
)
def rescore(workspace: Path, run_id: str, profile_name: str) -> None:
    """Пересчитать сохранённый запуск по другому (или исправленному) профилю без обхода сайтов."""
    new_id, paths = rescore_run(load_workspace(workspace), run_id, profile_name, echo=click.echo)
    print_report_paths(new_id, paths)


@click.command()
@WORKSPACE_OPTION
@REGISTRY_OPTION
@click.argument("expression", metavar="«РАСПИСАНИЕ»")
@click.option("--dry-run", is_flag=True, help="Только показать, что будет установлено.")
@click.option("--systemd", "use_systemd", is_flag=True, help="Таймер systemd вместо crontab.")
def schedule(
    workspace: Path, registry: Path, expression: str, dry_run: bool, use_systemd: bool
) -> None:
    """Проверять сайты по расписанию cron («мин час день месяц день_недели»): crontab, systemd."""
    plan = planner.parse_cron(expression)
    load_workspace(workspace)
    for note in read_registry(registry).notes:  # a broken registry is refused now, not at 3 a.m.
        click.echo(note)
    job = planner.scheduled_run(workspace, registry)
    if use_systemd:
        units = planner.systemd_units(plan, job)
        unit_dir = planner.user_unit_dir()
        if dry_run:
            click.echo(messages.SYSTEMD_DRY_RUN)
            for name, unit in units.items():
                click.echo(messages.SYSTEMD_FILE.format(path=unit_dir / name))
                click.echo(unit)
            return
        paths, problem = planner.install_systemd(units, unit_dir)
        timer = f"{job.unit_name}.timer"
        listed = ", ".join(str(path) for path in paths)
        if problem is not None:
            raise UserError(
                messages.SYSTEMD_NOT_ENABLED.format(paths=listed, error=problem, timer=timer)
            )
        click.echo(messages.SYSTEMD_INSTALLED.format(timer=timer, paths=listed, log=job.log))
        return
    line = planner.crontab_line(plan, job)
    if dry_run:
        click.echo(messages.CRONTAB_DRY_RUN.format(line=line))
        return
    planner.install_crontab(line, job.marker)
    click.echo(
        messages.CRONTAB_INSTALLED.format(expression=plan.expression, line=line, log=job.log)
    )


COMMANDS = (history, diff, follow_up, trends, rescore, schedule)
