"""axe-core (from npm, package-lock.json) on every page of the built site in both palettes, the
calculator with every item scored and the scorebook's editors open (profile, key factors,
comments of every field): no serious or critical violation. Rules are not disabled;
the theme's shortfalls are fixed with our CSS (guide.css) and a build hook (search_dialog.py)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.site.axe import run_axe
from tests.site.calc import DOCUMENT_TOTAL, SCOREBOOK, link, wait_total
from tests.training import PAGES as TRAINING_PAGES

PALETTES = {"light": "default", "dark": "slate"}  # the reader's system setting → the theme's


@pytest.mark.parametrize("palette", list(PALETTES))
def test_every_page_in_both_palettes(
    browser: Browser, base_url: str, site_pages: list[str], palette: str
) -> None:
    pages = site_pages
    assert {"", "appendix-a/", "appendix-c/", "guide/4.7/", "calculator/", *TRAINING_PAGES} <= set(
        pages
    )
    context = browser.new_context(locale="zh-CN", color_scheme=palette)  # type: ignore[arg-type]
    page = context.new_page()
    found: dict[str, list[dict[str, Any]]] = {}
    try:
        for path in pages:
            if path == "calculator/":  # every item scored: bars, radar, priorities; the editors
                page.goto(link(base_url, SCOREBOOK))
                wait_total(page, DOCUMENT_TOTAL)
                page.click("#calc-profile > summary")
                page.click("#calc-key-factors > summary")
                page.wait_for_selector(".calc-key-factor")
            else:
                page.goto(base_url + path)
            assert page.get_attribute("body", "data-md-color-scheme") == PALETTES[palette]
            if violations := run_axe(page):
                found[path or "(home)"] = violations
    finally:
        context.close()
    assert not found, found
