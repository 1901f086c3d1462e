from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
# The hooks' pure helpers are plain modules in hooks/; tests import them by name,
# the way MkDocs' hook loader makes them importable.
sys.path.insert(0, str(REPO_ROOT / "hooks"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from handbook_sites import BuiltSite, build_site  # noqa: E402


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def handbook_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The real handbook, built strictly once per test session."""
    site = build_site(REPO_ROOT / "mkdocs.yml", tmp_path_factory.mktemp("handbook") / "site", strict=True)
    assert not site.aborted, "the real handbook failed its strict build:\n" + "\n".join(site.warnings())
    return site


# --- Browser fixtures (see tests/browser_harness.py)


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium per session; skipped without the browser, failed under CI."""
    from browser_harness import start_chromium, stop_chromium

    driver = start_chromium()
    yield driver
    stop_chromium(driver)


@pytest.fixture(scope="session")
def served_handbook(handbook_site):
    """The real handbook, built once, served on 127.0.0.1 for the browser tests."""
    from browser_harness import StaticSite

    # gzip like a real host, so the browser's byte counts are what readers download.
    server = StaticSite(handbook_site.site_dir, compress=True)
    yield server
    server.close()
