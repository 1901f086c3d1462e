"""Make the language switchers and the version selector work inside mike's editions.

mike builds each edition into /<edition>/ (and links an alias such as /latest/ to it);
mkdocs-static-i18n builds Finnish at the edition root and English under en/, running
the English build nested inside the Finnish one. Left alone, the stack breaks in four
places, each fixed here:

* the start pages' language switcher holds absolute links built from site_url
  (/2026/en/), which leave the /latest/ alias: they become relative;
* Material fetches sitemap.xml next to every head alternate link, and only the edition
  root has one: head alternates point at the language roots, and every language root
  gets a sitemap of its own pages;
* the English build, run last, overwrites the Finnish 404.html with a stale switcher:
  the Finnish 404 page, with links to both start pages, is kept;
* a plain `mkdocs build` has no versions.json one level up, so the version selector
  is switched on only when mike builds (it sets MIKE_DOCS_VERSION).
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import mkdocs.plugins
from mkdocs.utils import get_relative_url

import handbook_editions
from handbook_build import BuildCycle, handbook_logger

log = handbook_logger("editions")
cycle = BuildCycle()


class _Build:
    """What one `mkdocs build` (both languages) learns as it goes; reset per build."""

    def __init__(self) -> None:
        self.roots: dict[str, str] = {}
        self.not_found_page: str | None = None


this_build = _Build()


# --- Hooks


def on_startup(command, dirty) -> None:
    _reset()


def on_build_error(error) -> None:
    _reset()


# After mkdocs-static-i18n's on_config (-100), which sets this language's switcher.
@mkdocs.plugins.event_priority(-150)
def on_config(config):
    if not os.environ.get("MIKE_DOCS_VERSION"):
        config.extra.pop("version", None)
    this_build.roots = handbook_editions.language_roots(config.extra.get("alternate") or [], handbook_editions.site_path(config.site_url))
    return config


def on_pre_build(config) -> None:
    if cycle.enter():
        this_build.not_found_page = None


# After mkdocs-static-i18n's on_page_context (50), which sets the page's switcher links.
@mkdocs.plugins.event_priority(0)
def on_page_context(context, page, config, nav):
    handbook_editions.links_from_edition_root(_switcher_links(config), handbook_editions.site_path(config.site_url))
    return context


def on_post_page(output: str, page, config) -> str:
    base = get_relative_url(".", page.url)
    return handbook_editions.point_language_links(output, handbook_editions.root_hrefs(this_build.roots, base))


def on_post_template(output_content: str, template_name: str, config) -> str:
    if template_name != "404.html":
        return output_content
    if cycle.outermost:
        # The 404 page is served at any depth: its links stay absolute, to the start pages.
        hrefs = handbook_editions.root_hrefs(this_build.roots, handbook_editions.site_path(config.site_url).rstrip("/"))
        this_build.not_found_page = handbook_editions.point_language_links(output_content, hrefs, hrefs)
    return this_build.not_found_page or output_content


# After mkdocs-static-i18n's on_post_build (-100), which runs the other languages' builds.
@mkdocs.plugins.event_priority(-200)
def on_post_build(config) -> None:
    outermost = cycle.outermost
    cycle.leave()
    if outermost:
        write_language_sitemaps(Path(config.site_dir), config.site_url, this_build.roots)


# --- Helpers


def _reset() -> None:
    cycle.reset()
    this_build.roots = {}
    this_build.not_found_page = None


def _switcher_links(config) -> list:
    # mkdocs-static-i18n sets each page's links as an attribute of config.extra, which
    # the templates read before the key of the same name.
    return getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []


def write_language_sitemaps(site_dir: Path, site_url: str | None, roots: dict[str, str]) -> None:
    """Repair the edition's sitemap.xml and give every language folder (en/) its own."""
    sitemap = site_dir / "sitemap.xml"
    folders = sorted(root for root in roots.values() if root)
    if not sitemap.is_file():
        return
    if not site_url:
        log.warning("mkdocs.yml: site_url is not set, so the sitemaps hold no usable addresses; set site_url")
        return
    built = sitemap.read_text(encoding="utf-8")
    text = handbook_editions.repair_site_url_joins(built, site_url)
    if text != built:
        sitemap.write_text(text, encoding="utf-8")
        with gzip.GzipFile(site_dir / "sitemap.xml.gz", "wb", mtime=0) as packed:
            packed.write(text.encode("utf-8"))
    for folder in folders:
        root_url = site_url.rstrip("/") + "/" + folder
        target = site_dir / folder / "sitemap.xml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(handbook_editions.language_sitemap(text, root_url), encoding="utf-8")
