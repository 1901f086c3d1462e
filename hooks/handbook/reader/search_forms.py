"""Finnish search through inflection: base forms in the index, the reader's query mapped to them.

Pagefind stems Finnish with Snowball and matches by prefix, so a query in base form misses
a page whose words have another stem (`tapaaminen` / `tapaamisessa`, `uskonto` /
`uskonnollisesta`, `ääriliike` / `ääriliikkeistä`). Two halves, both from the
morphology component (handbook/finnish/):

* the index: every section of a Finnish page ends with a hidden element holding the base
  forms, compound parts and related words of its words that Pagefind's stemming would not
  reach from the words themselves; the compounds a coordination shortens (`koulu- ja
  joukkosurmia` also says `koulusurma`); and, where the section uses a glossary term, the
  entry's other Finnish wordings (`rikoksista irrottautuminen` is also `desistanssi` and
  `rikoksista irtautuminen`). `hidden` keeps it from readers and screen readers;
  Pagefind indexes it all the same. Its `id` (`handbook-forms-N`) lets the search form
  tell these words from the text when it shows an excerpt;
* the query: `finnish-forms.json`, built from the handbook's own vocabulary, maps each
  inflected form whose stem differs from its base form's to that base form; the search
  form (assets/javascripts/handbook/search.js) rewrites a reader's words before it asks
  Pagefind, so `tapaamisessa` finds the pages about meetings too.

Pure functions; the hook (reader/search.py) feeds them pages and writes the table.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache

import snowballstemmer

from handbook.finnish import Morphology, words
from handbook.glossary.entries import Entry
from handbook.terms.matching import Wording, WordKeys

FORMS_ID = "handbook-forms"
TABLE_PATH = "assets/javascripts/handbook/finnish-forms.json"
# A section ends where the next heading with an id starts (Pagefind's sub-results split there too).
_HEADING = re.compile(r"<h[1-6]\b[^>]*\bid=\"[^\"]+\"")
_HEADING_TEXT = re.compile(r"\A<h([1-6])\b[^>]*>(.*?)</h\1>", re.DOTALL)
# Pagefind's own weights of heading text (h1 7.0 ... h6 2.0): a base form weighs as much as its word.
HEADING_WEIGHT = {level: 8 - level for level in range(1, 7)}
_NOT_TEXT = re.compile(r"<(pre|code|script|style)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
# `koulu- ja joukkosurmia`, `mielenterveys- tai päihdepalvelut`: the first word lends the second its end.
_COORDINATION = re.compile(r"([^\W\d_]+)-\s+(?:ja|tai|sekä|eli|että|kuin)\s+([^\W\d_]+(?:-[^\W\d_]+)*)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _stem_word():
    return snowballstemmer.stemmer("finnish").stemWord


# Snowball in pure Python costs about 60 µs a word, and the same words come back on every page.
@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _stem_word()(word.lower())


def reader_text(fragment: str) -> str:
    """The text a reader reads in an HTML fragment: code and markup left out."""
    return html.unescape(_TAG.sub(" ", _NOT_TEXT.sub(" ", fragment)))


def text_words(fragment: str) -> list[str]:
    return [match.group(0) for match in words(reader_text(fragment))]


class Synonyms:
    """The glossary's Finnish wordings of each entry: a section using one holds them all."""

    def __init__(self, entries: Iterable[Entry], morphology: Morphology) -> None:
        self.morphology = morphology
        self.keys = WordKeys("fi", morphology)
        self.entries = []
        for entry in entries:
            texts = (entry.terms["fi"], *entry.also.get("fi", ()))
            if len(texts) > 1:
                self.entries.append(([Wording.of(text, self.keys) for text in texts], texts))

    def of(self, section_words: Iterable[str]) -> set[str]:
        """Base forms of every word of every wording of each entry one of whose wordings the section has."""
        present = set().union(*(self.keys.keys(word) for word in section_words))
        found: set[str] = set()
        for wordings, texts in self.entries:
            if any(wording.words and all(word & present for word in wording.words) for wording in wordings):
                for text in texts:
                    for match in words(text):
                        found |= self.morphology.base_forms(match.group(0)) or {match.group(0).lower()}
        return found


def coordinated_compounds(text: str, morphology: Morphology) -> set[str]:
    """`koulu- ja joukkosurmia` -> {`koulusurma`}: the first word joined to each ending part of the second."""
    found = set()
    for match in _COORDINATION.finditer(text):
        head, second = match.group(1).lower(), morphology.forms(match.group(2))
        for part in second.parts:
            if any(base.endswith(part) and base != part for base in second.base):
                found.add(head + part)
    return found


def hidden_forms(section_words: Iterable[str], morphology: Morphology, extra: Iterable[str] = ()) -> list[str]:
    """Base forms, parts and related words of a section's words (and `extra` words) that
    its text does not already reach.

    Pagefind finds a query word when its stem starts a stem of the text; a form whose stem
    starts the stem of the word it comes from (`jengi` for `jengiin`) is left out.
    """
    literal = {word.lower() for word in section_words}
    wanted: set[str] = {word for word in extra if word not in literal}
    for word in literal:
        forms = morphology.forms(word)
        if not forms.known:
            continue
        word_stem = stem(word)
        for form in forms.base | forms.parts | forms.related:
            if form not in literal and not word_stem.startswith(stem(form)):
                wanted.add(form)
    return sorted(wanted)


def add_hidden_forms(content: str, morphology: Morphology, synonyms: Synonyms | None = None) -> tuple[str, list[str]]:
    """The page content with hidden forms at the end of each section, and the page's words.

    The forms of a heading's words get the heading's weight, so a page whose title says
    `koulu- ja joukkosurmia` ranks for `koulusurma` as it does for `joukkosurma`.
    """
    cuts = [0] + [match.start() for match in _HEADING.finditer(content)] + [len(content)]
    pieces: list[str] = []
    all_words: list[str] = []
    for number, (start, end) in enumerate(zip(cuts, cuts[1:])):
        section = content[start:end]
        heading = _HEADING_TEXT.match(section)
        parts = [(section[heading.end() :], 0), (heading.group(2), HEADING_WEIGHT[int(heading.group(1))])] if heading else [(section, 0)]
        pieces.append(section)
        for fragment, weight in parts:
            text = reader_text(fragment)
            fragment_words = [match.group(0) for match in words(text)]
            all_words += fragment_words
            extra = coordinated_compounds(text, morphology) | (synonyms.of(fragment_words) if synonyms else set())
            forms = hidden_forms(fragment_words, morphology, extra)
            if forms:
                suffix, weighted = (f"-h{weight}", f' data-pagefind-weight="{weight}"') if weight else ("", "")
                pieces.append(f'<div hidden id="{FORMS_ID}-{number}{suffix}"{weighted}>{html.escape(" ".join(forms))}</div>')
    return "".join(pieces), all_words


def forms_table(vocabulary: Iterable[str] | Mapping[str, int], morphology: Morphology) -> dict[str, str]:
    """Base form -> the handbook's forms of it (space-separated) that a query should be mapped from.

    `vocabulary`: the handbook's words, or how often each occurs (a Counter).
    Only forms whose stem differs from the base form's stem are listed: for the others
    Pagefind's own stemming already gives the same matches. Of several base forms (`kodin`
    is `koti` or `kota`) the one the handbook uses most wins.
    """
    counts = vocabulary if isinstance(vocabulary, Mapping) else Counter(vocabulary)
    distinct = {word.lower() for word in counts}
    frequency: Counter[str] = Counter()
    for word, times in counts.items():
        for base in morphology.forms(word).base:
            frequency[base] += times
    table: dict[str, list[str]] = {}
    for word in sorted(distinct):
        bases = morphology.forms(word).base
        if not bases or word in bases:
            continue
        base = max(sorted(bases), key=lambda b: frequency[b])
        if stem(word) != stem(base):
            table.setdefault(base, []).append(word)
    return {base: " ".join(forms) for base, forms in sorted(table.items())}


def table_json(table: dict[str, str]) -> str:
    return json.dumps(table, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
