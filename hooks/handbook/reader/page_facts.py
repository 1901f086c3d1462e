"""Under every page's text: when it last changed, on a translation when it was last
checked against its source text, and how to cite the page
(overrides/partials/handbook/page-facts.html).

Git is read once per `mkdocs build` (the outermost build, before the languages' builds);
each page then gets `page_facts` in its template context, in the page's language, and
its BibTeX and RIS files are written next to it.
"""

from __future__ import annotations

import html
import os
from pathlib import Path, PurePosixPath

from mkdocs.utils import get_relative_url

from handbook.core import BuildHook, relative_to_root
from handbook.reader import citation as cite
from handbook.reader import dates
from handbook.reader.edition import edition_folder, edition_name
from handbook.reader.git_history import read_history
from handbook.translation.pins import DRAFT_KEY, DRAFT_VALUE, HASH_KEY
from handbook.words import load, words_in

# The citation files of a page, beside its HTML file.
CITATION_FORMATS = {"bibtex": ("bib", "application/x-bibtex"), "ris": ("ris", "application/x-research-info-systems")}


class PageFactsHook(BuildHook):
    def reset(self) -> None:
        self.history: dates.PageHistory = dates.NO_HISTORY
        self.date_words: dict = {}
        self.citation_words: dict = {}

    def start(self, config) -> None:
        self.history = read_history(_root(config), Path(config.docs_dir))
        self.date_words = load("dates")
        self.citation_words = load("citation")

    def on_page_context(self, context, page, config, nav):
        if not self.date_words or not page.file.abs_src_path:
            return context
        language = config.theme.get("language")
        date_words = words_in(self.date_words, language)
        source = relative_to_root(Path(page.file.abs_src_path), _root(config))
        changed = dates.text_changed(self.history, source)
        lines = [dates.date_line("updated", changed, date_words)]
        if is_checked_translation(page.meta or {}):
            lines.append(dates.date_line("reviewed", dates.translation_checked(self.history, source), date_words))
        context["page_facts"] = {"dates": lines, "citation": self._citation(page, config, language, changed)}
        return context

    def _citation(self, page, config, language: str | None, changed: dates.DateFact) -> dict:
        words = words_in(self.citation_words, language)
        folder, _, inside = page.file.src_uri.partition("/")
        citation = cite.PageCitation(
            organisation=(config.extra.get("citation") or {}).get("organisation"),
            handbook=config.site_name,
            edition=edition_name(config.extra, os.environ),
            title=shown_title(page) or config.site_name,
            language=folder if folder in words["languages"] else language or "",
            url=cite.permanent_url(config.site_url, edition_folder(config.extra, os.environ), page.url),
            changed=changed.when if changed.state == dates.COMMITTED else None,
        )
        stem = str(PurePosixPath(inside or page.file.src_uri).with_suffix(""))
        key = cite.citation_key(citation, "" if stem == "index" else stem.removesuffix("/index"), language or "")
        texts = {"bibtex": cite.bibtex(citation, key, words), "ris": cite.ris(citation, words)}
        downloads = {}
        # Written while the page renders: the files belong to this page and this build. Both
        # go beside the page's HTML, so its folder is made once (MkDocs makes it again later).
        folder = (Path(config.site_dir) / page.file.dest_uri).parent
        folder.mkdir(parents=True, exist_ok=True)
        for kind, (extension, media_type) in CITATION_FORMATS.items():
            target = citation_file(page.file.dest_uri, extension)
            (folder / PurePosixPath(target).name).write_bytes(texts[kind].encode("utf-8"))
            downloads[kind] = {"href": get_relative_url(target, page.url), "name": f"{key}.{extension}", "type": media_type, "label": words[kind]}
        return {"words": words, "text": cite.apa_html(citation, words, words_in(self.date_words, language)), "downloads": downloads}


def shown_title(page) -> str | None:
    """The title the reader sees above the text: the front matter's, else the page's
    first heading, else its navigation title (which may be worded differently)."""
    if (page.meta or {}).get("title"):
        return str(page.meta["title"])
    heading = next((item.title for item in page.toc if item.level == 1), None) if page.toc else None
    return html.unescape(heading) if heading else page.title


def citation_file(dest_uri: str, extension: str) -> str:
    """`teoria/desistanssi/index.html` -> `teoria/desistanssi/citation.bib`; a page not
    in a folder of its own (`teoria/desistanssi.html`) gets `teoria/desistanssi.citation.bib`."""
    dest = PurePosixPath(dest_uri)
    name = "citation" if dest.stem == "index" else f"{dest.stem}.citation"
    return str(dest.with_name(f"{name}.{extension}"))


def is_checked_translation(meta: dict) -> bool:
    """A translation pinned to its source text; a draft holds the source text itself."""
    return bool(meta.get(HASH_KEY)) and str(meta.get(DRAFT_KEY, "")).strip().lower() != DRAFT_VALUE


def _root(config) -> Path:
    return Path(config.config_file_path).parent
