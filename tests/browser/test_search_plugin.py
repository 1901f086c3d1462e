"""Material's search plugin is gone: the search is Pagefind alone, its form still in every
page's header, and nothing asks for Material's index (search/search_index.json)."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
import yaml

from browser_harness import search_results

REPO_ROOT = Path(__file__).resolve().parents[2]
OUR_HEADER = REPO_ROOT / "overrides" / "partials" / "header.html"
MATERIAL_HEADER = Path(material.__file__).parent / "templates" / "partials" / "header.html"

# Material's lines that our copy replaces (overrides/partials/header.html, "handbook:").
MATERIAL_SEARCH_BLOCK = """    {% if "material/search" in config.plugins %}
      {% set search = config.plugins["material/search"] | attr("config") %}
      {% if search.enabled %}
        <label class="md-header__button md-icon" for="__search">
          {% set icon = config.theme.icon.search or "material/magnify" %}
          {% include ".icons/" ~ icon ~ ".svg" %}
        </label>
        {% include "partials/search.html" %}
      {% endif %}
    {% endif %}
"""


class _Tagged(yaml.SafeLoader):
    pass


_Tagged.add_multi_constructor("!", lambda loader, suffix, node: None)


def test_the_handbook_has_no_material_search_plugin():
    config = yaml.load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Tagged)
    names = [next(iter(plugin)) if isinstance(plugin, dict) else plugin for plugin in config["plugins"]]
    assert "search" not in names and "material/search" not in names
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    assert i18n["reconfigure_search"] is False


def test_our_header_is_materials_with_only_the_search_condition_dropped():
    """Fails when Material's header.html changes (an upgrade): copy it again, then drop the condition."""
    ours = OUR_HEADER.read_text(encoding="utf-8")
    theirs = MATERIAL_HEADER.read_text(encoding="utf-8")
    ours = re.sub(r"\A\{#-.*?-#\}\n", "{#-\n  This file was automatically generated - do not edit\n-#}\n", ours, count=1, flags=re.S)
    start = ours.index("    {#- handbook:")
    end = ours.index('{% include "partials/search.html" %}\n', start) + len('{% include "partials/search.html" %}\n')
    assert ours[:start] + MATERIAL_SEARCH_BLOCK + ours[end:] == theirs


def test_every_page_has_the_search_form_and_no_material_index(handbook_site):
    site = handbook_site.site_dir
    assert not (site / "search" / "search_index.json").exists()
    assert (site / "pagefind" / "pagefind-entry.json").exists()
    pages = sorted(site.rglob("index.html"))
    assert len(pages) > 40
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if "<header" not in html:
            continue
        assert 'for="__search"' in html and "data-handbook-search" in html, f"{page}: no search button or form"
    # Our own scripts never name Material's index (its bundle does, for a search component we do not mount).
    for script in (REPO_ROOT / "overrides" / "assets" / "javascripts" / "handbook").glob("*.js"):
        assert "search_index" not in script.read_text(encoding="utf-8"), script


@pytest.mark.browser
def test_searching_loads_pagefind_and_never_materials_index(chromium, served_handbook):
    before = len(served_handbook.served)
    chromium.get(served_handbook.url + "teoria/desistanssi/")
    assert search_results(chromium, "desistanssi"), "the search found nothing"
    asked = [request.path for request in served_handbook.served[before:]]
    assert any("/pagefind/" in path for path in asked), asked
    assert not [path for path in asked if "search_index" in path or "/search/" in path or "workers/search" in path], asked
