"""Entry points: check a loaded config or a config file, without building the site."""

from __future__ import annotations

from pathlib import Path

from handbook.core import Finding
from handbook.references.checker import Checker
from handbook.references.settings import Settings, settings_from_config
from handbook.references.standalone import render_site, renderer


def check_site(settings: Settings) -> list[Finding]:
    """Every finding for the whole site (both languages), sorted and deduplicated.

    The pages are rendered by MkDocs as a build renders them (no theme, nothing written)."""
    checker = Checker(settings, render=renderer(settings.config))
    checker.read()
    builds = render_site(settings, checker.raw)
    return checker.judge(builds)


def check_config_file(config_file: str | Path) -> list[Finding]:
    """Load mkdocs.yml through MkDocs and check the site."""
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    return check_site(settings_from_config(config))
