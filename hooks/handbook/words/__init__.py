"""Reader-facing words: one YAML file per concern (`dates.yml`, `citation.yml`, ...), both
languages side by side, so a wording is changed in one place and never in code."""

from __future__ import annotations

from pathlib import Path

import yaml

WORDS_DIR = Path(__file__).parent


def load_words(concern: str) -> dict[str, dict]:
    """Every language's words of one concern: `{"fi": {...}, "en": {...}}`."""
    with open(WORDS_DIR / f"{concern}.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def words_in(words: dict[str, dict], language: str | None, fallback: str = "en") -> dict:
    """The words of `language`, or of `fallback` for a language the file does not have."""
    return words.get(language or "") or words[fallback]
