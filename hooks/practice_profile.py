"""Practice profiles: validate practice data and render practice cards, index and machine-readable output.

Placeholder listed in mkdocs.yml; the issue that owns this concern fills it in.
"""
