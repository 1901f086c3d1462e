"""Editions: language switchers, version selector, 404 page and sitemaps inside mike's editions.

Binds MkDocs events to `handbook.editions.hook.EditionsHook` (README, "Publishing an edition").
"""

from handbook.editions.hook import EditionsHook

editions = EditionsHook()

on_startup = editions.on_startup
on_build_error = editions.on_build_error
on_config = editions.on_config
on_pre_build = editions.on_pre_build
on_page_context = editions.on_page_context
on_post_page = editions.on_post_page
on_post_template = editions.on_post_template
on_post_build = editions.on_post_build
