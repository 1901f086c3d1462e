"""Recall@5 of a search over the query set in tests/search_queries.yml, measured in the
browser through a search form, whichever engine drives it (the test and the benchmark
that compares engines share this)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

QUERIES = Path(__file__).with_name("search_queries.yml")
CUTOFF = 5


@dataclass(frozen=True)
class Query:
    language: str
    text: str
    expect: tuple[str, ...]


@dataclass
class Outcome:
    query: Query
    results: list[str]  # page paths relative to the site root, best first

    @property
    def found(self) -> bool:
        return any(page in self.results[:CUTOFF] for page in self.query.expect)


def load_queries(path: Path = QUERIES) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(language, entry["query"], tuple(entry["expect"])) for language, entries in data.items() for entry in entries]


def run_queries(queries: list[Query], search: Callable[[Query], list[str]]) -> list[Outcome]:
    return [Outcome(query, search(query)) for query in queries]


def recall(outcomes: list[Outcome]) -> float:
    return sum(outcome.found for outcome in outcomes) / len(outcomes) if outcomes else 0.0


def site_relative(paths: list[str], site_path: str = "/") -> list[str]:
    """Result paths as the query set writes them: no leading site path, no fragment, no duplicates."""
    pages: list[str] = []
    for path in paths:
        page = path.split("#", 1)[0]
        page = page[len(site_path):] if page.startswith(site_path) else page.lstrip("/")
        if page not in pages:
            pages.append(page)
    return pages
