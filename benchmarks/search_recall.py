"""Compare the handbook's search options by recall@5 over tests/search_queries.yml.

    NO_MKDOCS_2_WARNING=1 .venv/bin/python benchmarks/search_recall.py
    NO_MKDOCS_2_WARNING=1 .venv/bin/python benchmarks/search_recall.py --options pagefind \
        --queries tests/search_queries_readers.yml

Builds the real handbook three ways into benchmarks/work/ and runs every query in
headless Chromium through each option's own search form, on a page of the query's
language:

* material: Material's built-in lunr search as shipped (one index for both languages,
  no stemmer, `*` appended to query terms);
* material+fi: the same, with a build-time Finnish index expansion: every Finnish page
  also gets the base form of each glossary term (data/glossary.yml) whose Snowball stem
  occurs in the page, so a base-form query can match a page that only inflects it;
* pagefind: the chosen engine (hooks/search_index.py, overrides/partials/search.html).

Prints recall@5 per option and language, and how many results of each language's
queries came from the other language. Figures go into README "Reader experience".
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import time
from pathlib import Path

import snowballstemmer
import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests"), str(REPO / "hooks")]

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

from browser_harness import StaticSite, search_results, start_chromium, stop_chromium  # noqa: E402
from search_recall import QUERIES, load_queries, recall, run_queries, site_relative  # noqa: E402

WORK = REPO / "benchmarks" / "work" / "search"
START_PAGE = {"fi": "", "en": "en/"}
WORD = re.compile(r"[a-zåäöA-ZÅÄÖ]+")


# --- Building the variants


def build_variant(name: str, *, material_form: bool) -> Path:
    """The handbook built with the repository's overrides, or with Material's own search
    form (our partials/search.html and the CSP left out: lunr's worker is not measured
    under the policy here)."""
    overrides = WORK / name / "overrides"
    shutil.rmtree(WORK / name, ignore_errors=True)
    shutil.copytree(REPO / "overrides", overrides)
    if material_form:
        (overrides / "partials" / "search.html").unlink()
        (overrides / "partials" / "handbook" / "head-security.html").write_text("")
    site_dir = WORK / name / "site"
    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(site_dir), strict=False)
    # The variant's overrides take the place of the repository's in the theme's search path.
    config.theme.dirs = [str(overrides) if Path(d) == REPO / "overrides" else d for d in config.theme.dirs]
    build(config)
    return site_dir


def expand_finnish_index(site_dir: Path) -> int:
    """Append glossary base forms to the Finnish documents of Material's search index."""
    stem = snowballstemmer.stemmer("finnish").stemWord
    glossary = yaml.safe_load((REPO / "data" / "glossary.yml").read_text(encoding="utf-8"))
    terms = []
    for entry in glossary:
        for term in [entry["fi"], *entry.get("also", {}).get("fi", [])]:
            terms.append((term, {stem(w.lower()) for w in WORD.findall(term)}))
    index_file = site_dir / "search" / "search_index.json"
    index = json.loads(index_file.read_text(encoding="utf-8"))
    added = 0
    for doc in index["docs"]:
        if doc["location"].startswith("en/"):
            continue
        stems = {stem(w.lower()) for w in WORD.findall(doc["title"] + " " + doc["text"])}
        extra = [term for term, term_stems in terms if term_stems and term_stems <= stems]
        if extra:
            doc["text"] += " " + " ".join(extra)
            added += len(extra)
    index_file.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    return added


# --- Searching through Material's form


def material_results(driver, query: str) -> list[str]:
    field = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
    field.click()
    driver.execute_script("arguments[0].value = ''", field)
    field.send_keys(query)
    previous, stable = None, 0
    for _ in range(50):
        time.sleep(0.1)
        current = driver.execute_script(
            "return [...document.querySelectorAll('.md-search-result__item > a.md-search-result__link')]"
            ".map(a => new URL(a.href).pathname)"
        )
        stable = stable + 1 if current == previous else 0
        previous = current
        if stable >= 3:
            break
    return previous or []


# --- Main


OPTIONS = ("material", "material+fi", "pagefind")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=Path, default=QUERIES, help="query set (default: tests/search_queries.yml)")
    parser.add_argument("--options", nargs="+", choices=OPTIONS, default=list(OPTIONS), help="the search options to build and measure")
    arguments = parser.parse_args()
    queries = load_queries(arguments.queries)
    print(f"query set: {arguments.queries}")
    variants = {}
    for name in arguments.options:
        variants[name] = build_variant(name.replace("+", "-"), material_form=name != "pagefind")
    if "material+fi" in variants:
        print(f"glossary base forms added to the Finnish index: {expand_finnish_index(variants['material+fi'])}")
    driver = start_chromium()
    try:
        for name, site_dir in variants.items():
            server = StaticSite(site_dir, compress=True)
            try:
                for language in ("fi", "en"):
                    driver.get(server.url + START_PAGE[language])
                    time.sleep(1.5)  # Material's worker builds its index at page load
                    search = (lambda q: site_relative(search_results(driver, q.text))) if name == "pagefind" \
                        else (lambda q: site_relative(material_results(driver, q.text)))
                    outcomes = run_queries([q for q in queries if q.language == language], search)
                    foreign = sum(page.startswith("en/") != (language == "en") for o in outcomes for page in o.results[:5])
                    missed = [o.query.text for o in outcomes if not o.found]
                    print(f"{name:12} {language}: recall@5 {recall(outcomes):.2f} ({len(outcomes) - len(missed)}/{len(outcomes)}), "
                          f"other-language results in top 5: {foreign}; missed: {missed}")
            finally:
                server.close()
    finally:
        stop_chromium(driver)


if __name__ == "__main__":
    main()
