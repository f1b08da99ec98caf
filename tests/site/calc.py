"""Helpers for the calculator's browser tests: documents, links, waits, choices and the CLI."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from calculator import assessment
from calculator.scheme import load_scheme
from tests.conftest import ROOT
from tests.documents import DOCUMENT as _DOCUMENT

SCHEME = load_scheme()
BOOT_TIMEOUT = 120_000  # ms; a cold Pyodide start takes a few seconds on this machine
# the page tests' document: the engine tests' one as the engine writes it (format 2, its notes
# as comments), so that what the page keeps and exports can be compared with it as it is
DOCUMENT: dict[str, Any] = assessment.to_data(assessment.from_data(_DOCUMENT))
DOCUMENT_TOTAL = 407  # the hand-checked golden vector


def with_score(item_id: str, percent: int) -> float:
    """DOCUMENT's total once ``item_id`` is set to ``percent``."""
    points = SCHEME.item(item_id).points
    before: int = DOCUMENT["scores"][item_id]
    return DOCUMENT_TOTAL + (percent - before) * points / 100


# DOCUMENT with every part of the scorebook used: the profile, a key factor, comments of both
# kinds with every field
SCOREBOOK: dict[str, Any] = {
    **DOCUMENT,
    "profile": {"B.1.1": {"a": "法定职能的示例"}, "B.2.3": "绩效改进系统的示例"},
    "key_factors": [{"id": "KF1", "text": "窗口多", "profile": "B.1.1.a", "items": ["4.1.2"]}],
    "comments": {
        **DOCUMENT["comments"],
        "4.7.2": [
            {
                "kind": "strength",
                "major": True,
                "factor": "Le",
                "point": "1",
                "text": "质量水平领先",
                "evidence": "年报第 3 页",
                "key_factors": ["KF1"],
            }
        ],
    },
}


def replace_when_asked(page: Page, timeout: float = 30_000) -> None:
    """Work with comments is replaced only when the reader says so: say so."""
    page.wait_for_selector("#calc-message button:has-text('替换为')", timeout=timeout)
    page.click("#calc-message button:has-text('替换为')")


STORE = f"excellence-calculator:{SCHEME.id}:"
# the text of 4.1.2's first strength (DOCUMENT's strengths note, a comment since format 2)
STRENGTH_TEXT = '[data-item="4.1.2"] .calc-comment--strength textarea[data-field="text"]'


def cli_output(command: str, document: dict[str, Any], tmp_path: Path, *args: str) -> str:
    """What ``python -m calculator COMMAND FILE ARGS…`` prints for ``document``."""
    path = tmp_path / f"{command}.json"
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "calculator", command, str(path), *args],
        capture_output=True,
        check=True,
        cwd=ROOT,
        text=True,
    )
    return done.stdout


def cli_json(document: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(cli_output("score", document, tmp_path, "--format", "json"))
    return data


def fragment(text: str) -> str:
    return "#assessment=" + base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def link(base_url: str, document: dict[str, Any] = DOCUMENT) -> str:
    return base_url + "calculator/" + fragment(json.dumps(document, ensure_ascii=False))


def wait_ready(page: Page, timeout: float = BOOT_TIMEOUT) -> None:
    page.wait_for_selector(
        '#calculator[data-calculator-state="ready"], #calculator[data-calculator-state="error"]',
        timeout=timeout,
    )
    assert page.get_attribute("#calculator", "data-calculator-state") == "ready"


def wait_total(page: Page, total: object, timeout: float = 30_000) -> None:
    page.wait_for_function(
        "(total) => document.getElementById('total-score').dataset.value === total",
        arg=f"{total:g}" if isinstance(total, float) else str(total),
        timeout=timeout,
    )


def total(page: Page) -> str | None:
    return page.get_attribute("#total-score", "data-value")


def choose(page: Page, item_id: str, percent: int | None) -> None:
    """Click the band, then the step, as a reader would (None: 未评分)."""
    if percent is None:
        page.check(f'input[name="band-{item_id}"][value=""]')
        return
    item = SCHEME.item(item_id)
    band = SCHEME.guideline_for(item).band_of(percent)
    page.check(f'input[name="band-{item_id}"][value="{band.min}"]')
    page.check(f'input[name="percent-{item_id}"][value="{percent}"]')


def message(page: Page) -> str:
    return page.inner_text("#calc-message") if page.is_visible("#calc-message") else ""


def wait_message(page: Page, words: str, timeout: float = 30_000) -> str:
    page.wait_for_function(
        "(words) => { const box = document.getElementById('calc-message');"
        " return !box.hidden && box.textContent.includes(words); }",
        arg=words,
        timeout=timeout,
    )
    return message(page)


def import_file(page: Page, path: Path, document: object) -> None:
    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    path.write_text(text, "utf-8")
    page.set_input_files("#import-file", str(path))


# Every message the page shows, in order, as window.messages (added before the page's scripts).
RECORD_MESSAGES = """
addEventListener("DOMContentLoaded", () => {
  window.messages = [];
  const box = document.getElementById("calc-message");
  if (!box) return;
  new MutationObserver(() => {
    const text = box.textContent;
    if (!box.hidden && text && window.messages.at(-1) !== text) window.messages.push(text);
  }).observe(box, { subtree: true, childList: true, characterData: true, attributes: true });
});
"""


def messages(page: Page) -> list[str]:
    shown: list[str] = page.evaluate("window.messages")
    return shown


def stored(page: Page, key: str) -> str | None:
    text: str | None = page.evaluate("(key) => localStorage.getItem(key)", STORE + key)
    return text


def stored_keys(page: Page) -> list[str]:
    keys: list[str] = page.evaluate(
        "(prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix))"
        ".map((k) => k.slice(prefix.length))",
        STORE,
    )
    return keys
