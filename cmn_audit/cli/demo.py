"""`cmn-audit demo`: the bundled demo municipality served on 127.0.0.1 and audited."""

from __future__ import annotations

from pathlib import Path

import click

from cmn_audit import messages
from cmn_audit.cli.options import WORKSPACE_OPTION, report_path_lines
from cmn_audit.demo.audit import run_demo


@click.command()
@WORKSPACE_OPTION
@click.option(
    "--serve",
    is_flag=True,
    help="После проверки оставить демо-сайты работать (до Ctrl+C), чтобы проверить их самому.",
)
def demo(workspace: Path, serve: bool) -> None:
    """Поднять демо-муниципалитет на 127.0.0.1 и выполнить по нему полную проверку."""

    def announce(outcome) -> None:
        for line in demo_announcement(outcome):
            click.echo(line)

    run_demo(workspace, echo=click.echo, serve=serve, announce=announce)


def demo_announcement(outcome) -> list[str]:
    """What `demo` prints once the audit is done: every report's path, then where to start."""
    done = messages.DEMO_DONE.format(reference=outcome.reports.reference_html.resolve())
    return [*report_path_lines(outcome.run_id, outcome.reports), done]


COMMANDS = (demo,)
