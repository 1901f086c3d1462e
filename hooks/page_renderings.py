"""Page renderings: MkDocs' conversion of a page's Markdown kept between builds, redone only when its inputs change.

Binds MkDocs events to `handbook.document.page_renderings.PageRenderingsHook`.
"""

from handbook.document.page_renderings import PageRenderingsHook

renderings = PageRenderingsHook()

on_startup = renderings.on_startup
on_build_error = renderings.on_build_error
on_pre_build = renderings.on_pre_build
on_pre_page = renderings.on_pre_page
on_post_build = renderings.on_post_build
