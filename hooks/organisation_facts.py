"""Organisation facts: what only the organisation can supply (extra.organisation), shown only when set.

Binds MkDocs events to `handbook.reader.organisation.OrganisationFactsHook`.
"""

from handbook.reader.organisation import OrganisationFactsHook

facts = OrganisationFactsHook()

on_page_markdown = facts.on_page_markdown
