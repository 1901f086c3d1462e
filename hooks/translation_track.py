"""Translation track: missing, outdated, orphaned and drifted English pages, for readers and translators.

Placeholder listed in mkdocs.yml; the issue that owns this concern fills it in.
"""
