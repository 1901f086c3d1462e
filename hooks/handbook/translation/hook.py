"""The translation track during a build: findings, reader notices, the status page and its JSON.

The engine reads docs/<lang>/ once per `mkdocs build`; this object reports its findings,
puts notices on English pages served from the Finnish file or from an outdated
translation, marks untranslated pages "(FI)" in the English navigation, fills the status
page and writes `translation-status.json` at the site root. Which page is which comes
from the file paths (folder layout), not from the i18n plugin.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError

from handbook import translation as engine
from handbook.core import BuildHook, handbook_logger, report
from handbook.translation import reader_pages as pages
from handbook.translation.markdown_config import build_renderer, release_build_renderer

log = handbook_logger("translation")



class TranslationTrackHook(BuildHook):
    def reset(self) -> None:
        self.track: engine.Track | None = None
        self.settings = None
        self.labels: dict = {}
        self.untranslated: dict[str, set[str]] = {}
        # The status page's address in each language's build, found once per build (a
        # search of every file for each page grew with the square of the pages).
        self.status_urls: dict[tuple[int, str], str | None] = {}

    def start(self, config) -> None:
        try:
            self.settings = engine.read_settings(config.extra, config.config_file_path)
        except engine.SettingsError as error:
            raise PluginError(str(error)) from None
        root = Path(config.config_file_path).parent
        # The pages rendered with the build's own Markdown configuration, each text once.
        # Pages rendered by an earlier build with the same text are read from disk.
        renderer = build_renderer(config)
        self.track = engine.build_track(root, Path(config.docs_dir), self.settings.source_language, self.settings.languages, renderer=renderer)
        renderer.cache.save()
        self.labels = pages.load_labels()
        # Under `mkdocs serve` an author editing a Finnish page makes its English twin
        # outdated at once; a strict live preview would then stop rebuilding. While
        # serving, statuses are logged as information and shown on the pages.
        report(engine.track_findings(self.track, () if self.serving else self.settings.warn), log)

    def on_files(self, files, config):
        # Every pre_build has run: the pins and the term check are done with the pages'
        # renderings, which the build would otherwise hold until it ends.
        release_build_renderer()
        return files

    def on_nav(self, nav, config, files):
        if self.track is not None:
            for page in nav.pages:
                language, rel, fallback = self._where(page.file.src_uri, page.url)
                if language in self.track.languages and (fallback or self._status(language, rel) in engine.UNTRANSLATED):
                    self.untranslated.setdefault(language, set()).add(page.url)
        return nav

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        if self.track is None:
            return markdown
        settings = self.settings
        language, rel, fallback = self._where(page.file.src_uri, page.url)
        if language in self.track.languages:
            prefix = f"{language}/"
            source_url = page.url[len(prefix) :] if page.url.startswith(prefix) else page.url
            known = (id(files), language)
            if known not in self.status_urls:
                self.status_urls[known] = _url_of(files, language, settings.status_page)
            status_url = self.status_urls[known]
            record = self.track.languages[language].page(rel)
            page.meta["translation_notice"] = pages.notice(
                record, fallback=fallback, source_url=source_url, status_url=status_url, source_language=settings.source_language
            )
        if rel == settings.status_page:
            labels = self.labels.get(language) or self.labels["en"]
            linkable = {f.src_uri.split("/", 1)[1] for f in files.documentation_pages() if "/" in f.src_uri}
            # The term check (hooks/term_check.py) ran before any page: its missing terms, if it did.
            from handbook.terms.hook import missing_terms

            table = pages.status_table(self.track, labels, linkable=linkable, missing_terms=missing_terms())
            markdown = pages.fill_status_page(markdown, table)
        return markdown

    def on_page_content(self, html: str, page, config, files) -> str:
        notice = page.meta.get("translation_notice")
        if notice and notice["status"] == "missing" and self.settings is not None:
            return pages.wrap_source_language(html, self.settings.source_language)
        return html

    def on_post_page(self, output: str, page, config) -> str:
        if self.track is None:
            return output
        language, _, _ = self._where(page.file.src_uri, page.url)
        untranslated = self.untranslated.get(language, set())
        output = pages.mark_untranslated_navigation(output, page.url, untranslated, current=page.url in untranslated)
        notice = page.meta.get("translation_notice")
        if notice and notice["status"] == "missing":
            output = pages.mark_toc_language(output, self.settings.source_language)
        return output

    def finish(self, config) -> None:
        if self.track is not None:
            target = Path(config.site_dir) / "translation-status.json"
            target.write_text(json.dumps(self.track.as_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    # --- Helpers

    def _where(self, src_uri: str, url: str) -> tuple[str, str, bool]:
        """(language the page is served in, path inside the language folder, served from the source file?)."""
        source = self.settings.source_language
        file_language, _, rel = src_uri.partition("/")
        first = url.split("/", 1)[0]
        language = first if first in self.track.languages else source
        return language, rel, file_language == source and language != source

    def _status(self, language: str, rel: str) -> str | None:
        record = self.track.languages[language].page(rel)
        return record.status if record else None


def _url_of(files, language: str, rel: str) -> str | None:
    """URL of a page in this language's build, whichever file it is served from."""
    for file in files.documentation_pages():
        if file.src_uri.partition("/")[2] == rel and file.url.startswith(f"{language}/"):
            return file.url
    return None
