"""Edition changes: the changes page of both languages, and the edition's own record.

Binds MkDocs events to `handbook.editions.changes_hook.EditionChangesHook` (README,
"What changed in this edition").
"""

from handbook.editions.changes_hook import EditionChangesHook

changes = EditionChangesHook()

on_startup = changes.on_startup
on_build_error = changes.on_build_error
on_pre_build = changes.on_pre_build
on_nav = changes.on_nav
on_page_markdown = changes.on_page_markdown
on_page_context = changes.on_page_context
on_post_build = changes.on_post_build
