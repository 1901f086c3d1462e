"""Find URLs a browser would fetch from another host, in HTML, CSS or JavaScript text."""

from __future__ import annotations

import re
from collections.abc import Iterator

_TAG = re.compile(r"<(?P<tag>[a-zA-Z][a-zA-Z0-9:-]*)\b(?P<attrs>[^>]*)>")
_ATTRIBUTE = re.compile(r"""\s(?P<name>[a-zA-Z:-]+)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+))""")
# Attributes the browser fetches without a click. <a href> is deliberately absent;
# <link href> counts only for the rel values below.
_FETCHING_ATTRIBUTES = {"src", "srcset", "data", "poster", "xlink:href"}
_FETCHING_RELS = {"stylesheet", "preload", "prefetch", "modulepreload", "icon", "shortcut", "apple-touch-icon", "manifest", "preconnect", "dns-prefetch", "prerender"}
_CSS_URL = re.compile(r"""url\(\s*["']?(?P<url>[^"')\s]+)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["'](?P<url>[^"']+)["']""", re.IGNORECASE)
# Starts with the literal so the regex engine can skip ahead; the character before it is
# checked in code (not `@import`, not `x.import`).
_JS_IMPORT = re.compile(r"""import(?:\s*\(\s*|\s+[^;'"]*?from\s+|\s+)["'](?P<url>(?:https?:)?//[^"']+)["']""")


def is_third_party(url: str) -> bool:
    """True for absolute http(s) or protocol-relative URLs (any host but the site's own)."""
    lowered = url.strip().lower()
    if lowered.startswith("//"):
        return True
    if lowered.startswith(("http://", "https://")):
        host = lowered.split("/", 3)[2]
        return host.split(":")[0] not in {"127.0.0.1", "localhost"}
    return False


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _fetched_urls(tag: str, attrs: str) -> Iterator[str]:
    values = {}
    for attribute in _ATTRIBUTE.finditer(attrs):
        values[attribute.group("name").lower()] = attribute.group("dq") or attribute.group("sq") or attribute.group("bare") or ""
    if tag == "link":
        if set(values.get("rel", "").lower().split()) & _FETCHING_RELS and "href" in values:
            yield values["href"]
        return
    for name, value in values.items():
        if name == "srcset":
            yield from (candidate.strip().split(" ")[0] for candidate in value.split(","))
        elif name in _FETCHING_ATTRIBUTES or (name == "href" and tag in {"image", "use"}):
            yield value


def third_party_fetches(text: str) -> Iterator[tuple[str, int]]:
    """Yield (url, line) for each resource in `text` that would load from another host."""
    # Only a tag holding "//" (an absolute or protocol-relative URL) can fetch from another
    # host, so only those tags are parsed: the navigation's hundreds of relative links
    # cost one string search, not one parse per tag.
    parsed_up_to = -1
    position = text.find("//")
    while position != -1:
        start = text.rfind("<", 0, position)
        inside_tag = start > parsed_up_to and text.rfind(">", 0, position) < start
        if inside_tag and (match := _TAG.match(text, start)) is not None:
            parsed_up_to = start
            tag = match.group("tag").lower()
            if tag != "a":
                for url in _fetched_urls(tag, match.group("attrs")):
                    if is_third_party(url):
                        yield url, _line_of(text, match.start())
        position = text.find("//", position + 2)
    seen = set()
    for pattern in (_CSS_IMPORT, _CSS_URL, _JS_IMPORT):
        for match in pattern.finditer(text):
            url = match.group("url")
            if pattern is _JS_IMPORT and match.start() and (text[match.start() - 1] in "@." or text[match.start() - 1].isalnum()):
                continue
            if is_third_party(url) and (url, match.start()) not in seen:
                seen.add((url, match.start()))
                yield url, _line_of(text, match.start())
