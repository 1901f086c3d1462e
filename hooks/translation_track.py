"""Translation track: missing, outdated, orphaned and drifted English pages, for readers and translators.

The engine (`handbook_translation`) reads docs/<lang>/ from disk once per `mkdocs build`;
this hook reports its findings, puts notices on English pages served from the Finnish
file or from an outdated translation, marks untranslated pages "(FI)" in the English
navigation, fills the status page and writes `translation-status.json` at the site root.
Which page is which comes from the file paths (folder layout), not from the i18n plugin.
"""

from __future__ import annotations

import json
from pathlib import Path

import mkdocs.plugins
from mkdocs.exceptions import PluginError

import handbook_translation as engine
import handbook_translation_pages as pages
from handbook_build import BuildCycle, handbook_logger, report

log = handbook_logger("translation")
cycle = BuildCycle()
# The track of the current `mkdocs build`, shared by its nested language builds.
state: dict = {}
# Under `mkdocs serve` an author editing a Finnish page makes its English twin outdated
# at once; a strict live preview would then stop rebuilding. While serving, statuses are
# logged as information and shown on the pages; `make site`, publishing and CI stay strict.
serving = {"active": False}


# --- Hooks


def on_startup(command, dirty) -> None:
    serving["active"] = command == "serve"
    _reset()


def on_build_error(error) -> None:
    _reset()


def on_pre_build(config) -> None:
    if not cycle.enter():
        return  # a nested language build: the outer build already read and reported
    try:
        settings = engine.read_settings(config.extra)
    except engine.SettingsError as error:
        raise PluginError(f"{Path(config.config_file_path).name}: {error}") from None
    root = Path(config.config_file_path).parent
    track = engine.build_track(root, Path(config.docs_dir), settings.source_language, settings.languages)
    state.update(track=track, settings=settings, labels=pages.load_labels(), untranslated={})
    report(engine.track_findings(track, () if serving["active"] else settings.warn), log)


def on_nav(nav, config, files):
    if "track" in state:
        for page in nav.pages:
            language, rel, fallback = _where(page.file.src_uri, page.url)
            if language in state["track"].languages and (fallback or _status(language, rel) in engine.UNTRANSLATED):
                state["untranslated"].setdefault(language, set()).add(page.url)
    return nav


def on_page_markdown(markdown: str, page, config, files) -> str:
    if "track" not in state:
        return markdown
    language, rel, fallback = _where(page.file.src_uri, page.url)
    if language in state["track"].languages:
        prefix = f"{language}/"
        source_url = page.url[len(prefix) :] if page.url.startswith(prefix) else page.url
        status_url = _url_of(files, language, state["settings"].status_page)
        record = state["track"].languages[language].page(rel)
        page.meta["translation_notice"] = pages.notice(
            record, fallback=fallback, source_url=source_url, status_url=status_url, source_language=state["settings"].source_language
        )
    if rel == state["settings"].status_page:
        labels = state["labels"].get(language) or state["labels"]["en"]
        linkable = {f.src_uri.split("/", 1)[1] for f in files.documentation_pages() if "/" in f.src_uri}
        markdown = pages.fill_status_page(markdown, pages.status_table(state["track"], labels, linkable=linkable))
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    notice = page.meta.get("translation_notice")
    if notice and notice["status"] == "missing":
        return pages.wrap_source_language(html, state["settings"].source_language)
    return html


def on_post_page(output: str, page, config) -> str:
    if "track" not in state:
        return output
    language, rel, fallback = _where(page.file.src_uri, page.url)
    untranslated = state["untranslated"].get(language, set())
    output = pages.mark_untranslated_navigation(output, page.url, untranslated, current=page.url in untranslated)
    notice = page.meta.get("translation_notice")
    if notice and notice["status"] == "missing":
        output = pages.mark_toc_language(output, state["settings"].source_language)
    return output


@mkdocs.plugins.event_priority(-200)  # after mkdocs-static-i18n (-100) has run the nested builds
def on_post_build(config) -> None:
    try:
        if cycle.outermost and "track" in state:
            target = Path(config.site_dir) / "translation-status.json"
            target.write_text(json.dumps(state["track"].as_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    finally:
        cycle.leave()
        if cycle.depth == 0:
            state.clear()


# --- Helpers


def _reset() -> None:
    cycle.reset()
    state.clear()


def _where(src_uri: str, url: str) -> tuple[str, str, bool]:
    """(language the page is served in, path inside the language folder, served from the source file?)."""
    source = state["settings"].source_language
    file_language, _, rel = src_uri.partition("/")
    first = url.split("/", 1)[0]
    language = first if first in state["track"].languages else source
    return language, rel, file_language == source and language != source


def _status(language: str, rel: str) -> str | None:
    record = state["track"].languages[language].page(rel)
    return record.status if record else None


def _url_of(files, language: str, rel: str) -> str | None:
    """URL of a page in this language's build, whichever file it is served from."""
    for file in files.documentation_pages():
        if file.src_uri.partition("/")[2] == rel and file.url.startswith(f"{language}/"):
            return file.url
    return None
