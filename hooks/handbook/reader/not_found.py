"""The page not found (404.html), at the site root and in each edition, in every language.

A reader who lands on a missing page may read either language, and the page's own
language cannot be known from a wrong address: so the page says it in Finnish and in
English, each part marked with its `lang`, and links to each language's start page and
search. It is served at any depth (`/2026/en/no/such/page/`), so its links are absolute
paths from the edition root; the editions hook keeps this Finnish build's page over the
English build's (handbook/editions/hook.py).
"""

from __future__ import annotations

import mkdocs.plugins

from handbook.core import BuildHook
from handbook.editions import links
from handbook.words import load

# The search opens on its own when a page is loaded with `?q=` (assets/javascripts/handbook/search.js).
SEARCH_QUERY = "?q="


def not_found_view(words: dict[str, dict], roots: dict[str, str], site_path: str, page_language: str | None) -> dict:
    """Each language's part: `lang`, words, and links to its start page and search.

    `roots` are the language folders inside the edition (`{"fi": "", "en": "en/"}`),
    `site_path` the edition's path (`/2026/`); languages without words are left out.
    """
    order = sorted(roots, key=lambda language: (language != page_language, list(roots).index(language)))
    parts = []
    for language in order:
        if language not in words:
            continue
        start = site_path + roots[language]
        parts.append({"lang": language, **words[language], "start_href": start, "search_href": start + SEARCH_QUERY})
    return {"parts": parts, "title": " · ".join(part["title"] for part in parts)}


class NotFoundHook(BuildHook):
    def __init__(self) -> None:
        # Set by on_config for each language's build: not per-build state.
        self.roots: dict[str, str] = {}
        super().__init__()

    # After mkdocs-static-i18n's on_config (-100), which sets the languages' start-page links.
    @mkdocs.plugins.event_priority(-150)
    def on_config(self, config):
        self.roots = links.language_roots(config.extra.get("alternate") or [], links.site_path(config.site_url))
        return config

    def on_template_context(self, context, template_name: str, config):
        if template_name == "404.html":
            roots = self.roots or {config.theme.get("language") or "fi": ""}
            context["not_found"] = not_found_view(load("not_found"), roots, links.site_path(config.site_url), config.theme.get("language"))
        return context
