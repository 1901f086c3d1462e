"""Search index: Pagefind over the built site once both languages are built.

Binds MkDocs events to `handbook.reader.search.SearchIndexHook` (README, "Search").
"""

from handbook.reader.search import SearchIndexHook

search = SearchIndexHook()

on_startup = search.on_startup
on_build_error = search.on_build_error
on_pre_build = search.on_pre_build
on_page_content = search.on_page_content
on_post_build = search.on_post_build
on_post_page = search.on_post_page
on_serve = search.on_serve
on_shutdown = search.on_shutdown
