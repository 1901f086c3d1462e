"""Glossary links during a build: each page's first uses of the glossary's terms link to their entries.

mkdocs.yml switches them with `extra: {glossary_links: true|false}` (default true). A
page links the glossary of its source file's language: an English page the English
glossary page, a Finnish page standing in for a missing English one the Finnish
entries. The glossary pages themselves get no links. Runs after the search hook, so the
hidden search words are not linked and the definitions are not indexed.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from handbook.core import BuildHook
from handbook.core.kept import Kept, key_of
from handbook.finnish import project_morphology
from handbook.glossary.entries import Entry
from handbook.glossary.hook import glossary_pages, glossary_path, read_glossary
from handbook.glossary.term_links import Glossary, link_terms
from handbook.terms.matching import WordKeys


def links_enabled(extra: dict | None) -> bool:
    """`extra.glossary_links`, validated by the site settings (core/site_settings.py); on unless false."""
    return (extra or {}).get("glossary_links", True) is not False


class GlossaryLinksHook(BuildHook):
    def reset(self) -> None:
        self.entries: list[Entry] | None = None  # None: no links in this build
        self.root: Path | None = None
        self.default_language = ""
        self.pages: dict[str, str] = {}  # language -> the glossary page inside its folder
        self.keys: dict[str, WordKeys] = {}
        # Pages linked by earlier builds, by HTML and glossary: a file per language's build,
        # so the default language's can be let go of before the other's pages are built.
        self.kept: dict[str, Kept] = {}
        self.glossary_digest = ""

    def start(self, config) -> None:
        path = glossary_path(config)
        if path is None or not links_enabled(config.extra):
            return
        self.root = Path(config.config_file_path).parent
        self.entries = read_glossary(path, self.root)
        self.glossary_digest = key_of(self.entries)
        # The outermost build is the default language's, built at the site root.
        self.default_language = config.theme.get("language") or ""
        for page in glossary_pages(Path(config.docs_dir)):
            language, _, inside = page.partition("/")
            self.pages.setdefault(language, inside)

    def on_page_content(self, html: str, page, config, files) -> str:
        if not self.entries:
            return html
        language, _, inside = page.file.src_uri.partition("/")
        glossary_page = self.pages.get(language)
        if glossary_page is None or inside == glossary_page:
            return html
        build_language = config.theme.get("language") or ""
        glossary = Glossary(
            self.entries,
            language,
            get_relative_url(self._url(language, glossary_page, config.use_directory_urls), page.url),
            hreflang=language if language != build_language else "",
        )
        key = key_of(html, language, glossary.href, glossary.hreflang, self.glossary_digest)
        kept = self._kept(build_language)
        linked = kept.get(key)  # read from the kept file, and so used by this build
        if linked is None:
            linked = link_terms(html, glossary, self._keys(language))
            kept.put(key, linked)
        return linked

    def language_started(self, config) -> None:
        # The default language's pages are built: its linked pages (before the search's
        # hidden words are added, held by nothing else) go before the next language's come.
        self._let_go(self.default_language)

    def finish(self, config) -> None:
        if self.entries and self.root is not None and "fi" in self.keys:
            project_morphology(self.root).save()
        for language in list(self.kept):
            self._let_go(language)

    # --- Helpers

    def _kept(self, build_language: str) -> Kept:
        if build_language not in self.kept:
            self.kept[build_language] = Kept.for_project(self.root, f"glossary-links-{build_language or 'site'}")
        return self.kept[build_language]

    def _let_go(self, build_language: str) -> None:
        kept = self.kept.pop(build_language, None)
        if kept is not None:
            kept.save()
            kept.release()

    def _url(self, language: str, inside: str, use_directory_urls: bool) -> str:
        """The glossary page's URL in its language's build (mkdocs-static-i18n's folder layout)."""
        prefix = "" if language == self.default_language else f"{language}/"
        return prefix + File(inside, "", "", use_directory_urls).url

    def _keys(self, language: str) -> WordKeys:
        if language not in self.keys:
            self.keys[language] = WordKeys(language, project_morphology(self.root) if language == "fi" else None)
        return self.keys[language]
