"""`handbook check` with what earlier checks kept says what a check with nothing kept says,
after edits an author, a translator or an editor makes.

The check keeps each page's rendering (references/standalone.py) and each page's
forbidden wordings and each page pair's missing terms (terms/check.py) in .cache/handbook/.
A small bilingual site is checked once; each case copies it with what that check kept,
makes one realistic edit, checks it warm, then checks the same files with .cache/ removed
(in the same folder, the warm cache put back after) and compares lines and counts. Where
an edit must change what readers get, the finding it raises or clears is asserted too.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from mkdocs.structure.pages import Page

from handbook.cli.check import run_check
from handbook.core import side_by_side
from handbook.finnish import forget_project_morphologies
from handbook.terms import check as terms
from handbook_sites import TERM_GLOSSARY, write_fixture_site

GLOSSARY = TERM_GLOSSARY + """\
- id: client
  fi: asiakas
  en: client
  fi_definition: Palvelun käyttäjä, usein yhteisöväkivallan kokenut.
  en_definition: A user of the service.
"""
FILES = {
    "docs/fi/index.md": (
        "# Koti {#home}\n\nYhteisöväkivallasta puhutaan. Katso [työ](toinen.md#tyo), [tavoitteet](toinen.md#tyon-tavoitteet)"
        " ja [kaavio](kuvat/kaavio.png).\n\n## Työ {#work}\n\nKodin ulkopuolisen väkivallan asiakkaat.\n"
    ),
    "docs/en/index.md": (
        "# Home {#home}\n\nWe talk about it. See [work](toinen.md#tyo), [goals](toinen.md#tyon-tavoitteet) and"
        " [the chart](kuvat/kaavio.png). Read it [online](https://handbook.example.org/en/toinen/).\n\n"
        "## Work {#work}\n\nClients of violence elsewhere.\n"
    ),
    "docs/fi/toinen.md": "# Toinen {#toinen}\n\n## Työ {#tyo}\n\nKodin ulkopuolinen väkivalta.\n\n## Työn tavoitteet\n\nTavoitteet. Katso [koti](index.md#work) ja [uusi](uusi.md).\n\n"
    "![Kaavio](kuvat/kaavio.png)\n",
    "docs/en/toinen.md": "# Other {#toinen}\n\n## Work {#tyo}\n\nWork outside the home.\n\n## Työn tavoitteet\n\nGoals. See [home](index.md#work).\n",
    "docs/fi/yhteys.md": '# Yhteys {#yhteys}\n\n--8<-- "osoite.md"\n',
    "snippets/osoite.md": "Osoite: katso [koti](index.md#home).\n",
    "data/glossary.yml": GLOSSARY,
}
NAV = [{"Koti": "index.md"}, {"Toinen": "toinen.md"}, {"Yhteys": "yhteys.md"}]


class Relative(str):
    """`!relative $config_dir/snippets` in mkdocs.yml, as the handbook names its snippets."""


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Loader.add_constructor("!relative", lambda loader, node: Relative(loader.construct_scalar(node)))
_Dumper.add_representer(Relative, lambda dumper, value: dumper.represent_scalar("!relative", str(value)))


def markdown(**snippets) -> list:
    return [
        "attr_list", "md_in_html", "admonition", {"toc": {"permalink": True}},
        {"pymdownx.snippets": {"base_path": Relative("$config_dir/snippets"), "check_paths": True, **snippets}},
    ]


def write(root: Path) -> Path:
    config = write_fixture_site(root, FILES, hooks=["documents.py", "reference_check.py", "term_check.py"], nav=NAV,
                                extra={"glossary": "data/glossary.yml"})
    rewrite_config(root, lambda c: c.update(markdown_extensions=markdown()))
    return config


def check(root: Path) -> tuple[list[str], int, int]:
    """One check as a new process makes it: only what is on disk is remembered."""
    forget_project_morphologies()
    result = run_check(root / "mkdocs.yml")
    assert not isinstance(result, int), f"the configuration was refused ({result})"
    return result.lines, result.problems, result.informative


def cold(root: Path, stash: Path) -> tuple[list[str], int, int]:
    """The same files checked with nothing kept; what the warm checks kept is put back after."""
    cache = root / ".cache"
    shutil.rmtree(stash, ignore_errors=True)
    if cache.exists():
        shutil.move(cache, stash)
    try:
        return check(root)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        if stash.exists():
            shutil.move(stash, cache)


def warm_is_cold(root: Path, tmp_path: Path) -> list[str]:
    warm = check(root)
    assert warm == cold(root, tmp_path / "stash")
    return warm[0]


@pytest.fixture(scope="module", params=["a-page-with-a-snippet", "no-snippets"])
def baseline(request, tmp_path_factory) -> Path:
    """The site checked once, with and without a page that includes a snippet: the term
    check's whole result is kept in both (with one, keyed by the snippets' digest too)."""
    root = tmp_path_factory.mktemp("check-kept-hostile") / "baseline"
    write(root)
    if request.param == "no-snippets":
        (root / "docs/fi/yhteys.md").unlink()
        rewrite_config(root, lambda c: c.update(nav=NAV[:2]))
    lines, problems, _ = check(root)
    assert problems and any("kaavio.png" in line for line in lines), lines
    kept = {path.name for path in (root / ".cache" / "handbook").iterdir()}
    assert {"check-renderings.pickle", "term-check-pages.pickle"} <= kept
    assert "term-check.pickle" in kept
    return root


@pytest.fixture
def root(baseline: Path, tmp_path: Path) -> Path:
    """The baseline with what its check kept, in a folder of its own."""
    root = tmp_path / "handbook"
    shutil.copytree(baseline, root)
    return root


def needs_the_snippet_page(root: Path) -> None:
    if not (root / "docs/fi/yhteys.md").exists():
        pytest.skip("a case about the page that includes a snippet")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def rewrite_config(root: Path, change: Callable[[dict], None]) -> None:
    config = root / "mkdocs.yml"
    settings = yaml.load(config.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (safe: SafeLoader and one tag)
    change(settings)
    config.write_text(yaml.dump(settings, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")


def set_markdown(root: Path, extensions: list) -> None:
    rewrite_config(root, lambda c: c.update(markdown_extensions=extensions))


def has(lines: list[str], *parts: str) -> bool:
    return any(all(part in line for part in parts) for line in lines)


# --- The reference check's kept renderings


def test_an_unchanged_copy_is_served_from_what_was_kept(root: Path, tmp_path: Path, monkeypatch):
    # What every case below relies on: in its own folder, the copy's check uses the
    # baseline's kept results (the page with a snippet too: the snippets did not change).
    rendered, judged = [], []
    render, forbidden = Page.render, terms._forbidden_page_uses
    monkeypatch.setattr(side_by_side, "cores", lambda: 1)  # counted here: both checkers in this process
    monkeypatch.setattr(Page, "render", lambda page, config, files: rendered.append(page.file.src_uri) or render(page, config, files))
    monkeypatch.setattr(terms, "_forbidden_page_uses", lambda site, page, *rest: judged.append(page.document.path) or forbidden(site, page, *rest))
    warm = check(root)
    assert rendered == [] and judged == []
    assert warm == cold(root, tmp_path / "stash")
    assert has(warm[0], "docs/fi/index.md", "kaavio.png")


def test_toc_permalink_changed(root: Path, tmp_path: Path):
    set_markdown(root, [*markdown()[:3], {"toc": {"permalink": "#"}}, markdown()[4]])
    warm_is_cold(root, tmp_path)


def test_attr_list_removed_breaks_every_link_to_an_explicit_id(root: Path, tmp_path: Path):
    set_markdown(root, [extension for extension in markdown() if extension != "attr_list"])
    lines = warm_is_cold(root, tmp_path)
    # `{#work}` is now the heading's text: the links to it from unchanged pages break.
    assert has(lines, "docs/fi/toinen.md", "#work")


def test_toc_slugify_changed_breaks_links_to_generated_ids(root: Path, tmp_path: Path):
    # Unicode slugs (as Material's documentation suggests): `Työn tavoitteet` is `työn-tavoitteet`,
    # no longer `tyon-tavoitteet`; the linking pages did not change.
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "permalink: true" in text
    slugify = "permalink: true\n    slugify: !!python/name:markdown.extensions.toc.slugify_unicode"
    config.write_text(text.replace("permalink: true", slugify), encoding="utf-8")
    lines = warm_is_cold(root, tmp_path)
    assert has(lines, "docs/fi/index.md", "tyon-tavoitteet")


def test_toc_slugify_factory_options_changed(root: Path, tmp_path: Path):
    # pymdownx.slugs.slugify(case=...) makes the slugify function: the same factory, other
    # options, other ids (`Työn-tavoitteet`, `työn-tavoitteet`).
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    factory = "permalink: true\n    slugify: !!python/object/apply:pymdownx.slugs.slugify {{kwds: {{case: {case}}}}}"
    config.write_text(text.replace("permalink: true", factory.format(case="none")), encoding="utf-8")
    kept_case = warm_is_cold(root, tmp_path)
    assert has(kept_case, "docs/fi/index.md", "'#Työn-tavoitteet'")
    config.write_text(text.replace("permalink: true", factory.format(case="lower")), encoding="utf-8")
    lowered = warm_is_cold(root, tmp_path)
    assert has(lowered, "docs/fi/index.md", "'#työn-tavoitteet'")
    config.write_text(text.replace("permalink: true", factory.format(case="none")), encoding="utf-8")
    assert warm_is_cold(root, tmp_path) == kept_case


def test_use_directory_urls_off(root: Path, tmp_path: Path):
    rewrite_config(root, lambda c: c.update(use_directory_urls=False))
    warm_is_cold(root, tmp_path)


def test_site_url_changed(root: Path, tmp_path: Path):
    before = check(root)[0]
    assert has(before, "docs/en/index.md", "https://handbook.example.org/en/toinen/")
    rewrite_config(root, lambda c: c.update(site_url="https://kasikirja.example.org/"))
    lines = warm_is_cold(root, tmp_path)
    assert not has(lines, "docs/en/index.md", "https://handbook.example.org/en/toinen/")


def test_absolute_links_relative_to_docs(root: Path, tmp_path: Path):
    replace(root / "docs/fi/toinen.md", "Katso [koti](index.md#work)", "Katso [koti](/fi/index.md#work)")
    first = warm_is_cold(root, tmp_path)
    rewrite_config(root, lambda c: c.update(validation={"links": {"absolute_links": "relative_to_docs"}}))
    assert warm_is_cold(root, tmp_path) != first


def test_an_image_added_that_a_page_links_to(root: Path, tmp_path: Path):
    (root / "docs/fi/kuvat").mkdir()
    (root / "docs/fi/kuvat/kaavio.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    lines = warm_is_cold(root, tmp_path)
    assert not has(lines, "kaavio.png", "does not resolve")


def test_a_page_created_that_an_unchanged_page_links_to(root: Path, tmp_path: Path):
    assert has(check(root)[0], "docs/fi/toinen.md", "uusi.md")
    (root / "docs/fi/uusi.md").write_text("# Uusi\n\n[Toinen](toinen.md)\n", encoding="utf-8")
    lines = warm_is_cold(root, tmp_path)
    assert not has(lines, "docs/fi/toinen.md", "uusi.md")


def test_a_linked_page_deleted(root: Path, tmp_path: Path):
    (root / "docs/fi/toinen.md").unlink()
    (root / "docs/en/toinen.md").unlink()
    lines = warm_is_cold(root, tmp_path)
    assert has(lines, "docs/fi/index.md", "toinen.md")


def test_a_linked_page_deleted_in_one_language_only(root: Path, tmp_path: Path):
    (root / "docs/en/toinen.md").unlink()  # the Finnish page stands in for it
    warm_is_cold(root, tmp_path)


def test_a_heading_id_renamed_that_another_page_links_to(root: Path, tmp_path: Path):
    replace(root / "docs/fi/toinen.md", "{#tyo}", "{#tyot}")
    lines = warm_is_cold(root, tmp_path)
    assert has(lines, "docs/fi/index.md", "#tyo")


def test_a_page_excluded_with_exclude_docs(root: Path, tmp_path: Path):
    rewrite_config(root, lambda c: c.update(exclude_docs="fi/toinen.md\n"))
    warm_is_cold(root, tmp_path)


def test_a_page_made_a_draft_with_draft_docs(root: Path, tmp_path: Path):
    rewrite_config(root, lambda c: c.update(draft_docs="en/toinen.md\n"))
    warm_is_cold(root, tmp_path)


def test_a_page_marked_not_in_nav(root: Path, tmp_path: Path):
    needs_the_snippet_page(root)
    rewrite_config(root, lambda c: c.update(nav=NAV[:2]))
    orphan = warm_is_cold(root, tmp_path)
    rewrite_config(root, lambda c: c.update(not_in_nav="yhteys.md\n"))
    assert warm_is_cold(root, tmp_path) != orphan


def test_front_matter_added_only(root: Path, tmp_path: Path):
    page = root / "docs/fi/toinen.md"
    page.write_text("---\ndescription: Toinen sivu\nsearch:\n  exclude: true\n---\n\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
    lines = warm_is_cold(root, tmp_path)
    assert has(lines, "docs/fi/toinen.md:")  # the lines moved down with the page's text


def test_a_page_saved_with_crlf_line_endings(root: Path, tmp_path: Path):
    for page in ("docs/fi/toinen.md", "docs/en/index.md"):
        path = root / page
        path.write_bytes(path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    warm_is_cold(root, tmp_path)


def test_a_page_saved_with_a_bom(root: Path, tmp_path: Path):
    path = root / "docs/fi/toinen.md"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    warm_is_cold(root, tmp_path)


def test_a_page_unreadable_then_readable_again(root: Path, tmp_path: Path):
    path = root / "docs/fi/toinen.md"
    good = path.read_bytes()
    path.write_bytes(good.replace("## Työ {".encode(), b"## Ty\xf6 {"))  # one heading saved as Latin-1
    lines = warm_is_cold(root, tmp_path)
    assert has(lines, "docs/fi/toinen.md", "not UTF-8")
    path.write_bytes(good)
    lines = warm_is_cold(root, tmp_path)
    assert not has(lines, "not UTF-8")


def test_an_included_snippet_edited(root: Path, tmp_path: Path):
    needs_the_snippet_page(root)
    replace(root / "snippets/osoite.md", "index.md#home", "index.md#kotisivu")
    lines = warm_is_cold(root, tmp_path)
    assert has(lines, "docs/fi/yhteys.md", "kotisivu")


def test_a_snippet_appended_to_every_page_then_edited(root: Path, tmp_path: Path):
    (root / "snippets/lyhenteet.md").write_text("*[HTML]: Hypertext Markup Language\n\n[Ohje](ohje.md)\n", encoding="utf-8")
    set_markdown(root, [*markdown(auto_append=["lyhenteet.md"])])
    first = warm_is_cold(root, tmp_path)
    assert has(first, "docs/fi/toinen.md", "ohje.md")
    replace(root / "snippets/lyhenteet.md", "[Ohje](ohje.md)", "[Ohje](index.md)")
    assert not has(warm_is_cold(root, tmp_path), "ohje.md")


def test_fallback_to_default_turned_off(root: Path, tmp_path: Path):
    rewrite_config(root, lambda c: c["plugins"][1]["i18n"].update(fallback_to_default=False))
    warm_is_cold(root, tmp_path)


def test_a_byte_changed_on_disk_inside_the_kept_results(root: Path, tmp_path: Path):
    # The files still unpickle; what they hold is no longer what the pages say.
    kept = root / ".cache" / "handbook"
    for name, old, new in (("check-renderings.pickle", b"uusi.md", b"uusa.md"), ("term-check-pages.pickle", b"is not the", b"is not thx")):
        data = (kept / name).read_bytes()
        assert old in data, name
        (kept / name).write_bytes(data.replace(old, new))
    (kept / "term-check.pickle").unlink(missing_ok=True)
    lines = warm_is_cold(root, tmp_path)
    assert has(lines, "docs/fi/toinen.md", "'uusi.md'") and not has(lines, "uusa.md") and not has(lines, "thx")


# --- The term check's kept findings


def test_a_forbidden_wording_added_then_removed(root: Path, tmp_path: Path):
    glossary = root / "data/glossary.yml"
    replace(glossary, "    fi: [yhteisöväkivalta]\n", "    fi: [yhteisöväkivalta]\n    en: [elsewhere]\n")
    lines = warm_is_cold(root, tmp_path)
    assert has(lines, "docs/en/index.md", "'elsewhere' is not the handbook's term")
    replace(glossary, "    fi: [yhteisöväkivalta]\n    en: [elsewhere]\n", "    en: [elsewhere]\n")
    lines = warm_is_cold(root, tmp_path)
    assert not has(lines, "Yhteisöväkivallasta")


def test_an_also_wording_accepted(root: Path, tmp_path: Path):
    assert has(check(root)[0], "docs/en/index.md", "section 'work' lacks")
    replace(root / "data/glossary.yml", "  en: violence outside the home\n", "  en: violence outside the home\n  also:\n    en: [violence elsewhere]\n")
    lines = warm_is_cold(root, tmp_path)
    assert not has(lines, "docs/en/index.md", "section 'work' lacks")


@pytest.mark.parametrize("severity", [{"missing-term": "info"}, {"forbidden-term": "info"}, {"forbidden-term": "ignore"}, {"missing-term": "ignore", "forbidden-term": "error"}])
def test_the_term_checks_severity_changed(root: Path, tmp_path: Path, severity):
    rewrite_config(root, lambda c: c["extra"].update(term_check={"severity": severity}))
    warm_is_cold(root, tmp_path)


def test_a_translation_marked_draft(root: Path, tmp_path: Path):
    assert has(check(root)[0], "docs/en/toinen.md", "section 'tyo' lacks")
    path = root / "docs/en/toinen.md"
    path.write_text("---\ntranslation: draft\n---\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    lines = warm_is_cold(root, tmp_path)
    assert not has(lines, "section 'tyo' lacks")


def test_the_finnish_and_english_pages_swapped(root: Path, tmp_path: Path):
    fi, en = root / "docs/fi/toinen.md", root / "docs/en/toinen.md"
    fi_text, en_text = fi.read_text(encoding="utf-8"), en.read_text(encoding="utf-8")
    fi.write_text(en_text, encoding="utf-8")
    en.write_text(fi_text, encoding="utf-8")
    warm_is_cold(root, tmp_path)


def test_both_pages_of_a_pair_renamed(root: Path, tmp_path: Path):
    for language in ("fi", "en"):
        (root / f"docs/{language}/toinen.md").rename(root / f"docs/{language}/kolmas.md")
    lines = warm_is_cold(root, tmp_path)
    assert has(lines, "docs/en/kolmas.md", "section 'tyo' lacks")


def test_a_heading_id_changed_in_the_english_page_only(root: Path, tmp_path: Path):
    replace(root / "docs/en/index.md", "{#work}", "{#labour}")
    lines = warm_is_cold(root, tmp_path)
    assert not has(lines, "section 'work' lacks")


def test_an_extension_added_that_changes_what_readers_read(root: Path, tmp_path: Path):
    # Without `abbr` an abbreviation's definition is a paragraph readers read; with it, a
    # tooltip: the forbidden wording in it is reported, then not, the page unchanged.
    page = root / "docs/fi/toinen.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nKUV-työ.\n\n*[KUV]: Yhteisöväkivalta\n", encoding="utf-8")
    assert has(warm_is_cold(root, tmp_path), "docs/fi/toinen.md", "'Yhteisöväkivalta' is not")
    set_markdown(root, [*markdown(), "abbr"])
    assert not has(warm_is_cold(root, tmp_path), "docs/fi/toinen.md", "'Yhteisöväkivalta' is not")


def test_the_docs_folder_renamed(root: Path, tmp_path: Path):
    # Every page keeps its text and its place in its language: only the paths findings name change.
    (root / "docs").rename(root / "sisalto")
    rewrite_config(root, lambda c: c.update(docs_dir="sisalto"))
    lines = warm_is_cold(root, tmp_path)
    assert has(lines, "sisalto/fi/index.md", "'Yhteisöväkivallasta'") and has(lines, "sisalto/en/toinen.md", "section 'tyo' lacks")
    assert not has(lines, "docs/")


def test_the_glossary_broken_then_mended(root: Path, tmp_path: Path):
    glossary = root / "data/glossary.yml"
    good = glossary.read_text(encoding="utf-8")
    glossary.write_text(good.replace("  en: client\n", "  en: [client\n"), encoding="utf-8")
    lines = warm_is_cold(root, tmp_path)
    assert has(lines, "glossary") and not has(lines, "'Yhteisöväkivallasta' is not")
    glossary.write_text(good, encoding="utf-8")
    assert has(warm_is_cold(root, tmp_path), "'Yhteisöväkivallasta' is not")


def test_the_glossary_entries_moved_down_a_line(root: Path, tmp_path: Path):
    # Every finding names its entry's line: the same entries one line lower are other findings.
    glossary = root / "data/glossary.yml"
    glossary.write_text("# Käsikirjan sanasto\n" + glossary.read_text(encoding="utf-8"), encoding="utf-8")
    lines = warm_is_cold(root, tmp_path)
    assert has(lines, "(data/glossary.yml:2)") and not has(lines, "(data/glossary.yml:1)")


def test_the_glossary_moved(root: Path, tmp_path: Path):
    (root / "data/glossary.yml").rename(root / "data/sanasto.yml")
    rewrite_config(root, lambda c: c["extra"].update(glossary="data/sanasto.yml"))
    lines = warm_is_cold(root, tmp_path)
    assert has(lines, "data/sanasto.yml")


# --- Found while breaking the kept results (not about them)


def test_a_link_to_a_glossary_terms_anchor_is_no_finding(tmp_path: Path):
    # handbook check once loaded mkdocs.yml without the hooks (faster), and no hook's
    # generated_anchor_ids() was asked: every link to a term's anchor became a finding.
    from handbook_sites import build_site

    glossary = "- id: meeting\n  fi: tapaaminen\n  en: meeting\n  fi_definition: Keskustelu.\n  en_definition: A conversation.\n"
    config = write_fixture_site(tmp_path / "project", {
        "docs/fi/index.md": "# Koti\n\nKatso [tapaaminen](sanasto.md#term-meeting).\n",
        "docs/en/index.md": "# Home\n\nSee [meeting](sanasto.md#term-meeting).\n",
        "docs/fi/sanasto.md": "# Sanasto\n\n<!-- glossary -->\n",
        "docs/en/sanasto.md": "# Glossary\n\n<!-- glossary -->\n",
        "data/glossary.yml": glossary,
    }, hooks=["documents.py", "glossary.py", "reference_check.py"], extra={"glossary": "data/glossary.yml"})
    built = build_site(config, tmp_path / "site", strict=False)
    assert not built.aborted and not [line for line in built.warnings() if "term-meeting" in line]
    assert not has(check(config.parent)[0], "term-meeting")
