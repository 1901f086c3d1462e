"""The check: every reference of every page resolved against the ids of both languages."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from handbook.core import Finding
from handbook.core import relative_to_root as _relative
from handbook.references.pages import Page, Site, blank_front_matter, read_text
from handbook.references.records import Reference
from handbook.references.scan import scan_page
from handbook.references.settings import (
    _PAGE_SUFFIXES,
    _SKIPPED_SCHEMES,
    CROSS_LANGUAGE_MARKER,
    Settings,
)
from handbook.references.snippets import expand_snippets
from handbook.references.wording import _article, _close_path, language_name

# --- The check


@dataclass
class _Problem:
    kind: str
    message: str


class Checker:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.site = Site(settings)
        self.raw: list[tuple[str, str, int, int, str]] = []  # kind, path, line, column, message
        self.reached: set[str] = set()  # docs-relative files some nav entry or link reaches

    # Reading

    def load(self) -> None:
        site = self.site
        for language in self.settings.languages:
            for rel in sorted(site.files[language]):
                if not rel.endswith(_PAGE_SUFFIXES):
                    continue
                page = Page(language, rel, site.source_path(language, rel))
                site.pages[(language, rel)] = page
                text = read_text(self.settings.docs_dir / site.docs_key(language, rel), page.path, self.raw)
                if text is None:
                    continue
                text = blank_front_matter(text, page.path, self.raw)
                if self.settings.snippets and "8<" in text:
                    expansion = expand_snippets(text, page.path, site, self.raw)
                    if expansion.included:
                        page.origins = expansion.origins
                        text = "\n".join(expansion.lines)
                page.scan = scan_page(text, self.settings.markdown)
                page.ids = page.scan.id_set() | self.settings.generated_ids.get(site.docs_key(language, rel), set())

    # Findings

    def add(self, page: Page, line: int, column: int, kind: str, message: str) -> None:
        path, line, column, via = page.locate(line, column)
        if via:
            message += f" (included from {via})"
        self.raw.append((kind, path, line, column, message))

    def reach(self, page: Page, target: str) -> None:
        """Record a link target for the orphan check; a page linking to itself does not count."""
        if target != self.site.docs_key(page.language, page.rel):
            self.reached.add(target)

    def run(self) -> list[Finding]:
        self.load()
        for page in list(self.site.pages.values()):
            self.check_page(page)
        self.check_navs()
        self.check_orphans()
        return self.findings()

    def findings(self) -> list[Finding]:
        result = []
        for kind, path, line, column, message in self.raw:
            level = self.settings.severity.get(kind, "warning")
            if level != "ignore":
                result.append(Finding(path, line, column, message, kind, level))
        return sorted(set(result))

    def check_page(self, page: Page) -> None:
        site, settings = self.site, self.settings
        # A default-language page without a twin is also served in the other languages.
        contexts = [page.language] + [other for other in settings.languages if other != page.language and page.language == settings.default and page.rel not in site.files[other]]
        for reference in page.scan.references:
            for context in contexts:
                problems = self.check_reference(page, reference, context)
                if context != page.language:
                    problems = [_Problem(p.kind, f"in the {language_name(context)} site, where this page is shown untranslated: {p.message}") for p in problems if p.kind in ("broken-anchor", "broken-link")]
                for problem in problems:
                    self.add(page, reference.line, reference.column, problem.kind, problem.message)
                if problems:
                    break
        self.check_definitions(page)
        self.check_duplicates(page)

    def check_reference(self, page: Page, reference: Reference, context: str) -> list[_Problem]:
        url = reference.url
        if not url or url.lower().startswith(_SKIPPED_SCHEMES):
            return []
        try:
            split = _split(url)
        except ValueError:
            return [_Problem("broken-link", f"{_describe(reference)} is not a valid URL")]
        if split.scheme or split.netloc:
            own = urlsplit(self.settings.site_url) if self.settings.site_url else None
            if own and split.netloc.lower() == own.netloc.lower() and split.scheme in ("http", "https", ""):
                return self.check_absolute(page, reference, split.path or "/", split.fragment, context)
            return []
        if split.path.startswith("/"):
            return self.check_absolute(page, reference, split.path, split.fragment, context)
        if not split.path:
            if not split.fragment:
                return []
            return self.check_anchor(page, reference, context, page, split.fragment, same_page=True)

        marker = reference.attribute(CROSS_LANGUAGE_MARKER)
        if marker and marker != page.language and marker in self.settings.languages:
            return self.check_marked(page, reference, split, marker, context)
        return self.check_relative(page, reference, split, context)

    def check_relative(self, page: Page, reference: Reference, split, context: str) -> list[_Problem]:
        site, settings = self.site, self.settings
        what = _describe(reference)
        path = unquote(split.path)
        base = posixpath.dirname(page.rel)
        joined = posixpath.normpath(posixpath.join(page.language, base, path)) if page.language else posixpath.normpath(posixpath.join(base, path))
        if joined == ".." or joined.startswith("../"):
            return [_Problem("broken-link", f"{what} leads outside the docs folder")]
        head, _, rel = joined.partition("/") if page.language else ("", "", joined)
        if page.language and head != page.language:
            if head in settings.languages:
                return [self.cross_language(page, reference, head, rel, split)]
            return [_Problem("broken-link", f"{what} leads outside the {language_name(page.language)} pages (looked for {site.docs_rel}/{joined})")]
        if path.endswith("/") or rel == "" or rel == ".":
            rel = rel.rstrip("/.")
            index = f"{rel}/index.md" if rel else "index.md"
            if site.find(context, index):
                self.reach(page, site.docs_key(site.find(context, index), index))
                return [_Problem("folder-link", f"{what} names a folder, which MkDocs leaves as is; link '{posixpath.relpath(index, base or '.')}'")]
        served = site.find(context, rel)
        if served is None:
            if rel and site.find(context, rel + "/index.md") and not rel.endswith(_PAGE_SUFFIXES):
                index = rel + "/index.md"
                return [_Problem("folder-link", f"{what} names a folder, which MkDocs leaves as is; link '{posixpath.relpath(index, base or '.')}'")]
            return [self.missing(page, reference, context, rel)]
        target_key = site.docs_key(served, rel)
        self.reach(page, target_key)
        problems: list[_Problem] = []
        if served != context and page.language != settings.default and rel.endswith(_PAGE_SUFFIXES) and context == page.language:
            problems.append(_Problem("untranslated-target", f"{what} opens {site.source_path(served, rel)}: it has no {language_name(context)} translation yet, so the reader lands on {language_name(served)} text"))
        if split.fragment and rel.endswith(_PAGE_SUFFIXES):
            target = site.pages.get((served, rel))
            if target is not None:
                problems += self.check_anchor(page, reference, context, target, split.fragment)
        return problems

    def missing(self, page: Page, reference: Reference, context: str, rel: str) -> _Problem:
        site = self.site
        what = _describe(reference)
        looked = site.source_path(context, rel)
        base = posixpath.dirname(page.rel)
        folded = site.folded.get(site.docs_key(context, rel).casefold()) or site.folded.get(site.docs_key(self.settings.default, rel).casefold())
        if folded:
            real = folded.partition("/")[2] if context else folded
            return _Problem("case-mismatch", f"{what} differs in letter case from {site.docs_rel}/{folded} (works on a case-insensitive disk, breaks on the server); write '{posixpath.relpath(real, base or '.')}'")
        hint = ""
        close = site.nearest_file(context, rel)
        if close:
            hint = f"; did you mean '{posixpath.relpath(close[0], base or '.')}'?"
        elif rel.endswith(_PAGE_SUFFIXES):
            others = [language for language in self.settings.languages if language != context and rel in site.files[language]]
            if others:
                hint = f" (it exists only in {site.docs_rel}/{others[0]}/)"
        return _Problem("broken-link", f"{what} does not resolve (looked for {looked}){hint}")

    def check_anchor(self, page: Page, reference: Reference, context: str, target: Page, fragment: str, same_page: bool = False) -> list[_Problem]:
        anchor = unquote(fragment)
        what = _describe(reference)
        if target.has_id(anchor):
            if same_page:
                return []
            twins = [self.site.pages.get((language, target.rel)) for language in self.settings.languages if language != target.language and target.rel in self.site.files[language]]
            for twin in twins:
                if twin is not None and not twin.has_id(anchor):
                    return [_Problem("anchor-drift", f"{what}: the id '{anchor}' exists in {target.path} but not in {twin.path} (give the heading the same {{#{anchor}}} in both languages)")]
            return []
        where = "this page" if same_page else target.path
        nearest = target.nearest_id(anchor)
        hint = f"; did you mean '#{nearest}'?" if nearest else ""
        for language in self.settings.languages:
            twin = self.site.pages.get((language, target.rel))
            if twin is not None and twin is not target and twin.has_id(anchor):
                hint += f" ({twin.path} has it: the translations drifted)"
                break
        return [_Problem("broken-anchor", f"{what}: {where} has no id '{anchor}'{hint}")]

    def cross_language(self, page: Page, reference: Reference, language: str, rel: str, split) -> _Problem:
        site = self.site
        what = _describe(reference)
        own = f"'{posixpath.relpath(rel, posixpath.dirname(page.rel) or '.')}'" if site.find(page.language, rel) else "the page in this language"
        built = self.relative_url(page, language, rel, split.fragment)
        effect = "MkDocs leaves the link broken" if page.language == self.settings.default else f"the build silently turns it into the {language_name(page.language)} page"
        return _Problem("cross-language", f"{what} leads from {_article(language_name(page.language))} page into the {language_name(language)} pages ({effect}); link {own}, or for a deliberate link to the {language_name(language)} page write '{built}' and mark it {{{CROSS_LANGUAGE_MARKER}={language}}}")

    def relative_url(self, page: Page, language: str, rel: str, fragment: str = "") -> str:
        site = self.site
        here = site.site_path(page.language, page.rel)
        there = site.site_path(language, rel)
        directory = here if here.endswith("/") else posixpath.dirname(here) + "/"
        relative = posixpath.relpath(there, directory)
        if there.endswith("/") and relative != ".":
            relative += "/"
        elif relative == ".":
            relative = "./"
        return relative + (f"#{fragment}" if fragment else "")

    def check_marked(self, page: Page, reference: Reference, split, language: str, context: str) -> list[_Problem]:
        """A deliberate cross-language link: a built URL, resolved against the page's own URL."""
        site = self.site
        what = _describe(reference)
        if split.path.endswith(_PAGE_SUFFIXES):
            joined = posixpath.normpath(posixpath.join(page.language, posixpath.dirname(page.rel), unquote(split.path)))
            head, _, rel = joined.partition("/")
            suggestion = f"; write '{self.relative_url(page, head, rel, split.fragment)}'" if head in self.settings.languages and site.find(head, rel) else ""
            return [_Problem("cross-language", f"{what} is marked as a deliberate {language_name(language)} link but written as a source path, which the build leaves broken{suggestion}")]
        here = site.site_path(page.language, page.rel)
        target = urlsplit(urljoin("http://site" + here, split.path)).path
        found = site.from_site_path(target)
        if found is None:
            return [_Problem("broken-link", f"{what} does not resolve (no page or file at {target})")]
        found_language, rel = found
        served = site.find(found_language, rel)
        self.reach(page, site.docs_key(served, rel))
        if found_language != language:
            return [_Problem("cross-language", f"{what} is marked {{{CROSS_LANGUAGE_MARKER}={language}}} but leads to the {language_name(found_language)} page {site.source_path(served, rel)}")]
        target_page = site.pages.get((served, rel))
        if split.fragment and target_page is not None:
            return self.check_anchor(page, reference, context, target_page, split.fragment)
        return []

    def check_absolute(self, page: Page, reference: Reference, path: str, fragment: str, context: str) -> list[_Problem]:
        site = self.site
        what = _describe(reference)
        found = site.from_site_path(path)
        if found is None:
            return [_Problem("absolute-link", f"{what} is an absolute link to this site and leads nowhere (no page or file at {path})")]
        language, rel = found
        served = site.find(language, rel)
        self.reach(page, site.docs_key(served, rel))
        if language == page.language:
            suggestion = posixpath.relpath(rel, posixpath.dirname(page.rel) or ".") + (f"#{fragment}" if fragment else "")
            return [_Problem("absolute-link", f"{what} is an absolute link to this site, which breaks in editions and local previews; write '{suggestion}'")]
        suggestion = self.relative_url(page, language, rel, fragment)
        return [_Problem("absolute-link", f"{what} is an absolute link to this site, which breaks in editions and local previews; write '{suggestion}' and mark it {{{CROSS_LANGUAGE_MARKER}={language}}}")]

    def check_definitions(self, page: Page) -> None:
        defined = {definition.label for definition in page.scan.definitions}
        used = {use.label for use in page.scan.reference_uses} | page.scan.shortcut_labels
        for use in page.scan.reference_uses:
            if use.label not in defined:
                written = " ".join(use.written.split())
                self.add(page, use.line, use.column, "undefined-reference", f"reference link '{written}' has no definition '[{use.label}]: URL', so it renders as literal text")
        for definition in page.scan.definitions:
            if definition.label not in used:
                self.add(page, definition.line, definition.column, "unused-definition", f"link definition '[{definition.label}]' is never used")

    def check_duplicates(self, page: Page) -> None:
        first: dict[str, int] = {}
        for page_id in sorted(page.scan.ids, key=lambda page_id: (page_id.line, page_id.column)):
            if page_id.origin == "html-name":
                continue  # `<a id="x" name="x">` is one anchor, not two
            if page_id.id in first:
                path, line, _, _ = page.locate(first[page_id.id], 1)
                where = f"line {line}" if path == page.locate(page_id.line, 1)[0] else f"{path}:{line}"
                self.add(page, page_id.line, page_id.column, "duplicate-id", f"id '{page_id.id}' is already used on this page (first at {where}); ids must be unique")
            else:
                first[page_id.id] = page_id.line

    # Navigation

    def check_navs(self) -> None:
        site = self.site
        nav_lines = _nav_lines(self.settings.config_file)
        config_shown = _relative(self.settings.config_file, self.settings.root) if self.settings.config_file else "mkdocs.yml"
        for language in self.settings.languages:
            home = site.find(language, "index.md")
            if home:
                self.reached.add(site.docs_key(home, "index.md"))
            for target in _nav_targets(self.settings.navs.get(language) or []):
                line, column = nav_lines.get(target, (0, 0))
                split = urlsplit(target)
                if split.scheme or split.netloc:
                    continue
                if target.startswith("/"):
                    self.raw.append(("absolute-link", config_shown, line, column, f"nav entry '{target}' is an absolute link to this site; name the page by its path in the docs folder"))
                    continue
                rel = posixpath.normpath(unquote(split.path))
                served = site.find(language, rel)
                if served is None:
                    looked = site.source_path(self.settings.default, rel)
                    close = _close_path(rel, [p for p in site.files[self.settings.default] if p.endswith(_PAGE_SUFFIXES)])
                    hint = f"; did you mean '{close[0]}'?" if close else ""
                    self.raw.append(("nav-target", config_shown, line, column, f"nav entry '{target}' does not resolve (looked for {looked}){hint}"))
                    continue
                self.reached.add(site.docs_key(served, rel))
                target_page = site.pages.get((served, rel))
                anchor = unquote(split.fragment)
                if not anchor or target_page is None or target_page.has_id(anchor):
                    continue
                if served == self.settings.default:
                    nearest = target_page.nearest_id(anchor)
                    hint = f"; did you mean '#{nearest}'?" if nearest else ""
                    self.raw.append(("nav-target", config_shown, line, column, f"nav entry '{target}': {target_page.path} has no id '{anchor}'{hint}"))
                else:
                    default_page = site.pages.get((self.settings.default, rel))
                    if default_page is not None and default_page.has_id(anchor):
                        self.raw.append(("anchor-drift", config_shown, line, column, f"nav entry '{target}': the id '{anchor}' exists in {default_page.path} but not in {target_page.path} (give the heading the same {{#{anchor}}} in both languages)"))

    def check_orphans(self) -> None:
        site = self.site
        for (language, rel), page in site.pages.items():
            key = site.docs_key(language, rel)
            if key in self.reached:
                continue
            if self.settings.not_in_nav and self.settings.not_in_nav(key):
                continue
            self.raw.append(("orphan-page", page.path, 0, 0, f"the {language_name(language)} page is reachable from no nav entry and no link"))


class _RelativeURL(tuple):
    """What urlsplit gives for a relative URL, without its cost (most references are relative)."""

    scheme = netloc = ""
    path = property(lambda self: self[0])
    query = property(lambda self: self[1])
    fragment = property(lambda self: self[2])


def _split(url: str):
    if ":" in url.split("#", 1)[0].split("?", 1)[0].split("/", 1)[0] or url.startswith("//"):
        return urlsplit(url)
    rest, _, fragment = url.partition("#")
    path, _, query = rest.partition("?")
    return _RelativeURL((path, query, fragment))


def _describe(reference: Reference) -> str:
    if reference.kind == "image":
        return f"image '{reference.url}'"
    if reference.kind == "definition":
        return f"link definition to '{reference.url}'"
    return f"link to '{reference.url}'"


def _nav_targets(nav: Iterable) -> Iterable[str]:
    for item in nav or []:
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            for value in item.values():
                if isinstance(value, str):
                    yield value
                elif isinstance(value, list):
                    yield from _nav_targets(value)


def _nav_lines(config_file: Path | None) -> dict[str, tuple[int, int]]:
    """First (line, column) of each nav-looking value in mkdocs.yml (`- x.md` or `: x.md`)."""
    found: dict[str, tuple[int, int]] = {}
    if config_file is None or not config_file.is_file():
        return found
    pattern = re.compile(r"^[ \t]*-[ \t]+(?:[^:\n]*:[ \t]+)?(?P<value>[\"']?[^\s\"'#][^\n]*?[\"']?)[ \t]*(?:[ \t]#.*)?$")
    for number, line in enumerate(config_file.read_text(encoding="utf-8").split("\n"), 1):
        match = pattern.match(line)
        if match:
            value = match.group("value").strip("\"'")
            found.setdefault(value, (number, match.start("value") + 1))
    return found
