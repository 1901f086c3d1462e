"""Entry points: check a loaded config or a config file."""

from __future__ import annotations

from pathlib import Path

from handbook.core import Finding
from handbook.references.checker import Checker
from handbook.references.settings import Settings, settings_from_config

# --- Entry points


def check_site(settings: Settings) -> list[Finding]:
    """Every finding for the whole site (both languages), sorted and deduplicated."""
    return Checker(settings).run()


def check_config_file(config_file: str | Path) -> list[Finding]:
    """Load mkdocs.yml through MkDocs (no build, no rendering) and check the site."""
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    return check_site(settings_from_config(config))
