"""Chinese search in a real browser, judged by what a reader sees: for each query the clause
must be among the first three result entries shown (nothing folded), and the page it opens must
mark the query's words.

The queries (tests/data/search-queries.json, which the benchmark times too) are written from the
standard's text as a civil servant would type them, in five kinds: terms and indicators as
printed, clause titles, phrasings that are not verbatim (a particle added or dropped, punctuation
left out, 和 for 与), Latin or numeric ones, and questions (什么是…, …包括哪些, …多少分). The
synonyms (测评 for 评价) are the search worker's own list (lexicon.json), each pair with a query.
A query also arrives without a key: pasted, dictated; and a query that finds nothing offers the
standard's nearest words.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page

from calculator.scheme import Scheme
from tests.site.axe import run_axe
from tests.site.search import (
    LATIN,
    NONE,
    PHRASINGS,
    POINTS_CLAUSE,
    POINTS_QUESTIONS,
    QUERIES,
    QUESTIONS,
    SYNONYMS,
    TERMS,
    TITLES,
    empty_box,
    search_for,
    shown_entries,
)


@pytest.fixture(scope="module")
def search_page(browser: Browser, base_url: str) -> Iterator[Page]:
    page = browser.new_page(locale="zh-CN")
    page.goto(base_url)
    page.locator("input.md-search__input").click()
    yield page
    page.close()


def test_enough_queries_of_each_kind() -> None:
    assert len(QUERIES) >= 60
    assert min(len(TERMS), len(TITLES), len(PHRASINGS), len(LATIN), len(QUESTIONS)) >= 8
    assert len(SYNONYMS) >= 8
    assert len(POINTS_QUESTIONS) >= 3


def first_three(page: Page, base_url: str, query: str) -> list[str]:
    return [location for location, _ in search_for(page, base_url, query)[:3]]


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


@pytest.mark.parametrize(("query", "expected"), FIRST, ids=[q for q, _ in FIRST])
def test_a_title_or_number_finds_its_clause_first(
    search_page: Page, base_url: str, query: str, expected: str
) -> None:
    shown = first_three(search_page, base_url, query)
    assert shown[:1] == [expected], f"{query!r}: {shown}"


@pytest.mark.every_server("the search index and worker at the server's sub-path")
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


@pytest.mark.parametrize(
    ("query", "expected"), POINTS_QUESTIONS, ids=[q for q, _ in POINTS_QUESTIONS]
)
def test_a_question_about_points_lands_on_table_a1_too(
    search_page: Page, base_url: str, query: str, expected: str
) -> None:
    shown = first_three(search_page, base_url, query)
    assert expected in shown, f"{query!r}: {shown}"
    assert POINTS_CLAUSE in shown[:2], f"{query!r}: {shown}"


@pytest.mark.parametrize("pair", SYNONYMS, ids=[pair[2] for pair in SYNONYMS])
def test_a_reader_s_word_finds_the_standard_s(
    search_page: Page, base_url: str, pair: tuple[str, str, str, str]
) -> None:
    """The query holds the reader's word; the clause is found, and opens with the standard's
    word marked (it matched as the standard writes it)."""
    reader, standard, query, expected = pair
    assert reader in query
    entries = dict(search_for(search_page, base_url, query)[:3])
    assert expected in entries, f"{query!r}: {list(entries)}"
    marked = parse_qs(urlsplit(entries[expected]).query)["h"][0].split(" ")
    assert any(standard in word or word in standard for word in marked), marked


# Every QUERY the page sends the theme's worker, in order.
_COUNT_QUERIES = """
const post = Worker.prototype.postMessage;
window.queriesSent = [];
Worker.prototype.postMessage = function (message, ...rest) {
  if (message && message.type === 2) window.queriesSent.push(message.data);
  return post.call(this, message, ...rest);
};
"""


@pytest.fixture(params=["light"])
def counted_page(browser: Browser, base_url: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page whose queries are counted, in the palette the test asks for (light unless it
    parametrizes `counted_page` indirectly)."""
    page = browser.new_page(locale="zh-CN", color_scheme=request.param)
    page.add_init_script(_COUNT_QUERIES)
    page.goto(base_url)
    page.locator("input.md-search__input").click()
    empty_box(page)
    yield page
    page.close()


def _sent(page: Page) -> list[str]:
    sent: list[str] = page.evaluate("window.queriesSent")
    return sent


# fill() sets the value and fires `input` only, as pasting with the mouse does; insertText fires
# `input` with no key event, as voice input and many phone keyboards do
WITHOUT_A_KEY = {
    "pasted": ("预算执行准确率", "guide/4.7/#4.7.4"),
    "dictated": ("什么是组织治理", "guide/4.1/#4.1.3"),
}


@pytest.mark.parametrize("how", list(WITHOUT_A_KEY))
def test_a_query_entered_without_a_key_runs_once(
    counted_page: Page, base_url: str, how: str
) -> None:
    page = counted_page
    query, expected = WITHOUT_A_KEY[how]
    if how == "pasted":
        page.locator("input.md-search__input").fill(query)
    else:
        page.keyboard.insert_text(query)
    assert expected in [location for location, _ in shown_entries(page, base_url)[:3]]
    assert _sent(page).count(query) == 1


def test_a_typed_query_runs_once_per_change(counted_page: Page, base_url: str) -> None:
    """Keys fire keyup and input both: still one query for each value the box takes."""
    page = counted_page
    page.keyboard.type("ADLI")
    page.wait_for_function("window.queriesSent.at(-1) === 'ADLI'")
    shown_entries(page, base_url)
    sent = _sent(page)
    assert sent[sent.index("A") :] == ["A", "AD", "ADL", "ADLI"], sent


def _nearest(page: Page) -> list[str]:
    offer = page.locator(".search-nearest:not([hidden])")
    offer.locator("button").first.wait_for()
    words: list[str] = offer.locator("button").all_inner_texts()
    return words


def _index_words(site_dir: Path) -> set[str]:
    """Every title of the search index, without its number and English: what may be offered."""
    docs = json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))["docs"]
    return {doc["title"] for doc in docs}


@pytest.mark.parametrize("counted_page", ["light", "dark"], indirect=True)
def test_nothing_found_offers_the_nearest_words_of_the_standard(
    counted_page: Page, base_url: str, site_dir: Path
) -> None:
    page = counted_page
    page.locator("input.md-search__input").fill("治理现代化体系")
    assert shown_entries(page, base_url) == []
    assert page.locator(".md-search-result__meta").inner_text() == NONE
    words = _nearest(page)
    assert "组织治理" in words
    titles = _index_words(site_dir)
    assert all(any(word in title for title in titles) for word in words), words
    assert page.locator(".search-nearest p").inner_text() == "标准中相近的词："
    assert not run_axe(page)
    # Keyboard only: to the first offered word, Enter, and the search runs for it.
    page.locator(".search-nearest button", has_text="组织治理").focus()
    page.keyboard.press("Enter")
    assert page.locator("input.md-search__input").input_value() == "组织治理"
    page.wait_for_function("window.queriesSent.at(-1) === '组织治理'")
    # its results, not those of the query before, still shown while the worker answers
    page.wait_for_function(
        "(none) => document.querySelector('.md-search-result__meta').textContent !== none", arg=NONE
    )
    shown = [location for location, _ in shown_entries(page, base_url)]
    assert shown[:1] == ["guide/4.1/#4.1.3"], shown
    assert page.locator(".search-nearest").is_hidden()


def test_with_nothing_near_the_categories_are_offered(
    counted_page: Page, base_url: str, scheme: Scheme
) -> None:
    page = counted_page
    page.locator("input.md-search__input").fill("量子计算")
    assert shown_entries(page, base_url) == []
    assert _nearest(page) == [category.name for category in scheme.categories]


# Logs when each search worker (the theme's, nearest.js's) says READY, and the page's workers.
_SEARCH_READY = """
window.searchReady = [];
const Native = window.Worker;
window.Worker = class extends Native {
  constructor(url, options) {
    super(url, options);
    if (!String(url).includes("/search/worker.js")) return;
    this.addEventListener("message", ({ data }) => {
      if (data?.type === 1) window.searchReady.push(performance.now());
    });
  }
};
"""
_CALCULATOR_READY = "() => performance.getEntriesByName('calculator-ready')[0]?.startTime ?? null"


def test_on_the_calculator_search_is_set_up_once_the_engine_has_started(
    page: Page, base_url: str
) -> None:
    """On two cores the search index's setup slowed the engine's start: it waits for it."""
    page.add_init_script(_SEARCH_READY)
    page.goto(base_url + "calculator/")
    page.wait_for_function("() => window.searchReady.length > 0")
    ready = page.evaluate(_CALCULATOR_READY)
    assert ready is not None, "search was ready before the engine"
    assert page.evaluate("() => window.searchReady[0]") >= ready
    page.locator("input.md-search__input").click()
    found = search_for(page, base_url, "组织治理")
    assert "guide/4.1/#4.1.3" in [location for location, _ in found[:3]]


def test_on_the_calculator_search_works_when_the_engine_fails(page: Page, base_url: str) -> None:
    page.add_init_script(_SEARCH_READY)
    page.route("**/pyodide.asm.wasm", lambda route: route.abort())
    page.goto(base_url + "calculator/")
    page.wait_for_selector('#calculator[data-calculator-state="error"]', timeout=60_000)
    page.locator("input.md-search__input").click()
    found = search_for(page, base_url, "组织治理")
    assert "guide/4.1/#4.1.3" in [location for location, _ in found[:3]]
    # well before the worker's own 10 s fallback: the page said the engine had failed
    assert page.evaluate("() => window.searchReady[0]") < 8_000


def test_only_the_calculator_s_search_waits_for_the_engine(site_dir: Path) -> None:
    def worker(page: str) -> str:
        html = (site_dir / page).read_text("utf-8")
        config = html.split('id="__config" type="application/json">')[1].split("</script>")[0]
        search: str = json.loads(config)["search"]
        return search

    assert worker("calculator/index.html").endswith("search/worker.js#after-engine")
    assert worker("index.html").endswith("search/worker.js")
    assert worker("guide/4.1/index.html").endswith("search/worker.js")
