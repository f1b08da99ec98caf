"""The calculator as an instrument: the total in view while scoring, one click (or key) per
choice, one announcement per change, charts updated in place, the clause one click away."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.site.calc import (
    DOCUMENT_TOTAL,
    SCHEME,
    choose,
    link,
    total,
    wait_ready,
    wait_total,
    with_score,
)

# every element a screen reader treats as a live region
LIVE = "[aria-live], [role=status], [role=alert], [role=log], [role=timer], output"


IN_VIEWPORT = """(selector) => {
    const element = document.querySelector(selector);
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.top < 0 || box.bottom > innerHeight) return false;
    const x = box.x + box.width / 2, y = box.y + box.height / 2;
    return element.contains(document.elementFromPoint(x, y));
}"""


def in_viewport(page: Page, selector: str) -> bool:
    """The element is on screen and nothing covers its centre."""
    return bool(page.evaluate(IN_VIEWPORT, selector))


def scroll_to(page: Page, selector: str) -> None:
    """Scroll until the element is on screen, uncovered, as a reader would: on a phone an item
    scrolled to is drawn in the next frame (content-visibility), and the items drawn on the way,
    taller or shorter than their placeholders, may move it out of view again."""
    page.wait_for_function(
        f"""(selector) => {{
            if (({IN_VIEWPORT})(selector)) return true;
            document.querySelector(selector).scrollIntoView({{ block: "center" }});
            return false;
        }}""",
        arg=selector,
        timeout=5_000,
    )


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
def test_total_stays_in_view_while_scoring(
    browser: Browser, base_url: str, width: int, height: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    page = context.new_page()
    page.goto(link(base_url))
    wait_ready(page)
    wait_total(page, DOCUMENT_TOTAL)
    scroll_to(page, '[data-item="4.7.7"] input[name="band-4.7.7"][value="90"]')
    choose(page, "4.7.7", 95)
    wait_total(page, with_score("4.7.7", 95))
    assert in_viewport(page, "#total-score")
    assert in_viewport(page, "#scored-items")
    if width < 600:  # the phone's bar opens the whole summary
        assert not page.is_visible('[data-category-total="4.7"]')
        page.click(".calc-summary__toggle")
        assert in_viewport(page, '[data-category-total="4.7"]')
    else:
        assert in_viewport(page, '[data-category-total="4.7"]')
        assert in_viewport(page, "#radar-chart")
    context.close()


def test_scoring_with_the_keyboard_alone(page: Page, base_url: str) -> None:
    page.goto(base_url + "calculator/")
    wait_ready(page)
    wait_total(page, 0)
    page.evaluate(
        """(selector) => {
            window.announced = [];
            const regions = [...document.querySelectorAll(selector)];
            window.liveRegions = regions.length;
            new MutationObserver((records) => {
                for (const region of new Set(records.map((r) => r.target.nodeType === 1
                        ? r.target.closest(selector) : r.target.parentElement.closest(selector)))) {
                    if (region) window.announced.push([region.id, region.textContent]);
                }
            }).observe(document.getElementById("calculator"),
                       { subtree: true, childList: true, characterData: true });
        }""",
        LIVE,
    )
    presses = 0
    while not page.evaluate("document.activeElement.classList.contains('calc-skip')"):
        page.keyboard.press("Tab")
        presses += 1
        assert presses <= 12, "the skip link should be among the first few stops"
    page.keyboard.press("Enter")  # → 4.1.2's band choice

    expected: list[float] = []

    def step(key: str, expected_total: float) -> None:
        before = page.evaluate("window.announced.length")
        page.keyboard.press(key)
        wait_total(page, expected_total)
        page.wait_for_function("(n) => window.announced.length > n", arg=before)
        expected.append(expected_total)

    def exactly_one_announcement_per_change() -> None:
        # a second announcement for a change would come before the next change's: the list of
        # all of them, in order, has one entry per change
        announced = page.evaluate("window.announced")
        assert len(announced) == len(expected), announced
        for (region, text), expected_total in zip(announced, expected, strict=True):
            assert region == "calc-live"
            assert text.startswith(f"总分 {expected_total:g} / {SCHEME.total}")

    # 4.1.2 (60 points): band 0–5 → 10–25 → 30–45 (30 %), then the step 35 %
    step("ArrowRight", 0)
    step("ArrowRight", 6)
    step("ArrowRight", 18)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "percent-4.1.2"
    step("ArrowRight", 21)
    # Tab past the clause and the two buttons that add a comment to 4.1.3 (30 points): band
    # 50–65 % at once
    for _ in range(4):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "band-4.1.3"
    for key, expected_total in [("ArrowRight", 21), ("ArrowRight", 24), ("ArrowRight", 30)]:
        step(key, expected_total)
    # the item index reaches 4.7.7 in one step; the keyboard lands on its band choice
    page.click('.calc-index a[href="#item-4.7.7"]')
    page.wait_for_function("() => document.activeElement.name === 'band-4.7.7'")
    step("ArrowRight", 30)
    step("ArrowRight", 35)
    assert page.is_checked('input[name="percent-4.7.7"][value="10"]')
    step("ArrowRight", 45)  # band 30–45 %: the last change, after which every earlier one counts
    exactly_one_announcement_per_change()
    assert page.evaluate("window.liveRegions") <= 2  # the total's region and the message box
    assert page.get_attribute("#scored-items", "data-value") == "3"


CHART = "(id) => window.Chart && Chart.getChart(document.getElementById(id))"


@pytest.mark.every_server("Chart.js, vendored, is a module the server must type")
def test_charts_update_in_place(page: Page, base_url: str) -> None:
    page.goto(link(base_url))
    wait_ready(page)
    wait_total(page, DOCUMENT_TOTAL)
    # a chart is made a frame after the figures once its canvas is near the viewport: the radar
    # beside the form at once, the bar chart below the items only when it is scrolled to
    page.wait_for_function(f"() => ({CHART})('radar-chart')")
    assert not page.evaluate(f"() => ({CHART})('items-chart')")
    page.locator("#items-chart").scroll_into_view_if_needed()
    page.wait_for_function(f"() => ({CHART})('items-chart')")
    page.evaluate(
        """() => { window.before = ["radar-chart", "items-chart"].map(
            (id) => Chart.getChart(document.getElementById(id))); }"""
    )
    radar_before = page.evaluate("() => window.before[0].data.datasets[0].data[6]")
    bar_before = page.evaluate("() => window.before[1].data.datasets[0].data[22]")
    choose(page, "4.7.7", 95)
    wait_total(page, with_score("4.7.7", 95))
    page.wait_for_function(f"() => window.before[0].data.datasets[0].data[6] !== {radar_before}")
    page.locator("#items-chart").scroll_into_view_if_needed()
    page.wait_for_function(f"() => window.before[1].data.datasets[0].data[22] !== {bar_before}")
    same = page.evaluate(
        """() => ["radar-chart", "items-chart"].map(
            (id, n) => Chart.getChart(document.getElementById(id)) === window.before[n])"""
    )
    assert same == [True, True]
    radar_after = page.evaluate("() => window.before[0].data.datasets[0].data[6]")
    assert radar_after > radar_before
    assert page.evaluate("() => window.before[1].data.datasets[0].data[22]") > bar_before
    assert page.evaluate("() => window.before[0].options.animation") is False
    # the palette switch recolours the same charts
    page.click("label[for='__palette_1']")
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    same = page.evaluate(
        "() => Chart.getChart(document.getElementById('radar-chart')) === window.before[0]"
    )
    assert same is True


def test_a_phone_loads_chart_js_only_for_a_chart_in_view(browser: Browser, base_url: str) -> None:
    """On a phone the summary starts folded and the bar chart is below the items: no chart is
    made, and Chart.js is not even fetched, until the reader opens the summary."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "chart.umd" in r.url else None)
    page.goto(link(base_url))
    wait_ready(page)
    wait_total(page, DOCUMENT_TOTAL)
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => setTimeout(done)))")
    assert fetched == []
    assert page.evaluate("() => typeof window.Chart") == "undefined"
    page.click(".calc-summary__toggle")
    page.wait_for_function(f"() => ({CHART})('radar-chart')")
    assert len(fetched) == 1
    assert not page.evaluate(f"() => ({CHART})('items-chart')")
    context.close()


def test_category_collapses_with_its_subtotal(page: Page, base_url: str) -> None:
    page.goto(link(base_url))
    wait_ready(page)
    wait_total(page, DOCUMENT_TOTAL)
    subtotal = page.inner_text('[data-category-subtotal="4.1"]')
    assert subtotal == page.get_attribute('[data-category-total="4.1"]', "data-value")
    page.click("#category-4\\.1 .calc-category__toggle")
    assert not page.is_visible('[data-item="4.1.2"]')
    assert page.is_visible('[data-category-subtotal="4.1"]')
    page.click('.calc-index a[href="#item-4.1.3"]')  # reaching an item opens its category
    assert page.is_visible('[data-item="4.1.3"]')


def test_clause_text_from_the_guide(page: Page, base_url: str) -> None:
    page.goto(base_url + "calculator/")
    wait_ready(page)
    # not a second copy in the calculator page: the words arrive from the guide's page
    assert "民主集中制" not in page.content()
    page.click('[data-item="4.1.2"] .calc-clause summary')
    clause = page.locator('[data-item="4.1.2"] .calc-clause__text')
    clause.get_by_text("民主集中制", exact=False).wait_for()
    text = clause.inner_text()
    assert "确定方向" in text  # the clause's list a)–f)
    assert "4.1.3" not in text.split("在指南中阅读")[0]  # stops at the next clause
    assert "在计算器中为本条款评分" not in text
    assert total(page) == "0"
