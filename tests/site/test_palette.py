"""The header's light/dark switch (assets/javascripts/theme/switch.js in place of the theme's
palette component): applied while the header is parsed, never again at load; the system's choice
on a first visit, the meta tags, the mouse and the keyboard as with the theme's (its markup:
test_hosting.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

# Every write of a palette attribute on <body> while the page loads, and whether the page's
# content had been parsed when it was made (a write after that restyles the whole page).
RECORD_WRITES = """
window.__paletteWrites = [];
new MutationObserver((records) => {
  for (const record of records) {
    const palette = record.attributeName.startsWith("data-md-color");
    if (record.target !== document.body || !palette) continue;
    window.__paletteWrites.push({
      name: record.attributeName,
      afterContent: document.querySelector("[data-md-component=content]") !== null,
    });
  }
}).observe(document, { attributes: true, subtree: true });
"""

STATE = """() => ({
  scheme: document.body.dataset.mdColorScheme,
  colorScheme: document.querySelector("meta[name=color-scheme]").content,
  themeColor: document.querySelector("meta[name=theme-color]").content,
  shown: [...document.querySelectorAll("form[data-palette] label")]
    .filter((label) => !label.hidden).map((label) => label.htmlFor),
})"""


@pytest.mark.parametrize("path", ["", "calculator/"])
def test_no_palette_restyle_once_the_content_is_parsed(
    page: Page, base_url: str, path: str
) -> None:
    """The theme's component wrote the palette again (and data-md-color-switching) after the
    whole page was parsed, restyling every element three times at load."""
    page.add_init_script(RECORD_WRITES)
    page.goto(base_url + path)  # until the load event: the theme's bundle has run
    writes = page.evaluate("() => window.__paletteWrites")
    assert writes, "the palette was never applied"
    assert [w for w in writes if w["afterContent"]] == []
    assert "data-md-color-switching" not in {w["name"] for w in writes}


FIRST_VISIT = {  # the system's choice: the palette, its color-scheme, the switch shown
    "light": ("default", "light", "__palette_1"),
    "dark": ("slate", "dark", "__palette_0"),
}


@pytest.mark.parametrize("system", list(FIRST_VISIT))
def test_first_visit_follows_the_system(browser: Browser, base_url: str, system: str) -> None:
    scheme, color_scheme, shown = FIRST_VISIT[system]
    context = browser.new_context(color_scheme=system)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(base_url + "guide/4.1/")
    state = page.evaluate(STATE)
    assert state == {
        "scheme": scheme,
        "colorScheme": color_scheme,
        "themeColor": "#4051b5",  # indigo, the header's colour in both palettes
        "shown": [shown],
    }
    # and it is remembered: the next page starts in it even if the system changes
    page.emulate_media(color_scheme="light" if system == "dark" else "dark")
    page.goto(base_url + "appendix-b/")
    assert page.evaluate(STATE)["scheme"] == scheme
    context.close()


def test_the_switch_by_mouse_and_by_keyboard(page: Page, base_url: str) -> None:
    page.goto(base_url + "guide/4.1/")
    page.click("label[for='__palette_1']")
    state = page.evaluate(STATE)
    assert (state["scheme"], state["colorScheme"], state["shown"]) == (
        "slate",
        "dark",
        ["__palette_0"],
    )
    # the theme's CSS turns transitions off while switching, and back on after
    page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")
    page.focus("#__palette_1")
    page.keyboard.press("Enter")
    assert page.evaluate(STATE)["scheme"] == "default"
    assert page.evaluate("() => document.activeElement.id") == "__palette_0"
    page.keyboard.press("Enter")
    assert page.evaluate(STATE)["scheme"] == "slate"
    stored = page.evaluate(
        "() => Object.entries(localStorage).find(([key]) => key.endsWith('__palette'))"
    )
    assert stored is not None
    assert '"index":1' in stored[1]
