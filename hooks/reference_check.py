"""Reference check: every internal link, anchor, image and snippet of both languages, with file:line.

Binds MkDocs events to `handbook.references.hook.ReferenceCheckHook` (README, "Checking references").
"""

from handbook.references.hook import ReferenceCheckHook

check = ReferenceCheckHook()

on_startup = check.on_startup
on_build_error = check.on_build_error
on_config = check.on_config
on_pre_build = check.on_pre_build
on_files = check.on_files
on_page_content = check.on_page_content
on_post_build = check.on_post_build
