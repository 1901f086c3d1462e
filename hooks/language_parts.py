"""Language parts: `lang` on every link that names a page in another language (WCAG 3.1.2).

Binds MkDocs events to `handbook.reader.language_parts.LanguagePartsHook`.
"""

from handbook.reader.language_parts import LanguagePartsHook

parts = LanguagePartsHook()

on_post_page = parts.on_post_page
