"""Render the glossary pages of both languages from the one glossary data file.

Placeholder listed in mkdocs.yml; the issue that owns this concern fills it in.
"""
