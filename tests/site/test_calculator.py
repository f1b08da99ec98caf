"""The calculator page end to end: real Chromium, the built site, the real Pyodide.

Every figure on the page is compared with what the CLI prints for the same document.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Route

from calculator import service as engine
from tests.conftest import ROOT
from tests.documents import INVALID_DATA
from tests.site.calc import (
    BOOT_TIMEOUT,
    DOCUMENT,
    DOCUMENT_TOTAL,
    SCHEME,
    STORE,
    STRENGTH_TEXT,
    choose,
    cli_json,
    fragment,
    import_file,
    link,
    total,
    wait_message,
    wait_ready,
    wait_total,
)
from tests.vectors import scores as _scores
from tests.vectors import vectors as _vectors


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


def checked_choices(page: Page) -> dict[str, tuple[str, str | None]]:
    """What the form shows as chosen, per scored item: (band, step); every other item must show
    未评分 (the empty band) and no step."""
    shown: dict[str, tuple[str, str | None]] = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll(".calc-item")].map((item) => {
            const band = item.querySelector('input[name^="band-"]:checked').value;
            const step = item.querySelector('input[name^="percent-"]:checked');
            return [item.dataset.item, [band, step ? step.value : null]];
        }))"""
    )
    unscored = {k: v for k, v in shown.items() if v[0] == ""}
    assert all(step is None for _, step in unscored.values())
    return {k: (v[0], v[1]) for k, v in shown.items() if k not in unscored}


def expected_choices(scores: dict[str, int]) -> dict[str, tuple[str, str | None]]:
    return {
        item.id: (str(SCHEME.guideline_for(item).band_of(p).min), str(p))
        for item in SCHEME.items
        if (p := scores.get(item.id)) is not None
    }


def test_the_form_shows_exactly_the_document(page: Page, base_url: str) -> None:
    """Scored items show their band and step; the others show 未评分 — 0 % is a score too."""
    scores = {"4.1.2": 55, "4.2.2": 0, "4.4.3": 5, "4.7.7": 100}
    document = {"format": "excellence-assessment", "version": 1, "scores": scores}
    page.goto(link(base_url, document))
    wait_ready(page)
    wait_total(page, 33 + 0 + 0.75 + 50)
    assert checked_choices(page) == expected_choices(scores)
    assert page.get_attribute("#scored-items", "data-value") == "4"
    page.reload()
    wait_ready(page)
    assert checked_choices(page) == expected_choices(scores)


def test_fragment_matches_the_cli(page: Page, base_url: str, tmp_path: Path) -> None:
    outside: list[str] = []
    origin = urlsplit(base_url).netloc
    page.on(
        "request", lambda r: outside.append(r.url) if urlsplit(r.url).netloc != origin else None
    )
    page.goto(link(base_url))
    wait_ready(page)
    cli = cli_json(DOCUMENT, tmp_path)
    wait_total(page, cli["total"])
    assert shown(page) == expected(cli)
    assert cli["total"] == DOCUMENT_TOTAL
    assert page.input_value("#assessment-title") == "某局 2025 年自评"
    assert page.input_value(STRENGTH_TEXT) == "班子分工明确"
    assert checked_choices(page) == expected_choices(DOCUMENT["scores"])
    assert page.evaluate("performance.getEntriesByName('calculator-ready').length") == 1
    assert "#assessment=" not in page.url  # consumed, so a reload keeps later edits
    # the priorities' sentences are Python's (output.py), shown as they come
    assert cli["priorities"][0]["text"] in page.inner_text("#priorities li:first-child")
    assert page.inner_text("#calc-live") == cli["summary"]
    assert outside == []


@pytest.mark.every_server("a file read in and kept in the origin's storage over a reload")
def test_import_file_change_and_reload(page: Page, base_url: str, tmp_path: Path) -> None:
    page.goto(base_url + "calculator/")
    wait_ready(page)
    import_file(page, tmp_path / "import.json", DOCUMENT)
    wait_total(page, DOCUMENT_TOTAL)
    assert shown(page) == expected(cli_json(DOCUMENT, tmp_path))
    # change one item: 4.7.4 from 40 % to 75 % (80 points: 32 → 60)
    choose(page, "4.7.4", 75)
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
    assert page.is_checked('input[name="percent-4.7.4"][value="75"]')
    # un-scoring an item takes it out of the count and the total
    choose(page, "4.7.4", None)
    wait_total(page, 435 - 60)
    assert page.get_attribute("#scored-items", "data-value") == str(len(SCHEME.items) - 1)
    assert page.inner_text('[data-item-points="4.7.4"]') == "未评分"


def test_invalid_file_is_refused_and_work_kept(page: Page, base_url: str, tmp_path: Path) -> None:
    page.goto(link(base_url))
    wait_ready(page)
    wait_total(page, DOCUMENT_TOTAL)
    import_file(page, tmp_path / "bad.json", {**DOCUMENT, "scores": {"4.1.2": 57}})
    text = wait_message(page, "当前评分未作改动")
    assert 'scores["4.1.2"]' in text
    assert "5 的倍数，实为 57" in text
    assert total(page) == str(DOCUMENT_TOTAL)
    import_file(page, tmp_path / "not.json", "{oops")
    wait_message(page, "不是有效的 JSON")
    assert total(page) == str(DOCUMENT_TOTAL)


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
    page.goto(link(base_url))
    wait_ready(page)
    wait_total(page, DOCUMENT_TOTAL)
    page.goto(base_url + "calculator/" + tampered)  # a new visit, as from a damaged link
    wait_ready(page)
    text = wait_message(page, "当前评分未作改动")
    assert words in text
    wait_total(page, DOCUMENT_TOTAL)


def test_the_same_engine_in_pyodide_and_cpython(page: Page, base_url: str) -> None:
    """Send the same requests through the page's engine client to the site's worker (Pyodide)
    and to CPython: the same replies."""
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
        if json.loads(json.dumps(data)) == data and not re.search(r"\d\.0\b", json.dumps(data))
    ]
    requests += [
        {"type": "export", "payload": {"document": DOCUMENT, "format": "csv"}},
        {"type": "export", "payload": {"document": DOCUMENT, "format": "json"}},
        {"type": "parse", "payload": {"text": "{"}},
        {"type": "parse", "payload": {"text": json.dumps({**DOCUMENT, "scores": {"4.1.2": 55.0}})}},
        {"type": "parse", "payload": {"text": json.dumps(DOCUMENT, ensure_ascii=False)}},
        {"type": "parse", "payload": {"text": '{"a": NaN}'}},
        {"type": "parse", "payload": {"text": "[" * 3000 + "]" * 3000}},
        {"type": "no-such-request"},
        # the examiner's requests
        {"type": "feedback", "payload": {"document": DOCUMENT}},
        {
            "type": "consensus",
            "payload": {
                "examiners": [
                    {"label": "甲", "document": DOCUMENT},
                    {"label": "乙", "document": {**DOCUMENT, "scores": {"4.1.2": 90}}},
                ],
                "flag_bands": 0,
            },
        },
        {"type": "consensus", "payload": {"examiners": [], "flag_bands": -1}},
        {
            "type": "compare",
            "payload": {
                "a": {"label": "A", "document": DOCUMENT},
                "b": {"label": "B", "document": {**DOCUMENT, "scores": {"4.4.3": 100}}},
            },
        },
        {"type": "trend", "payload": {"series": [{"label": "2025", "document": DOCUMENT}] * 3}},
    ]
    page.goto(base_url + "calculator/")
    replies = page.evaluate(
        """async (requests) => {
            const { EngineClient } = await import("../assets/javascripts/calculator/client.mjs");
            const client = new EngineClient();
            const replies = [];
            for (const { type, payload } of requests) {
                replies.push(await client.reply(type, payload));
            }
            client.terminate();
            return replies;
        }""",
        requests,
    )
    assert len(replies) == len(requests) > 40
    for request, reply in zip(requests, replies, strict=True):
        assert json.loads(engine.handle(json.dumps(request))) == reply, request


def test_form_usable_before_python_is_ready(page: Page, base_url: str) -> None:
    """Choices made while Python loads are kept and scored as soon as it is ready."""
    release: list[Route] = []
    # a lambda, not release.append: Playwright cannot wrap a builtin method as a handler
    page.route("**/pyodide.asm.wasm", lambda route: release.append(route))  # noqa: PLW0108
    page.goto(base_url + "calculator/")
    assert page.get_attribute("#calculator", "data-calculator-state") == "loading"
    choose(page, "4.1.2", 55)
    page.wait_for_function("() => true")  # let the page handle the events
    assert page.get_attribute("#calculator", "data-calculator-state") == "loading"
    # the choice is in the autosave while Python is still held back
    page.wait_for_function(
        "(key) => JSON.parse(localStorage.getItem(key) || '{}').scores?.['4.1.2'] === 55",
        arg=STORE + "current",
    )
    assert page.get_attribute("#calculator", "data-calculator-state") == "loading"
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
    # the file that failed is named (not a 60-second time-out)
    assert "pyodide.asm.wasm 无法下载" in message, message
    assert page.is_visible("#calc-message")


def test_client_reports_a_failure_once(page: Page, base_url: str) -> None:
    """The engine client's boot watchdog: a runtime that never loads is reported once, and
    every request waiting for it is refused (not left hanging)."""
    page.route("**/pyodide.asm.wasm", lambda _: None)  # never answered
    page.goto(base_url + "calculator/")
    outcome = page.evaluate(
        """async () => {
            const { EngineClient } = await import("../assets/javascripts/calculator/client.mjs");
            const statuses = [];
            const client = new EngineClient({
                bootMs: 1500, onStatus: (state, text) => statuses.push([state, text]) });
            const refused = await Promise.allSettled([
                client.request("score", {}), client.request("scheme")]);
            await new Promise((resolve) => setTimeout(resolve, 500));
            const late = await client.request("scheme").catch((error) => error.message);
            return { statuses, refused: refused.map((r) => r.status + ":" + r.reason?.unavailable),
                     late };
        }"""
    )
    failures = [s for s in outcome["statuses"] if s[0] == "failed"]
    assert failures == [["failed", "1.5 秒内未能启动"]]
    assert outcome["refused"] == ["rejected:true", "rejected:true"]
    assert outcome["late"] == "1.5 秒内未能启动"


@pytest.mark.every_server("copying the link needs a secure context or its fallback")
def test_exports_share_reset_and_undo(page: Page, base_url: str) -> None:
    page.goto(link(base_url))
    wait_ready(page)
    wait_total(page, DOCUMENT_TOTAL)
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
    shared = page.input_value("#share-link")
    assert "#assessment=" in shared
    other = page.context.browser.new_context().new_page()  # type: ignore[union-attr]
    other.goto(shared)
    wait_ready(other)
    wait_total(other, DOCUMENT_TOTAL)
    other.context.close()
    page.once("dialog", lambda dialog: dialog.accept())
    page.click('[data-action="reset"]')
    wait_total(page, 0)
    assert page.inner_text('[data-action="undo"]') == "撤销重置"
    page.click('[data-action="undo"]')
    wait_total(page, DOCUMENT_TOTAL)
    assert page.inner_text('[data-action="redo"]') == "重做重置"
    assert page.input_value("#assessment-title") == "某局 2025 年自评"
    page.click('[data-action="redo"]')
    wait_total(page, 0)
