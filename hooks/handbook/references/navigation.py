"""The navigation of every language, and the pages no reader can reach from it.

A nav entry names a page by its path in the language folder; each is checked in each
language's build (its own page, else the default language's), with its `#fragment`
against the ids that page renders. Reachability starts where readers start: the nav
and the home page of each language, then every link of every page reached.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from handbook.core import relative_to_root
from handbook.references.judge import LinkJudge
from handbook.references.pages import nearest_id
from handbook.references.settings import _PAGE_SUFFIXES
from handbook.references.wording import _close_path, language_name


class NavigationCheck:
    def __init__(self, judge: LinkJudge, raw: list) -> None:
        self.judge = judge
        self.settings = judge.settings
        self.site = judge.site
        self.raw = raw
        self.roots: set[str] = set()  # source keys readers start from

    def check(self) -> None:
        site, settings = self.site, self.settings
        nav_lines = _nav_lines(settings.config_file)
        shown = relative_to_root(settings.config_file, settings.root) if settings.config_file else "mkdocs.yml"
        for language in settings.languages:
            home = site.find(language, "index.md")
            if home:
                self.roots.add(site.docs_key(home, "index.md"))
            for target in _nav_targets(settings.navs.get(language) or []):
                line, column = nav_lines.get(target, (0, 0))
                problem = self.entry(language, target)
                if problem:
                    self.raw.append((problem[0], shown, line, column, problem[1]))

    def entry(self, language: str, target: str) -> tuple[str, str] | None:
        site, settings, judge = self.site, self.settings, self.judge
        split = urlsplit(target)
        if split.scheme or split.netloc:
            if not (judge.own_host and split.netloc.lower() == judge.own_host):
                return None
            return self.absolute(language, target, split.path or "/")
        if target.startswith("/"):
            return self.absolute(language, target, split.path)
        rel = posixpath.normpath(unquote(split.path))
        served = site.find(language, rel)
        if served is None:
            looked = site.source_path(settings.default, rel)
            close = _close_path(rel, [p for p in site.files[settings.default] if p.endswith(_PAGE_SUFFIXES)])
            hint = f"; did you mean '{close[0]}'?" if close else ""
            return ("nav-target", f"nav entry '{target}' does not resolve (looked for {looked}){hint}")
        key = site.docs_key(served, rel)
        self.roots.add(key)
        anchor = unquote(split.fragment)
        ids = judge.ids_of(language, key)
        if not anchor or ids is None or anchor in ids:
            return None
        if served == settings.default:
            nearest = nearest_id(anchor, ids)
            hint = f"; did you mean '#{nearest}'?" if nearest else ""
            return ("nav-target", f"nav entry '{target}': {site.source_path(served, rel)} has no id '{anchor}'{hint}")
        default_ids = judge.ids_of(settings.default, site.docs_key(settings.default, rel))
        if default_ids is not None and anchor in default_ids:
            return ("anchor-drift", f"nav entry '{target}': the id '{anchor}' exists in {site.source_path(settings.default, rel)} but not in {site.source_path(served, rel)} (give the heading the same {{#{anchor}}} in both languages)")
        return None

    def absolute(self, language: str, target: str, path: str) -> tuple[str, str]:
        """An address of this site in the nav: MkDocs leaves it as is, whatever edition the reader is in."""
        judge = self.judge
        rest = unquote(path)[len(judge.prefix) :] if unquote(path).startswith(judge.prefix) else None
        found = judge.builds.lookup(rest) if rest is not None else None
        if found is None and rest:
            _, _, remainder = rest.partition("/")
            found = judge.builds.lookup(remainder)
        if found is None or not found.page:
            return ("absolute-link", f"nav entry '{target}' is an absolute address of this site and leads nowhere (no page at {path}); name the page by its path in the docs folder, e.g. 'index.md'")
        self.roots.add(found.key)
        fragment = urlsplit(target).fragment
        write = found.rel + (f"#{fragment}" if fragment else "")
        if urlsplit(target).netloc:
            return ("absolute-link", f"nav entry '{target}' is this site's full address, which MkDocs leaves as is: the menu of every edition and of a local preview leads to that one address instead of its own page; write '{write}'")
        return ("absolute-link", f"nav entry '{target}' is an absolute address, which MkDocs leaves as is: in a published edition (/2026/...) it leads out of the edition to {path} at the root of the host; write '{write}'")

    # --- Orphans

    def orphans(self, keys: Iterable[str]) -> None:
        reached = set(self.roots)
        pending = list(self.roots)
        edges = self.judge.edges
        while pending:
            for target in edges.get(pending.pop(), ()):
                if target not in reached:
                    reached.add(target)
                    pending.append(target)
        linked_from: dict[str, set[str]] = {}
        for source, targets in edges.items():
            for target in targets:
                linked_from.setdefault(target, set()).add(source)
        for key in sorted(keys):
            if key in reached or (self.settings.not_in_nav and self.settings.not_in_nav(key)):
                continue
            language = key.partition("/")[0] if "/" in key else ""
            shown = self.site.source_path(language, key.partition("/")[2]) if language else key
            linkers = sorted(linked_from.get(key, ()))
            if not linkers:
                self.raw.append(("orphan-page", shown, 0, 0, f"the {language_name(language)} page is reachable from no nav entry and no link"))
            else:
                names = ", ".join(self.site.source_path(*linker.split("/", 1)) for linker in linkers[:3])
                self.raw.append(("orphan-page", shown, 0, 0, f"the {language_name(language)} page is reachable from no nav entry and from no page readers can reach (only {names} link{'s' if len(linkers) == 1 else ''} to it)"))


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

