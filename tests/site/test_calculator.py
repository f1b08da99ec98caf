"""The calculator page end to end: real Chromium, the built site, the real Pyodide.

Every figure on the page is compared with what the CLI prints for the same document.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Route

from calculator import browser as engine
from calculator.scheme import load_scheme
from tests.conftest import ROOT
from tests.test_assessment import INVALID_DATA
from tests.test_scoring import _scores, _vectors

SCHEME = load_scheme()
BOOT_TIMEOUT = 120_000  # ms; a cold Pyodide start takes a few seconds on this machine
REALISTIC = next(v for v in _vectors() if v[0] == "realistic")
DOCUMENT: dict[str, Any] = {
    "format": "excellence-assessment",
    "version": 1,
    "title": "某局 2025 年自评",
    "scores": _scores(REALISTIC[1], SCHEME),
    "notes": {"4.1.2": {"strengths": "班子分工明确", "opportunities": "绩效管理待加强"}},
    "generator": "e2e",
}


def cli_json(document: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "calculator", "score", str(path), "--format", "json"],
        capture_output=True,
        check=True,
        cwd=ROOT,
    )
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def fragment(text: str) -> str:
    return "#assessment=" + base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def wait_ready(page: Page) -> None:
    page.wait_for_selector(
        '#calculator[data-calculator-state="ready"], #calculator[data-calculator-state="error"]',
        timeout=BOOT_TIMEOUT,
    )
    assert page.get_attribute("#calculator", "data-calculator-state") == "ready"


def shown(page: Page) -> dict[str, Any]:
    """The figures on the page, read from their data-value attributes."""

    def value(selector: str) -> str | None:
        return page.get_attribute(selector, "data-value")

    return {
        "total": value("#total-score"),
        "process": value("#process-score"),
        "results": value("#results-score"),
        "scored_items": value("#scored-items"),
        "categories": {c.id: value(f'[data-category-total="{c.id}"]') for c in SCHEME.categories},
        "items": {i.id: value(f'[data-item-points="{i.id}"]') for i in SCHEME.items},
    }


def expected(cli: dict[str, Any]) -> dict[str, Any]:
    return {
        "total": str(cli["total"]),
        "process": str(cli["process"]),
        "results": str(cli["results"]),
        "scored_items": str(cli["scored_items"]),
        "categories": {k: str(v["points"]) for k, v in cli["categories"].items()},
        "items": {k: str(v["points"]) for k, v in cli["items"].items()},
    }


def wait_total(page: Page, total: object) -> None:
    page.wait_for_function(
        f"() => document.getElementById('total-score').dataset.value === '{total}'"
    )


def test_fragment_matches_the_cli(page: Page, base_url: str, tmp_path: Path) -> None:
    outside: list[str] = []
    origin = urlsplit(base_url).netloc
    page.on(
        "request", lambda r: outside.append(r.url) if urlsplit(r.url).netloc != origin else None
    )
    page.goto(base_url + "calculator/" + fragment(json.dumps(DOCUMENT, ensure_ascii=False)))
    wait_ready(page)
    cli = cli_json(DOCUMENT, tmp_path)
    wait_total(page, cli["total"])
    assert shown(page) == expected(cli)
    assert cli["total"] == 407  # the hand-checked golden vector
    assert page.input_value("#assessment-title") == "某局 2025 年自评"
    assert page.input_value('textarea[name="strengths-4.1.2"]') == "班子分工明确"
    assert page.evaluate("performance.getEntriesByName('calculator-ready').length") == 1
    assert "#assessment=" not in page.url  # consumed, so a reload keeps later edits
    assert outside == []


def test_import_file_change_and_reload(page: Page, base_url: str, tmp_path: Path) -> None:
    page.goto(base_url + "calculator/")
    wait_ready(page)
    path = tmp_path / "import.json"
    path.write_text(json.dumps(DOCUMENT, ensure_ascii=False), "utf-8")
    page.set_input_files("#import-file", str(path))
    wait_total(page, 407)
    assert shown(page) == expected(cli_json(DOCUMENT, tmp_path))
    # change one item: 4.7.4 from 40 % to 75 % (80 points: 32 → 60)
    page.select_option('select[name="band-4.7.4"]', "70")
    page.select_option('select[name="percent-4.7.4"]', "75")
    changed = {**DOCUMENT, "scores": {**DOCUMENT["scores"], "4.7.4": 75}}
    cli = cli_json(changed, tmp_path)
    wait_total(page, cli["total"])
    assert shown(page) == expected(cli)
    assert cli["total"] == 435
    # a reload loses nothing
    page.reload()
    wait_ready(page)
    wait_total(page, 435)
    assert shown(page) == expected(cli)
    assert page.input_value('select[name="percent-4.7.4"]') == "75"


def test_invalid_file_is_refused_and_work_kept(page: Page, base_url: str, tmp_path: Path) -> None:
    page.goto(base_url + "calculator/" + fragment(json.dumps(DOCUMENT, ensure_ascii=False)))
    wait_ready(page)
    wait_total(page, 407)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**DOCUMENT, "scores": {"4.1.2": 57}}), "utf-8")
    page.set_input_files("#import-file", str(bad))
    page.locator("#calc-message").wait_for(state="visible")
    message = page.inner_text("#calc-message")
    assert 'scores["4.1.2"]' in message
    assert "5 的倍数，实为 57" in message
    assert "当前评分未作改动" in message
    assert page.get_attribute("#total-score", "data-value") == "407"
    not_json = tmp_path / "not.json"
    not_json.write_text("{oops", "utf-8")
    page.set_input_files("#import-file", str(not_json))
    page.wait_for_function(
        "() => document.getElementById('calc-message').textContent.includes('JSON')"
    )
    assert page.get_attribute("#total-score", "data-value") == "407"


@pytest.mark.parametrize(
    ("tampered", "words"),
    [
        ("#assessment=%%%not-base64", "不是有效的 base64url"),
        (
            fragment('{"format": "excellence-assessment", "version": 1, "scores": {"4.1.2": 57}}'),
            'scores["4.1.2"]',
        ),
        (fragment("not json at all"), "不是有效的 JSON"),
    ],
)
def test_tampered_link_is_refused_and_work_kept(
    page: Page, base_url: str, tampered: str, words: str
) -> None:
    page.goto(base_url + "calculator/" + fragment(json.dumps(DOCUMENT, ensure_ascii=False)))
    wait_ready(page)
    wait_total(page, 407)
    page.goto(base_url + "calculator/" + tampered)  # a new visit, as from a damaged link
    wait_ready(page)
    page.wait_for_function("() => !document.getElementById('calc-message').hidden")
    text = page.inner_text("#calc-message")
    assert words in text
    assert "当前评分未作改动" in text
    wait_total(page, 407)


def test_the_same_engine_in_pyodide_and_cpython(page: Page, base_url: str) -> None:
    """Send the same requests to the site's worker (Pyodide) and to CPython: same replies."""
    requests: list[dict[str, Any]] = [{"type": "scheme"}]
    requests += [
        {
            "type": "score",
            "payload": {
                "document": {
                    "format": "excellence-assessment",
                    "version": 1,
                    "scores": _scores(v[1], SCHEME),
                }
            },
        }
        for v in _vectors()
    ]
    # A JS number has no 55.0 distinct from 55, so a document passed as an object cannot carry
    # it; files and links reach Python as text, where 55.0 is refused (the "parse" below).
    requests += [
        {"type": "score", "payload": {"document": data}}
        for data, _, _ in INVALID_DATA
        if json.loads(json.dumps(data)) == data and "55.0" not in json.dumps(data)
    ]
    requests += [
        {"type": "export", "payload": {"document": DOCUMENT, "format": "csv"}},
        {"type": "export", "payload": {"document": DOCUMENT, "format": "json"}},
        {"type": "parse", "payload": {"text": "{"}},
        {"type": "parse", "payload": {"text": json.dumps({**DOCUMENT, "scores": {"4.1.2": 55.0}})}},
        {"type": "parse", "payload": {"text": json.dumps(DOCUMENT, ensure_ascii=False)}},
    ]
    page.goto(base_url + "calculator/")
    replies = page.evaluate(
        """async (requests) => {
            const worker = new Worker(new URL("../assets/javascripts/calculator/worker.mjs",
                                              location.href), {type: "module"});
            const pending = new Map();
            worker.onmessage = ({data}) => pending.get(data.id)?.(data);
            const ask = (request, id) => new Promise((resolve) => {
                pending.set(id, resolve);
                worker.postMessage({id, ...request});
            });
            const replies = [];
            for (const [id, request] of requests.entries()) replies.push(await ask(request, id));
            worker.terminate();
            return replies;
        }""",
        requests,
    )
    assert len(replies) == len(requests) > 40
    for n, (request, reply) in enumerate(zip(requests, replies, strict=True)):
        local = json.loads(engine.handle(json.dumps(request)))
        assert {"id": n, **local} == reply, request


def test_form_usable_before_python_is_ready(page: Page, base_url: str) -> None:
    """Choices made while Python loads are kept and scored as soon as it is ready."""
    release: list[Route] = []
    # a lambda, not release.append: Playwright cannot wrap a builtin method as a handler
    page.route("**/pyodide.asm.wasm", lambda route: release.append(route))  # noqa: PLW0108
    page.goto(base_url + "calculator/")
    assert page.get_attribute("#calculator", "data-calculator-state") == "loading"
    page.select_option('select[name="band-4.1.2"]', "50")
    page.select_option('select[name="percent-4.1.2"]', "55")
    page.wait_for_function("() => true")  # let the page handle the events
    assert page.get_attribute("#calculator", "data-calculator-state") == "loading"
    page.wait_for_timeout(200)
    for route in release:
        route.continue_()
    wait_ready(page)
    wait_total(page, 33)  # 60 points × 55 %


def test_load_failure_is_reported(page: Page, base_url: str) -> None:
    page.route("**/pyodide.asm.wasm", lambda route: route.abort())
    page.goto(base_url + "calculator/")
    page.wait_for_selector('#calculator[data-calculator-state="error"]', timeout=BOOT_TIMEOUT)
    message = page.inner_text("#calc-message")
    assert "评分引擎加载失败" in message
    assert page.is_visible("#calc-message")


def test_exports_share_reset_and_undo(page: Page, base_url: str) -> None:
    page.goto(base_url + "calculator/" + fragment(json.dumps(DOCUMENT, ensure_ascii=False)))
    wait_ready(page)
    wait_total(page, 407)
    with page.expect_download() as csv_download:
        page.click('[data-action="export-csv"]')
    csv_bytes = Path(csv_download.value.path()).read_bytes()
    cli = subprocess.run(
        [sys.executable, "-m", "calculator", "score", "-", "--format", "csv"],
        input=json.dumps(DOCUMENT).encode(),
        capture_output=True,
        check=True,
        cwd=ROOT,
    )
    assert csv_bytes == cli.stdout
    assert csv_bytes.startswith(b"\xef\xbb\xbf")
    with page.expect_download() as json_download:
        page.click('[data-action="export-json"]')
    exported = json.loads(Path(json_download.value.path()).read_text("utf-8"))
    assert exported == DOCUMENT  # unknown keys ("generator") survive the round trip
    page.click('[data-action="share"]')
    link = page.input_value("#share-link")
    assert "#assessment=" in link
    other = page.context.browser.new_context().new_page()  # type: ignore[union-attr]
    other.goto(link)
    wait_ready(other)
    wait_total(other, 407)
    other.context.close()
    page.once("dialog", lambda dialog: dialog.accept())
    page.click('[data-action="reset"]')
    wait_total(page, 0)
    page.click('[data-action="undo"]')
    wait_total(page, 407)
