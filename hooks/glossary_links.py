"""Glossary links: the first use of each glossary term on a page links to its entry, its definition in a tooltip.

Binds MkDocs events to `handbook.glossary.links_hook.GlossaryLinksHook`; listed after the
search hook in mkdocs.yml (the hidden search words stay unlinked).
"""

from handbook.glossary.links_hook import GlossaryLinksHook

links = GlossaryLinksHook()

on_startup = links.on_startup
on_build_error = links.on_build_error
on_pre_build = links.on_pre_build
on_page_content = links.on_page_content
on_post_build = links.on_post_build
