"""Theme templates compiled once: MkDocs would compile them again for every language, for
every `mkdocs build` process and, under `make serve`, for every rebuild.

Binds MkDocs events to `handbook.core.templates.CompiledTemplatesHook` (README, "Results kept between builds").
"""

from handbook.core.templates import CompiledTemplatesHook

templates = CompiledTemplatesHook()

on_startup = templates.on_startup
on_build_error = templates.on_build_error
on_pre_build = templates.on_pre_build
on_env = templates.on_env
on_post_build = templates.on_post_build
