"""Finnish morphology: base forms and compound parts from the real analyser, and the word cache on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from handbook.finnish import Morphology, words
from handbook.finnish.morphology import CACHE_FILE, RULES, analyser_version, voikko_analyse


@pytest.fixture(scope="module")
def morphology() -> Morphology:
    return Morphology()  # no cache: every answer comes from the analyser


# --- Base forms and compound parts (the real Voikko dictionary)


@pytest.mark.parametrize("word", ["tapaamisessa", "tapaamisten", "Tapaamiset", "tapaaminen"])
def test_inflected_minen_nouns_have_their_noun_as_base_form(morphology, word):
    assert morphology.base_forms(word) == {"tapaaminen"}
    # The verb is related (search uses it), not a base form (terms do not match it).
    assert "tavata" in morphology.forms(word).related


def test_a_compound_in_the_elative_plural_gives_its_base_form_and_parts(morphology):
    analysed = morphology.analyse("ääriliikkeistä")
    assert {"ääriliike", "ääri", "liike"} <= analysed
    assert "ääriliike" in morphology.base_forms("ääriliikkeistä")


def test_a_derived_adjective_is_its_own_base_form_derived_from_its_noun(morphology):
    assert morphology.base_forms("uskonnollinen") == {"uskonnollinen"}
    assert morphology.base_forms("uskonnollisesta") == {"uskonnollinen"}
    assert morphology.forms("uskonnollinen").related == {"uskonto"}


def test_a_three_part_compound_gives_every_part_and_run_of_parts(morphology):
    assert morphology.analyse("nuorisotyöntekijä") == {"nuorisotyöntekijä", "nuoriso", "työ", "tekijä", "nuorisotyö", "työntekijä"}
    assert morphology.analyse("nuorisotyöntekijöille") == morphology.analyse("nuorisotyöntekijä")


def test_gradated_forms_reach_the_same_base_form(morphology):
    for word in ("yhteisöväkivalta", "yhteisöväkivallan", "yhteisöväkivallasta", "Yhteisöväkivaltaa"):
        assert morphology.base_forms(word) == {"yhteisöväkivalta"}, word
    assert "väkivalta" in morphology.analyse("lähisuhdeväkivallasta")


def test_the_reading_with_fewest_compound_parts_wins(morphology):
    # Not `kuu` + `lupa`.
    assert morphology.base_forms("kuuluvan") == {"kuuluva"}


def test_hyphenated_words_inflect_in_their_last_piece(morphology):
    assert morphology.base_forms("Exit-toiminnassa") == {"exit-toiminta"}
    assert {"exit", "toiminta"} <= morphology.analyse("Exit-toiminnassa")
    assert morphology.base_forms("tietosuoja-asetuksen") == {"tietosuoja-asetus"}


def test_parts_voikko_marks_inside_one_dictionary_word_are_parts(morphology):
    assert morphology.base_forms("itsemääräämisoikeudella") == {"itsemääräämisoikeus"}
    assert {"oikeus", "määräämisoikeus"} <= morphology.analyse("itsemääräämisoikeudella")


def test_an_unknown_word_is_its_own_base_form(morphology):
    assert not morphology.forms("desistanssin").known
    assert morphology.analyse("Desistanssin") == {"desistanssin"}
    assert morphology.base_forms("desistanssin") == set()


def test_words_are_letters_with_inner_hyphens():
    found = [(m.start(), m.group(0)) for m in words("Koulu- ja joukkosurmia, 18–49-vuotiaille Exit-työssä.")]
    assert found == [(0, "Koulu"), (7, "ja"), (10, "joukkosurmia"), (30, "vuotiaille"), (41, "Exit-työssä")]


def test_the_analyser_version_names_the_pinned_package():
    assert analyser_version() == "pyvoikko 0.6"


# --- The cache on disk


class CountingAnalyser:
    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, word: str) -> list:
        self.asked.append(word)
        return voikko_analyse(word)


TEXT = "Tapaamisessa puhutaan ääriliikkeistä, uskonnollisesta taustasta ja nuorisotyöntekijän roolista tapaamisessa."


def test_a_second_run_analyses_no_word_again(tmp_path: Path):
    first_analyser = CountingAnalyser()
    first = Morphology.for_project(tmp_path, analyser=first_analyser)
    before = {m.group(0): first.analyse(m.group(0)) for m in words(TEXT)}
    first.save()
    distinct = {m.group(0).lower() for m in words(TEXT)}
    assert sorted(first_analyser.asked) == sorted(distinct), "each distinct word is analysed once"
    assert (tmp_path / CACHE_FILE).is_file()

    second_analyser = CountingAnalyser()
    second = Morphology.for_project(tmp_path, analyser=second_analyser)
    after = {m.group(0): second.analyse(m.group(0)) for m in words(TEXT)}
    assert second_analyser.asked == [] and second.calls == 0
    assert after == before
    assert second.unsaved == 0


def test_the_cache_file_is_keyed_by_the_analyser_version_and_written_only_when_new_words_came(tmp_path: Path):
    morphology = Morphology.for_project(tmp_path, analyser=CountingAnalyser(), version="pyvoikko 0.6")
    morphology.analyse("tapaamisessa")
    morphology.save()
    cache = tmp_path / CACHE_FILE
    data = json.loads(cache.read_text(encoding="utf-8"))
    assert data["analyser"] == "pyvoikko 0.6" and data["rules"] == RULES
    assert data["words"]["tapaamisessa"] == [["tapaaminen"], [], ["tavata"]]
    stamp = cache.stat().st_mtime_ns
    again = Morphology.for_project(tmp_path, analyser=CountingAnalyser(), version="pyvoikko 0.6")
    again.analyse("Tapaamisessa")
    again.save()
    assert cache.stat().st_mtime_ns == stamp, "nothing new: the file is not rewritten"
    assert [p.name for p in cache.parent.iterdir()] == [cache.name], "no temporary file left behind"

    other = CountingAnalyser()
    newer = Morphology.for_project(tmp_path, analyser=other, version="pyvoikko 0.7")
    newer.analyse("tapaamisessa")
    assert other.asked == ["tapaamisessa"], "another analyser version analyses afresh"


@pytest.mark.parametrize("content", [f'{{"analyser": "pyvoikko 0.6", "rules": {RULES}, "words": {{"x": "oops"}}}}', "{not json", b"\xff\xfe\x00"])
def test_a_corrupt_cache_is_ignored_with_one_info_line(tmp_path: Path, caplog, content):
    cache = tmp_path / CACHE_FILE
    cache.parent.mkdir(parents=True)
    cache.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    analyser = CountingAnalyser()
    with caplog.at_level("INFO", logger="mkdocs.plugins.handbook.finnish"):
        morphology = Morphology.for_project(tmp_path, analyser=analyser, version="pyvoikko 0.6")
    lines = [r for r in caplog.records if r.name.startswith("mkdocs.plugins.handbook.finnish")]
    assert len(lines) == 1 and lines[0].levelname == "INFO"
    assert lines[0].getMessage().startswith("handbook: .cache/handbook/finnish-words.json: Finnish word cache ignored")
    assert morphology.base_forms("tapaamisten") == {"tapaaminen"}
    morphology.save()
    assert json.loads(cache.read_text(encoding="utf-8"))["words"]["tapaamisten"][0] == ["tapaaminen"]


# --- Many new words at once (a fresh clone's first build or check)

MANY = TEXT + " Tietosuoja-asetuksessa xqzzt väkivaltaisista ryhmistä irtautuvien asiakkaiden kanssa tehtävässä työssä."


def test_words_prepared_side_by_side_are_those_analysed_one_by_one(tmp_path: Path, monkeypatch):
    from handbook.core import side_by_side
    from handbook.finnish import UNKNOWN
    from handbook.finnish import morphology as module

    monkeypatch.setattr(module, "SIDE_BY_SIDE_FROM", 4)
    monkeypatch.setattr(side_by_side, "cores", lambda: 2)
    monkeypatch.setattr(side_by_side, "can_fork", lambda: True)
    processes = tmp_path / "processes"

    def analyser(word: str) -> list:
        with processes.open("a") as record:  # which process analysed it
            record.write(f"{__import__('os').getpid()}\n")
        return voikko_analyse(word)

    one_by_one = Morphology(analyser=voikko_analyse)
    expected = {m.group(0).lower(): one_by_one.forms(m.group(0)) for m in words(MANY)}
    prepared = Morphology.for_project(tmp_path, analyser=analyser)
    prepared.prepare(m.group(0) for m in words(MANY))
    assert len(set(processes.read_text().split())) == 2, "half of the words were analysed in the copy"
    asked = prepared.calls
    assert {word: prepared.forms(word) for word in expected} == expected
    assert prepared.calls == asked == one_by_one.calls, "each word analysed once, the copy's counted too"
    assert prepared.forms("xqzzt") is UNKNOWN
    assert prepared.unsaved == one_by_one.unsaved
    prepared.save()
    saved = json.loads((tmp_path / CACHE_FILE).read_text(encoding="utf-8"))["words"]
    assert set(saved) == set(one_by_one._forms)  # the hyphenated word's pieces too
