"""A tiny bilingual site with the handbook's real theme overrides, stylesheets and
reader-facing hooks, for browser tests that need content the handbook may not have
(collapsed details, tabs, external links, words in chosen inflections)."""

from __future__ import annotations

from pathlib import Path

from handbook_sites import REPO_ROOT, BuiltSite, build_site, write_fixture_site

READER_HOOKS = ["search_index.py", "print_handbook.py", "language_parts.py"]
EDITION = "2026.1"

FI_PAGE = """---
description: Testisivu.
---

# Väkivallan katkaiseminen

Tällä sivulla puhutaan väkivallan katkaisemisesta ja väkivallasta irtautumisesta.

??? note "Lisätietoa"
    Piilotettu kappale, joka tulostuu auki.

=== "Ensimmäinen"
    Ensimmäisen välilehden teksti.

=== "Toinen"
    Toisen välilehden teksti.

Lue lisää [HelsinkiMission sivuilta](https://www.helsinkimissio.fi/aggredi).
Katso myös [toinen sivu](toinen.md#kappale).
"""

FI_SECOND = """# Toinen sivu

## Kappale {#kappale}

Desistanssin tutkimus kertoo rikoksista irtautumisesta.
"""

# No English twin: built at /en/kolmas/ from this Finnish file.
FI_ONLY = """# Kolmas sivu

Vain suomeksi kirjoitettu sivu vankilasta.
"""

EN_PAGE = """# Stopping violence

This page is about stopping violence and leaving it behind.
"""

EN_SECOND = """# Second page

## Section {#kappale}

Research on stopping crime.
"""

PRINT_FI = """---
print_handbook: true
search:
  exclude: true
---

# Tulosta koko käsikirja

Kaikki luvut.
"""

PRINT_EN = PRINT_FI.replace("Tulosta koko käsikirja", "Print the whole handbook").replace("Kaikki luvut.", "All chapters.")


def build_reader_site(root: Path, more_pages: dict[str, tuple[str, str]] | None = None, *, more_hooks: tuple[str, ...] = (),
                      print_fi: str = PRINT_FI, strict: bool = True) -> BuiltSite:
    """The site; `more_pages` adds pages by name: {"name.md": (Finnish text, English text)};
    `more_hooks` adds hook files of hooks/ (before the reader's)."""
    files = {
        "docs/fi/index.md": FI_PAGE,
        "docs/fi/toinen.md": FI_SECOND,
        "docs/fi/kolmas.md": FI_ONLY,
        "docs/fi/tulosta.md": print_fi,
        "docs/en/index.md": EN_PAGE,
        "docs/en/toinen.md": EN_SECOND,
        "docs/en/tulosta.md": PRINT_EN,
    }
    nav = [{"Etusivu": "index.md"}, {"Toinen": "toinen.md"}, {"Kolmas": "kolmas.md"}]
    for name, (finnish, english) in (more_pages or {}).items():
        files[f"docs/fi/{name}"], files[f"docs/en/{name}"] = finnish, english
        nav.append({name: name})
    config_file = write_fixture_site(
        root,
        files,
        hooks=[*more_hooks, *READER_HOOKS],
        theme={"name": "material", "language": "fi", "font": False, "custom_dir": str(REPO_ROOT / "overrides"),
               "palette": [{"scheme": "default"}]},
        extra={"edition": EDITION},
        extra_css=["assets/stylesheets/handbook/accessibility.css", "assets/stylesheets/handbook/print.css"],
        extra_javascript=["assets/javascripts/handbook/print.js"],
        nav=nav + [{"Tulosta": "tulosta.md"}],
        markdown_extensions=["attr_list", "md_in_html", "admonition", "pymdownx.details", "pymdownx.superfences",
                             {"pymdownx.tabbed": {"alternate_style": True}}, {"toc": {"permalink": True}}],
    )
    site = build_site(config_file, root / "site", strict=strict)
    assert not site.aborted, "\n".join(site.log)
    return site
