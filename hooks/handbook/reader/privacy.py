"""Find URLs a browser would fetch from another host, in HTML, CSS or JavaScript text."""

from __future__ import annotations

import bisect
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
    """Yield (url, line) for each resource in `text` that would load from another host:
    URLs in the tags and attributes a browser fetches, in a CSS `url()` or `@import` and in
    a JavaScript `import`, in the order: tags, then @import, url(), import.

    A URL of another host always holds "//" (absolute or protocol-relative), so the text
    is searched for "//" once and only what surrounds each one is parsed: the tag that
    holds it, and the few characters before its URL that would make it a url(), an
    @import or an import, confirmed by the same patterns a scan of the whole text uses. A
    page's navigation (hundreds of relative links) costs one string search, not a parse
    of every tag and three pattern searches over the page. Where two statements overlap
    in malformed text, a scan of the whole text can let the first swallow the second; here
    each URL is judged by what precedes it, so nothing is found less often.
    """
    tags: list[tuple[str, int]] = []
    statements: dict[re.Pattern, list[tuple[int, str]]] = {pattern: [] for pattern in _CSS_AND_JS}
    seen: set[tuple[str, int]] = set()
    parsed_tag = -1
    position = text.find("//")
    imports = _positions(text, "import") if position != -1 else []
    while position != -1:
        match = _tag_holding(text, position)
        if match is not None and match.start() != parsed_tag:
            parsed_tag = match.start()
            tag = match.group("tag").lower()
            if tag != "a":
                tags += [(url, match.start()) for url in _fetched_urls(tag, match.group("attrs")) if is_third_party(url)]
        for pattern, found in _statements_before(text, position, imports):
            url = found.group("url")
            if is_third_party(url) and (url, found.start()) not in seen:
                seen.add((url, found.start()))
                statements[pattern].append((found.start(), url))
        position = text.find("//", position + 2)
    for url, index in tags:
        yield url, _line_of(text, index)
    for pattern in _CSS_AND_JS:
        for index, url in sorted(statements[pattern]):
            yield url, _line_of(text, index)


_CSS_AND_JS = (_CSS_IMPORT, _CSS_URL, _JS_IMPORT)
_QUOTES = "'\""


def _tag_holding(text: str, position: int) -> re.Match | None:
    """The tag that `position` lies in, as a scan of every tag from the start finds it:
    the first tag opening after the last `>` before `position` (a tag ends at its first
    `>`, so none that opened earlier reaches `position`)."""
    opening = text.find("<", text.rfind(">", 0, position) + 1, position)
    while opening != -1:
        if (match := _TAG.match(text, opening)) is not None:
            return match
        opening = text.find("<", opening + 1, position)
    return None


def _back_over_space(text: str, index: int) -> int:
    while index > 0 and text[index - 1].isspace():
        index -= 1
    return index


def _url_start(text: str, position: int, case_sensitive: bool = False) -> int:
    """Where a URL whose "//" is at `position` starts: at its scheme, if it has one."""
    for scheme in ("https:", "http:"):
        written = text[max(0, position - len(scheme)) : position]
        if written == scheme or (not case_sensitive and written.lower() == scheme):
            return position - len(scheme)
    return position


def _statements_before(text: str, position: int, imports: list[int]) -> Iterator[tuple[re.Pattern, re.Match]]:
    """The @import, url() and import statements whose URL holds the "//" at `position`
    (`imports`: where the word `import` stands in `text`, in order)."""
    # @import "URL" / @import url("URL"): the URL may start with white space inside the quotes.
    start = _back_over_space(text, _url_start(text, position))
    if start > 0 and text[start - 1] in _QUOTES:
        quote = start - 1
        before = _back_over_space(text, quote)
        if text[max(0, before - 4) : before].lower() == "url(":
            before = _back_over_space(text, before - 4)
        found = _CSS_IMPORT.match(text, before - 7) if before >= 7 else None
        if found is not None and found.start("url") == quote + 1:
            yield _CSS_IMPORT, found
    # url(URL) / url("URL") / url( 'URL' )
    start = _url_start(text, position)
    before = start - 1 if start > 0 and text[start - 1] in _QUOTES else start
    before = _back_over_space(text, before)
    found = _CSS_URL.match(text, before - 4) if before >= 4 else None
    if found is not None and found.start("url") == start:
        yield _CSS_URL, found
    # import "URL" / import("URL") / import x from "URL": the first `import` since the last
    # quote or semicolon, as a scan from the start meets it; not `@import`, not `x.import`.
    start = _url_start(text, position, case_sensitive=True)
    if start > 0 and text[start - 1] in _QUOTES:
        quote = start - 1
        nearest = bisect.bisect_left(imports, quote) - 1
        first = None
        while nearest >= 0 and not any(text.find(mark, imports[nearest], quote) != -1 for mark in ("'", '"', ";")):
            first = nearest
            nearest -= 1
        for keyword in imports[first:bisect.bisect_left(imports, quote)] if first is not None else ():
            found = _JS_IMPORT.match(text, keyword)
            if found is not None and found.start("url") == start:
                if not keyword or not (text[keyword - 1] in "@." or text[keyword - 1].isalnum()):
                    yield _JS_IMPORT, found
                break


def _positions(text: str, word: str) -> list[int]:
    found, index = [], text.find(word)
    while index != -1:
        found.append(index)
        index = text.find(word, index + 1)
    return found
