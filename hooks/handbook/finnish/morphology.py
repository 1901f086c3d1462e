"""Finnish morphology for every concern that matches text: base forms and compound parts of a word.

    morphology = Morphology.for_project(root)      # cache at <root>/.cache/handbook/finnish-words.json
    morphology.analyse("tapaamisessa")              # {'tapaaminen'}
    morphology.analyse("nuorisotyöntekijä")         # {'nuorisotyöntekijä', 'nuoriso', 'työ', 'tekijä', 'nuorisotyö', 'työntekijä'}
    morphology.save()                               # after a build: only if something new was analysed

The analyser is Voikko's Finnish dictionary as pyvoikko ships it (pure Python, pinned in
pyproject.toml). Each distinct word is analysed once and the result kept on disk between
builds, keyed by the analyser's version and the version of our reading of its output
(`RULES`), so a rebuild under `make serve` never loads the analyser unless a page has a
word it has not seen; loading it alone takes about two seconds.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

from handbook.core import handbook_logger
from handbook.core.side_by_side import side_by_side
from handbook.finnish.analysis import UNKNOWN, WordForms, forms_from_analyses, hyphenated

log = handbook_logger("finnish")

ANALYSER = "pyvoikko"
# Raise when analysis.py reads Voikko's output differently: old caches are then ignored.
RULES = 2
CACHE_FILE = Path(".cache") / "handbook" / "finnish-words.json"
# Fewer new words than this are analysed in this process alone: a copy costs more than they do.
SIDE_BY_SIDE_FROM = 400


def analyser_version() -> str:
    try:
        return f"{ANALYSER} {metadata.version(ANALYSER)}"
    except metadata.PackageNotFoundError:
        return f"{ANALYSER} (not installed)"


def voikko_analyse(word: str) -> list:
    """pyvoikko's analyses of one word; the dictionary loads on the first call."""
    try:
        import pyvoikko
    except ImportError:
        from mkdocs.exceptions import PluginError

        raise PluginError("Finnish morphology: the pyvoikko package is missing; install the locked set with `make install`") from None
    return pyvoikko.analyse(word)


class Morphology:
    """Base forms and compound parts of Finnish words, each word analysed once.

    `analyser` takes a lowercase word and returns pyvoikko-style analyses; `calls`
    counts how often it was asked (what the cache test counts).
    """

    def __init__(
        self, cache_path: Path | None = None, analyser: Callable[[str], list] = voikko_analyse, version: str | None = None, shown: str | None = None
    ) -> None:
        self.cache_path = cache_path
        self.shown = shown or (str(cache_path) if cache_path else "")
        self.analyser = analyser
        self.version = version or analyser_version()
        self.calls = 0
        self._forms: dict[str, WordForms] = {}
        self._new = 0
        if cache_path is not None:
            self._forms = read_cache(cache_path, self.version, self.shown)

    @classmethod
    def for_project(cls, root: Path, **options) -> Morphology:
        return cls(Path(root) / CACHE_FILE, shown=CACHE_FILE.as_posix(), **options)

    # --- Questions

    def forms(self, word: str) -> WordForms:
        """Everything known of `word` (any letter case); UNKNOWN when the dictionary lacks it."""
        key = word.lower()
        found = self._forms.get(key)
        if found is None:
            found = self._analyse(key)
            if found is UNKNOWN and "-" in key:
                found = hyphenated(key, self.forms)
            self._forms[key] = found
            self._new += 1
        return found

    def analyse(self, word: str) -> set[str]:
        """Base forms and compound parts of `word`, lowercase; the word itself when unknown."""
        forms = self.forms(word)
        return set(forms.base | forms.parts) if forms.known else {word.lower()}

    def base_forms(self, word: str) -> set[str]:
        """Base forms only (no parts); empty when the dictionary lacks the word."""
        return set(self.forms(word).base)

    def prepare(self, words: Iterable[str]) -> None:
        """Analyse every word not seen yet, before they are looked up one by one.

        A fresh clone's first build or check analyses every distinct word of the handbook
        (thousands: most of its time). With a second core, half of them are analysed in a
        copy of this process at the same time (core/side_by_side.py); the answers are the
        same, only sooner."""
        unseen = sorted({word.lower() for word in words} - self._forms.keys())
        if len(unseen) < SIDE_BY_SIDE_FROM:
            for word in unseen:
                self.forms(word)
            return
        self.forms(unseen[0])  # the dictionary loads here, once, before the copy is made
        here, there = unseen[1::2], unseen[2::2]
        calls, before, process = self.calls, set(self._forms), os.getpid()

        def analysed_there() -> tuple[int, int, dict[str, WordForms]]:
            for word in there:
                self.forms(word)
            return os.getpid(), self.calls - calls, {word: forms for word, forms in self._forms.items() if word not in before}

        _, (analysed_in, asked, found) = side_by_side(lambda: [self.forms(word) for word in here], analysed_there)
        if analysed_in == process:
            return  # there was no copy: every word is already here, and counted
        self.calls += asked
        for word, forms in found.items():
            if word not in self._forms:
                self._forms[word] = UNKNOWN if forms == UNKNOWN else forms  # the one UNKNOWN, as forms() tests it
                self._new += 1

    def _analyse(self, key: str) -> WordForms:
        self.calls += 1
        return forms_from_analyses(self.analyser(key))

    # --- The cache on disk

    @property
    def unsaved(self) -> int:
        return self._new

    def save(self) -> None:
        """Write the cache if words were analysed since it was read; atomically, so a build
        stopped half-way leaves the previous file, never half a file."""
        if self.cache_path is None or not self._new:
            return
        write_cache(self.cache_path, self.version, self._forms, self.shown)
        self._new = 0


# One Morphology per project folder for the life of the process: a `mkdocs serve` rebuild
# looks words up in memory. It holds no build state, only answers of a pure function.
_projects: dict[Path, Morphology] = {}


def project_morphology(root: Path) -> Morphology:
    """The project's morphology, its cache read from disk on first use."""
    key = Path(root).resolve()
    if key not in _projects:
        _projects[key] = Morphology.for_project(key)
    return _projects[key]


def forget_project_morphologies() -> None:
    """Drop what the process remembers (tests that prove the disk cache)."""
    _projects.clear()


def read_cache(path: Path, version: str, shown: str) -> dict[str, WordForms]:
    """The cached words, or none: a missing file silently, another analyser version
    silently (it is simply analysed afresh), a broken file with one info line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        log.info(f"{shown}: Finnish word cache ignored ({error}); the words are analysed again")
        return {}
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("words"), dict):
            raise ValueError("no 'words' mapping")
        if data.get("analyser") != version or data.get("rules") != RULES:
            return {}
        return {word: WordForms.from_json(value) for word, value in data["words"].items()}
    except (ValueError, TypeError) as error:
        log.info(f"{shown}: Finnish word cache ignored, it is not readable ({error}); the words are analysed again")
        return {}


def write_cache(path: Path, version: str, forms: dict[str, WordForms], shown: str) -> None:
    data = {"analyser": version, "rules": RULES, "words": {word: forms[word].to_json() for word in sorted(forms)}}
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
        os.chmod(temporary, 0o644)  # mkstemp makes it private; it is an ordinary project file
        os.replace(temporary, path)
    except OSError as error:
        # A read-only checkout still builds; it only analyses the words again next time.
        log.info(f"{shown}: Finnish word cache not written ({error.strerror or error})")
        if temporary and os.path.exists(temporary):
            os.unlink(temporary)
