"""The outdated-translation benchmark (benchmarks/translation_detection.py) measures real
mutations: each family changes the page, and the track is right on every scenario but the
one family that is wrong by design (a paragraph split in the translation)."""

from __future__ import annotations

import sys

import pytest

from handbook_sites import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

import translation_detection as bench  # noqa: E402
import translation_families as families  # noqa: E402

PAGE = "tyoote/tapaamiset.md"


def test_every_family_changes_the_page_it_is_applied_to():
    fi, en = bench.base_pair(PAGE, False)
    for family, (_, mutate) in families.family_mutations().items():
        if family == "baseline_unmodified":
            continue
        base = bench.base_pair(PAGE, family in bench.CODE_FAMILIES)
        try:
            after = mutate(*base, PAGE)
        except families.NotApplicable:
            continue
        assert after != base, family
    assert families.canonical_links(fi, PAGE) != fi and families.markup_only(fi) != fi and families.formatting_only(fi) != fi


@pytest.mark.slow
def test_the_track_is_right_on_every_scenario_of_a_page_but_the_split_paragraph():
    scenarios = bench.run_all(pages=(PAGE,))
    assert {s.family for s in scenarios} >= set(bench.HISTORY) | {"missing_paragraph_translation", "code_command_changed_source"}
    wrong = [s.family for s in scenarios if s.detected("track") != (s.truth == bench.POSITIVE)]
    assert wrong == ["paragraph_split_translation"]
    # The baselines fail where the field says they do: the masked change, the cosmetic commits.
    by_family = {s.family: s for s in scenarios}
    assert not by_family["history_masked_by_cosmetic_translation_edit"].detected("commit order")
    assert by_family["history_link_canonicalisation_source"].detected("former pin")
