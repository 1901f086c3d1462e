"""What a build holds for every page until it ends, held once and small: a page's body is
made from its text when asked for (not a second copy beside it), and the reference check's
records of every page (links, ids, built pages, the lines' origins) carry no dict each."""

from __future__ import annotations

import pickle
from pathlib import Path

from handbook.document.source import parse_document
from handbook.references.built import BuiltPage, built_file
from handbook.references.collect import RenderedId, RenderedLink, Rendering
from handbook.references.inputs import PageSource
from handbook.references.pages import Origin

TEXT = "---\ntitle: Sivu\n---\n# Sivu {#sivu}\n\nTeksti.\n"


def test_a_page_body_is_made_from_its_text_not_held_beside_it():
    document = parse_document(TEXT, "docs/fi/x.md")
    assert "body" not in vars(document) and document.body == "# Sivu {#sivu}\n\nTeksti.\n"
    assert document.body_line == 4 and document.meta == {"title": "Sivu"}
    plain = parse_document("# Sivu\n", "docs/fi/y.md")
    assert plain.body is plain.text  # no front matter: the text itself, no copy
    changed = document.with_body("# Toinen\n")
    assert changed.text == "---\ntitle: Sivu\n---\n# Toinen\n" and changed.body == "# Toinen\n"
    assert changed.body_line == document.body_line and document.body.startswith("# Sivu")


def test_the_reference_checks_records_of_every_page_are_slotted_and_still_pickle():
    link = RenderedLink("a", "href", "muu/", "muu.md", True)
    rendering = Rendering(links=[link], ids=[RenderedId("sivu", True)], headings={"sivu": "Sivu"})
    file = built_file("fi", "muu/", "fi/muu.md", True, ("fi", "en"))
    records = [link, rendering.ids[0], rendering, file, BuiltPage(file, Path("/x/docs/fi/muu.md"), rendering), Origin("docs/fi/muu.md", 3), PageSource("fi/muu.md", Path("docs/fi/muu.md"), "docs/fi/muu.md", "teksti")]
    for record in records:
        assert not hasattr(record, "__dict__"), type(record).__name__
        # Kept renderings (document/page_renderings.py) pickle what the check saw.
        assert pickle.loads(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)) == record
