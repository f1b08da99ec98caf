"""The site offline after one visit: the service worker Workbox generates at build time, the web app
manifest, versions that never mix, nothing on plain HTTP; the precompressed files nginx sends.

The offline visit runs on a server of its own that is shut down after the first visit, so that
nothing can come from the network; on the nginx pass it is an nginx with deploy/nginx.conf,
whose Content-Security-Policy violations fail the test (conftest's ``no_csp_violations``).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import brotli
import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from build_scripts.bench import CONTROLLED
from build_scripts.chromium import CHROMIUM, INTRANET, arguments
from build_scripts.hooks import deploy_check, precompress, service_worker, web_manifest
from build_scripts.nginx_server import serve_nginx
from build_scripts.static_server import LOCALHOST, serve
from tests.site import calc, csp
from tests.site.conftest import under_policy
from tests.site.search import search_for

REGISTERED = "async () => Boolean(await navigator.serviceWorker.getRegistration())"
BANNER = ".site-update"


@contextmanager
def own_server(request: pytest.FixtureRequest, site: Path) -> Iterator[str]:
    """A server for one test, to be shut down in it: nginx, or Python's with --server python."""
    if under_policy(request):
        reports: csp.Reports = request.getfixturevalue("csp_reports")
        with serve_nginx(site, report_to=reports.url) as url:
            yield url
    else:
        with serve(site) as url:
            yield url


def first_visit(context: BrowserContext, url: str) -> Page:
    """Open `url` and wait until the service worker has filled its cache and controls the page."""
    page = context.new_page()
    page.goto(url)
    page.wait_for_function(CONTROLLED, timeout=60_000)
    return page


def problems(page: Page) -> list[str]:
    """Collects the page's console errors, uncaught errors and failed requests from now on."""
    found: list[str] = []
    page.on("console", lambda m: found.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: found.append(str(error)))
    page.on(
        "requestfailed",  # but those a navigation cut short, as a reader's next click does
        lambda r: (
            found.append(f"{r.url}: {r.failure}") if r.failure != "net::ERR_ABORTED" else None
        ),
    )
    return found


def test_the_worker_precaches_every_file_of_the_site(site_dir: Path, site_pages: list[str]) -> None:
    entries = service_worker.precached(site_dir)
    for page in site_pages:
        assert page + "index.html" in entries, page
    # the engine and the search, named one by one, then every other file but the twins, the maps
    # and the self-check's list of files (written after the worker: the self-check asks the
    # server, never a cache)
    for needed in (
        "search/search_index.json",
        "assets/javascripts/search/worker.js",
        "assets/javascripts/calculator/worker.mjs",
        "assets/pyodide/pyodide.asm.wasm",
        "assets/pyodide/python_stdlib.zip",
        "assets/pyodide/snapshot.bin",
        "assets/pyodide/gov_excellence_calculator-0.1.0-py3-none-any.whl",
        web_manifest.NAME,
        web_manifest.ICON,
    ):
        assert needed in entries, needed
    files = {
        path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*")
        if path.is_file() and path.suffix not in {".gz", ".br", ".map"} and path.name != "sw.js"
    } - {deploy_check.DATA}
    assert set(entries) == files
    # each file under its content's revision (or a name that carries its hash): a changed file
    # is a new entry, so a new build is taken whole
    for url, revision in entries.items():
        data = (site_dir / url).read_bytes()
        if revision is None:
            assert re.search(r"\.[0-9a-f]{8}\.min\.(js|css)$", url), url
        else:
            assert revision == hashlib.md5(data, usedforsecurity=False).hexdigest(), url


def test_offline_after_one_visit(
    request: pytest.FixtureRequest, browser: Browser, site_dir: Path
) -> None:
    context = browser.new_context(locale="zh-CN")
    try:
        with own_server(request, site_dir) as url:
            page = first_visit(context, url)
            # installable: Chromium's own checks find nothing missing (a test's profile is an
            # incognito one, which Chromium names but which is no fault of the site)
            cdp = context.new_cdp_session(page)
            errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
            assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == []
            manifest = cdp.send("Page.getAppManifest")
            assert manifest["errors"] == []
            assert manifest["manifest"]["name"] == "政府部门实施卓越绩效评价指南"
            assert manifest["manifest"]["startUrl"] == url
        context.set_offline(True)  # and the server is gone: nothing can come from the network
        page = context.new_page()
        found = problems(page)
        for path, heading in (
            ("guide/4.3/", "4.3 公众与社会"),
            ("appendix-c/", "C.1"),
            ("training/case/", "培训案例"),
        ):
            page.goto(url + path)
            assert heading in page.locator("article").inner_text(), path
        entries = search_for(page, url, "营商环境")
        assert any(location.startswith("guide/4.3/") for location, _ in entries), entries
        page.goto(calc.link(url))
        calc.wait_ready(page)
        calc.wait_total(page, calc.DOCUMENT_TOTAL)
        # the calculator names its search worker with #after-engine: the same precached file
        page.locator("input.md-search__input").click()
        entries = search_for(page, url, "营商环境")
        assert any(location.startswith("guide/4.3/") for location, _ in entries), entries
        assert found == []
    finally:
        context.close()


def _patch(site: Path, mark: str) -> None:
    """A new build: a word added to the home page and to the search index, a new sw.js."""
    home = site / "index.html"
    home.write_text(
        home.read_text("utf-8").replace(
            "</article>", f'<p id="build-mark">{mark}</p></article>', 1
        ),
        "utf-8",
    )
    index = site / "search" / "search_index.json"
    data = json.loads(index.read_text("utf-8"))
    data["docs"][0]["text"] += mark
    index.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    service_worker.generate(site)


_INDEX_HAS = (
    "(mark) => fetch('search/search_index.json').then(r => r.text()).then(t => t.includes(mark))"
)
_PRECACHED_HOMES = """async () => {
  const keys = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) keys.push(request.url);
  }
  return keys.filter((key) => new URL(key).pathname.endsWith("/index.html")
    && !new URL(key).pathname.slice(1).includes("/"));
}"""


def _copy(site_dir: Path, tmp_path: Path) -> Path:
    """A copy of the site for one test to change, served by Python's server (no twins needed)."""
    site = tmp_path / "site"
    shutil.copytree(site_dir, site, ignore=shutil.ignore_patterns("*.gz", "*.br"))
    return site


def test_a_new_build_is_taken_whole_when_the_reader_refreshes(
    browser: Browser, site_dir: Path, tmp_path: Path
) -> None:
    site = _copy(site_dir, tmp_path)
    context = browser.new_context(locale="zh-CN")
    try:
        with serve(site) as url:
            page = first_visit(context, url)
            found = problems(page)
            _patch(site, "第二版")
            page.reload()  # the browser finds the new sw.js; the page stays the old version
            page.wait_for_selector(BANNER, timeout=60_000)
            assert page.locator(BANNER).inner_text().startswith("本站有新版本")
            assert page.locator("#build-mark").count() == 0
            # the new files are on the server, yet the old page still gets the old ones
            assert page.evaluate(_INDEX_HAS, "第二版") is False
            with page.expect_navigation():
                page.get_by_role("button", name="刷新").click()
            page.wait_for_selector("#build-mark")
            assert page.evaluate(_INDEX_HAS, "第二版") is True
            assert page.locator(BANNER).count() == 0
            # the old version's entries are gone: one home page in the caches, the new one
            homes = page.evaluate(_PRECACHED_HOMES)
            revision = service_worker.precached(site)["index.html"]
            assert homes == [f"{url}index.html?__WB_REVISION__={revision}"]
        assert found == []
    finally:
        context.close()


_REGISTERED_THEN_GONE = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  if (registration) window.swWasRegistered = true;
  return window.swWasRegistered === true && !registration;
}"""


def test_a_failed_precache_leaves_the_site_working_online(
    browser: Browser, site_dir: Path, tmp_path: Path
) -> None:
    site = _copy(site_dir, tmp_path)
    (site / "sitemap.xml").unlink()  # in the precache, needed by no page: the install fails
    context = browser.new_context(locale="zh-CN")
    try:
        with serve(site) as url:
            page = context.new_page()
            found = problems(page)
            page.goto(url)
            page.wait_for_function(_REGISTERED_THEN_GONE, polling=50, timeout=60_000)
            assert page.evaluate("navigator.serviceWorker.controller") is None
            page.goto(url + "guide/4.3/")
            entries = search_for(page, url, "营商环境")
            assert any(location.startswith("guide/4.3/") for location, _ in entries), entries
            assert page.locator(BANNER).count() == 0
        assert found == []
    finally:
        context.close()


def test_on_plain_http_nothing_is_registered_and_nothing_errors(
    browser: Browser, base_url: str
) -> None:
    plain = base_url.replace(f"//{LOCALHOST}:", f"//{INTRANET}:", 1)  # the same server and path
    intranet = browser.browser_type.launch(executable_path=CHROMIUM, args=arguments(INTRANET))
    try:
        for origin, secure in ((plain, False), (base_url, True)):
            context = intranet.new_context(locale="zh-CN")
            page = context.new_page()
            found = problems(page)
            page.goto(origin)
            page.goto(origin + "guide/4.1/", wait_until="load")
            assert page.evaluate("isSecureContext") is secure
            if secure:  # the same browser and site on localhost: it registers
                page.wait_for_function(REGISTERED)
            else:
                assert page.evaluate("'serviceWorker' in navigator") is False
                assert context.service_workers == []
            assert found == [], origin
            context.close()
    finally:
        intranet.close()


def test_the_precompressed_files_are_their_originals(site_dir: Path) -> None:
    twins = {".gz": gzip.decompress, ".br": brotli.decompress}
    checked = 0
    for path in site_dir.rglob("*"):
        if path.suffix not in precompress.COMPRESSIBLE or not path.is_file():
            continue
        data = path.read_bytes()
        for suffix, decompress in twins.items():
            twin = path.with_name(path.name + suffix)
            if len(data) > 1024:  # a tiny file may gain nothing from compression
                assert twin.is_file(), twin
            if twin.is_file():
                assert decompress(twin.read_bytes()) == data, twin
                checked += 1
    assert checked > 200


def _get(url: str, encoding: str | None) -> tuple[dict[str, str], bytes]:
    headers = {"Accept-Encoding": encoding} if encoding else {}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    with urllib.request.urlopen(request) as response:  # noqa: S310
        return dict(response.headers), response.read()


@pytest.mark.parametrize("path", ["", "assets/pyodide/snapshot.bin", "sw.js"])
def test_nginx_sends_the_precompressed_files(nginx_url: str, site_dir: Path, path: str) -> None:
    file = site_dir / (path or "index.html")
    headers, body = _get(nginx_url + path, "gzip")
    assert headers.get("Content-Encoding") == "gzip"
    assert body == file.with_name(file.name + ".gz").read_bytes()  # the build's, at level 9
    headers, body = _get(nginx_url + path, None)
    assert "Content-Encoding" not in headers
    assert body == file.read_bytes()
