"""The search index: Pagefind over the built site, after every language is built.

Pagefind (its binary comes from the `pagefind_bin` wheel, pinned in requirements.lock, so
building needs nothing but the venv) reads the built HTML, keeps one index per
`<html lang>` and stems Finnish words. It writes `pagefind/` into the site; the search
form (overrides/partials/search.html) loads it only when the reader types.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

from handbook.core import BuildHook, handbook_logger

log = handbook_logger("search")
# Pagefind runs from the project folder, not from one mkdocs.yml's (tests build fixture sites).
PROJECT_ROOT = Path(__file__).resolve().parents[3]


class SearchIndexHook(BuildHook):
    def finish(self, config) -> None:
        build_search_index(PROJECT_ROOT, Path(config.site_dir))


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
