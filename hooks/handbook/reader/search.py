"""The search index: Pagefind over the built site, after every language is built.

Pagefind (its binary comes from the `pagefind_bin` wheel, pinned in requirements.lock, so
building needs nothing but the venv) reads the built HTML, keeps one index per
`<html lang>` and stems Finnish words. It writes `pagefind/` into the site; the search
form (overrides/partials/search.html) loads it only when the reader types.

A `mkdocs build` waits for Pagefind, unless the built pages are byte for byte the ones
the index kept in .cache/handbook/search-index/ was made from (with the same Pagefind,
options and settings): then that index is copied. A live preview (`make serve`) does not: after a save
MkDocs has emptied the site, so the last complete index is put back at once and the
browser reloads; Pagefind then runs in the background, only when the built pages differ
from the ones that index was made from, and its new index replaces the old one when it is
done. Until then the search may answer from the previous save, and every preview page says
so under the search results; the next save stops a run that has not finished.

Finnish pages get the base forms of their words into the index, and the site a table that
maps a reader's inflected query words to base forms (reader/search_forms.py).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

from handbook.core import BuildHook, handbook_logger
from handbook.core.kept import Kept, key_of, packed, unpacked
from handbook.core.side_by_side import cores
from handbook.finnish import project_morphology
from handbook.glossary.hook import glossary_path, read_glossary
from handbook.reader.search_forms import TABLE_PATH, Synonyms, add_hidden_forms, forms_table, table_json

log = handbook_logger("search")
# Pagefind runs from the project folder, not from one mkdocs.yml's (tests build fixture sites).
PROJECT_ROOT = Path(__file__).resolve().parents[3]
WORDS_FILE = Path(__file__).parents[1] / "words" / "search.yml"
# Where a live preview keeps its last complete index: a hidden folder, which MkDocs leaves
# alone when it empties the site before each build.
KEPT = ".handbook-search"
# The end of the search form's result list (overrides/partials/search.html): the preview's
# notice goes after it.
RESULTS_END = 'id="handbook-search-results"></ol>'


FINNISH = "fi"


class SearchIndexHook(BuildHook):
    def __init__(self) -> None:
        self.live_preview = False
        self.job: PreviewIndex | None = None
        super().__init__()

    def reset(self) -> None:
        self.root: Path | None = None
        self.synonyms: Synonyms | None = None
        # How often each word occurs on the Finnish pages, for the query table (a count,
        # not the words one by one: 1,000 pages of words held ~20 MB until the build ended).
        self.vocabulary: Counter[str] = Counter()
        self.kept: Kept | None = None  # pages given their hidden forms by earlier builds (set with root)
        self.glossary_digest = ""
        self.table: str | None = None  # the query table's JSON, once every Finnish page is built
        self.outer_language: str | None = None

    def on_startup(self, command: str, dirty: bool) -> None:
        self.live_preview = False
        self._stop_job()
        super().on_startup(command, dirty)

    def on_serve(self, server, config, builder):
        # Fired once, after the first build of `mkdocs serve` (whose index was built in full).
        self.live_preview = True
        return server

    def on_shutdown(self) -> None:
        self.live_preview = False
        self._stop_job()

    def start(self, config) -> None:
        # MkDocs empties the site right after this: a run still reading it must stop first.
        self._stop_job()
        self.root = Path(config.config_file_path).parent
        glossary = glossary_path(config)
        if glossary is not None:
            entries = read_glossary(glossary, self.root)
            self.synonyms = Synonyms(entries, project_morphology(self.root))
            self.glossary_digest = key_of(entries)
        self.kept = Kept.for_project(self.root, "search-forms")
        self.outer_language = config.theme.get("language")

    def on_page_content(self, html: str, page, config, files) -> str:
        # Finnish pages of the Finnish build only: a Finnish page standing in for a missing
        # English one is not indexed at all (main.html).
        if self.root is None or config.theme.get("language") != FINNISH or _excluded(page):
            return html
        key = key_of(html, self.glossary_digest)
        # Each page's forms are kept packed (core.kept.packed), read from the kept file when
        # the page comes: the file's word counts as objects were 11 MB at 1,000 x 2 pages,
        # held from the start of the build. One read is used by this build already.
        found = unpacked(self.kept.get(key), tuple)
        if found is None:
            content, page_words = add_hidden_forms(html, project_morphology(self.root), self.synonyms)
            found = (content, Counter(page_words))
            self.kept.put(key, packed(found))
        content, page_counts = found
        self.vocabulary.update(page_counts)
        return content

    def language_started(self, config) -> None:
        # When the outermost build is the Finnish one, every Finnish page has its hidden
        # forms: the query table can be made, and the kept forms (each Finnish page's HTML
        # and word counts, 21 MB at 1,000 x 2 pages) let go of before the English build
        # holds its pages too (the build's peak).
        if self.outer_language == FINNISH:
            self._finish_finnish()

    def _finish_finnish(self) -> None:
        if self.root is None or self.table is not None:
            return
        key = key_of("forms-table", sorted(self.vocabulary.items()))
        text = self.kept.get(key)
        if text is None:
            text = table_json(forms_table(self.vocabulary, project_morphology(self.root)))
        self.kept.put(key, text)
        self.kept.save()
        self.kept.release()
        self.vocabulary = Counter()
        self.table = text

    def finish(self, config) -> None:
        site = Path(config.site_dir)
        if self.root is not None:
            self._finish_finnish()  # a build of one language has no other to start
            table = site / TABLE_PATH
            table.parent.mkdir(parents=True, exist_ok=True)
            table.write_text(self.table, encoding="utf-8")
            project_morphology(self.root).save()
        if self.live_preview:
            self.job = PreviewIndex(PROJECT_ROOT, site)
            self.job.start()
            return
        build_search_index(PROJECT_ROOT, site, kept=(self.root or PROJECT_ROOT) / KEPT_INDEX)
        if self.serving:  # the first build of `mkdocs serve`: its index is the one to put back
            PreviewIndex(PROJECT_ROOT, site).keep()

    def on_post_page(self, output: str, page, config) -> str:
        # Every page of a preview, the first build's too: they are then the same from one
        # build to the next unless their text changed, and only then does Pagefind run.
        if not self.serving or RESULTS_END not in output:
            return output
        language = config.theme.get("language") or "fi"
        notice = preview_notice(language)
        return output.replace(RESULTS_END, f'{RESULTS_END}<p class="md-search-result__meta" data-handbook-search-preview>{notice}</p>', 1)

    def _stop_job(self) -> None:
        if self.job is not None:
            self.job.stop()
            self.job = None


def _excluded(page) -> bool:
    search = (page.meta or {}).get("search")
    return isinstance(search, dict) and bool(search.get("exclude"))


@cache
def preview_notice(language: str) -> str:
    with open(WORDS_FILE, encoding="utf-8") as handle:
        words = yaml.safe_load(handle)
    return (words.get(language) or words["fi"])["preview_index"]


def pagefind_binary() -> Path:
    """The executable shipped inside the pinned `pagefind_bin` wheel."""
    try:
        import pagefind_bin
    except ImportError:
        raise PluginError("search index: the pagefind_bin package is missing; install the locked set with `make install`") from None
    binary = Path(pagefind_bin.__file__).parent / "pagefind"
    if not binary.exists():
        raise PluginError(f"search index: {binary} is missing; reinstall the locked set with `make install`")
    return binary


def pagefind_command(site_dir: Path, output: Path | None = None) -> list[str]:
    where = ["--output-path", str(output)] if output else ["--output-subdir", "pagefind"]
    return [str(pagefind_binary()), "--site", str(site_dir), *where, "--silent"]


# The last index a build made, beside the digest of the pages it was made from.
KEPT_INDEX = Path(".cache") / "handbook" / "search-index"


def build_search_index(project_root: Path, site_dir: Path, kept: Path | None = None) -> None:
    """Pagefind over the built site; or, when the built pages are byte for byte the ones
    the kept index was made from (a build with no change a reader could search), a copy
    of that index: Pagefind's output is a function of the pages and its own version."""
    # The options Pagefind runs with (the site's path aside) belong to the digest too.
    options = " ".join(pagefind_command(Path("SITE"))[1:])
    digest = f"{pagefind_version()} {options} {pagefind_settings(project_root)} {built_pages_digest(site_dir)}" if kept is not None else ""
    if kept is not None and _read(kept / "digest") == digest and (kept / "pagefind" / "pagefind-entry.json").is_file():
        shutil.rmtree(site_dir / "pagefind", ignore_errors=True)
        shutil.copytree(kept / "pagefind", site_dir / "pagefind")
        log.debug(f"search index: the pages are unchanged, the kept index copied from {kept}")
        return
    done = subprocess.run(pagefind_command(site_dir), capture_output=True, text=True, cwd=project_root)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise PluginError(f"search index: pagefind failed ({done.returncode}): {' / '.join(detail[-5:])}")
    if not (site_dir / "pagefind" / "pagefind-entry.json").exists():
        raise PluginError(f"search index: pagefind wrote no index into {site_dir / 'pagefind'}")
    log.debug(f"search index written to {site_dir / 'pagefind'}")
    if kept is not None:
        keep_index(site_dir / "pagefind", kept, digest)


def keep_index(index: Path, kept: Path, digest: str) -> None:
    """Replace the kept index with this one: copied aside first, then swapped in, so a stop
    half-way leaves either the old pair or the new pair, never an index with the wrong digest."""
    fresh = kept.with_name(kept.name + ".new")
    try:
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir(parents=True)
        shutil.copytree(index, fresh / "pagefind")
        (fresh / "digest").write_text(digest, encoding="utf-8")
        old = kept.with_name(kept.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if kept.exists():
            kept.rename(old)
        fresh.rename(kept)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as error:  # a read-only checkout: Pagefind simply runs again next time
        log.info(f"search index not kept ({error.strerror or error}); Pagefind runs again next time")
        shutil.rmtree(fresh, ignore_errors=True)


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


# Pagefind also reads its settings from a file in the folder it runs in and from the
# environment (https://pagefind.app/docs/config-sources/).
PAGEFIND_FILES = ("pagefind.json", "pagefind.toml", "pagefind.yml", "pagefind.yaml")


def pagefind_settings(project_root: Path) -> str:
    """A digest of the settings Pagefind reads besides its options: its file, its variables."""
    digest = hashlib.blake2b(digest_size=20)
    for name in PAGEFIND_FILES:
        text = _read(project_root / name)
        digest.update(f"{name}\0{text}\0".encode() if text is not None else b"-\0")
    for name, value in sorted(os.environ.items()):
        if name.upper().startswith("PAGEFIND_"):
            digest.update(f"{name}={value}\0".encode())
    return digest.hexdigest()


@cache
def pagefind_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("pagefind_bin")
    except metadata.PackageNotFoundError:
        return "unknown"


def built_pages_digest(site_dir: Path) -> str:
    """What Pagefind reads: every built HTML page (path and bytes), hidden folders aside."""
    pages = []
    for folder, folders, files in os.walk(site_dir):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        pages += [Path(folder) / name for name in sorted(files) if name.endswith(".html")]
    # Every page carries the whole navigation: 760 MB at 1,000 x 2 pages. hashlib lets go
    # of the interpreter while it hashes, so the pages are read and hashed on every core
    # this process may use (0.92 s to 0.41 s there), each page on its own.
    with ThreadPoolExecutor(max_workers=max(1, min(4, cores()))) as pool:
        page_digests = list(pool.map(_page_digest, pages, chunksize=16))
    digest = hashlib.sha256()
    for path, page_digest in zip(pages, page_digests, strict=True):
        digest.update(path.relative_to(site_dir).as_posix().encode() + b"\0" + page_digest)
    return digest.hexdigest()


def _page_digest(path: Path) -> bytes:
    return hashlib.sha256(path.read_bytes()).digest()


class PreviewIndex:
    """One live-preview build's search index: the last complete one put back at once, a
    new one made in the background when the pages changed."""

    def __init__(self, project_root: Path, site_dir: Path) -> None:
        self.project_root, self.site = project_root, site_dir
        self.kept = site_dir / KEPT
        self.stopped = threading.Event()
        self.process: subprocess.Popen | None = None
        self.thread: threading.Thread | None = None
        self.outcome = ""  # "current", "rebuilt", "failed ..." or "stopped", for tests and the log

    def keep(self) -> None:
        """Keep the site's complete index (and what it was made from) for the next builds."""
        shutil.rmtree(self.kept / "pagefind", ignore_errors=True)
        self.kept.mkdir(exist_ok=True)
        shutil.copytree(self.site / "pagefind", self.kept / "pagefind")
        (self.kept / "pages.digest").write_text(built_pages_digest(self.site), encoding="utf-8")

    def start(self) -> None:
        published = self.site / "pagefind"
        if (self.kept / "pagefind").is_dir() and not published.exists():
            shutil.copytree(self.kept / "pagefind", published)
        self.thread = threading.Thread(target=self._run, name="handbook-search-index", daemon=True)
        self.thread.start()

    def wait(self, timeout: float | None = None) -> str:
        if self.thread is not None:
            self.thread.join(timeout)
        return self.outcome

    def stop(self) -> None:
        self.stopped.set()
        process = self.process
        if process is not None and process.poll() is None:
            process.terminate()
        self.wait()

    def _run(self) -> None:
        try:
            self._index()
        except Exception as error:  # a background thread: say it in the preview's log, keep serving
            self.outcome = f"failed: {error}"
            log.error(f"search index: the background run failed; the preview's search stays as it was: {error}")

    def _index(self) -> None:
        started = time.monotonic()
        digest = built_pages_digest(self.site)
        digest_file = self.kept / "pages.digest"
        if digest_file.exists() and digest_file.read_text(encoding="utf-8") == digest and (self.site / "pagefind").is_dir():
            self.outcome = "current"
            log.info("search index: the pages are unchanged, the index is current")
            return
        log.info("search index: the pages changed; rebuilding the index in the background")
        building = self.kept / "building"
        shutil.rmtree(building, ignore_errors=True)
        self.kept.mkdir(exist_ok=True)
        self.process = subprocess.Popen(pagefind_command(self.site, building), cwd=self.project_root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        output, _ = self.process.communicate()
        if self.stopped.is_set():
            self.outcome = "stopped"
            return
        if self.process.returncode != 0 or not (building / "pagefind-entry.json").exists():
            detail = " / ".join(output.strip().splitlines()[-5:])
            self.outcome = f"failed ({self.process.returncode}): {detail}"
            log.error(f"search index: pagefind failed ({self.process.returncode}); the preview's search stays as it was: {detail}")
            return
        self._publish(building, digest)
        self.outcome = "rebuilt"
        log.info(f"search index: updated in the background ({time.monotonic() - started:.2f} s)")

    def _publish(self, building: Path, digest: str) -> None:
        """The new index becomes the kept one and the published one; the published folder is
        swapped by renaming, so a search meets one index or the other, not a mixture."""
        kept = self.kept / "pagefind"
        shutil.rmtree(kept, ignore_errors=True)
        building.rename(kept)
        (self.kept / "pages.digest").write_text(digest, encoding="utf-8")
        incoming, retired = self.kept / "incoming", self.kept / "retired"
        for folder in (incoming, retired):
            shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(kept, incoming)
        published = self.site / "pagefind"
        if published.exists():
            published.rename(retired)
        incoming.rename(published)
        shutil.rmtree(retired, ignore_errors=True)
