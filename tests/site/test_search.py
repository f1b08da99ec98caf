"""Chinese search in a real browser: what a civil servant types, and the clause it must find.

Each query must bring its clause (page and anchor) among the first five results of the site's
own search box, with jieba segmentation and the standard's terms in config/jieba-user-dict.txt.
A result is what the search panel lists as one entry: a page with its matching sections (those
ranked below the page's best are folded under "在该页上还有…", one click away).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

# (query, expected location: page path and clause anchor)
QUERIES = [
    # terms of the standard, some only found inside longer compounds (营商环境建设, 应急管理预案)
    ("营商环境", "guide/4.3/#4.3.3"),
    ("关键绩效指标", "guide/4.2/#4.2.3"),
    ("弱势群体", "guide/4.1/#4.1.4"),
    ("应急预案", "guide/4.5/#4.5.2"),
    ("五大安全", "guide/4.1/#4.1.4"),
    ("公众满意度", "guide/4.3/#4.3.3"),
    ("标杆对比", "guide/4.6/#4.6.2"),
    ("数字政府", "guide/4.4/#4.4.4"),
    ("知识管理", "guide/4.4/#4.4.4"),
    ("合理化建议", "guide/4.6/#4.6.3"),
    ("东北振兴", "guide/4.1/#4.1.3"),
    ("政务热线", "guide/4.3/#4.3.2"),
    ("组织概述", "appendix-b/"),
    ("成熟度", "appendix-c/#C.1"),
    # indicators of 4.7
    ("预算执行准确率", "guide/4.7/#4.7.4"),
    ("审计整改完成率", "guide/4.7/#4.7.4"),
    ("高层次人才", "guide/4.7/#4.7.5"),
    ("信访", "guide/4.7/#4.7.3"),
    ("巡视整改", "guide/4.7/#4.7.7"),
    ("基础设施完好率", "guide/4.7/#4.7.5"),
    # clause titles
    ("领导班子的作用", "guide/4.1/#4.1.2"),
    ("组织治理", "guide/4.1/#4.1.3"),
    ("战略制定", "guide/4.2/#4.2.2"),
    ("战略部署", "guide/4.2/#4.2.3"),
    ("公众与社会的了解", "guide/4.3/#4.3.2"),
    ("人力资源", "guide/4.4/#4.4.2"),
    ("财务资源", "guide/4.4/#4.4.3"),
    ("相关方关系", "guide/4.4/#4.4.7"),
    ("过程的识别与设计", "guide/4.5/#4.5.2"),
    ("改进与创新", "guide/4.6/#4.6.3"),
    ("过程有效性结果", "guide/4.7/#4.7.6"),
    ("评分条款分值", "appendix-a/#A.2"),
    # scoring models and clause numbers
    ("A-D-L-I", "appendix-c/#C.1"),
    ("Le-T-C-I", "appendix-c/#C.2"),
    ("4.3.3", "guide/4.3/#4.3.3"),
    ("公众", "terms/#3.1"),
]

PLACEHOLDER = "键入以开始搜索"


def _search(page: Page, base_url: str, query: str) -> list[list[str]]:
    """Type a query into the search box; return the results (each a list of locations) once
    they stop changing."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    meta = "document.querySelector('.md-search-result__meta').textContent"
    page.wait_for_function(f"() => {meta}.includes('{PLACEHOLDER}')")
    box.fill(query)
    box.press("End")  # the search listens to key events
    page.wait_for_function(f"() => !{meta}.includes('{PLACEHOLDER}')")
    previous: list[list[str]] | None = None
    while True:
        results: list[list[str]] = page.locator(".md-search-result__item").evaluate_all(
            "items => items.map(item => [...item.querySelectorAll('a.md-search-result__link')]"
            ".map(a => a.href))"
        )
        if results == previous:
            break
        previous = results
        page.wait_for_timeout(300)
    return [[_location(base_url, href) for href in result] for result in results]


def _location(base_url: str, href: str) -> str:
    path, _, anchor = href.removeprefix(base_url).partition("#")
    return path.split("?")[0] + (f"#{anchor}" if anchor else "")


@pytest.fixture(scope="module")
def search_page(browser: Browser, base_url: str) -> Page:
    page = browser.new_page(locale="zh-CN")
    page.goto(base_url)
    page.locator("input.md-search__input").click()
    return page


def test_enough_queries() -> None:
    assert len(QUERIES) >= 30


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[q for q, _ in QUERIES])
def test_query_finds_its_clause(
    search_page: Page, base_url: str, query: str, expected: str
) -> None:
    first_five = _search(search_page, base_url, query)[:5]
    assert any(expected in result for result in first_five), f"{query!r}: {first_five}"
