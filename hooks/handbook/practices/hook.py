"""Practice profiles during a build: validated practice data shown as cards, an index and JSON.

A practice is one data file, `data/practices/<id>.yml`, checked against the schema in
`handbook.practices.schema` and the vocabularies in `data/practice-vocabularies.yml`. A
page shows it with front matter `practice: <id>` and `template: practice.html`; the index
page has `practice_index: true` and `template: practice-index.html`. The templates lay
out the views built in `render`; `practices.json` is written once at the site root after
the nested language builds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.toc import TableOfContents, get_toc
from mkdocs.utils import get_relative_url

from handbook import practices
from handbook.core import BuildHook, Finding, handbook_logger, relative_to_root, report
from handbook.document import store
from handbook.practices import render

log = handbook_logger("practices")

PRACTICE_TEMPLATE = "practice.html"
INDEX_TEMPLATE = "practice-index.html"


@dataclass
class Profiles:
    """What one `mkdocs build` knows about practices; rebuilt at each outermost build."""

    root: Path
    site_dir: Path
    vocabularies: practices.Vocabularies | None = None
    by_id: dict[str, practices.Practice] = field(default_factory=dict)
    # practice id -> language -> page URL from the site root
    pages: dict[str, dict[str, str]] = field(default_factory=dict)
    # language -> URL of the practices index page
    index_pages: dict[str, str] = field(default_factory=dict)
    # Page problems already logged: a Finnish page can be built again in the English build.
    reported: set[Finding] = field(default_factory=set)


class PracticeProfileHook(BuildHook):
    def reset(self) -> None:
        self.profiles: Profiles | None = None

    def start(self, config) -> None:
        root = Path(config.config_file_path).parent
        profiles = Profiles(root=root, site_dir=Path(config.site_dir))
        self.profiles = profiles
        folder = root / practices.PRACTICES_DIR
        vocabulary_file = root / practices.VOCABULARY_FILE
        if not folder.is_dir() and not vocabulary_file.exists():
            return  # a site without practice profiles
        try:
            profiles.vocabularies = practices.load_vocabularies(vocabulary_file, root)
        except practices.VocabularyError as error:
            raise PluginError(f"practice vocabularies are broken:\n{error}") from None
        loaded, findings = practices.load_practices(folder, root, profiles.vocabularies)
        profiles.by_id = {practice.id: practice for practice in loaded}
        report(findings, log)

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        profiles = self.profiles
        if profiles is None:
            return markdown
        language = _language(config)
        source = self._source(page)
        practice_id = page.meta.get("practice")
        if practice_id is not None:
            if isinstance(practice_id, str) and practice_id in profiles.by_id:
                profiles.pages.setdefault(practice_id, {})[language] = page.url
            else:
                self._warn(self._unknown_practice(page, source, practice_id))
            self._require_template(page, source, "practice", PRACTICE_TEMPLATE)
        if page.meta.get("practice_index"):
            profiles.index_pages[language] = page.url
            self._require_template(page, source, "practice_index", INDEX_TEMPLATE)
        return markdown

    def on_page_context(self, context, page, config, nav):
        profiles = self.profiles
        if profiles is None or profiles.vocabularies is None:
            return context
        language = _language(config)
        practice_id = page.meta.get("practice")
        practice = profiles.by_id.get(practice_id) if isinstance(practice_id, str) else None
        if practice is not None:
            card = render.card_view(practice, profiles.vocabularies, language)
            index_url = profiles.index_pages.get(language)
            context["practice_card"] = card
            context["practice_index_url"] = get_relative_url(index_url, page.url) if index_url is not None else None
            page_url = page.canonical_url or "/" + page.url
            context["practice_json_ld"] = render.script_json(
                render.json_ld(practice, profiles.vocabularies, language, page_url, page.title, page.meta.get("description"))
            )
            headings = render.card_toc(card)
            taken = sorted({heading["id"] for heading in headings} & (page.present_anchor_ids or set()))
            if taken:
                self._warn(Finding(self._source(page), 0, 0, f"the page's own headings use ids the practice card needs: {', '.join(taken)}"))
            _add_headings(page, headings)
            if page.title != card["name"]:
                self._warn(Finding(self._source(page), 0, 0, f"page title '{page.title}' differs from the practice's name '{card['name']}' in {practice.path}"))
        if page.meta.get("practice_index"):
            urls = {pid: get_relative_url(by_language[language], page.url)
                    for pid, by_language in profiles.pages.items() if language in by_language}
            view = render.index_view(list(profiles.by_id.values()), profiles.vocabularies, language, urls)
            context["practice_index"] = view
            _add_headings(page, render.index_toc(view))
            # The lists by tag are the targets of the cards' tag links.
            page.present_anchor_ids = (page.present_anchor_ids or set()) | {
                term["anchor"] for group in view["groups"] for term in group["terms"]
            } | {entry["anchor"] for entry in view["practices"]}
        return context

    def finish(self, config) -> None:
        profiles = self.profiles
        if profiles is None or profiles.vocabularies is None:
            return
        findings = [
            Finding(practice.path, 0, 0, f"no page shows this practice; add one with 'practice: {practice.id}' and 'template: {PRACTICE_TEMPLATE}' in its front matter")
            for practice in profiles.by_id.values() if practice.id not in profiles.pages
        ]
        report(findings, log)
        document = render.practices_document(list(profiles.by_id.values()), profiles.vocabularies, profiles.pages)
        target = profiles.site_dir / "practices.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    # --- Helpers

    def _source(self, page) -> str:
        if page.file.abs_src_path and self.profiles is not None:
            return relative_to_root(Path(page.file.abs_src_path), self.profiles.root)
        return page.file.src_uri

    def _unknown_practice(self, page, source: str, practice_id) -> Finding:
        line = _front_matter_line(page, "practice")
        message = f"'practice: {practice_id}' names no valid practice in {practices.PRACTICES_DIR}/"
        nearest = practices.nearest_name(str(practice_id), sorted(self.profiles.by_id))
        if nearest:
            message += f"; did you mean '{nearest}'?"
        return Finding(source, line, 0, message)

    def _require_template(self, page, source: str, key: str, template: str) -> None:
        if page.meta.get("template") != template:
            line = _front_matter_line(page, key)
            self._warn(Finding(source, line, 0, f"a page with '{key}' needs 'template: {template}' in its front matter, or nothing of the practice shows"))

    def _warn(self, finding: Finding) -> None:
        if finding not in self.profiles.reported:
            self.profiles.reported.add(finding)
            report([finding], log)


def _language(config) -> str:
    """The language being built; mkdocs-static-i18n sets theme.language per build."""
    language = config.theme.get("language") or practices.LANGUAGES[0]
    return language if language in practices.LANGUAGES else "en"


def _front_matter_line(page, key: str) -> int:
    if not page.file.abs_src_path:
        return 0
    text = store.current().text(Path(page.file.abs_src_path))
    return practices.front_matter_line(text, key) if isinstance(text, str) else 0


def _add_headings(page, tokens) -> None:
    """Put the template's headings into the page's table of contents, under its h1."""
    extra = list(get_toc(tokens))
    items = list(page.toc or [])
    if len(items) == 1 and items[0].level == 1:
        items[0].children.extend(extra)
    else:
        items.extend(extra)
    page.toc = TableOfContents(items)
