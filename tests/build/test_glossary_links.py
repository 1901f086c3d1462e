"""Glossary links in a built site: each language links its own glossary page, a Finnish page
standing in for a missing English one the Finnish entries, and every link reaches its entry."""

from __future__ import annotations

import posixpath
import re

import pytest

from handbook_sites import BuiltSite, build_site, write_fixture_site

GLOSSARY = """\
- id: meeting
  fi: tapaaminen
  en: meeting
  fi_definition: Työntekijän ja asiakkaan keskustelu.
  en_definition: A conversation between a worker and a client.
"""
PAGES = {
    "docs/fi/index.md": "# Koti {#home}\n\nKatso [tapaamiset](tyoote/tapaamiset.md) ja [sanasto](liitteet/sanasto.md).\n",
    "docs/en/index.md": "# Home {#home}\n\nSee [meetings](tyoote/tapaamiset.md) and the [glossary](liitteet/sanasto.md).\n",
    "docs/fi/tyoote/tapaamiset.md": "# Tapaamiset {#meetings}\n\nEnsimmäisessä tapaamisessa sovitaan. Jokainen tapaaminen kirjataan.\n",
    "docs/en/tyoote/tapaamiset.md": "# Meetings {#meetings}\n\nIn the first meeting the worker and the client agree. Every meeting is recorded.\n",
    "docs/fi/tyoote/suomeksi.md": "# Vain suomeksi {#finnish-only}\n\nTapaamisen jälkeen kirjataan.\n",
    "docs/fi/liitteet/sanasto.md": "# Sanasto {#glossary}\n\nTapaaminen on tässä.\n\n<!-- glossary -->\n",
    "docs/en/liitteet/sanasto.md": "# Glossary {#glossary}\n\nA meeting is here.\n\n<!-- glossary -->\n",
    "data/glossary.yml": GLOSSARY,
}
HOOKS = ["documents.py", "site_settings.py", "glossary.py", "glossary_links.py"]
LINK = re.compile(
    r'<a class="handbook-term__link" href="([^"]+)"([^>]*)>(.*?)</a><span class="handbook-term__tip" id="([^"]+)" role="tooltip" hidden data-pagefind-ignore>(.*?)</span>'
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = tmp_path_factory.mktemp("glossary-links")
    config = write_fixture_site(root, PAGES, hooks=HOOKS, extra={"glossary": "data/glossary.yml", "glossary_links": True})
    built = build_site(config, root / "site")
    assert not built.aborted and built.warnings() == [], built.log
    return built


def links(site: BuiltSite, page: str) -> list[tuple[str, str, str, str, str]]:
    return LINK.findall(site.html(page))


def reaches_entry(site: BuiltSite, page: str, href: str) -> bool:
    """The link, followed from `page` as the browser follows it, reaches a page with the entry's id."""
    path, _, fragment = href.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    file = site.site_dir / target / "index.html"
    return file.is_file() and f'id="{fragment}"' in file.read_text(encoding="utf-8")


def test_each_language_links_its_own_glossary_with_its_own_definition(site: BuiltSite):
    finnish = links(site, "tyoote/tapaamiset/index.html")
    assert finnish == [
        (
            "../../liitteet/sanasto/#term-meeting",
            ' aria-describedby="handbook-term-tip-meeting"',
            "tapaamisessa",
            "handbook-term-tip-meeting",
            "Työntekijän ja asiakkaan keskustelu.",
        )
    ]
    english = links(site, "en/tyoote/tapaamiset/index.html")
    assert english == [
        (
            "../../liitteet/sanasto/#term-meeting",
            ' aria-describedby="handbook-term-tip-meeting"',
            "meeting",
            "handbook-term-tip-meeting",
            "A conversation between a worker and a client.",
        )
    ]
    assert reaches_entry(site, "tyoote/tapaamiset/index.html", finnish[0][0]) and reaches_entry(site, "en/tyoote/tapaamiset/index.html", english[0][0])
    assert '<h1 id="meetings">Meetings<a class="headerlink"' in site.html("en/tyoote/tapaamiset/index.html")


def test_a_finnish_page_standing_in_for_english_links_the_finnish_entry(site: BuiltSite):
    stand_in = links(site, "en/tyoote/suomeksi/index.html")
    assert [(href, attributes, written, definition) for href, attributes, written, _, definition in stand_in] == [
        (
            "../../../liitteet/sanasto/#term-meeting",
            ' hreflang="fi" aria-describedby="handbook-term-tip-meeting"',
            "Tapaamisen",
            "Työntekijän ja asiakkaan keskustelu.",
        )
    ]
    assert reaches_entry(site, "en/tyoote/suomeksi/index.html", stand_in[0][0])
    assert "Työntekijän ja asiakkaan keskustelu." in site.html("liitteet/sanasto/index.html")


def test_the_glossary_pages_and_links_keep_their_text(site: BuiltSite):
    assert links(site, "liitteet/sanasto/index.html") == [] == links(site, "en/liitteet/sanasto/index.html")
    assert links(site, "index.html") == []  # the only use is the text of a link
    assert '<a href="tyoote/tapaamiset/">tapaamiset</a>' in site.html("index.html")
