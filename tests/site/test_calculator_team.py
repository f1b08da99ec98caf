"""The examiner's tools on the calculator page, in Chromium with the site's Pyodide: the consensus
of several examiners' files, named scenarios and their comparison, the trend of scores, and the
printed feedback report. Every figure is checked against the CLI's JSON for the same files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.cli_runner import write
from tests.conftest import ROOT
from tests.site.axe import run_axe
from tests.site.calc import DOCUMENT, DOCUMENT_TOTAL, choose, link, stored, wait_message, wait_total


def cli(*args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "calculator", *args, "--format", "json"],
        capture_output=True,
        check=True,
        cwd=ROOT,
    )
    data: dict[str, Any] = json.loads(done.stdout)
    return data


@pytest.fixture
def examiners(tmp_path: Path) -> list[Path]:
    """Four examiners (an even number): 4.1.2 at 40/55/60/50 (median 52.5, start 55, exactly one
    band apart: not flagged), 4.7.2 at 30/90/—/35 (flagged), notes that try to be markup."""
    hostile = "<img src=x onerror=window.__owned=1>"
    return [
        write(
            tmp_path,
            "1.json",
            {"4.1.2": 40, "4.7.2": 30},
            title="张评审",
            notes={"4.1.2": {"strengths": f"分工明确{hostile}"}},
        ),
        write(
            tmp_path,
            "2.json",
            {"4.1.2": 55, "4.7.2": 90},
            title="李评审",
            notes={"4.1.2": {"opportunities": "缺少评估"}},
        ),
        write(tmp_path, "3.json", {"4.1.2": 60}, title="王评审"),
        write(tmp_path, "4.json", {"4.1.2": 50, "4.7.2": 35}, title="赵评审"),
    ]


def open_tools(page: Page, base_url: str) -> None:
    page.goto(link(base_url))
    wait_total(page, DOCUMENT_TOTAL)
    page.click("#calc-team > summary")


def test_consensus_beside_the_form(page: Page, base_url: str, examiners: list[Path]) -> None:
    expected = cli("consensus", *map(str, examiners))
    open_tools(page, base_url)
    page.set_input_files("#consensus-files", [str(p) for p in examiners])
    wait_message(page, "已导入 4 位评审员的评价")
    # the form now holds the consensus: 4.1.2 at 55 (60 × 55 % = 33), 4.7.2 at 35 (80 × 35 % = 28)
    wait_total(page, 61)
    assert page.is_checked('input[name="percent-4.1.2"][value="55"]')
    assert page.is_checked('input[name="percent-4.7.2"][value="35"]')
    assert expected["consensus"]["scores"] == {"4.1.2": 55, "4.7.2": 35}
    strip = page.inner_text('[data-item="4.1.2"] .calc-team-strip')
    assert "张评审 40%｜李评审 55%｜王评审 60%｜赵评审 50%" in strip
    assert "中位数 52.5%，均值 51.25%，最低 40%，最高 60%，相隔 1 个分数段；合议起点 55%" in strip
    assert "⚠" not in strip  # exactly one band apart
    flagged = page.inner_text('[data-item="4.7.2"] .calc-team-strip')
    assert "王评审 未评分" in flagged
    assert "⚠" in flagged
    assert page.locator('[data-item="4.7.2"] .calc-team-strip--flagged').count() == 1
    assert "需要讨论的条款（1 个）：4.7.2" in page.inner_text("#consensus-result")
    # each examiner's original comments, listed from the consensus's record, as text
    page.click('[data-item="4.1.2"] .calc-record summary')
    notes = page.inner_text('[data-item="4.1.2"] .calc-record ul')
    assert "张评审 · 优势：分工明确<img src=x onerror=window.__owned=1>" in notes
    assert "李评审 · 改进机会：缺少评估" in notes
    assert page.evaluate("window.__owned") is None
    assert page.locator(".calc-record img").count() == 0
    # the threshold is a setting: at 0 bands, 4.1.2 (one band apart) is flagged too
    page.select_option("#consensus-flag-bands", "0")
    page.wait_for_selector('[data-item="4.1.2"] .calc-team-strip--flagged')
    assert "需要讨论的条款（2 个）" in page.inner_text("#consensus-result")
    assert not run_axe(page)  # the tools and the strips, open, in the light palette
    # editing the consensus item by item is editing the form; a reload keeps both
    choose(page, "4.1.2", 60)
    wait_total(page, 64)
    page.reload()
    wait_total(page, 64)
    page.wait_for_selector('[data-item="4.1.2"] .calc-team-strip')
    # the work the consensus replaced is one undo away
    page.click('[data-action="undo"]')
    wait_total(page, DOCUMENT_TOTAL)
    page.click('[data-action="consensus-close"]')
    assert page.locator(".calc-team-strip").count() == 0
    assert stored(page, "team") is None


def test_a_bad_examiner_file_changes_nothing(
    page: Page, base_url: str, examiners: list[Path], tmp_path: Path
) -> None:
    bad = tmp_path / "坏文件.json"
    bad.write_text(
        '{"format": "excellence-assessment", "version": 1, "scores": {"4.1.2": 57}}', "utf-8"
    )
    open_tools(page, base_url)
    page.set_input_files("#consensus-files", [str(examiners[0]), str(bad)])
    text = wait_message(page, "坏文件.json")
    assert "5 的倍数" in text
    assert "当前评分未作改动" in text
    wait_total(page, DOCUMENT_TOTAL)
    assert page.locator(".calc-team-strip").count() == 0
    page.set_input_files("#consensus-files", [str(examiners[0])])
    assert "至少需要两位" in wait_message(page, "至少需要两位")


def test_scenarios_and_their_comparison(page: Page, base_url: str, tmp_path: Path) -> None:
    page.on("dialog", lambda dialog: dialog.accept())
    open_tools(page, base_url)
    page.fill("#scenario-name", "现状")
    page.click('[data-action="scenario-save"]')
    wait_message(page, "已把当前评分保存为方案“现状”")
    choose(page, "4.1.2", 90)  # 60 points: 55 % → 90 %, +21
    choose(page, "4.4.3", 100)  # 15 points: +6.75 (from 55 %)
    wait_total(page, DOCUMENT_TOTAL + 21 + 6.75)
    page.fill("#scenario-name", "目标")
    page.click('[data-action="scenario-save"]')
    page.click('[data-action="scenario-copy"][data-index="1"]')
    wait_message(page, "“目标 副本”")
    assert page.inner_text("#scenario-list").count("打开") == 3
    page.select_option("#compare-a", "现状")
    page.select_option("#compare-b", "目标")
    page.click('[data-action="compare"]')
    page.wait_for_selector("#compare-result table")
    shown = page.inner_text("#compare-result")
    a = write(tmp_path, "a.json", DOCUMENT["scores"])
    b = write(tmp_path, "b.json", {**DOCUMENT["scores"], "4.1.2": 90, "4.4.3": 100})
    expected = cli("compare", str(a), str(b))
    assert expected["delta"]["total"] == 27.75
    assert f"总分：现状 {DOCUMENT_TOTAL} → 目标 434.75（+27.75）" in shown
    assert "4.1.2 领导班子的作用：+21 分" in shown
    assert "4.4.3 财务资源：+6.75 分" in shown
    assert "4.1 领导\t59\t80\t+21" in shown
    page.click("label[for='__palette_1']")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    assert not run_axe(page)  # the scenarios and the comparison, in the dark palette
    # kept in the browser: after a reload, open the first scenario again
    page.reload()
    wait_total(page, 434.75)
    page.click("#calc-team > summary")
    page.click('[data-action="scenario-open"][data-index="0"]')
    wait_total(page, DOCUMENT_TOTAL)
    page.click('[data-action="scenario-delete"][data-index="2"]')
    wait_message(page, "已删除方案“目标 副本”")
    saved = json.loads(stored(page, "scenarios") or "[]")
    assert [s["name"] for s in saved] == ["现状", "目标"]


def test_trend_of_scores(page: Page, base_url: str, tmp_path: Path) -> None:
    files = [
        write(tmp_path, f"{year}.json", {"4.1.2": p, "4.7.2": r}, title=f"{year} 年")
        for year, p, r in ((2025, 55, 40), (2023, 30, 20), (2024, 45, 30))
    ]
    expected = cli("trend", *(str(tmp_path / f"{y}.json") for y in (2023, 2024, 2025)))
    open_tools(page, base_url)
    page.set_input_files("#trend-files", [str(p) for p in files])
    page.wait_for_selector("#trend-result table")
    rows = page.locator("#trend-result tr").all_inner_texts()
    assert [r.split("\t")[0] for r in rows[1:]] == ["2023 年", "2024 年", "2025 年"]  # by file name
    assert [float(r.split("\t")[-1]) for r in rows[1:]] == expected["total"] == [34, 51, 65]
    assert "不是结果条款（4.7）中 Le-T-C-I 所要求的“趋势”" in page.inner_text("#trend-result")
    chart = page.evaluate(
        "() => { const c = Chart.getChart(document.getElementById('trend-chart'));"
        " return { type: c.config.type, labels: c.data.labels, total: c.data.datasets[0].data,"
        " lines: c.data.datasets.length }; }"
    )
    assert chart == {
        "type": "line",
        "labels": ["2023 年", "2024 年", "2025 年"],
        "total": [34, 51, 65],
        "lines": 8,
    }
    wait_total(page, DOCUMENT_TOTAL)  # the work on screen is untouched


def test_printed_feedback_report(page: Page, base_url: str) -> None:
    document = {
        **DOCUMENT,
        "title": "<b>某局</b>",
        "notes": {
            "4.1.2": {
                "strengths": "分工明确 <img src=x onerror=window.__owned=1>",
                "opportunities": "缺少评估",
            }
        },
    }
    page.add_init_script("window.print = () => { window.__printed = (window.__printed ?? 0) + 1; }")
    page.goto(link(base_url, document))
    wait_total(page, DOCUMENT_TOTAL)
    page.click('[data-action="print"]')
    page.wait_for_function("() => window.__printed === 1")
    report = page.locator("#calc-print")
    assert report.locator(".feedback__item").count() == 23
    text = report.inner_text()
    assert "反馈报告：<b>某局</b>" in text
    assert "得分：55%，33 分（C.1 50–65% 分数段）" in text
    assert "分工明确 <img src=x onerror=window.__owned=1>" in text
    assert "缺少评估" in text
    assert f"总分 {DOCUMENT_TOTAL} / 1000" in text
    assert report.locator(".feedback__priorities li").count() == 5
    assert report.locator("img, b").count() == 0
    assert page.evaluate("window.__owned") is None
    # Ctrl+P prints the work on screen as well: the report follows each result, and a note or
    # title typed just before printing is in it
    choose(page, "4.1.2", 90)
    wait_total(page, DOCUMENT_TOTAL + 21)
    page.wait_for_selector(f'#calc-print[data-total="{DOCUMENT_TOTAL + 21}"]', state="attached")
    page.click('[data-item="4.1.2"] [data-scorebook="comment-add"][data-kind="opportunity"]')
    # (the new comment is in the report at once; what is typed into it is put in when printing)
    page.wait_for_selector('#calc-print [data-comment="4.1.2 2"]', state="attached")
    page.keyboard.type("刚刚写下的改进机会")
    page.fill("#assessment-title", "新标题")
    assert page.pdf(format="A4").startswith(b"%PDF")  # fires beforeprint
    text = page.inner_text("#calc-print")
    assert "得分：90%，54 分" in text
    assert "刚刚写下的改进机会" in text
    assert "反馈报告：新标题" in text


def test_examiners_with_the_same_title_are_told_apart(
    page: Page, base_url: str, tmp_path: Path
) -> None:
    files = [
        write(tmp_path, f"{n}.json", {"4.1.2": p}, title="评审组") for n, p in ((1, 40), (2, 60))
    ]
    open_tools(page, base_url)
    page.set_input_files("#consensus-files", [str(p) for p in files])
    page.wait_for_selector('[data-item="4.1.2"] .calc-team-strip')
    assert "评审组（1） 40%｜评审组（2） 60%" in page.inner_text(
        '[data-item="4.1.2"] .calc-team-strip'
    )


def test_consensus_says_when_the_browser_cannot_keep_it(
    page: Page, base_url: str, examiners: list[Path]
) -> None:
    page.add_init_script(
        """Storage.prototype.setItem = function () {
            throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };"""
    )
    open_tools(page, base_url)
    page.set_input_files("#consensus-files", [str(p) for p in examiners])
    text = wait_message(page, "已导入 4 位评审员的评价")
    assert "评审员对照未能存入浏览器，只保留到关闭本页为止" in text
    wait_total(page, 61)  # the consensus is on screen all the same


TREND_TICKS = """() => { const chart = Chart.getChart(document.getElementById('trend-chart'));
    return chart && chart.options.scales.x.ticks.color; }"""
PALETTE_TEXT = """() => getComputedStyle(document.body)
    .getPropertyValue('--md-default-fg-color').trim()"""


def test_trend_chart_follows_the_palette(page: Page, base_url: str, tmp_path: Path) -> None:
    files = [write(tmp_path, f"{year}.json", {"4.1.2": 55}) for year in (2024, 2025)]
    open_tools(page, base_url)
    page.set_input_files("#trend-files", [str(p) for p in files])
    page.wait_for_function(TREND_TICKS)
    light = page.evaluate(TREND_TICKS)
    assert light == page.evaluate(PALETTE_TEXT)
    page.click("label[for='__palette_1']")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    dark = page.evaluate(PALETTE_TEXT)
    assert dark != light
    page.wait_for_function(f"() => ({TREND_TICKS})() === {json.dumps(dark)}", timeout=5_000)


def test_a_title_that_reorders_text_is_shown_escaped(
    page: Page, base_url: str, tmp_path: Path
) -> None:
    files = [
        write(tmp_path, "1.json", {"4.1.2": 40}, title="张\u202e评审"),
        write(tmp_path, "2.json", {"4.1.2": 60}, title="李评审"),
    ]
    open_tools(page, base_url)
    page.set_input_files("#consensus-files", [str(p) for p in files])
    page.wait_for_selector('[data-item="4.1.2"] .calc-team-strip')
    strip = page.inner_text('[data-item="4.1.2"] .calc-team-strip')
    assert "张\\u202e评审 40%｜李评审 60%" in strip  # as the CLI shows it (safe_text.printable)
    assert "\u202e" not in strip
    assert "\u202e" not in page.inner_text("#consensus-result")
