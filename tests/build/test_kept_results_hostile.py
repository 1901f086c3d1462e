"""Results kept between builds against an author's, translator's or editor's edits.

A small bilingual site with the hooks that keep results (renderings for the pins, the
term check, glossary links, hidden search words, the search index) is built once cold.
Each case copies it with what that build kept, makes one realistic edit, builds warm and
builds the same state cold: the two sites must be byte for byte the same and say the same.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from handbook.cli import translations as translations_cli
from handbook.finnish import forget_project_morphologies
from handbook.reader.search import build_search_index, pagefind_settings
from handbook_sites import REPO_ROOT, build_site, write_fixture_site
from translation_sites import site_files

GLOSSARY = """\
- id: meeting
  fi: tapaaminen
  en: meeting
  fi_definition: Työntekijän ja asiakkaan keskustelu.
  en_definition: A conversation between a worker and a client.
- id: desistance
  fi: desistanssi
  en: desistance
  fi_definition: Rikoksista irtautumisen prosessi.
  en_definition: The process of leaving crime behind.
"""
# No status page: it shows the minute it was made, which two builds need not share.
PAGES = site_files(
    **{
        "docs/fi/kaannostilanne.md": None,
        "docs/en/kaannostilanne.md": None,
        "docs/fi/tapaamiset.md": "---\ndescription: Tapaamiset\n---\n\n# Tapaamiset {#meetings}\n\nEnsimmäisessä tapaamisessa sovitaan. Desistanssi vie aikaa.\n\n"
        '--8<-- "yhteystiedot.md"\n',
        "docs/en/tapaamiset.md": "# Meetings {#meetings}\n\nIn the first meeting the worker and the client agree. Desistance takes time.\n",
        "docs/fi/liitteet/sanasto.md": "# Sanasto {#glossary}\n\n<!-- glossary -->\n",
        "docs/en/liitteet/sanasto.md": "# Glossary {#glossary}\n\n<!-- glossary -->\n",
        "data/glossary.yml": GLOSSARY,
        "snippets/yhteystiedot.md": "Yhteystiedot: Helsinki.\n",
    }
)
HOOKS = ["documents.py", "page_renderings.py", "reference_check.py", "site_settings.py", "glossary.py", "term_check.py", "translation_track.py", "search_index.py", "glossary_links.py"]
CONFIG = {
    "theme": {"name": "material", "language": "fi", "font": False, "custom_dir": str(REPO_ROOT / "overrides")},
    "nav": [{"Koti": "index.md"}, {"Historia": "historia.md"}, {"Tapaamiset": "tapaamiset.md"}, {"Sanasto": "liitteet/sanasto.md"}],
    "extra": {"glossary": "data/glossary.yml"},
}
MARKDOWN = ["attr_list", "md_in_html", "admonition", "tables", {"toc": {"permalink": True}}]


def snippets_markdown(root: Path, **options) -> list:
    return [*MARKDOWN, {"pymdownx.snippets": {"base_path": [str(root / "snippets")], "check_paths": True, **options}}]


def write(root: Path, **overrides) -> Path:
    settings = {**CONFIG, "markdown_extensions": snippets_markdown(root), **overrides}
    return write_fixture_site(root, {}, hooks=HOOKS, **settings)


def built(root: Path, *, cold: bool) -> tuple[dict[str, bytes], list[str]]:
    forget_project_morphologies()
    if cold:
        for path in (root / ".cache" / "handbook").glob("*"):
            if path.name != "finnish-words.json":
                (shutil.rmtree if path.is_dir() else Path.unlink)(path)
    site = root / ("cold" if cold else "warm")
    shutil.rmtree(site, ignore_errors=True)
    result = build_site(root / "mkdocs.yml", site, strict=False, command="build")
    files = {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}
    if "translation-status.json" in files:
        files["translation-status.json"] = re.sub(rb'"generated": "[^"]+"', b'"generated": "-"', files["translation-status.json"])
    if "pagefind/pagefind-entry.json" in files:
        files["pagefind/pagefind-entry.json"] = json.dumps(json.loads(files["pagefind/pagefind-entry.json"]), sort_keys=True).encode()
    said = [line.replace(str(root), "ROOT").replace(str(site), "SITE") for line in result.log if line.startswith(("WARNING:", "ERROR:")) or ":handbook: " in line]
    return files, said


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("kept-hostile") / "baseline"
    write_fixture_site(root, PAGES)
    write(root)
    files, said = built(root, cold=True)
    assert "tapaamiset/index.html" in files and "pagefind/pagefind-entry.json" in files, said
    return root


def edited(baseline: Path, tmp_path: Path) -> Path:
    root = tmp_path / "handbook"
    shutil.copytree(baseline, root, ignore=shutil.ignore_patterns("cold", "warm"))
    # The snippets folder is named absolutely in mkdocs.yml: the copy's own, not the baseline's.
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(str(baseline), str(root)), encoding="utf-8")
    return root


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def rewrite_config(root: Path, change) -> None:
    config = root / "mkdocs.yml"
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    change(settings)
    config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _definition(root):
    replace(root / "data/glossary.yml", "Työntekijän ja asiakkaan keskustelu.", "Sovittu keskustelu.")


def _forbidden(root):
    replace(root / "data/glossary.yml", "  fi_definition: Rikoksista", "  forbidden:\n    fi: [tapaamisessa]\n  fi_definition: Rikoksista")


def _also(root):
    replace(root / "data/glossary.yml", "  en: meeting\n", "  en: meeting\n  also:\n    en: [first meeting]\n")


def _severity(root):
    rewrite_config(root, lambda c: c["extra"].update(term_check={"severity": {"missing-term": "warning"}}))


def _links_off(root):
    rewrite_config(root, lambda c: c["extra"].update(glossary_links=False))


def _site_url(root):
    rewrite_config(root, lambda c: c.update(site_url="https://kasikirja.example.org/menetelmat/"))


def _directory_urls(root):
    rewrite_config(root, lambda c: c.update(use_directory_urls=False))


def _extension_option(root):
    rewrite_config(root, lambda c: c.update(markdown_extensions=[*MARKDOWN[:-1], {"toc": {"permalink": "#"}}, *snippets_markdown(root)[len(MARKDOWN):]]))


def _snippet(root):
    replace(root / "snippets/yhteystiedot.md", "Helsinki", "Tampere")


def _appended_snippet(root):
    # Material's abbreviations file, appended to every page; built once, then edited.
    (root / "snippets/lyhenteet.md").write_text("Lyhenteet: HTML.\n\n*[HTML]: Hypertext Markup Language\n", encoding="utf-8")
    rewrite_config(root, lambda c: c.update(markdown_extensions=[*MARKDOWN, "abbr", *snippets_markdown(root, auto_append=["lyhenteet.md"])[len(MARKDOWN):]]))
    # The translator reviews an English page (one without an include of its own) and pins it.
    assert translations_cli.main(["--config", str(root / "mkdocs.yml"), "ack", "historia.md"]) == 0
    built(root, cold=False)
    replace(root / "snippets/lyhenteet.md", "Lyhenteet: HTML.", "Lyhenteet: HTML ja CSS.")


def _renamed(root):
    for language in ("fi", "en"):
        (root / f"docs/{language}/tapaamiset.md").rename(root / f"docs/{language}/tapaamisten-kulku.md")
    rewrite_config(root, lambda c: c["nav"].__setitem__(2, {"Tapaamiset": "tapaamisten-kulku.md"}))


def _front_matter(root):
    replace(root / "docs/fi/tapaamiset.md", "description: Tapaamiset", "description: Miten tapaamiset kulkevat")


def _accepted_drift(root):
    page = root / "docs/en/historia.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("\n---\n", "\naccepted_drift: [localities]\n---\n", 1), encoding="utf-8")


def _nav_title(root):
    rewrite_config(root, lambda c: c["nav"].__setitem__(2, {"Asiakastapaamiset": "tapaamiset.md"}))


def _heading_id(root):
    replace(root / "docs/fi/historia.md", "{#localities}", "{#toimipaikat}")


def _pagefind_settings(root):
    # Pagefind reads its file in the folder it runs in: the handbook's code folder.
    (root / "pagefind.yml").write_text("exclude_selectors:\n  - 'table'\n", encoding="utf-8")


def _search_excluded(root):
    replace(root / "docs/fi/tapaamiset.md", "description: Tapaamiset", "description: Tapaamiset\nsearch:\n  exclude: true")


def _translation_removed(root):
    # The Finnish page stands in for the English one: linked to the Finnish glossary.
    (root / "docs/en/tapaamiset.md").unlink()


CASES = {
    "a glossary definition": _definition,
    "a forbidden wording": _forbidden,
    "an also wording": _also,
    "the term check's severity": _severity,
    "glossary links off": _links_off,
    "site_url": _site_url,
    "use_directory_urls": _directory_urls,
    "a Markdown extension's option": _extension_option,
    "a snippet's text": _snippet,
    "a snippet appended to every page": _appended_snippet,
    "a page renamed": _renamed,
    "front matter only": _front_matter,
    "accepted_drift": _accepted_drift,
    "a nav title": _nav_title,
    "a heading id": _heading_id,
    "search exclude in front matter": _search_excluded,
    "an English page removed": _translation_removed,
}


@pytest.mark.parametrize("edit", CASES.values(), ids=CASES.keys())
def test_a_warm_build_after_an_edit_is_the_cold_build_of_the_same_state(baseline: Path, tmp_path: Path, edit):
    root = edited(baseline, tmp_path)
    edit(root)
    warm = built(root, cold=False)
    cold = built(root, cold=True)
    assert warm[1] == cold[1]
    assert warm[0].keys() == cold[0].keys()
    assert [name for name in warm[0] if warm[0][name] != cold[0][name]] == []


def index_files(site: Path) -> dict[str, bytes]:
    index = site / "pagefind"
    files = {path.relative_to(index).as_posix(): path.read_bytes() for path in sorted(index.rglob("*")) if path.is_file()}
    files["pagefind-entry.json"] = json.dumps(json.loads(files["pagefind-entry.json"]), sort_keys=True).encode()
    return files


def test_the_kept_search_index_is_made_again_when_pagefinds_own_settings_change(baseline: Path, tmp_path: Path, monkeypatch):
    # Pagefind reads a pagefind.yml in the folder it runs in and PAGEFIND_* variables: the
    # same pages with other settings are another index.
    site, kept = tmp_path / "site", tmp_path / "kept"
    shutil.copytree(baseline / "cold", site)
    build_search_index(tmp_path, site, kept=kept)
    before = index_files(site)
    (tmp_path / "pagefind.yml").write_text("exclude_selectors:\n  - 'table'\n", encoding="utf-8")
    build_search_index(tmp_path, site, kept=kept)
    warm = index_files(site)
    build_search_index(tmp_path, site)
    assert warm == index_files(site) != before
    monkeypatch.setenv("PAGEFIND_EXCLUDE_SELECTORS", "p")
    settings = pagefind_settings(tmp_path)
    monkeypatch.delenv("PAGEFIND_EXCLUDE_SELECTORS")
    assert settings != pagefind_settings(tmp_path)


def test_two_handbooks_built_in_one_process_share_nothing(baseline: Path, tmp_path: Path):
    # Another handbook with the same page paths, another glossary and another address,
    # built between two builds of the first, without forgetting what the process holds.
    other = edited(baseline, tmp_path / "other")
    _definition(other)
    _site_url(other)
    cold = built(other, cold=True)
    first = edited(baseline, tmp_path / "first")
    warm_first = build_site(first / "mkdocs.yml", first / "warm", strict=False, command="build")
    warm_other = build_site(other / "mkdocs.yml", other / "warm", strict=False, command="build")
    assert not warm_first.aborted and not warm_other.aborted
    assert (first / "warm/tapaamiset/index.html").read_bytes() == (baseline / "cold/tapaamiset/index.html").read_bytes()
    assert (other / "warm/tapaamiset/index.html").read_bytes() == cold[0]["tapaamiset/index.html"]
    assert b"Sovittu keskustelu." in cold[0]["tapaamiset/index.html"]
