"""core/tags.py changes exactly the tags a full regular-expression substitution changes.

Pages are made at random from the pieces Material's HTML and authors' raw HTML are made
of (navigation links, the language switcher, head links, text with `<` and `>`,
attribute values holding `<`, markers outside any tag, tags split over lines), and every
pattern the hooks use is compared with its plain `pattern.sub` over the whole page.
"""

from __future__ import annotations

import random

import pytest

from handbook.core.tags import sub_tags_containing
from handbook.editions.links import HEAD_ALTERNATE, SWITCHER_LINK
from handbook.reader.language_parts import _LINK_WITH_HREFLANG

PIECES = [
    '<a href="../x/" class="md-nav__link">',
    '<a href="../en/" hreflang="en" class="md-select__link">',
    '<a lang="en" href="/en/" hreflang="en">',
    '<a\nhreflang="sv"\nhref="x">',
    '<a title="a<b" hreflang="en" href="y">',
    '<a title="x>y" hreflang="en">',
    '<link rel="alternate" href="./" hreflang="fi">',
    '<link href="x.css" rel="stylesheet">',
    '<link\trel="alternate"\thref="en/" hreflang="en"/>',
    '<abbr title="hreflang=&quot;en&quot;">',
    'hreflang="en" in text ',
    'class="md-select__link" as text ',
    'rel="alternate" ',
    ' 1 < 2 and 3 > 2 ',
    '<',
    '>',
    '</a>',
    '<span class="md-ellipsis">Osa</span>',
    '\n',
    'teksti ',
    '<a class="md-select__link" href="./" hreflang="fi" target="_self">',
    '<ahreflang="en">',
]


def _page(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 30)))


@pytest.mark.parametrize(
    ("marker", "pattern"),
    [('hreflang="', _LINK_WITH_HREFLANG), ('rel="alternate"', HEAD_ALTERNATE), ('class="md-select__link"', SWITCHER_LINK)],
    ids=["hreflang", "head-alternate", "switcher"],
)
def test_the_marked_tags_change_as_a_full_substitution_changes_them(marker, pattern):
    rng = random.Random(20261202)

    def replace(match) -> str:
        return f"[{match.group(0)}|{match.start()}]"  # where it was found shows too

    for _ in range(4000):
        page = _page(rng)
        assert sub_tags_containing(page, marker, pattern, replace) == pattern.sub(replace, page), page


def test_a_page_without_the_marker_is_returned_as_it_is():
    page = '<a href="x/" class="md-nav__link">' * 1000
    assert sub_tags_containing(page, 'hreflang="', _LINK_WITH_HREFLANG, lambda m: "changed") is page
