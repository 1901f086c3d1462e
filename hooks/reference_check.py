"""Check every internal reference of both languages once per `mkdocs build`, with file:line.

The check reads the Markdown sources (hooks/handbook_reference_check.py), so it runs
before any page renders: every missing snippet is listed with its line before
pymdownx.snippets (check_paths: true) would stop the build at the first one. MkDocs' own
`validation:` is set to `ignore` for what this check owns (see README, "Checking
references").
"""

from __future__ import annotations

import mkdocs.plugins
from mkdocs.exceptions import PluginError

# MkDocs puts this folder on sys.path while it loads a hook, so siblings import by name.
import handbook_reference_check
from handbook_build import BuildCycle, handbook_logger, report

log = handbook_logger("references")
# mkdocs-static-i18n builds each extra language nested inside the outer build: check once.
_cycle = BuildCycle()


# --- Hooks


def on_startup(**kwargs) -> None:
    _cycle.reset()


def on_pre_build(config) -> None:
    if not _cycle.enter():
        return
    try:
        settings = handbook_reference_check.settings_from_config(config)
    except handbook_reference_check.ReferenceCheckError as error:
        raise PluginError(f"mkdocs.yml: {error}") from None
    findings = handbook_reference_check.check_site(settings)
    report(findings, log)
    missing = [finding for finding in findings if finding.kind == "missing-snippet"]
    if missing and settings.snippet_check_paths:
        # pymdownx.snippets would raise on the first one with a traceback; stop cleanly instead.
        raise PluginError(f"{len(missing)} snippet include(s) do not exist (listed above); fix them to build the site")


@mkdocs.plugins.event_priority(-200)
def on_post_build(config) -> None:
    _cycle.leave()


def on_build_error(**kwargs) -> None:
    _cycle.reset()
