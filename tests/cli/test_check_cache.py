"""`handbook check` answers from its cache only while nothing it reads has changed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from handbook.cli import check_cache
from handbook_sites import write_fixture_site

FROM_CACHE = "nothing changed since the last check"


def _site(root: Path) -> Path:
    files = {
        "docs/fi/index.md": "# Koti\n\nKatso [puuttuva](puuttuu.md).\n\n--8<-- \"osoite.md\"\n",
        "docs/en/index.md": "# Home\n\nSee [the other page](toinen.md).\n",
        "docs/fi/toinen.md": "# Toinen\n",
        "snippets/osoite.md": "Osoite.\n",
        "data/glossary.yml": "[]\n",
    }
    return write_fixture_site(
        root, files, hooks=["reference_check.py"],
        markdown_extensions=["attr_list", {"pymdownx.snippets": {"base_path": [str(root / "snippets")], "check_paths": True}}],
        extra={"glossary": "data/glossary.yml"},
    )


def _check(config_file: Path, *options: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "handbook", "check", str(config_file), *options], capture_output=True, text=True,
                          cwd=config_file.parent, env={**os.environ, **(env or {})})


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return _site(tmp_path / "project")


def test_nothing_changed_gives_the_same_result_from_the_cache(site: Path):
    first = _check(site)
    assert first.returncode == 1 and "puuttuu.md" in first.stdout and FROM_CACHE not in first.stderr
    again = _check(site)
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout)
    assert FROM_CACHE in again.stderr
    cached = sorted(path.name for path in (site.parent / ".cache" / "handbook").iterdir())
    # The check's result beside what the term check keeps (core/kept.py); no temporary file left behind.
    assert [name for name in cached if name.startswith("check-")] and all(name.endswith((".json", ".pickle")) for name in cached), cached


def test_a_touched_file_still_hits_and_a_changed_one_does_not(site: Path):
    first = _check(site)
    page = site.parent / "docs" / "fi" / "index.md"
    later = time.time() + 5
    os.utime(page, (later, later))
    assert FROM_CACHE in _check(site).stderr
    page.write_text("# Koti\n\nKatso [toinen](toinen.md).\n\n--8<-- \"osoite.md\"\n", encoding="utf-8")
    fixed = _check(site)
    assert FROM_CACHE not in fixed.stderr and fixed.returncode == 0 and "puuttuu.md" not in fixed.stdout
    assert first.returncode == 1


@pytest.mark.parametrize(
    "change",
    [
        lambda root: (root / "snippets" / "osoite.md").unlink(),  # a snippet: the include breaks
        lambda root: (root / "data" / "glossary.yml").write_text("- id: x\n", encoding="utf-8"),  # a data file
        lambda root: (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8") + "\n# note\n", encoding="utf-8"),
        lambda root: (root / "docs" / "en" / "uusi.md").write_text("# New\n", encoding="utf-8"),  # a new page
    ],
    ids=["snippet", "data-file", "mkdocs.yml", "new-page"],
)
def test_each_kind_of_input_counts(site: Path, change):
    _check(site)
    change(site.parent)
    assert FROM_CACHE not in _check(site).stderr


def test_an_environment_variable_mkdocs_yml_reads_counts(tmp_path: Path):
    config_file = _site(tmp_path / "project")
    config_file.write_text(config_file.read_text(encoding="utf-8").replace("site_url: https://handbook.example.org/", "site_url: !ENV [HANDBOOK_TEST_URL, 'https://handbook.example.org/']"), encoding="utf-8")
    _check(config_file, env={"HANDBOOK_TEST_URL": "https://one.example.org/"})
    assert FROM_CACHE in _check(config_file, env={"HANDBOOK_TEST_URL": "https://one.example.org/"}).stderr
    assert FROM_CACHE not in _check(config_file, env={"HANDBOOK_TEST_URL": "https://two.example.org/"}).stderr


def test_a_corrupt_cache_is_ignored_and_no_cache_runs_anyway(site: Path):
    first = _check(site)
    stored = check_cache.cache_file(site)
    stored.write_text('{"format": 1, "key": "x", "result": {"lines": [3]', encoding="utf-8")
    again = _check(site)
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout) and FROM_CACHE not in again.stderr
    assert FROM_CACHE in _check(site).stderr  # rewritten
    assert FROM_CACHE not in _check(site, "--no-cache").stderr


def test_a_snippet_folder_that_is_the_whole_project_is_not_cached(tmp_path: Path):
    root = tmp_path / "project"
    config_file = write_fixture_site(root, {"docs/fi/index.md": "# Koti\n", "docs/en/index.md": "# Home\n"}, hooks=["reference_check.py"],
                                     markdown_extensions=["pymdownx.snippets"])  # base_path ".": the whole folder
    with pytest.raises(check_cache.NoKey):
        check_cache.check_key(config_file, cwd=root)
    assert _check(config_file).returncode == 0
    assert FROM_CACHE not in _check(config_file).stderr
    # No result of the whole check is kept (each page's rendering may be: references/standalone.py).
    assert not list((root / ".cache").glob("handbook/check-*.json"))
