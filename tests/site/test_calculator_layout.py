"""What the calculator's page renders at load (issue 16: the page must start light on a phone):
the items out of view are left to the browser to draw when they come near (content-visibility),
links to an item still land on it, print shows everything, and the phone's closed navigation
drawer is not rendered at all."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, ViewportSize

from tests.site.calc import SCHEME, choose, link, wait_ready

PHONE: ViewportSize = {"width": 412, "height": 823}  # Lighthouse's phone
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
ITEMS = [item.id for category in SCHEME.categories for item in category.items]

# items whose contents the browser skips (styles and layout not computed) because they are out
# of view: an item's first child is not visible to checkVisibility with contentVisibilityAuto
SKIPPED = """() => [...document.querySelectorAll('.calc-item')]
    .filter((item) => !item.firstElementChild.checkVisibility({contentVisibilityAuto: true}))
    .map((item) => item.dataset.item)"""


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def sized(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
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


def test_items_out_of_view_are_drawn_only_near_the_view(sized: Page, base_url: str) -> None:
    page = sized
    page.goto(link(base_url))
    wait_ready(page)
    skipped = page.evaluate(SKIPPED)
    # the first screen shows the top of the page and at most the first few items
    assert len(skipped) >= len(ITEMS) - 6, skipped
    assert "4.7.7" in skipped
    page.locator('[data-item="4.7.7"]').scroll_into_view_if_needed()
    page.wait_for_function(f"() => !({SKIPPED})().includes('4.7.7')")
    assert page.is_visible('[data-item="4.7.7"] input[name="band-4.7.7"][value="90"]')
    # the skipping is for the screen only: a printout has all of every item it prints
    page.emulate_media(media="print")
    assert (
        page.evaluate(
            "() => [...document.querySelectorAll('.calc-item')]"
            ".filter((item) => getComputedStyle(item).contentVisibility !== 'visible').length"
        )
        == 0
    )


@pytest.mark.parametrize("item", ["4.1.3", "4.4.6", "4.7.7"])
def test_a_link_to_an_item_lands_on_it(sized: Page, base_url: str, item: str) -> None:
    """The items above the target are drawn at their estimated height or not at all; the
    target still comes to rest just under the header, and stays there as they are drawn."""
    page = sized
    page.goto(base_url + f"calculator/#item-{item}")  # as the guide's 在计算器中为本条款评分
    wait_ready(page)
    page.wait_for_timeout(500)  # the charts and the first figures are drawn after ready
    selector = f'[data-item="{item}"]'
    assert 0 <= top_of(page, selector) - header_bottom(page) <= 40
    choose(page, item, 50)  # its descriptors appear below its choices: it stays where it is
    assert 0 <= top_of(page, selector) - header_bottom(page) <= 40


def test_the_item_index_lands_on_the_item(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN", service_workers="block")
    page = context.new_page()
    page.goto(link(base_url))
    wait_ready(page)
    for item in ["4.7.7", "4.2.2", "4.6.3"]:
        page.click(f'.calc-index a[href="#item-{item}"]')
        page.wait_for_function(f"() => document.activeElement.name === 'band-{item}'")
        assert 0 <= top_of(page, f'[data-item="{item}"]') - header_bottom(page) <= 40, item
    context.close()


DRAWER_LINKS = """() => [...document.querySelectorAll('.md-sidebar--primary a')]
    .filter((a) => a.checkVisibility()).length"""


def test_the_closed_drawer_is_not_rendered(browser: Browser, base_url: str) -> None:
    """On a phone the navigation drawer, while closed, is neither drawn nor reached by Tab; it is
    all there once opened, and hidden again once it has slid out."""
    context = browser.new_context(viewport=PHONE, locale="zh-CN", service_workers="block")
    page = context.new_page()
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
    context.close()
