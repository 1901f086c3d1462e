"""The term check during a build: once per `mkdocs build`, over the sources of both languages.

mkdocs.yml sets the severity of each kind (`extra: term_check: severity:`, like the
reference check's); the glossary is the file named in `extra.glossary`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from handbook.core import BuildHook, Finding, handbook_logger, relative_to_root, report
from handbook.core.kept import Kept, key_of
from handbook.document import store
from handbook.finnish import project_morphology
from handbook.glossary.hook import glossary_path, read_glossary
from handbook.terms.check import DEFAULT_SEVERITY, MissingTerm, term_report, term_site
from handbook.translation.markdown_config import build_renderer

log = handbook_logger("terms")
LEVELS = ("error", "warning", "info", "ignore")
RESULT = "terms.missing"


class TermCheckHook(BuildHook):
    def start(self, config) -> None:
        report(term_findings(config), log)


def term_findings(config) -> list[Finding]:
    """The term check of a loaded mkdocs.yml (the build's and `handbook check`'s); none
    without a glossary. A broken glossary or severity setting raises PluginError.

    The missing terms are kept on the build's document store for the translation status
    page (`missing_terms`)."""
    path = glossary_path(config)
    if path is None:
        return []
    root = Path(config.config_file_path).parent
    # Pages as readers read them, rendered with the site's Markdown configuration by the
    # build's one renderer (the translation track renders the same pages).
    renderer = build_renderer(config)
    site = term_site(root, Path(config.docs_dir), read_glossary(path, root), path, severity_from_config(config), renderer)
    texts = _page_texts(site)
    # The same glossary, settings, Markdown, page texts and snippet files as an earlier
    # run: its result stands (unless what the snippets include cannot be known).
    included = [renderer.input_of(text) for _, text in texts if isinstance(text, str)]
    whole = None not in included
    kept = Kept.for_project(root, "term-check")
    key = key_of(site.entries, sorted(site.severity.items()), site.glossary_shown, renderer.fingerprint, texts, renderer.snippets if whole else None)
    found = kept.get(key) if whole else None
    if found is None:
        # Something changed: each page and page pair the change did not touch keeps its
        # result (a file apart, so that a run served by the whole result above drops none).
        morphology = project_morphology(root)
        pages = Kept.for_project(root, "term-check-pages")
        found = term_report(site, morphology, pages)
        morphology.save()
        # The build's pins use every rendering of the file; this run may have needed few.
        renderer.cache.save(prune=False)
        pages.save()
    if whole:
        kept.put(key, found)
        kept.save()
    findings, missing = found
    store.current().results[RESULT] = missing
    return list(findings)


def _page_texts(site) -> tuple:
    """Every page of both languages as the check reads it (through the build's store)."""
    documents = store.current()
    texts = []
    for path in sorted(site.docs_dir.rglob("*.md")):
        text = documents.text(path)
        # An unreadable page (the check itself reports it) counts by its problem.
        texts.append((relative_to_root(path, site.root), text if isinstance(text, str) else ("unreadable", text.line, text.reason)))
    return tuple(texts)


def missing_terms() -> list[MissingTerm] | None:
    """The English sections lacking their Finnish twin's term, when the term check ran in this build."""
    return store.current().results.get(RESULT)  # type: ignore[return-value]


def severity_from_config(config) -> dict[str, str]:
    """`extra.term_check.severity` over the defaults; a typo stops the build with MkDocs' kind of message."""
    settings = (config.extra or {}).get("term_check") or {}
    if not isinstance(settings, dict):
        raise PluginError("mkdocs.yml: extra.term_check must be a mapping, e.g. {severity: {missing-term: info}}")
    severity = dict(DEFAULT_SEVERITY)
    for kind, level in (settings.get("severity") or {}).items():
        if kind not in DEFAULT_SEVERITY:
            raise PluginError(f"mkdocs.yml: extra.term_check.severity: unknown kind '{kind}' (known: {', '.join(DEFAULT_SEVERITY)})")
        if level not in LEVELS:
            raise PluginError(f"mkdocs.yml: extra.term_check.severity.{kind}: '{level}' is not one of {', '.join(LEVELS)}")
        severity[kind] = level
    return severity
