"""What the reference check is told by mkdocs.yml: languages, severities, Markdown options, generated ids."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handbook.core import SEVERITIES

# Each kind of finding and its default severity (override in mkdocs.yml
# `extra: reference_check: severity: {kind: error|warning|info|ignore}`).
DEFAULT_SEVERITY = {
    "broken-link": "warning",  # a page or file that does not exist (raw HTML: at the address the browser asks for)
    "case-mismatch": "warning",  # exists only with other letter case: works on a laptop, not on the server
    "folder-link": "warning",  # a page linked by its web address (`osa/`, `../kenelle/`); MkDocs leaves it as is
    "broken-anchor": "warning",  # `#id` that the target page does not have
    "anchor-drift": "warning",  # the id exists in one language's page only
    "undefined-reference": "warning",  # `[text][ref]` without `[ref]: url`; renders as literal text
    "unused-definition": "info",  # `[ref]: url` that nothing uses
    "missing-snippet": "error",  # `--8<--` include that does not exist
    "nav-target": "warning",  # a nav entry whose page or `#fragment` does not exist
    "absolute-link": "warning",  # an own-site absolute URL, or one edition's address (/latest/...), that should be relative
    "cross-language": "warning",  # a link into the other language's pages, not marked deliberate
    "untranslated-target": "info",  # an English page links to a page that exists only in Finnish
    "orphan-page": "warning",  # reachable from no nav entry and no link
    "duplicate-id": "warning",  # the same id twice on one page
    "unreadable-file": "error",  # not UTF-8, cannot be read, empty, or front matter that is not YAML
}
LEVELS = SEVERITIES + ("ignore",)
LANGUAGE_NAMES = {"fi": "Finnish", "en": "English", "sv": "Swedish"}
# The attribute that marks a deliberate cross-language link: `[English](../en/x/){hreflang=en}`.
CROSS_LANGUAGE_MARKER = "hreflang"

_PAGE_SUFFIXES = (".md", ".markdown")
_SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "sms:", "ftp:", "file:")


class ReferenceCheckError(ValueError):
    """Configuration the checker cannot work with; the message names what to fix."""


@dataclass
class Settings:
    """Everything the checker needs from mkdocs.yml; build it with `settings_from_config`."""

    root: Path  # the config file's folder: paths in messages are relative to it
    docs_dir: Path
    languages: tuple[str, ...]  # the default language first
    config: Any = None  # the loaded MkDocs config: the pages are rendered with its extensions
    config_file: Path | None = None
    navs: dict[str, list] = field(default_factory=dict)  # language -> raw nav
    site_url: str = ""
    use_directory_urls: bool = True
    snippet_bases: tuple[Path, ...] = ()
    snippets: bool = False
    snippet_check_paths: bool = False
    snippet_restrict_base: bool = True
    severity: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_SEVERITY))
    # docs-relative source path -> ids hooks add to that page after Markdown.
    generated_ids: dict[str, set[str]] = field(default_factory=dict)
    not_in_nav: Callable[[str], bool] | None = None
    # mkdocs-static-i18n's fallback_to_default: a page missing in a language is built from the default's file.
    fallback_to_default: bool = True
    # Names of published editions that readers may paste into links (`extra.version.default`, mike).
    editions: tuple[str, ...] = ()

    @property
    def default(self) -> str:
        return self.languages[0]


# --- Settings from a loaded MkDocs config


def settings_from_config(config: Any) -> Settings:
    """Read the checker's settings from a validated MkDocs config (build or standalone)."""
    config_file = Path(config["config_file_path"]).resolve()
    root = config_file.parent
    extensions = [name for name in config["markdown_extensions"] if isinstance(name, str)]
    mdx = config["mdx_configs"]

    languages, navs = _languages(config)
    snippet_config = mdx.get("pymdownx.snippets", {})
    bases = snippet_config.get("base_path", ["."])
    if isinstance(bases, (str, os.PathLike)):
        bases = [bases]
    snippet_bases = tuple(Path(os.fspath(base)) if os.path.isabs(os.fspath(base)) else (Path.cwd() / os.fspath(base)) for base in bases)

    extra = config["extra"] or {}
    check_config = extra.get("reference_check", {}) or {}
    severity = dict(DEFAULT_SEVERITY)
    for kind, level in (check_config.get("severity", {}) or {}).items():
        if kind not in DEFAULT_SEVERITY:
            raise ReferenceCheckError(f"extra.reference_check.severity: unknown kind '{kind}' (known: {', '.join(DEFAULT_SEVERITY)})")
        if level not in LEVELS:
            raise ReferenceCheckError(f"extra.reference_check.severity.{kind}: '{level}' is not one of {', '.join(LEVELS)}")
        severity[kind] = level

    not_in_nav = config.get("not_in_nav")
    return Settings(
        root=root,
        docs_dir=Path(config["docs_dir"]).resolve(),
        languages=languages,
        config=config,
        config_file=config_file,
        navs=navs,
        site_url=config.get("site_url") or "",
        use_directory_urls=config.get("use_directory_urls", True),
        snippet_bases=snippet_bases,
        snippets="pymdownx.snippets" in extensions,
        snippet_check_paths=bool(snippet_config.get("check_paths", False)),
        snippet_restrict_base=bool(snippet_config.get("restrict_base_path", True)),
        severity=severity,
        generated_ids=_generated_ids(config),
        not_in_nav=not_in_nav.match_file if not_in_nav is not None and hasattr(not_in_nav, "match_file") else None,
        fallback_to_default=_fallback_to_default(config),
        editions=_editions(extra),
    )


def _languages(config: Any) -> tuple[tuple[str, ...], dict[str, list]]:
    """Locales from the i18n plugin's configuration (folder layout), default first."""
    nav = config["nav"] or []
    plugin = config["plugins"].get("i18n") if hasattr(config["plugins"], "get") else None
    plugin_config = getattr(plugin, "config", None) or {}
    entries = plugin_config.get("languages") if hasattr(plugin_config, "get") else None
    if not entries:
        return ("",), {"": nav}
    locales, navs = [], {}
    for entry in entries:
        locale = entry["locale"]
        if entry.get("default"):
            locales.insert(0, locale)
        else:
            locales.append(locale)
        navs[locale] = entry.get("nav") or nav
    return tuple(locales), navs


def _fallback_to_default(config: Any) -> bool:
    plugin = config["plugins"].get("i18n") if hasattr(config["plugins"], "get") else None
    plugin_config = getattr(plugin, "config", None) or {}
    return bool(plugin_config.get("fallback_to_default", True)) if hasattr(plugin_config, "get") else True


def _editions(extra: Any) -> tuple[str, ...]:
    """Edition names readers see in addresses: the version selector's default aliases (latest, dev)."""
    version = extra.get("version") if hasattr(extra, "get") else None
    names = version.get("default") if isinstance(version, dict) else None
    if isinstance(names, str):
        names = [names]
    return tuple(str(name) for name in names or ())


def _generated_ids(config: Any) -> dict[str, set[str]]:
    """Ids hooks add to pages, from each hook module's `generated_anchor_ids(config)`."""
    generated: dict[str, set[str]] = {}
    for name, module in (config.get("hooks") or {}).items():
        provider = getattr(module, "generated_anchor_ids", None)
        if provider is None:
            continue
        try:
            provided = provider(config) or {}
            for path, ids in provided.items():
                generated.setdefault(str(path).replace(os.sep, "/"), set()).update(ids)
        except Exception as error:  # a hook's own data problem: name it, do not crash the check
            if type(error).__module__.startswith("mkdocs"):
                raise  # already a clean message (PluginError)
            raise ReferenceCheckError(f"{name}: generated_anchor_ids() failed: {error}") from error
    return generated
