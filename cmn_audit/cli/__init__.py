"""The `cmn-audit` command line: the group (app.py) and a module per group of commands."""

from cmn_audit.cli.app import cli, main

__all__ = ["cli", "main"]
