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

A file is its results one after another, then an index of them (each key's place,
length, form and digest), then the index's length and digest. Only the index is read
when the file is opened; each result is read when it is asked for (`Kept`).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import struct
import tempfile
import weakref
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
    """A result as bytes, for a result that is many objects (a page's rendering, its MkDocs
    conversion, its search words): the kept file reads bytes when they are asked for and
    holds none of them (`Kept`), and a caller that holds one for a while (the renderer
    without a kept file) holds its pickle's size. Unpickled whole, the renderings' file at
    1,000 x 2 pages (9.4 MB) was 26 MB of objects, and the process's memory rose by 40 MB
    as they were read."""
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


# The start of a file of kept results, then its results, its index and the trailer: the
# index's length and digest.
MAGIC = b"handbook kept 2\n"
TRAILER = struct.Struct("<Q32s")
# A result's form in the file: bytes as they are, a string as UTF-8, any other object pickled.
BYTES, TEXT, OBJECT = 0, 1, 2
# In the results used: this key's result is the file's, unchanged.
ON_FILE = object()


class Kept:
    """Results by key in one file, each read from the file when it is asked for; the file is
    written again when the set used has changed.

    Only the file's index (each key's place, length, form and digest) is held in memory. A
    result that is bytes or a string is read each time it is asked for and never held: the
    files of the pages' renderings, their MkDocs conversions, their search words and their
    glossary links were each held whole from the event that opened it until the build let
    go of it (36 MB of files at 1,000 x 2 pages, twice that while a file was read), though
    each page uses its own once. Any other result is an object made from its own pickle,
    held once asked for, as a caller may put the very object back. A result put by this run is held until the file is saved."""

    def __init__(self, path: Path | None, version: str | None = None) -> None:
        self.path = path
        self.version = version or code_version()
        self._handle = None  # the file the index was read from, open to read results from
        self._close_handle = None
        self._stored: dict[str, tuple] | None = self._read() if path else {}
        self._used: dict[str, object] = {}  # a result put, or ON_FILE: the file's, unchanged
        self._replaced = False  # a result put in place of another under the same key
        self._released = False
        self._said_damaged = False
        self.hits = 0
        self.misses = 0

    @classmethod
    def for_project(cls, root: Path, name: str) -> Kept:
        return cls(Path(root) / CACHE_FOLDER / f"{name}.pickle")

    def get(self, key: str):
        found = self._used.get(key, ON_FILE)
        if found is ON_FILE:
            entry = self._on_disk().get(key)
            found = self._result(entry) if entry is not None else None
            if found is None:
                if entry is not None:
                    # Damaged: no longer the file's result, so the one made again is written.
                    del self._stored[key]
                self.misses += 1
                return None
            # A string or bytes is read again if asked for again; an object is held, as its
            # caller may change it or put it back.
            self._used[key] = ON_FILE if entry[2] != OBJECT else found
        self.hits += 1
        return found

    def keys(self) -> list[str]:
        """The keys the file holds, and those put since it was read."""
        return list({**self._on_disk(), **self._used})

    def put(self, key: str, value: object) -> None:
        # A kept result that could not be used and was made again under the same key (it
        # did not load, or the key left out something): the file must get the new one, or
        # every later run would make it again.
        entry = self._stored.get(key) if self._stored is not None else None
        if entry is not None:
            if isinstance(value, (bytes, str)):
                same = entry[2] == _form(value) and _digest(_encoded(value)) == entry[3]
            else:
                same = self._used.get(key, ON_FILE) is value
            if same:
                self._used[key] = ON_FILE if entry[2] != OBJECT else value
                return
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
        keys = list(self._used) if prune and not self._released else list({**stored, **self._used})
        if self.path is None or (set(keys) == stored.keys() and not self._replaced):
            return
        temporary: str | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                entries = self._write(out, keys, stored)
            os.chmod(temporary, 0o644)  # mkstemp makes it private; it is an ordinary project file
            # The file read so far is closed first: a file held open cannot be replaced on
            # every system. The next result asked for opens the new one.
            self._set_handle(None)
            os.replace(temporary, self.path)
            temporary = None
            self._stored = entries
            self._used = {key: value if entries[key][2] == OBJECT else ON_FILE for key, value in self._used.items() if key in entries}
            self._replaced = False
        except OSError as error:
            log.info(f"{self._shown()}: results not kept ({error.strerror or error}); the work is done again next time")
        finally:
            if temporary and os.path.exists(temporary):
                os.unlink(temporary)

    def release(self) -> None:
        """Let go of the results held in memory and of the file, once they are saved: the
        build has no more use for them. A later get() reads the file again; a later save()
        keeps what the file holds (it prunes nothing)."""
        self._set_handle(None)
        self._stored = None
        self._used = {}
        self._released = True

    def _write(self, out, keys: list[str], stored: dict[str, tuple]) -> dict[str, tuple]:
        """The results of `keys` written to `out` one by one (those unchanged copied from the
        file read), then the index and its digest: each result's own digest is checked when
        it is read, the index's when the file is opened, so that a file damaged on disk that
        still reads gives no wrong result."""
        out.write(MAGIC)
        offset = len(MAGIC)
        entries: dict[str, tuple] = {}
        for key in keys:
            value = self._used.get(key, ON_FILE)
            if value is ON_FILE:
                entry = stored.get(key)
                data = self._read_at(entry) if entry is not None else None
                if data is None:
                    continue  # damaged, or gone from a file replaced since: not kept
                form, digest = entry[2], entry[3]
            else:
                form = _form(value)
                data = _encoded(value) if form != OBJECT else pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
                digest = _digest(data)
            out.write(data)
            entries[key] = (offset, len(data), form, digest)
            offset += len(data)
        index = pickle.dumps({"version": self.version, "entries": entries}, protocol=pickle.HIGHEST_PROTOCOL)
        out.write(index)
        out.write(TRAILER.pack(len(index), hashlib.sha256(index).digest()))
        return entries

    def _on_disk(self) -> dict[str, tuple]:
        if self._stored is None:
            self._stored = self._read() if self.path else {}
        return self._stored

    def _read(self) -> dict[str, tuple]:
        """The file's index; {} for a missing file, one of other code or of an older form,
        and (with one information line) one that does not read."""
        try:
            handle = open(self.path, "rb")
        except FileNotFoundError:
            return {}
        except OSError as error:
            log.info(f"{self._shown()}: ignored, the file is not readable ({error.strerror or error}); the work is done again")
            return {}
        try:
            start = handle.read(len(MAGIC))
            if start != MAGIC:
                if start.startswith(b"\x80") and _older_form(handle):
                    handle.close()
                    return {}  # written by an earlier version of this code: done again
                raise ValueError("it is not a file of kept results")
            size = handle.seek(0, os.SEEK_END)
            if size < len(MAGIC) + TRAILER.size:
                raise ValueError("it is cut short")
            handle.seek(size - TRAILER.size)
            length, digest = TRAILER.unpack(handle.read(TRAILER.size))
            if length > size - len(MAGIC) - TRAILER.size:
                raise ValueError("it is cut short")
            handle.seek(size - TRAILER.size - length)
            index = handle.read(length)
            if hashlib.sha256(index).digest() != digest:
                raise ValueError("its index does not match its digest")
            data = pickle.loads(index)
            if not isinstance(data, dict) or not isinstance(data.get("entries"), dict):
                raise ValueError("its index is not one of kept results")
        except Exception as error:  # noqa: BLE001 (a broken or foreign file: the work is done again)
            handle.close()
            log.info(f"{self._shown()}: ignored, the file is not readable ({type(error).__name__}); the work is done again")
            return {}
        if data.get("version") != self.version:
            handle.close()
            return {}
        self._set_handle(handle)
        return data["entries"]

    def _result(self, entry: tuple):
        data = self._read_at(entry)
        if data is None:
            return None
        form = entry[2]
        try:
            if form == BYTES:
                return data
            if form == TEXT:
                return data.decode("utf-8", "surrogatepass")
            return pickle.loads(data)
        except Exception:  # noqa: BLE001 (a result that does not load: the work is done again)
            return None

    def _read_at(self, entry: tuple) -> bytes | None:
        """A result's bytes as the file holds them, None when they are not what was written
        (damaged on disk, or the file replaced by another run since its index was read)."""
        try:
            offset, length, form, digest = entry
            if self._handle is None:
                self._set_handle(open(self.path, "rb"))
            self._handle.seek(offset)
            data = self._handle.read(length)
        except (OSError, TypeError, ValueError):
            data = None
        if data is not None and len(data) == length and _digest(data) == digest:
            return data
        if not self._said_damaged:
            self._said_damaged = True
            log.info(f"{self._shown()}: a result that does not match its digest is ignored; its work is done again")
        return None

    def _set_handle(self, handle) -> None:
        # Closed when this object is let go of as well, never left to the garbage collector
        # (which warns of a file it had to close).
        if self._close_handle is not None:
            self._close_handle()
        self._handle = handle
        self._close_handle = weakref.finalize(self, handle.close) if handle is not None else None

    def _shown(self) -> str:
        try:
            return self.path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return str(self.path)


def _form(value: object) -> int:
    return BYTES if isinstance(value, bytes) else TEXT if isinstance(value, str) else OBJECT


def _encoded(value: bytes | str) -> bytes:
    return value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")


def _digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()[:16]


def _older_form(handle) -> bool:
    # The form before the index (one pickle of every result): a dict with "version".
    # Only its first bytes are looked at; it is not loaded.
    handle.seek(0)
    return b"version" in handle.read(64)
