"""The language of every link that names a page in another language (WCAG 3.1.2).

The language switcher lists "Suomi" and "English" on every page; a screen reader reads
"English" with Finnish pronunciation unless the link says `lang="en"`. Any
`<a hreflang="xx">` without its own `lang` gets `lang="xx"`.
"""

from __future__ import annotations

import re

from handbook.core import BuildHook
from handbook.core.tags import sub_tags_containing

_LINK_WITH_HREFLANG = re.compile(r"<a\b(?![^>]*\slang=)([^>]*\shreflang=\"([A-Za-z-]+)\"[^>]*)>")


def mark_link_languages(html: str) -> str:
    return sub_tags_containing(html, 'hreflang="', _LINK_WITH_HREFLANG, lambda m: f'<a lang="{m[2]}"{m[1]}>')


class LanguagePartsHook(BuildHook):
    def on_post_page(self, output: str, page, config) -> str:
        return mark_link_languages(output)
