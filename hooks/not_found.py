"""The page not found: in Finnish and English, with links to both start pages and searches.

Binds MkDocs events to `handbook.reader.not_found.NotFoundHook` (README, "Reader experience").
"""

from handbook.reader.not_found import NotFoundHook

not_found = NotFoundHook()

on_config = not_found.on_config
on_template_context = not_found.on_template_context
