"""Benchmark: how soon the calculator answers, next to Pyodide as it comes, and what it costs.

Run on a built site (`make bench` builds it first). It serves site/ on localhost and opens, in
headless Chromium, interleaved run after run so that all three see the same machine:

- the calculator page (`calculator/`),
- a bare page booting the site's own Pyodide the default way in a module worker ("stock"),
- a bare page restoring the site's snapshot and making one call ("floor": the least it can take),

each in a fresh browser profile (cold) and then once more in the same profile (second visit),
timed from navigation to the page's own `calculator-ready` performance mark. Then it times
recomputes (the change of one item → the new total in the DOM) inside the page, counts what a
cold visit transfers with gzip and with brotli (the build's precompressed twins of the files it
fetched, as nginx's gzip_static and brotli_static send them) and what the service worker then
precaches (the whole site), and checks that a reading page of the guide loads no Pyodide. Last,
it times the site's search worker per keystroke over the readers' queries of the search tests
(tests/data/search-queries.json).
It prints the figures and writes them into BENCHMARKS.md, in its section.

    uv run python -m build_scripts.bench [RUNS]
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import re
import statistics
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, sync_playwright

from build_scripts.chromium import launch
from build_scripts.hooks.service_worker import precached
from build_scripts.measurements import write_section
from build_scripts.static_server import serve

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
PAGES = ROOT / "build_scripts" / "bench_pages"
QUERY_FILE = ROOT / "tests" / "data" / "search-queries.json"  # the readers' queries, as tested
SEARCH_WORKER = ROOT / "docs" / "assets" / "javascripts" / "search" / "worker.js"
TARGETS = {
    "calculator": "calculator/",
    "stock": "bench/reference.html?stock",
    "floor": "bench/reference.html?floor",
}
READY = "performance.getEntriesByName('calculator-ready').length > 0"
CONTROLLED = "() => navigator.serviceWorker.controller !== null"  # (also the service-worker tests)
READY_AT = "performance.getEntriesByName('calculator-ready')[0].startTime"

# In the page: change items one after another; time each change event → new total in the DOM.
RECOMPUTE = """async (rounds) => {
  const total = document.getElementById("total-score");
  const times = [];
  const radios = [...document.querySelectorAll('input[name^="band-"]')].filter((r) => r.value);
  for (let n = 0; n < rounds; n++) {
    const radio = radios[(n * 7) % radios.length];
    if (radio.checked) continue;
    const changed = new Promise((resolve) => {
      const observer = new MutationObserver(() => { observer.disconnect(); resolve(); });
      observer.observe(total, { attributes: true, attributeFilter: ["data-value"] });
    });
    const start = performance.now();
    radio.click();
    await changed;
    times.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  return times;
}"""


# In the page: the site's search worker, set up from the site's index, then every prefix of every
# query sent as a reader types it; the time from QUERY to RESULT for each keystroke. The message
# types are the worker's own (`types`, read from worker.js).
SEARCH = """async ({ queries, types }) => {
  const base = document.querySelector("#__config") && JSON.parse(
    document.querySelector("#__config").textContent);
  const index = await (await fetch(new URL("search/search_index.json", location.href))).json();
  const worker = new Worker(new URL(base.search, location.href));
  const reply = () => new Promise((resolve) => { worker.onmessage = ({ data }) => resolve(data); });
  let start = performance.now();
  const data = { config: index.config, docs: index.docs, options: {} };
  worker.postMessage({ type: types.SETUP, data });
  if ((await reply()).type !== types.READY) throw new Error("the search worker is not ready");
  const setup = performance.now() - start;
  const times = [];
  for (const query of queries) {
    for (let n = 1; n <= query.length; n++) {
      start = performance.now();
      worker.postMessage({ type: types.QUERY, data: query.slice(0, n) });
      if ((await reply()).type !== types.RESULT) throw new Error("the search worker is silent");
      times.push(performance.now() - start);
    }
  }
  worker.terminate();
  return { setup, times };
}"""


def search_queries(text: str) -> list[str]:
    """Every query of the search tests' file (tests/data/search-queries.json), in its order."""
    kinds: dict[str, dict[str, list[list[str]]]] = {
        kind: cases for kind, cases in json.loads(text).items() if isinstance(cases, dict)
    }
    return [case[0] for cases in kinds.values() for case in cases["cases"]]


def message_types(worker: str) -> dict[str, int]:
    """The numbers of the search worker's messages (the theme's SETUP, READY, QUERY, RESULT), as
    worker.js declares them."""
    declared = re.findall(r"^const ([A-Z]+) = (\d+);$", worker, re.MULTILINE)
    found = {name: int(number) for name, number in declared}
    types = {name: found[name] for name in ("SETUP", "READY", "QUERY", "RESULT") if name in found}
    if len(types) != 4:
        msg = f"{SEARCH_WORKER} no longer declares `const SETUP = 0;` … `const RESULT = 3;`"
        raise ValueError(msg)
    return types


def _search(browser: Browser, url: str, queries: list[str]) -> tuple[float, list[float]]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    types = message_types(SEARCH_WORKER.read_text("utf-8"))
    outcome = page.evaluate(SEARCH, {"queries": queries, "types": types})
    context.close()
    return outcome["setup"], outcome["times"]


def _open(page: Page, url: str) -> float:
    page.goto(url)
    page.wait_for_function(READY, timeout=120_000, polling=50)
    started: float = page.evaluate(READY_AT)
    return started


def _visit(
    browser: Browser, url: str, fetched: list[str] | None = None, *, offline: bool = False
) -> tuple[float, float]:
    """Cold (fresh profile) and second-visit start-up of one page, in ms. With `offline` (the
    site's pages), the second visit waits for the service worker to have filled its cache and
    taken the page over, as when a reader comes back: it starts from that cache."""
    context = browser.new_context()
    page = context.new_page()
    if fetched is not None:
        page.on("requestfinished", lambda request: fetched.append(request.url))
    cold = _open(page, url)
    if offline:
        page.wait_for_function(CONTROLLED, timeout=120_000, polling=50)
    page.goto("about:blank")
    again = _open(page, url)
    context.close()
    return cold, again


def _file(url: str, base: str) -> Path | None:
    path = urlsplit(url).path.removeprefix(urlsplit(base).path)
    file = SITE / path
    if path.endswith("/") or not path:
        file = file / "index.html"
    return file if file.is_file() else None


def _sent(file: Path, suffix: str) -> int:
    """What a server sends for `file` with the build's twin of `suffix` (.gz or .br), as nginx's
    gzip_static and brotli_static do; a file without one (already compressed) as stored."""
    twin = file.with_name(file.name + suffix)
    return (twin if twin.is_file() else file).stat().st_size


def _transfer(files: list[Path]) -> tuple[int, int, int]:
    """Bytes of `files`: as stored, with gzip and with brotli, summed from the build's
    precompressed twins (the bytes nginx sends, headers left out)."""
    unique = list(dict.fromkeys(files))
    return (
        sum(file.stat().st_size for file in unique),
        sum(_sent(file, ".gz") for file in unique),
        sum(_sent(file, ".br") for file in unique),
    )


def _fetched(urls: list[str], base: str) -> list[Path]:
    return [file for url in urls if (file := _file(url, base)) is not None]


def _precache() -> list[Path]:
    """What the service worker downloads on a first visit, besides the page: the whole site."""
    return [SITE / url for url in precached(SITE)]


def _recompute(browser: Browser, url: str, rounds: int, *, cached: bool) -> list[float]:
    """Recompute times on a first visit, while the service worker fills its cache in the
    background, or (`cached`) on a visit after that, from the cache."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    if cached:
        page.wait_for_function(CONTROLLED, timeout=120_000, polling=50)
        page.goto("about:blank")
        page.goto(url)
    page.wait_for_selector('#calculator[data-calculator-state="ready"]', timeout=120_000)
    page.wait_for_timeout(500)  # charts drawn, page idle
    times: list[float] = page.evaluate(RECOMPUTE, rounds)
    context.close()
    return times


def _guide_loads_pyodide(browser: Browser, url: str) -> bool:
    context = browser.new_context()
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(url + "guide/4.1/", wait_until="networkidle")
    context.close()
    return any("/pyodide/" in u or "/calculator/" in urlsplit(u).path for u in fetched)


def _search_index_size() -> str:
    index = SITE / "search" / "search_index.json"
    data = index.read_bytes()
    return f"{len(data) / 1e3:.0f} KB ({len(gzip.compress(data, 6)) / 1e3:.0f} KB gzipped)"


def _spread(values: list[float]) -> str:
    return (
        f"median {statistics.median(values) / 1000:.2f} s "
        f"({min(values) / 1000:.2f}–{max(values) / 1000:.2f})"
    )


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def _ratio(times: dict[str, list[float]]) -> str:
    return f"{statistics.median(times['calculator']) / statistics.median(times['floor']):.2f}"


@dataclass
class Run:
    """What one `make bench` measured: times in ms, transfers in bytes (as stored, as sent)."""

    machine: str  # names the number of runs
    cold: dict[str, list[float]]
    again: dict[str, list[float]]
    transfer: dict[str, tuple[int, int, int]]
    precache: tuple[int, int, int]
    recompute: list[float]  # a first visit, while the service worker fills its cache
    recompute_cached: list[float]  # a later visit, from that cache
    guide_loads_pyodide: bool
    search_index: str
    search_setup: float
    search: list[float]
    queries: int


def table(run: Run) -> str:
    """The run as BENCHMARKS.md shows it: a line on the machine, a table, a list."""
    lines = [
        run.machine,
        "",
        "| page | cold start | second visit | cold transfer: gzip | brotli | as stored |",
        "|---|---|---|---|---|---|",
    ]
    for name in run.cold:
        raw, gz, br = run.transfer[name]
        lines.append(
            f"| {name} | {_spread(run.cold[name])} | {_spread(run.again[name])} | "
            f"{gz / 1e6:.1f} MB | {br / 1e6:.1f} MB | {raw / 1e6:.1f} MB |"
        )
    raw, gz, br = run.precache
    stock = statistics.median(run.cold["stock"])
    calculator = statistics.median(run.cold["calculator"]) / stock
    floor = statistics.median(run.cold["floor"]) / stock
    pyodide = "yes" if run.guide_loads_pyodide else "no"
    lines += [
        "",
        f"- cold start, calculator ÷ stock: {calculator:.2f}× (floor ÷ stock: {floor:.2f}×)",
        (
            f"- calculator ÷ floor: cold start {_ratio(run.cold)}×, "
            f"second visit {_ratio(run.again)}× (medians)"
        ),
        (
            f"- recompute (change → new total in the DOM), {len(run.recompute)} changes: "
            f"median {statistics.median(run.recompute):.1f} ms, p95 {_p95(run.recompute):.1f} ms "
            "on a first visit (the service worker filling its cache meanwhile); "
            f"median {statistics.median(run.recompute_cached):.1f} ms, "
            f"p95 {_p95(run.recompute_cached):.1f} ms on a later visit"
        ),
        f"- a reading page (guide/4.1/) loads Pyodide: {pyodide}",
        (
            f"- then, in a secure context, the service worker's precache of the whole site: "
            f"{gz / 1e6:.1f} MB gzip, {br / 1e6:.1f} MB brotli ({raw / 1e6:.1f} MB as stored)"
        ),
        (
            "- transfers: the files the cold visit fetched, each counted as the build's "
            "precompressed twin nginx sends (gzip_static, brotli_static), headers left out"
        ),
        (
            f"- search: index of {run.search_index} set up in {run.search_setup:.0f} ms; "
            f"{len(run.search)} keystrokes of {run.queries} queries: "
            f"median {statistics.median(run.search):.1f} ms, p95 {_p95(run.search):.1f} ms, "
            f"max {max(run.search):.1f} ms per keystroke"
        ),
    ]
    return "\n".join(lines) + "\n"


def main(runs: int) -> int:
    if not (SITE / "assets" / "pyodide" / "snapshot.json").is_file():
        sys.stderr.write("site/ is not built: run `make site` first\n")
        return 2
    queries = search_queries(QUERY_FILE.read_text("utf-8"))
    cold: dict[str, list[float]] = {name: [] for name in TARGETS}
    again: dict[str, list[float]] = {name: [] for name in TARGETS}
    fetched: dict[str, list[str]] = {name: [] for name in TARGETS}
    with serve(SITE, mounts={"/bench/": PAGES}) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        for number in range(runs):
            for name, path in TARGETS.items():
                urls = fetched[name] if number == 0 else None
                first, second = _visit(browser, base + path, urls, offline=name == "calculator")
                cold[name].append(first)
                again[name].append(second)
        recompute = _recompute(browser, base + TARGETS["calculator"], 60, cached=False)
        recompute_cached = _recompute(browser, base + TARGETS["calculator"], 60, cached=True)
        guide_pyodide = _guide_loads_pyodide(browser, base)
        search_setup, search = _search(browser, base, queries)
        version = browser.version
        browser.close()
    machine = (
        f"{datetime.now(UTC):%Y-%m-%d}, {platform.node()}: {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Chromium {version} headless, localhost, {runs} runs interleaved"
    )
    run = Run(
        machine=machine,
        cold=cold,
        again=again,
        transfer={name: _transfer(_fetched(fetched[name], base)) for name in TARGETS},
        precache=_transfer(_precache()),
        recompute=recompute,
        recompute_cached=recompute_cached,
        guide_loads_pyodide=guide_pyodide,
        search_index=_search_index_size(),
        search_setup=search_setup,
        search=search,
        queries=len(queries),
    )
    text = table(run)
    sys.stdout.write(text)
    write_section("make bench", text)
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 7))
