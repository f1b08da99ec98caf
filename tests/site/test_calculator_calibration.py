"""The trainer's calibration on the calculator page, in Chromium with the site's Pyodide: a
reference and three trainees' files loaded, the class view's figures read from its table and set
against the CLI's JSON for the same files, the CSV downloaded equal to the CLI's byte for byte, a
bad file named and the others kept, the site's own reference (or a 404) behind its button, axe in
both palettes, and the class view alone when printed."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, Route

from calculator import calibrate
from tests.calibration_cases import BING, JIA, REFERENCE, YI
from tests.conftest import ROOT
from tests.site.axe import run_axe
from tests.site.calc import DOCUMENT_TOTAL, link, total, wait_message, wait_total

CELL = re.compile(r"^(?P<percent>\d+)%（(?P<apart>[+-]?\d+)(?: ⚠)?）$")


def cli(*args: str) -> bytes:
    done = subprocess.run(
        [sys.executable, "-m", "calculator", "calibrate", *args],
        capture_output=True,
        check=True,
        cwd=ROOT,
    )
    return done.stdout


@pytest.fixture
def files(tmp_path: Path) -> list[str]:
    """The reference and three trainees (甲 every item, 乙 two, 丙 near the reference)."""
    paths = []
    for name, document in (("参考.json", REFERENCE), ("甲.json", JIA), ("乙.json", YI)):
        path = tmp_path / name
        path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
        paths.append(str(path))
    path = tmp_path / "丙.json"
    path.write_text(json.dumps(BING, ensure_ascii=False), "utf-8")
    return [*paths, str(path)]


def open_tool(page: Page, base_url: str) -> None:
    page.goto(link(base_url))
    wait_total(page, DOCUMENT_TOTAL)
    page.click("#calc-team > summary")


def load(page: Page, reference: str, trainees: list[str]) -> None:
    page.set_input_files("#calibration-reference-file", reference)
    page.wait_for_function(
        "() => document.getElementById('calibration-state').textContent.includes('已载入参考评分')"
    )
    page.set_input_files("#calibration-files", trainees)
    page.wait_for_selector("#calibration-result table")


def class_table(page: Page) -> dict[str, Any]:
    """The table as the page shows it: columns, per item the reference and each cell's text and
    colour class, the total row."""
    shown: dict[str, Any] = page.evaluate(
        """() => {
          const table = document.querySelector('#calibration-result table');
          const cells = (tr) => [...tr.querySelectorAll('td.calc-calibration__cell')]
            .map((td) => ({ text: td.textContent, apart: td.dataset.apart ?? null }));
          return {
            columns: [...table.querySelectorAll('thead th')].map((th) => th.textContent),
            rows: Object.fromEntries([...table.querySelectorAll('tbody tr')].map((tr) => [
              tr.dataset.item,
              { reference: tr.children[1].textContent, cells: cells(tr) },
            ])),
            total: cells(table.querySelector('tfoot tr')).map((c) => c.text),
          };
        }"""
    )
    return shown


def test_class_view_equals_the_cli(page: Page, base_url: str, files: list[str]) -> None:
    expected = json.loads(cli(*files, "--format", "json"))
    open_tool(page, base_url)
    load(page, files[0], files[1:])
    shown = class_table(page)
    labels = [t["label"] for t in expected["trainees"]]
    assert labels == ["甲", "乙", "丙"]
    assert shown["columns"] == ["条款", "参考", *labels]
    assert list(shown["rows"]) == list(REFERENCE["scores"])  # the items the reference scored
    for item, row in shown["rows"].items():
        assert row["reference"] == f"{REFERENCE['scores'][item]}%"
        for trainee, cell in zip(expected["trainees"], row["cells"], strict=True):
            figures = trainee["items"].get(item)
            if figures is None:  # not scored by this trainee
                assert item in trainee["missing"]
                assert (cell["text"], cell["apart"]) == ("未评分", None)
                continue
            found = CELL.match(cell["text"])
            assert found, cell
            assert int(found["percent"]) == figures["percent"]
            assert int(found["apart"]) == figures["bands_apart"]
            assert cell["apart"] == ("0", "1", "2+")[min(abs(figures["bands_apart"]), 2)]
            assert ("⚠" in cell["text"]) == (abs(figures["bands_apart"]) >= 2)
    # hand-checked in tests/test_calibrate.py: 甲 75 % against 45 % on 4.7.6, two bands
    assert shown["rows"]["4.7.6"]["cells"][0] == {"text": "75%（+2 ⚠）", "apart": "2+"}
    for trainee, text in zip(expected["trainees"], shown["total"], strict=True):
        assert text.startswith(f"{trainee['total']:g}（")
        delta = f"{trainee['total_delta']:+g}" if trainee["total_delta"] else "0"
        assert text.endswith(f"{delta}）")
    folds = page.locator(".calc-calibration__fold")
    assert folds.count() == 3
    assert not page.is_visible(".calc-calibration__missed")  # folded under each count
    for index in range(3):
        folds.nth(index).locator("summary").click()
    summaries = page.locator(".calc-calibration__trainee").all_inner_texts()
    assert len(summaries) == 3
    assert "5/6 项在一段以内（83.33%）" in summaries[0]
    assert expected["trainees"][0]["within_one_band"] == 0.8333
    assert "偏差：平均 +5.83 个百分点，偏高" in summaries[0]
    assert "遗漏 4.1.2 改进机会−−（L 学习）：缺少对领导绩效的评估" in summaries[0]
    assert "偏差：平均 −17.5 个百分点，偏低".replace("−", "-") in summaries[1]
    disagreement = page.locator("#calibration-result ol li").all_inner_texts()
    order = [s["item"] for s in expected["class"]["items"]]
    assert [t.split(" ")[0] for t in disagreement] == order
    # the CSV downloaded is the CLI's, byte for byte
    with page.expect_download() as download:
        page.click('[data-action="calibration-csv"]')
    assert download.value.suggested_filename == calibrate.PAGE_WORDS["csv_file"]
    assert Path(download.value.path()).read_bytes() == cli(*files, "--format", "csv")
    assert total(page) == str(DOCUMENT_TOTAL)  # the work in the form is untouched
    assert not run_axe(page)  # light palette
    page.click("label[for='__palette_1']")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    assert not run_axe(page)  # dark palette


def test_printed_class_view(page: Page, base_url: str, files: list[str]) -> None:
    open_tool(page, base_url)
    load(page, files[0], files[1:])
    page.emulate_media(media="print")
    assert page.is_visible("#calibration-result table")
    assert page.is_visible(".calc-calibration__trainee")
    for hidden in ("#calc-form", "#calc-print", ".calc-summary", "#consensus-title"):
        assert not page.is_visible(hidden), hidden
    assert not page.is_visible('[data-action="calibration-csv"]')
    width = page.evaluate(
        "() => [document.querySelector('#calibration-result table').scrollWidth,"
        " document.querySelector('#calibration-result').clientWidth]"
    )
    assert width[0] <= width[1]  # the table wraps inside the page
    # closed, the page prints the feedback report again
    page.emulate_media(media="screen")
    page.click('[data-action="calibration-close"]')
    page.emulate_media(media="print")
    assert page.is_visible("#calc-print")
    assert not page.is_visible("#calibration-result table")


def test_a_bad_trainee_file_is_named_and_the_others_kept(
    page: Page, base_url: str, files: list[str], tmp_path: Path
) -> None:
    bad = tmp_path / "坏文件.json"
    bad.write_text('{"format": "excellence-assessment", "version": 1, "scores": {"4.1.2": 57}}')
    latin1 = tmp_path / "旧编码.json"
    latin1.write_bytes('{"title": "é"}'.encode("latin-1"))
    open_tool(page, base_url)
    page.set_input_files("#calibration-reference-file", files[0])
    page.set_input_files("#calibration-files", [files[1], str(bad), files[2], str(latin1)])
    text = wait_message(page, "坏文件.json")
    assert "5 的倍数" in text
    assert "文件“旧编码.json”无效：不是 UTF-8 编码的文本" in text
    assert "其余 2 个文件已载入" in text
    page.wait_for_selector("#calibration-result table")
    assert class_table(page)["columns"] == ["条款", "参考", "甲", "乙"]
    wait_total(page, DOCUMENT_TOTAL)


def test_a_reference_scoring_nothing_is_refused(
    page: Page, base_url: str, files: list[str], tmp_path: Path
) -> None:
    empty = tmp_path / "空参考.json"
    empty.write_text('{"format": "excellence-assessment", "version": 2, "scores": {}}')
    open_tool(page, base_url)
    page.set_input_files("#calibration-files", files[1:2])
    page.wait_for_function(
        "(words) => document.getElementById('calibration-state').textContent.includes(words)",
        arg="请再载入参考评分",
    )
    page.set_input_files("#calibration-reference-file", str(empty))
    text = wait_message(page, "空参考.json")
    assert calibrate.NO_REFERENCE_SCORES in text
    assert page.locator("#calibration-result table").count() == 0


def test_the_site_reference_missing(page: Page, base_url: str) -> None:
    page.route("**/training/reference.json", lambda route: route.fulfill(status=404, body=""))
    open_tool(page, base_url)
    page.click('[data-action="calibration-site"]')
    text = wait_message(page, "服务器答复 404")
    assert "选择参考评分文件" in text


@pytest.mark.every_server("the case's reference is a JSON file fetched from the server")
def test_the_site_reference_loaded(
    page: Page, base_url: str, site_dir: Path, files: list[str]
) -> None:
    """The button's file is the site's own training/reference.json; until the training case is
    on the site, the test serves this test's reference at that address."""
    published = site_dir / calibrate.SITE_REFERENCE
    if published.is_file():
        reference = published.read_bytes()
    else:
        reference = json.dumps(REFERENCE, ensure_ascii=False).encode()

        def serve(route: Route) -> None:
            route.fulfill(status=200, body=reference, content_type="application/json")

        page.route("**/training/reference.json", serve)
    path = Path(files[0]).with_name("reference.json")
    path.write_bytes(reference)
    expected = json.loads(cli(str(path), *files[1:], "--format", "json"))
    open_tool(page, base_url)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.click('[data-action="calibration-site"]')
    page.wait_for_function(
        "() => document.getElementById('calibration-state').textContent.includes('reference.json')"
    )
    assert any(url == base_url + calibrate.SITE_REFERENCE for url in requested), requested
    page.set_input_files("#calibration-files", files[1:])
    page.wait_for_selector("#calibration-result table")
    headline = page.inner_text("#calibration-result .calc-team__headline")
    label, reference_total = expected["reference"]["label"], expected["reference"]["total"]
    assert headline.startswith(f"参考评分：{label}（总分 {reference_total:g}")
