"""The reference check during a build: once per `mkdocs build`, before any page renders.

It runs before rendering so that every missing snippet is listed with its line before
pymdownx.snippets (check_paths: true) would stop the build at the first one. MkDocs' own
`validation:` is set to `ignore` for what this check owns (README, "Checking references").
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from handbook.core import BuildHook, handbook_logger, report
from handbook.references.entry import check_site
from handbook.references.settings import ReferenceCheckError, settings_from_config

log = handbook_logger("references")


class ReferenceCheckHook(BuildHook):
    def start(self, config) -> None:
        try:
            settings = settings_from_config(config)
        except ReferenceCheckError as error:
            raise PluginError(f"mkdocs.yml: {error}") from None
        findings = check_site(settings)
        report(findings, log)
        missing = [finding for finding in findings if finding.kind == "missing-snippet"]
        if missing and settings.snippet_check_paths:
            # pymdownx.snippets would raise on the first one with a traceback; stop cleanly instead.
            raise PluginError(f"{len(missing)} snippet include(s) do not exist (listed above); fix them to build the site")
