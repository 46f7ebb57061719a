"""Options shared by the `cmn-audit` commands of every module."""

from __future__ import annotations

from pathlib import Path

import click

WORKSPACE_OPTION = click.option(
    "--workspace",
    "-w",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Рабочая папка (config.toml, база, отчёты).",
)
RUN_OPTION = click.option(
    "--run", "run_id", default=None, metavar="НОМЕР", help="Номер запуска (по умолчанию последний)."
)
