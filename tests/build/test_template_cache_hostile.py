"""Compiled templates kept in .cache/handbook/templates.pickle (core/templates.py) against
an editor's edits of the theme's overrides and against a damaged or unwritable cache.

Each case builds a small site once, makes one edit, builds it again with what the first
build kept, and builds the same files with nothing kept: the two sites' pages must be byte
for byte the same.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from mkdocs.config import config_options

from handbook.core.kept import Kept
from handbook.core.templates import CompiledTemplatesHook
from handbook_sites import build_site, fixture_config, write_fixture_site

MAIN = '{% extends "base.html" %}\n{% block footer %}<p id="edition-note">NOTE</p>{% endblock %}\n'
FILES = {"docs/fi/index.md": "# Koti\n\nTeksti.\n", "docs/en/index.md": "# Home\n\nText.\n", "docs/fi/toinen.md": "# Toinen\n"}
# Without Material's search plugin (as in the handbook): it compiles its own words apart.
PLUGINS = [plugin for plugin in fixture_config()["plugins"] if plugin != "search"]


def write(root: Path, *, custom_dir: str = "overrides", hooks: tuple[str, ...] = (), **config) -> Path:
    config_file = write_fixture_site(root, FILES, hooks=["template_cache.py"], plugins=PLUGINS,
                                     theme={"name": "material", "language": "fi", "font": False, "custom_dir": str(root / custom_dir)}, **config)
    if hooks:  # the project's own hooks, beside the handbook's
        text = config_file.read_text(encoding="utf-8")
        config_file.write_text(text.replace("hooks:\n", "hooks:\n" + "".join(f"- {root / name}\n" for name in hooks), 1), encoding="utf-8")
    return config_file


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "overrides").mkdir(parents=True)
    (root / "overrides" / "main.html").write_text(MAIN.replace("NOTE", "first"), encoding="utf-8")
    write(root)
    return root


def forget_the_process() -> None:
    """What a new `mkdocs build` remembers of the compiled templates: only the disk."""
    import sys

    for module in list(sys.modules.values()):
        hook = getattr(module, "templates", None)
        if isinstance(hook, CompiledTemplatesHook):
            hook.cache.clear()
    # MkDocs loads each hook file once per process; a new process runs the file as it is now.
    config_options.Hooks._load_hook.cache_clear()


def pages(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*.html"))}


def build(root: Path, site: Path) -> dict[str, bytes]:
    forget_the_process()
    shutil.rmtree(site, ignore_errors=True)
    built = build_site(root / "mkdocs.yml", site, strict=False)
    assert not built.aborted, built.log
    return pages(site)


def cold(root: Path, site: Path) -> dict[str, bytes]:
    """The same files built with nothing kept; what was kept is put back after."""
    kept = root / ".cache"
    stash = root.parent / "stash"
    shutil.rmtree(stash, ignore_errors=True)
    if kept.exists():
        shutil.move(kept, stash)
    try:
        return build(root, site)
    finally:
        shutil.rmtree(kept, ignore_errors=True)
        if stash.exists():
            shutil.move(stash, kept)


def warm_is_cold(root: Path) -> dict[str, bytes]:
    warm = build(root, root.parent / "warm")
    assert warm == cold(root, root.parent / "cold")
    return warm


KEPT = Path(".cache") / "handbook" / "templates.pickle"


def test_an_override_edited(project: Path):
    build(project, project.parent / "first")
    (project / "overrides" / "main.html").write_text(MAIN.replace("NOTE", "second"), encoding="utf-8")
    assert b'id="edition-note">second<' in warm_is_cold(project)["en/index.html"]


def test_an_override_added_that_shadows_a_theme_template(project: Path):
    build(project, project.parent / "first")
    (project / "overrides" / "partials").mkdir()
    (project / "overrides" / "partials" / "logo.html").write_text('<span id="logo">Ohjaamo ry</span>\n', encoding="utf-8")
    assert b"Ohjaamo ry" in warm_is_cold(project)["index.html"]


def test_an_override_removed(project: Path):
    build(project, project.parent / "first")
    (project / "overrides" / "main.html").unlink()
    assert b"edition-note" not in warm_is_cold(project)["index.html"]


def test_custom_dir_moved_to_a_folder_with_a_same_named_template(project: Path):
    build(project, project.parent / "first")
    (project / "teema").mkdir()
    (project / "teema" / "main.html").write_text(MAIN.replace("NOTE", "other folder"), encoding="utf-8")
    write(project, custom_dir="teema")
    assert b'id="edition-note">other folder<' in warm_is_cold(project)["index.html"]


def test_an_override_edited_back_to_what_it_was(project: Path):
    # A revert (git checkout) gives a template its old source: its old code is right again.
    build(project, project.parent / "first")
    main = project / "overrides" / "main.html"
    main.write_text(MAIN.replace("NOTE", "second"), encoding="utf-8")
    build(project, project.parent / "second")
    main.write_text(MAIN.replace("NOTE", "first"), encoding="utf-8")
    assert b'id="edition-note">first<' in warm_is_cold(project)["index.html"]


@pytest.mark.parametrize("damage", ["truncated", "empty", "not a pickle", "bytes changed inside", "code of another template"])
def test_a_damaged_kept_file_only_costs_compiling(project: Path, damage: str):
    build(project, project.parent / "first")
    kept = project / KEPT
    data = kept.read_bytes()
    if damage == "truncated":
        kept.write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        kept.write_bytes(b"")
    elif damage == "not a pickle":
        kept.write_text("results: {}\n", encoding="utf-8")
    elif damage == "bytes changed inside":
        # One byte changed on disk inside a template's compiled text: the file still unpickles
        # and the code still loads, but it no longer writes what the template says.
        assert b"Table of contents" in data
        kept.write_bytes(data.replace(b"Table of contents", b"Table of_contents", 1))
    else:  # every key holds the compiled code of another template (its checksum is another's)
        results = Kept(kept)
        keys = results.keys()
        codes = {key: results.get(key) for key in keys}
        for key, other in zip(keys, keys[1:] + keys[:1], strict=True):
            results.put(key, codes[other])
        results.save()
    (project / "overrides" / "main.html").write_text(MAIN.replace("NOTE", "second"), encoding="utf-8")
    assert b'id="edition-note">second<' in warm_is_cold(project)["index.html"]


def test_a_cache_folder_that_cannot_be_written(project: Path):
    # `.cache/handbook` is a file (a botched copy): nothing is kept, the build is the same.
    (project / ".cache").mkdir()
    (project / ".cache" / "handbook").write_text("", encoding="utf-8")
    warm = build(project, project.parent / "warm")
    assert warm == build(project, project.parent / "again")
    (project / ".cache" / "handbook").unlink()
    assert warm == cold(project, project.parent / "cold")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_cache_folder(project: Path):
    build(project, project.parent / "first")
    (project / "overrides" / "main.html").write_text(MAIN.replace("NOTE", "second"), encoding="utf-8")
    folder = project / KEPT.parent
    folder.chmod(0o555)
    try:
        warm = build(project, project.parent / "warm")
        assert not (project / KEPT.parent).joinpath("templates.pickle.tmp").exists()
    finally:
        folder.chmod(0o755)
    assert b'id="edition-note">second<' in warm["index.html"]
    assert warm == cold(project, project.parent / "cold")


# A filter of the project's own hook, used by an override. Jinja compiles a call to a filter
# by what the filter is when the template is compiled: one marked @pass_context is given
# the context first, and a plain one applied to a constant is applied once, at compile time.
LABEL_HOOK = '''\
import jinja2


{decorator}def edition_label({parameters}):
    return {result}


def on_env(env, config, files):
    env.filters["edition_label"] = edition_label
    return env
'''
PLAIN = {"decorator": "", "parameters": "value", "result": 'f"Painos {value}"'}
WITH_PAGE = {"decorator": "@jinja2.pass_context\n", "parameters": "context, value", "result": 'f"Painos {value}: {getattr(context.get(\'page\'), \'title\', \'\')}"'}


def labelled(project: Path, template: str, hook: dict) -> None:
    (project / "edition_label.py").write_text(LABEL_HOOK.format(**hook), encoding="utf-8")
    (project / "overrides" / "main.html").write_text(MAIN.replace("NOTE", template), encoding="utf-8")
    write(project, hooks=("edition_label.py",), extra={"edition": "2025"})


def test_a_filter_of_a_project_hook_that_comes_to_need_the_page(project: Path):
    # The template is unchanged; the hook's filter now reads the page it is on.
    labelled(project, "{{ config.extra.edition | edition_label }}", PLAIN)
    assert b'id="edition-note">Painos 2025<' in build(project, project.parent / "first")["index.html"]
    labelled(project, "{{ config.extra.edition | edition_label }}", WITH_PAGE)
    assert b'id="edition-note">Painos 2025: Koti<' in warm_is_cold(project)["index.html"]


def test_a_filter_of_a_project_hook_that_says_something_else(project: Path):
    # Applied to a constant, the filter's old wording was compiled into the template.
    labelled(project, '{{ "2025" | edition_label }}', PLAIN)
    assert b'id="edition-note">Painos 2025<' in build(project, project.parent / "first")["index.html"]
    labelled(project, '{{ "2025" | edition_label }}', {**PLAIN, "result": 'f"Edition {value}"'})
    assert b'id="edition-note">Edition 2025<' in warm_is_cold(project)["index.html"]


def test_another_jinja_starts_afresh(monkeypatch):
    # Jinja's own header on compiled code names the Python version only, not Jinja's: code
    # compiled by one Jinja must not run with another's runtime after `make install`.
    from importlib import metadata

    from handbook.core import kept

    version = metadata.version
    kept.code_version.cache_clear()
    before = kept.code_version()
    monkeypatch.setattr(metadata, "version", lambda name: "0.0.1" if name.lower() == "jinja2" else version(name))
    kept.code_version.cache_clear()
    try:
        assert kept.code_version() != before
    finally:
        monkeypatch.undo()
        kept.code_version.cache_clear()
