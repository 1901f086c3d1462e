"""Reader-facing words, one YAML file per concern (`dates.yml`, `citation.yml`, ...) with
both languages side by side.

Notices, labels, captions and status names live here rather than in Python or Jinja, so
a translator or editor finds every word a reader sees in one place per concern, and a
wording is changed in one place and never in code.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

FOLDER = WORDS_DIR = Path(__file__).parent


@cache
def load(concern: str) -> dict[str, dict]:
    """Every language's words of one concern: `{"fi": {...}, "en": {...}}`, read once per process."""
    with open(FOLDER / f"{concern}.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def words_in(words: dict[str, dict], language: str | None, fallback: str = "en") -> dict:
    """The words of `language`, or of `fallback` for a language the file does not have."""
    return words.get(language or "") or words[fallback]
