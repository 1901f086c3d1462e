"""The translation status page as readers see it: the totals at the top, the pages that
need attention first (missing, drifted, then outdated by days) with status badges, and
Finnish words on the Finnish page; checked in the browser with axe."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from handbook.document.source import parse_document
from handbook.translation import reader_pages as pages
from handbook.translation.pins import STATUSES, apply_pin
from handbook.translation.track import LanguageTrack, PageStatus, Track
from handbook_sites import REPO_ROOT, BuiltSite, build_site, write_fixture_site

GENERATED = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)


def record(path: str, status: str, days: int | None = None, **fields) -> PageStatus:
    return PageStatus(path, status, f"docs/fi/{path}", f"docs/en/{path}", title=path.removesuffix(".md").title(), days_outdated=days, **fields)


def track(*records: PageStatus) -> Track:
    return Track("fi", GENERATED, {"en": LanguageTrack("en", list(records))})


def items(markdown: str) -> list[str]:
    return [line[2:] for line in markdown.splitlines() if line.startswith("- ")]


# --- The generated Markdown


def test_pages_that_need_attention_come_first_with_their_badges():
    labels = pages.load_labels()["fi"]
    table = pages.status_table(
        track(
            record("a.md", "translated"),
            record("b.md", "outdated", 3, changed_sections=["x"], section_titles={"x": "Osio X"}),
            record("c.md", "missing"),
            record("d.md", "outdated", 40),
            record("e.md", "drifted"),
            record("f.md", "outdated", 1),
        ),
        labels,
        linkable={"a.md", "c.md"},
    )
    lines = table.splitlines()
    assert lines[0] == "Yhteensä (en, 6): käännetty 1 · vanhentunut 3 · rakenne poikkeaa 1 · puuttuu 1. 2026-11-27"
    assert lines[2] == "Huomiota vaativat sivut, kiireellisin ensin (5):"
    badge = '<span class="md-tag handbook-status-badge" data-translation-status="{}"><span aria-hidden="true">{}</span> {}</span>'
    assert items(table) == [
        badge.format("missing", "✗", "puuttuu") + " [C](c.md) · `c.md`",
        badge.format("drifted", "≠", "rakenne poikkeaa") + " E · `e.md`",
        badge.format("outdated", "↻", "vanhentunut") + " D · `d.md`: 40 päivää",
        badge.format("outdated", "↻", "vanhentunut") + " B · `b.md`: 3 päivää; muuttuneet osiot: Osio X",
        badge.format("outdated", "↻", "vanhentunut") + " F · `f.md`: 1 päivä",
    ]
    rows = [line for line in lines if line.startswith("| ") and "`" in line]
    assert [re.search(r"`([^`]+)`", row).group(1) for row in rows] == ["c.md", "e.md", "d.md", "b.md", "f.md", "a.md"], "the table in the same order"
    assert rows[0].split(" | ")[1] == "puuttuu"


def test_a_translation_in_step_says_so_in_the_pages_language():
    for language, words in (("fi", "Kaikki sivut on käännetty, ja käännökset ovat ajan tasalla."), ("en", "Every page is translated and up to date.")):
        table = pages.status_table(track(record("a.md", "translated")), pages.load_labels()[language], linkable=set())
        assert table.splitlines()[2] == words and not items(table)


def test_every_status_has_a_badge_and_both_languages_every_word():
    labels = pages.load_labels()
    assert set(pages.STATUS_MARKS) == set(STATUSES) == set(pages.ATTENTION_ORDER)
    assert set(labels["fi"]) == set(labels["en"])
    assert set(labels["fi"]["statuses"]) == set(labels["en"]["statuses"]) == set(STATUSES)


# --- In the browser

PALETTE = [
    {"scheme": "default", "toggle": {"icon": "material/brightness-7", "name": "Tumma teema"}},
    {"scheme": "slate", "toggle": {"icon": "material/brightness-4", "name": "Vaalea teema"}},
]
FI_TEXT = "# {title}\n\n## Osio {{#osio}}\n\nTeksti.\n"
EN_TEXT = "# {title}\n\n## Section {{#osio}}\n\nText.\n"


def pinned(translation: str, source: str) -> str:
    return apply_pin(translation, parse_document(source, "source.md"))


def build_status_site(root: Path) -> BuiltSite:
    """A translation with one page of each kind a translator meets, outdated ones by mtime."""
    files = {
        "docs/fi/index.md": FI_TEXT.format(title="Etusivu"),
        "docs/en/index.md": pinned(EN_TEXT.format(title="Home"), FI_TEXT.format(title="Etusivu")),
        "docs/fi/uusi.md": FI_TEXT.format(title="Uusi sivu"),
        "docs/fi/rakenne.md": FI_TEXT.format(title="Rakenne") + "\n## Toinen {#toinen}\n\nLisää.\n",
        "docs/en/rakenne.md": pinned(EN_TEXT.format(title="Structure"), FI_TEXT.format(title="Rakenne") + "\n## Toinen {#toinen}\n\nLisää.\n"),
        "docs/fi/vanha.md": FI_TEXT.format(title="Vanha") + "\nMuutettu.\n",
        "docs/en/vanha.md": pinned(EN_TEXT.format(title="Old"), FI_TEXT.format(title="Vanha")),
        "docs/fi/tuore.md": FI_TEXT.format(title="Tuore") + "\nMuutettu.\n",
        "docs/en/tuore.md": pinned(EN_TEXT.format(title="Recent"), FI_TEXT.format(title="Tuore")),
        "docs/fi/kaannostilanne.md": "# Käännöstilanne {#status}\n\n<!-- translation-status -->\n",
        "docs/en/kaannostilanne.md": pinned(
            "# Translation status {#status}\n\n<!-- translation-status -->\n", "# Käännöstilanne {#status}\n\n<!-- translation-status -->\n"
        ),
    }
    theme = {"name": "material", "language": "fi", "font": False, "custom_dir": str(REPO_ROOT / "overrides"), "palette": PALETTE}
    nav = [
        {"Etusivu": "index.md"},
        {"Uusi": "uusi.md"},
        {"Rakenne": "rakenne.md"},
        {"Vanha": "vanha.md"},
        {"Tuore": "tuore.md"},
        {"Käännöstilanne": "kaannostilanne.md"},
    ]
    extra_css = ["assets/stylesheets/handbook/accessibility.css"]
    config_file = write_fixture_site(root, files, hooks=["translation_track.py"], theme=theme, nav=nav, extra_css=extra_css)
    now = datetime.now(UTC)
    for name, days in (("vanha.md", 40), ("tuore.md", 3)):
        stamp = (now - timedelta(days=days, hours=1)).timestamp()
        os.utime(root / "docs/fi" / name, (stamp, stamp))
    site = build_site(config_file, root / "site", strict=False)
    assert not site.aborted, site.log
    return site


@pytest.mark.browser
def test_status_page_shows_totals_then_what_needs_attention_with_badges(chromium, tmp_path: Path, monkeypatch):
    from browser_harness import StaticSite, axe_violations, use_palette

    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # dated by the files' times
    site = build_status_site(tmp_path)
    server = StaticSite(site.site_dir)
    try:
        for path, first, statuses in (
            ("kaannostilanne/", "Yhteensä (en, 6):", ["puuttuu", "rakenne poikkeaa", "vanhentunut", "vanhentunut"]),
            ("en/kaannostilanne/", "Total (en, 6):", ["missing", "drifted", "outdated", "outdated"]),
        ):
            chromium.get(server.url + path)
            paragraphs = chromium.execute_script("return [...document.querySelectorAll('article p:not(.handbook-print-only)')].map(p => p.innerText)")
            assert paragraphs[0].startswith(first), path  # the totals come before anything else
            shown = chromium.execute_script(
                """return [...document.querySelectorAll('article li .handbook-status-badge')].map(b => {
                     const s = getComputedStyle(b), r = b.getBoundingClientRect();
                     return [b.lastChild.textContent.trim(), b.closest('li').innerText,
                             s.backgroundColor !== 'rgba(0, 0, 0, 0)' && r.width > 0 && r.height > 0];})"""
            )
            assert [name for name, _, _ in shown] == statuses, path
            assert all(visible for _, _, visible in shown), "every badge is drawn as a badge"
            assert "uusi.md" in shown[0][1] and "vanha.md" in shown[2][1] and "tuore.md" in shown[3][1], "outdated the longest first"
            assert re.search(r"40 (päivää|days)", shown[2][1]) and re.search(r"3 (päivää|days)", shown[3][1])
            headers = chromium.execute_script("return [...document.querySelectorAll('article th')].map(th => th.innerText)")
            assert headers[:2] == (["Sivu", "Tila"] if path.startswith("kaannostilanne") else ["Page", "Status"])
            for scheme in ("default", "slate"):
                use_palette(chromium, scheme)
                assert axe_violations(chromium, ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")) == [], (path, scheme)
    finally:
        server.close()
