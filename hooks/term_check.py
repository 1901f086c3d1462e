"""Term check: the glossary's forbidden wordings and term consistency between the languages, in any inflection.

Binds MkDocs events to `handbook.terms.hook.TermCheckHook` (README, "Terms").
"""

from handbook.terms.hook import TermCheckHook

terms = TermCheckHook()

on_startup = terms.on_startup
on_build_error = terms.on_build_error
on_pre_build = terms.on_pre_build
on_post_build = terms.on_post_build
