"""Chinese search in a real browser, judged by what a reader sees: for each query the clause
must be among the first three result entries shown (nothing folded), and the page it opens must
mark the query's words.

The queries (tests/data/search-queries.json, which the benchmark times too) are written from the
standard's text as a civil servant would type them, in four kinds: terms and indicators as
printed, clause titles, phrasings that are not verbatim (a particle added or dropped, punctuation
left out, 和 for 与), and Latin or numeric ones.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.site.search import LATIN, PHRASINGS, QUERIES, TERMS, TITLES, search_for

# The ranking is the worker's, on the index's texts: the same files from any server. The nginx
# pass keeps the tests that open what a result links to, and test_hosting searches under nginx.
RANKING = pytest.mark.not_on_nginx("ranks in the worker: the same files from any server")


@pytest.fixture(scope="module")
def search_page(browser: Browser, base_url: str) -> Iterator[Page]:
    page = browser.new_page(locale="zh-CN")
    page.goto(base_url)
    page.locator("input.md-search__input").click()
    yield page
    page.close()


@pytest.mark.not_on_nginx("counts the cases of the query file")
def test_enough_queries_of_each_kind() -> None:
    assert len(QUERIES) >= 60
    assert min(len(TERMS), len(TITLES), len(PHRASINGS), len(LATIN)) >= 8


def first_three(page: Page, base_url: str, query: str) -> list[str]:
    return [location for location, _ in search_for(page, base_url, query)[:3]]


@RANKING
@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[q for q, _ in QUERIES])
def test_query_finds_its_clause(
    search_page: Page, base_url: str, query: str, expected: str
) -> None:
    shown = first_three(search_page, base_url, query)
    assert expected in shown, f"{query!r}: {shown}"


@pytest.mark.parametrize(
    ("query", "marked"),
    [("预算执行准确率", "预算执行准确率"), ("A-D-L-I", "A-D-L-I"), ("东北振兴", "东北振兴")],
)
def test_the_clause_opens_with_the_words_marked(
    browser: Browser, base_url: str, query: str, marked: str
) -> None:
    page = browser.new_page(locale="zh-CN")
    page.goto(base_url)
    page.locator("input.md-search__input").click()
    (location, href), *_ = search_for(page, base_url, query)
    page.goto(href)
    marks = page.locator(".md-content article mark").all_inner_texts()
    assert marked in marks, marks
    assert all(len(text) > 1 for text in marks)  # words, not single letters
    anchor = location.partition("#")[2]
    assert page.evaluate("decodeURIComponent(location.hash.slice(1))") == anchor
    page.close()


FIRST = TITLES + [q for q in LATIN if q[0] in {"4.3.3", "4.7.4", "C.1"}]


@RANKING
@pytest.mark.parametrize(("query", "expected"), FIRST, ids=[q for q, _ in FIRST])
def test_a_title_or_number_finds_its_clause_first(
    search_page: Page, base_url: str, query: str, expected: str
) -> None:
    shown = first_three(search_page, base_url, query)
    assert shown[:1] == [expected], f"{query!r}: {shown}"


def test_search_works_under_a_sub_path(browser: Browser, subpath_url: str) -> None:
    page = browser.new_page(locale="zh-CN")
    page.goto(subpath_url + "guide/4.1/")
    page.locator("input.md-search__input").click()
    entries = search_for(page, subpath_url, "预算执行准确率")
    assert "guide/4.7/#4.7.4" in [location for location, _ in entries[:3]]
    href = dict(entries)["guide/4.7/#4.7.4"]
    assert href.startswith(subpath_url)
    page.goto(href)
    assert "预算执行准确率" in page.locator(".md-content article mark").all_inner_texts()
    page.close()


@RANKING
@pytest.mark.parametrize(
    "query", ["预算执行准确率", "A-D-L-I", "Le-T-C-I", "营商环境", "关键绩效指标"]
)
def test_the_home_page_s_how_to_never_outranks_the_standard(
    search_page: Page, base_url: str, query: str
) -> None:
    """The home page and the user guide (usage/) quote these words; the standard's clauses come
    first."""
    shown = first_three(search_page, base_url, query)
    assert shown
    assert not shown[0].startswith(("#", "usage/")), f"{query!r}: {shown}"
