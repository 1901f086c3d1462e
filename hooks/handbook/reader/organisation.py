"""Facts only the organisation can supply, shown on a page only when mkdocs.yml sets them.

The privacy notice and the accessibility statement name things this project cannot know:
the publisher's decision on server logs, the address for accessibility feedback. They
live in `extra.organisation` (each fact in both languages); a page holds a marker line

    <!-- organisation: server_logs -->

which becomes the fact in the page's language, or disappears while the fact is unset, so
no reader sees a placeholder. A marker naming no known fact is a located warning.
"""

from __future__ import annotations

import re
from pathlib import Path

from handbook.core import BuildHook, handbook_logger, relative_to_root

log = handbook_logger("organisation")

FACTS = ("server_logs", "accessibility_feedback")
MARKER = re.compile(r"^[ \t]*<!--[ \t]*organisation:[ \t]*([A-Za-z0-9_-]+)[ \t]*-->[ \t]*$", re.MULTILINE)


def fill_markers(markdown: str, facts: dict, language: str) -> tuple[str, list[tuple[int, str]]]:
    """The page with every marker replaced (or removed) and the unknown markers by line."""
    unknown: list[tuple[int, str]] = []

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in FACTS:
            unknown.append((markdown.count("\n", 0, match.start()) + 1, name))
            return match.group(0)
        fact = facts.get(name) or {}
        return str(fact.get(language) or "") if isinstance(fact, dict) else ""

    return MARKER.sub(replace, markdown), unknown


class OrganisationFactsHook(BuildHook):
    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        if "organisation:" not in markdown:
            return markdown
        facts = (config.extra.get("organisation") or {}) if hasattr(config.extra, "get") else {}
        language = (page.file.src_uri.split("/", 1)[0]) or "fi"
        filled, unknown = fill_markers(markdown, facts, language)
        if unknown:
            source = relative_to_root(Path(page.file.abs_src_path), Path(config.config_file_path).parent) if page.file.abs_src_path else page.file.src_uri
            offset = _body_offset(page)
            for line, name in unknown:
                log.warning(f"{source}:{line + offset}: 'organisation: {name}' is no fact mkdocs.yml can set (known: {', '.join(FACTS)})")
        return filled


def _body_offset(page) -> int:
    """Lines of front matter before the Markdown MkDocs hands to on_page_markdown."""
    try:
        text = page.file.content_string
    except (OSError, ValueError, AssertionError):
        return 0
    body_start = text.find(page.markdown) if page.markdown else -1
    return text.count("\n", 0, body_start) if body_start > 0 else 0
