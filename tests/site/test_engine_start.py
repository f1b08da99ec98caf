"""When the calculator's engine starts (boot.js says why): from the top of the page on a machine
of more than two cores, once the page's first frame is painted on one of two or fewer; the same
figures either way."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.site.calc import DOCUMENT_TOTAL, link, wait_ready, wait_total

# the number of cores the page sees, and each worker it starts with the document's state then and
# whether a frame had been painted
RECORD_WORKERS = """
Object.defineProperty(Navigator.prototype, "hardwareConcurrency", { get: () => CORES });
window.__workers = [];
const Original = window.Worker;
window.Worker = class extends Original {
  constructor(url, options) {
    super(url, options);
    window.__workers.push({
      url: String(url),
      state: document.readyState,
      painted: performance.getEntriesByType("paint").length > 0,
    });
  }
};
"""


@pytest.mark.parametrize(
    ("cores", "start"), [(8, {"state": "loading", "painted": False}), (2, {"painted": True})]
)
def test_the_engine_starts_early_only_with_cores_to_spare(
    browser: Browser, base_url: str, cores: int, start: dict[str, object]
) -> None:
    context = browser.new_context()
    context.add_init_script(RECORD_WORKERS.replace("CORES", str(cores)))
    page = context.new_page()
    page.goto(link(base_url))
    wait_ready(page)
    wait_total(page, DOCUMENT_TOTAL)
    workers = page.evaluate("() => window.__workers")
    engines = [
        {key: w[key] for key in start} for w in workers if "/calculator/worker.mjs" in w["url"]
    ]
    assert engines == [start]  # one engine, started then
    context.close()


def test_requests_wait_for_a_later_start(browser: Browser, base_url: str) -> None:
    """The client's startAfter: no worker before it settles, requests held meanwhile and answered
    after; a client closed before it never starts one."""
    context = browser.new_context()
    context.add_init_script(RECORD_WORKERS.replace("CORES", "2"))
    page = context.new_page()
    page.goto(base_url + "guide/4.1/")  # a page with no engine of its own
    outcome = page.evaluate(
        """async () => {
            const { EngineClient } = await import("../../assets/javascripts/calculator/client.mjs");
            const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
            const engines = () =>
                window.__workers.filter((w) => w.url.includes("/calculator/worker.mjs")).length;
            let go;
            const client = new EngineClient({ startAfter: new Promise((r) => (go = r)) });
            const scheme = client.request("scheme");
            await sleep(300);
            const before = engines();
            go();
            const categories = (await scheme).categories.length;
            const after = engines();
            client.terminate();
            let goClosed;
            const closed = new EngineClient({ startAfter: new Promise((r) => (goClosed = r)) });
            const refused = closed.request("scheme").catch((error) => error.message);
            closed.terminate();
            goClosed();
            await sleep(300);
            return { before, categories, after, refused: await refused,
                     finally: engines() };
        }"""
    )
    assert outcome == {
        "before": 0,
        "categories": 7,
        "after": 1,
        "refused": "已关闭",
        "finally": 1,
    }
    context.close()
