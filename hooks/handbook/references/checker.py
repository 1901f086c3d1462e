"""The check: every page's rendering judged, each finding located in the source.

One `Checker` serves the build (fed with what MkDocs rendered) and `handbook check`
(fed with the same rendering done without the theme): read every page (bad input is
one line), judge every rendered link in every language build it appears in, the
page's own ids and references, the navigation and reachability; then place each
problem at `path:line:column` of what the author wrote.
"""

from __future__ import annotations

from collections.abc import Callable

from handbook.core import Finding
from handbook.references.built import Builds, BuiltPage
from handbook.references.collect import Rendering
from handbook.references.inputs import PageSource, read_pages
from handbook.references.judge import LinkJudge, Problem
from handbook.references.locate import Position, SourceMap
from handbook.references.navigation import NavigationCheck
from handbook.references.pages import Site
from handbook.references.settings import Settings
from handbook.references.wording import language_name

# Problems a page shown untranslated in another language adds to those of its own language.
_SEEN_UNTRANSLATED = ("broken-anchor", "broken-link")


class Checker:
    def __init__(self, settings: Settings, render: Callable[[str], Rendering | None] | None = None) -> None:
        self.settings = settings
        self.site = Site(settings)
        self.raw: list[tuple[str, str, int, int, str]] = []  # kind, path, line, column, message
        self.sources: dict[str, PageSource] = {}
        self.render = render  # renders a changed copy of a page, to tell which places are links

    def read(self) -> None:
        """Every page of every language as MkDocs reads it; bad input and missing snippets reported."""
        self.sources = read_pages(self.settings, self.site, self.raw)

    def judge(self, builds: Builds) -> list[Finding]:
        judge = LinkJudge(self.settings, self.site, builds, {key: source.text for key, source in self.sources.items()})
        for key in sorted(self.sources):
            renderings = builds.renderings_of(key)
            if renderings:
                own = next((page for page in renderings if page.build == page.file.language), renderings[0])
                self.check_page(judge, self.sources[key], own, [page for page in renderings if page is not own])
        navigation = NavigationCheck(judge, self.raw)
        navigation.check()
        navigation.orphans(self.sources)
        return self.findings()

    def check_page(self, judge: LinkJudge, source: PageSource, own: BuiltPage, others: list[BuiltPage]) -> None:
        where = source.source_map(self.render)
        rendering = own.rendering
        for index, link in enumerate(rendering.links):
            problems = judge.judge(own, link)
            for other in others:
                seen = [problem for problem in self._same_link(judge, other, index, link) if problem.kind in _SEEN_UNTRANSLATED]
                if not problems and seen:
                    prefix = f"in the {language_name(other.build)} site, where this page is shown untranslated: "
                    problems = [Problem(problem.kind, prefix + problem.message) for problem in seen]
            for problem in problems:
                self.add(where.link(rendering, index), problem)
        self.check_ids(where, rendering)
        for ordinal, written in enumerate(rendering.undefined):
            label = written[written.rfind("[") + 1 : -1] or written[1 : written.find("]")]
            shown = " ".join(written.split())
            self.add(where.written(written, _ordinal(rendering.undefined, ordinal)), Problem("undefined-reference", f"reference link '{shown}' has no definition '[{' '.join(label.split()).lower()}]: URL', so it renders as literal text"))
        for label in rendering.unused_definitions():
            self.add(where.definition(label), Problem("unused-definition", f"link definition '[{label}]' is never used"))

    @staticmethod
    def _same_link(judge: LinkJudge, other: BuiltPage, index: int, link) -> list[Problem]:
        links = other.rendering.links
        if index < len(links) and links[index].written == link.written:
            return judge.judge(other, links[index])
        return []

    def check_ids(self, where: SourceMap, rendering: Rendering) -> None:
        """An id twice on one page: the browser jumps to the first, whatever the link meant."""
        counts: dict[str, int] = {}
        for rendered in rendering.ids:
            if not rendered.name_only:  # `<a id="x" name="x">` is one anchor; `name` alone an old form of it
                counts[rendered.id] = counts.get(rendered.id, 0) + 1
        if all(count == 1 for count in counts.values()):
            return
        first: dict[str, Position] = {}
        literal_count: dict[str, int] = {}
        for rendered in rendering.ids:
            if rendered.name_only or counts[rendered.id] == 1:
                continue
            ordinal = literal_count.get(rendered.id, 0)
            if rendered.explicit:
                literal_count[rendered.id] = ordinal + 1
            position = where.element_id(rendered.id, False, rendered.explicit, rendering.headings.get(rendered.id, ""), ordinal)
            if rendered.id not in first:
                first[rendered.id] = position
                continue
            earlier = first[rendered.id]
            at = f"line {earlier.line}" if earlier.path == position.path else f"{earlier.path}:{earlier.line}"
            self.add(position, Problem("duplicate-id", f"id '{rendered.id}' is already used on this page (first at {at}); ids must be unique"))

    def add(self, position: Position, problem: Problem) -> None:
        message = problem.message + (f" (included from {position.via})" if position.via else "")
        self.raw.append((problem.kind, position.path, position.line, position.column, message))

    def findings(self) -> list[Finding]:
        result = []
        for kind, path, line, column, message in self.raw:
            level = self.settings.severity.get(kind, "warning")
            if level != "ignore":
                result.append(Finding(path, line, column, message, kind, level))
        return sorted(set(result))


def _ordinal(items: list[str], index: int) -> int:
    return sum(1 for item in items[:index] if item == items[index])
