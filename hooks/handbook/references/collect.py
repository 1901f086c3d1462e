"""What a page really is once Python-Markdown has rendered it: its links, images and ids.

`Collector` is a Markdown extension added to the extensions MkDocs renders pages with
(`config.markdown_extensions`), in the build and in `handbook check` alike. Each page
MkDocs renders gives one `Rendering`:

* every link and image of the rendered HTML, with the URL the browser gets (`url`) and,
  for those Python-Markdown made, the URL as written before MkDocs rewrote it
  (`written`); raw HTML is left as written by MkDocs, so its `written` is its `url`;
* every id of the rendered HTML (after toc, attr_list, md_in_html and MkDocs'
  de-duplication), in document order;
* reference links without a definition (shown to readers as literal text) and the
  definitions nothing uses.

Text the reader never sees (code, comments, a Markdown link inside an HTML block
without `markdown`) gives nothing, because it renders as no link.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

# The attribute that carries a link's index from the tree to the final HTML; removed
# again before MkDocs gets the HTML, so readers never see it.
_MARKER = "data-handbook-ref"
_ID_MARKER = "data-handbook-id"  # "explicit" (attr_list, md_in_html) or "slug" (toc)
_MARKERS_IN_HTML = re.compile(r' data-handbook-(?:ref="\d+"|id="(?:explicit|slug)")')
# Which attributes of which elements the browser requests or follows.
_URL_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
}
_LINK_TAGS = {"a", "area", "iframe"}
# The inline processors that resolve `[text][label]`, `[text][]`, `[label]` and their images.
_REFERENCE_PROCESSORS = ("reference", "image_reference", "short_reference", "short_image_ref")
_SHORTCUTS = ("short_reference", "short_image_ref")
# Renderings held until their page asks for them: only the page being rendered does.
_HELD = 8


# Slotted, as are the built pages (built.py) and the lines' origins (pages.py): every page's
# links and ids are held until the check judges them after the last language. What the
# check held at the 1,900th page of 1,000 x 2 fell from 24.0 MB to 19.7 MB.
@dataclass(slots=True)
class RenderedLink:
    """One URL of the rendered page the browser follows or requests."""

    tag: str  # a, img, source, ...
    attribute: str  # href, src, srcset, ...
    url: str  # as the browser gets it (HTML entities decoded)
    written: str  # as the author wrote it (the Markdown link's URL before MkDocs rewrote it)
    markdown: bool  # made by Python-Markdown (False: raw HTML, left as written)
    label: str = ""  # the reference label when it came from `[text][label]`
    hreflang: str = ""

    @property
    def image(self) -> bool:
        return self.tag not in _LINK_TAGS


@dataclass(slots=True)
class RenderedId:
    id: str
    markdown: bool  # on an element Python-Markdown made (False: raw HTML)
    name_only: bool = False  # `<a name="x">`: an anchor, but not an `id` attribute
    explicit: bool = True  # set before toc ran (attr_list, md_in_html); False: a toc slug


@dataclass(slots=True)
class Rendering:
    """One page as Python-Markdown rendered it."""

    source: str = ""  # the Markdown it was given
    links: list[RenderedLink] = field(default_factory=list)
    ids: list[RenderedId] = field(default_factory=list)
    headings: dict[str, str] = field(default_factory=dict)  # toc slug id -> heading text
    undefined: list[str] = field(default_factory=list)  # `[text][label]` left as literal text
    definitions: dict[str, str] = field(default_factory=dict)  # label -> URL
    used_labels: set[str] = field(default_factory=set)

    def id_set(self) -> set[str]:
        return {rendered.id for rendered in self.ids}

    def unused_definitions(self) -> list[str]:
        return [label for label in self.definitions if label not in self.used_labels]


class Collector(Extension):
    """Records a `Rendering` for every Markdown conversion of a page.

    `lenient_snippets`: missing snippets are left out instead of stopping the rendering
    (the check has listed them already with their lines).
    """

    # It records and changes nothing in the output (translation/markdown_config.py relies on it).
    observes_only = True

    def __init__(self, lenient_snippets: bool = False) -> None:
        super().__init__()
        self.lenient_snippets = lenient_snippets
        self.renderings: list[Rendering] = []

    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        rendering = Rendering()
        self.renderings.append(rendering)
        del self.renderings[:-_HELD]  # only the page being rendered is asked for
        state = _State(rendering)
        md.preprocessors.register(_SourceSeen(state), "handbook_source", 1000)
        # After attr_list (8) and md_in_html, before toc (5): the explicit ids.
        md.treeprocessors.register(_ExplicitIds(state), "handbook_explicit_ids", 6)
        # Before MkDocs rewrites links (its "relpath" runs at 0, after Python-Markdown's unescape).
        md.treeprocessors.register(_WrittenLinks(md, state), "handbook_written", 0.5)
        md.treeprocessors.register(_FinalLinks(state), "handbook_final", -10)
        md.postprocessors.register(_RenderedHtml(md, state), "handbook_html", -1000)
        for name in _REFERENCE_PROCESSORS:
            if name in md.inlinePatterns:
                _record_references(md.inlinePatterns[name], state, shortcut=name in _SHORTCUTS)
        if self.lenient_snippets and "snippet" in md.preprocessors:
            md.preprocessors["snippet"].check_paths = False

    def seen(self, markdown: str) -> Rendering | None:
        """What the rendering of `markdown` recorded, as kept between builds
        (document/page_renderings.py): a copy without the page's text."""
        index = self._index_of(markdown)
        return None if index is None else dataclasses.replace(self.renderings[index], source="")

    def replay(self, markdown: str, rendering: Rendering) -> None:
        """A kept rendering of `markdown` stands for one made now: `take` finds it."""
        self.renderings.append(dataclasses.replace(rendering, source=markdown))
        del self.renderings[:-_HELD]

    def take(self, markdown: str) -> Rendering | None:
        """The rendering of `markdown` (the text the page was rendered from), once.

        Its `source` only finds the rendering of the page asked for: it is emptied, as
        every page's rendering is held until the check judges them (a copy of every
        page's text otherwise: 6.4 MB at 1,000 x 2 pages under tracemalloc)."""
        index = self._index_of(markdown)
        if index is None:
            return None
        found = self.renderings.pop(index)
        found.source = ""
        return found

    def _index_of(self, markdown: str) -> int | None:
        for index in range(len(self.renderings) - 1, -1, -1):
            if self.renderings[index].source == markdown:
                return index
        return None


class _State:
    def __init__(self, rendering: Rendering) -> None:
        self.rendering = rendering
        self.elements: list = []  # tree elements with a URL, in document order
        self.labels: dict[int, str] = {}  # id(element) -> reference label
        self.explicit: set[str] = set()
        self.tree_done = False  # toc runs the postprocessors on its own HTML before that


class _SourceSeen(Preprocessor):
    def __init__(self, state: _State) -> None:
        super().__init__()
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        self.state.rendering.source = "\n".join(lines)
        return lines


class _ExplicitIds(Treeprocessor):
    def __init__(self, state: _State) -> None:
        super().__init__()
        self.state = state

    def run(self, root) -> None:
        self.state.explicit = {element.get("id") for element in root.iter() if element.get("id")}


class _WrittenLinks(Treeprocessor):
    def __init__(self, md, state: _State) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root) -> None:
        unescape = getattr(self.md.treeprocessors["unescape"], "unescape", None) if "unescape" in self.md.treeprocessors else None
        rendering = self.state.rendering
        for element in root.iter():
            key = "href" if element.tag == "a" else "src" if element.tag == "img" else None
            url = element.get(key) if key else None
            if url is None:
                continue
            written = unescape(url) if unescape else url
            rendering.links.append(RenderedLink(element.tag, key, written, written, True, self.state.labels.get(id(element), ""), element.get("hreflang") or ""))
            self.state.elements.append((element, key))
        for element in root.iter():
            heading = element.tag in ("h1", "h2", "h3", "h4", "h5", "h6") and element.get("id")
            if heading and heading not in self.state.explicit:
                rendering.headings.setdefault(heading, "".join(element.itertext()).strip())


class _FinalLinks(Treeprocessor):
    """After MkDocs' rewriting: mark each element so the final HTML can be matched to it."""

    def __init__(self, state: _State) -> None:
        super().__init__()
        self.state = state

    def run(self, root) -> None:
        for index, (element, _key) in enumerate(self.state.elements):
            element.set(_MARKER, str(index))
        explicit = self.state.explicit
        for element in root.iter():
            element_id = element.get("id")
            if element_id:
                element.set(_ID_MARKER, "explicit" if element_id in explicit else "slug")
        self.state.tree_done = True


class _RenderedHtml(Postprocessor):
    def __init__(self, md, state: _State) -> None:
        super().__init__(md)
        self.state = state

    def run(self, text: str) -> str:
        state = self.state
        if not state.tree_done:
            return text  # the table of contents' HTML, not the page
        state.tree_done = False
        rendering = state.rendering
        written = rendering.links
        parser = _HtmlReferences()
        parser.feed(text)
        parser.close()
        links: list[RenderedLink] = []
        for tag, attribute, url, attributes in parser.links:
            marker = attributes.get(_MARKER)
            if marker is not None and marker.isdigit() and int(marker) < len(written):
                link = written[int(marker)]
                if attribute != link.attribute:
                    continue  # an attr_list `srcset` on a Markdown image: not what MkDocs rewrote
                link.url = url
                links.append(link)
            else:
                links.append(RenderedLink(tag, attribute, url, url, False, hreflang=attributes.get("hreflang") or ""))
        rendering.links = links
        rendering.ids = parser.ids
        rendering.definitions = {label: url for label, (url, _title) in getattr(self.md, "references", {}).items()}
        return _MARKERS_IN_HTML.sub("", text)


class _HtmlReferences(HTMLParser):
    """Every URL and id of the final HTML, as a browser reads them (entities decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str, dict]] = []
        self.ids: list[RenderedId] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        attributes = {name: value or "" for name, value in attrs}
        made = attributes.get(_ID_MARKER)
        element_id = attributes.get("id")
        if element_id:
            self.ids.append(RenderedId(element_id, made is not None, explicit=made != "slug"))
        if tag == "a" and attributes.get("name") and attributes.get("name") != element_id:
            self.ids.append(RenderedId(attributes["name"], made is not None or _MARKER in attributes, name_only=True))
        for attribute in _URL_ATTRIBUTES.get(tag, ()):
            value = attributes.get(attribute)
            if value is None:
                continue
            if attribute == "srcset":
                for candidate in value.split(","):
                    if candidate.split():
                        self.links.append((tag, attribute, candidate.split()[0], attributes))
            else:
                self.links.append((tag, attribute, value.strip(), attributes))

    handle_startendtag = handle_starttag


def _record_references(processor, state: _State, shortcut: bool) -> None:
    """Wrap one reference processor: which labels are used, which are missing."""
    original = processor.handleMatch

    def handle_match(match, data):
        element, start, end = original(match, data)
        if element is not None:
            label = _label(processor, data, match)
            state.rendering.used_labels.add(label)
            state.labels[id(element)] = label
        elif start is not None and end is not None and not shortcut:
            state.rendering.undefined.append(data[start:end])
        return element, start, end

    processor.handleMatch = handle_match


def _label(processor, data: str, match) -> str:
    text, index, _ = processor.getText(data, match.end(0))
    label, _, _ = processor.evalId(data, index, text)
    return processor.NEWLINE_CLEANUP_RE.sub(" ", label or "")
