"""Findings for the build log and the CI policy of the translation track."""

from __future__ import annotations

from collections.abc import Iterable

from handbook.core import Finding
from handbook.translation.pins import (
    DEFAULT_FAIL_ON,
    DEFAULT_MAX_OUTDATED_DAYS,
    DEFAULT_WARN,
    DRAFT_KEY,
    DRAFT_VALUE,
    HASH_KEY,
)
from handbook.translation.track import PageStatus, Track

# --- Findings for the build log and the CI policy


def ack_command(page: PageStatus) -> str:
    return f"handbook translations ack {page.path}"


def changes(page: PageStatus) -> str:
    """The changed sections with what changed in each: how severe an outdated page is shows here."""
    if not page.section_changes:
        return "sections: none by heading"
    return f"{page.severity} change, sections: " + ", ".join(f"{key} ({nature})" for key, nature in page.section_changes.items())


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
        when = f"{page.changed.date().isoformat()}, {page.days_outdated} days ago, from {'git' if page.date_evidence == 'git' else 'the file date'}"
        if page.pin_problem:
            message = f"outdated: the pin cannot be trusted ({page.pin_problem}), so this translation counts as outdated against {page.source} ({changes(page)}; changed {when}); review it, then {ack_command(page)}"
        else:
            message = f"outdated: {page.source} changed since this translation was pinned ({changes(page)}; changed {when}); review, then {ack_command(page)}"
        findings.append(Finding(where, page.line, message=message, kind="outdated", severity=severity))
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
