"""Accessibility in a real browser: axe-core on every page of both languages in both
palettes, language of pages and parts, skip link, visible focus, keyboard use, reflow."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser_harness import axe_violations, emulate_viewport, search_results, sitemap_pages, use_palette, waiting

pytestmark = pytest.mark.browser

WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")


@pytest.fixture(scope="module")
def pages(handbook_site) -> list[str]:
    found = list(sitemap_pages(handbook_site.site_dir))
    assert any(p.startswith("en/") for p in found) and any(not p.startswith("en/") for p in found)
    return found


def page_language(path: str) -> str:
    return "en" if path == "en/" or path.startswith("en/") else "fi"


SCHEMES = {"default": "light", "slate": "dark"}


@dataclass
class Visit:
    """One page as the browser showed it: axe's violations in each palette, and the
    language facts (the page's own, and each language link's)."""

    violations: dict[str, list[dict]] = field(default_factory=dict)
    html_lang: str = ""
    link_languages: list[list[str]] = field(default_factory=list)


def switch_palette(driver, scheme: str) -> None:
    """Pick `scheme` with the header's toggle, as a reader does, without reloading, and
    wait until Material's colour transitions have ended (axe reads the colours shown)."""
    driver.execute_script(
        "const input = [...document.querySelectorAll('input.md-option')].find(o => o.dataset.mdColorScheme === arguments[0]);"
        "if (!input.checked) input.click();",
        scheme,
    )
    waiting(driver, 5).until(
        lambda d: d.execute_script(
            "return document.body.dataset.mdColorScheme === arguments[0] && document.getAnimations().length === 0", scheme
        ),
        f"the palette never settled on {scheme}",
    )


@pytest.fixture(scope="module")
def visits(chromium, served_handbook, pages) -> dict[str, Visit]:
    """Every page loaded once, then checked in the palette it opened in and in the other
    one (the reader's toggle): one visit for the WCAG and language tests below, instead
    of three page loads and two axe injections per page (a minute of the test run)."""
    found = {}
    for path in pages:
        chromium.get(served_handbook.url + path)
        visit = found[path] = Visit()
        visit.html_lang = chromium.execute_script("return document.documentElement.lang")
        visit.link_languages = chromium.execute_script(
            "return [...document.querySelectorAll('a[hreflang]')].map(a => [a.hreflang, a.closest('[lang]').lang])"
        )
        opened = chromium.execute_script("return document.body.dataset.mdColorScheme")
        for scheme in sorted(SCHEMES, key=lambda s: s != opened):
            switch_palette(chromium, scheme)
            visit.violations[scheme] = axe_violations(chromium, WCAG_TAGS)
    use_palette(chromium, "default")
    return found


@pytest.mark.parametrize("scheme", list(SCHEMES), ids=list(SCHEMES.values()))
def test_every_page_has_no_wcag_violations(visits, scheme):
    failures = []
    for path, visit in visits.items():
        for violation in visit.violations[scheme]:
            failures.append(f"/{path} [{scheme}] {violation['id']} ({violation['impact']}): {violation['help']} at {violation['targets']}")
    assert not failures, f"{len(failures)} violations:\n" + "\n".join(failures)


def test_every_page_and_every_other_language_passage_declares_its_language(visits):
    wrong = []
    for path, visit in visits.items():
        expected = page_language(path)
        if visit.html_lang != expected:
            wrong.append(f"/{path}: <html lang> is not {expected}")
        # Links to the other language (the switcher) speak that language.
        for hreflang, lang in visit.link_languages:
            if hreflang != lang:
                wrong.append(f"/{path}: a link to the {hreflang} page is marked lang={lang}")
    assert not wrong, "\n".join(wrong)


def test_skip_link_is_the_first_stop_and_moves_to_the_text(chromium, served_handbook):
    chromium.get(served_handbook.url + "teoria/desistanssi/")
    body = chromium.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    focused = chromium.switch_to.active_element
    assert "md-skip" in focused.get_attribute("class")
    # Material slides the skip link in over 250 ms once it has the focus.
    waiting(chromium, 2).until(lambda d: focused.is_displayed(), "the focused skip link never became visible")
    target = focused.get_attribute("href").split("#", 1)[1]
    focused.send_keys(Keys.ENTER)
    waiting(chromium, 5).until(lambda d: d.execute_script("return location.hash") == "#" + target)


@pytest.mark.parametrize("scheme", ["default", "slate"], ids=["light", "dark"])
def test_keyboard_focus_is_always_visible(chromium, served_handbook, scheme):
    chromium.get(served_handbook.url + "teoria/desistanssi/")
    use_palette(chromium, scheme)
    body = chromium.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    invisible = []
    for _ in range(40):
        element = chromium.switch_to.active_element
        # A visually hidden radio (the palette toggle) shows its focus on the shown label.
        ring = chromium.execute_script(
            """let e = arguments[0];
               if (e.matches('input.md-option')) e = e.form.querySelector('label:not([hidden])');
               const s = getComputedStyle(e);
               const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
               const r = e.getBoundingClientRect();
               return [ring || s.boxShadow !== 'none', r.width > 0 && r.height > 0];""",
            element,
        )
        if not all(ring):
            invisible.append(element.get_attribute("outerHTML")[:120])
        element.send_keys(Keys.TAB)
    assert not invisible, "focus without a visible ring:\n" + "\n".join(invisible)


def test_navigation_works_from_the_keyboard(chromium, served_handbook):
    chromium.get(served_handbook.url)
    body = chromium.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    for _ in range(80):
        element = chromium.switch_to.active_element
        if "md-nav__link" in (element.get_attribute("class") or "") and element.get_attribute("href", ).rstrip("/").endswith("teoria/desistanssi"):
            break
        element.send_keys(Keys.TAB)
    else:
        pytest.fail("Tab never reached the navigation link to teoria/desistanssi/")
    element.send_keys(Keys.ENTER)
    waiting(chromium, 5).until(lambda d: d.current_url.endswith("/teoria/desistanssi/"))


@pytest.mark.parametrize("scheme", ["default", "slate"], ids=["light", "dark"])
def test_search_works_from_the_keyboard(chromium, served_handbook, scheme):
    chromium.get(served_handbook.url + "teoria/")
    use_palette(chromium, scheme)
    chromium.find_element(By.TAG_NAME, "body").send_keys("/")
    field = chromium.switch_to.active_element
    assert field.get_attribute("type") == "search", "'/' must move the focus to the search field"
    found = search_results(chromium, "desistanssi")
    assert found, "the search found nothing for desistanssi"
    assert axe_violations(chromium, WCAG_TAGS) == [], "the open search panel with its results"
    field.send_keys(Keys.TAB)  # the reset button
    chromium.switch_to.active_element.send_keys(Keys.TAB)
    for _ in range(3):
        element = chromium.switch_to.active_element
        if element.tag_name == "a" and "md-search-result__link" in element.get_attribute("class"):
            break
        element.send_keys(Keys.TAB)
    else:
        pytest.fail("Tab never reached the first search result")
    href = element.get_attribute("href")
    element.send_keys(Keys.ENTER)
    waiting(chromium, 5).until(lambda d: d.current_url == href)
    chromium.find_element(By.TAG_NAME, "body").send_keys("/")
    chromium.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert not chromium.execute_script("return document.getElementById('__search').checked")


def test_language_and_palette_switchers_work_from_the_keyboard(chromium, served_handbook):
    chromium.get(served_handbook.url + "teoria/desistanssi/")
    use_palette(chromium, "default")
    body = chromium.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    palette_changed = language_changed = False
    for _ in range(30):
        element = chromium.switch_to.active_element
        if not palette_changed and "md-option" in (element.get_attribute("class") or ""):
            # The palette is a radio group: the arrow key picks the other scheme.
            element.send_keys(Keys.ARROW_DOWN)
            waiting(chromium, 5).until(lambda d: d.execute_script("return document.body.dataset.mdColorScheme") == "slate")
            palette_changed = True
        if element.tag_name == "a" and element.get_attribute("hreflang") == "en":
            element.send_keys(Keys.ENTER)
            waiting(chromium, 5).until(lambda d: "/en/" in d.current_url)
            language_changed = True
            break
        chromium.switch_to.active_element.send_keys(Keys.TAB)
    assert palette_changed, "Tab never reached the palette toggle"
    assert language_changed, "Tab never reached the English link of the language switcher"
    use_palette(chromium, "default")


def test_text_reflows_at_320_css_pixels(chromium, served_handbook, pages):
    emulate_viewport(chromium, 320)
    try:
        overflowing = []
        for path in pages:
            chromium.get(served_handbook.url + path)
            width = chromium.execute_script(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if width[0] > width[1]:
                overflowing.append(f"/{path}: {width[0]} px of content in a {width[1]} px viewport")
        assert not overflowing, "\n".join(overflowing)
    finally:
        emulate_viewport(chromium, None)
