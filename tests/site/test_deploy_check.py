"""A server set up wrong, as IT staff might: the calculator names the file, the server's answer and
the fix within 5 s, and the self-check page 部署自检 lists the fault with its fix; set up as
deploy/nginx.conf or deploy/apache.conf, every check of the self-check passes. And a plain-HTTP
host name (not a secure context): the self-check says so, the share link is still copied.

Each test starts the server it needs (nginx with a variant of deploy/nginx.conf, Apache with
deploy/apache.conf), so none is marked every_server."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from build_scripts.apache_server import serve_apache
from build_scripts.chromium import CHROMIUM, INTRANET, arguments
from build_scripts.nginx_server import CONFIG, serve_nginx
from build_scripts.static_server import LOCALHOST
from tests.site.calc import DOCUMENT, link, wait_total

CHECKS = ("files", "compression", "caching", "csp-page", "csp-worker", "headers", "subpath")
SELF_CHECK = "usage/deploy-check/"
_LOCATION = "        error_page 404 /standards/excellence/404.html;\n"


def _self_check(page: Page, url: str) -> dict[str, str]:
    """Each check's result (pass, warn, fail) and the page's whole text under "text"."""
    page.goto(url + SELF_CHECK)
    page.wait_for_selector("#deploy-check[data-state=done]", timeout=30_000)
    results = page.eval_on_selector_all(
        "#deploy-check [data-check]", "items => items.map(i => [i.dataset.check, i.dataset.result])"
    )
    return {**dict(results), "text": page.inner_text("#deploy-check")}


def _calculator_error(page: Page, url: str) -> str:
    """The calculator's message once it has given up, which must happen within 5 s."""
    start = time.monotonic()
    page.goto(link(url, DOCUMENT))
    page.wait_for_selector("[data-calculator-state=error]", timeout=10_000)
    elapsed = time.monotonic() - start
    message = page.inner_text("#calc-message")
    assert elapsed < 5, (elapsed, message)
    href = page.get_attribute("#calc-message a", "href", timeout=1_000)
    assert href is not None
    assert href.endswith(SELF_CHECK)
    return message


@contextmanager
def _without(copy: Path, site: Path, name: str | None) -> Iterator[None]:
    """`copy` missing the file `name` and its .gz and .br, as a copy that missed a file would (a
    twin left behind is what gzip_static sends); all back afterwards, for the next test."""
    names = () if name is None else (name, f"{name}.gz", f"{name}.br")
    gone = [n for n in names if (copy / n).exists()]
    for n in gone:
        (copy / n).unlink()
    try:
        yield
    finally:
        for n in gone:
            os.link(site / n, copy / n)


@pytest.fixture(scope="module")
def copy_of_site(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the site whose files a test may delete (hard links: no 35 MB copied)."""
    copy = tmp_path_factory.mktemp("broken") / "site"
    shutil.copytree(site_dir, copy, copy_function=os.link)
    return copy


@pytest.mark.parametrize("server", ["nginx", "apache"])
def test_the_reference_setups_pass(page: Page, site_dir: Path, server: str) -> None:
    serving: AbstractContextManager[str] = (
        serve_nginx(site_dir) if server == "nginx" else serve_apache(site_dir)
    )
    with serving as url:
        results = _self_check(page, url)
    text = results.pop("text")
    assert results == {**dict.fromkeys(CHECKS, "pass"), "secure": "pass", "engine": "pass"}, text
    assert "全部通过" in text


FAULTS = {
    # name: (change to nginx.conf, file deleted, words of the calculator, failing checks)
    "no .mjs type": (
        ("            text/javascript mjs;\n", ""),
        None,
        [".mjs", "text/plain", "AddType text/javascript .mjs", 'fileExtension=".mjs"'],
        {"files", "engine"},
    ),
    "no wasm-unsafe-eval": (
        (" 'wasm-unsafe-eval'", ""),
        None,
        ["内容安全策略", "'wasm-unsafe-eval'"],
        {"csp-worker", "engine"},
    ),
    "a deleted file": (
        None,
        "assets/pyodide/pyodide.asm.wasm",
        ["pyodide.asm.wasm", "404", 'mimeType="application/wasm"'],
        {"files", "engine"},
    ),
    "a refused file": (
        (_LOCATION, _LOCATION + "        location ~ \\.zip$ { return 403; }\n"),
        None,
        ["python_stdlib.zip", "403", "读取"],
        {"files", "engine"},
    ),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_fault_is_named_with_its_fix(
    page: Page, site_dir: Path, copy_of_site: Path, fault: str
) -> None:
    change, deleted, words, failing = FAULTS[fault]
    config = CONFIG.read_text("utf-8")
    if change:
        assert change[0] in config
        config = config.replace(change[0], change[1])
    with _without(copy_of_site, site_dir, deleted), serve_nginx(copy_of_site, config=config) as url:
        message = _calculator_error(page, url)
        results = _self_check(page, url)
    for word in words:
        assert word in message, (word, message)
    text = results.pop("text")
    assert {check for check, result in results.items() if result == "fail"} == failing, text
    assert "未通过" in text
    for word in words[:1]:
        assert word in text


def test_no_snapshot_is_no_error(page: Page, site_dir: Path, copy_of_site: Path) -> None:
    """A snapshot the server does not have: the normal start, no uncaught error."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    asked: list[int] = []
    page.on("response", lambda r: asked.append(r.status) if "snapshot.json" in r.url else None)
    manifest = "assets/pyodide/snapshot.json"
    with _without(copy_of_site, site_dir, manifest), serve_nginx(copy_of_site) as url:
        page.goto(link(url, DOCUMENT))
        wait_total(page, 407)
    assert asked == [404]
    assert errors == []


@pytest.fixture(scope="module")
def intranet(browser: Browser) -> Iterator[Browser]:
    """Chromium with a plain-HTTP host name: an origin that is not a secure context."""
    other = browser.browser_type.launch(executable_path=CHROMIUM, args=arguments(INTRANET))
    yield other
    other.close()


def test_a_plain_http_host(intranet: Browser, site_dir: Path) -> None:
    context = intranet.new_context(locale="zh-CN")
    page = context.new_page()
    with serve_nginx(site_dir) as local:
        url = local.replace(LOCALHOST, INTRANET)
        results = _self_check(page, url)
        text = results.pop("text")
        assert results == {**dict.fromkeys(CHECKS, "pass"), "secure": "warn", "engine": "pass"}
        assert "剪贴板" in text
        page.goto(link(url, DOCUMENT))
        wait_total(page, 407)
        assert page.evaluate("isSecureContext") is False
        assert page.evaluate("navigator.clipboard") is None
        page.evaluate(
            """() => document.addEventListener("copy", (event) => {
                const box = event.target;
                window.copied = box.value.slice(box.selectionStart, box.selectionEnd);
            })"""
        )
        page.click('[data-action="share"]')
        page.wait_for_function("() => window.copied !== undefined")
        shared = page.input_value("#share-link")
        assert page.evaluate("window.copied") == shared
        assert "分享链接已复制" in page.inner_text("#calc-message")
    context.close()
