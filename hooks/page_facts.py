"""Page facts: when each page's text last changed and when a translation was last checked.

Binds MkDocs events to `handbook.reader.page_facts.PageFactsHook` (README, "Reader experience").
"""

from handbook.reader.page_facts import PageFactsHook

facts = PageFactsHook()

on_startup = facts.on_startup
on_build_error = facts.on_build_error
on_pre_build = facts.on_pre_build
on_page_context = facts.on_page_context
on_post_build = facts.on_post_build
