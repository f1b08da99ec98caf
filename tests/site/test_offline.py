"""Intranet-ready: every page loads everything from the site's own origin, also under a sub-path."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page, Request, Response

EXTERNAL_PREFIXES = ("http://", "https://", "//")
# Tags that make the browser load a URL: <link href> (stylesheets, fonts, icons) and any src.
LOADING_LINK = re.compile(r"<link\b[^>]*\bhref=[\"'](?:https?:)?//", re.IGNORECASE)


def _visit(page: Page, url: str) -> tuple[list[str], list[str]]:
    """Open a page like a reader (search included); return outside requests and failures."""
    origin = urlsplit(url).netloc
    outside: list[str] = []
    failed: list[str] = []

    def on_request(request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.netloc != origin:
            outside.append(request.url)

    def on_response(response: Response) -> None:
        # the self-check asks for a page that is not there, to see the server's 404 page
        probe = response.url.endswith("/deploy-check-no-such-page/")
        if response.status >= 400 and not probe:
            failed.append(f"{response.status} {response.url}")

    page.on("request", on_request)

    def on_failed(request: Request) -> None:
        # Chromium reports a HEAD request whose answer has no body as aborted: the self-check's
        # own questions (it reads their status and headers, which the page checks itself)
        if not (request.method == "HEAD" and request.failure == "net::ERR_ABORTED"):
            failed.append(f"failed {request.url}")

    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    page.goto(url, wait_until="networkidle")
    if page.locator("#deploy-check").count():  # the self-check asks for every file: let it end
        page.wait_for_selector("#deploy-check[data-state=done]", timeout=60_000)
    # The search index and its worker load on first use of the search box.
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").fill("营商环境")
    page.wait_for_load_state("networkidle")
    return outside, failed


def test_every_page_is_listed(site_pages: list[str]) -> None:
    assert len(site_pages) >= 18


def test_no_request_leaves_the_origin(page: Page, site_pages: list[str], subpath_url: str) -> None:
    problems = []
    for path in site_pages:
        outside, failed = _visit(page, subpath_url + path)
        problems += [f"{path}: outside request {u}" for u in outside]
        problems += [f"{path}: {f}" for f in failed]
    assert problems == []


def test_no_outside_url_in_any_asset(site_dir: Path) -> None:
    """No page, script or stylesheet refers to another host for something it loads."""
    offenders = []
    for path in site_dir.rglob("*"):
        if path.suffix not in {".html", ".css", ".js", ".mjs"}:
            continue
        text = path.read_text("utf-8", errors="replace")
        name = path.relative_to(site_dir)
        offenders += [
            f"{name}: {attribute}{prefix}"
            for attribute in ('src="', "url(", "@import ")
            for prefix in EXTERNAL_PREFIXES
            if attribute + prefix in text
        ]
        offenders += [f"{name}: {m[0]}" for m in LOADING_LINK.finditer(text)]
    assert offenders == []
