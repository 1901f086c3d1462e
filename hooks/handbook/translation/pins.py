"""The pin: which Finnish text an English page translates, read from and written to its front matter."""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from handbook.document.source import FRONT_MATTER_RE, Document
from handbook.translation.rendering import HASH_PREFIX, RenderedPage, Renderer  # noqa: F401
from handbook.translation.sections import SECTION_HASH_LENGTH, TOP_SECTION  # noqa: F401

HASH_KEY = "source_hash"
SECTIONS_KEY = "source_sections"
DRAFT_KEY = "translation"
DRAFT_VALUE = "draft"
ACCEPTED_KEY = "accepted_drift"
# The keys `ack` owns in a translation's front matter.
PIN_KEYS = (HASH_KEY, SECTIONS_KEY, ACCEPTED_KEY)
HASH_RE = re.compile(r"^sha256:[0-9a-f]{64}$")

# Every status a page can have, best first. `draft` is a scaffold from `new`: it exists
# but holds the Finnish text, so readers get it as untranslated.
STATUSES = ("translated", "outdated", "drifted", "unpinned", "draft", "missing", "orphan")
# Served to readers in Finnish: the notice says so and the navigation marks them.
UNTRANSLATED = ("missing", "draft")
# A Finnish edit makes its English twin outdated: that is shown to readers and translators,
# never a build failure (the Finnish source does not wait for the translation).
DEFAULT_WARN = ("orphan", "drifted")
DEFAULT_FAIL_ON = ("orphan", "drifted")
DEFAULT_MAX_OUTDATED_DAYS = 30


# --- Pins


SECTION_HASH_RE = re.compile(rf"[0-9a-f]{{{SECTION_HASH_LENGTH}}}")


@dataclass
class Pin:
    source_hash: str | None
    sections: dict[str, str]
    line: int  # line of the source_hash key, or of the front matter
    accepted: dict[str, list[str]] = field(default_factory=dict)  # section key -> accepted differences
    # Why the pin cannot be trusted (corrupted, flattened, half removed): such a pin never
    # counts as current, whatever its hash says.
    problem: str | None = None
    problem_line: int = 0

    @property
    def present(self) -> bool:
        return self.source_hash is not None or self.problem is not None


def read_pin(document: Document) -> Pin:
    """The pin of a translation. A pin that cannot be read is kept as a `problem`, never raised:
    the page then counts as outdated, not as unreadable."""
    meta = document.meta
    line = document.key_lines.get(HASH_KEY, document.front_matter_line)
    sections_line = document.key_lines.get(SECTIONS_KEY, line)
    value, sections = meta.get(HASH_KEY), meta.get(SECTIONS_KEY)
    accepted, accepted_problem = _accepted(meta.get(ACCEPTED_KEY))
    accepted_line = document.key_lines.get(ACCEPTED_KEY, line)
    if value is None and sections is None:
        return Pin(None, {}, line, accepted)
    problem, where = None, line
    if value is None:
        problem, where = f"{SECTIONS_KEY} is there but {HASH_KEY} is not", sections_line
    elif not isinstance(value, str) or not HASH_RE.match(value.strip()):
        problem = f"{HASH_KEY} {value!r} is not a hash (expected sha256: and 64 hex digits)"
    elif sections is None:
        problem = f"{SECTIONS_KEY} is missing"
    elif not isinstance(sections, dict) or not all(isinstance(v, str) and SECTION_HASH_RE.fullmatch(v) for v in sections.values()):
        problem, where = f"{SECTIONS_KEY} must map heading ids to {SECTION_HASH_LENGTH}-digit hex hashes, as `ack` writes them", sections_line
    elif accepted_problem:
        problem, where = accepted_problem, accepted_line
    source_hash = value.strip() if isinstance(value, str) and HASH_RE.match(value.strip()) else None
    kept = {str(k): v for k, v in sections.items()} if isinstance(sections, dict) and not problem else {}
    return Pin(source_hash, kept, line, accepted, problem, where if problem else 0)


def _accepted(value) -> tuple[dict[str, list[str]], str | None]:
    if value is None:
        return {}, None
    if isinstance(value, dict) and all(isinstance(v, list) and all(isinstance(f, str) for f in v) for v in value.values()):
        return {str(k): list(v) for k, v in value.items()}, None
    return {}, f"{ACCEPTED_KEY} must map heading ids to lists of differences, as `ack --accept-drift` writes them"


def is_draft(document: Document) -> bool:
    return str(document.meta.get(DRAFT_KEY, "")).strip().lower() == DRAFT_VALUE


def pin_lines(source: RenderedPage, newline: str = "\n", accepted: dict[str, list[str]] | None = None) -> list[str]:
    lines = [f"{HASH_KEY}: {source.hash}{newline}", f"{SECTIONS_KEY}:{newline}"]
    for key, value in source.section_hashes().items():
        # Quoted: a hash of digits only would otherwise read back as a number.
        lines.append(f'  {_yaml_key(key)}: "{value}"{newline}')
    if len(lines) == 2:
        lines[1] = f"{SECTIONS_KEY}: {{}}{newline}"
    if accepted:
        lines.append(f"{ACCEPTED_KEY}:{newline}")
        for key, facts in accepted.items():
            lines.append(f"  {_yaml_key(key)}:{newline}")
            lines.extend(f"    - {_yaml_string(fact)}{newline}" for fact in facts)
    return lines


def _yaml_key(key: str) -> str:
    """A heading id as a YAML key that reads back as the same string (not `yes` -> True)."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.-]*", key) and yaml.safe_load(key) == key:
        return key
    return "'" + key.replace("'", "''") + "'"


def _yaml_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def source_page(document: Document) -> str:
    """The page's path inside its language folder, from a `docs/<lang>/...` path (links are
    resolved from it); pass `page=` where the docs folder has another name."""
    match = re.match(r"^(?:.*/)?docs/[^/]+/(.+)$", document.path)
    return match.group(1) if match else document.path


def rendered(source: Document | RenderedPage, renderer: Renderer | None = None, page: str | None = None) -> RenderedPage:
    if isinstance(source, RenderedPage):
        return source
    if renderer is None:
        from handbook.translation.markdown_config import default_renderer

        renderer = default_renderer()
    return renderer.page(source, page or source_page(source))


def apply_pin(translation_text: str, source: Document | RenderedPage, *, renderer: Renderer | None = None, page: str | None = None,
              accepted: dict[str, list[str]] | None = None) -> str:
    """The translation's text with its pin set to `source`; every other byte unchanged.
    `accepted`: the structural differences the translator accepted (`ack --accept-drift`)."""
    newline = "\r\n" if "\r\n" in translation_text else "\n"
    new_pin = pin_lines(rendered(source, renderer, page), newline, accepted)
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
        elif skipping and (line[:1] in (" ", "\t", "-") or not line.strip()):
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


def scaffold(source: Document, *, renderer: Renderer | None = None, page: str | None = None) -> str:
    """An English twin to translate in place: the Finnish text, its front matter, the pin
    and `translation: draft`, so it counts as untranslated until a translator removes it."""
    meta = {k: v for k, v in source.meta.items() if k not in PIN_KEYS and k != DRAFT_KEY}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000) if meta else ""
    note = "# Translate the text below in place; keep every heading id. Remove the next line when done.\n"
    return "---\n" + front + note + f"{DRAFT_KEY}: {DRAFT_VALUE}\n" + "".join(pin_lines(rendered(source, renderer, page))) + "---\n" + source.body.lstrip("\n")
