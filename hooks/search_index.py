"""Build the site's search index with Pagefind after every language is built.

Pagefind (its binary comes from the `pagefind_bin` wheel, pinned in requirements.lock, so
building needs nothing but the venv) reads the built HTML, keeps one index per `<html lang>` and stems Finnish words, so a reader's
`väkivalta` finds a page that says `väkivallan`. It writes `pagefind/` into the site;
the search form (overrides/partials/search.html) loads it only when the reader types.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import mkdocs.plugins
from mkdocs.exceptions import PluginError

from handbook_build import BuildCycle, handbook_logger

log = handbook_logger("search")
cycle = BuildCycle()
# Pagefind runs from the project folder, not from one mkdocs.yml's (tests build fixture sites).
PROJECT_ROOT = Path(__file__).resolve().parents[1]


# --- Hooks


def on_startup(command, dirty) -> None:
    cycle.reset()


def on_build_error(error) -> None:
    cycle.reset()


def on_pre_build(config) -> None:
    cycle.enter()


# After mkdocs-static-i18n's on_post_build (-100), which runs the other languages' builds.
@mkdocs.plugins.event_priority(-200)
def on_post_build(config) -> None:
    outermost = cycle.outermost
    cycle.leave()
    if outermost:
        build_search_index(PROJECT_ROOT, Path(config.site_dir))


# --- Helpers


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


def build_search_index(project_root: Path, site_dir: Path) -> None:
    command = [str(pagefind_binary()), "--site", str(site_dir), "--output-subdir", "pagefind", "--silent"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=project_root)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise PluginError(f"search index: pagefind failed ({done.returncode}): {' / '.join(detail[-5:])}")
    if not (site_dir / "pagefind" / "pagefind-entry.json").exists():
        raise PluginError(f"search index: pagefind wrote no index into {site_dir / 'pagefind'}")
    log.debug(f"search index written to {site_dir / 'pagefind'}")
