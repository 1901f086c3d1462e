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
from handbook.terms import check as terms
from handbook.translation import rendering
from handbook_sites import write_fixture_site

GLOSSARY = """\
- id: community-violence
  fi: kodin ulkopuolinen väkivalta
  en: violence outside the home
  fi_definition: Väkivalta muualla kuin kotona.
  en_definition: Violence outside the home.
  forbidden:
    fi: [yhteisöväkivalta]
"""
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

        monkeypatch.setattr(Page, "render", counted_render)
        monkeypatch.setattr(terms, "_forbidden_page_uses", counted_forbidden)
        monkeypatch.setattr(terms, "_missing_terms", counted_missing)

    def check(self, config_file: Path, *, cold: bool = False) -> list[str]:
        rendering._KEPT.clear()  # what a new process remembers: only the disk
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
    (copy / "mkdocs.yml").write_text(text, encoding="utf-8")
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
    monkeypatch.setattr(rendering.Renderer, "html", lambda renderer, text: renders.append(text) or kept(renderer, text))
    page = site.parent / "docs/fi/toinen.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nLisää tekstiä.\n", encoding="utf-8")
    counts.check(site)
    rendering._KEPT.clear()
    renders.clear()
    assert not build_site(site, site.parent / "site", strict=False).aborted
    assert renders == []
