"""Reader-facing words, one YAML file per concern with both languages side by side.

Notices, labels, captions and status names live here rather than in Python or Jinja, so
a translator or editor finds every word a reader sees in one place per concern.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

FOLDER = Path(__file__).parent


@cache
def load(concern: str) -> dict:
    """The words of one concern (`practices`, `translation`, ...), keyed by language."""
    with open(FOLDER / f"{concern}.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)
