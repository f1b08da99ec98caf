"""The site visit on hand-made scorebooks with known outcomes: what start records and proposes,
what changes finds (comments added, removed, changed; bands at their edges 25 and 30), the CLI's
``visit`` in every format and on bad input, the page's ``visit`` request."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from calculator import assessment, service, site_visit
from calculator.assessment import Comment, Issue, VisitBefore
from tests.cli_runner import Runner, one_line_error
from tests.documents import BASE
from tests.limits import time_limit


def comment(kind: str, text: str, **fields: object) -> dict[str, Any]:
    return {"kind": kind, "major": False, "text": text, **fields}


# a consensus as the team left its desks: two ++/−− comments (4.1.2, 4.1.3), plain ones, a blank
# −− (no issue proposed for it)
CONSENSUS: dict[str, Any] = {
    **BASE,
    "title": "某局合议",
    "scores": {"4.1.2": 25, "4.1.3": 30, "4.7.2": 50},
    "comments": {
        "4.1.2": [
            comment("strength", "班子会确定愿景", major=True, factor="A", sources=["张评审"]),
            comment("opportunity", "缺评估", sources=["李评审"]),
        ],
        "4.1.3": [
            comment("opportunity", "缺少相关方反馈", major=True),
            comment("strength", "制度健全"),
            comment("opportunity", " ", major=True),
        ],
        "4.7.2": [comment("strength", "办件时限缩短")],
    },
}


def started() -> dict[str, Any]:
    return assessment.to_data(site_visit.start(assessment.from_data(CONSENSUS)))


def test_start_records_the_consensus_and_proposes_one_issue_per_major_comment() -> None:
    document = site_visit.start(assessment.from_data(CONSENSUS))
    visit = document.site_visit
    assert visit is not None
    assert visit.before == VisitBefore(
        scores=CONSENSUS["scores"], comments=assessment.from_data(CONSENSUS).comments
    )
    assert visit.issues == (
        Issue("4.1.2", "verify", "班子会确定愿景", about="strength"),
        Issue("4.1.3", "verify", "缺少相关方反馈", about="opportunity"),
    )
    # the document itself is unchanged, and the started one is a valid file
    assert (document.scores, document.comments) == (
        assessment.from_data(CONSENSUS).scores,
        assessment.from_data(CONSENSUS).comments,
    )
    assert assessment.loads(assessment.dumps(document)) == document
    # nothing changed yet
    assert site_visit.changes(document) == {"items": [], "count": 0}


def test_start_keeps_the_issues_already_written() -> None:
    own = {"issues": [{"item": "4.7.2", "kind": "clarify", "text": "对比数据来源"}], "team": "甲"}
    document = site_visit.start(assessment.from_data({**CONSENSUS, "site_visit": own}))
    assert document.site_visit is not None
    assert document.site_visit.issues == (Issue("4.7.2", "clarify", "对比数据来源"),)
    assert document.site_visit.extra == {"team": "甲"}
    assert document.site_visit.before is not None


def test_changes_are_none_before_the_visit_is_started() -> None:
    assert site_visit.changes(assessment.from_data(CONSENSUS)) is None


def after_the_visit() -> dict[str, Any]:
    data = started()
    data["scores"].update({"4.1.2": 30, "4.1.3": 45, "4.1.4": 10})  # 25 → 30: the band's edge
    data["comments"]["4.1.2"][1]["text"] = "缺少评估机制"  # the rest of its kind: changed
    data["comments"]["4.1.2"].append(comment("strength", "新增的"))
    data["comments"]["4.1.3"] = [
        comment("opportunity", " ", major=True),  # moved first: matched by its text
        comment("opportunity", "缺少相关方反馈"),  # no longer −−: changed
    ]  # 制度健全 removed
    return data


def test_changes_per_item_at_the_band_edges() -> None:
    found = site_visit.changes(assessment.from_data(after_the_visit()))
    assert found is not None
    assert found["count"] == 3
    by_item = {item["id"]: item for item in found["items"]}
    assert list(by_item) == ["4.1.2", "4.1.3", "4.1.4"]  # 4.7.2 unchanged: not listed
    first = by_item["4.1.2"]
    assert (first["before"], first["after"]) == (
        {"percent": 25, "band": "10–25"},
        {"percent": 30, "band": "30–45"},
    )
    assert (first["percent_changed"], first["band_changed"]) == (True, True)
    assert [c["text"] for c in first["added"]] == ["新增的"]
    assert first["added"][0]["label"] == "优势+"
    assert first["removed"] == []
    assert [(p["before"]["text"], p["after"]["text"]) for p in first["changed"]] == [
        ("缺评估", "缺少评估机制")
    ]
    second = by_item["4.1.3"]
    assert (second["before"]["percent"], second["after"]["percent"]) == (30, 45)
    assert (second["percent_changed"], second["band_changed"]) == (True, False)  # both 30–45
    assert [c["text"] for c in second["removed"]] == ["制度健全"]
    assert second["added"] == []
    assert [
        (p["before"]["label"], p["after"]["label"], p["after"]["text"]) for p in second["changed"]
    ] == [("改进机会−−", "改进机会−", "缺少相关方反馈")]
    third = by_item["4.1.4"]
    assert (third["before"], third["after"]) == (
        {"percent": None, "band": None},
        {"percent": 10, "band": "10–25"},
    )
    assert third["band_changed"] is True


def test_comments_matched_by_text_first_then_in_order_of_their_kind() -> None:
    data = started()
    data["site_visit"]["before"]["comments"] = {
        "4.7.2": [
            comment("strength", "甲"),
            comment("strength", "乙"),
            comment("opportunity", "丙"),
        ]
    }
    data["scores"] = dict(data["site_visit"]["before"]["scores"])
    # reordered, one turned into an opportunity (same text: changed), one rewritten
    data["comments"] = {
        "4.7.2": [
            comment("opportunity", "甲"),
            comment("strength", "乙"),
            comment("opportunity", "丁"),
        ]
    }
    found = site_visit.changes(assessment.from_data(data))
    assert found is not None
    (item,) = found["items"]
    assert [(p["before"]["text"], p["after"]["text"]) for p in item["changed"]] == [
        ("甲", "甲"),
        ("丙", "丁"),
    ]
    assert item["changed"][0]["after"]["label"] == "改进机会−"
    assert (item["added"], item["removed"]) == ([], [])
    # a 30 band edge downwards: 30 → 25
    data["scores"]["4.7.2"] = 30
    data["site_visit"]["before"]["scores"]["4.7.2"] = 30
    data["comments"] = data["site_visit"]["before"]["comments"]
    assert site_visit.changes(assessment.from_data(data)) == {"items": [], "count": 0}
    data["scores"]["4.7.2"] = 25
    found = site_visit.changes(assessment.from_data(data))
    assert found is not None
    assert [
        (i["before"]["band"], i["after"]["band"], i["band_changed"]) for i in found["items"]
    ] == [("30–45", "10–25", True)]


def test_many_comments_are_matched_in_linear_time() -> None:
    texts = [comment("strength", f"评语{n}") for n in range(30_000)]
    data = started()
    data["site_visit"]["before"]["comments"] = {"4.1.2": texts}
    data["comments"] = {"4.1.2": list(reversed(texts))}
    document = assessment.from_data(data)
    with time_limit(5):
        found = site_visit.changes(document)
    assert found == {"items": [], "count": 0}  # every one found again, none changed


def test_the_renderings_use_the_words_once_defined() -> None:
    data = after_the_visit()
    data["site_visit"]["issues"][0].update(
        ask="查看党组会纪要", whom="办公室主任", finding="纪要齐全 **<b>x</b>**"
    )
    report = site_visit.report(assessment.from_data(data))
    assert report["words"] is site_visit.WORDS
    text = site_visit.to_text(report)
    assert "现场评审问题" in text
    assert "（1）4.1.2 领导班子的作用 · 核实（优势）：班子会确定愿景" in text
    assert "询问或查看：查看党组会纪要" in text
    assert "对象：办公室主任" in text
    assert "现场发现：纪要齐全 **<b>x</b>**" in text
    assert (
        "4.1.2 领导班子的作用：百分比 25%（分数段 10–25） → 30%（分数段 30–45）（分数段变化）"
        in text
    )
    assert "新增 优势+：新增的" in text
    assert "修改 改进机会−：缺评估 → 缺少评估机制" in text
    assert "删除 优势+：制度健全" in text
    assert "修改 改进机会−− → 改进机会−：缺少相关方反馈" in text
    markdown = site_visit.to_markdown(report)
    assert "## 现场评审问题" in markdown
    assert "<b>" not in markdown
    assert "纪要齐全 \\*\\*&lt;b&gt;x&lt;/b&gt;\\*\\*" in markdown
    assert json.loads(site_visit.to_json(report)) == json.loads(json.dumps(report))


# ------------------------------------------------------------------------------------ CLI


def write(folder: Path, name: str, data: dict[str, Any]) -> Path:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def test_visit_on_the_command_line(tmp_path: Path, run: Runner) -> None:
    source = write(tmp_path, "consensus.json", CONSENSUS)
    out = tmp_path / "started.json"
    done = run("visit", source, "--start", "-o", out)
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(out.read_text("utf-8")) == started()
    printed = run("visit", source, "--start")
    assert json.loads(printed.stdout) == started()
    # the started file: its worksheet, nothing changed yet
    text = run("visit", out).stdout.decode()
    assert "（2）4.1.3 组织治理 · 核实（改进机会）：缺少相关方反馈" in text
    assert "与开始现场评审时相比没有变化" in text
    # after the visit: each format
    visited = write(tmp_path, "visited.json", after_the_visit())
    data = json.loads(run("visit", visited, "--format", "json").stdout)
    assert data == json.loads(
        json.dumps(site_visit.report(assessment.from_data(after_the_visit())))
    )
    assert data["changes"]["count"] == 3
    assert data["words"]["kinds"] == {"verify": "核实", "clarify": "澄清"}
    markdown = run("visit", visited, "--format", "md").stdout.decode()
    assert "## 现场评审后的变化" in markdown
    assert "    - 新增 优势+：新增的" in markdown
    assert "分数段变化" in run("visit", visited).stdout.decode()
    run("visit", visited, "--format", "md", "-o", tmp_path / "visit.md")
    assert (tmp_path / "visit.md").read_text("utf-8") == markdown


def test_visit_refuses_bad_input_in_one_chinese_line(tmp_path: Path, run: Runner) -> None:
    source = write(tmp_path, "consensus.json", CONSENSUS)
    one_line_error(run("visit", source), "尚未开始现场评审", "visit --start", str(source))
    bad = {**CONSENSUS, "site_visit": {"issues": [{"item": "4.1.2", "kind": "check", "text": ""}]}}
    one_line_error(
        run("visit", write(tmp_path, "bad.json", bad), "--start"),
        "site_visit.issues[0].kind",
        '"verify"（核实）',
    )
    one_line_error(run("visit", source, "--start", "--format", "md"), "--start", "--format md")
    one_line_error(run("visit", source, "--start", "-o", source), str(source))  # its own input
    one_line_error(run("visit", tmp_path / "missing.json"), "missing.json")


# --------------------------------------------------------------------------------- service


def request(payload: dict[str, Any]) -> dict[str, Any]:
    reply: dict[str, Any] = json.loads(
        service.handle(json.dumps({"type": "visit", "payload": payload}))
    )
    return reply


def test_the_page_s_visit_request() -> None:
    reply = request({"document": CONSENSUS, "start": True})
    assert reply["ok"], reply
    result = reply["result"]
    assert result["document"] == started()
    assert [i["text"] for i in result["worksheet"]["issues"]] == [
        "班子会确定愿景",
        "缺少相关方反馈",
    ]
    assert result["worksheet"]["issues"][0]["kind_label"] == "核实"
    assert result["worksheet"]["started"] is True
    assert result["changes"] == {"items": [], "count": 0}
    assert result["words"] == json.loads(json.dumps(site_visit.WORDS))
    # not started, without start: the worksheet and no changes (null), no document
    plain = request({"document": CONSENSUS})["result"]
    assert "document" not in plain
    assert plain["changes"] is None
    assert plain["worksheet"] == {"started": False, "issues": []}
    visited = request({"document": after_the_visit()})["result"]
    assert visited["changes"]["count"] == 3
    refused = request({"document": CONSENSUS, "start": "yes"})
    assert not refused["ok"]
    assert refused["error"]["problems"][0]["field"] == "start"
    bad = request({"document": {**CONSENSUS, "site_visit": {"issues": [{}]}}})
    assert not bad["ok"]
    assert "site_visit.issues[0].item" in bad["error"]["message"]


def test_before_comments_may_name_key_factors_edited_away_since() -> None:
    data = started()
    data["site_visit"]["before"]["comments"]["4.1.2"][0]["key_factors"] = ["KF9"]
    document = assessment.from_data(data)
    assert document.site_visit is not None
    assert document.site_visit.before is not None
    assert document.site_visit.before.comments["4.1.2"][0].key_factors == ("KF9",)
    assert isinstance(document.site_visit.before.comments["4.1.2"][0], Comment)
