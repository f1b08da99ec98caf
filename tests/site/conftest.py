"""Fixtures for tests of the built site: a real MkDocs build, a static server, real Chromium."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from build_scripts.apache_server import serve_apache
from build_scripts.chromium import launch
from build_scripts.nginx_server import SUBPATH, serve_nginx
from build_scripts.static_server import LOCALHOST, serve
from tests.conftest import ROOT
from tests.site import csp


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `make site` builds it (mkdocs build --strict), into a temporary folder; or,
    with $BUILT_SITE (`make test` sets it), the folder `make site` has just built, so that the
    two passes of `make test` build the site once instead of twice."""
    if built := os.environ.get("BUILT_SITE"):
        assert (Path(built) / "index.html").is_file(), f"BUILT_SITE={built} holds no built site"
        return Path(built).resolve()
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="session")
def csp_reports() -> Iterator[csp.Reports]:
    """Every CSP violation the browser reports during the session: none may arrive, including
    any reported after the test that caused it had finished."""
    with csp.collect() as reports:
        yield reports
        late = reports.since(0)
        assert not late, "Content-Security-Policy violations:\n" + "\n".join(late)


@pytest.fixture(scope="session")
def nginx_url(site_dir: Path, csp_reports: csp.Reports) -> Iterator[str]:
    """The site under Debian's nginx with deploy/nginx.conf, at its sub-path."""
    with serve_nginx(site_dir, report_to=csp_reports.url) as url:
        yield url


@pytest.fixture(scope="session")
def apache_url(site_dir: Path, csp_reports: csp.Reports) -> Iterator[str]:
    """The site under Debian's apache2 with deploy/apache.conf, at its sub-path."""
    with serve_apache(site_dir, report_to=csp_reports.url) as url:
        yield url


def under_policy(request: pytest.FixtureRequest) -> bool:
    """nginx or Apache (``--server``), with their CSP; not Python's static server."""
    return bool(request.config.getoption("--server") != "python")


def named(request: pytest.FixtureRequest, url: str) -> str:
    """`url` under the host name of ``--host`` (Chromium resolves it to the loopback address)."""
    host = request.config.getoption("--host")
    return url.replace(f"//{LOCALHOST}:", f"//{host}:", 1) if host else url


def server_url(request: pytest.FixtureRequest) -> str:
    """The site on the pass's server (``--server nginx`` or ``apache``)."""
    return str(request.getfixturevalue(f"{request.config.getoption('--server')}_url"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every browser test runs once against nginx (the default ``--server``); the tests whose
    outcome can depend on the server say why with ``@pytest.mark.every_server("reason")``, and
    ``make test`` runs those again on every other server it tries (``-m every_server``)."""
    for item in items:
        marker = item.get_closest_marker("every_server")
        if marker is not None and not (marker.args and isinstance(marker.args[0], str)):
            msg = f"{item.nodeid}: every_server needs the reason the server can change the outcome"
            raise pytest.UsageError(msg)


@pytest.fixture(scope="session")
def base_url(request: pytest.FixtureRequest, site_dir: Path) -> Iterator[str]:
    """The site's root: nginx with deploy/nginx.conf or Apache with deploy/apache.conf (at their
    sub-path), or Python's static server (as `make serve`) with --server python; under the host
    name of --host if given."""
    if under_policy(request):
        yield named(request, server_url(request))
        return
    with serve(site_dir) as url:
        yield named(request, url)


@pytest.fixture(scope="session")
def subpath_url(request: pytest.FixtureRequest, site_dir: Path) -> Iterator[str]:
    if under_policy(request):  # nginx and Apache serve the site under its sub-path already
        yield named(request, server_url(request))
        return
    with serve(site_dir, SUBPATH) as url:
        yield named(request, url)


@pytest.fixture(autouse=True)
def no_csp_violations(request: pytest.FixtureRequest) -> Iterator[None]:
    """Under nginx or Apache, every test fails that made the browser report a CSP violation."""
    if not under_policy(request):
        yield
        return
    reports: csp.Reports = request.getfixturevalue("csp_reports")
    start = len(reports.received)
    yield
    found = reports.since(start)
    assert not found, "Content-Security-Policy violations:\n" + "\n".join(found)


@pytest.fixture(scope="session")
def browser(request: pytest.FixtureRequest) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = launch(playwright, request.config.getoption("--host"))
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page in a fresh profile, without the site's service worker: once it controls a page, its
    answers from the cache bypass ``page.route``, which many tests use (Playwright's own advice).
    tests/site/test_service_worker.py opens contexts with the worker."""
    context = browser.new_context(locale="zh-CN", service_workers="block")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def site_pages(site_dir: Path) -> list[str]:
    """Every page of the site as a path relative to its root ('' for the home page)."""
    pages = []
    for path in sorted(site_dir.rglob("index.html")):
        relative = path.parent.relative_to(site_dir).as_posix()
        pages.append("" if relative == "." else relative + "/")
    return pages
