"""Live preview: a page whose theme template would be given what it was given in the last
rebuild gets the HTML it got then, without rendering it again.

Binds MkDocs events to `handbook.core.preview_pages.PreviewPagesHook` (README, "Live preview").
"""

from handbook.core.preview_pages import PreviewPagesHook

preview_pages = PreviewPagesHook()

on_startup = preview_pages.on_startup
on_shutdown = preview_pages.on_shutdown
on_build_error = preview_pages.on_build_error
on_pre_build = preview_pages.on_pre_build
on_env = preview_pages.on_env
on_post_build = preview_pages.on_post_build
