"""The readers' search queries (tests/data/search-queries.json) and the reader's way of searching:
type into the theme's search box, read the entries the panel shows."""

from __future__ import annotations

import json

from playwright.sync_api import Page

from tests.conftest import DATA

QUERY_FILE = DATA / "search-queries.json"
PLACEHOLDER = "键入以开始搜索"

#: (query, the clause it must find: page path and anchor) of each kind
Case = tuple[str, str]


def _cases(kind: str) -> list[Case]:
    cases: list[list[str]] = json.loads(QUERY_FILE.read_text("utf-8"))[kind]["cases"]
    return [(query, expected) for query, expected, *_note in cases]


TERMS = _cases("terms")
TITLES = _cases("titles")
PHRASINGS = _cases("phrasings")
LATIN = _cases("latin")
QUERIES = TERMS + TITLES + PHRASINGS + LATIN

_META = "document.querySelector('.md-search-result__meta').textContent"
_SHOWN = "links => links.filter(a => a.offsetParent !== null).map(a => a.href)"


def search_for(page: Page, base_url: str, query: str) -> list[tuple[str, str]]:
    """Type a query into the search box; return the entries a reader sees (location, href).

    The box is emptied first and the panel's placeholder awaited, so that the next answer is
    the query's own: the theme writes the panel's count and its first ten entries in the same
    task as it receives the worker's reply, so once the placeholder has gone they are all there.
    """
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    page.wait_for_function(f"() => {_META}.includes('{PLACEHOLDER}')")
    box.fill(query)
    box.press("End")  # the search listens to key events
    page.wait_for_function(f"() => !{_META}.includes('{PLACEHOLDER}')")
    shown: list[str] = page.locator("a.md-search-result__link").evaluate_all(_SHOWN)
    return [(_location(base_url, href), href) for href in shown]


def _location(base_url: str, href: str) -> str:
    path, _, anchor = href.removeprefix(base_url).partition("#")
    return path.split("?")[0] + (f"#{anchor}" if anchor else "")
