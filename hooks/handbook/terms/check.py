"""The term check: the glossary's wordings in the pages of both languages.

Two kinds of finding, each one line:

* `forbidden-term`: a page uses a wording the glossary forbids, in any inflection:
  `docs/fi/x.md:12:5: 'yhteisöväkivallan' is not the handbook's term; use 'kodin ulkopuolinen väkivalta' (data/glossary.yml:120)`
* `missing-term`: a Finnish section uses a glossary term and its English twin (the
  section with the same heading id) uses neither the English term nor an accepted
  variant: the finding is on the English section's heading line, for the translator.

Only what readers read is judged. Positions come from the page's source with what a
reader never reads blanked (document/visible.py); when the check has the site's renderer
(the translation track's, the page as MkDocs' Markdown configuration renders it), a
forbidden use counts only as often as readers meet it in the rendered page: a wording
inside an indented code block or any other markup the source masking does not know is
not reported, and one that reaches the page from an included snippet is reported at the
include. Pure apart from reading pages through the build's document store.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from handbook.core import Finding, relative_to_root
from handbook.core.kept import Kept, key_of
from handbook.document import store
from handbook.document.source import Document, TranslationInputError
from handbook.document.visible import page_visible_text
from handbook.finnish import Morphology, words
from handbook.glossary.entries import Entry
from handbook.terms.matching import TermUse, Text, Wording, WordKeys, outermost_uses
from handbook.translation.pins import is_draft
from handbook.translation.rendering import RenderedPage, Renderer
from handbook.translation.sections import split_sections
from handbook.translation.snippet_inputs import includes_snippets

SOURCE, TRANSLATION = "fi", "en"
# Each kind of finding and its default severity (mkdocs.yml `extra: term_check: severity:`).
DEFAULT_SEVERITY = {
    "forbidden-term": "warning",  # a wording the glossary forbids (in a page or a definition)
    "missing-term": "warning",  # the English section lacks the term its Finnish twin uses
    "glossary-conflict": "error",  # an accepted wording contains a forbidden one: every use would be flagged
}


@dataclass(frozen=True)
class MissingTerm:
    """An English section that lacks the term its Finnish twin uses (a `missing-term` finding)."""

    path: str  # the English file, as messages name it: docs/en/x.md
    page: str  # the same file inside its language folder: x.md
    line: int  # the English section's heading line
    section: str  # the heading id both sections share
    term: str  # the glossary's Finnish term
    source: str  # where the Finnish section uses it: docs/fi/x.md:19
    written: str  # the Finnish wording as written there
    accepted: tuple[str, ...]  # the English wordings the glossary accepts
    glossary: str  # the entry: data/glossary.yml:12

    def finding(self, severity: str) -> Finding:
        accepted = " or ".join(f"'{wording}'" for wording in self.accepted)
        message = f"section '{self.section}' lacks the glossary's term for '{self.term}' ({self.source}: '{self.written}'); use {accepted} ({self.glossary})"
        return Finding(self.path, self.line, 0, message, kind="missing-term", severity=severity)


@dataclass
class TermSite:
    """What the check reads: the docs folder (one subfolder per language) and the glossary."""

    root: Path  # mkdocs.yml's folder: paths in messages are relative to it
    docs_dir: Path
    entries: list[Entry]
    glossary_shown: str = "data/glossary.yml"
    severity: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_SEVERITY))
    renderer: Renderer | None = None  # the site's Markdown: what readers read of each page


class _Page:
    def __init__(self, document: Document, keys: WordKeys, rendered: RenderedPage | None = None, relative: str = "") -> None:
        self.document = document
        self.relative = relative  # the page inside its language folder: x.md
        self.language = keys.language
        self.text = Text(page_visible_text(document.text, document.body_line), keys)
        self.read = Text(reader_text(rendered), keys) if rendered is not None else None


def reader_text(page: RenderedPage) -> str:
    """The words of a rendered page as readers read them: titles and blocks, code left out."""
    lines = []
    for section in page.sections:
        lines.append(section.title)
        lines += [block.plain for block in section.blocks if block.kind != "code"]
    return "\n".join(lines)


def check_terms(site: TermSite, morphology: Morphology) -> list[Finding]:
    return term_report(site, morphology)[0]


def term_report(site: TermSite, morphology: Morphology, kept: Kept | None = None) -> tuple[list[Finding], list[MissingTerm]]:
    """Every finding, and the missing terms among them as records (for the status page);
    a kind whose severity is `ignore` gives neither.

    `kept` (core/kept.py) holds each page's forbidden uses and each page pair's missing
    terms from earlier runs, keyed by everything they depend on (the glossary, the
    severity, the Markdown configuration, the page's path and text, its twin's): after an
    edit only the pages and pairs it touched are judged again. A page that includes a
    snippet is always judged afresh (its text is not all of what readers read)."""
    keys = {language: WordKeys(language, morphology) for language in (SOURCE, TRANSLATION)}
    documents = {language: _read_documents(site, language) for language in (SOURCE, TRANSLATION)}
    made: dict[tuple[str, str], _Page] = {}

    def page(language: str, relative: str) -> _Page:
        # A page's words are analysed only when a result about it is not kept.
        if (language, relative) not in made:
            document = documents[language][relative]
            made[language, relative] = _Page(document, keys[language], _rendered(site, document, relative, language), relative)
        return made[language, relative]

    glossary = key_of(site.entries, site.glossary_shown)
    rendering = site.renderer.fingerprint if site.renderer is not None else None  # auto_append is in its settings

    def remembered(key: str | None, judge, *arguments):
        found = kept.get(key) if kept is not None and key is not None else None
        if found is None:
            found = judge(*arguments)
        if kept is not None and key is not None:
            kept.put(key, found)
        return found

    def key(*parts, documents_of: tuple[Document, ...]) -> str | None:
        # What readers read of a page includes its snippets: their digest is in the key
        # (translation/rendering.py), or the result is not kept when it cannot be known.
        included = [site.renderer.input_of(d.text) if site.renderer is not None else "" for d in documents_of]
        if kept is None or None in included:
            return None
        return key_of(glossary, *parts, *((d.path, d.text) for d in documents_of), *included)

    def forbidden_key(language: str, relative: str, document: Document) -> str | None:
        return key("forbidden", site.severity["forbidden-term"], rendering, language, relative, documents_of=(document,))

    # The Finnish words of every page judged below, analysed at once before they are
    # looked up one by one: a fresh clone analyses thousands, and a second core takes half.
    # (A warm-up only: a word the source spells otherwise is still analysed when asked.)
    judged = [document for relative, document in documents[SOURCE].items() if _not_kept(kept, forbidden_key(SOURCE, relative, document))]
    morphology.prepare(match.group(0) for document in judged for match in words(document.body))

    findings: list[Finding] = []
    for language in (SOURCE, TRANSLATION):
        forbidden = _forbidden_wordings(site.entries, language, keys[language])
        for relative, document in documents[language].items():
            findings += remembered(
                forbidden_key(language, relative, document),
                lambda language, relative, forbidden: _forbidden_page_uses(site, page(language, relative), forbidden, language),
                language, relative, forbidden,
            )
        findings += remembered(
            key("glossary", site.severity["forbidden-term"], site.severity["glossary-conflict"], language, documents_of=()),
            _glossary_problems, site, forbidden, language, keys[language],
        )
    terms = {language: term_wordings(site.entries, language, keys[language]) for language in (SOURCE, TRANSLATION)}
    missing: list[MissingTerm] = []
    for relative, source in documents[SOURCE].items():
        translation = documents[TRANSLATION].get(relative)
        if translation is not None and not is_draft(translation):
            missing += remembered(
                key("missing", relative, documents_of=(source, translation)),
                lambda relative: _missing_terms(site, page(SOURCE, relative), page(TRANSLATION, relative), terms, relative),
                relative,
            )
    if site.severity.get("missing-term") == "ignore":
        missing = []
    findings += [record.finding(site.severity["missing-term"]) for record in missing]
    return [finding for finding in findings if site.severity.get(finding.kind) != "ignore"], missing


def _not_kept(kept: Kept | None, key: str | None) -> bool:
    return kept is None or key is None or kept.get(key) is None


def _read_documents(site: TermSite, language: str) -> dict[str, Document]:
    folder = site.docs_dir / language
    found = {}
    documents = store.current()
    for path in sorted(folder.rglob("*.md")):
        try:
            found[path.relative_to(folder).as_posix()] = documents.document(path, site.root)
        except TranslationInputError:
            continue  # the translation track and the reference check report unreadable files
    return found


def _rendered(site: TermSite, document: Document, relative: str, language: str) -> RenderedPage | None:
    if site.renderer is None:
        return None
    try:
        return site.renderer.page(document, relative, "" if language == SOURCE else f"{language}/")
    except TranslationInputError:
        return None  # a page that cannot be rendered is the other checks' finding; its source is judged


def _forbidden_page_uses(site: TermSite, page: _Page, forbidden: list[tuple[Wording, Entry]], language: str) -> list[Finding]:
    """The forbidden uses readers read on a page, each at its place in the source.

    Every use in the page's source is a candidate. Which ones readers read is asked of the
    renderer itself: the page is rendered once more with each candidate's first word
    replaced by a witness token, and a candidate counts where its token is in the rendered
    page's reader text (not in code, an address, a comment, an attribute or an id).
    Uses that only the rendered page has (a snippet's text) are reported at the first
    include. Without a renderer, the source with its markup blanked is judged."""
    path = page.document.path
    if page.read is None or site.renderer is None:
        return _forbidden_uses(site, path, page.text, forbidden, language)
    document = page.document
    prefix = "\n".join([""] * (document.body_line - 1)) + ("\n" if document.body_line > 1 else "")
    source = Text(prefix + document.body, page.text.keys)
    candidates = sorted(((use, entry) for wording, entry in forbidden for use in source.uses(wording, inside_compounds=True)), key=lambda pair: pair[0].start)
    visible = _witnessed(site, page, candidates, len(prefix)) if candidates else []
    if visible is None:
        return _forbidden_uses(site, path, page.text, forbidden, language)
    findings = [_forbidden(site, path, use.line, use.column, use.written, entry, language) for use, entry in visible]
    # What the rendered page has beyond the visible source uses came from elsewhere.
    unseen = Counter(entry.id for _, entry in visible)
    include = _first_include_line(document)
    for wording, entry in forbidden:
        for use in page.read.uses(wording, inside_compounds=True):
            if unseen[entry.id] > 0:
                unseen[entry.id] -= 1
                continue
            findings.append(_forbidden(site, path, include, 1, use.written, entry, language, " (in text the page includes)"))
    return findings


WITNESS = "hbwitness{}q"


def _witnessed(site: TermSite, page: _Page, candidates: list[tuple[TermUse, Entry]], offset: int) -> list[tuple[TermUse, Entry]] | None:
    """The candidates whose words readers read in the rendered page; None if it cannot be rendered."""
    body = page.document.body
    pieces, last, witness = [], 0, []
    for number, (use, _) in enumerate(candidates):
        start = use.start - offset
        first_word = re.match(r"[^\W\d_]+", body[start:]) if start >= last else None
        if first_word is None:
            # It overlaps the previous candidate (two wordings in one word): it shares its witness.
            witness.append(witness[-1] if witness else number)
            continue
        pieces += [body[last:start], WITNESS.format(number)]
        last = start + first_word.end()
        witness.append(number)
    witnessed = page.document.with_body("".join(pieces) + body[last:])
    try:
        rendered = site.renderer.page(witnessed, page.relative, "" if page.language == SOURCE else f"{page.language}/")
    except TranslationInputError:
        return None
    read = reader_text(rendered)
    return [pair for number, pair in enumerate(candidates) if WITNESS.format(witness[number]) in read]


def _first_include_line(document: Document) -> int:
    for number, line in enumerate(document.text.split("\n"), start=1):
        if number >= document.body_line and includes_snippets(line):
            return number
    return document.body_line


def _forbidden(site: TermSite, path: str, line: int, column: int, written: str, entry: Entry, language: str, where: str = "") -> Finding:
    message = f"'{written}' is not the handbook's term{where}; use '{entry.terms[language]}' ({site.glossary_shown}:{entry.line})"
    return Finding(path, line, column, message, kind="forbidden-term", severity=site.severity["forbidden-term"])


def _forbidden_wordings(entries: list[Entry], language: str, keys: WordKeys) -> list[tuple[Wording, Entry]]:
    return [(Wording.of(text, keys), entry) for entry in entries for text in entry.forbidden.get(language, ())]


def _forbidden_uses(site: TermSite, path: str, text: Text, forbidden: list[tuple[Wording, Entry]], language: str, line: int = 0) -> list[Finding]:
    """Each forbidden wording in `text`; with `line`, every finding goes to that line (a glossary entry)."""
    findings = []
    for wording, entry in forbidden:
        for use in text.uses(wording, inside_compounds=True):
            message = f"'{use.written}' is not the handbook's term; use '{entry.terms[language]}' ({site.glossary_shown}:{entry.line})"
            where = (line, 0) if line else (use.line, use.column)
            findings.append(Finding(path, *where, message, kind="forbidden-term", severity=site.severity["forbidden-term"]))
    return findings


def _glossary_problems(site: TermSite, forbidden: list[tuple[Wording, Entry]], language: str, keys: WordKeys) -> list[Finding]:
    """The glossary's own text: definitions become page text; an accepted wording must not contain a forbidden one."""
    findings = []
    for entry in site.entries:
        findings += _forbidden_uses(site, site.glossary_shown, Text(entry.definitions[language], keys), forbidden, language, entry.line)
        for accepted in (entry.terms[language], *entry.also.get(language, ())):
            for wording, owner in forbidden:
                if Text(accepted, keys).uses(wording, inside_compounds=True):
                    message = f"'{accepted}' of entry '{entry.id}' contains the forbidden wording '{wording.text}' of entry '{owner.id}' (line {owner.line})"
                    findings.append(Finding(site.glossary_shown, entry.line, 0, message, kind="glossary-conflict", severity=site.severity["glossary-conflict"]))
    return findings


def term_wordings(entries: list[Entry], language: str, keys: WordKeys) -> dict[str, list[Wording]]:
    return {entry.id: [Wording.of(text, keys) for text in (entry.terms[language], *entry.also.get(language, ()))] for entry in entries}


def _sections(page: _Page) -> list[tuple[str, int, int]]:
    """(heading id, first line, line after the last) of each section of the page."""
    sections = split_sections(page.document)
    spans = []
    for index, section in enumerate(sections):
        end = sections[index + 1].line if index + 1 < len(sections) else page.document.text.count("\n") + 2
        spans.append((section.key, section.line, end))
    return spans


def _uses_by_section(page: _Page, terms: dict[str, list[Wording]], *, longest: bool) -> dict[str, dict[str, TermUse]]:
    """Section id -> entry id -> the first use of the entry's term in that section.

    With `longest`, a use inside a longer use of another term belongs to the longer one
    (in the source: `rikoksista irtautuminen` is desistance, not also disengagement); a
    translation's `primary desistance` still says `desistance`.
    """
    uses = [(use, entry_id) for entry_id, wordings in terms.items() for use in page.text.uses_any(wordings)]
    kept = outermost_uses(uses) if longest else uses
    spans = _sections(page)
    by_section: dict[str, dict[str, TermUse]] = {}
    for use, entry_id in sorted(kept, key=lambda pair: (pair[0].line, pair[0].column)):
        key = next((key for key, first, end in spans if first <= use.line < end), None)
        if key is not None:
            by_section.setdefault(key, {}).setdefault(entry_id, use)
    return by_section


def _missing_terms(site: TermSite, source: _Page, translation: _Page, terms: dict[str, dict[str, list[Wording]]], relative: str) -> list[MissingTerm]:
    used = _uses_by_section(source, terms[SOURCE], longest=True)
    present = _uses_by_section(translation, terms[TRANSLATION], longest=False)
    spans = {key: (first, end) for key, first, end in _sections(translation)}
    headings = {key: first for key, (first, _) in spans.items()}
    lines = translation.document.text.split("\n")
    entries = {entry.id: entry for entry in site.entries}
    findings = []
    for key, uses in used.items():
        if key not in headings:
            continue  # a section without a twin is the translation track's finding (drift)
        for entry_id, use in uses.items():
            if entry_id in present.get(key, {}):
                continue
            first, end = spans[key]
            if use.written.lower() in "\n".join(lines[first - 1 : end - 1]).lower():
                continue  # the Finnish wording is quoted in the translation (a Finnish title), not translated
            entry = entries[entry_id]
            findings.append(
                MissingTerm(
                    translation.document.path,
                    relative,
                    headings[key],
                    key,
                    entry.terms[SOURCE],
                    f"{source.document.path}:{use.line}",
                    use.written,
                    (entry.terms[TRANSLATION], *entry.also.get(TRANSLATION, ())),
                    f"{site.glossary_shown}:{entry.line}",
                )
            )
    return findings


def term_site(root: Path, docs_dir: Path, entries: list[Entry], glossary: Path, severity: dict[str, str] | None = None, renderer: Renderer | None = None) -> TermSite:
    return TermSite(root, docs_dir, entries, relative_to_root(glossary, root), dict(severity or DEFAULT_SEVERITY), renderer)
