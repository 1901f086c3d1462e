"""The term check: the glossary's wordings in the pages of both languages.

Two kinds of finding, each one line:

* `forbidden-term`: a page uses a wording the glossary forbids, in any inflection:
  `docs/fi/x.md:12:5: 'yhteisöväkivallan' is not the handbook's term; use 'kodin ulkopuolinen väkivalta' (data/glossary.yml:120)`
* `missing-term`: a Finnish section uses a glossary term and its English twin (the
  section with the same heading id) uses neither the English term nor an accepted
  variant: the finding is on the English section's heading line, for the translator.

Only what readers read is judged (document/visible.py). Pure apart from reading pages
through the build's document store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from handbook.core import Finding, relative_to_root
from handbook.document import store
from handbook.document.source import Document, TranslationInputError
from handbook.document.visible import page_visible_text
from handbook.finnish import Morphology
from handbook.glossary.entries import Entry
from handbook.terms.matching import TermUse, Text, Wording, WordKeys, outermost_uses
from handbook.translation.pins import is_draft
from handbook.translation.sections import split_sections

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


class _Page:
    def __init__(self, document: Document, keys: WordKeys) -> None:
        self.document = document
        self.language = keys.language
        self.text = Text(page_visible_text(document.text, document.body_line), keys)


def check_terms(site: TermSite, morphology: Morphology) -> list[Finding]:
    return term_report(site, morphology)[0]


def term_report(site: TermSite, morphology: Morphology) -> tuple[list[Finding], list[MissingTerm]]:
    """Every finding, and the missing terms among them as records (for the status page);
    a kind whose severity is `ignore` gives neither."""
    keys = {language: WordKeys(language, morphology) for language in (SOURCE, TRANSLATION)}
    pages = {language: _read_pages(site, language, keys[language]) for language in (SOURCE, TRANSLATION)}
    findings: list[Finding] = []
    for language, by_path in pages.items():
        forbidden = _forbidden_wordings(site.entries, language, keys[language])
        for page in by_path.values():
            findings += _forbidden_uses(site, page.document.path, page.text, forbidden, language)
        findings += _glossary_problems(site, forbidden, language, keys[language])
    terms = {language: term_wordings(site.entries, language, keys[language]) for language in (SOURCE, TRANSLATION)}
    missing: list[MissingTerm] = []
    for relative, source in pages[SOURCE].items():
        translation = pages[TRANSLATION].get(relative)
        if translation is not None and not is_draft(translation.document):
            missing += _missing_terms(site, source, translation, terms, relative)
    if site.severity.get("missing-term") == "ignore":
        missing = []
    findings += [record.finding(site.severity["missing-term"]) for record in missing]
    return [finding for finding in findings if site.severity.get(finding.kind) != "ignore"], missing


def _read_pages(site: TermSite, language: str, keys: WordKeys) -> dict[str, _Page]:
    folder = site.docs_dir / language
    pages = {}
    documents = store.current()
    for path in sorted(folder.rglob("*.md")):
        try:
            document = documents.document(path, site.root)
        except TranslationInputError:
            continue  # the translation track and the reference check report unreadable files
        pages[path.relative_to(folder).as_posix()] = _Page(document, keys)
    return pages


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


def term_site(root: Path, docs_dir: Path, entries: list[Entry], glossary: Path, severity: dict[str, str] | None = None) -> TermSite:
    return TermSite(root, docs_dir, entries, relative_to_root(glossary, root), dict(severity or DEFAULT_SEVERITY))
