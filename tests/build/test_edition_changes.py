"""What changed in this edition: three editions of a small handbook published with mike from
three commits into a real repository in tmp_path, through `handbook publish`.

2021 is the first edition; 2026 changes one section of one Finnish page, adds a page
and removes one (in both languages); 2027 only rewraps a paragraph. One module-scoped
publish serves every assertion.
"""

from __future__ import annotations

import html as html_text
import json
import re
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urljoin

import pytest

from editions_fixture import commit_all, git, publish, read_branch_file, write_edition
from handbook.editions import changes, records
from handbook.editions.changes_hook import compare_editions
from handbook.reader.dates import format_date
from handbook.translation.rendering import Renderer
from handbook.words import load

SITE = "https://handbook.example.org/"
HOOKS = ("editions.py", "edition_changes.py")

GOALS_FI = """# Tavoitteet {#goals}

Ohjelman tavoitteet.

## Väkivallan lopettaminen {#stopping}

Tavoite on, että väkivalta loppuu.

## Irtautuminen {#leaving}

Tavoite on, että ihminen irtautuu väkivaltaisesta ryhmästä ja löytää uuden suunnan.
"""
CHANGES_FI = "---\nsearch:\n  exclude: true\n---\n\n# Muutokset tässä painoksessa {#edition-changes}\n\n<!-- edition-changes -->\n"
CHANGES_EN = "---\nsearch:\n  exclude: true\n---\n\n# What changed in this edition {#edition-changes}\n\n<!-- edition-changes -->\n"

EDITION_2021 = {
    "docs/fi/index.md": "# Aggredi\n\nKäsikirjan etusivu.\n",
    "docs/en/index.md": "# Aggredi\n\nThe handbook's start page.\n",
    "docs/fi/ohjelma/tavoitteet.md": GOALS_FI,
    "docs/en/ohjelma/tavoitteet.md": "# Goals {#goals}\n\nThe goals.\n\n## Stopping {#stopping}\n\nThat violence stops.\n\n## Leaving {#leaving}\n\nThat people leave.\n",
    "docs/fi/teoria/vanha.md": "# Vanha teoria\n\nTeksti.\n",
    "docs/en/teoria/vanha.md": "# Old theory\n\nText.\n",
    "docs/fi/muutokset.md": CHANGES_FI,
    "docs/en/muutokset.md": CHANGES_EN,
}
EDITION_2026 = {
    **{path: text for path, text in EDITION_2021.items() if "/vanha.md" not in path},
    "docs/fi/ohjelma/tavoitteet.md": GOALS_FI.replace("että väkivalta loppuu.", "että väkivalta loppuu kokonaan."),
    "docs/fi/teoria/desistanssi.md": "# Desistanssi {#desistance}\n\nRikoksista irtautuminen.\n",
    "docs/en/teoria/desistanssi.md": "# Desistance {#desistance}\n\nLeaving crime behind.\n",
}
# Only the line breaks of a paragraph differ: readers see the same page.
EDITION_2027 = {
    **EDITION_2026,
    "docs/fi/ohjelma/tavoitteet.md": EDITION_2026["docs/fi/ohjelma/tavoitteet.md"].replace("väkivaltaisesta ryhmästä ja", "väkivaltaisesta\nryhmästä ja"),
}


def _nav(files: dict[str, str]) -> list:
    pages = [{"Etusivu": "index.md"}, {"Tavoitteet": "ohjelma/tavoitteet.md"}]
    pages += [{"Teoria": rel} for rel in ("teoria/vanha.md", "teoria/desistanssi.md") if f"docs/fi/{rel}" in files]
    return pages + [{"Muutokset": "muutokset.md"}]


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict:
    repo = tmp_path_factory.mktemp("changes") / "handbook"
    repo.mkdir()
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "config", "user.name", "Handbook Tests")
    git(repo, "config", "user.email", "handbook-tests@example.org")
    (repo / ".gitignore").write_text("/site/\n")
    done: dict = {"repo": repo, "commits": {}, "summaries": {}, "records_before_2027": {}}
    for edition, files in (("2021", EDITION_2021), ("2026", EDITION_2026), ("2027", EDITION_2027)):
        write_edition(repo, files, _nav(files), hooks=HOOKS)
        done["commits"][edition] = commit_all(repo, f"Edition {edition}")
        if edition == "2027":
            done["records_before_2027"] = {name: read_branch_file(repo, f"{name}/edition.json") for name in ("2021", "2026")}
        done["summaries"][edition] = publish(repo, "--version", edition, "--alias", "latest").stdout
    return done


def _listed(repo: Path, page: str) -> list[str]:
    """The changes page's text as lines, from the page text to the end of the article."""
    article = re.search(r"<article\b.*?</article>", read_branch_file(repo, page), re.S).group(0)
    article = re.sub(r'<a class="headerlink".*?</a>', "", article, flags=re.S)
    article = re.sub(r"<(?:li|p|h[1-6])\b", "\n\\g<0>", article)
    lines = [html_text.unescape(re.sub(r"<[^>]+>", "", line)).strip() for line in article.splitlines()]
    lines = [line for line in lines if line]
    start = next(index for index, line in enumerate(lines) if line.startswith(("Muutokset tässä", "What changed")))
    return lines[start + 1 :]


def _links(repo: Path, page: str) -> list[str]:
    article = re.search(r"<article\b.*?</article>", read_branch_file(repo, page), re.S).group(0)
    return [href for href in re.findall(r'<a href="([^"]+)"', article) if not href.startswith("#")]


def _today(language: str) -> str:
    return format_date(datetime.now(), load("dates")[language])


@pytest.mark.slow
def test_the_second_edition_lists_exactly_the_changed_section_the_added_and_the_removed_page(editions):
    repo = editions["repo"]
    assert _listed(repo, "2026/muutokset/index.html") == [
        f"Edellinen painos on 2021, julkaistu {_today('fi')}.",
        "Muuttuneet sivut",
        "Tavoitteet (ohjelma/tavoitteet.md)",
        "Muuttunut osio: Väkivallan lopettaminen",
        "Uudet sivut",
        "Desistanssi (teoria/desistanssi.md)",
        "Poistetut sivut",
        "Vanha teoria (teoria/vanha.md)",
    ]
    links = _links(repo, "2026/muutokset/index.html")
    assert links == ["../ohjelma/tavoitteet/", "../ohjelma/tavoitteet/#stopping", "../teoria/desistanssi/"]


@pytest.mark.slow
def test_the_english_list_holds_the_english_pages_changes(editions):
    assert _listed(editions["repo"], "2026/en/muutokset/index.html") == [
        f"The previous edition is 2021, published on {_today('en')}.",
        "New pages",
        "Desistance (teoria/desistanssi.md)",
        "Removed pages",
        "Old theory (teoria/vanha.md)",
    ]


@pytest.mark.slow
def test_the_first_edition_says_it_is_the_first_in_both_languages(editions):
    repo = editions["repo"]
    assert _listed(repo, "2021/muutokset/index.html")[0] == "Tämä on käsikirjan ensimmäinen painos. Aiempaa painosta ei ole, joten muutoksia ei luetella."
    assert (
        _listed(repo, "2021/en/muutokset/index.html")[0] == "This is the first edition of the handbook. There is no earlier edition, so no changes are listed."
    )
    assert "changes page: the first edition, nothing to compare with" in editions["summaries"]["2021"]


@pytest.mark.slow
def test_a_rewrap_only_edition_lists_nothing(editions):
    repo = editions["repo"]
    assert _listed(repo, "2027/muutokset/index.html") == [
        f"Edellinen painos on 2026, julkaistu {_today('fi')}.",
        "Sivujen teksti ei ole muuttunut painoksen 2026 jälkeen.",
    ]
    assert _listed(repo, "2027/en/muutokset/index.html")[1] == "The text of the pages has not changed since edition 2026."
    commit = editions["commits"]["2026"][:7]
    assert f"changes page: compared with edition 2026 (commit {commit})" in editions["summaries"]["2027"]


@pytest.mark.slow
def test_every_edition_keeps_its_record_of_its_source(editions):
    repo, commits = editions["repo"], editions["commits"]
    found = {name: json.loads(read_branch_file(repo, f"{name}/edition.json")) for name in ("2021", "2026", "2027")}
    assert {name: (r["source"], r["previous"]) for name, r in found.items()} == {
        "2021": (commits["2021"], None),
        "2026": (commits["2026"], "2021"),
        "2027": (commits["2027"], "2026"),
    }
    assert all(r["published"] == date.today().isoformat() for r in found.values())
    # A later publish leaves the earlier editions' records as they were.
    assert {name: read_branch_file(repo, f"{name}/edition.json") for name in ("2021", "2026")} == editions["records_before_2027"]


@pytest.mark.slow
def test_an_older_edition_links_to_the_current_editions_changes(editions):
    repo = editions["repo"]
    for page, target in (
        ("2021/ohjelma/tavoitteet/index.html", SITE + "latest/muutokset/"),
        ("2021/en/ohjelma/tavoitteet/index.html", SITE + "latest/en/muutokset/"),
    ):
        banner = re.search(r'data-md-component="outdated".*?</aside>', read_branch_file(repo, page), re.S).group(0)
        hrefs = re.findall(r'<a href="([^"]+)"', banner)
        assert urljoin(SITE + page.removesuffix("index.html"), hrefs[1]) == target
    assert "Katso, mitä uusimmassa painoksessa on muuttunut" in read_branch_file(repo, "2021/index.html")


@pytest.mark.slow
def test_without_the_previous_source_in_the_history_nothing_is_listed(editions):
    repo = editions["repo"]
    missing = compare_editions(repo, repo / "docs", ["fi", "en"], records.EditionRecord("2026", "0" * 40), True, Renderer())
    assert (missing.state, missing.previous, missing.pages) == (changes.NO_HISTORY, "2026", {})
    unrecorded = compare_editions(repo, repo / "docs", ["fi", "en"], records.EditionRecord("2026", ""), True, Renderer())
    assert unrecorded.state == changes.NOT_RECORDED
    assert compare_editions(repo, repo / "docs", ["fi"], None, False, Renderer()).state == changes.NOT_AN_EDITION


@pytest.mark.browser
def test_the_version_selector_ends_with_this_editions_changes(editions, tmp_path: Path, chromium):
    from selenium.webdriver.common.by import By

    from browser_harness import StaticSite, waiting
    from editions_fixture import export_branch

    site = StaticSite(export_branch(editions["repo"], tmp_path / "served"))
    try:
        for page, title, target in (
            ("latest/en/ohjelma/tavoitteet/", "What changed in this edition", "latest/en/muutokset/"),
            ("2021/ohjelma/tavoitteet/", "Muutokset tässä painoksessa", "2021/muutokset/"),
        ):
            chromium.get(site.url + page)
            link = waiting(chromium, 15).until(lambda driver: driver.find_elements(By.CSS_SELECTOR, ".md-version__list .handbook-version-changes"))[0]
            # After the editions, in the page's language, to this edition's own changes page.
            assert chromium.execute_script("return arguments[0].closest('li') === arguments[0].closest('ul').lastElementChild", link)
            assert (link.get_attribute("textContent"), link.get_attribute("href")) == (title, site.url + target)
    finally:
        site.close()
