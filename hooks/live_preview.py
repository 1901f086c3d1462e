"""Live preview: `make serve` looks for saved files every 0.1 s instead of MkDocs' 0.5 s.

Binds MkDocs' on_serve event to `handbook.core.live_preview.watch_closely`.
"""

from handbook.core.live_preview import watch_closely


def on_serve(server, config, builder):
    return watch_closely(server, config)
