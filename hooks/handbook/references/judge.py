"""Each rendered link judged as the reader's browser follows it.

The URL in the HTML is resolved against the page's built address (use_directory_urls,
the language prefix, site_url's path) and looked up among what the builds serve. When
that fails, the message says what the reader gets and what to write, from what the
author wrote: a source path MkDocs could not find, a page's web address, raw HTML
that MkDocs leaves as written.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

from handbook.references.built import Builds, BuiltFile, BuiltPage
from handbook.references.collect import RenderedLink
from handbook.references.pages import Site, nearest_id
from handbook.references.settings import _PAGE_SUFFIXES, _SKIPPED_SCHEMES, CROSS_LANGUAGE_MARKER, Settings
from handbook.references.wording import _article, language_name

_VERSION = re.compile(r"v?\d+(?:\.\d+)*")


@dataclass(frozen=True)
class Problem:
    kind: str
    message: str


def describe(link: RenderedLink) -> str:
    if not link.markdown:
        return f"HTML {'image' if link.image else 'link to'} '{link.url}'"
    if link.label:
        return f"link definition to '{link.written}'"
    return f"image '{link.written}'" if link.image else f"link to '{link.written}'"


def relative_url(from_url: str, to_url: str) -> str:
    """`to_url` written relative to a page built at `from_url` (both site-relative)."""
    here = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    relative = posixpath.relpath("/" + to_url, "/" + here)
    if relative == ".":
        return "./"
    folder = to_url.endswith("/") or to_url == ""
    return relative + "/" if folder and not relative.endswith("/") else relative


class LinkJudge:
    def __init__(self, settings: Settings, site: Site, builds: Builds, texts: dict[str, str] | None = None) -> None:
        self.settings = settings
        self.texts = texts or {}  # source key -> the Markdown as written, for hints only
        self.site = site
        self.builds = builds
        self.prefix = site.site_prefix()
        self.own_host = urlsplit(settings.site_url).netloc.lower() if settings.site_url else ""
        self.edges: dict[str, set[str]] = {}  # source key -> keys its links reach

    def reach(self, page: BuiltPage, target: BuiltFile) -> None:
        if target.key and target.key != page.key:
            self.edges.setdefault(page.key, set()).add(target.key)

    # --- One link

    def judge(self, page: BuiltPage, link: RenderedLink) -> list[Problem]:
        url = link.url
        if not url or url.lower().startswith(_SKIPPED_SCHEMES):
            return []
        try:
            split = urlsplit(url)
        except ValueError:
            return [Problem("broken-link", f"{describe(link)} is not a valid URL")]
        if split.scheme or split.netloc:
            if self.own_host and split.netloc.lower() == self.own_host and split.scheme in ("http", "https", ""):
                return self.absolute(page, link, split)
            return []
        if url.startswith("/"):
            return self.absolute(page, link, split)
        if link.markdown:
            crossing = self.written_into_other_language(page, link)
            if crossing is not None:
                return [crossing]
        here = self.prefix + page.file.url
        resolved = urlsplit(urljoin("https://site" + here, url))
        path, fragment = unquote(resolved.path), unquote(resolved.fragment)
        if not split.path:
            self.reach(page, page.file)
            return self.anchor(page, link, page.file, fragment, same_page=True) if fragment else []
        found = self.builds.lookup(path[len(self.prefix) :]) if path.startswith(self.prefix) else None
        if found is None:
            return self.unresolved(page, link, path)
        return self.resolved(page, link, found, fragment)

    def resolved(self, page: BuiltPage, link: RenderedLink, found: BuiltFile, fragment: str) -> list[Problem]:
        what = describe(link)
        self.reach(page, found)
        marker = link.hreflang if link.hreflang in self.settings.languages else ""
        if found.build != page.build:
            if marker == found.build:
                return self.anchor(page, link, found, fragment) if fragment and found.page else []
            if marker:
                return [self._marked_elsewhere(link, marker, found)]
            return [self.cross_language(page, link, found.build, found.rel, fragment, "readers switch language without a word of warning")]
        if marker and marker != page.build:
            return [self._marked_elsewhere(link, marker, found)]
        problems: list[Problem] = []
        if link.markdown and found.page and not _source_like(link.written):
            problems.append(self.page_address(page, link, found))
        if page.build != self.settings.default and page.file.language == page.build and found.page and found.language != page.build:
            problems.append(Problem("untranslated-target", f"{what} opens {self._shown(found)}: it has no {language_name(page.build)} translation yet, so the reader lands on {language_name(found.language)} text"))
        if fragment and found.page:
            problems += self.anchor(page, link, found, fragment)
        return problems

    def _marked_elsewhere(self, link: RenderedLink, marker: str, found: BuiltFile) -> Problem:
        return Problem("cross-language", f"{describe(link)} is marked {{{CROSS_LANGUAGE_MARKER}={marker}}} but leads to the {language_name(found.build)} page {self._shown(found)}")

    def _shown(self, found: BuiltFile) -> str:
        return self.site.source_path(found.language, found.rel) if found.language else found.key

    # --- What the author wrote

    def _source_key(self, page: BuiltPage, written_path: str) -> str:
        """The written path resolved against the page's source file, as a docs key (may start with '..')."""
        return posixpath.normpath(posixpath.join(posixpath.dirname(page.key), unquote(written_path)))

    def written_into_other_language(self, page: BuiltPage, link: RenderedLink) -> Problem | None:
        """A Markdown link written as a path into another language's folder (`../en/x.md`)."""
        path = urlsplit(link.written).path if ":" not in link.written.split("/", 1)[0] else ""
        if not path or path.startswith("/"):
            return None
        head, _, rel = self._source_key(page, path).partition("/")
        if head == page.file.language or head not in self.settings.languages or not page.file.language:
            return None
        fragment = urlsplit(link.written).fragment
        if link.hreflang == head:
            if not _source_like(link.written):
                return None  # a deliberate cross-language link written as the page's address
            served = self.site.find(head, rel)
            suggestion = f"; write '{self._relative(page, head, rel, fragment)}'" if served else ""
            return Problem("cross-language", f"{describe(link)} is marked as a deliberate {language_name(head)} link but written as a source path, which the build leaves broken{suggestion}")
        effect = "MkDocs leaves the link broken" if page.file.language == self.settings.default else f"the build silently turns it into the {language_name(page.file.language)} page"
        return self.cross_language(page, link, head, rel.rstrip("/") or "index.md", fragment, effect)

    def cross_language(self, page: BuiltPage, link: RenderedLink, language: str, rel: str, fragment: str, effect: str) -> Problem:
        site = self.site
        own_language = page.file.language
        if not rel.endswith(_PAGE_SUFFIXES) and site.find(language, rel) is None:
            rel = next((candidate for candidate in (rel.rstrip("/") + ".md", posixpath.join(rel, "index.md")) if site.find(language, candidate)), rel)
        own = f"'{posixpath.relpath(rel, posixpath.dirname(page.file.rel) or '.')}'" if site.find(own_language, rel) else "the page in this language"
        built = self._relative(page, language, rel, fragment)
        return Problem(
            "cross-language",
            f"{describe(link)} leads from {_article(language_name(own_language))} page into the {language_name(language)} pages ({effect}); link {own}, or for a deliberate link to the {language_name(language)} page write '{built}' and mark it {{{CROSS_LANGUAGE_MARKER}={language}}}",
        )

    def _relative(self, page: BuiltPage, language: str, rel: str, fragment: str = "") -> str:
        served = self.site.find(language, rel)
        target = self.builds.url(language, self.site.docs_key(served, rel)) if served else None
        if target is None:
            target = self.site.site_path(language, rel)[len(self.prefix) :]
        return relative_url(page.file.url, target) + (f"#{fragment}" if fragment else "")

    def page_address(self, page: BuiltPage, link: RenderedLink, found: BuiltFile) -> Problem:
        """A Markdown link that names a page by its web address: it only works from where it stands."""
        what = describe(link)
        reader = self.prefix + found.url
        suggestion = posixpath.relpath(found.rel, posixpath.dirname(page.file.rel) or ".") + _fragment(link.written)
        if posixpath.basename(found.rel) in ("index.md", "README.md") and urlsplit(link.written).path.rstrip("/").split("/")[-1] not in ("", ".", ".."):
            return Problem("folder-link", f"{what} names a folder, which MkDocs leaves as is (from this page's address it happens to reach {reader}); link '{suggestion}'")
        return Problem("folder-link", f"{what} is a page's web address, which MkDocs leaves as is (from this page's address it happens to reach {reader}, and it breaks when the text moves to another page); link the page's file '{suggestion}'")

    # --- Links the browser cannot follow

    def unresolved(self, page: BuiltPage, link: RenderedLink, reader: str) -> list[Problem]:
        what = describe(link)
        site = self.site
        written = urlsplit(link.written)
        key = self._source_key(page, written.path)
        if key == ".." or key.startswith("../"):
            return [Problem("broken-link", f"{what} leads outside the docs folder")]
        head, _, rel = key.partition("/")
        if not link.markdown:
            return [self.raw_html(page, link, reader, head, rel)]
        if head not in self.settings.languages:
            return [Problem("broken-link", f"{what} leads outside the {language_name(page.file.language)} pages (looked for {site.docs_rel}/{key})")]
        if not _source_like(link.written):
            guess = self._guess_page(page.build, rel)
            suggestion = f"{posixpath.relpath(guess, posixpath.dirname(page.file.rel) or '.')}{_fragment(link.written)}" if guess else ""
            if guess and posixpath.basename(guess) == "index.md" and written.path.endswith("/"):
                return [Problem("folder-link", f"{what} names a folder, which MkDocs leaves as is: readers get {reader}, which does not exist; link '{suggestion}'")]
            hint = f"; link the page's file '{suggestion}'" if guess else "; link the page's file (its .md path)"
            return [Problem("folder-link", f"{what} is written as a web address, which MkDocs leaves as is: readers get {reader}, which does not exist{hint}")]
        return [self.missing(page, link, rel)]

    def _guess_page(self, language: str, rel: str) -> str | None:
        rel = rel.rstrip("/")
        for candidate in (rel + ".md", posixpath.join(rel, "index.md") if rel not in ("", ".") else "index.md"):
            if self.site.find(language, candidate):
                return candidate
        close = self.site.nearest_file(language, (rel or "index") + ".md")
        return close[0] if close else None

    def missing(self, page: BuiltPage, link: RenderedLink, rel: str) -> Problem:
        site = self.site
        what = describe(link)
        context = page.build
        looked = site.source_path(context, rel)
        base = posixpath.dirname(page.file.rel)
        # The file is there, written as linked: the build leaves it out (before the letter
        # case test, which would find the file itself and suggest the same spelling).
        if site.find(context, rel) is not None:
            return Problem("broken-link", f"{what} leads to {site.source_path(site.find(context, rel), rel)}, which the build leaves out (exclude_docs or a draft)")
        folded = site.folded.get(site.docs_key(context, rel).casefold()) or site.folded.get(site.docs_key(self.settings.default, rel).casefold())
        if folded:
            real = folded.partition("/")[2] if context else folded
            return Problem("case-mismatch", f"{what} differs in letter case from {site.docs_rel}/{folded} (works on a case-insensitive disk, breaks on the server); write '{posixpath.relpath(real, base or '.')}'")
        hint = ""
        close = site.nearest_file(context, rel)
        if close:
            hint = f"; did you mean '{posixpath.relpath(close[0], base or '.')}'?"
        elif rel.endswith(_PAGE_SUFFIXES):
            others = [language for language in self.settings.languages if language != context and rel in site.files[language]]
            if others:
                hint = f" (it exists only in {site.docs_rel}/{others[0]}/)"
        return Problem("broken-link", f"{what} does not resolve (looked for {looked}){hint}")

    def raw_html(self, page: BuiltPage, link: RenderedLink, reader: str, head: str, rel: str) -> Problem:
        """Raw HTML reaches the browser as written: say what it gets and the address that works."""
        what = describe(link)
        served = self.site.find(page.build, rel) if head in self.settings.languages else None
        if served and page.file.language != page.build:
            return Problem("broken-link", f"{what} leads readers to {reader}, which does not exist (raw HTML is not rewritten for each language); write it as a Markdown {'image' if link.image else 'link'} to '{link.url}', which MkDocs writes for each language")
        if served:
            target = self.builds.url(page.build, self.site.docs_key(served, rel))
            if target is not None:
                fix = relative_url(page.file.url, target) + _fragment(link.url)
                return Problem("broken-link", f"{what} is left as written by MkDocs, so readers get {reader}, which does not exist; write '{fix}' (the address of {self.site.source_path(served, rel)} from this page), or use a Markdown {'image' if link.image else 'link'}")
        meant = self._meant_address(reader)
        if meant is not None:
            fix = relative_url(page.file.url, meant.url) + _fragment(link.url)
            return Problem("broken-link", f"{what} leads readers to {reader}, which does not exist; write '{fix}' (the address of {self._shown(meant)} from this page)")
        return Problem("broken-link", f"{what} leads readers to {reader}, which does not exist")

    def _meant_address(self, reader: str) -> BuiltFile | None:
        """The page an address with a source file's name (`../x.md`) was meant for: `../x/`."""
        path = reader[len(self.prefix) :] if reader.startswith(self.prefix) else ""
        for suffix in _PAGE_SUFFIXES:
            if path.endswith(suffix):
                stem = path[: -len(suffix)]
                stem = stem[: -len("index")] if stem.endswith("index") and (stem == "index" or stem.endswith("/index")) else stem
                found = self.builds.lookup(stem + "/" if stem and not stem.endswith("/") else stem)
                if found is not None and found.page:
                    return found
        return None

    # --- Absolute addresses of this site

    def absolute(self, page: BuiltPage, link: RenderedLink, split) -> list[Problem]:
        what = describe(link)
        path, fragment = unquote(split.path) or "/", unquote(split.fragment)
        rest = path[len(self.prefix) :] if path.startswith(self.prefix) else None
        found = self.builds.lookup(rest) if rest is not None else None
        edition = None
        if found is None and rest:
            # `/latest/x/`, `/2026/en/x/`: the first folder is not part of the site, the rest is.
            name, _, remainder = rest.partition("/")
            named = name in self.settings.editions or _VERSION.fullmatch(name)
            if named or (remainder and self.builds.lookup(name + "/") is None):
                found = self.builds.lookup(remainder)
                edition = name if found is not None else None
        if found is None:
            return [Problem("absolute-link", f"{what} is an absolute link to this site and leads nowhere (no page or file at {path})")]
        self.reach(page, found)
        if link.markdown and found.build == page.build and found.key:
            suggestion = posixpath.relpath(found.rel, posixpath.dirname(page.file.rel) or ".") + (f"#{fragment}" if fragment else "")
            mark = ""
        else:
            suggestion = relative_url(page.file.url, found.url) + (f"#{fragment}" if fragment else "")
            mark = f" and mark it {{{CROSS_LANGUAGE_MARKER}={found.build}}}" if found.build != page.build else ""
        if edition:
            return [Problem("absolute-link", f"{what} is an address in the published edition '{edition}': from any other edition it takes readers to that edition, and in a local preview it leads nowhere; write '{suggestion}'{mark}")]
        return [Problem("absolute-link", f"{what} is an absolute link to this site, which breaks in editions and local previews; write '{suggestion}'{mark}")]

    # --- Anchors

    def ids_of(self, build: str, key: str) -> set[str] | None:
        target = self.builds.page(build, key)
        if target is None:
            return None
        return target.rendering.id_set() | self.settings.generated_ids.get(key, set())

    def anchor(self, page: BuiltPage, link: RenderedLink, found: BuiltFile, anchor: str, same_page: bool = False) -> list[Problem]:
        ids = self.ids_of(found.build, found.key)
        if ids is None or not anchor:
            return []
        what = describe(link)
        twins = [(language, f"{language}/{found.rel}") for language in self.settings.languages if language != found.language and found.rel in self.site.files[language]]
        if anchor in ids:
            if same_page:
                return []
            for language, key in twins:
                twin_ids = self.ids_of(language, key)
                if twin_ids is not None and anchor not in twin_ids:
                    return [Problem("anchor-drift", f"{what}: the id '{anchor}' exists in {self._shown(found)} but not in {self.site.source_path(language, found.rel)} (give the heading the same {{#{anchor}}} in both languages)")]
            return []
        where = "this page" if same_page else self._shown(found)
        nearest = nearest_id(anchor, ids)
        hint = f"; did you mean '#{nearest}'?" if nearest else ""
        if re.search(r"\{:?[^{}\n]*#" + re.escape(anchor) + r"[\s}]", self.texts.get(found.key, "")):
            hint += f" (its '{{#{anchor}}}' is shown as text: attr_list reads it only at the end of a heading or a block)"
        for language, key in twins:
            twin_ids = self.ids_of(language, key)
            if twin_ids is not None and anchor in twin_ids:
                hint += f" ({self.site.source_path(language, found.rel)} has it: the translations drifted)"
                break
        return [Problem("broken-anchor", f"{what}: {where} has no id '{anchor}'{hint}")]


def _source_like(written: str) -> bool:
    """True when the link names a file (`x.md`, `kuva.png`), not a page's web address (`../x/`)."""
    path = urlsplit(written).path
    last = path.rstrip("/").rsplit("/", 1)[-1] if not path.endswith("/") else ""
    return "." in last.strip(".")


def _fragment(url: str) -> str:
    fragment = urlsplit(url).fragment
    return f"#{fragment}" if fragment else ""
