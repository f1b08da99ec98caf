"""Chinese search in a real browser, judged by what a reader sees: for each query the clause
must be among the first three result entries shown (nothing folded), and the page it opens must
mark the query's words.

The queries are written from the standard's text as a civil servant would type them, in four
kinds: terms and indicators as printed, clause titles, phrasings that are not verbatim (a
particle added or dropped, punctuation left out, 和 for 与), and Latin or numeric ones.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

# (query, the clause it must find: page path and anchor)
TERMS = [
    ("民主集中制", "guide/4.1/#4.1.2"),
    ("双向沟通", "guide/4.1/#4.1.2"),
    ("风险管控", "guide/4.1/#4.1.2"),
    ("党风廉政", "guide/4.1/#4.1.3"),
    ("东北振兴", "guide/4.1/#4.1.3"),
    ("振兴", "guide/4.1/#4.1.3"),
    ("精神文明", "guide/4.1/#4.1.3"),
    ("五大安全", "guide/4.1/#4.1.4"),
    ("弱势群体", "guide/4.1/#4.1.4"),
    ("公益支持", "guide/4.1/#4.1.4"),
    ("战略挑战", "guide/4.2/#4.2.2"),
    ("财务风险", "guide/4.4/#4.4.3"),
    ("数字政府", "guide/4.4/#4.4.4"),
    ("知识管理", "guide/4.4/#4.4.4"),
    ("技术创新", "guide/4.4/#4.4.5"),
    ("应急预案", "guide/4.5/#4.5.2"),
    ("行政审批", "guide/4.7/#4.7.2"),
    ("治安案件发案率", "guide/4.7/#4.7.2"),
    ("市场主体增长量", "guide/4.7/#4.7.2"),
    ("一体化政务服务", "guide/4.7/#4.7.2"),
    ("信访", "guide/4.7/#4.7.3"),
    ("预算执行准确率", "guide/4.7/#4.7.4"),
    ("审计整改完成率", "guide/4.7/#4.7.4"),
    ("高层次人才", "guide/4.7/#4.7.5"),
    ("基础设施完好率", "guide/4.7/#4.7.5"),
    ("巡视整改", "guide/4.7/#4.7.7"),
    ("安全生产", "guide/4.7/#4.7.7"),
]
TITLES = [
    ("领导班子的作用", "guide/4.1/#4.1.2"),
    ("组织治理", "guide/4.1/#4.1.3"),
    ("社会责任", "guide/4.1/#4.1.4"),
    ("战略制定", "guide/4.2/#4.2.2"),
    ("战略部署", "guide/4.2/#4.2.3"),
    ("公众与社会的了解", "guide/4.3/#4.3.2"),
    ("营商环境与公众满意", "guide/4.3/#4.3.3"),
    ("人力资源", "guide/4.4/#4.4.2"),
    ("财务资源", "guide/4.4/#4.4.3"),
    ("信息和知识资源", "guide/4.4/#4.4.4"),
    ("技术资源", "guide/4.4/#4.4.5"),
    ("相关方关系", "guide/4.4/#4.4.7"),
    ("过程的识别与设计", "guide/4.5/#4.5.2"),
    ("过程的实施与改进", "guide/4.5/#4.5.3"),
    ("测量、分析和评价", "guide/4.6/#4.6.2"),
    ("改进与创新", "guide/4.6/#4.6.3"),
    ("管理与服务结果", "guide/4.7/#4.7.2"),
    ("公众满意与营商环境结果", "guide/4.7/#4.7.3"),
    ("财务结果", "guide/4.7/#4.7.4"),
    ("资源结果", "guide/4.7/#4.7.5"),
    ("过程有效性结果", "guide/4.7/#4.7.6"),
    ("领导方面的结果", "guide/4.7/#4.7.7"),
    ("组织概述", "appendix-b/"),
    ("评分条款分值", "appendix-a/#A.2"),
    ("规范性引用文件", "normative-references/"),
]
PHRASINGS = [
    ("领导班子绩效评价", "guide/4.1/#4.1.3"),  # printed: 对领导班子的绩效评价
    ("方法展开学习整合", "appendix-c/#C.1"),  # printed: 方法﹣展开﹣学习﹣整合
    ("水平趋势对比整合", "guide/4.7/#4.7.1"),
    ("公众和社会的了解", "guide/4.3/#4.3.2"),  # 和 for 与
    ("测量分析评价", "guide/4.6/#4.6.2"),
    ("过程实施和改进", "guide/4.5/#4.5.3"),
    ("信息与知识资源", "guide/4.4/#4.4.4"),
    ("战略的制定", "guide/4.2/#4.2.2"),
    ("社会的责任", "guide/4.1/#4.1.4"),
    ("预算执行 准确率", "guide/4.7/#4.7.4"),
    ("东北 振兴", "guide/4.1/#4.1.3"),
    ("审计整改", "guide/4.7/#4.7.4"),
]
LATIN = [
    ("A-D-L-I", "appendix-c/#C.1"),
    ("Le-T-C-I", "appendix-c/#C.2"),
    ("ADLI", "appendix-c/#C.1"),
    ("LeTCI", "appendix-c/#C.2"),
    ("4.3.3", "guide/4.3/#4.3.3"),
    ("4.7.4", "guide/4.7/#4.7.4"),
    ("C.1", "appendix-c/#C.1"),
    ("GB/T 19580", "normative-references/"),
    ("general public", "terms/#3.1"),
    ("Levels-Trends-Comparisons-Integration", "guide/4.7/#4.7.1"),
]
QUERIES = TERMS + TITLES + PHRASINGS + LATIN

PLACEHOLDER = "键入以开始搜索"


def search_for(page: Page, base_url: str, query: str) -> list[tuple[str, str]]:
    """Type a query into the search box; return the entries a reader sees (location, href) once
    they stop changing."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    meta = "document.querySelector('.md-search-result__meta').textContent"
    page.wait_for_function(f"() => {meta}.includes('{PLACEHOLDER}')")
    box.fill(query)
    box.press("End")  # the search listens to key events
    page.wait_for_function(f"() => !{meta}.includes('{PLACEHOLDER}')")
    previous: list[str] | None = None
    while True:
        shown: list[str] = page.locator("a.md-search-result__link").evaluate_all(
            "links => links.filter(a => a.offsetParent !== null).map(a => a.href)"
        )
        if shown == previous:
            break
        previous = shown
        page.wait_for_timeout(200)
    return [(_location(base_url, href), href) for href in shown]


def _location(base_url: str, href: str) -> str:
    path, _, anchor = href.removeprefix(base_url).partition("#")
    return path.split("?")[0] + (f"#{anchor}" if anchor else "")


@pytest.fixture(scope="module")
def search_page(browser: Browser, base_url: str) -> Page:
    page = browser.new_page(locale="zh-CN")
    page.goto(base_url)
    page.locator("input.md-search__input").click()
    return page


def test_enough_queries_of_each_kind() -> None:
    assert len(QUERIES) >= 60
    assert min(len(TERMS), len(TITLES), len(PHRASINGS), len(LATIN)) >= 8


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
