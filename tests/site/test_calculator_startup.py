"""Start-up from the build's memory snapshot, and the normal start when the snapshot cannot be
used: missing, made for another Pyodide, or not restorable. The page must work every time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route

from tests.site.calc import DOCUMENT_TOTAL, link, wait_ready, wait_total

WHEEL = "calculator-*-py3-none-any.whl"  # fetched only when Python starts the normal way


def watch(page: Page) -> list[str]:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    return fetched


@pytest.mark.every_server(
    "the runtime, the wheel and the snapshot come from the server, with its types"
)
def test_the_snapshot_is_used(page: Page, base_url: str) -> None:
    fetched = watch(page)
    page.goto(link(base_url))
    wait_ready(page)
    wait_total(page, DOCUMENT_TOTAL)
    assert any(url.endswith("/snapshot.bin") for url in fetched)
    assert not any(url.endswith(".whl") for url in fetched)


def _corrupted(site_dir: Path) -> bytes:
    """The snapshot with its header intact and its memory damaged."""
    data = bytearray((site_dir / "assets/pyodide/snapshot.bin").read_bytes())
    for offset in range(1 << 20, len(data), 4096):
        data[offset] ^= 0xFF
    return bytes(data)


def _another_build(route: Route) -> None:
    manifest = json.loads(route.fetch().text())
    route.fulfill(json={**manifest, "pyodide": "0.0.0"})


def _wrong_answer(route: Route) -> None:
    """A snapshot that restores, but whose engine answers its probe otherwise than CPython."""
    manifest = json.loads(route.fetch().text())
    manifest["probe"]["reply"]["result"]["total"] += 1
    route.fulfill(json=manifest)


@pytest.mark.parametrize(
    "case", ["missing", "another-build", "not-restorable", "truncated", "wrong-answer"]
)
def test_without_a_usable_snapshot_python_starts_the_normal_way(
    page: Page, base_url: str, site_dir: Path, case: str
) -> None:
    if case == "missing":
        page.route("**/snapshot.json", lambda route: route.fulfill(status=404))
    elif case == "another-build":
        page.route("**/snapshot.json", _another_build)
    elif case == "wrong-answer":
        page.route("**/snapshot.json", _wrong_answer)
    elif case == "not-restorable":
        damaged = _corrupted(site_dir)
        page.route("**/snapshot.bin", lambda route: route.fulfill(body=damaged))
    else:
        whole = (site_dir / "assets/pyodide/snapshot.bin").read_bytes()
        page.route("**/snapshot.bin", lambda route: route.fulfill(body=whole[: len(whole) // 2]))
    fetched = watch(page)
    page.goto(link(base_url))
    wait_ready(page)
    wait_total(page, DOCUMENT_TOTAL)
    assert any(url.endswith(".whl") for url in fetched), "the normal start loads the wheel"
    assert page.is_hidden("#calc-message") or "失败" not in page.inner_text("#calc-message")


def test_a_reading_page_never_loads_the_engine(page: Page, base_url: str) -> None:
    fetched = watch(page)
    for path in ["", "guide/4.1/", "appendix-c/"]:
        page.goto(base_url + path, wait_until="networkidle")
    engine = [url for url in fetched if "/pyodide/" in url or "/calculator/" in url]
    assert engine == []


def test_a_snapshot_that_never_arrives_is_given_up(page: Page, base_url: str) -> None:
    """The engine client's boot watchdog replaces a first worker stuck on its snapshot with one
    that starts Python the normal way, once."""
    page.route("**/snapshot.bin", lambda _: None)  # never answered
    fetched = watch(page)
    page.goto(base_url + "calculator/")
    outcome = page.evaluate(
        """async () => {
            const { EngineClient } = await import("../assets/javascripts/calculator/client.mjs");
            const statuses = [];
            const client = new EngineClient({
                bootMs: 10000, onStatus: (state) => statuses.push(state) });
            const scheme = await client.request("scheme");
            client.terminate();
            return { statuses, items: scheme.categories.length };
        }"""
    )
    assert outcome["items"] == 7
    assert "failed" not in outcome["statuses"][:-1]  # only the terminate() at the end
    assert "ready" in outcome["statuses"]
    assert any(url.endswith("worker.mjs?normal") for url in fetched)
