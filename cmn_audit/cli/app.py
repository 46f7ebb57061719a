"""The `cmn-audit` command line: the group, and where each command lives.

A command's module is imported when the command is called, so `cmn-audit rules list` or a
mistyped call does not pay for importing the crawler, the reports and the pipeline.
"""

from __future__ import annotations

import os
import sys

import click

from audit_rules.model import ProfileError
from cmn_audit import messages
from cmn_audit.cli.russian import LazyWorkflowGroup, russian_error, speak_russian, usage_problem
from cmn_audit.messages import UserError

# Every command in the order `--help` lists them (the order of a methodologist's work), and
# the module (its COMMANDS) that defines it.
COMMAND_MODULES = {
    "init": "cmn_audit.cli.audit",
    "demo": "cmn_audit.cli.demo",
    "run": "cmn_audit.cli.audit",
    "report": "cmn_audit.cli.audit",
    "confirm": "cmn_audit.cli.audit",
    "send": "cmn_audit.cli.mail",
    "review": "cmn_audit.cli.judgement",
    "explain": "cmn_audit.cli.judgement",
    "override": "cmn_audit.cli.judgement",
    "evidence": "cmn_audit.cli.inspect",
    "history": "cmn_audit.cli.history",
    "diff": "cmn_audit.cli.history",
    "follow-up": "cmn_audit.cli.history",
    "trends": "cmn_audit.cli.history",
    "schedule": "cmn_audit.cli.history",
    "rescore": "cmn_audit.cli.history",
    "replay": "cmn_audit.cli.audit",
    "rules": "cmn_audit.cli.rules",
    "classify": "cmn_audit.cli.inspect",
    "evaluate": "cmn_audit.cli.inspect",
    "worker": "cmn_audit.cli.audit",
}


@click.group(
    cls=LazyWorkflowGroup,
    modules=COMMAND_MODULES,
    context_settings={"help_option_names": ["-h", "--help"]},
)
def cli() -> None:
    """Проверка сайтов образовательных организаций: раздел «Наставничество» (ЦМН)."""


speak_russian(cli)


def main() -> None:
    """Entry point: Russian messages for user errors, never a traceback."""
    try:
        cli.main(prog_name="cmn-audit", standalone_mode=False)
    except (UserError, ProfileError) as error:
        click.echo(f"Ошибка: {russian_error(str(error))}", err=True)
        sys.exit(2)
    except (click.exceptions.Abort, KeyboardInterrupt) as error:
        # Ctrl-C, or a crawl stopped by a signal (Click wraps KeyboardInterrupt in Abort).
        stop = error.__cause__ if isinstance(error, click.exceptions.Abort) else error
        click.echo(str(stop or "") or messages.INTERRUPTED, err=True)
        sys.exit(130)
    except click.UsageError as error:
        command = error.ctx.command_path if error.ctx else "cmn-audit"
        click.echo(
            messages.USAGE_ERROR.format(error=usage_problem(error), command=command), err=True
        )
        sys.exit(error.exit_code)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except Exception as error:
        if os.environ.get("CMN_AUDIT_DEBUG"):
            raise
        click.echo(messages.INTERNAL_ERROR.format(error=russian_error(str(error))), err=True)
        sys.exit(1)
