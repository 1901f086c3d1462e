"""Live preview: `make serve` looks for saved files every 0.1 s instead of MkDocs' 0.5 s.

Binds MkDocs events to `handbook.core.live_preview.LivePreviewHook`.
"""

from handbook.core.live_preview import LivePreviewHook

preview = LivePreviewHook()

on_startup = preview.on_startup
on_build_error = preview.on_build_error
on_pre_build = preview.on_pre_build
on_serve = preview.on_serve
on_post_build = preview.on_post_build
