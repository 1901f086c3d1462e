"""Records of one page's references and ids, with 1-based line and column."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

Slugify = Callable[[str, str], str]


@dataclass(frozen=True)
class MarkdownOptions:
    """What the configured Markdown extensions add to a page."""

    slugify: Slugify
    separator: str = "-"
    attr_list: bool = True
    footnotes: bool = False
    # pymdownx.highlight line anchors: the prefix (`__codelineno`), or "" when off.
    code_anchor_prefix: str = ""
    # Fence names handled by a custom superfences formatter (no highlighting, no anchors).
    custom_fences: frozenset[str] = frozenset()
    tabbed: bool = False
    tabbed_slugify: Slugify | None = None


@dataclass(frozen=True)
class Reference:
    """One URL the page refers to. `kind`: link, image, definition (a `[ref]: url` line)."""

    url: str
    line: int
    column: int
    kind: str = "link"
    # attr_list or HTML attributes written on the link that the checker reads (hreflang).
    attributes: tuple[tuple[str, str], ...] = ()

    def attribute(self, name: str) -> str | None:
        for key, value in self.attributes:
            if key == name:
                return value
        return None


@dataclass(frozen=True)
class PageId:
    id: str
    line: int
    column: int
    # explicit (attr_list), heading (toc slug), html (`id=`), html-name (`<a name=>`),
    # generated (tabs, footnotes).
    origin: str


@dataclass(frozen=True)
class LinkDefinition:
    label: str
    url: str
    line: int
    column: int


@dataclass(frozen=True)
class ReferenceUse:
    """A `[text][label]` or `[text][]` link; `label` is normalised as Python-Markdown does."""

    label: str
    written: str
    line: int
    column: int


@dataclass
class PageScan:
    references: list[Reference] = field(default_factory=list)
    ids: list[PageId] = field(default_factory=list)
    definitions: list[LinkDefinition] = field(default_factory=list)
    # Full and collapsed reference links; they need a definition.
    reference_uses: list[ReferenceUse] = field(default_factory=list)
    # Labels of `[label]` shortcuts: they use a definition when one exists.
    shortcut_labels: set[str] = field(default_factory=set)
    # Line-anchor prefixes of highlighted code blocks: `__codelineno-0` -> (first, last) line.
    code_lines: dict[str, tuple[int, int]] = field(default_factory=dict)

    def id_set(self) -> set[str]:
        return {page_id.id for page_id in self.ids}

    def has_id(self, anchor: str) -> bool:
        """True when `anchor` is an id on the page, code line anchors included."""
        if any(page_id.id == anchor for page_id in self.ids):
            return True
        return code_line_anchor(anchor, self.code_lines)


def code_line_anchor(anchor: str, code_lines: dict[str, tuple[int, int]]) -> bool:
    """`__codelineno-2-7` exists when block 2 has a line 7; checked without listing every line."""
    prefix, _, number = anchor.rpartition("-")
    span = code_lines.get(prefix)
    return bool(span and number.isdigit() and span[0] <= int(number) <= span[1])


def normalise_label(label: str) -> str:
    """Reference labels match case-insensitively with runs of whitespace folded (Python-Markdown)."""
    return " ".join(label.split()).lower()
