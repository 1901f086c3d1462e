"""Theme templates compiled once per process: MkDocs would compile them again for every
language and, under `make serve`, for every rebuild.

Binds MkDocs events to `handbook.core.templates.CompiledTemplatesHook` (README, "Benchmarks").
"""

from handbook.core.templates import CompiledTemplatesHook

templates = CompiledTemplatesHook()

on_env = templates.on_env
