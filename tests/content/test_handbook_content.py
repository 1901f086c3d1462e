"""Structure of the handbook's content, not its prose: twins, ids, descriptions, nav, glossary, service pages."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
import yaml

from handbook import translation as handbook_translation
from handbook.glossary import entries as handbook_glossary
from handbook_sites import REPO_ROOT, BuiltSite

DOCS = REPO_ROOT / "docs"
LANGUAGES = ("fi", "en")
SERVICE_PAGES = ("saavutettavuus.md", "tietosuoja.md", "tasta-painoksesta.md")
# +358 numbers and Finnish numbers written 0xx-xxxxxxx / 0xx xxx xxxx.
PHONE = re.compile(r"\+\s?358|(?<![\w.-])0\d{1,3}[- ]\d{3}[ ]?\d{2,4}(?![\w-])")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)


def _pages(language: str) -> list[str]:
    return sorted(p.relative_to(DOCS / language).as_posix() for p in (DOCS / language).rglob("*.md"))


def _headings(text: str, path: str) -> list[tuple[int, int, str | None]]:
    """(line, level, explicit id) of each Markdown heading outside fenced code."""
    sections = handbook_translation.split_sections(handbook_translation.parse_document(text, path))
    return [(s.line, s.level, s.key if s.explicit_id else None) for s in sections if s.level]


def _read(language: str, page: str) -> str:
    return (DOCS / language / page).read_text(encoding="utf-8")


def _mkdocs_yml() -> dict:
    class _Loader(yaml.SafeLoader):
        pass

    # !ENV and !relative need MkDocs itself; the structure is all these tests read.
    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return yaml.load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)


def _nav_items(nav) -> list[tuple[str | None, str | None]]:
    """(title, path) for every nav entry; sections have no path, bare paths no title."""
    items = []
    for entry in nav:
        if isinstance(entry, str):
            items.append((None, entry))
        else:
            for title, value in entry.items():
                if isinstance(value, list):
                    items.append((title, None))
                    items.extend(_nav_items(value))
                else:
                    items.append((title, value))
    return items


def _real_glossary():
    return handbook_glossary.load_glossary((REPO_ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))


# --- Source pages


def test_every_finnish_page_has_an_english_twin_and_back():
    assert _pages("fi") == _pages("en")


@pytest.mark.parametrize("page", _pages("fi"))
def test_section_heading_ids_match_pairwise_in_order(page: str):
    ids = {}
    for language in LANGUAGES:
        headings = _headings(_read(language, page), f"docs/{language}/{page}")
        missing = [f"docs/{language}/{page}:{line}" for line, level, id_ in headings if level in (2, 3) and not id_]
        assert missing == [], f"headings without an explicit {{#id}}: {missing}"
        ids[language] = [(level, id_) for _, level, id_ in headings if level in (2, 3)]
    assert ids["en"] == ids["fi"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", _pages("fi"))
def test_page_has_one_title_with_an_ascii_id(language: str, page: str):
    titles = [(line, id_) for line, level, id_ in _headings(_read(language, page), f"docs/{language}/{page}") if level == 1]
    assert len(titles) == 1, f"docs/{language}/{page}: {len(titles)} level-1 headings"
    assert titles[0][1] and re.fullmatch(r"[a-z0-9-]+", titles[0][1]), f"docs/{language}/{page}:{titles[0][0]}: title needs an explicit ASCII {{#id}}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_has_a_description(language: str):
    missing = []
    for page in _pages(language):
        description = handbook_translation.parse_document(_read(language, page), page).meta.get("description")
        if not isinstance(description, str) or not description.strip():
            missing.append(f"docs/{language}/{page}")
    assert missing == []


def test_every_page_is_in_the_nav_with_an_english_title():
    config = _mkdocs_yml()
    items = _nav_items(config["nav"])
    assert sorted(path for _, path in items if path) == _pages("fi")
    english = next(language for language in next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)["languages"] if language["locale"] == "en")
    untranslated = sorted({title for title, _ in items if title and title not in english.get("nav_translations", {})})
    assert untranslated == []


def test_no_page_has_a_phone_number_or_an_email_address():
    # Forbidden wordings of the glossary are a build finding (hooks/term_check.py), in any inflection.
    entries = _real_glossary()
    problems = []
    texts = {f"docs/{language}/{page}": _read(language, page) for language in LANGUAGES for page in _pages(language)}
    # The glossary's definitions become page text too.
    texts.update({f"data/glossary.yml ({language})": handbook_glossary.render_entries(entries, language) for language in LANGUAGES})
    for shown, text in texts.items():
        for number, line in enumerate(text.splitlines(), start=1):
            problems += [f"{shown}:{number}: phone number {m.group(0)!r}" for m in PHONE.finditer(line)]
            problems += [f"{shown}:{number}: e-mail address {m.group(0)!r}" for m in EMAIL.finditer(line)]
    assert problems == []


def test_contact_patterns_catch_what_they_should():
    assert PHONE.search("Puh. +358 40 123 4567") and PHONE.search("soita 040-1234567") and PHONE.search("09 123 4567")
    assert not PHONE.search("ISBN 978-952-93-1758-5, 26. toukokuuta 2021, 00500 Helsinki, 306/2019, 18-49")
    assert EMAIL.search("etunimi.sukunimi@example.fi") and not EMAIL.search("pidä @-merkki poissa")


# --- The built handbook


def _html_pages(site: BuiltSite) -> list[Path]:
    return sorted(p for p in site.site_dir.rglob("*.html") if p.name in {"index.html", "404.html"} and "assets" not in p.parts)


def _url_of(site: BuiltSite, html_file: Path) -> str:
    relative = html_file.relative_to(site.site_dir).as_posix()
    return "/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def test_built_glossary_pages_hold_every_entry_with_anchor_and_lang_spans(handbook_site: BuiltSite):
    entries = _real_glossary()
    for language, page in (("fi", "liitteet/sanasto/index.html"), ("en", "en/liitteet/sanasto/index.html")):
        html = handbook_site.html(page)
        other = "en" if language == "fi" else "fi"
        assert "<!-- glossary -->" not in html, page
        for entry in entries:
            heading = re.search(rf'<h2 id="term-{re.escape(entry.id)}">(.*?)<a class="headerlink"', html)
            assert heading, f"{page}: no entry #term-{entry.id}"
            assert heading.group(1).strip() == handbook_glossary.html.escape(entry.terms[language], quote=False), page
            assert f'<span lang="{other}">{handbook_glossary.html.escape(entry.terms[other], quote=False)}</span>' in html, f"{page}: {entry.id}"


def test_every_built_page_links_the_service_pages_of_its_language_in_the_footer(handbook_site: BuiltSite):
    problems = []
    pages = _html_pages(handbook_site)
    assert len(pages) >= 2 * len(_pages("fi"))
    for html_file in pages:
        html = html_file.read_text(encoding="utf-8")
        url = _url_of(handbook_site, html_file)
        language = re.search(r'<html[^>]*\blang="([^"]+)"', html).group(1)
        footer = re.search(r'<nav class="[^"]*handbook-service-links"[^>]*>(.*?)</nav>', html, re.DOTALL)
        if not footer:
            problems.append(f"{url}: no service links in the footer")
            continue
        targets = {posixpath.normpath(posixpath.join(posixpath.dirname(url), href)) for href in re.findall(r'href="([^"]+)"', footer.group(1))}
        prefix = "/en/" if language == "en" else "/"
        expected = {posixpath.normpath(prefix + page[: -len(".md")]) for page in SERVICE_PAGES}
        if targets != expected:
            problems.append(f"{url} ({language}): footer links {sorted(targets)}, expected {sorted(expected)}")
        for target in targets:
            if not (handbook_site.site_dir / target.lstrip("/") / "index.html").is_file():
                problems.append(f"{url}: footer link {target} does not exist")
    assert problems == []
