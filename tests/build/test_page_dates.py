"""The page dates: when a page's text last changed and when a translation was last checked
against the Finnish text, from real git history in tmp_path, with the fallbacks of a
build without git, a shallow clone and files not committed yet."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from handbook.document.source import parse_document
from handbook.reader import dates, git_history
from handbook.translation.pins import apply_pin
from handbook.words import load
from handbook_sites import REPO_ROOT, BuiltSite, build_site, write_fixture_site

FIRST = "2026-11-03T10:00:00+02:00"
SECOND = "2026-11-20T09:30:00+02:00"
THIRD = "2026-12-01T08:00:00+02:00"

FI_INDEX = "# Etusivu\n\nKäsikirjan etusivu.\n"
FI_PAGE = "# Sivu\n\n## Osio {#osio}\n\nSuomenkielinen teksti.\n"
EN_INDEX = "# Home\n\nThe start page.\n"
EN_PAGE = "# Page\n\n## Section {#osio}\n\nEnglish text.\n"


def pinned(translation: str, source: str) -> str:
    return apply_pin(translation, parse_document(source, "source.md"))


def git(repo: Path, *args: str, when: str | None = None) -> str:
    env = {**os.environ, **({"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when} if when else {})}
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout


def write_site(root: Path, files: dict[str, str]) -> Path:
    theme = {"name": "material", "language": "fi", "font": False, "custom_dir": str(REPO_ROOT / "overrides")}
    nav = [{"Etusivu": "index.md"}, {"Sivu": "sivu.md"}]  # a new page (uusi.md) is built outside the nav
    return write_fixture_site(root, files, hooks=["page_facts.py"], theme=theme, nav=nav)


def shown_dates(site: BuiltSite, page: str) -> list[tuple[str, str, str]]:
    """(kind, state, text as read) of each date under the page's text."""
    html = site.html(page)
    found = re.findall(r'<span class="handbook-page-date" data-date="(\w+)" data-date-state="(\w+)">(.*?)</span>', html, re.S)
    return [(kind, state, re.sub(r"<[^>]+>", "", text)) for kind, state, text in found]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two commits; then, uncommitted, a new Finnish page and an edit of the English start page."""
    repo = tmp_path_factory.mktemp("dates") / "handbook"
    repo.mkdir()
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "config", "user.name", "Handbook Tests")
    git(repo, "config", "user.email", "handbook-tests@example.org")
    (repo / ".gitignore").write_text("/site/\n")
    write_site(
        repo,
        {
            "docs/fi/index.md": FI_INDEX,
            "docs/en/index.md": pinned(EN_INDEX, FI_INDEX),
            "docs/fi/sivu.md": FI_PAGE,
            "docs/en/sivu.md": pinned(EN_PAGE, FI_PAGE),
        },
    )
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "First pages", when=FIRST)
    # The English page's text changes, its pin does not: checked on the first date still.
    (repo / "docs/en/sivu.md").write_text(pinned(EN_PAGE.replace("English text.", "English text, edited."), FI_PAGE), encoding="utf-8")
    (repo / "docs/fi/index.md").write_text(FI_INDEX + "\nLisää tekstiä.\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "Edits", when=SECOND)
    return repo


@pytest.fixture(scope="module")
def worked_on(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository with work not committed yet, built."""
    work = tmp_path_factory.mktemp("worked-on") / "handbook"
    subprocess.run(["git", "clone", "--quiet", str(repo), str(work)], check=True)
    git(work, "config", "user.name", "Handbook Tests")
    git(work, "config", "user.email", "handbook-tests@example.org")
    (work / "docs/fi/uusi.md").write_text("# Uusi\n\nUusi sivu.\n", encoding="utf-8")
    (work / "docs/en/index.md").write_text(pinned(EN_INDEX + "\nMore text.\n", FI_INDEX + "\nLisää tekstiä.\n"), encoding="utf-8")
    site = build_site(work / "mkdocs.yml", work / "site")
    assert not site.aborted and site.warnings() == [], site.log
    return site


# --- Pure parts


def test_newest_commit_per_file_is_the_latest_by_date_not_the_first_listed():
    log = (
        "\0aaa 2026-11-03T10:00:00+02:00\n\ndocs/fi/a.md\ndocs/fi/b.md\n"
        "\0bbb 2026-11-20T09:30:00+02:00\n\ndocs/fi/a.md\n"
        "\0ccc 2026-11-21T00:00:00+00:00\n"  # a merge: no files
    )
    newest = dates.newest_commits(log)
    assert {path: commit.id for path, commit in newest.items()} == {"docs/fi/a.md": "bbb", "docs/fi/b.md": "aaa"}


def test_dates_read_in_each_languages_own_format():
    words = load("dates")
    when = datetime.fromisoformat("2026-11-03T23:30:00+02:00")
    assert dates.format_date(when, words["fi"]) == "3.11.2026"
    assert dates.format_date(when, words["en"]) == "3 November 2026"
    line = dates.date_line("updated", dates.DateFact(dates.COMMITTED, when), words["fi"])
    assert line == {"kind": "updated", "state": "committed", "before": "Päivitetty ", "date": "3.11.2026", "iso": "2026-11-03", "after": ""}


def test_both_languages_have_every_wording():
    words = load("dates")

    def shape(value):
        return {key: shape(inner) for key, inner in value.items()} if isinstance(value, dict) else len(value) if isinstance(value, list) else None

    assert shape(words["fi"]) == shape(words["en"])
    assert len(words["fi"]["months"]) == 12


def test_states_never_give_a_date_git_cannot_vouch_for():
    commit = dates.Commit("aaa", datetime.fromisoformat(FIRST))
    history = dates.PageHistory(
        available=True,
        changes={"a.md": commit, "b.md": commit, "c.md": dates.Commit("cut", datetime.fromisoformat(SECOND))},
        pin_changes={"b.md": commit},
        modified=frozenset({"a.md"}),
        pin_modified=frozenset({"a.md"}),
        boundary=frozenset({"cut"}),
    )
    assert dates.text_changed(history, "a.md") == dates.DateFact("modified", commit.when)
    assert dates.text_changed(history, "b.md") == dates.DateFact("committed", commit.when)
    assert dates.text_changed(history, "c.md") == dates.DateFact("unknown")  # the shallow clone's cut
    assert dates.text_changed(history, "new.md") == dates.DateFact("uncommitted")
    assert dates.text_changed(dates.NO_HISTORY, "b.md") == dates.DateFact("unknown")
    assert dates.translation_checked(history, "a.md") == dates.DateFact("uncommitted")  # re-pinned, not committed
    assert dates.translation_checked(history, "b.md") == dates.DateFact("committed", commit.when)
    assert dates.translation_checked(history, "c.md") == dates.DateFact("unknown")


def test_history_is_read_in_a_fixed_number_of_git_commands(repo: Path, monkeypatch):
    calls = []
    real = git_history._git
    monkeypatch.setattr(git_history, "_git", lambda root, *args: calls.append(args) or real(root, *args))
    history = git_history.read_history(repo, repo / "docs")
    assert len(calls) == 6, "one log pass for all files, not one command per page"
    assert sorted(history.changes) == ["docs/en/index.md", "docs/en/sivu.md", "docs/fi/index.md", "docs/fi/sivu.md"]
    assert history.pin_changes["docs/en/sivu.md"].when == datetime.fromisoformat(FIRST)


# --- Builds


def test_pages_show_their_last_change_and_translations_their_last_check(worked_on: BuiltSite):
    assert shown_dates(worked_on, "sivu/index.html") == [("updated", "committed", "Päivitetty 3.11.2026")]
    assert shown_dates(worked_on, "en/sivu/index.html") == [
        ("updated", "committed", "Updated 20 November 2026"),
        ("reviewed", "committed", "Translation last checked against the Finnish text on 3 November 2026"),
    ]
    assert shown_dates(worked_on, "index.html") == [("updated", "committed", "Päivitetty 20.11.2026")]
    assert '<time datetime="2026-11-20">20.11.2026</time>' in worked_on.html("index.html")


def test_work_not_committed_yet_says_so_instead_of_giving_a_date(worked_on: BuiltSite):
    assert shown_dates(worked_on, "en/index.html") == [
        ("updated", "modified", "Updated 3 November 2026; later changes are not committed yet"),
        ("reviewed", "uncommitted", "Translation checked against the Finnish text; the check is not yet committed"),
    ]
    assert shown_dates(worked_on, "uusi/index.html") == [("updated", "uncommitted", "Päivityspäivä puuttuu: sivua ei ole vielä tallennettu versionhallintaan")]
    # Served in English from the Finnish file: its date, in English words, and no check.
    assert shown_dates(worked_on, "en/uusi/index.html") == [("updated", "uncommitted", "No date of change: this page is not yet committed")]


def test_a_build_without_git_gives_no_date(repo: Path, tmp_path: Path, monkeypatch):
    copy = tmp_path / "export"
    shutil.copytree(repo, copy, ignore=shutil.ignore_patterns(".git", "site"))
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # no repository above the copy either
    site = build_site(copy / "mkdocs.yml", copy / "site")
    assert not site.aborted and site.warnings() == [], site.log
    assert shown_dates(site, "sivu/index.html") == [("updated", "unknown", "Päivityspäivä ei ole tiedossa: käsikirja on koottu ilman versiohistoriaa")]
    assert [state for _, state, _ in shown_dates(site, "en/sivu/index.html")] == ["unknown", "unknown"]


def test_a_shallow_clone_dates_only_what_its_commits_changed(repo: Path, tmp_path: Path):
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", repo.as_uri(), str(clone)], check=True)
    site = build_site(clone / "mkdocs.yml", clone / "site")
    assert not site.aborted and site.warnings() == [], site.log
    # The one commit of a --depth 1 clone seems to add every file: no date is trustworthy.
    assert {state for page in ("index.html", "sivu/index.html", "en/sivu/index.html") for _, state, _ in shown_dates(site, page)} == {"unknown"}
    # Two commits of three: the newer one's changes are real, the cut one's are not.
    grown = tmp_path / "grown"
    subprocess.run(["git", "clone", "--quiet", str(repo), str(grown)], check=True)
    git(grown, "config", "user.name", "Handbook Tests")
    git(grown, "config", "user.email", "handbook-tests@example.org")
    (grown / "docs/fi/sivu.md").write_text(FI_PAGE + "\nUusi kappale.\n", encoding="utf-8")
    git(grown, "commit", "--quiet", "-am", "Third", when=THIRD)
    deeper = tmp_path / "deeper"
    subprocess.run(["git", "clone", "--quiet", "--depth", "2", grown.as_uri(), str(deeper)], check=True)
    history = git_history.read_history(deeper, deeper / "docs")
    assert dates.text_changed(history, "docs/fi/sivu.md") == dates.DateFact("committed", datetime.fromisoformat(THIRD))
    assert dates.text_changed(history, "docs/fi/index.md") == dates.DateFact("unknown")  # last changed in the cut commit
    assert dates.text_changed(history, "docs/en/index.md") == dates.DateFact("unknown")


def test_every_page_of_the_real_handbook_shows_when_it_changed(handbook_site: BuiltSite):
    pages = sorted(p.relative_to(handbook_site.site_dir).as_posix() for p in handbook_site.site_dir.rglob("index.html"))
    missing = [page for page in pages if not any(kind == "updated" for kind, _, _ in shown_dates(handbook_site, page))]
    assert pages and not missing, f"pages without their date: {missing}"
    english = shown_dates(handbook_site, "en/teoria/desistanssi/index.html")
    assert [kind for kind, _, _ in english] == ["updated", "reviewed"]
    assert [kind for kind, _, _ in shown_dates(handbook_site, "teoria/desistanssi/index.html")] == ["updated"]


def test_two_builds_in_one_process_each_read_the_history_afresh(repo: Path, tmp_path: Path):
    work = tmp_path / "handbook"
    subprocess.run(["git", "clone", "--quiet", str(repo), str(work)], check=True)
    git(work, "config", "user.name", "Handbook Tests")
    git(work, "config", "user.email", "handbook-tests@example.org")
    first = build_site(work / "mkdocs.yml", tmp_path / "first")
    (work / "docs/fi/sivu.md").write_text(FI_PAGE + "\nUusi kappale.\n", encoding="utf-8")
    git(work, "commit", "--quiet", "-am", "Third", when=THIRD)
    second = build_site(work / "mkdocs.yml", tmp_path / "second")
    assert shown_dates(first, "sivu/index.html") == [("updated", "committed", "Päivitetty 3.11.2026")]
    assert shown_dates(second, "sivu/index.html") == [("updated", "committed", "Päivitetty 1.12.2026")]
    assert "(2026, 1. joulukuuta)" in second.html("sivu/index.html")
