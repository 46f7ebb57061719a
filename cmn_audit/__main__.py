"""`python -m cmn_audit` runs the CLI."""

from cmn_audit.cli import main

main()
