"""The pin: which Finnish text an English page translates, read from and written to its front matter."""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from handbook.core import Finding
from handbook.document.source import FRONT_MATTER_RE, Document, TranslationInputError
from handbook.translation.sections import HASH_PREFIX, SECTION_HASH_LENGTH, TOP_SECTION, document_hash, section_hashes  # noqa: F401

HASH_KEY = "source_hash"
SECTIONS_KEY = "source_sections"
DRAFT_KEY = "translation"
DRAFT_VALUE = "draft"
PIN_KEYS = (HASH_KEY, SECTIONS_KEY)
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
    if not isinstance(sections, dict) or not all(isinstance(v, str) and re.fullmatch(rf"[0-9a-f]{{{SECTION_HASH_LENGTH}}}", v) for v in sections.values()):
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
