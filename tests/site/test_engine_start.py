"""When the calculator's engine starts (boot.js says why): from the top of the page on a machine
of more than two cores, once the page is parsed on one of two or fewer; the same figures either
way."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.site.calc import DOCUMENT_TOTAL, link, wait_ready, wait_total

# the number of cores the page sees, and each worker it starts with the document's state then
RECORD_WORKERS = """
Object.defineProperty(Navigator.prototype, "hardwareConcurrency", { get: () => CORES });
window.__workers = [];
const Original = window.Worker;
window.Worker = class extends Original {
  constructor(url, options) {
    super(url, options);
    window.__workers.push({ url: String(url), state: document.readyState });
  }
};
"""


@pytest.mark.parametrize(("cores", "state"), [(8, "loading"), (2, "interactive")])
def test_the_engine_starts_early_only_with_cores_to_spare(
    browser: Browser, base_url: str, cores: int, state: str
) -> None:
    context = browser.new_context()
    context.add_init_script(RECORD_WORKERS.replace("CORES", str(cores)))
    page = context.new_page()
    page.goto(link(base_url))
    wait_ready(page)
    wait_total(page, DOCUMENT_TOTAL)
    workers = page.evaluate("() => window.__workers")
    engines = [w["state"] for w in workers if "/calculator/worker.mjs" in w["url"]]
    assert engines == [state]  # one engine, started then
    context.close()
