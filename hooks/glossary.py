"""Glossary: both languages' glossary pages rendered from data/glossary.yml.

Binds MkDocs events to `handbook.glossary.hook.GlossaryHook`; the reference check asks
it for the term anchors it generates.
"""

from handbook.glossary.hook import GlossaryHook

glossary = GlossaryHook()

on_startup = glossary.on_startup
on_build_error = glossary.on_build_error
on_pre_build = glossary.on_pre_build
on_serve = glossary.on_serve
on_page_markdown = glossary.on_page_markdown
on_post_build = glossary.on_post_build
generated_anchor_ids = glossary.generated_anchor_ids
