"""The `cmn-audit` command line: the group and its run commands (app.py), a module per concern."""

from cmn_audit.cli.app import cli, main

__all__ = ["cli", "main"]
