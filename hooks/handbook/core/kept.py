"""Results kept on disk between runs, so a build redoes only the work whose input changed.

Several steps of a build are pure functions of texts that rarely change between two
builds: the translation track's rendering of every page (translation/rendering.py), the
term check over both languages (terms/), the glossary links and the hidden search words
added to each page's HTML (glossary/, reader/search.py). Each keeps its results here, in
`.cache/handbook/<name>.pickle`, keyed by a digest of everything its result depends on.

A file is valid only for the same code: its version is a digest of every module of the
`handbook` package and of the versions of the packages that render or analyse text, so
any change to either starts afresh. A run keeps only the results it used, so the file
holds one handbook's results, not every version ever built. Files are written
atomically (a build stopped half-way leaves the previous file); a missing, broken or
foreign file is ignored and the work is simply done again; a read-only checkout still
builds. The Finnish word cache (finnish/morphology.py) is the same idea, in JSON.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from handbook.core.findings import handbook_logger

log = handbook_logger("cache")

CACHE_FOLDER = Path(".cache") / "handbook"
PACKAGE = Path(__file__).resolve().parents[1]
# The packages whose versions change what the kept results hold (jinja2: the compiled
# templates, whose own header names only the Python version; pygments: the code blocks
# pymdownx.highlight colours in a kept rendering).
PACKAGES = ("markdown", "pymdown-extensions", "mkdocs", "mkdocs-material", "mkdocs-static-i18n", "pyvoikko", "snowballstemmer", "jinja2", "pygments")


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of the handbook package's code and of the text packages' versions."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    for package in PACKAGES:
        try:
            digest.update(f"{package}={metadata.version(package)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=-\0".encode())
    return digest.hexdigest()


def key_of(*parts: object) -> str:
    """A key from plain values (strings, numbers, tuples of them): their repr's digest."""
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def packed(value: object) -> bytes:
    """A result as bytes, for a kept file whose results are many objects each (a page's
    rendering, its MkDocs conversion, its search words). Unpickled whole, such a file's
    objects are held at once: the renderings at 1,000 x 2 pages, a 9.4 MB file, were 26 MB
    of objects, and the process's memory rose by 40 MB as they were read. As bytes they
    are held at their pickle's size, and each is made an object when it is asked for."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def unpacked(value: object, kind: type | tuple[type, ...]):
    """A `packed` result as an object of `kind`, a copy of its own; None for anything else
    (a damaged value, or one of another form: the work is done again)."""
    if not isinstance(value, bytes):
        return None
    try:
        found = pickle.loads(value)
    except Exception:  # noqa: BLE001 (a value that does not load: the work is done again)
        return None
    return found if isinstance(found, kind) else None


class Kept:
    """Results by key, read from disk once, written back when the set used has changed."""

    def __init__(self, path: Path | None, version: str | None = None) -> None:
        self.path = path
        self.version = version or code_version()
        self._stored: dict[str, object] | None = self._read() if path else {}
        self._used: dict[str, object] = {}
        self._replaced = False  # a result put in place of another under the same key
        self._released = False
        self.hits = 0
        self.misses = 0

    @classmethod
    def for_project(cls, root: Path, name: str) -> Kept:
        return cls(Path(root) / CACHE_FOLDER / f"{name}.pickle")

    def get(self, key: str):
        found = self._used.get(key)
        if found is None:
            found = self._on_disk().get(key)
            if found is None:
                self.misses += 1
                return None
            self._used[key] = found
        self.hits += 1
        return found

    def put(self, key: str, value: object) -> None:
        # A kept result that could not be used and was made again under the same key (it
        # did not load, or the key left out something): the file must get the new one, or
        # every later run would make it again.
        stored = self._stored.get(key) if self._stored is not None else None
        same = stored is value or (isinstance(value, (bytes, str)) and stored == value)
        if stored is not None and not same:
            self._replaced = True
        self._used[key] = value

    def save(self, prune: bool = True) -> None:
        """Keep what this run used; nothing written when that is what the file holds.

        `prune=False` keeps the file's other results too: for a run that uses only part of
        a file another run uses whole (`handbook check` renders the pages a build's pins
        render, but only the ones whose term check is not kept)."""
        if self._released and not self._used:
            return  # nothing asked for since the release: nothing to add, no file to read again
        stored = self._on_disk()
        # After release() the results used before it are no longer known: nothing is pruned.
        results = self._used if prune and not self._released else {**stored, **self._used}
        if self.path is None or (results.keys() == stored.keys() and not self._replaced):
            return
        temporary: str | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name, suffix=".tmp")
            # The results as bytes with their digest: a file damaged on disk that still
            # unpickles (a changed byte inside a kept string, a template's compiled code)
            # would otherwise give wrong results, not an ignored file.
            payload = pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(handle, "wb") as out:
                pickle.dump({"version": self.version, "digest": hashlib.sha256(payload).hexdigest(), "results": payload}, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.chmod(temporary, 0o644)  # mkstemp makes it private; it is an ordinary project file
            os.replace(temporary, self.path)
            temporary = None
            self._stored = dict(results)
            self._replaced = False
        except OSError as error:
            log.info(f"{self._shown()}: results not kept ({error.strerror or error}); the work is done again next time")
        finally:
            if temporary and os.path.exists(temporary):
                os.unlink(temporary)

    def release(self) -> None:
        """Let go of the results held in memory, once they are saved: the build has no more
        use for them, and it would hold them until it ends. A later get() reads the file
        again; a later save() keeps what the file holds (it prunes nothing)."""
        self._stored = None
        self._used = {}
        self._released = True

    def _on_disk(self) -> dict[str, object]:
        if self._stored is None:
            self._stored = self._read() if self.path else {}
        return self._stored

    def _read(self) -> dict[str, object]:
        try:
            with open(self.path, "rb") as handle:
                data = pickle.load(handle)
            if not isinstance(data, dict) or data.get("version") != self.version or not isinstance(data.get("results"), bytes):
                return {}
            if hashlib.sha256(data["results"]).hexdigest() != data.get("digest"):
                raise ValueError("its results do not match their digest")
            results = pickle.loads(data["results"])
        except FileNotFoundError:
            return {}
        except Exception as error:  # noqa: BLE001 (a broken or foreign file: the work is done again)
            log.info(f"{self._shown()}: ignored, the file is not readable ({type(error).__name__}); the work is done again")
            return {}
        return results if isinstance(results, dict) else {}

    def _shown(self) -> str:
        try:
            return self.path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return str(self.path)
