"""Editions with mike: publish, browse and switch between editions in both languages.

The git tests publish a small fixture handbook from two commits into a real repository
in tmp_path (with a bare clone as its remote), through `handbook publish` as
`make publish` runs it. The real mkdocs.yml is checked where its settings matter.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from editions_fixture import (
    EDITION_2021,
    EDITION_2026,
    NAV_2021,
    NAV_2026,
    branch_files,
    commit_all,
    export_branch,
    git,
    new_handbook_repo,
    publish,
    publish_env,
    read_branch_file,
    run,
    write_edition,
)
from handbook.editions import links as handbook_editions
from handbook_sites import REPO_ROOT, BuiltSite

SITE = "https://handbook.example.org/"


def _page_paths(files: dict[str, str]) -> set[str]:
    """docs/en/ohjelma/tavoitteet.md -> en/ohjelma/tavoitteet/index.html (fi at the root)."""
    paths = set()
    for source in files:
        language, relative = source.removeprefix("docs/").split("/", 1)
        stem = relative.removesuffix(".md")
        if stem == "index":
            page = "index.html"
        elif stem.endswith("/index"):
            page = stem.removesuffix("/index") + "/index.html"
        else:
            page = stem + "/index.html"
        paths.add(page if language == "fi" else f"{language}/{page}")
    return paths


def _links(html: str, tag: str, marker: str) -> dict[str, str]:
    """hreflang -> href of every <tag ... marker ...> element, attributes in any order."""
    links = {}
    for attrs in re.findall(rf"<{tag}\b([^>]*\s{marker}[^>]*)>", html):
        lang, href = re.search(r'\shreflang="([^"]+)"', attrs), re.search(r'\shref="([^"]*)"', attrs)
        if lang and href:
            links[lang.group(1)] = href.group(1)
    return links


def _switcher_hrefs(html: str) -> dict[str, str]:
    return _links(html, "a", 'class="md-select__link"')


def _head_alternates(html: str) -> dict[str, str]:
    return _links(html, "link", 'rel="alternate"')


# --- Pure helpers


def test_language_roots_come_from_the_start_page_switcher():
    alternates = [{"name": "Suomi", "link": "/2026/", "lang": "fi"}, {"name": "English", "link": "/2026/en/", "lang": "en"}]
    assert handbook_editions.language_roots(alternates, "/2026/") == {"fi": "", "en": "en/"}
    assert handbook_editions.language_roots([{"link": "https://elsewhere.example/", "lang": "sv"}], "/") == {}


def test_site_path_always_ends_in_a_slash():
    assert handbook_editions.site_path("https://handbook.example.org/2026") == "/2026/"
    assert handbook_editions.site_path("https://handbook.example.org/") == "/"
    assert handbook_editions.site_path(None) == "/"


def test_start_page_links_become_paths_from_the_edition_root():
    alternates = [{"link": "/2026/", "lang": "fi"}, {"link": "/2026/en/", "lang": "en"}, {"link": "../../ohjelma/", "lang": "sv"}]
    handbook_editions.links_from_edition_root(alternates, "/2026/")
    assert [a["link"] for a in alternates] == ["./", "en/", "../../ohjelma/"]


def test_head_alternates_point_at_language_roots_and_switcher_links_get_a_target():
    html = (
        '<link rel="alternate" href="../../../ohjelma/" hreflang="fi">\n'
        '<link rel="alternate" href="./" hreflang="en">\n'
        '<a href="../../../ohjelma/" hreflang="fi" class="md-select__link">\n'
        '<a lang="en" href="./" hreflang="en" class="md-select__link">\n'
        '<link rel="alternate" type="application/rss+xml" href="feed.xml">\n'
    )
    rewritten = handbook_editions.point_language_links(html, {"fi": "../../../", "en": "../../../en/"})
    assert _head_alternates(rewritten) == {"fi": "../../../", "en": "../../../en/"}
    assert '<a href="../../../ohjelma/" hreflang="fi" class="md-select__link" target="_self">' in rewritten
    assert '<a lang="en" href="./" hreflang="en" class="md-select__link" target="_self">' in rewritten
    assert '<link rel="alternate" type="application/rss+xml" href="feed.xml">' in rewritten
    # Idempotent: a second pass changes nothing.
    assert handbook_editions.point_language_links(rewritten, {"fi": "../../../", "en": "../../../en/"}) == rewritten


def test_language_sitemap_keeps_only_the_pages_under_the_language_root():
    sitemap = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        "    <url>\n        <loc>https://h.example/2026/</loc>\n    </url>\n"
        "    <url>\n        <loc>https://h.example/2026/en/</loc>\n    </url>\n"
        "    <url>\n        <loc>https://h.example/2026/en/goals/</loc>\n    </url>\n"
        "</urlset>"
    )
    english = handbook_editions.language_sitemap(sitemap, "https://h.example/2026/en/")
    assert handbook_editions.sitemap_locations(english) == ["https://h.example/2026/en/", "https://h.example/2026/en/goals/"]
    assert english.startswith('<?xml version="1.0"') and english.endswith("</urlset>")


def test_hreflang_links_get_back_the_slash_mike_drops_from_site_url():
    text = '<xhtml:link href="https://h.example/2026ohjelma/"/><xhtml:link href="https://h.example/2026"/><xhtml:link href="https://h.example/2026/en/"/>'
    assert handbook_editions.repair_site_url_joins(text, "https://h.example/2026") == (
        '<xhtml:link href="https://h.example/2026/ohjelma/"/><xhtml:link href="https://h.example/2026/"/><xhtml:link href="https://h.example/2026/en/"/>'
    )


# --- The real configuration and the plain build


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def test_real_config_enables_mike_editions_without_canonical_version():
    config = yaml.load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    assert config["extra"]["version"]["provider"] == "mike"
    assert "latest" in config["extra"]["version"]["default"]
    assert "hooks/editions.py" in config["hooks"]
    plugins = [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]]
    mike = next((p["mike"] for p in config["plugins"] if isinstance(p, dict) and "mike" in p), {})
    assert "canonical_version" not in (mike or {}), "canonical_version makes the start pages' language links jump to it"
    assert plugins.count("mike") <= 1


def test_plain_build_has_a_sitemap_per_language_and_a_finnish_404(handbook_site: BuiltSite):
    root = handbook_site.site_dir
    english = (root / "en" / "sitemap.xml").read_text(encoding="utf-8")
    locations = handbook_editions.sitemap_locations(english)
    assert locations and all(urlsplit(loc).path.startswith("/en/") for loc in locations)
    assert len(handbook_editions.sitemap_locations((root / "sitemap.xml").read_text(encoding="utf-8"))) > len(locations)
    not_found = handbook_site.html("404.html")
    assert re.search(r'<html lang="fi"', not_found)
    assert _switcher_hrefs(not_found) == {"fi": "/", "en": "/en/"}
    # No versions.json next to a plain build: the version selector stays off.
    assert '"version": null' in handbook_site.html("index.html")


def test_plain_build_twice_in_one_process_gives_the_same_404(tmp_path: Path):
    from handbook_sites import build_site

    config_file = tmp_path / "repo" / "mkdocs.yml"
    (tmp_path / "repo").mkdir()
    write_edition(tmp_path / "repo", EDITION_2026, NAV_2026)
    first = build_site(config_file, tmp_path / "one")
    second = build_site(config_file, tmp_path / "two")
    assert not first.aborted and not second.aborted, first.warnings() + second.warnings()
    assert first.html("404.html") == second.html("404.html")
    assert '<html lang="fi"' in second.html("404.html")
    assert (tmp_path / "two" / "en" / "sitemap.xml").is_file()


# --- Publishing with mike into real git


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """2021 published from the first commit, then 2026 (latest) from the second."""
    root = tmp_path_factory.mktemp("editions")
    repo = new_handbook_repo(root)
    publish(repo, "--version", "2021", "--title", "Painos 2021")
    before_2026 = branch_files(repo, under="2021")
    write_edition(repo, EDITION_2026, NAV_2026)
    commit_all(repo, "Edition 2026")
    publish(repo, "--version", "2026", "--alias", "latest", "--title", "Painos 2026")
    return {"root": root, "repo": repo, "2021_before_2026": before_2026}


@pytest.mark.slow
def test_versions_json_lists_both_editions_with_aliases_and_titles(published):
    versions = json.loads(read_branch_file(published["repo"], "versions.json"))
    assert versions == [
        {"version": "2026", "title": "Painos 2026", "aliases": ["latest"]},
        {"version": "2021", "title": "Painos 2021", "aliases": []},
    ]


@pytest.mark.slow
def test_every_page_of_both_editions_and_languages_is_on_the_branch(published):
    files = branch_files(published["repo"])
    for edition, sources in (("2021", EDITION_2021), ("2026", EDITION_2026)):
        for page in _page_paths(sources) | {"404.html", "sitemap.xml", "en/sitemap.xml"}:
            assert f"{edition}/{page}" in files, f"{edition}/{page} is missing from gh-pages"
    assert "2021/teoria/desistanssi/index.html" not in files
    assert set(files) >= {"index.html", "versions.json", ".nojekyll", "latest"}


@pytest.mark.slow
def test_publishing_a_new_edition_leaves_the_older_one_byte_identical(published):
    assert branch_files(published["repo"], under="2021") == published["2021_before_2026"]


@pytest.mark.slow
def test_site_root_redirects_to_latest_and_latest_is_the_2026_edition(published, tmp_path: Path):
    assert 'url=latest/' in read_branch_file(published["repo"], "index.html")
    # GitHub Pages serves only the root's 404.html: the current edition's Finnish one.
    assert read_branch_file(published["repo"], "404.html") == read_branch_file(published["repo"], "2026/404.html")
    served = export_branch(published["repo"], tmp_path / "served")
    assert (served / "latest").is_symlink() and (served / "latest").resolve() == (served / "2026").resolve()


@pytest.mark.slow
def test_language_switcher_under_latest_stays_under_latest(published, tmp_path: Path):
    served = export_branch(published["repo"], tmp_path / "served")
    pages = sorted(p for p in (served / "latest").rglob("index.html"))
    assert len(pages) == len(_page_paths(EDITION_2026))
    for page in pages:
        address = SITE + page.relative_to(served).parent.as_posix() + "/"
        html = page.read_text(encoding="utf-8")
        links = {**{f"head {k}": v for k, v in _head_alternates(html).items()}, **{f"switcher {k}": v for k, v in _switcher_hrefs(html).items()}}
        assert set(links) == {"head fi", "head en", "switcher fi", "switcher en"}, page
        for name, href in links.items():
            assert urljoin(address, href).startswith(SITE + "latest/"), f"{page.relative_to(served)}: {name} link {href!r} leaves /latest/"
    home = (served / "latest" / "en" / "index.html").read_text(encoding="utf-8")
    assert _switcher_hrefs(home) == {"fi": "../", "en": "./"}


@pytest.mark.slow
def test_404_page_is_finnish_with_links_to_both_start_pages(published):
    not_found = read_branch_file(published["repo"], "2026/404.html")
    assert '<html lang="fi"' in not_found
    assert _switcher_hrefs(not_found) == {"fi": "/2026/", "en": "/2026/en/"}


@pytest.mark.slow
def test_older_edition_carries_the_notice_in_each_language(published):
    finnish = read_branch_file(published["repo"], "2021/ohjelma/tavoitteet/index.html")
    english = read_branch_file(published["repo"], "2021/en/ohjelma/tavoitteet/index.html")
    for html, text, target in ((finnish, "vanhempaa painosta", SITE + "latest/"), (english, "older edition", SITE + "latest/en/")):
        banner = re.search(r'data-md-component="outdated".*?</aside>', html, re.S).group(0)
        assert text in banner
        href = re.search(r'<a href="([^"]+)"', banner).group(1)
        # The page's address under its edition: 2021/<page>/.
        page = SITE + "2021/" + ("en/" if html is english else "") + "ohjelma/tavoitteet/"
        assert urljoin(page, href) == target


@pytest.mark.slow
def test_redeploying_an_edition_leaves_the_other_byte_identical(published, tmp_path: Path):
    repo = _copy_repo(published, tmp_path)
    before = branch_files(repo, under="2021")
    head = git(repo, "rev-parse", "gh-pages").stdout.strip()
    # A correction to the 2026 edition, published again.
    (repo / "docs" / "fi" / "ohjelma" / "index.md").write_text("# Ohjelma\n\nKorjattu kuvaus.\n", encoding="utf-8")
    commit_all(repo, "Correct the 2026 edition")
    publish(repo, "--version", "2026")
    assert git(repo, "rev-parse", "gh-pages~1").stdout.strip() == head, "re-deploying adds one commit on top"
    assert "Korjattu kuvaus." in read_branch_file(repo, "2026/ohjelma/index.html")
    assert branch_files(repo, under="2021") == before
    # The edition keeps its title and alias.
    assert json.loads(read_branch_file(repo, "versions.json")) == [
        {"version": "2026", "title": "Painos 2026", "aliases": ["latest"]},
        {"version": "2021", "title": "Painos 2021", "aliases": []},
    ]


@pytest.mark.slow
def test_publish_with_push_pushes_gh_pages_once_without_force(published, tmp_path: Path):
    repo = _copy_repo(published, tmp_path)
    publish(repo, "--version", "dev", "--title", "dev (preview)", "--push")
    assert git(repo, "ls-remote", "origin", "gh-pages").stdout.split()[0] == git(repo, "rev-parse", "gh-pages").stdout.strip()
    versions = json.loads(read_branch_file(repo, "versions.json"))
    assert {v["version"]: v["aliases"] for v in versions} == {"dev": [], "2026": ["latest"], "2021": []}


@pytest.mark.slow
def test_deleting_an_edition_leaves_the_others_intact(published, tmp_path: Path):
    repo = _copy_repo(published, tmp_path)
    kept = branch_files(repo, under="2026")
    run([str(Path(sys.executable).parent / "mike"), "delete", "2021"], repo, env=publish_env())
    assert branch_files(repo, under="2026") == kept
    assert not any(path.startswith("2021/") for path in branch_files(repo))
    assert [v["version"] for v in json.loads(read_branch_file(repo, "versions.json"))] == ["2026"]


@pytest.mark.slow
def test_diverged_gh_pages_is_refused_with_a_clear_message(published, tmp_path: Path):
    repo = _copy_repo(published, tmp_path)
    mike = str(Path(sys.executable).parent / "mike")
    git(repo, "push", "--quiet", "origin", "gh-pages")
    # Someone else publishes from another clone...
    other = tmp_path / "other"
    run(["git", "clone", "--quiet", str(tmp_path / "copy" / "origin.git"), str(other)], tmp_path)
    git(other, "config", "user.name", "Other Publisher")
    git(other, "config", "user.email", "other@example.org")
    git(other, "branch", "gh-pages", "origin/gh-pages")
    run([mike, "retitle", "--push", "2021", "Vuoden 2021 painos"], other, env=publish_env())
    # ... while this clone has a local, unpushed change of its own.
    run([mike, "retitle", "2026", "Paikallinen"], repo, env=publish_env())
    local, remote = git(repo, "rev-parse", "gh-pages").stdout.strip(), git(other, "rev-parse", "gh-pages").stdout.strip()

    result = publish(repo, "--version", "2027", check=False)

    assert result.returncode == 1
    assert "error: the local gh-pages branch has diverged from origin/gh-pages; nothing was published" in result.stderr
    assert "git branch -f gh-pages origin/gh-pages" in result.stderr
    assert "Traceback" not in result.stderr
    assert git(repo, "rev-parse", "gh-pages").stdout.strip() == local
    assert git(repo, "ls-remote", "origin", "gh-pages").stdout.split()[0] == remote


def test_bad_edition_name_gets_a_message_not_a_traceback(tmp_path: Path):
    result = publish(tmp_path, "--version", "../2026", check=False)
    assert result.returncode == 1
    assert result.stderr.startswith("error: edition name '../2026' is not a plain folder name")


def _copy_repo(published: dict, tmp_path: Path) -> Path:
    """A copy of the published repository and its remote, to change without touching the shared one."""
    copy = tmp_path / "copy"
    shutil.copytree(published["root"], copy, symlinks=True)
    repo = copy / "handbook"
    git(repo, "remote", "set-url", "origin", str(copy / "origin.git"))
    return repo


# --- make targets and the workflow


def test_make_publish_and_editions_run_the_wrapper_and_mike_serve_on_localhost():
    dry = subprocess.run(
        ["make", "--no-print-directory", "-n", "-C", str(REPO_ROOT), "publish", "VERSION=2026", "ALIAS=latest", "TITLE=Painos 2026", "PUSH=1"],
        capture_output=True, text=True, timeout=60,
    )
    assert dry.returncode == 0, dry.stderr
    assert re.search(r"handbook publish --version '2026' --alias 'latest' --title 'Painos 2026' --push", dry.stdout), dry.stdout
    missing = subprocess.run(["make", "--no-print-directory", "-C", str(REPO_ROOT), "publish"], capture_output=True, text=True, timeout=60)
    assert missing.returncode != 0 and "VERSION" in missing.stderr
    serve = subprocess.run(["make", "--no-print-directory", "-n", "-C", str(REPO_ROOT), "editions"], capture_output=True, text=True, timeout=60)
    assert re.search(r"mike serve .*--dev-addr 127\.0\.0\.1:\d+", serve.stdout), serve.stdout


WORKFLOW = REPO_ROOT / ".github" / "workflows" / "handbook.yml"


def test_workflow_tests_every_change_and_publishes_only_after_the_tests_pass():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on") or workflow.get(True)  # YAML 1.1 reads a bare `on` as True
    assert "pull_request" in triggers and "tags" in triggers["push"] and "main" in triggers["push"]["branches"]
    jobs = workflow["jobs"]
    assert ".ci/run" in "\n".join(step.get("run", "") for step in jobs["test"]["steps"])
    assert jobs["publish"]["needs"] == "test" and "push" in jobs["publish"]["if"]
    # The translation status never gates a publish: the Finnish source does not wait.
    assert "translations" not in str(jobs["publish"].get("needs"))
    steps = jobs["publish"]["steps"]
    checkout = next(step for step in steps if str(step.get("uses", "")).startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    scripts = "\n".join(step.get("run", "") for step in steps)
    assert re.search(r"git config (--global )?user\.name ", scripts)
    assert re.search(r"git config (--global )?user\.email ", scripts)
    assert re.search(r"^\s*make publish\b", scripts, re.M) and "PUSH=1" in scripts


def test_workflow_pins_actions_to_commits_and_grants_the_least_permissions():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in workflow["jobs"].items():
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), f"{name}: {step['uses']} is not pinned to a commit"
        wanted = {"contents": "write"} if name == "publish" else None
        assert job.get("permissions") == wanted, name


# --- In the browser


@pytest.mark.slow
@pytest.mark.browser
def test_version_selector_and_language_switcher_land_on_the_same_page(published, tmp_path: Path, chromium):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    from browser_harness import StaticSite, read_network_log, waiting

    served = export_branch(published["repo"], tmp_path / "served")
    site = StaticSite(served)
    wait = waiting(chromium, 15)

    def open_page(path: str) -> None:
        chromium.get(site.url + path)
        wait.until(lambda driver: driver.find_elements(By.CSS_SELECTOR, ".md-version__link"))

    def choose_edition(edition: str) -> None:
        ActionChains(chromium).move_to_element(chromium.find_element(By.CSS_SELECTOR, ".md-version__current")).perform()
        link = chromium.find_element(By.CSS_SELECTOR, f'.md-version__link[href$="/{edition}/"]')
        wait.until(lambda driver: link.is_displayed())
        link.click()

    def choose_language(lang: str) -> None:
        link = chromium.find_element(By.CSS_SELECTOR, f'.md-select__link[hreflang="{lang}"]')
        ActionChains(chromium).move_to_element(link.find_element(By.XPATH, "ancestor::div[contains(@class, 'md-select')]")).perform()
        wait.until(lambda driver: link.is_displayed())
        link.click()

    def lands_on(path: str) -> None:
        wait.until(lambda driver: driver.current_url == site.url + path and driver.execute_script("return document.readyState") == "complete")

    try:
        read_network_log(chromium)
        # A deep English page under the alias: the version selector lists both editions.
        open_page("latest/en/ohjelma/tavoitteet/")
        titles = [el.get_attribute("textContent").strip() for el in chromium.find_elements(By.CSS_SELECTOR, ".md-version__link")]
        assert len(titles) == 2 and titles[0].startswith("Painos 2026") and titles[0].endswith("latest")
        assert titles[1] == "Painos 2021"
        assert not chromium.find_element(By.CSS_SELECTOR, "[data-md-component=outdated]").is_displayed()

        choose_edition("2021")
        lands_on("2021/en/ohjelma/tavoitteet/")
        wait.until(lambda driver: driver.find_element(By.CSS_SELECTOR, "[data-md-component=outdated]").is_displayed())
        notice = chromium.find_element(By.CSS_SELECTOR, "[data-md-component=outdated]")
        assert "older edition" in notice.text
        assert notice.find_element(By.TAG_NAME, "a").get_attribute("href") == site.url + "latest/en/"

        choose_language("fi")
        lands_on("2021/ohjelma/tavoitteet/")
        assert chromium.execute_script("return document.documentElement.lang") == "fi"

        open_page("2021/ohjelma/tavoitteet/")
        choose_edition("2026")
        lands_on("2026/ohjelma/tavoitteet/")

        # A page only the newer edition has: the older edition's English start page.
        open_page("latest/en/teoria/desistanssi/")
        choose_edition("2021")
        lands_on("2021/en/")

        # The start page's switcher keeps the alias.
        open_page("latest/en/")
        choose_language("fi")
        lands_on("latest/")

        # The site root's 404 page (Finnish) switches to the current edition's English start.
        open_page("404.html")
        assert chromium.execute_script("return document.documentElement.lang") == "fi"
        choose_language("en")
        lands_on("2026/en/")

        log = read_network_log(chromium)
        assert log.hosts() == {"127.0.0.1"}
        assert log.failures() == {}, log.failures()
        assert not [r for r in site.served if r.status >= 400]
    finally:
        site.close()


# --- The real handbook, published with mike


HANDBOOK_SOURCES = ("mkdocs.yml", "docs", "hooks", "overrides", "snippets", "data")


@pytest.mark.slow
def test_real_handbook_publishes_with_mike_in_both_languages(tmp_path: Path):
    """The real mkdocs.yml, built by mike (strict), with the working tree's pages."""
    repo = tmp_path / "handbook"
    repo.mkdir()
    for name in HANDBOOK_SOURCES:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, repo / name)
    if (REPO_ROOT / "node_modules").exists():
        (repo / "node_modules").symlink_to(REPO_ROOT / "node_modules")
    (repo / ".gitignore").write_text("/site/\n/node_modules\n")
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "config", "user.name", "Handbook Tests")
    git(repo, "config", "user.email", "handbook-tests@example.org")
    commit_all(repo, "The handbook")

    publish(repo, "--version", "2026", "--alias", "latest")

    files = branch_files(repo)
    nav_pages = {p for p in files if p.startswith("2026/") and p.endswith("/index.html") and not p.startswith(("2026/assets/", "2026/pagefind/"))}
    english = {p for p in nav_pages if p.startswith("2026/en/")}
    assert len(english) == len(nav_pages) - len(english) > 20, "every page in both languages"
    assert {"2026/sitemap.xml", "2026/en/sitemap.xml", "2026/404.html"} <= set(files)
    assert '<html lang="fi"' in read_branch_file(repo, "2026/404.html")
    home = read_branch_file(repo, "2026/en/index.html")
    assert _switcher_hrefs(home) == {"fi": "../", "en": "./"}
    assert '"provider": "mike"' in home
    assert "https://aggredi-handbook.example.org/2026/en/" in read_branch_file(repo, "2026/en/sitemap.xml")


# --- What a publish checks first, and what it tells the editor


def test_placeholder_addresses_are_recognised():
    from handbook.editions.publish import is_placeholder_url

    assert all(is_placeholder_url(url) for url in ("https://aggredi-handbook.example.org/", "http://localhost:8000/", "https://x.example/", "", None))
    assert not any(is_placeholder_url(url) for url in ("https://kasikirja.helsinkimissio.fi/", "https://example.org.fi/"))


@pytest.mark.slow
def test_publish_refuses_the_placeholder_site_url_and_says_how_to_set_it(tmp_path: Path):
    repo = new_handbook_repo(tmp_path)
    refused = publish(repo, "--version", "2026", check=False, rehearsal=False)
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[0] == "error: site_url is 'https://handbook.example.org/', a placeholder; nothing was published"
    assert "SITE_URL=https://" in refused.stderr and "HANDBOOK_SITE_URL" in refused.stderr
    assert git(repo, "rev-parse", "--verify", "--quiet", "gh-pages", check=False).returncode != 0


def _pinned_edition() -> dict[str, str]:
    from handbook import translation

    files = dict(EDITION_2021)
    for rel in [name for name in files if name.startswith("docs/en/")]:
        source = translation.parse_document(files[rel.replace("docs/en/", "docs/fi/")], rel.replace("docs/en/", "docs/fi/"))
        files[rel] = translation.apply_pin(files[rel], source)
    return files


@pytest.mark.slow
def test_a_finnish_edit_publishes_with_the_english_page_shown_outdated(tmp_path: Path):
    repo = new_handbook_repo(tmp_path)
    write_edition(repo, _pinned_edition(), NAV_2021, hooks=("translation_track.py", "editions.py"))
    commit_all(repo, "Pinned translations")
    first = publish(repo, "--version", "2026")
    assert "outdated English pages: 0" in first.stdout
    edited = tmp_path / "handbook" / "docs/fi/ohjelma/tavoitteet.md"
    edited.write_text("# Tavoitteet\n\nVäkivallan vähentäminen tai lopettaminen.\n", encoding="utf-8")
    commit_all(repo, "Finnish edit only")
    second = publish(repo, "--version", "2026", "--alias", "latest")
    lines = second.stdout.splitlines()
    assert lines[0].startswith("published edition 2026 as latest from commit ") and lines[0].endswith("to gh-pages (not pushed)")
    assert lines[1] == "  pages: en 3, fi 3"
    assert lines[2:] == ["  outdated English pages: 1", "    en/ohjelma/tavoitteet.md (0 days)",
                         "  changes page: the first edition, nothing to compare with"]
    # The notice travels with the edition, and so does the record of what was outdated.
    assert 'data-translation-status="outdated"' in read_branch_file(repo, "2026/en/ohjelma/tavoitteet/index.html")
    report = json.loads(read_branch_file(repo, "2026/translation-status.json"))
    statuses = {page["path"]: page["status"] for page in report["languages"]["en"]["pages"]}
    assert statuses["ohjelma/tavoitteet.md"] == "outdated" and statuses["index.md"] == "translated"


@pytest.mark.slow
def test_an_overdue_translation_blocks_a_publish_only_when_configured(tmp_path: Path):
    repo = new_handbook_repo(tmp_path)
    write_edition(repo, _pinned_edition(), NAV_2021)
    commit_all(repo, "Pinned translations")
    (repo / "docs/fi/ohjelma/tavoitteet.md").write_text("# Tavoitteet\n\nUusi teksti.\n", encoding="utf-8")
    git(repo, "add", "-A")
    old = {**publish_env(), "GIT_AUTHOR_DATE": "2020-01-01T09:00:00+02:00", "GIT_COMMITTER_DATE": "2020-01-01T09:00:00+02:00"}
    run(["git", "commit", "--quiet", "-m", "An old Finnish edit"], repo, env=old)
    assert publish(repo, "--version", "2026").returncode == 0  # the default: the source never waits
    config = repo / "mkdocs.yml"
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["extra"]["translation_track"] = {"overdue_blocks_publish": True, "max_outdated_days": 30}
    config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    refused = publish(repo, "--version", "2027", check=False)
    assert refused.returncode == 1, refused.stdout
    assert refused.stderr.splitlines()[:2] == [
        "error: 1 translation(s) are outdated beyond the grace period; nothing was published:",
        refused.stderr.splitlines()[1],
    ] and refused.stderr.splitlines()[1].startswith("  en/ohjelma/tavoitteet.md: outdated for ")
    assert "2027" not in read_branch_file(repo, "versions.json")
