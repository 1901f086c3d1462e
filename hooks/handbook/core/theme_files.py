"""The theme's files, found without walking its hidden folders.

Every build (each language's, every `mkdocs serve` rebuild) MkDocs lists every file of
the theme's folders to find the ones it copies to the site (`Files.add_files_from_theme`:
the Jinja loader's `list_templates`, then about twenty `fnmatch` patterns tried on each
name). Material keeps its 14,000 icons in `.icons/`, so that is about 14,500 names for
the 57 files the handbook's site gets: 75 ms a language's build here, 0.15 s of every
build and of every preview rebuild.

One of MkDocs' patterns (`.*`, `*/.*`) drops every name with a part that starts with a
dot, so a hidden folder can never give the site a file: the loader here does not walk
into one, and the files found are the same. Only the listing changes; a template is
found and read as before. `tests/build/test_theme_files.py` compares both listings.
"""

from __future__ import annotations

import os

import jinja2

from handbook.core.lifecycle import BuildHook


class ThemeFilesHook(BuildHook):
    """Holds no state of a build; each build's theme lists its files without hidden folders."""

    def on_config(self, config):
        list_without_hidden_folders(config.theme)
        return config


class ThemeFolders(jinja2.FileSystemLoader):
    """Jinja's loader of the theme's folders, whose listing skips hidden folders."""

    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for folder, subfolders, names in os.walk(searchpath, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                for name in names:
                    # Named as Jinja's FileSystemLoader names them.
                    template = os.path.join(folder, name)[len(searchpath) :].strip(os.path.sep).replace(os.path.sep, "/")
                    found.add(template[2:] if template[:2] == "./" else template)
        return sorted(found)


def list_without_hidden_folders(theme) -> None:
    """Give every Jinja environment `theme` makes from now on a `ThemeFolders` loader.

    `Theme.get_env` makes a new environment with a plain FileSystemLoader each time it is
    called; an environment with any other loader (a plugin's) is left as it is."""
    if getattr(theme.get_env, "skips_hidden_folders", False):
        return  # this theme's environments already list this way
    made = theme.get_env

    def get_env() -> jinja2.Environment:
        env = made()
        loader = env.loader
        if type(loader) is jinja2.FileSystemLoader:
            env.loader = ThemeFolders(loader.searchpath, loader.encoding, loader.followlinks)
        return env

    get_env.skips_hidden_folders = True
    theme.get_env = get_env
