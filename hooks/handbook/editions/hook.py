"""Editions during a build: the language switchers and the version selector inside mike's editions.

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

from handbook.core import BuildHook, handbook_logger
from handbook.editions import links

log = handbook_logger("editions")


class EditionsHook(BuildHook):
    def __init__(self) -> None:
        # Set by on_config, which runs before on_pre_build opens the build: not per-build state.
        self.roots: dict[str, str] = {}
        super().__init__()

    def reset(self) -> None:
        self.not_found_page: str | None = None

    def on_startup(self, command: str, dirty: bool) -> None:
        super().on_startup(command, dirty)
        self.roots = {}

    def on_build_error(self, error: Exception) -> None:
        super().on_build_error(error)
        self.roots = {}

    # After mkdocs-static-i18n's on_config (-100), which sets this language's switcher.
    @mkdocs.plugins.event_priority(-150)
    def on_config(self, config):
        if not os.environ.get("MIKE_DOCS_VERSION"):
            config.extra.pop("version", None)
        # Per language build: each language's config knows the alternates of its own build.
        self.roots = links.language_roots(config.extra.get("alternate") or [], links.site_path(config.site_url))
        return config

    # After mkdocs-static-i18n's on_page_context (50), which sets the page's switcher links.
    @mkdocs.plugins.event_priority(0)
    def on_page_context(self, context, page, config, nav):
        links.links_from_edition_root(_switcher_links(config), links.site_path(config.site_url))
        return context

    def on_post_page(self, output: str, page, config) -> str:
        base = get_relative_url(".", page.url)
        return links.point_language_links(output, links.root_hrefs(self.roots, base))

    def on_post_template(self, output_content: str, template_name: str, config) -> str:
        if template_name != "404.html":
            return output_content
        if self.outermost:
            # The 404 page is served at any depth: its links stay absolute, to the start pages.
            hrefs = links.root_hrefs(self.roots, links.site_path(config.site_url).rstrip("/"))
            self.not_found_page = links.point_language_links(output_content, hrefs, hrefs)
        return self.not_found_page or output_content

    def finish(self, config) -> None:
        write_language_sitemaps(Path(config.site_dir), config.site_url, self.roots)


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
    text = links.repair_site_url_joins(built, site_url)
    if text != built:
        sitemap.write_text(text, encoding="utf-8")
        with gzip.GzipFile(site_dir / "sitemap.xml.gz", "wb", mtime=0) as packed:
            packed.write(text.encode("utf-8"))
    for folder in folders:
        root_url = site_url.rstrip("/") + "/" + folder
        target = site_dir / folder / "sitemap.xml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(links.language_sitemap(text, root_url), encoding="utf-8")
