"""`cmn-audit send`: the letters of a run to the schools, through the centre's SMTP server."""

from __future__ import annotations

from pathlib import Path

import click

from cmn_audit import messages
from cmn_audit.cli.options import RUN_OPTION, WORKSPACE_OPTION
from cmn_audit.config import load_workspace
from cmn_audit.mailer import send_drafts
from cmn_audit.messages import UserError
from cmn_audit.store import connect, letters_held, resolve_run


@click.command()
@WORKSPACE_OPTION
@RUN_OPTION
@click.option("--school", "schools", multiple=True, help="Код школы из реестра (можно повторять).")
def send(workspace: Path, run_id: str | None, schools: tuple[str, ...]) -> None:
    """Отправить школам письма с адресными рекомендациями через почтовый сервер центра."""
    settings = load_workspace(workspace)
    con = connect(settings.db_path, read_only=True)
    try:
        run_id = resolve_run(con, run_id)
        held = letters_held(con, run_id)
    finally:
        con.close()
    if held:  # a collapsed run's letters wait for `cmn-audit confirm`
        raise UserError(messages.MAIL_HELD.format(run_id=run_id))
    count = send_drafts(settings, run_id, schools=schools, echo=click.echo)
    click.echo(messages.MAIL_SENT.format(count=count))


COMMANDS = (send,)
