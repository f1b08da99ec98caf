"""The examiner's commands as a user runs them: consensus, compare, trend, batch, feedback (in
process; the progress bar on a terminal in a real process)."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
from pathlib import Path

import pytest
from openpyxl import load_workbook

from calculator.assessment import FORMAT, VERSION
from tests.cli_runner import Runner, one_line_error, run_process, write
from tests.reports import read_docx


@pytest.fixture
def team(tmp_path: Path) -> list[Path]:
    return [
        write(tmp_path, "zhang.json", {"4.1.2": 40, "4.7.2": 30}, title="张评审"),
        write(tmp_path, "li.json", {"4.1.2": 55, "4.7.2": 90}),
        write(tmp_path, "wang.json", {"4.1.2": 60}, notes={"4.1.2": {"strengths": "分工明确"}}),
        write(tmp_path, "zhao.json", {"4.1.2": 50, "4.7.2": 35}),
    ]


def test_consensus_json(team: list[Path], tmp_path: Path, run: Runner) -> None:
    out = tmp_path / "consensus.json"
    done = run("consensus", *map(str, team), "--format", "json", "--write-consensus", str(out))
    assert done.returncode == 0, done.stderr.decode()
    data = json.loads(done.stdout)
    assert data["examiners"] == 4
    assert data["names"] == ["张评审", "li", "wang", "zhao"]  # the title, else the file's name
    item = data["items"]["4.1.2"]
    # 40, 50, 55, 60: the median 52.5 starts the consensus at 55
    assert (item["percents"], item["median"], item["start"]) == ([40, 55, 60, 50], 52.5, 55)
    assert (item["mean"], item["min"], item["max"], item["flagged"]) == (51.25, 40, 60, False)
    results = data["items"]["4.7.2"]
    assert (results["percents"], results["median"], results["flagged"]) == (
        [30, 90, None, 35],
        35,
        True,
    )
    assert data["consensus"]["scores"] == {"4.1.2": 55, "4.7.2": 35}
    assert json.loads(out.read_text("utf-8")) == data["consensus"]
    scored = json.loads(run("score", str(out), "--format", "json").stdout)
    assert scored["total"] == 33 + 28  # 60 × 55 % + 80 × 35 %


def test_consensus_json_carries_the_originals_and_the_record(
    team: list[Path], tmp_path: Path, run: Runner
) -> None:
    li = write(
        tmp_path,
        "li2.json",
        {"4.1.2": 55},
        comments={
            "4.1.2": [
                {
                    "kind": "opportunity",
                    "major": True,
                    "factor": "D",
                    "point": "a",
                    "text": "未展开",
                }
            ]
        },
    )
    out = tmp_path / "consensus.json"
    done = run("consensus", team[0], team[2], li, "--format", "json", "--write-consensus", str(out))
    assert done.returncode == 0, done.stderr.decode()
    data = json.loads(done.stdout)
    assert data["items"]["4.1.2"]["comments"] == [
        {
            "examiner": "wang",
            "kind": "strength",
            "major": False,
            "factor": None,
            "point": None,
            "text": "分工明确",
            "evidence": "",
        },
        {
            "examiner": "li2",
            "kind": "opportunity",
            "major": True,
            "factor": "D",
            "point": "a",
            "text": "未展开",
            "evidence": "",
        },
    ]
    assert data["items"]["4.7.2"]["comments"] == []
    written = json.loads(out.read_text("utf-8"))
    assert written["consensus"] == {
        "examiners": [
            {"name": "张评审", "scores": {"4.1.2": 40, "4.7.2": 30}},
            {"name": "wang", "scores": {"4.1.2": 60}},
            {"name": "li2", "scores": {"4.1.2": 55}},
        ],
        "comments": {
            "4.1.2": [
                {"kind": "strength", "major": False, "text": "分工明确", "examiner": "wang"},
                {
                    "kind": "opportunity",
                    "major": True,
                    "factor": "D",
                    "point": "a",
                    "text": "未展开",
                    "examiner": "li2",
                },
            ]
        },
        "rationales": {},
    }
    assert [c["sources"] for c in written["comments"]["4.1.2"]] == [["wang"], ["li2"]]
    assert all("examiner" not in c for c in written["comments"]["4.1.2"])
    # the feedback report of the consensus names the sources
    report = run("feedback", out).stdout.decode()
    assert "（来源 li2；评价要点 D 展开；条款要点 a\\) 确定方向）" in report


def test_consensus_text_and_csv(team: list[Path], run: Runner) -> None:
    text = run("consensus", *map(str, team), "--spread", "3").stdout.decode()
    assert "相隔超过 3 个分数段时标记（本工具的约定，不是标准的规定）" in text
    assert "⚠" not in text.split("\n\n")[0]  # 30 and 90 are three bands apart: not more than 3
    assert "偶数时取中间两值的平均" in text
    rows = list(
        csv.reader(
            io.StringIO(
                run("consensus", *map(str, team), "--format", "csv").stdout.decode("utf-8-sig")
            )
        )
    )
    assert rows[0][:6] == ["编号", "名称", "张评审", "li", "wang", "zhao"]
    assert rows[1][:6] == ["4.1.2", "领导班子的作用", "40", "55", "60", "50"]


def test_consensus_needs_two_and_names_a_bad_file(
    team: list[Path], tmp_path: Path, run: Runner
) -> None:
    one_line_error(run("consensus", str(team[0])), "至少需要两位")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": FORMAT, "version": VERSION, "scores": {"4.1.2": 57}}))
    one_line_error(run("consensus", str(team[0]), str(bad)), str(bad), "5 的倍数")
    one_line_error(run("consensus", *map(str, team), "--spread", "-1"), "--spread")
    one_line_error(run("consensus", *map(str, team), "--flag-bands", "-1"), "--flag-bands")


def test_one_file_is_too_few_before_it_is_read(tmp_path: Path, run: Runner) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    for path in (bad, tmp_path / "missing.json"):
        err = one_line_error(run("consensus", str(path)), "合议至少需要两位评审员的评价文件")
        assert str(path) not in err


def test_flag_bands_has_two_spellings(team: list[Path], run: Runner) -> None:
    new = run("consensus", *map(str, team), "--flag-bands", "3", "--format", "json")
    old = run("consensus", *map(str, team), "--spread", "3", "--format", "json")
    assert json.loads(new.stdout)["flag_bands"] == json.loads(old.stdout)["flag_bands"] == 3
    assert "--flag-bands" in run_process("consensus", "-h").stdout.decode()


def test_compare_json_csv_text(tmp_path: Path, run: Runner) -> None:
    a = write(tmp_path, "2024.json", {"4.1.2": 50, "4.4.3": 55}, title="2024 年")
    b = write(tmp_path, "2025.json", {"4.1.2": 55, "4.1.4": 35})
    data = json.loads(run("compare", str(a), str(b), "--format", "json").stdout)
    assert data["delta"]["total"] == 8.75  # (33 + 14) − (30 + 8.25)
    assert data["delta"]["categories"]["4.4"] == -8.25
    assert data["delta"]["items"]["4.1.4"] == 14
    assert (data["a"]["label"], data["b"]["label"]) == ("2024 年", "2025")
    rows = list(
        csv.reader(
            io.StringIO(
                run("compare", str(a), str(b), "--format", "csv").stdout.decode("utf-8-sig")
            )
        )
    )
    assert rows[-1] == ["", "总分", "", "", "38.25", "47", "8.75"]
    assert "总分：38.25 → 47（+8.75）" in run("compare", str(a), str(b)).stdout.decode()


def test_trend(tmp_path: Path, run: Runner) -> None:
    files = [
        write(tmp_path, f"{year}.json", {"4.1.2": p})
        for year, p in ((2023, 30), (2024, 45), (2025, 55))
    ]
    data = json.loads(run("trend", *map(str, files), "--format", "json").stdout)
    assert data["labels"] == ["2023", "2024", "2025"]
    assert data["total"] == [18, 27, 33]
    assert "Le-T-C-I" in data["note"]


def test_batch_text_csv_xlsx(tmp_path: Path, run: Runner) -> None:
    folder = tmp_path / "departments"
    folder.mkdir()
    write(folder, "交通局.json", {"4.1.2": 50}, title="交通局 2025")
    write(folder, "教育局.json", {"4.1.2": 55, "4.7.2": 30}, title="教育局 2025")
    (folder / "损坏.json").write_text("{", "utf-8")
    text = run("batch", str(folder)).stdout.decode()
    assert text.index("教育局 2025") < text.index("交通局 2025")  # 57 before 30
    assert "无效：损坏.json：不是有效的 JSON" in text
    rows = list(
        csv.reader(
            io.StringIO(run("batch", str(folder), "--format", "csv").stdout.decode("utf-8-sig"))
        )
    )
    assert [r[0] for r in rows[1:]] == ["教育局.json", "交通局.json", "损坏.json"]
    assert rows[1][11] == "57"
    out = tmp_path / "汇总.xlsx"
    done = run("batch", str(folder), "--format", "xlsx", "-o", str(out))
    assert done.returncode == 0, done.stderr.decode()
    sheet = load_workbook(out).worksheets[0]
    assert sheet.cell(2, 2).value == "教育局 2025"
    assert sheet.cell(2, 12).value == 57  # a number, not text
    assert sheet.cell(2, 13).value == 2
    assert str(sheet.cell(4, 14).value).startswith("不是有效的 JSON")
    one_line_error(run("batch", str(folder), "--format", "xlsx"), "xlsx", "-o")
    one_line_error(run("batch", str(tmp_path / "nope")), "nope")
    empty = tmp_path / "empty"
    empty.mkdir()
    one_line_error(run("batch", str(empty)), "没有评价文件")


def test_batch_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    for n in range(25):
        write(tmp_path, f"d{n:02}.json", {"4.1.2": 5 * (n % 20)})
    quiet = run_process("batch", tmp_path)
    assert quiet.returncode == 0
    assert quiet.stderr == b""  # not a terminal: no bar in logs
    leader, follower = pty.openpty()
    done = run_process("batch", tmp_path, stderr=follower)
    os.close(follower)
    shown = os.read(leader, 65536).decode("utf-8")
    os.close(leader)
    assert done.returncode == 0
    assert "评分中" in shown
    assert "25/25" in shown
    assert done.stdout.decode().count(".json") == 25


def test_feedback_markdown_and_html(tmp_path: Path, run: Runner) -> None:
    path = write(
        tmp_path,
        "a.json",
        {"4.1.2": 55},
        title="某局",
        notes={"4.1.2": {"strengths": "<script>x</script>", "opportunities": "缺少评估"}},
    )
    text = run("feedback", str(path)).stdout.decode()
    assert text.startswith("# 反馈报告：某局")
    assert "- 改进机会：\n    - **\u2212** 缺少评估" in text  # a note of format 1, now a comment
    assert "&lt;script&gt;" in text
    out = tmp_path / "report.html"
    assert run("feedback", str(path), "--format", "html", "-o", str(out)).returncode == 0
    page = out.read_text("utf-8")
    assert "<script>" not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page


def test_batch_lists_an_unreadable_file_and_scores_the_rest(tmp_path: Path, run: Runner) -> None:
    write(tmp_path, "交通局.json", {"4.1.2": 50}, title="交通局 2025")
    (tmp_path / "损坏.json").symlink_to("/proc/self/mem")  # reading it fails: an I/O error
    done = run("batch", str(tmp_path))
    assert done.returncode == 0, done.stderr.decode()
    text = done.stdout.decode()
    assert "交通局 2025" in text
    assert "已评分 1 个文件，无效 1 个。" in text
    assert "无效：损坏.json：无法读取文件：输入输出错误" in text
    rows = list(
        csv.reader(
            io.StringIO(run("batch", tmp_path, "--format", "csv").stdout.decode("utf-8-sig"))
        )
    )
    assert [(r[0], r[-1]) for r in rows[1:]] == [
        ("交通局.json", ""),
        ("损坏.json", "无法读取文件：输入输出错误"),
    ]


def test_trend_orders_the_files_by_name(tmp_path: Path, run: Runner) -> None:
    files = [write(tmp_path, f"第{n}次.json", {"4.1.2": 5 * n}) for n in (10, 2, 9)]
    data = json.loads(run("trend", *files, "--format", "json").stdout)
    assert data["labels"] == ["第2次", "第9次", "第10次"]  # numbers by value: 2–9 before 10
    assert data["total"] == [6, 27, 30]  # 4.1.2's 60 points × 10 %, 45 %, 50 %


def test_a_team_from_scorebooks_to_the_word_report(tmp_path: Path, run: Runner) -> None:
    """Issue 17's whole cycle with the CLI alone: consensus, the team's edits of its file
    (comments merged, a rationale, key themes), the site visit started, findings and a band
    changed, the changes listed, then the Word report with all of it."""
    strength = {"kind": "strength", "major": True, "factor": "A", "text": "战略逐级宣贯"}
    zhang = write(
        tmp_path,
        "zhang.json",
        {"4.1.2": 50, "4.7.2": 30},
        title="张伟",
        version=2,
        comments={"4.1.2": [strength]},
    )
    li = write(
        tmp_path,
        "li.json",
        {"4.1.2": 60, "4.7.2": 35},
        title="李娜",
        version=2,
        comments={"4.1.2": [{**strength, "major": False, "text": "每季度听取汇报"}]},
    )
    team = tmp_path / "team.json"
    assert run("consensus", str(zhang), str(li), "--write-consensus", str(team)).returncode == 0
    document = json.loads(team.read_text("utf-8"))
    first, second = document["comments"]["4.1.2"]
    assert (first["sources"], second["sources"]) == (["张伟"], ["李娜"])
    # the team merges the two strengths, writes its rationale and one key theme
    document["comments"]["4.1.2"] = [
        {**first, "text": "战略逐级宣贯，每季度听取汇报", "sources": ["张伟", "李娜"]}
    ]
    document["consensus"]["rationales"] = {"4.1.2": "方法系统，展开未到县区"}
    document["key_themes"] = {
        "process": {"strengths": [{"text": "战略执行有力", "items": ["4.1.2"]}]}
    }
    team.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    visit = tmp_path / "visit.json"
    assert run("visit", str(team), "--start", "-o", str(visit)).returncode == 0
    started = json.loads(visit.read_text("utf-8"))
    assert [i["text"] for i in started["site_visit"]["issues"]] == ["战略逐级宣贯，每季度听取汇报"]
    started["site_visit"]["issues"][0]["finding"] = "纪要齐全"
    started["scores"]["4.7.2"] = 50  # 35 → 50: one band up
    visit.write_text(json.dumps(started, ensure_ascii=False), "utf-8")
    changes = json.loads(run("visit", str(visit), "--format", "json").stdout)["changes"]
    assert [(i["id"], i["before"]["band"], i["after"]["band"]) for i in changes["items"]] == [
        ("4.7.2", "30–45", "50–65")
    ]
    report = tmp_path / "report.docx"
    assert run("feedback", str(visit), "--format", "docx", "-o", str(report)).returncode == 0
    texts = [text for _, text in read_docx(report.read_bytes()).paragraphs]
    assert "++ 战略逐级宣贯，每季度听取汇报" in texts
    assert any(text.startswith("（来源 张伟、李娜") for text in texts)
    assert "合议理由：方法系统，展开未到县区" in texts
    assert "战略执行有力（4.1.2）" in texts
    assert texts[-1] == "73 / 1000"  # 60 × 55 % (the median of 50 and 60) + 80 × 50 %
