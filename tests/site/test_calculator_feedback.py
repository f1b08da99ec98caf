"""From scorebook to feedback on the page (issue 17): the key themes proposed by the engine from
the ++ / −− comments, then edited, merged, reordered, added to and deleted with the keyboard
alone, kept across a reload and one undo, and opening the printed report as the CLI's does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from calculator import site_visit
from tests.cli_runner import run_process
from tests.reports import read_docx
from tests.site.axe import run_axe
from tests.site.calc import DOCUMENT, choose, cli_output, link, wait_ready
from tests.site.test_calculator_scorebook import wait_saved


def _comment(kind: str, text: str, *, major: bool = True) -> dict[str, Any]:
    return {"kind": kind, "major": major, "text": text}


# Two items say the same ++ strength; one −− OFI; a results ++; a plain + that proposes nothing
THEMED: dict[str, Any] = {
    **DOCUMENT,
    "comments": {
        "4.1.2": [_comment("strength", "领导班子定期研究营商环境")],
        "4.2.2": [
            _comment("strength", "领导班子定期研究营商环境"),
            _comment("strength", "战略目标有年度分解", major=False),
        ],
        "4.3.2": [_comment("opportunity", "缺少对公众需求的系统测量")],
        "4.7.2": [_comment("strength", "办件满意率连续三年领先")],
    },
}


def cli_feedback(document: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        cli_output("feedback", document, tmp_path, "--format", "json")
    )
    return data


def themes_on_screen(page: Page) -> dict[str, list[tuple[str, list[str]]]]:
    """Per group (``process strengths`` …) each theme's text and ticked items, as shown."""
    shown: dict[str, list[tuple[str, list[str]]]] = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('[data-group]')].map((g) => [
            g.dataset.group,
            [...g.querySelectorAll('.calc-theme')].map((li) => [
                li.querySelector('[data-theme="text"]').value,
                [...li.querySelectorAll('[data-theme="items"]:checked')].map((b) => b.value),
            ]),
        ]))"""
    )
    return {group: [(text, items) for text, items in themes] for group, themes in shown.items()}


MERGED = ("战略部署到科室；领导班子定期研究营商环境", ["4.1.2", "4.2.2", "4.2.3"])


def add_move_and_merge(page: Page) -> tuple[str, list[str]]:
    """A theme added and tied to 4.2.3, moved up, then merged with the proposed one below it."""
    keys = page.keyboard
    group = '[data-group="process strengths"]'
    page.focus(f'{group} [data-themes="add"]')
    keys.press("Enter")
    assert page.evaluate("document.activeElement.dataset.theme") == "text"
    keys.type("战略部署到科室")
    page.focus(f'{group} .calc-theme[data-index="1"] [data-theme="items"][value="4.2.3"]')
    keys.press("Space")
    page.focus(f'{group} .calc-theme[data-index="1"] [data-themes="up"]')
    keys.press("Enter")
    assert page.evaluate("document.activeElement.closest('.calc-theme').dataset.index") == "0"
    page.focus(f'{group} .calc-theme[data-index="0"] [data-themes="merge"]')
    keys.press("Enter")
    # the last theme of a group has nothing to merge with
    assert page.locator(f'{group} [data-themes="merge"]').count() == 0
    return MERGED


def test_key_themes_from_proposal_to_report(page: Page, base_url: str, tmp_path: Path) -> None:
    page.goto(link(base_url, THEMED))
    wait_ready(page)
    keys = page.keyboard
    page.focus("#calc-key-themes > summary")
    keys.press("Enter")
    count = page.locator("[data-key-themes-count]")
    assert "尚未确定" in count.inner_text()  # the report uses the proposal meanwhile
    page.focus('[data-themes="propose"]')
    keys.press("Enter")
    page.wait_for_selector(".calc-theme")
    proposed = cli_feedback(THEMED, tmp_path)["key_themes"]
    assert proposed["proposed"] is True
    shown = themes_on_screen(page)
    for kind in ("process", "results"):
        for side in ("strengths", "opportunities"):
            assert shown[f"{kind} {side}"] == [
                (t["text"], t["items"]) for t in proposed[kind][side]
            ]
    assert shown["process strengths"] == [("领导班子定期研究营商环境", ["4.1.2", "4.2.2"])]
    assert count.inner_text() == "（3 条）"

    merged = add_move_and_merge(page)
    assert themes_on_screen(page)["process strengths"] == [merged]

    # delete the results theme; one undo brings it back
    results = '[data-group="results strengths"]'
    page.focus(f'{results} [data-themes="delete"]')
    keys.press("Enter")
    assert themes_on_screen(page)["results strengths"] == []
    saved = wait_saved(page, "d.key_themes && !d.key_themes.results.strengths.length")
    page.click("[data-action=undo]")
    saved = wait_saved(page, "d.key_themes && d.key_themes.results.strengths.length === 1")

    # kept across a reload, and what the CLI's report opens with
    page.reload()
    wait_ready(page)
    page.click("#calc-key-themes > summary")
    assert themes_on_screen(page)["process strengths"] == [merged]
    assert page.locator("[data-key-themes-count]").inner_text() == "（3 条）"
    report = cli_feedback(saved, tmp_path)["key_themes"]
    assert report["proposed"] is False
    assert report["process"]["strengths"] == [{"text": merged[0], "items": merged[1]}]
    assert report["results"]["strengths"] == [
        {"text": "办件满意率连续三年领先", "items": ["4.7.2"]}
    ]
    printed = page.locator("#calc-print").text_content() or ""
    assert merged[0] in printed
    assert printed.index("关键主题") < printed.index(merged[0])
    assert not run_axe(page)  # the editor of key themes, open


def test_merging_two_comments_of_one_kind(page: Page, base_url: str) -> None:
    """A consensus's two strengths from two examiners become one: both texts and evidence, the
    ++ of either, the factor they share, every key factor and examiner; one undo splits them."""
    document = {
        **DOCUMENT,
        "key_factors": [{"id": "KF1", "text": "窗口多"}, {"id": "KF2", "text": "审批多"}],
        "comments": {
            "4.1.2": [
                {
                    "kind": "strength",
                    "major": False,
                    "factor": "A",
                    "text": "班子定期研究",
                    "evidence": "纪要",
                    "key_factors": ["KF1"],
                    "sources": ["张评审"],
                },
                {"kind": "opportunity", "major": False, "text": "缺少评估"},
                {
                    "kind": "strength",
                    "major": True,
                    "factor": "A",
                    "point": "a",
                    "text": "班子每季度研究",
                    "evidence": "访谈",
                    "key_factors": ["KF2", "KF1"],
                    "sources": ["李评审"],
                },
            ]
        },
    }
    page.goto(link(base_url, document))
    wait_ready(page)
    first = '[data-item="4.1.2"] .calc-comment[data-index="0"]'
    assert "来源：张评审" in page.locator(first).inner_text()
    # the OFI has no other OFI to merge with; the last strength neither
    assert page.locator('[data-item="4.1.2"] [data-scorebook="merge"]').count() == 1
    page.focus(f'{first} [data-scorebook="merge"]')
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.dataset.field") == "text"
    saved = wait_saved(page, 'd.comments["4.1.2"].length === 2')
    assert saved["comments"]["4.1.2"] == [
        {
            "kind": "strength",
            "major": True,
            "factor": "A",
            "point": "a",
            "text": "班子定期研究\n班子每季度研究",
            "evidence": "纪要；访谈",
            "key_factors": ["KF1", "KF2"],
            "sources": ["张评审", "李评审"],
        },
        {"kind": "opportunity", "major": False, "text": "缺少评估"},
    ]
    assert "来源：张评审、李评审" in page.locator(first).inner_text()
    page.click("[data-action=undo]")
    saved = wait_saved(page, 'd.comments["4.1.2"].length === 3')
    assert saved["comments"] == document["comments"]


RECORDED: dict[str, Any] = {
    **DOCUMENT,
    "comments": {},
    "consensus": {
        "examiners": [
            {"name": "张评审", "scores": {"4.1.2": 50}},
            {"name": "李评审", "scores": {"4.1.2": 60}},
        ],
        "comments": {
            "4.1.2": [
                {
                    "examiner": "张评审",
                    "kind": "strength",
                    "major": True,
                    "factor": "A",
                    "text": "班子定期研究营商环境",
                },
                {
                    "examiner": "李评审",
                    "kind": "opportunity",
                    "major": False,
                    "text": "<b>缺少评估</b>",
                },
            ]
        },
        "rationales": {},
    },
}


def test_the_consensus_record_beside_each_item(page: Page, base_url: str) -> None:
    """A consensus file shows, from itself, each examiner's original comments beside its item;
    one is put into the consensus's comments with its examiner as source; the team's rationale
    for the agreed band is kept in the record, which keeps the originals as they were."""
    page.goto(link(base_url, RECORDED))
    wait_ready(page)
    record = '[data-item="4.1.2"] .calc-record'
    assert page.locator(f"{record} summary").inner_text() == "各评审员的原始评语（2 条）"
    page.focus(f"{record} summary")
    page.keyboard.press("Enter")
    originals = page.locator(f"{record} li")
    assert (
        originals.nth(0).inner_text().startswith("张评审 · 优势++ · A 方法：班子定期研究营商环境")
    )
    assert "<b>缺少评估</b>" in originals.nth(1).inner_text()  # a person's text, as text
    assert page.locator(f"{record} li b").count() == 0
    page.focus(f'{record} [data-record-adopt="0"]')
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.dataset.field") == "text"
    page.keyboard.type("，每季度一次")
    page.focus(f'{record} [data-record-field="rationale"]')
    page.keyboard.type("方法系统，但展开不足，取 50–65 段")
    saved = wait_saved(
        page, 'd.consensus.rationales["4.1.2"] === "方法系统，但展开不足，取 50–65 段"'
    )
    saved = wait_saved(page, 'd.comments["4.1.2"] && d.comments["4.1.2"][0].text.endsWith("一次")')
    assert saved["comments"]["4.1.2"] == [
        {
            "kind": "strength",
            "major": True,
            "factor": "A",
            "text": "班子定期研究营商环境，每季度一次",
            "sources": ["张评审"],
        },
    ]
    assert saved["consensus"]["comments"] == RECORDED["consensus"]["comments"]
    page.reload()
    wait_ready(page)
    assert (
        page.locator(f'{record} [data-record-field="rationale"]').input_value()
        == "方法系统，但展开不足，取 50–65 段"
    )
    page.click(f"{record} summary")
    assert not run_axe(page)  # the record beside each item, its originals open


VISITED: dict[str, Any] = {
    **DOCUMENT,
    "scores": {"4.1.2": 50, "4.7.2": 30},
    "comments": {
        "4.1.2": [
            _comment("strength", "班子定期研究营商环境"),
            _comment("opportunity", "缺少评估", major=False),
        ],
        "4.7.2": [_comment("opportunity", "缺少与标杆的对比")],
    },
}


def cli_visit(document: dict[str, Any], tmp_path: Path, *args: str) -> str:
    return cli_output("visit", document, tmp_path, *args)


def fill_worksheet(page: Page, started: dict[str, Any]) -> None:
    """The first issue's what to ask, whom and finding; an issue to clarify added to 4.3.2."""
    keys = page.keyboard
    first = '.calc-visit-issue[data-index="0"]'
    page.focus(f'{first} [data-visit-field="ask"]')
    keys.type("查阅 2025 年党组会纪要")
    page.focus(f'{first} [data-visit-field="whom"]')
    keys.type("办公室主任")
    page.focus(f'{first} [data-visit-field="finding"]')
    keys.type("纪要齐全，每季度一次")
    page.select_option("#visit-item", "4.3.2")
    page.focus('[data-visit="add"]')
    keys.press("Enter")
    assert page.evaluate("document.activeElement.dataset.visitField") == "text"
    keys.type("公众需求如何收集？")
    page.select_option('.calc-visit-issue[data-index="2"] [data-visit-field="kind"]', "clarify")
    saved = wait_saved(
        page, "d.site_visit.issues.length === 3 && d.site_visit.issues[2].kind === 'clarify'"
    )
    assert saved["site_visit"]["issues"][0] == {
        **started["issues"][0],
        "ask": "查阅 2025 年党组会纪要",
        "whom": "办公室主任",
        "finding": "纪要齐全，每季度一次",
    }
    assert saved["site_visit"]["issues"][2] == {
        "item": "4.3.2",
        "kind": "clarify",
        "text": "公众需求如何收集？",
    }
    assert page.locator("#visit-issues h4").all_inner_texts()[1] == "4.3.2 公众与社会的了解"


def test_the_site_visit_from_worksheet_to_changes(
    page: Page, base_url: str, tmp_path: Path
) -> None:
    """Started from the consensus: an issue proposed per ++/−− comment, as the CLI's --start
    proposes them; filled in and added to with the keyboard; after the visit a comment changed,
    one deleted and a band changed, shown as the CLI words the changes; kept across a reload."""
    page.goto(link(base_url, VISITED))
    wait_ready(page)
    keys = page.keyboard
    page.click("#calc-team > summary")
    assert page.locator("#visit-worksheet").is_hidden()
    page.focus('[data-action="visit-start"]')
    keys.press("Enter")
    page.wait_for_selector(".calc-visit-issue")
    started = json.loads(cli_visit(VISITED, tmp_path, "--start"))["site_visit"]
    saved = wait_saved(page, "d.site_visit && d.site_visit.issues.length === 2")
    assert saved["site_visit"] == started
    assert [i["text"] for i in started["issues"]] == ["班子定期研究营商环境", "缺少与标杆的对比"]
    headings = page.locator("#visit-issues h4").all_inner_texts()
    assert headings == ["4.1.2 领导班子的作用", "4.7.2 管理与服务结果"]
    assert page.locator('[data-action="visit-start"]').is_hidden()

    fill_worksheet(page, started)

    # after the visit: an OFI rewritten, the results OFI deleted, 4.1.2 a band higher
    page.fill(
        '[data-item="4.1.2"] .calc-comment[data-index="1"] [data-field="text"]', "缺少绩效评估"
    )
    page.click('[data-item="4.7.2"] .calc-comment [data-scorebook="delete"]')
    choose(page, "4.1.2", 70)
    saved = wait_saved(page, 'd.scores["4.1.2"] === 70 && !d.comments["4.7.2"]')
    expected = cli_visit(saved, tmp_path).split(site_visit.WORDS["changes_title"])[1]
    lines = [line.strip() for line in expected.splitlines() if line.strip()]
    assert len(lines) == 4  # two items, one change each, and the band
    page.wait_for_function(
        "(n) => document.querySelectorAll('#visit-changes p').length === n", arg=2
    )
    shown = page.locator("#visit-changes").inner_text()
    assert [line.strip() for line in shown.splitlines() if line.strip()] == lines
    assert "50%（分数段 50–65） → 70%（分数段 70–85）（分数段变化）" in shown
    assert "缺少评估 → 缺少绩效评估" in shown

    # kept across a reload; an issue deleted comes back with one undo
    page.reload()
    wait_ready(page)
    page.click("#calc-team > summary")
    page.wait_for_function("() => document.querySelectorAll('#visit-changes p').length === 2")
    assert page.locator(".calc-visit-issue").count() == 3
    page.click('.calc-visit-issue[data-index="1"] [data-visit="delete"]')
    wait_saved(page, "d.site_visit.issues.length === 2")
    page.click("[data-action=undo]")
    saved = wait_saved(page, "d.site_visit.issues.length === 3")
    assert saved["site_visit"]["issues"][1] == started["issues"][1]
    assert not run_axe(page)  # the worksheet and the changes, open; the undo button focused


def test_a_team_from_scorebooks_to_the_word_report(
    page: Page, base_url: str, tmp_path: Path
) -> None:
    """Issue 17's whole cycle on the page alone: two examiners' scorebooks imported, two
    strengths merged and a rationale written, the key themes proposed, the site visit started
    and a band changed after it, then the Word report — the CLI's for the same file."""
    zhang = {
        **DOCUMENT,
        "title": "张伟",
        "scores": {"4.1.2": 50, "4.3.2": 40, "4.7.2": 30},
        "comments": {
            "4.1.2": [_comment("strength", "使命、愿景经党组会确定并逐级宣贯")],
            "4.7.2": [_comment("opportunity", "缺少与标杆的对比")],
        },
    }
    li = {
        **DOCUMENT,
        "title": "李娜",
        "scores": {"4.1.2": 60, "4.3.2": 45, "4.7.2": 35},
        "comments": {"4.1.2": [_comment("strength", "每季度听取战略执行汇报", major=False)]},
    }
    files = []
    for name, document in (("zhang.json", zhang), ("li.json", li)):
        files.append(tmp_path / name)
        files[-1].write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    page.goto(base_url + "calculator/")
    wait_ready(page)
    page.click("#calc-team > summary")
    page.set_input_files("#consensus-files", [str(p) for p in files])
    page.wait_for_selector('[data-item="4.1.2"] .calc-comment[data-index="1"]')
    page.click('[data-item="4.1.2"] .calc-comment[data-index="0"] [data-scorebook="merge"]')
    page.fill('[data-item="4.1.2"] [data-record-field="rationale"]', "方法系统，展开未到县区")
    page.click("#calc-key-themes > summary")
    page.click('[data-themes="propose"]')
    page.wait_for_selector(".calc-theme")
    page.click('[data-action="visit-start"]')
    page.wait_for_selector(".calc-visit-issue")
    page.fill('.calc-visit-issue[data-index="0"] [data-visit-field="finding"]', "纪要齐全")
    choose(page, "4.7.2", 45)  # the consensus started at 35 (the median 32.5, rounded up)
    # (one sentence, not the one saying nothing changed)
    page.wait_for_function(
        "() => document.querySelector('#visit-changes').textContent.includes('4.7.2')"
    )
    assert "35%（分数段 30–45） → 45%（分数段 30–45）" in page.inner_text("#visit-changes")
    saved = wait_saved(page, 'd.scores["4.7.2"] === 45 && d.site_visit.issues[0].finding')
    with page.expect_download() as download:
        page.click('[data-action="docx"]')
    word = read_docx(Path(download.value.path()).read_bytes())
    source = tmp_path / "team.json"
    source.write_text(json.dumps(saved, ensure_ascii=False), "utf-8")
    out = tmp_path / "cli.docx"
    done = run_process("feedback", source, "--format", "docx", "-o", out)
    assert done.returncode == 0, done.stderr.decode()
    assert word.paragraphs == read_docx(out.read_bytes()).paragraphs
    texts = [text for _, text in word.paragraphs]
    merged = "使命、愿景经党组会确定并逐级宣贯\n每季度听取战略执行汇报"
    assert f"++ {merged}" in texts
    assert "（来源 张伟、李娜；评价要点 —）" not in texts  # (no factor: none named)
    assert any(text.startswith("（来源 张伟、李娜") for text in texts)
    assert "合议理由：方法系统，展开未到县区" in texts
    assert f"{merged}（4.1.2）" in texts  # the proposed theme, with its item
    assert "缺少与标杆的对比（4.7.2）" in texts
