"""Site settings: our keys of `extra` in mkdocs.yml (glossary, footer_links, edition), each mistake one located line.

Binds MkDocs events to `handbook.core.site_settings.SiteSettingsHook`.
"""

from handbook.core.site_settings import SiteSettingsHook

site = SiteSettingsHook()

on_startup = site.on_startup
on_build_error = site.on_build_error
on_config = site.on_config
on_pre_build = site.on_pre_build
on_post_build = site.on_post_build
