"""Translation track: missing, outdated, orphaned and drifted English pages, for readers and translators.

Binds MkDocs events to `handbook.translation.hook.TranslationTrackHook` (README, "Translating a page").
"""

from handbook.translation.hook import TranslationTrackHook

track = TranslationTrackHook()

on_startup = track.on_startup
on_build_error = track.on_build_error
on_pre_build = track.on_pre_build
on_files = track.on_files
on_nav = track.on_nav
on_page_markdown = track.on_page_markdown
on_page_content = track.on_page_content
on_post_page = track.on_post_page
on_post_build = track.on_post_build
