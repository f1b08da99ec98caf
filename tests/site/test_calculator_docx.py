"""The Word report on the page: 导出 Word 报告 downloads the report of what is on screen as a
.docx, named like the JSON export, that says exactly what the CLI's ``feedback --format docx``
says for the same document (read back with python-docx: every paragraph with its style, every
table, the fonts, the page, the page fields); the library is loaded only when the button is
used, and a failure to load it is reported with nothing changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route

from tests.cli_runner import run_process
from tests.reports import HOSTILE_SCOREBOOK, read_docx
from tests.site.calc import link, wait_message, wait_ready, wait_total

TOTAL = 78  # HOSTILE_SCOREBOOK's: 4.1.2 at 55 %, 4.1.3 at 70 %, 4.7.2 at 30 %
LIBRARY = "**/assets/vendor/docx.mjs"


def _cli_docx(tmp_path: Path) -> bytes:
    source = tmp_path / "scorebook.json"
    source.write_text(json.dumps(HOSTILE_SCOREBOOK, ensure_ascii=False), "utf-8")
    out = tmp_path / "cli.docx"
    done = run_process("feedback", source, "--format", "docx", "-o", out)
    assert done.returncode == 0, done.stderr.decode()
    return out.read_bytes()


@pytest.mark.every_server("the Word library is a module fetched on first use")
def test_the_word_report_is_the_cli_s(page: Page, base_url: str, tmp_path: Path) -> None:
    loaded: list[str] = []
    page.on("request", lambda r: loaded.append(r.url) if "docx.mjs" in r.url else None)
    page.goto(link(base_url, HOSTILE_SCOREBOOK))
    wait_ready(page)
    wait_total(page, TOTAL)
    assert not [url for url in loaded if "/vendor/" in url]  # not loaded with the page
    with page.expect_download() as download:
        page.click('[data-action="docx"]')
    # named like the JSON export: the title, with what no file name may hold replaced
    assert download.value.suggested_filename == "某局 _script_alert(1)__script_.docx"
    word = read_docx(Path(download.value.path()).read_bytes())
    cli = read_docx(_cli_docx(tmp_path))
    assert word.headings == cli.headings
    assert word.headings[0] == ("Heading 1", "反馈报告：某局 <script>alert(1)</script>")
    assert word.paragraphs == cli.paragraphs  # every comment, its mark, evidence, the total
    assert word.paragraphs[-1] == ("Normal", f"{TOTAL} / 1000")
    assert "++ 领导班子定期研究战略</w:t></w:r>" in [text for _, text in word.paragraphs]
    assert "\u2212 第一行\n第二行\n垂直 \\ufffe" in [text for _, text in word.paragraphs]
    assert word.tables == cli.tables
    assert len(word.tables) == 7
    assert word.fonts == cli.fonts
    assert word.fonts["Heading1"] == "SimHei"
    assert word.outline == cli.outline == {"Heading1": 0, "Heading2": 1, "Heading3": 2}
    assert word.fonts["Normal"] == "SimSun"
    assert word.page_mm == cli.page_mm == (210, 297)
    assert word.fields == cli.fields == ["PAGE", "NUMPAGES"]


def test_a_failure_is_reported_and_nothing_changes(page: Page, base_url: str) -> None:
    page.goto(link(base_url, HOSTILE_SCOREBOOK))
    wait_ready(page)
    wait_total(page, TOTAL)
    stored = page.evaluate("JSON.stringify(localStorage)")

    def refuse(route: Route) -> None:
        route.abort()

    page.route(LIBRARY, refuse)
    page.click('[data-action="docx"]')
    wait_message(page, "操作失败")
    assert "当前评分未作改动" in page.inner_text("#calc-message")
    wait_total(page, TOTAL)
    assert page.input_value("#assessment-title") == HOSTILE_SCOREBOOK["title"]
    assert page.evaluate("JSON.stringify(localStorage)") == stored
    # the library is tried again on the next click
    page.unroute(LIBRARY, refuse)
    with page.expect_download() as download:
        page.click('[data-action="docx"]')
    assert read_docx(Path(download.value.path()).read_bytes()).paragraphs[-1] == (
        "Normal",
        f"{TOTAL} / 1000",
    )
