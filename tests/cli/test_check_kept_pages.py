"""`handbook check` after an edit judges again only what the edit touched, and says
exactly what a check with nothing kept says.

Each page's rendering (references/standalone.py) and each page's forbidden wordings and
each page pair's missing terms (terms/check.py) are kept in .cache/handbook/; the check
is run in this process, with counters on MkDocs' rendering and on the term check's two
judgements, after edits an author and a translator make.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.structure.pages import Page

from handbook.cli.check import run_check
from handbook.core import side_by_side
from handbook.terms import check as terms
from handbook.translation import rendering
from handbook_sites import TERM_GLOSSARY as GLOSSARY
from handbook_sites import write_fixture_site

FILES = {
    "docs/fi/index.md": "# Koti {#home}\n\nYhteisöväkivallasta puhutaan. Katso [toinen](toinen.md#tyo).\n\n## Työ {#work}\n\nKodin ulkopuolisen väkivallan asiakkaat.\n",
    "docs/en/index.md": "# Home {#home}\n\nWe talk about it. See [the other](toinen.md#tyo).\n\n## Work {#work}\n\nClients of this kind.\n",
    "docs/fi/toinen.md": "# Toinen {#toinen}\n\n## Työ {#tyo}\n\nKodin ulkopuolinen väkivalta.\n",
    "docs/en/toinen.md": "# Other {#toinen}\n\n## Work {#tyo}\n\nViolence outside the home.\n",
    "data/glossary.yml": GLOSSARY,
}


class Counts:
    def __init__(self, monkeypatch) -> None:
        self.rendered: list[str] = []
        self.forbidden: list[str] = []
        self.pairs: list[str] = []
        render, forbidden, missing = Page.render, terms._forbidden_page_uses, terms._missing_terms

        def counted_render(page, config, files):
            self.rendered.append(page.file.src_uri)
            return render(page, config, files)

        def counted_forbidden(site, page, *args):
            self.forbidden.append(page.document.path)
            return forbidden(site, page, *args)

        def counted_missing(site, source, translation, terms_, relative):
            self.pairs.append(relative)
            return missing(site, source, translation, terms_, relative)

        # Counted in this process: the two checkers one after the other, not side by side.
        monkeypatch.setattr(side_by_side, "cores", lambda: 1)
        monkeypatch.setattr(Page, "render", counted_render)
        monkeypatch.setattr(terms, "_forbidden_page_uses", counted_forbidden)
        monkeypatch.setattr(terms, "_missing_terms", counted_missing)

    def check(self, config_file: Path, *, cold: bool = False) -> list[str]:
        if cold:
            shutil.rmtree(config_file.parent / ".cache", ignore_errors=True)
        self.rendered.clear(), self.forbidden.clear(), self.pairs.clear()
        result = run_check(config_file)
        return result.lines


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_fixture_site(tmp_path / "project", FILES, hooks=["documents.py", "reference_check.py", "term_check.py"], extra={"glossary": "data/glossary.yml"})


def cold_lines(config_file: Path, tmp_path: Path) -> list[str]:
    """The same project, checked with nothing kept (in a copy, so the original keeps its cache)."""
    copy = tmp_path / "cold"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(config_file.parent, copy, ignore=shutil.ignore_patterns(".cache"))
    text = (copy / "mkdocs.yml").read_text(encoding="utf-8")
    (copy / "mkdocs.yml").write_text(text.replace(str(config_file.parent), str(copy)), encoding="utf-8")  # its own snippets
    return [line.replace(str(copy), str(config_file.parent)) for line in run_check(copy / "mkdocs.yml").lines]


def test_an_edit_is_judged_alone_and_the_result_is_a_cold_checks(site: Path, tmp_path: Path, monkeypatch):
    counts = Counts(monkeypatch)
    first = counts.check(site, cold=True)
    assert sorted(counts.rendered) == ["en/index.md", "en/toinen.md", "fi/index.md", "fi/toinen.md"]
    assert len(counts.forbidden) == 4 and sorted(counts.pairs) == ["index.md", "toinen.md"]
    assert any("'Yhteisöväkivallasta' is not the handbook's term" in line for line in first)
    assert any("section 'work' lacks the glossary's term" in line for line in first)

    # Nothing changed (the check's whole result is bypassed here): nothing judged again.
    assert counts.check(site) == first
    assert (counts.rendered, counts.forbidden, counts.pairs) == ([], [], [])

    # An author adds a forbidden wording to one Finnish page, and breaks its anchor.
    page = site.parent / "docs/fi/toinen.md"
    page.write_text("# Toinen {#toinen}\n\n## Työ {#tyon}\n\nKodin ulkopuolinen väkivalta ja yhteisöväkivalta.\n", encoding="utf-8")
    edited = counts.check(site)
    assert counts.rendered == ["fi/toinen.md"]
    assert counts.forbidden == ["docs/fi/toinen.md"] and counts.pairs == ["toinen.md"]
    assert any(line.startswith("docs/fi/toinen.md:5:") and "'yhteisöväkivalta' is not" in line for line in edited)
    assert any("toinen.md#tyo" in line for line in edited), edited  # the link to the old anchor, from the page that did not change
    assert edited == cold_lines(site, tmp_path)

    # The translator fixes the English section: only that page and its pair.
    (site.parent / "docs/en/index.md").write_text(FILES["docs/en/index.md"].replace("Clients of this kind.", "Clients of violence outside the home."), encoding="utf-8")
    fixed = counts.check(site)
    assert counts.rendered == ["en/index.md"] and counts.forbidden == ["docs/en/index.md"] and counts.pairs == ["index.md"]
    assert not any("section 'work' lacks" in line for line in fixed)
    assert fixed == cold_lines(site, tmp_path)

    # A new page changes every address a link may resolve to: every page of its language is rendered again.
    (site.parent / "docs/fi/kolmas.md").write_text("# Kolmas\n\n[Koti](index.md)\n", encoding="utf-8")
    added = counts.check(site)
    assert {"fi/index.md", "fi/toinen.md", "fi/kolmas.md"} <= set(counts.rendered)
    assert added == cold_lines(site, tmp_path)

    # The glossary changes what every page is judged by.
    (site.parent / "data/glossary.yml").write_text(GLOSSARY.replace("[yhteisöväkivalta]", "[yhteisöväkivalta, asiakas]"), encoding="utf-8")
    glossary = counts.check(site)
    assert len(counts.forbidden) == 5 and counts.rendered == []
    assert any("'asiakkaat' is not the handbook's term" in line for line in glossary)
    assert glossary == cold_lines(site, tmp_path)


def test_a_check_keeps_the_builds_renderings(tmp_path: Path, monkeypatch):
    # The build's pins render every page; a check after an edit needs only a few of them
    # and must not leave the next build to render the others again.
    from handbook_sites import build_site

    site = write_fixture_site(tmp_path / "project", FILES, hooks=["documents.py", "term_check.py", "translation_track.py"], extra={"glossary": "data/glossary.yml"})
    counts = Counts(monkeypatch)
    assert not build_site(site, site.parent / "site", strict=False).aborted
    kept = rendering.Renderer.html
    renders: list[str] = []
    monkeypatch.setattr(rendering.Renderer, "html", lambda renderer, text, *more: renders.append(text) or kept(renderer, text, *more))
    page = site.parent / "docs/fi/toinen.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nLisää tekstiä.\n", encoding="utf-8")
    counts.check(site)
    renders.clear()
    assert not build_site(site, site.parent / "site", strict=False).aborted
    assert renders == []


def test_a_page_with_a_snippet_is_kept_until_a_snippet_file_changes(tmp_path: Path, monkeypatch):
    root = tmp_path / "project"
    files = {**FILES, "docs/fi/toinen.md": FILES["docs/fi/toinen.md"] + '\n--8<-- "huomio.md"\n', "snippets/huomio.md": "Huomio.\n"}
    site = write_fixture_site(root, files, hooks=["documents.py", "reference_check.py", "term_check.py"], extra={"glossary": "data/glossary.yml"},
                              markdown_extensions=["attr_list", "toc", {"pymdownx.snippets": {"base_path": [str(root / "snippets")], "check_paths": True}}])
    counts = Counts(monkeypatch)
    first = counts.check(site, cold=True)
    assert "fi/toinen.md" in counts.rendered
    assert counts.check(site) == first and counts.rendered == [] and counts.forbidden == []

    # The snippet, not the page, changes what readers of the page read: a forbidden
    # wording and a broken link arrive through it.
    (root / "snippets/huomio.md").write_text("Yhteisöväkivalta mainitaan. [Rikki](puuttuu.md)\n", encoding="utf-8")
    edited = counts.check(site)
    assert counts.rendered == ["fi/toinen.md"] and counts.forbidden == ["docs/fi/toinen.md"]
    assert any(line.startswith("docs/fi/toinen.md:") and "(in text the page includes)" in line for line in edited), edited
    assert any("puuttuu.md" in line for line in edited), edited
    assert edited == cold_lines(site, tmp_path)

    # A new snippet file (one the page may include one day) counts too: what the page reads is not known otherwise.
    (root / "snippets/uusi.md").write_text("Uusi.\n", encoding="utf-8")
    counts.check(site)
    assert counts.rendered == ["fi/toinen.md"]


def test_snippets_from_the_whole_project_are_never_kept(tmp_path: Path, monkeypatch):
    # The default base path `.` holds the cache and everything else: nothing to key a snippet page by.
    root = tmp_path / "project"
    files = {**FILES, "docs/fi/toinen.md": FILES["docs/fi/toinen.md"] + '\n--8<-- "huomio.md"\n', "huomio.md": "Huomio.\n"}
    site = write_fixture_site(root, files, hooks=["documents.py", "reference_check.py", "term_check.py"], extra={"glossary": "data/glossary.yml"},
                              markdown_extensions=["attr_list", "toc", {"pymdownx.snippets": {"base_path": [str(root)]}}])
    counts = Counts(monkeypatch)
    counts.check(site, cold=True)
    counts.check(site)
    assert counts.rendered == ["fi/toinen.md"] and counts.forbidden == ["docs/fi/toinen.md"]
