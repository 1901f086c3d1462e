"""Where the `handbook` command finds the project: the mkdocs.yml it is pointed at."""

from __future__ import annotations

from pathlib import Path

# The repository's own mkdocs.yml (this file is hooks/handbook/cli/project.py), so the
# command works from any folder; `--config-file` points it at another site.
DEFAULT_CONFIG = Path(__file__).resolve().parents[3] / "mkdocs.yml"
