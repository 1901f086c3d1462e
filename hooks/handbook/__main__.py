"""`python -m handbook` is the `handbook` command."""

from handbook.cli.main import run

run()
