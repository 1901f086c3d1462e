"""Documents: every page of a build read once; MkDocs, the translation track and the reference check share the text.

Binds MkDocs events to `handbook.document.hook.DocumentsHook`; listed first in mkdocs.yml.
"""

from handbook.document.hook import DocumentsHook

documents = DocumentsHook()

on_startup = documents.on_startup
on_build_error = documents.on_build_error
on_pre_build = documents.on_pre_build
on_page_read_source = documents.on_page_read_source
on_post_build = documents.on_post_build
