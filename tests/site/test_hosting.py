"""Hosting as IT staff will: Debian's nginx with deploy/nginx.conf, a strict Content-Security-Policy
(no inline script or style, no hashes, no 'unsafe-inline'), the right types, gzip and caching.

Every browser test runs against this nginx (the default ``--server``), failing any test during
which the browser reports a CSP violation; these tests check the server's own answers."""

from __future__ import annotations

import gzip
import importlib.util
import re
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Page

from build_scripts.nginx_server import CONFIG, SUBPATH, serve_nginx
from tests.conftest import ROOT
from tests.site import csp
from tests.site.calc import DOCUMENT, link, wait_total
from tests.site.search import search_for

OURS = ROOT / "docs" / "assets" / "javascripts" / "theme"


def _theme_partial(name: str) -> str:
    """A partial of the installed theme (partials/<name>)."""
    theme = importlib.util.find_spec("material")
    assert theme is not None
    assert theme.origin is not None
    return (Path(theme.origin).parent / "templates" / "partials" / name).read_text("utf-8")


def _theme_script(name: str) -> str:
    """The inline script of the theme's partials/javascripts/<name>."""
    text = _theme_partial(f"javascripts/{name}")
    scripts: list[str] = re.findall(r"<script>(.*?)</script>", text, re.DOTALL)
    return scripts[-1]


@pytest.mark.parametrize(
    ("ours", "theirs", "placeholder", "replacement"),
    [
        (
            "scope.js",
            "base.html",
            '"{{ config.extra.scope | d(base_url) }}"',
            "document.currentScript.dataset.scope",
        ),
        ("anchor.js", "content.html", "", ""),
    ],
)
def test_theme_scripts_are_the_theme_s_own(
    ours: str, theirs: str, placeholder: str, replacement: str
) -> None:
    """Our files replace the theme's inline scripts; after a theme upgrade this says which
    changed, so that they are copied again rather than silently drifting."""
    code = "\n".join(
        line for line in (OURS / ours).read_text("utf-8").splitlines() if not line.startswith("//")
    )
    expected = _theme_script(theirs)
    if placeholder:
        assert placeholder in expected
        expected = expected.replace(placeholder, replacement)
    assert code == expected


def test_the_palette_switch_is_the_theme_s() -> None:
    """Our partials/palette.html is the theme's but for the mark that keeps the theme's bundle
    from mounting it (theme/switch.js works it instead), and no option of mkdocs.yml is the
    theme's automatic one, which switch.js does not handle; after a theme upgrade or a new
    option this says what changed."""
    ours = (ROOT / "overrides" / "partials" / "palette.html").read_text("utf-8")
    theirs = _theme_partial("palette.html")
    ours, theirs = (text[text.index("<form") :] for text in (ours, theirs))  # past the comments
    assert ours == theirs.replace('data-md-component="palette"', "data-palette", 1)
    media = re.findall(r'media: "([^"]*)"', (ROOT / "mkdocs.yml").read_text("utf-8"))
    assert media == ["(prefers-color-scheme: light)", "(prefers-color-scheme: dark)"]


class _Inline(HTMLParser):
    """Inline script, inline style and event-handler attributes, which a strict CSP blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and "src" not in names and names.get("type") != "application/json":
            self.found.append(f"<script> at line {self.getpos()[0]}")
        if tag == "style":
            self.found.append(f"<style> at line {self.getpos()[0]}")
        self.found += [
            f"{tag} {name}= at line {self.getpos()[0]}"
            for name, _ in attrs
            if name == "style" or name.startswith("on")
        ]


def test_no_page_has_inline_script_or_style(site_dir: Path) -> None:
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 15
    for page in pages:
        parser = _Inline()
        parser.feed(page.read_text("utf-8"))
        assert not parser.found, (page.relative_to(site_dir), parser.found)


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})  # noqa: S310
    try:
        with urllib.request.urlopen(request) as response:  # noqa: S310 - our local nginx
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, dict(error.headers), error.read()


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("", "text/html; charset=utf-8"),
        ("guide/4.7/", "text/html; charset=utf-8"),
        ("calculator/", "text/html; charset=utf-8"),
        ("assets/javascripts/calculator/app.mjs", "text/javascript; charset=utf-8"),
        ("assets/pyodide/pyodide.mjs", "text/javascript; charset=utf-8"),
        ("assets/pyodide/pyodide.asm.wasm", "application/wasm"),
        ("assets/pyodide/pyodide-lock.json", "application/json; charset=utf-8"),
        ("search/search_index.json", "application/json; charset=utf-8"),
        ("assets/javascripts/search/worker.js", "application/javascript; charset=utf-8"),
    ],
)
def test_types_and_compression(nginx_url: str, path: str, kind: str) -> None:
    status, headers, body = _get(nginx_url + path)
    assert status == 200
    assert headers["Content-Type"] == kind
    assert headers.get("Content-Encoding") == "gzip"
    assert headers.get("Vary") == "Accept-Encoding"
    assert gzip.decompress(body)  # really gzip


def test_cache_long_only_for_hashed_theme_files(nginx_url: str, site_dir: Path) -> None:
    bundle = next((site_dir / "assets" / "javascripts").glob("bundle.*.min.js")).name
    hashed = _get(nginx_url + "assets/javascripts/" + bundle)[1]
    assert hashed["Cache-Control"] == "public, max-age=31536000, immutable"
    for path in ("", "calculator/", "assets/pyodide/snapshot.bin", "search/search_index.json"):
        assert _get(nginx_url + path)[1]["Cache-Control"] == "no-cache", path


def _policy(headers: dict[str, str]) -> dict[str, list[str]]:
    value = headers["Content-Security-Policy"].split("; report-uri")[0]
    return {
        directive.split()[0]: directive.split()[1:]
        for directive in value.split(";")
        if directive.strip()
    }


def test_strict_policy_on_every_response(nginx_url: str) -> None:
    for path in ("", "guide/4.1/", "calculator/", "assets/vendor/chart.umd.min.js", "nope/"):
        status, headers, _ = _get(nginx_url + path)
        assert status in (200, 404)
        policy = _policy(headers)
        assert policy["default-src"] == ["'none'"]
        assert policy["script-src"] == ["'self'"]
        assert policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        text = headers["Content-Security-Policy"]
        for loose in ("unsafe-inline", "unsafe-eval", "sha256-", "sha384-", "nonce-", "*"):
            assert loose not in text, (path, loose)
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["X-Frame-Options"] == "DENY"
        assert "Server" not in headers or headers["Server"] == "nginx"  # no version


def test_only_the_engine_worker_may_compile_webassembly(nginx_url: str) -> None:
    worker = _policy(_get(nginx_url + "assets/javascripts/calculator/worker.mjs")[1])
    assert worker["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
    assert worker["default-src"] == ["'none'"]
    for path in (
        "calculator/",
        "assets/javascripts/search/worker.js",
        "assets/pyodide/pyodide.mjs",
    ):
        assert "'wasm-unsafe-eval'" not in _policy(_get(nginx_url + path)[1])["script-src"]


def test_sub_path_without_slash_redirects(nginx_url: str) -> None:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *_: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as caught:
        opener.open(nginx_url.rstrip("/"))
    with caught.value as response:
        assert response.code == 301
        assert response.headers["Location"].endswith(SUBPATH)


def test_palette_choice_carries_to_the_next_page(
    page: Page, nginx_url: str, csp_reports: csp.Reports
) -> None:
    """The theme's scope script and our palette switch, files, still run before the first
    paint."""
    start = len(csp_reports.received)
    page.goto(nginx_url + "guide/4.1/")
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    page.click("label[for='__palette_1']")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    page.goto(nginx_url + "appendix-c/")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    page.locator("input.md-search__input").click()  # search starts under the policy too
    entries = search_for(page, nginx_url, "财务结果")
    assert entries[0][0] == "guide/4.7/#4.7.4"
    assert not csp_reports.since(start)


def test_print_under_the_policy(page: Page, nginx_url: str, csp_reports: csp.Reports) -> None:
    start = len(csp_reports.received)
    page.add_init_script("window.print = () => { window.__printed = true; }")  # no dialog here
    page.goto(link(nginx_url, DOCUMENT))
    wait_total(page, 407)
    page.click('[data-action="print"]')
    page.wait_for_function("() => window.__printed === true")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert "总分 407 / 1000" in page.inner_text("#calc-print .feedback__totals")
    assert not csp_reports.since(start)


def test_a_policy_without_webassembly_is_reported_at_once(page: Page, site_dir: Path) -> None:
    """A server that sends the pages' policy with the worker too: the reader learns in seconds,
    not after the minute-long boot watchdog, and the message says what the server lacks."""
    config = CONFIG.read_text("utf-8").replace(" 'wasm-unsafe-eval'", "")
    with serve_nginx(site_dir, config=config) as url:
        page.goto(link(url, DOCUMENT))
        page.wait_for_selector("[data-calculator-state=error]", timeout=15_000)
    message = page.inner_text("#calc-message")
    assert "内容安全策略" in message
    assert "'wasm-unsafe-eval'" in message
