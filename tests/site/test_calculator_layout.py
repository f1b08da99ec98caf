"""Where the calculator's page puts the reader, and what a phone renders at load: a link to an
item (the guide's 在计算器中为本条款评分) and the item index land on the item; the phone's closed
navigation drawer is not rendered at all (issue 16: the page must start light on a phone)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, ViewportSize

from tests.site.calc import SCHEME, choose, link, wait_ready

PHONE: ViewportSize = {"width": 412, "height": 823}  # Lighthouse's phone
DESKTOP: ViewportSize = {"width": 1280, "height": 800}


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def sized(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page of the given size (both unless a test names one with indirect=True)."""
    context = browser.new_context(viewport=request.param, locale="zh-CN", service_workers="block")
    yield context.new_page()
    context.close()


def top_of(page: Page, selector: str) -> float:
    return float(
        page.evaluate(
            "(selector) => document.querySelector(selector).getBoundingClientRect().top",
            selector,
        )
    )


def header_bottom(page: Page) -> float:
    return float(
        page.evaluate("() => document.querySelector('.md-header').getBoundingClientRect().bottom")
    )


@pytest.mark.parametrize("item", ["4.1.3", "4.4.6", "4.7.7"])
def test_a_link_to_an_item_lands_on_it(sized: Page, base_url: str, item: str) -> None:
    """The target comes to rest just under the header, and stays there once the engine has
    filled the form and the item's descriptors have appeared."""
    page = sized
    page.goto(base_url + f"calculator/#item-{item}")  # as the guide's 在计算器中为本条款评分
    wait_ready(page)
    page.wait_for_timeout(500)  # the charts and the first figures are drawn after ready
    selector = f'[data-item="{item}"]'
    assert 0 <= top_of(page, selector) - header_bottom(page) <= 40
    choose(page, item, 50)  # its descriptors appear below its choices: it stays where it is
    assert 0 <= top_of(page, selector) - header_bottom(page) <= 40


@pytest.mark.parametrize("sized", [DESKTOP], ids=["desktop"], indirect=True)
def test_the_item_index_lands_on_the_item(sized: Page, base_url: str) -> None:
    page = sized
    page.goto(link(base_url))
    wait_ready(page)
    for item in ["4.7.7", "4.2.2", "4.6.3"]:
        page.click(f'.calc-index a[href="#item-{item}"]')
        page.wait_for_function(f"() => document.activeElement.name === 'band-{item}'")
        assert 0 <= top_of(page, f'[data-item="{item}"]') - header_bottom(page) <= 40, item


def test_the_item_index_names_each_item(page: Page, base_url: str) -> None:
    """Each index link names its item in its title (set after the theme's tooltips are mounted),
    as the scheme words it, and keeps it when hovered: the browser's tooltip, not the theme's."""
    page.goto(base_url + "calculator/")
    wait_ready(page)
    page.wait_for_function("() => document.querySelector('.calc-index__item').title !== ''")
    titles = page.eval_on_selector_all(
        ".calc-index__item", "(links) => links.map((a) => [a.hash, a.title])"
    )
    assert titles == [
        [f"#item-{item.id}", f"{item.id} {item.name}（{item.points}分）"]
        for category in SCHEME.categories
        for item in category.items
    ]
    page.hover('.calc-index a[href="#item-4.4.6"]')
    assert page.get_attribute('.calc-index a[href="#item-4.4.6"]', "title") == titles[11][1]


DRAWER_LINKS = """() => [...document.querySelectorAll('.md-sidebar--primary a')]
    .filter((a) => a.checkVisibility()).length"""


@pytest.mark.parametrize("sized", [PHONE], ids=["phone"], indirect=True)
def test_the_closed_drawer_is_not_rendered(sized: Page, base_url: str) -> None:
    """On a phone the navigation drawer, while closed, is neither drawn nor reached by Tab; it is
    all there once opened, and hidden again once it has slid out."""
    page = sized
    page.goto(base_url)
    assert page.evaluate(DRAWER_LINKS) == 0
    for _ in range(12):  # Tab through the top of the page: never into the closed drawer
        page.keyboard.press("Tab")
        assert not page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')")
    page.click("label.md-header__button[for=__drawer]")
    page.wait_for_function(f"() => ({DRAWER_LINKS})() >= 10")
    page.get_by_role("link", name="附录B 组织概述").wait_for()
    page.mouse.click(PHONE["width"] - 10, PHONE["height"] // 2)  # the overlay closes it
    page.wait_for_function(f"() => ({DRAWER_LINKS})() === 0")
    page.click("label.md-header__button[for=__drawer]")
    page.get_by_role("link", name="附录B 组织概述").click()
    page.wait_for_url("**/appendix-b/")
