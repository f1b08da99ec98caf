"""Calibration (calculator/calibrate.py) on hand-made files with hand-checked numbers: bands apart
at the edges 25/30 and 85/90, the share within one band, the bias, a trainee who scored fewer
items, an item the reference left unscored, the ++/−− comments matched or missed; the CLI's
formats and errors; the page's request; linear time on large inputs."""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from calculator import assessment, calibrate, service
from calculator.assessment import AssessmentError
from tests.calibration_cases import BING, JIA, REFERENCE, YI, comment
from tests.cli_runner import Runner, one_line_error
from tests.documents import BASE
from tests.limits import time_limit


def result(*trainees: dict[str, Any]) -> calibrate.Calibration:
    return calibrate.calibrate(
        ("参考评分", assessment.from_data(REFERENCE)),
        [(t["title"], assessment.from_data(t)) for t in trainees],
    )


def data(*trainees: dict[str, Any]) -> dict[str, Any]:
    return calibrate.to_data(result(*trainees))


def test_bands_apart_at_the_edges_and_the_share_within_one_band() -> None:
    jia = data(JIA)["trainees"][0]
    assert jia["items"] == {
        "4.1.2": {"percent": 60, "reference": 55, "delta": 5, "bands_apart": 0},
        "4.1.3": {"percent": 25, "reference": 30, "delta": -5, "bands_apart": -1},  # 25/30
        "4.2.3": {"percent": 45, "reference": 40, "delta": 5, "bands_apart": 0},  # 30–45
        "4.4.2": {"percent": 30, "reference": 25, "delta": 5, "bands_apart": 1},  # 30/25
        "4.7.3": {"percent": 85, "reference": 90, "delta": -5, "bands_apart": -1},  # 85/90
        "4.7.6": {"percent": 75, "reference": 45, "delta": 30, "bands_apart": 2},
    }
    assert jia["within_one_band"] == 0.8333  # 5 / 6, rounded half up to four decimals
    assert jia["within_one_band_items"] == 5
    assert jia["both_scored"] == 6


def test_the_bias_overall_and_per_category() -> None:
    jia, yi, bing = data(JIA, YI, BING)["trainees"]
    assert jia["bias"] == {
        "mean": 5.83,  # 35 / 6
        "items": 6,
        "direction": "high",
        "text": "平均 +5.83 个百分点，偏高",
    }
    assert yi["bias"]["mean"] == -17.5
    assert yi["bias"]["direction"] == "low"
    assert bing["bias"]["mean"] == 0
    assert bing["bias"]["text"] == "平均 0 个百分点，基本一致"
    categories = jia["categories"]
    assert categories["4.1"]["bias"]["mean"] == 0  # +5 and −5
    assert categories["4.1"]["bias"]["direction"] == "even"
    assert categories["4.2"]["bias"]["direction"] == "high"  # +5: exactly one step
    assert categories["4.7"]["bias"]["mean"] == 12.5  # (−5 + 30) / 2
    assert categories["4.3"] == {"points": 0, "reference": 0, "delta": 0, "bias": None}


def test_the_bias_rule_at_one_step() -> None:
    """At least one step (5 %) high is 偏高, at least one step low 偏低; 4.99 is neither."""
    one = {**BASE, "title": "x", "scores": {"4.1.2": 50}}  # −5 against 55
    assert data(one)["trainees"][0]["bias"]["direction"] == "low"
    near = {**BASE, "title": "y", "scores": {"4.1.2": 55, "4.1.3": 30, "4.2.3": 35}}  # −5 / 3
    assert data(near)["trainees"][0]["bias"] == {
        "mean": -1.67,
        "items": 3,
        "direction": "even",
        "text": "平均 −1.67 个百分点，基本一致".replace("−", "-"),
    }


def test_points_of_categories_and_the_total_over_the_items_both_scored() -> None:
    reply = data(JIA, YI)
    assert reply["reference"] == {"label": "参考评分", "total": 164, "scored_items": 6}
    jia, yi = reply["trainees"]
    assert (jia["total"], jia["reference_total"], jia["total_delta"]) == (180.5, 164, 16.5)
    assert jia["own_total"] == 205.5  # with 4.3.3, which the reference left unscored
    assert jia["categories"]["4.1"] == {
        "points": 43.5,  # 36 + 7.5
        "reference": 42,  # 33 + 9
        "delta": 1.5,
        "bias": jia["categories"]["4.1"]["bias"],
    }
    assert jia["categories"]["4.7"]["points"] == 105.5  # 68 + 37.5
    assert jia["categories"]["4.7"]["reference"] == 94.5  # 72 + 22.5
    # 乙 skipped four items: set against the reference on the two both scored, not "low"
    assert (yi["total"], yi["reference_total"], yi["total_delta"]) == (80, 105, -25)
    assert yi["categories"]["4.7"] == {
        "points": 56,
        "reference": 72,
        "delta": -16,
        "bias": yi["categories"]["4.7"]["bias"],
    }
    assert yi["within_one_band"] == 1


def test_missing_and_ignored_items() -> None:
    jia, yi = data(JIA, YI)["trainees"]
    assert jia["missing"] == []
    assert jia["ignored"] == ["4.3.3"]
    assert "4.3.3" not in jia["items"]
    assert yi["missing"] == ["4.1.3", "4.2.3", "4.4.2", "4.7.6"]
    assert yi["ignored"] == []


def test_major_comments_matched_and_missed() -> None:
    jia, yi, bing = data(JIA, YI, BING)["trainees"]
    texts = {
        name: [c["text"] for c in t["comments"][name]]
        for t in (jia,)
        for name in ("matched", "missed")
    }
    assert texts == {"matched": ["班子分工明确", "满意度领先"], "missed": ["缺少对领导绩效的评估"]}
    assert [c["text"] for c in yi["comments"]["matched"]] == ["缺少对领导绩效的评估"]
    assert [c["text"] for c in yi["comments"]["missed"]] == ["班子分工明确", "满意度领先"]
    assert bing["comments"]["matched"] == []
    assert len(bing["comments"]["missed"]) == 3  # the plain comment (+) is not checked
    assert jia["comments"]["matched"][0] == {
        "item": "4.1.2",
        "kind": "strength",
        "factor": "A",
        "text": "班子分工明确",
    }


def test_each_trainee_comment_matches_one_reference_comment() -> None:
    reference = {
        **BASE,
        "scores": {"4.1.2": 55},
        "comments": {
            "4.1.2": [
                comment("strength", "一", "A", major=True),
                comment("strength", "二", "A", major=True),
                comment("strength", "三", major=True),  # any factor: takes what is left
            ]
        },
    }
    trainee = {
        **BASE,
        "scores": {"4.1.2": 55},
        "comments": {"4.1.2": [comment("strength", "x", "A"), comment("strength", "y", "D")]},
    }
    found = calibrate.calibrate(
        ("参考", assessment.from_data(reference)), [("学员", assessment.from_data(trainee))]
    )
    # x matches 一 (a factor named first), y matches 三 (no factor), nothing is left for 二
    assert [(c.comment.text, c.matched) for c in found.trainees[0].comments] == [
        ("一", True),
        ("二", False),
        ("三", True),
    ]


def test_the_class_spread_most_disagreement_first() -> None:
    spread = data(JIA, YI, BING)["class"]["items"]
    # 4.7.6: one trainee more than a band apart; then by the mean absolute delta: 4.7.3 25 / 3,
    # 4.1.2 20 / 3, then 4.1.3 and 4.2.3 at 5 each in table A.1's order, 4.4.2 at 2.5
    assert [s["item"] for s in spread] == ["4.7.6", "4.7.3", "4.1.2", "4.1.3", "4.2.3", "4.4.2"]
    assert spread[0] == {
        "item": "4.7.6",
        "name": "过程有效性结果",
        "reference": 45,
        "scored": 2,
        "mean_delta": 15,
        "mean_abs_delta": 15,
        "min_delta": 0,
        "max_delta": 30,
        "within_one_band": 1,
        "beyond_one_band": 1,
    }
    assert spread[1]["mean_delta"] == -8.33  # (−5 − 20 + 0) / 3
    assert spread[1]["scored"] == 3
    assert spread[2]["mean_abs_delta"] == 6.67  # (5 + 15 + 0) / 3


def test_within_one_band_is_rounded_half_up_to_four_decimals() -> None:
    assert calibrate.share_number(Fraction(2, 3)) == 0.6667
    assert calibrate.share_number(Fraction(1, 8)) == 0.125
    assert calibrate.share_number(Fraction(1, 1)) == 1
    assert calibrate.share_number(None) is None


def test_a_trainee_with_nothing_in_common() -> None:
    other = {**BASE, "title": "丁", "scores": {"4.3.3": 50}}
    trainee = data(other)["trainees"][0]
    assert trainee["within_one_band"] is None
    assert trainee["bias"] is None
    assert (trainee["total"], trainee["total_delta"]) == (0, 0)
    assert "没有与参考共同评分的条款" in calibrate.to_text(result(other))


def test_a_reference_with_no_scores_and_no_trainee_are_refused() -> None:
    with pytest.raises(AssessmentError) as refused:
        calibrate.calibrate(("参考", assessment.from_data({**BASE, "scores": {}})), [])
    assert [(p.field, p.message) for p in refused.value.problems] == [
        ("reference", calibrate.NO_REFERENCE_SCORES),
        ("trainees", calibrate.TOO_FEW_TRAINEES),
    ]


def test_the_page_s_display_and_csv() -> None:
    reply = calibrate.page_data(result(JIA, YI))
    display = reply["display"]
    table = display["table"]
    assert table["columns"] == ["条款", "参考", "甲", "乙"]
    rows = {row["item"]: row for row in table["rows"]}
    assert list(rows) == ["4.1.2", "4.1.3", "4.2.3", "4.4.2", "4.7.3", "4.7.6"]  # 4.3.3 not
    assert rows["4.7.6"]["head"] == "4.7.6 过程有效性结果"
    assert rows["4.7.6"]["reference"] == "45%"
    assert rows["4.7.6"]["cells"] == [
        {"text": "75%（+2 ⚠）", "class": "2+"},
        {"text": "未评分", "class": None},
    ]
    assert rows["4.1.3"]["cells"][0] == {"text": "25%（−1）".replace("−", "-"), "class": "1"}
    assert rows["4.1.2"]["cells"][0] == {"text": "60%（0）", "class": "0"}
    assert table["total"]["reference"] == "164"
    assert [c["text"] for c in table["total"]["cells"]] == [
        "180.5（+16.5）",
        "80（参考同样条款 105，-25）",
    ]
    jia = display["trainees"][0]
    assert jia["summary"] == (
        "甲：5/6 项在一段以内（83.33%）；总分 180.5，参考同样条款 164，相差 +16.5 分。"
        "参考未评分、不计入：4.3.3。"
    )
    assert jia["bias"].startswith("偏差：平均 +5.83 个百分点，偏高（4.1 领导 平均 0 个百分点，")
    assert jia["comments"]["summary"] == "参考评分的 ++/−− 评语 3 条：提出 2 条，遗漏 1 条。"
    assert jia["comments"]["missed"] == ["4.1.2 改进机会−−（L 学习）：缺少对领导绩效的评估"]
    assert jia["comments"]["matched"][1] == "4.7.3 优势++：满意度领先"
    assert display["disagreement"]["list"][0] == (  # (乙 did not score it)
        "4.7.6 过程有效性结果（参考 45%）：1 人中 1 人相隔超过一个分数段；"
        "平均相差 +30 个百分点（最小 +30，最大 +30）"
    )
    assert calibrate.page_data(result(JIA, YI, BING))["display"]["disagreement"]["list"][0] == (
        "4.7.6 过程有效性结果（参考 45%）：2 人中 1 人相隔超过一个分数段；"
        "平均相差 +15 个百分点（最小 0，最大 +30）"
    )
    assert display["rules"] == calibrate.rules(result(JIA).scheme)
    assert reply["csv"] == calibrate.to_csv(result(JIA, YI))


def read_csv(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    assert "\r\n" in text
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_csv_one_row_per_trainee_and_item() -> None:
    rows = read_csv(calibrate.to_csv(result(JIA, YI)))
    assert rows[0] == calibrate.CSV_HEADER
    jia = [r for r in rows[1:] if r[0] == "甲"]
    yi = [r for r in rows[1:] if r[0] == "乙"]
    assert [r[1] for r in jia] == ["4.1.2", "4.1.3", "4.2.3", "4.3.3", "4.4.2", "4.7.3", "4.7.6"]
    assert jia[0] == ["甲", "4.1.2", "领导班子的作用", "60", "55", "5", "0", "是", "", "2", "1"]
    assert jia[3] == [
        "甲",
        "4.3.3",
        "营商环境与公众满意",
        "50",
        "",
        "",
        "",
        "",
        "参考未评分，不计入",
        "0",
        "0",
    ]
    assert jia[6][3:8] == ["75", "45", "30", "2", "否"]
    assert yi[1] == ["乙", "4.1.3", "组织治理", "", "30", "", "", "", "学员未评分", "0", "0"]
    assert len(yi) == 6  # the reference's six items


# --- the command line -----------------------------------------------------------------------


def files(tmp_path: Path, *documents: dict[str, Any]) -> list[str]:
    paths = []
    for n, document in enumerate(documents):
        path = tmp_path / f"{n}.json"
        path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
        paths.append(str(path))
    return paths


def test_cli_json_is_the_contract(tmp_path: Path, run: Runner) -> None:
    done = run("calibrate", *files(tmp_path, REFERENCE, JIA, YI, BING), "--format", "json")
    assert done.returncode == 0, done.stderr
    reply = json.loads(done.stdout)
    assert reply == data(JIA, YI, BING)
    assert set(reply["reference"]) >= {"label", "total"}
    for trainee in reply["trainees"]:
        assert set(trainee) >= {"label", "total", "total_delta", "within_one_band", "items"}
        for item in trainee["items"].values():
            assert set(item) == {"percent", "reference", "delta", "bands_apart"}
        for category in trainee["categories"].values():
            assert set(category) >= {"points", "reference", "delta"}


def test_cli_text_and_csv(tmp_path: Path, run: Runner) -> None:
    paths = files(tmp_path, REFERENCE, JIA, YI)
    text = run("calibrate", *paths).stdout.decode("utf-8")
    assert text.startswith("参考评分：参考评分（总分 164，已评分 6 项）；学员 2 位。\n")
    assert "4.7.6  45%   75%（+2 ⚠）" in text
    assert "甲：5/6 项在一段以内（83.33%）" in text
    assert "  遗漏 4.1.2 改进机会−−（L 学习）：缺少对领导绩效的评估" in text
    assert "1. 4.7.6 过程有效性结果（参考 45%）：1 人中 1 人相隔超过一个分数段" in text
    assert text.count("说明：") == len(calibrate.rules(result(JIA).scheme))
    done = run("calibrate", *paths, "--format", "csv")
    assert done.stdout.decode("utf-8") == calibrate.to_csv(result(JIA, YI))


def test_cli_labels_are_told_apart_and_safe(tmp_path: Path, run: Runner) -> None:
    hostile = {**JIA, "title": "=HYPERLINK(\u202e)"}
    paths = files(tmp_path, REFERENCE, hostile, hostile, {**YI, "title": "参考评分"})
    reply = json.loads(run("calibrate", *paths, "--format", "json").stdout)
    assert reply["reference"]["label"] == "参考评分（1）"
    assert [t["label"] for t in reply["trainees"]] == [
        "=HYPERLINK(\u202e)（1）",
        "=HYPERLINK(\u202e)（2）",
        "参考评分（2）",
    ]
    text = run("calibrate", *paths).stdout.decode("utf-8")
    assert "\u202e" not in text
    assert "=HYPERLINK(\\u202e)（1）" in text
    rows = read_csv(run("calibrate", *paths, "--format", "csv").stdout.decode("utf-8"))
    assert rows[1][0] == "'=HYPERLINK(\u202e)（1）"  # never run as a formula


def test_cli_label_is_the_file_name_without_a_title(tmp_path: Path, run: Runner) -> None:
    untitled = tmp_path / "王五.json"
    untitled.write_text(json.dumps({**BING, "title": ""}, ensure_ascii=False), "utf-8")
    (reference,) = files(tmp_path, REFERENCE)
    reply = json.loads(run("calibrate", reference, str(untitled), "--format", "json").stdout)
    assert reply["trainees"][0]["label"] == "王五"


def test_cli_errors(tmp_path: Path, run: Runner) -> None:
    reference, trainee = files(tmp_path, REFERENCE, JIA)
    one_line_error(run("calibrate", reference), "至少需要一位学员")
    (empty,) = files(tmp_path / "..", {**BASE, "scores": {}})
    one_line_error(run("calibrate", empty, trainee), empty, "参考评分中没有已评分的条款")
    bad = tmp_path / "坏.json"
    bad.write_text('{"format": "excellence-assessment", "version": 1, "scores": {"4.1.2": 57}}')
    one_line_error(run("calibrate", reference, trainee, str(bad)), "坏.json", "5 的倍数")
    one_line_error(run("calibrate", reference, str(tmp_path / "无.json")), "找不到文件", "无.json")
    one_line_error(run("calibrate", reference, trainee, "--format", "xlsx"), "命令行参数有误")
    out = tmp_path / "out.csv"
    assert run("calibrate", reference, trainee, "--format", "csv", "-o", str(out)).returncode == 0
    assert out.read_bytes().decode("utf-8") == calibrate.to_csv(result(JIA))
    one_line_error(run("calibrate", reference, trainee, "-o", trainee), "覆盖")


# --- the page's request ---------------------------------------------------------------------


def ask(payload: dict[str, Any]) -> dict[str, Any]:
    reply: dict[str, Any] = json.loads(
        service.handle(json.dumps({"type": "calibrate", "payload": payload}))
    )
    return reply


def test_the_service_answers_as_the_cli() -> None:
    reply = ask(
        {
            "reference": {"file": "reference.json", "document": REFERENCE},
            "trainees": [{"file": "a.json", "document": JIA}, {"file": "乙.json", "document": YI}],
        }
    )
    assert reply["ok"] is True
    got = reply["result"]
    expected = calibrate.page_data(result(JIA, YI))
    assert got == json.loads(json.dumps(expected, ensure_ascii=False))
    assert got["csv"] == calibrate.to_csv(result(JIA, YI))


def test_the_service_refuses_with_a_message() -> None:
    reply = ask({"reference": {"file": "r.json", "document": REFERENCE}, "trainees": []})
    assert reply["ok"] is False
    assert [p["field"] for p in reply["error"]["problems"]] == ["trainees"]
    reply = ask(
        {
            "reference": {"file": "r.json", "document": {**BASE, "scores": {}}},
            "trainees": [{"file": "a.json", "document": JIA}],
        }
    )
    assert reply["error"]["message"].endswith(calibrate.NO_REFERENCE_SCORES)
    untitled = ask(
        {
            "reference": {"file": "r.json", "document": {**REFERENCE, "title": ""}},
            "trainees": [{"file": "张\u202e三.json", "document": {**JIA, "title": ""}}],
        }
    )["result"]
    assert untitled["reference"]["label"] == "r"
    assert untitled["trainees"][0]["label"] == "张\\u202e三"  # made safe to show, once


# --- large inputs ---------------------------------------------------------------------------


def test_linear_time_on_many_comments() -> None:
    """Twenty thousand ++ comments on one item against as many of the trainee's (once matched in
    quadratic time, this would take minutes)."""
    n = 20_000
    factors = ["A", "D", "L", "I", None]
    reference = assessment.from_data(
        {
            **BASE,
            "scores": {"4.1.2": 55},
            "comments": {
                "4.1.2": [
                    comment("strength", f"r{k}", factors[k % 5], major=True) for k in range(n)
                ]
            },
        }
    )
    trainee = assessment.from_data(
        {
            **BASE,
            "scores": {"4.1.2": 55},
            "comments": {"4.1.2": [comment("strength", f"t{k}", "I") for k in range(n)]},
        }
    )
    trainees = [(f"学员{k}", trainee) for k in range(5)]
    with time_limit(10):
        found = calibrate.calibrate(("参考", reference), trainees)
        calibrate.page_data(found)
    # each trainee: n / 5 match the ++ I, the n / 5 without a factor take the next n / 5
    assert sum(c.matched for c in found.trainees[0].comments) == 2 * n // 5
