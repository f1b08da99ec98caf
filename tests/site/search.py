"""The readers' search queries (tests/data/search-queries.json) and the reader's way of searching:
type into the theme's search box, read the entries the panel shows."""

from __future__ import annotations

import json

from playwright.sync_api import Page

from tests.conftest import DATA, ROOT

QUERY_FILE = DATA / "search-queries.json"
#: the search worker's own data: question words, points words, synonyms, the no-result words
LEXICON = json.loads((ROOT / "docs/assets/javascripts/search/lexicon.json").read_text("utf-8"))
PLACEHOLDER = "键入以开始搜索"
NONE = "没有找到符合条件的结果"

#: (query, the clause it must find: page path and anchor) of each kind
Case = tuple[str, str]


def _cases(kind: str, note: str = "") -> list[Case]:
    """The cases of one kind; with `note`, those whose note starts with it."""
    cases: list[list[str]] = json.loads(QUERY_FILE.read_text("utf-8"))[kind]["cases"]
    return [
        (query, expected)
        for query, expected, *notes in cases
        if not note or (notes and notes[0].startswith(note))
    ]


TERMS = _cases("terms")
TITLES = _cases("titles")
PHRASINGS = _cases("phrasings")
LATIN = _cases("latin")
QUESTIONS = _cases("questions")
POINTS_QUESTIONS = _cases("questions", note="points")
QUERIES = TERMS + TITLES + PHRASINGS + LATIN + QUESTIONS
#: (what a reader writes, what the standard writes, a query, the clause it finds)
SYNONYMS: list[tuple[str, str, str, str]] = [tuple(pair) for pair in LEXICON["synonyms"]["pairs"]]
POINTS_CLAUSE: str = LEXICON["points"]["clause"]

_META = "document.querySelector('.md-search-result__meta').textContent"
_SHOWN = "links => links.filter(a => a.offsetParent !== null).map(a => a.href)"


def search_for(page: Page, base_url: str, query: str) -> list[tuple[str, str]]:
    """Type a query into the search box; return the entries a reader sees (location, href).

    The box is emptied first and the panel's placeholder awaited, so that the next answer is
    the query's own: the theme writes the panel's count and its first ten entries in the same
    task as it receives the worker's reply, so once the placeholder has gone they are all there.
    """
    empty_box(page)
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # a key, as a reader types (test_search also enters queries without one)
    return shown_entries(page, base_url)


def empty_box(page: Page) -> None:
    """Empty the search box (with a key, as a reader would) and await the placeholder."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    page.wait_for_function(f"() => {_META}.includes('{PLACEHOLDER}')")


def shown_entries(page: Page, base_url: str) -> list[tuple[str, str]]:
    """Once the placeholder has gone: the entries a reader sees (location, href)."""
    page.wait_for_function(f"() => !{_META}.includes('{PLACEHOLDER}')")
    shown: list[str] = page.locator("a.md-search-result__link").evaluate_all(_SHOWN)
    return [(_location(base_url, href), href) for href in shown]


def _location(base_url: str, href: str) -> str:
    path, _, anchor = href.removeprefix(base_url).partition("#")
    return path.split("?")[0] + (f"#{anchor}" if anchor else "")
