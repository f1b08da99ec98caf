"""Benchmark: how long until the calculator shows its first result, and what the reader downloads.

Builds nothing: run it on a built site (`make site`). It serves site/ on localhost, opens the
calculator page in headless Chromium RUNS times with an empty cache, and reads the
``calculator-ready`` performance mark (first result on screen, from navigation start).

    uv run python -m build_scripts.bench_startup [RUNS]
"""

from __future__ import annotations

import functools
import gzip
import statistics
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def main(runs: int) -> int:
    handler = functools.partial(_Quiet, directory=str(SITE))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/calculator/"
    times: list[float] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for _ in range(runs):
            page = browser.new_context().new_page()
            page.goto(url)
            page.wait_for_selector('#calculator[data-calculator-state="ready"]', timeout=120_000)
            times.append(
                page.evaluate("performance.getEntriesByName('calculator-ready')[0].startTime")
            )
            page.context.close()
        browser.close()
    server.shutdown()
    files = list((SITE / "assets" / "pyodide").iterdir())
    runtime = sum(p.stat().st_size for p in files)
    gzipped = sum(len(gzip.compress(p.read_bytes(), 6)) for p in files)
    sys.stdout.write(
        f"calculator ready (first result on screen), {runs} cold loads: "
        f"median {statistics.median(times) / 1000:.2f} s, "
        f"min {min(times) / 1000:.2f} s, max {max(times) / 1000:.2f} s\n"
        f"Python runtime + wheel in site/assets/pyodide: {runtime / 1e6:.1f} MB, "
        f"{gzipped / 1e6:.1f} MB gzipped\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
