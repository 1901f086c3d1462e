"""Cross-reference checker: every internal reference resolves, in both languages, with file:line.

Placeholder listed in mkdocs.yml; the issue that owns this concern fills it in.
"""
