"""Findings for the build log, the CI policy and the settings of extra.translation_track."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from handbook.core import Finding
from handbook.translation.pins import (
    DEFAULT_FAIL_ON,
    DEFAULT_MAX_OUTDATED_DAYS,
    DEFAULT_WARN,
    DRAFT_KEY,
    DRAFT_VALUE,
    HASH_KEY,
    STATUSES,
)
from handbook.translation.track import PageStatus, Track

# --- Findings for the build log and the CI policy


def ack_command(page: PageStatus) -> str:
    return f'make translations ARGS="ack {page.path}"'


def page_findings(page: PageStatus, language: str, warn: Iterable[str]) -> list[Finding]:
    """One line per problem, located where it applies; `warn` statuses warn, the rest inform."""
    warn = set(warn)
    severity = "warning" if page.status in warn else "info"
    findings = list(page.errors)  # unreadable input always warns
    where = page.translation
    if page.status == "missing":
        findings.append(Finding(page.source, 0, message=f"missing: no {language} translation ({page.twin}); readers get the Finnish page", kind="missing", severity=severity))
    elif page.status == "orphan":
        hint = f"; renamed to {page.suggestion}?" if page.suggestion else "; delete it or move it to the path of its Finnish source"
        findings.append(Finding(where, 0, message=f"orphan: no Finnish source ({page.twin}){hint}", kind="orphan", severity=severity))
    elif page.status == "draft":
        findings.append(Finding(where, page.line, message=f"draft: marked '{DRAFT_KEY}: {DRAFT_VALUE}', readers get it as untranslated; remove the line when the translation is done", kind="draft", severity=severity))
    elif page.status == "unpinned" and not page.errors:
        findings.append(Finding(where, page.line, message=f"unpinned: no {HASH_KEY}, so nobody knows whether it matches {page.source}; after review pin it: {ack_command(page)}", kind="unpinned", severity=severity))
    elif page.status == "outdated":
        sections = ", ".join(page.changed_sections) or "none by heading"
        when = f"{page.changed.date().isoformat()}, {page.days_outdated} days ago, from {'git' if page.date_evidence == 'git' else 'the file date'}"
        findings.append(Finding(where, page.line, message=f"outdated: {page.source} changed since this translation was pinned (sections: {sections}; changed {when}); review, then {ack_command(page)}", kind="outdated", severity=severity))
    drift_severity = "warning" if "drifted" in warn else "info"
    for drift in page.drift:
        findings.append(Finding(where, drift.line, message=f"drifted: {drift.message}", kind="drifted", severity=drift_severity))
    return findings


def track_findings(track: Track, warn: Iterable[str] = DEFAULT_WARN) -> list[Finding]:
    findings = []
    for language, lang_track in track.languages.items():
        for page in lang_track.pages:
            findings.extend(page_findings(page, language, warn))
    return findings


def policy_violations(track: Track, fail_on: Iterable[str] = DEFAULT_FAIL_ON, max_outdated_days: int | None = DEFAULT_MAX_OUTDATED_DAYS) -> list[str]:
    """Why CI should fail: statuses in `fail_on`, outdated pages older than the limit, unreadable files."""
    fail_on = set(fail_on)
    reasons = []
    for language, lang_track in track.languages.items():
        for page in lang_track.pages:
            name = f"{language}/{page.path}"
            for error in page.errors:
                reasons.append(error.format())
            if page.status in fail_on:
                reasons.append(f"{name}: {page.status}")
            elif page.status == "outdated" and max_outdated_days is not None and (page.days_outdated or 0) > max_outdated_days:
                reasons.append(f"{name}: outdated for {page.days_outdated} days (limit {max_outdated_days})")
    return reasons


# --- Settings from mkdocs.yml `extra.translation_track`


@dataclass
class Settings:
    source_language: str = "fi"
    languages: list[str] | None = None
    warn: tuple[str, ...] = DEFAULT_WARN
    fail_on: tuple[str, ...] = DEFAULT_FAIL_ON
    max_outdated_days: int | None = DEFAULT_MAX_OUTDATED_DAYS
    status_page: str = "kaannostilanne.md"


class SettingsError(ValueError):
    pass


def read_settings(extra: dict | None) -> Settings:
    raw = (extra or {}).get("translation_track") or {}
    if not isinstance(raw, dict):
        raise SettingsError("extra.translation_track must be a mapping")
    known = {"source_language", "languages", "warn", "fail_on", "max_outdated_days", "status_page"}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise SettingsError(f"extra.translation_track: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    settings = Settings()
    for key in ("warn", "fail_on"):
        if key in raw:
            values = raw[key] or []
            bad = [v for v in values if v not in STATUSES] if isinstance(values, list) else [values]
            if bad:
                raise SettingsError(f"extra.translation_track.{key}: {bad} is not a list of statuses ({', '.join(STATUSES)})")
            setattr(settings, key, tuple(values))
    if "max_outdated_days" in raw:
        value = raw["max_outdated_days"]
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            raise SettingsError("extra.translation_track.max_outdated_days must be a whole number of days (or null for no limit)")
        settings.max_outdated_days = value
    if "source_language" in raw:
        settings.source_language = str(raw["source_language"])
    if "languages" in raw:
        if not isinstance(raw["languages"], list):
            raise SettingsError("extra.translation_track.languages must be a list of language folders")
        settings.languages = [str(v) for v in raw["languages"]]
    if "status_page" in raw:
        settings.status_page = str(raw["status_page"])
    return settings


def load_project(config_file: Path) -> tuple[Path, Path, Settings]:
    """Project root, docs folder and settings from mkdocs.yml, without loading MkDocs.

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
    return root, docs_dir, read_settings(config.get("extra"))
