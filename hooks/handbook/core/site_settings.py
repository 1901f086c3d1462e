"""The site-wide keys of `extra` that our features read, validated when MkDocs loads the config.

`extra` also holds Material's own keys (version, alternate, social, ...), so only ours are
judged here: `glossary` (the data file), `glossary_links` (terms linked to their entries), `footer_links` (the service pages every page
links, required by law for the accessibility statement) and `edition` (printed on the
first page of a print), `organisation` (facts only the organisation can supply), `citation` (the author the page
citations name). The blocks of one concern (`translation_track`,
`reference_check`) are declared with that concern.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError

from handbook.core.findings import handbook_logger
from handbook.core.lifecycle import BuildHook
from handbook.core.settings import InBothLanguages, OnOff, SettingsError, located, validate_block

log = handbook_logger("settings")


class OrganisationFacts(base.Config):
    """What only the organisation can supply (handbook.reader.organisation shows it when set)."""

    server_logs = InBothLanguages()
    accessibility_feedback = InBothLanguages()


class Citation(base.Config):
    """Who the page citations name as the author (handbook.reader.citation); CITATION.cff agrees."""

    organisation = c.Optional(c.Type(str))


class SiteSettings(base.Config):
    glossary = c.Optional(c.Type(str))
    glossary_links = OnOff(default=True)
    organisation = c.SubConfig(OrganisationFacts)
    citation = c.SubConfig(Citation)
    footer_links = c.ListOfItems(c.Type(str), default=[])
    edition = c.Optional(c.Type((str, int)))


OURS = tuple(key for key, _ in SiteSettings._schema)


def read_site_settings(extra: dict | None, config_file: str | Path | None) -> SiteSettings:
    ours = {key: value for key, value in (extra or {}).items() if key in OURS}
    return validate_block(SiteSettings, ours, "extra", config_file)


def missing_footer_pages(footer_links: list[str], source_docs: Path) -> list[tuple[str, str | None]]:
    """Footer links naming no page of the source language, each with the nearest page."""
    pages = sorted(path.relative_to(source_docs).as_posix() for path in source_docs.rglob("*.md")) if source_docs.is_dir() else []
    missing = []
    for wanted in footer_links:
        if wanted not in pages:
            close = difflib.get_close_matches(wanted, pages, n=1, cutoff=0.6)
            missing.append((wanted, close[0] if close else None))
    return missing


class SiteSettingsHook(BuildHook):
    def on_config(self, config):
        try:
            settings = read_site_settings(config.extra, config.config_file_path)
        except SettingsError as error:
            raise PluginError(str(error)) from None
        self.footer_links = list(settings.footer_links)
        return config

    def start(self, config) -> None:
        # The footer template silently drops a link to a page that does not exist.
        source_docs = Path(config.docs_dir) / (config.theme.get("language") or "")
        for wanted, nearest in missing_footer_pages(getattr(self, "footer_links", []), source_docs):
            hint = f"; did you mean '{nearest}'?" if nearest else ""
            where = located(config.config_file_path, "extra.footer_links", "")
            log.warning(f"{where}extra.footer_links: '{wanted}' is no page of {source_docs.name or 'docs'}/, so readers get no link to it{hint}")
