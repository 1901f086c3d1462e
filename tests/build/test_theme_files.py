"""The theme's files are found without walking its hidden folders (hooks/theme_files.py):
the site gets exactly the files MkDocs' own listing gives it, and every language's build
of every process lists this way."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from handbook.core import theme_files
from handbook.core.theme_files import ThemeFolders, list_without_hidden_folders
from handbook_sites import REPO_ROOT, build_site, write_fixture_site

# A custom folder with hidden folders and files at every depth, beside plain ones.
CUSTOM = {
    "main.html": '{% extends "base.html" %}\n',
    "assets/site.css": "body {}\n",
    "assets/.hidden.css": "a {}\n",
    "assets/.cache/stale.css": "b {}\n",
    ".git/config": "[core]\n",
    ".icons/own/logo.svg": "<svg/>\n",
    "images/deep/.drafts/note.png": "png\n",
    "images/deep/kept.png": "png\n",
    "partials/.old/header.html": "<header></header>\n",
    "README.md": "# not a site file\n",
}


def _theme_files(config, loader_class) -> list[tuple[str, str]]:
    env = type(config.theme).get_env(config.theme)  # MkDocs' own, whatever the hook set
    plain = env.loader
    env.loader = loader_class(plain.searchpath, plain.encoding, plain.followlinks)
    files = Files([])
    files.add_files_from_theme(env, config)
    return sorted((file.src_uri, file.abs_src_path) for file in files)


def _custom_theme(tmp_path: Path, name: str = "overrides") -> Path:
    custom = tmp_path / name
    for relative, text in CUSTOM.items():
        (custom / relative).parent.mkdir(parents=True, exist_ok=True)
        (custom / relative).write_text(text, encoding="utf-8")
    return custom


@pytest.mark.parametrize("site", ["the handbook", "a custom folder with hidden folders", "a custom folder that is itself hidden"])
def test_the_site_gets_the_same_theme_files_as_from_mkdocs_own_listing(tmp_path: Path, site):
    if site == "the handbook":
        config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    else:
        # Only folders inside a theme folder are hidden ones: `.theme/` itself is listed.
        custom = _custom_theme(tmp_path, ".theme" if "itself" in site else "overrides")
        config_file = write_fixture_site(tmp_path, {"docs/fi/index.md": "# Koti\n", "docs/en/index.md": "# Home\n"},
                                         theme={"name": "material", "language": "fi", "font": False, "custom_dir": str(custom)})
        config = load_config(str(config_file))
    ours = _theme_files(config, ThemeFolders)
    assert ours == _theme_files(config, jinja2.FileSystemLoader)
    assert any(uri.startswith("assets/stylesheets/") for uri, _ in ours)  # Material's own files are there
    if site != "the handbook":
        assert {"assets/site.css", "images/deep/kept.png"} <= {uri for uri, _ in ours}


def test_the_listing_never_walks_into_a_hidden_folder(tmp_path: Path, monkeypatch):
    walked: list[str] = []
    walk = theme_files.os.walk

    def counting(top, **options):
        for folder, subfolders, names in walk(top, **options):
            walked.append(folder)
            yield folder, subfolders, names

    monkeypatch.setattr(theme_files.os, "walk", counting)
    custom = _custom_theme(tmp_path)
    names = ThemeFolders([str(custom)]).list_templates()
    assert names == sorted(["main.html", "assets/site.css", "assets/.hidden.css", "images/deep/kept.png", "README.md"])
    assert not [folder for folder in walked if "/." in folder[len(str(custom)):]]


def test_each_language_build_lists_without_hidden_folders_build_after_build(tmp_path: Path, monkeypatch):
    # If MkDocs stopped making the listing environment with Theme.get_env, or the i18n
    # plugin's English build got a theme the hook never saw, this would fail; the sites
    # themselves would be the same, only slower.
    listed: list[str] = []
    original = ThemeFolders.list_templates

    def counting(self):
        listed.append(self.searchpath[-1])
        return original(self)

    monkeypatch.setattr(ThemeFolders, "list_templates", counting)
    files = {"docs/fi/index.md": "# Koti\n", "docs/en/index.md": "# Home\n"}
    plain = write_fixture_site(tmp_path / "plain", files)
    hooked = write_fixture_site(tmp_path / "hooked", files, hooks=["theme_files.py"])
    without = build_site(plain, tmp_path / "without")
    assert listed == []
    for attempt in ("first", "second"):
        listed.clear()
        site = build_site(hooked, tmp_path / attempt)
        assert not site.aborted, site.log
        assert len(listed) == 2, f"{attempt} build: the theme was listed the plain way for a language"
        assert _tree(tmp_path / attempt) == _tree(without.site_dir)


def test_a_theme_seen_twice_is_wrapped_once():
    config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    list_without_hidden_folders(config.theme)
    once = config.theme.get_env
    list_without_hidden_folders(config.theme)
    assert config.theme.get_env is once
    assert type(config.theme.get_env().loader) is ThemeFolders


def _tree(site: Path) -> dict[str, bytes]:
    # sitemap.xml.gz carries the build's time; everything else must match byte for byte.
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*"))
            if path.is_file() and path.name != "sitemap.xml.gz"}
