"""A glossary term's definition in the browser (WCAG 2.2 1.4.13): shown on keyboard focus and
on hover, dismissed with Escape without moving focus, and the page free of axe violations."""

from __future__ import annotations

import pytest
import yaml
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser_harness import axe_violations
from handbook_sites import REPO_ROOT

pytestmark = pytest.mark.browser

WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
# The focusable element before `arguments[0]` in the tab order of the page.
_FOCUS_BEFORE = """
const link = arguments[0];
const focusable = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
  .filter(element => element.tabIndex >= 0 && element.getClientRects().length);
focusable[focusable.indexOf(link) - 1].focus();
"""


def test_a_term_shows_its_definition_on_focus_and_hover_and_escape_hides_it(chromium, served_handbook):
    definitions = {
        entry["id"]: " ".join(entry["en_definition"].split()) for entry in yaml.safe_load((REPO_ROOT / "data/glossary.yml").read_text(encoding="utf-8"))
    }
    chromium.get(served_handbook.url + "en/teoria/desistanssi/")
    first, second = chromium.find_elements(By.CSS_SELECTOR, "a.handbook-term__link")[:2]
    tip = chromium.find_element(By.ID, first.get_attribute("aria-describedby"))
    assert tip.get_attribute("role") == "tooltip" and not tip.is_displayed()

    chromium.execute_script("arguments[0].scrollIntoView({block: 'center'})", first)
    chromium.execute_script(_FOCUS_BEFORE, first)
    ActionChains(chromium).send_keys(Keys.TAB).perform()
    assert chromium.switch_to.active_element == first
    entry = first.get_attribute("href").rsplit("#term-", 1)[1]
    assert tip.is_displayed() and tip.text == definitions[entry]
    assert axe_violations(chromium, WCAG_TAGS) == []

    ActionChains(chromium).send_keys(Keys.ESCAPE).perform()
    assert not tip.is_displayed() and chromium.switch_to.active_element == first

    # The pointer over another term shows its definition, and over the definition it stays.
    other = chromium.find_element(By.ID, second.get_attribute("aria-describedby"))
    ActionChains(chromium).move_to_element(second).perform()
    assert other.is_displayed()
    ActionChains(chromium).move_to_element(other).perform()
    assert other.is_displayed()
