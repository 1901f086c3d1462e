"""Each trap of the pinned stack (see README, "Stack traps") stays closed."""

from __future__ import annotations

import importlib.metadata as metadata
import re
import subprocess
from pathlib import Path

import yaml

from handbook_sites import REPO_ROOT


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs' custom tags (!ENV, !relative)."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else loader.construct_scalar(node))


def _mkdocs_yml() -> dict:
    return yaml.load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)


def test_pinned_versions_are_installed():
    expected = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.1", "mkdocs-static-i18n": "1.3.1", "pymdown-extensions": "13.1", "mike": "2.2.0"}
    assert {name: metadata.version(name) for name in expected} == expected


def test_properdocs_is_not_installed():
    # mike 2.2 silently builds with properdocs as soon as it is importable.
    try:
        metadata.version("properdocs")
    except metadata.PackageNotFoundError:
        return
    raise AssertionError("properdocs is installed: mike would run `properdocs build`")


def test_lock_pins_every_installed_package_exactly():
    lock = REPO_ROOT / "requirements.lock"
    pins = {}
    for line in lock.read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"requirements.lock: '{line}' is not an exact pin"
            pins[name.lower().replace("_", "-")] = version
    assert "properdocs" not in pins
    assert pins["mkdocs"] == "1.6.1"
    installed = {d.metadata["Name"].lower().replace("_", "-"): d.version for d in metadata.distributions()}
    for name, version in pins.items():
        assert installed.get(name) == version, f"{name}: locked {version}, installed {installed.get(name)}"


def test_theme_settings_that_protect_readers():
    config = _mkdocs_yml()
    theme = config["theme"]
    assert theme["font"] is False, "font must be false or every page loads Google Fonts"
    assert "navigation.instant" not in theme["features"], "navigation.instant breaks the language switcher"
    assert "repo_url" not in config, "a forge repo_url makes every page call the forge's API"
    assert theme["language"] == "fi"
    assert theme["custom_dir"] == "overrides"


def test_site_url_has_no_edition_or_alias():
    site_url = _mkdocs_yml()["site_url"]
    default = site_url[-1] if isinstance(site_url, list) else site_url
    assert default.startswith("https://") and default.endswith("/")
    assert not re.search(r"/(latest|dev|stable|\d{4}(\.\d+)*)/", default)


def test_i18n_folder_mode_with_finnish_default():
    plugins = {next(iter(p)) if isinstance(p, dict) else p: (p[next(iter(p))] if isinstance(p, dict) else {}) for p in _mkdocs_yml()["plugins"]}
    i18n = plugins["i18n"]
    assert i18n["docs_structure"] == "folder"
    assert i18n["fallback_to_default"] is True
    default = [lang for lang in i18n["languages"] if lang.get("default")]
    assert [lang["locale"] for lang in default] == ["fi"]
    english = next(lang for lang in i18n["languages"] if lang["locale"] == "en")
    assert english["site_name"] and english["site_description"] and english["nav_translations"]


def test_every_link_validation_is_on_or_owned_by_the_reference_check():
    # MkDocs' own checks are off only because hooks/reference_check.py reports the same
    # problems once, with file:line (README, "Checking references").
    config = _mkdocs_yml()
    levels = [level for group in config["validation"].values() for level in group.values()]
    assert levels and set(levels) <= {"warn", "info", "ignore"}
    if "ignore" in levels:
        assert "hooks/reference_check.py" in config["hooks"]


def test_makefile_silences_the_mkdocs_2_banner():
    assert re.search(r"^export NO_MKDOCS_2_WARNING\s*:?=\s*1$", (REPO_ROOT / "Makefile").read_text(), re.M)


def test_make_test_fails_when_no_test_runs(tmp_path: Path):
    # pytest's exit code 5 (no tests collected) must not count as a pass.
    (tmp_path / "test_nothing_here.txt").write_text("")
    result = subprocess.run(
        ["make", "--no-print-directory", "-C", str(REPO_ROOT), "test", f"PYTEST_ARGS=--rootdir={tmp_path} -p no:cacheprovider {tmp_path}"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode != 0
    assert "collected no tests" in result.stderr
