"""The settings of the translation track: `extra.translation_track` in mkdocs.yml.

Declared with MkDocs' own Config classes (handbook.core.settings) so that every mistake is
one located line with the valid choices. The defaults serve a Finnish-first organisation:
a Finnish edit never stops a build or a publish; an English page outdated for longer than
`max_outdated_days` fails `handbook translations status` (and a publish only when
`overdue_blocks_publish` is set); orphaned and drifted translations fail at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c

from handbook.core.settings import ListOf, SettingsError, WholeDays, validate_block  # noqa: F401
from handbook.translation.pins import DEFAULT_FAIL_ON, DEFAULT_MAX_OUTDATED_DAYS, DEFAULT_WARN, STATUSES


class TranslationTrackConfig(base.Config):
    source_language = c.Type(str, default="fi")
    languages = c.Optional(c.ListOfItems(c.Type(str)))
    # Statuses logged as warnings in a build (so `--strict` fails); the others are information.
    warn = ListOf(STATUSES, "a status", DEFAULT_WARN)
    # Statuses that fail `handbook translations status` (CI).
    fail_on = ListOf(STATUSES, "a status", DEFAULT_FAIL_ON)
    # The grace period of an outdated translation; null: no limit.
    max_outdated_days = WholeDays(DEFAULT_MAX_OUTDATED_DAYS)
    # Also refuse `handbook publish` while a translation is outdated beyond the grace period.
    overdue_blocks_publish = c.Type(bool, default=False)
    status_page = c.Type(str, default="kaannostilanne.md")


@dataclass
class Settings:
    source_language: str = "fi"
    languages: list[str] | None = None
    warn: tuple[str, ...] = DEFAULT_WARN
    fail_on: tuple[str, ...] = DEFAULT_FAIL_ON
    max_outdated_days: int | None = DEFAULT_MAX_OUTDATED_DAYS
    overdue_blocks_publish: bool = False
    status_page: str = "kaannostilanne.md"


def read_settings(extra: dict | None, config_file: Path | str | None = None) -> Settings:
    raw = (extra or {}).get("translation_track")
    block = validate_block(TranslationTrackConfig, raw, "extra.translation_track", config_file)
    return Settings(
        source_language=block.source_language,
        languages=list(block.languages) if block.languages is not None else None,
        warn=tuple(block.warn),
        fail_on=tuple(block.fail_on),
        max_outdated_days=block.max_outdated_days,
        overdue_blocks_publish=block.overdue_blocks_publish,
        status_page=block.status_page,
    )


def load_project(config_file: Path) -> tuple[Path, Path, Settings]:
    """Project root, docs folder and settings from mkdocs.yml, without loading MkDocs' plugins.

    Tags such as !ENV and !relative are irrelevant here and read as plain values.
    """

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    _Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    with open(config_file, encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=_Loader) or {}
    root = config_file.resolve().parent
    docs_dir = root / (config.get("docs_dir") or "docs")
    return root, docs_dir, read_settings(config.get("extra"), config_file)
