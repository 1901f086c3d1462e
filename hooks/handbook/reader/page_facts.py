"""Under every page's text: when it last changed and, on a translation, when it was last
checked against its source text (overrides/partials/handbook/page-facts.html).

Git is read once per `mkdocs build` (the outermost build, before the languages' builds);
each page then gets `page_facts` in its template context, in the page's language.
"""

from __future__ import annotations

from pathlib import Path

from handbook.core import BuildHook, relative_to_root
from handbook.reader import dates
from handbook.reader.git_history import read_history
from handbook.translation.pins import DRAFT_KEY, DRAFT_VALUE, HASH_KEY
from handbook.words import load_words, words_in


class PageFactsHook(BuildHook):
    def reset(self) -> None:
        self.history: dates.PageHistory = dates.NO_HISTORY
        self.date_words: dict = {}

    def start(self, config) -> None:
        self.history = read_history(_root(config), Path(config.docs_dir))
        self.date_words = load_words("dates")

    def on_page_context(self, context, page, config, nav):
        if not self.date_words or not page.file.abs_src_path:
            return context
        language = config.theme.get("language")
        words = words_in(self.date_words, language)
        source = relative_to_root(Path(page.file.abs_src_path), _root(config))
        lines = [dates.date_line("updated", dates.text_changed(self.history, source), words)]
        if is_checked_translation(page.meta or {}):
            lines.append(dates.date_line("reviewed", dates.translation_checked(self.history, source), words))
        context["page_facts"] = {"dates": lines}
        return context


def is_checked_translation(meta: dict) -> bool:
    """A translation pinned to its source text; a draft holds the source text itself."""
    return bool(meta.get(HASH_KEY)) and str(meta.get(DRAFT_KEY, "")).strip().lower() != DRAFT_VALUE


def _root(config) -> Path:
    return Path(config.config_file_path).parent
