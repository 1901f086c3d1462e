"""The translation track: how each English page stands against its Finnish source.

Pure engine shared by the build hook (`translation_track.py`) and the translators'
command-line tool (`handbook_translation_cli.py`). It reads `docs/<lang>/` from disk and
knows nothing of mkdocs-static-i18n, so it survives a change of generator.

The pin: an English page's front matter names the Finnish text it was synced with,

    source_hash: sha256:<64 hex digits>     # the whole normalised Finnish page
    source_sections:                        # one short hash per section, by heading id
      home: 1a2b3c4d

Hashes are taken over the *normalised* source (no front matter, whitespace and line
wrapping folded), so a cosmetic edit of the source keeps the pin valid and an edit of the
translation alone never clears an outdated flag.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

import yaml

from handbook_build import Finding, relative_to_root

HASH_KEY = "source_hash"
SECTIONS_KEY = "source_sections"
DRAFT_KEY = "translation"
DRAFT_VALUE = "draft"
PIN_KEYS = (HASH_KEY, SECTIONS_KEY)
HASH_PREFIX = "sha256:"
HASH_RE = re.compile(r"^sha256:[0-9a-f]{64}$")
SECTION_HASH_LENGTH = 8
TOP_SECTION = "_top"

# Every status a page can have, best first. `draft` is a scaffold from `new`: it exists
# but holds the Finnish text, so readers get it as untranslated.
STATUSES = ("translated", "outdated", "drifted", "unpinned", "draft", "missing", "orphan")
# Served to readers in Finnish: the notice says so and the navigation marks them.
UNTRANSLATED = ("missing", "draft")
DEFAULT_WARN = ("outdated", "orphan", "drifted")
DEFAULT_FAIL_ON = ("orphan", "drifted")
DEFAULT_MAX_OUTDATED_DAYS = 30


class TranslationInputError(Exception):
    """A file the engine cannot read; carries the `path:line` finding to report."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.format())
        self.finding = finding


# --- Reading pages


FRONT_MATTER_RE = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


@dataclass
class Document:
    """One Markdown page: its front matter and body, with 1-based line numbers."""

    path: str  # relative to the project root, for messages
    text: str
    meta: dict
    body: str
    body_line: int  # line number of the first body line
    key_lines: dict[str, int] = field(default_factory=dict)  # front-matter key -> line
    # Unreadable front matter: reported, read as empty (as MkDocs does, silently).
    problems: list[Finding] = field(default_factory=list)

    @property
    def front_matter_line(self) -> int:
        return 1 if self.body_line > 1 else 0


def decode(raw: bytes, path: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise TranslationInputError(
            Finding(path, line, message=f"not UTF-8 text (byte 0x{raw[error.start]:02x}); save the file as UTF-8", kind="input")
        ) from None


def parse_document(text: str, path: str) -> Document:
    """Split front matter from body; invalid YAML becomes a `path:line` problem."""
    match = FRONT_MATTER_RE.match(text)
    if not match:
        return Document(path, text, {}, text, 1)
    front = match.group(1) or ""
    body_line = text[: match.end()].count("\n") + 1
    try:
        meta = yaml.safe_load(front) if front.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = 2 + mark.line if mark else 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        hint = "; quote a value that contains ': '" if "mapping values" in problem else ""
        problem = Finding(path, line, message=f"front matter is not valid YAML: {problem}{hint}", kind="input")
        return Document(path, text, {}, text[match.end() :], body_line, problems=[problem])
    if not isinstance(meta, dict):
        problem = Finding(path, 2, message="front matter is not a mapping of keys to values", kind="input")
        return Document(path, text, {}, text[match.end() :], body_line, problems=[problem])
    key_lines = {}
    for number, line in enumerate(front.splitlines(), start=2):
        key = re.match(r"^([A-Za-z0-9_-]+)\s*:", line)
        if key:
            key_lines.setdefault(key.group(1), number)
    return Document(path, text, meta, text[match.end() :], body_line, key_lines)


def read_document(path: Path, root: Path) -> Document:
    shown = relative_to_root(path, root)
    return parse_document(decode(path.read_bytes(), shown), shown)


# --- Normalisation and hashing


FENCE_RE = re.compile(r"^\s*(`{3,}|~{3,})")


def normalise(markdown: str) -> str:
    """The text that counts: blocks kept, whitespace and line wrapping folded.

    Front matter must already be gone. Fenced code keeps its lines (wrapping matters
    there); everywhere else each blank-line-separated block becomes one line.
    """
    blocks: list[str] = []
    current: list[str] = []
    fence: str | None = None

    def flush() -> None:
        if current:
            blocks.append(" ".join(" ".join(current).split()))
            current.clear()

    for line in markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        opener = FENCE_RE.match(line)
        if fence:
            blocks.append(line.rstrip())
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            continue
        if opener:
            flush()
            fence = opener.group(1)
            blocks.append(line.strip())
            continue
        if line.strip():
            current.append(line)
        else:
            flush()
    flush()
    return "\n".join(block for block in blocks if block)


def content_hash(markdown: str) -> str:
    return HASH_PREFIX + hashlib.sha256(normalise(markdown).encode("utf-8")).hexdigest()


def document_hash(document: Document) -> str:
    return content_hash(document.body)


# --- Sections


HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$")
ATTR_LIST_RE = re.compile(r"[ \t]*\{:?[ \t]*([^}]*)\}[ \t]*$")
HEADING_ID_RE = re.compile(r"(?:^|\s)#([A-Za-z0-9_:.-]+)")


@dataclass
class Section:
    """A heading and the text under it up to the next heading (any level)."""

    key: str  # the explicit heading id, or `#N` by position when the heading has none
    level: int  # 0 for the text before the first heading
    title: str
    line: int  # 1-based line of the heading in the file
    lines: list[str]
    explicit_id: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def hash(self) -> str:
        return hashlib.sha256(normalise(self.text).encode("utf-8")).hexdigest()[:SECTION_HASH_LENGTH]

    def label(self) -> str:
        if self.key == TOP_SECTION:
            return "the text before the first heading"
        return f"'{self.key}'"


def parse_heading(line: str) -> tuple[int, str, str | None] | None:
    match = HEADING_RE.match(line)
    if not match:
        return None
    level, title = len(match.group(1)), re.sub(r"[ \t]+#+$", "", match.group(2))
    heading_id = None
    attrs = ATTR_LIST_RE.search(title)
    if attrs:
        found = HEADING_ID_RE.search(attrs.group(1))
        heading_id = found.group(1) if found else None
        title = title[: attrs.start()]
    return level, title.strip(), heading_id


def split_sections(document: Document) -> list[Section]:
    sections = [Section(TOP_SECTION, 0, "", document.body_line, [])]
    fence: str | None = None
    position = 0
    for number, line in enumerate(document.body.replace("\r\n", "\n").split("\n"), start=document.body_line):
        opener = FENCE_RE.match(line)
        if fence:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
        elif opener:
            fence = opener.group(1)
        else:
            heading = parse_heading(line)
            if heading:
                position += 1
                level, title, heading_id = heading
                sections.append(Section(heading_id or f"#{position}", level, title, number, [line], bool(heading_id)))
                continue
        sections[-1].lines.append(line)
    if not normalise(sections[0].text):
        sections.pop(0)
    return sections


def section_hashes(document: Document) -> dict[str, str]:
    return {section.key: section.hash for section in split_sections(document)}


# --- Structure (drift)


ADMONITION_RE = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s+([\w-]+)")
TABLE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
IMAGE_RE = re.compile(r"!\[[^\]]*\]\(|<img\b", re.IGNORECASE)
LINK_RE = re.compile(r"(?<!!)\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
INLINE_CODE_RE = re.compile(r"`[^`]*`")
NOISE_RE = re.compile(r"\]\([^)]*\)|<[^>]+>|\{[:#.][^}]*\}|\[\^[^\]]*\]|https?://\S+")
# 10 000 (Finnish) and 10,000 (English) are the same figure; 1,5 and 1.5 too.
NUMBER_RE = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d])|\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:[.,]\d+)?")


@dataclass
class Structure:
    level: int
    admonitions: list[str]
    tables: list[int]  # columns per table
    images: int
    internal_links: list[str]
    external_links: int
    numbers: list[str]


def _numbers(text: str) -> list[str]:
    text = NOISE_RE.sub(" ", INLINE_CODE_RE.sub(" ", text))
    found = []
    for token in NUMBER_RE.findall(text):
        token = re.sub(r"[ \u00a0\u202f]", "", token)
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+", token):
            token = token.replace(",", "")
        found.append(token.replace(",", "."))
    return sorted(found)


def structure(section: Section) -> Structure:
    admonitions, tables, images, internal, external = [], [], 0, [], 0
    prose: list[str] = []
    fence = None
    for line in section.lines[1:] if section.level else section.lines:
        opener = FENCE_RE.match(line)
        if fence or opener:
            if fence and opener and opener.group(1)[0] == fence[0]:
                fence = None
            elif not fence:
                fence = opener.group(1)
            continue
        admonition = ADMONITION_RE.match(line)
        if admonition:
            admonitions.append(admonition.group(1))
            # The title of an admonition is prose; its type is structure.
            line = line[admonition.end() :]
        if TABLE_RULE_RE.match(line) and "|" in line:
            tables.append(line.strip().strip("|").count("|") + 1)
            continue
        images += len(IMAGE_RE.findall(line))
        for target in LINK_RE.findall(line):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):
                external += 1
            else:
                internal.append(target)
        prose.append(line)
    return Structure(section.level, admonitions, tables, images, sorted(internal), external, _numbers("\n".join(prose)))


@dataclass(frozen=True)
class Drift:
    section: str  # section key in the source
    line: int  # line in the translation
    message: str


def _multiset_difference(source: list[str], translation: list[str]) -> tuple[list[str], list[str]]:
    missing = list(source)
    extra = []
    for item in translation:
        if item in missing:
            missing.remove(item)
        else:
            extra.append(item)
    return missing, extra


def compare_structure(source: Document, translation: Document) -> list[Drift]:
    """What differs in structure between the Finnish page and its translation, per section."""
    source_sections = split_sections(source)
    translated_sections = split_sections(translation)
    source_by_key = {s.key: s for s in source_sections}
    translated_by_key = {s.key: s for s in translated_sections}
    drifts: list[Drift] = []
    for section in source_sections:
        if section.key not in translated_by_key:
            drifts.append(Drift(section.key, 0, f"section {section.label()} ({source.path}:{section.line}, level {section.level}) has no counterpart; heading ids must match the Finnish source"))
    for section in translated_sections:
        if section.key not in source_by_key:
            drifts.append(Drift(section.key, section.line, f"heading {section.label()} is not in the Finnish source {source.path}; heading ids must match it"))
    common_source = [s.key for s in source_sections if s.key in translated_by_key]
    common_translated = [s.key for s in translated_sections if s.key in source_by_key]
    if common_source != common_translated:
        first = next(t for s, t in zip(common_source, common_translated) if s != t)
        drifts.append(Drift(first, translated_by_key[first].line, f"headings are in a different order than in {source.path} (Finnish: {', '.join(common_source)})"))
    for key in common_translated:
        drifts.extend(_compare_section(source, source_by_key[key], translated_by_key[key]))
    return drifts


def _compare_section(source: Document, original: Section, translated: Section) -> list[Drift]:
    a, b = structure(original), structure(translated)
    where = f"{source.path}:{original.line}"
    name = f"section {translated.label()}"
    found = []

    def differs(what: str, expected, actual) -> None:
        found.append(Drift(original.key, translated.line, f"{name}: {what} differ from {where} (Finnish {expected}, English {actual})"))

    if a.level != b.level:
        found.append(Drift(original.key, translated.line, f"{name}: heading level {b.level}, the Finnish source has level {a.level} ({where})"))
    if a.admonitions != b.admonitions:
        differs("admonitions", _listed(a.admonitions), _listed(b.admonitions))
    if a.tables != b.tables:
        differs("tables", _tables(a.tables), _tables(b.tables))
    if a.images != b.images:
        differs("images", a.images, b.images)
    if a.internal_links != b.internal_links:
        differs("internal links", _listed(a.internal_links), _listed(b.internal_links))
    if a.external_links != b.external_links:
        differs("external links", a.external_links, b.external_links)
    missing, extra = _multiset_difference(a.numbers, b.numbers)
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"{', '.join(missing)} not in the English text")
        if extra:
            parts.append(f"{', '.join(extra)} not in the Finnish text")
        found.append(Drift(original.key, translated.line, f"{name}: numbers differ from {where} ({'; '.join(parts)})"))
    return found


def _listed(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]" if items else "none"


def _tables(columns: list[int]) -> str:
    return f"{len(columns)} table(s), columns {columns}" if columns else "none"


# --- Pins


@dataclass
class Pin:
    source_hash: str | None
    sections: dict[str, str]
    line: int  # line of the source_hash key, or of the front matter


def read_pin(document: Document) -> Pin:
    """The pin of a translation; a malformed pin is a `path:line` error."""
    value = document.meta.get(HASH_KEY)
    line = document.key_lines.get(HASH_KEY, document.front_matter_line)
    if value is None:
        return Pin(None, {}, line)
    if not isinstance(value, str) or not HASH_RE.match(value.strip()):
        raise TranslationInputError(
            Finding(document.path, line, message=f"{HASH_KEY} {value!r} is not a hash (expected sha256: and 64 hex digits); re-pin it: make translations ARGS=\"ack {document.path}\"", kind="input")
        )
    sections = document.meta.get(SECTIONS_KEY) or {}
    sections_line = document.key_lines.get(SECTIONS_KEY, line)
    if not isinstance(sections, dict) or not all(isinstance(v, str) and re.fullmatch(r"[0-9a-f]{%d}" % SECTION_HASH_LENGTH, v) for v in sections.values()):
        raise TranslationInputError(
            Finding(document.path, sections_line, message=f"{SECTIONS_KEY} must map heading ids to {SECTION_HASH_LENGTH}-digit hex hashes", kind="input")
        )
    return Pin(value.strip(), {str(k): v for k, v in sections.items()}, line)


def is_draft(document: Document) -> bool:
    return str(document.meta.get(DRAFT_KEY, "")).strip().lower() == DRAFT_VALUE


def pin_lines(source: Document, newline: str = "\n") -> list[str]:
    lines = [f"{HASH_KEY}: {document_hash(source)}{newline}", f"{SECTIONS_KEY}:{newline}"]
    for key, value in section_hashes(source).items():
        # Quoted: a hash of digits only would otherwise read back as a number.
        lines.append(f'  {_yaml_key(key)}: "{value}"{newline}')
    if len(lines) == 2:
        lines[1] = f"{SECTIONS_KEY}: {{}}{newline}"
    return lines


def _yaml_key(key: str) -> str:
    """A heading id as a YAML key that reads back as the same string (not `yes` -> True)."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.-]*", key) and yaml.safe_load(key) == key:
        return key
    return "'" + key.replace("'", "''") + "'"


def apply_pin(translation_text: str, source: Document) -> str:
    """The translation's text with its pin set to `source`; every other byte unchanged."""
    newline = "\r\n" if "\r\n" in translation_text else "\n"
    new_pin = pin_lines(source, newline)
    match = FRONT_MATTER_RE.match(translation_text)
    if not match:
        bom = "\ufeff" if translation_text.startswith("\ufeff") else ""
        return f"{bom}---{newline}{''.join(new_pin)}---{newline}{translation_text[len(bom):]}"
    if match.group(1) is not None:
        head, front = translation_text[: match.start(1)], match.group(1)
        closing = translation_text[match.end(1) : match.end()]
    else:  # an empty front matter block
        head = translation_text[: translation_text.index("\n") + 1]
        front, closing = "", translation_text[len(head) : match.end()]
    kept: list[str] = []
    skipping = False
    inserted = False
    for line in front.splitlines(keepends=True):
        key = re.match(r"^([A-Za-z0-9_-]+)\s*:", line)
        if key:
            skipping = key.group(1) in PIN_KEYS
            if skipping and not inserted:
                kept.extend(new_pin)
                inserted = True
            if skipping:
                continue
        elif skipping and (line[:1] in (" ", "\t") or not line.strip()):
            continue  # the indented body of an old pin key
        else:
            skipping = False
        kept.append(line)
    if not inserted:
        if kept and not kept[-1].endswith("\n"):
            kept[-1] += newline
        kept.extend(new_pin)
    return head + "".join(kept) + closing + translation_text[match.end() :]


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` in one step: a reader or a crash never sees half a file."""
    mode = path.stat().st_mode & 0o777 if path.exists() else None
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def scaffold(source: Document) -> str:
    """An English twin to translate in place: the Finnish text, its front matter, the pin
    and `translation: draft`, so it counts as untranslated until a translator removes it."""
    meta = {k: v for k, v in source.meta.items() if k not in PIN_KEYS and k != DRAFT_KEY}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000) if meta else ""
    note = "# Translate the text below in place; keep every heading id. Remove the next line when done.\n"
    return "---\n" + front + note + f"{DRAFT_KEY}: {DRAFT_VALUE}\n" + "".join(pin_lines(source)) + "---\n" + source.body.lstrip("\n")


# --- Git history of the source


@dataclass(frozen=True)
class Revision:
    commit: str
    when: datetime
    hash: str
    text: str


class SourceHistory:
    """Revisions of the Finnish pages from git, when the project is a git checkout."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._available: bool | None = None
        self._cache: dict[str, list[Revision]] = {}

    def _git(self, *args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(self.root), *args], capture_output=True, timeout=60, check=False)
        except (OSError, subprocess.SubprocessError):
            return None
        if done.returncode != 0:
            return None
        return done.stdout.decode("utf-8", "replace")

    @property
    def available(self) -> bool:
        if self._available is None:
            self._available = (self._git("rev-parse", "--is-inside-work-tree") or "").strip() == "true"
        return self._available

    def revisions(self, path: Path) -> list[Revision]:
        """Commits that touched `path`, newest first, with the normalised hash of each."""
        if not self.available:
            return []
        relative = relative_to_root(path, self.root)
        if relative in self._cache:
            return self._cache[relative]
        found = []
        for row in (self._git("log", "--format=%H %ct", "--", relative) or "").splitlines():
            commit, stamp = row.split()
            shown = self._git("show", f"{commit}:./{relative}")
            if shown is None:
                continue  # the commit deleted the file
            try:
                document = parse_document(shown, relative)
            except TranslationInputError:
                continue
            found.append(Revision(commit, datetime.fromtimestamp(int(stamp), timezone.utc), document_hash(document), shown))
        self._cache[relative] = found
        return found


@dataclass
class SourceChange:
    when: datetime
    evidence: str  # "git" or "mtime"
    pinned_revision: Revision | None


def source_change(source_path: Path, pin: str, history: SourceHistory | None) -> SourceChange:
    """When the Finnish page first changed away from the pinned text.

    From git: the first commit after the newest pinned revision. When no commit holds the
    pinned text (it was pinned to uncommitted text, or the clone is shallow), the latest
    commit: an underestimate rather than a CI failure nobody can explain. When the change
    is not committed yet, or there is no git, the file's modification time.
    """
    revisions = history.revisions(source_path) if history else []
    pinned_index = next((i for i, r in enumerate(revisions) if r.hash == pin), None)
    if pinned_index is None and revisions:
        return SourceChange(revisions[0].when, "git", None)
    if pinned_index:  # commits after the pinned one; all of them differ from the pin
        return SourceChange(revisions[pinned_index - 1].when, "git", revisions[pinned_index])
    mtime = datetime.fromtimestamp(source_path.stat().st_mtime, timezone.utc)
    return SourceChange(mtime, "mtime", revisions[0] if revisions else None)


# --- The track


@dataclass
class PageStatus:
    path: str  # relative to the language folder, e.g. teoria/desistanssi.md
    status: str
    source: str | None  # docs/fi/... (project-relative) when it exists
    translation: str | None
    line: int = 0  # where the status applies in the translation
    changed_sections: list[str] = field(default_factory=list)
    section_titles: dict[str, str] = field(default_factory=dict)
    source_titled: set[str] = field(default_factory=set)  # sections titled in the source language
    changed: datetime | None = None
    date_evidence: str | None = None
    days_outdated: int | None = None
    drift: list[Drift] = field(default_factory=list)
    suggestion: str | None = None
    twin: str | None = None  # where the absent file of a missing or orphan page would be
    title: str | None = None  # the page's first heading, in the translation when there is one
    errors: list[Finding] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "path": self.path,
            "title": self.title,
            "status": self.status,
            "source": self.source,
            "translation": self.translation,
            "sections": self.changed_sections,
            "changed": self.changed.isoformat(timespec="seconds") if self.changed else None,
            "changed_from": self.date_evidence,
            "days_outdated": self.days_outdated,
            "drift": [{"section": d.section, "line": d.line, "message": d.message} for d in self.drift],
            "suggestion": self.suggestion,
            "errors": [e.format() for e in self.errors],
        }


@dataclass
class LanguageTrack:
    language: str
    pages: list[PageStatus]

    def summary(self) -> dict[str, int]:
        counts = {status: 0 for status in STATUSES}
        for page in self.pages:
            counts[page.status] += 1
        return counts

    def page(self, path: str) -> PageStatus | None:
        return next((p for p in self.pages if p.path == path), None)


@dataclass
class Track:
    source_language: str
    generated: datetime
    languages: dict[str, LanguageTrack]

    def as_json(self) -> dict:
        return {
            "source": self.source_language,
            "generated": self.generated.isoformat(timespec="seconds"),
            "languages": {
                lang: {"summary": track.summary(), "pages": [p.as_json() for p in track.pages]}
                for lang, track in self.languages.items()
            },
        }


def markdown_pages(folder: Path) -> dict[str, Path]:
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*.md")) if p.is_file()}


def translation_languages(docs_dir: Path, source_language: str) -> list[str]:
    """Every language folder beside the source that holds pages."""
    return sorted(p.name for p in docs_dir.iterdir() if p.is_dir() and p.name != source_language and any(p.rglob("*.md"))) if docs_dir.is_dir() else []


def build_track(
    root: Path,
    docs_dir: Path,
    source_language: str = "fi",
    languages: Iterable[str] | None = None,
    *,
    now: datetime | None = None,
    history: SourceHistory | None = None,
) -> Track:
    now = now or datetime.now(timezone.utc)
    history = history if history is not None else SourceHistory(root)
    sources = markdown_pages(docs_dir / source_language)
    tracks = {}
    for language in languages if languages is not None else translation_languages(docs_dir, source_language):
        translations = markdown_pages(docs_dir / language)
        pages = [
            _page_status(root, rel, sources.get(rel), translations.get(rel), sources, translations, now, history, (docs_dir / source_language, docs_dir / language))
            for rel in sorted(set(sources) | set(translations))
        ]
        tracks[language] = LanguageTrack(language, pages)
    return Track(source_language, now, tracks)


def _page_status(root, rel, source_path, translation_path, sources, translations, now, history, twins) -> PageStatus:
    shown_source = relative_to_root(source_path, root) if source_path else None
    shown_translation = relative_to_root(translation_path, root) if translation_path else None
    page = PageStatus(rel, "missing", shown_source, shown_translation)
    if translation_path is None:
        page.twin = relative_to_root(twins[1] / rel, root)
        page.title = _title(source_path, root)
        return page
    if source_path is None:
        page.status = "orphan"
        page.twin = relative_to_root(twins[0] / rel, root)
        page.title = _title(translation_path, root)
        page.suggestion = _renamed_source(root, rel, translation_path, sources, translations)
        return page
    try:
        source = read_document(source_path, root)
        translation = read_document(translation_path, root)
        page.errors.extend(source.problems + translation.problems)
        pin = read_pin(translation)
    except TranslationInputError as error:
        # Unreadable input is reported; the page counts as not known to be current.
        page.status = "unpinned"
        page.errors.append(error.finding)
        return page
    if is_draft(translation):
        page.status = "draft"
        page.title = _first_title(split_sections(source))
        page.line = translation.key_lines.get(DRAFT_KEY, 0)
        return page
    current = split_sections(source)
    translated_titles = {s.key: s.title for s in split_sections(translation)}
    page.title = _first_title(split_sections(translation)) or _first_title(current)
    page.section_titles = {s.key: translated_titles.get(s.key) or s.title for s in current}
    page.source_titled = {s.key for s in current if not translated_titles.get(s.key)}
    page.line = pin.line
    drift = compare_structure(source, translation)
    if pin.source_hash is None:
        page.status = "unpinned"
    elif pin.source_hash != document_hash(source):
        page.status = "outdated"
        page.changed_sections = _changed_sections(current, pin, source_path, history)
        change = source_change(source_path, pin.source_hash, history)
        page.changed, page.date_evidence = change.when, change.evidence
        page.days_outdated = max(0, (now - change.when).days)
        # A changed source section is expected to differ until it is translated again.
        drift = [d for d in drift if d.section not in page.changed_sections]
    else:
        page.status = "translated"
    page.drift = drift
    if drift and page.status in ("translated", "unpinned"):
        page.status = "drifted"
    return page


def _first_title(sections: list[Section]) -> str | None:
    return next((s.title for s in sections if s.level == 1), None)


def _title(path: Path, root: Path) -> str | None:
    try:
        return _first_title(split_sections(read_document(path, root)))
    except TranslationInputError:
        return None


def _changed_sections(current: list[Section], pin: Pin, source_path: Path, history: SourceHistory | None) -> list[str]:
    """Section keys whose text changed since the pin: from the pin's section hashes, else git."""
    pinned = pin.sections
    if not pinned and history is not None:
        revision = next((r for r in history.revisions(source_path) if r.hash == pin.source_hash), None)
        if revision is not None:
            pinned = section_hashes(parse_document(revision.text, source_path.name))
    if not pinned:
        return [s.key for s in current]
    keys = [s.key for s in current if pinned.get(s.key) != s.hash]
    keys.extend(k for k in pinned if k not in {s.key for s in current})  # removed sections
    return keys


def _renamed_source(root, rel, translation_path, sources, translations) -> str | None:
    """The Finnish page this orphan most likely translates: one without a twin of its own,
    sharing heading ids and a similar name."""
    try:
        orphan_ids = {s.key for s in split_sections(read_document(translation_path, root)) if s.explicit_id}
    except TranslationInputError:
        orphan_ids = set()
    best, best_score = None, 0.0
    for candidate, path in sources.items():
        if candidate in translations:
            continue
        try:
            ids = {s.key for s in split_sections(read_document(path, root)) if s.explicit_id}
        except TranslationInputError:
            ids = set()
        shared = len(orphan_ids & ids) / len(orphan_ids | ids) if orphan_ids | ids else 0.0
        name = difflib.SequenceMatcher(None, rel, candidate).ratio()
        score = 0.7 * shared + 0.3 * name
        if score > best_score:
            best, best_score = candidate, score
    return relative_to_root(sources[best], root) if best and best_score >= 0.3 else None


# --- Findings for the build log and the CI policy


def ack_command(page: PageStatus) -> str:
    return f'make translations ARGS="ack {page.path}"'


def page_findings(page: PageStatus, language: str, warn: Iterable[str]) -> list[Finding]:
    """One line per problem, located where it applies; `warn` statuses warn, the rest inform."""
    warn = set(warn)
    severity = "warning" if page.status in warn else "info"
    findings = list(page.errors)  # unreadable input always warns
    where = page.translation
    if page.status == "missing":
        findings.append(Finding(page.source, 0, message=f"missing: no {language} translation ({page.twin}); readers get the Finnish page", kind="missing", severity=severity))
    elif page.status == "orphan":
        hint = f"; renamed to {page.suggestion}?" if page.suggestion else "; delete it or move it to the path of its Finnish source"
        findings.append(Finding(where, 0, message=f"orphan: no Finnish source ({page.twin}){hint}", kind="orphan", severity=severity))
    elif page.status == "draft":
        findings.append(Finding(where, page.line, message=f"draft: marked '{DRAFT_KEY}: {DRAFT_VALUE}', readers get it as untranslated; remove the line when the translation is done", kind="draft", severity=severity))
    elif page.status == "unpinned" and not page.errors:
        findings.append(Finding(where, page.line, message=f"unpinned: no {HASH_KEY}, so nobody knows whether it matches {page.source}; after review pin it: {ack_command(page)}", kind="unpinned", severity=severity))
    elif page.status == "outdated":
        sections = ", ".join(page.changed_sections) or "none by heading"
        when = f"{page.changed.date().isoformat()}, {page.days_outdated} days ago, from {'git' if page.date_evidence == 'git' else 'the file date'}"
        findings.append(Finding(where, page.line, message=f"outdated: {page.source} changed since this translation was pinned (sections: {sections}; changed {when}); review, then {ack_command(page)}", kind="outdated", severity=severity))
    drift_severity = "warning" if "drifted" in warn else "info"
    for drift in page.drift:
        findings.append(Finding(where, drift.line, message=f"drifted: {drift.message}", kind="drifted", severity=drift_severity))
    return findings


def track_findings(track: Track, warn: Iterable[str] = DEFAULT_WARN) -> list[Finding]:
    findings = []
    for language, lang_track in track.languages.items():
        for page in lang_track.pages:
            findings.extend(page_findings(page, language, warn))
    return findings


def policy_violations(track: Track, fail_on: Iterable[str] = DEFAULT_FAIL_ON, max_outdated_days: int | None = DEFAULT_MAX_OUTDATED_DAYS) -> list[str]:
    """Why CI should fail: statuses in `fail_on`, outdated pages older than the limit, unreadable files."""
    fail_on = set(fail_on)
    reasons = []
    for language, lang_track in track.languages.items():
        for page in lang_track.pages:
            name = f"{language}/{page.path}"
            for error in page.errors:
                reasons.append(error.format())
            if page.status in fail_on:
                reasons.append(f"{name}: {page.status}")
            elif page.status == "outdated" and max_outdated_days is not None and (page.days_outdated or 0) > max_outdated_days:
                reasons.append(f"{name}: outdated for {page.days_outdated} days (limit {max_outdated_days})")
    return reasons


# --- Settings from mkdocs.yml `extra.translation_track`


@dataclass
class Settings:
    source_language: str = "fi"
    languages: list[str] | None = None
    warn: tuple[str, ...] = DEFAULT_WARN
    fail_on: tuple[str, ...] = DEFAULT_FAIL_ON
    max_outdated_days: int | None = DEFAULT_MAX_OUTDATED_DAYS
    status_page: str = "kaannostilanne.md"


class SettingsError(ValueError):
    pass


def read_settings(extra: dict | None) -> Settings:
    raw = (extra or {}).get("translation_track") or {}
    if not isinstance(raw, dict):
        raise SettingsError("extra.translation_track must be a mapping")
    known = {"source_language", "languages", "warn", "fail_on", "max_outdated_days", "status_page"}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise SettingsError(f"extra.translation_track: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    settings = Settings()
    for key in ("warn", "fail_on"):
        if key in raw:
            values = raw[key] or []
            bad = [v for v in values if v not in STATUSES] if isinstance(values, list) else [values]
            if bad:
                raise SettingsError(f"extra.translation_track.{key}: {bad} is not a list of statuses ({', '.join(STATUSES)})")
            setattr(settings, key, tuple(values))
    if "max_outdated_days" in raw:
        value = raw["max_outdated_days"]
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            raise SettingsError("extra.translation_track.max_outdated_days must be a whole number of days (or null for no limit)")
        settings.max_outdated_days = value
    if "source_language" in raw:
        settings.source_language = str(raw["source_language"])
    if "languages" in raw:
        if not isinstance(raw["languages"], list):
            raise SettingsError("extra.translation_track.languages must be a list of language folders")
        settings.languages = [str(v) for v in raw["languages"]]
    if "status_page" in raw:
        settings.status_page = str(raw["status_page"])
    return settings


def load_project(config_file: Path) -> tuple[Path, Path, Settings]:
    """Project root, docs folder and settings from mkdocs.yml, without loading MkDocs.

    Tags such as !ENV and !relative are irrelevant here and read as plain values.
    """

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    _Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    with open(config_file, encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=_Loader) or {}
    root = config_file.resolve().parent
    docs_dir = root / (config.get("docs_dir") or "docs")
    return root, docs_dir, read_settings(config.get("extra"))
