"""The examiner's engine — consensus, comparison, trend, batch, feedback — with numbers checked by
hand (points of table A.1: 4.1.2 = 60, 4.1.3 = 30, 4.1.4 = 40, 4.4.3 = 15, 4.7.2 = 80)."""

from __future__ import annotations

import html
import html.parser
import io
import json
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from calculator import assessment, batch, compare, consensus, feedback, output
from calculator.assessment import (
    Assessment,
    AssessmentError,
    Comment,
    Examiner,
    KeyFactor,
    dumps,
    loads,
)
from calculator.scheme import Scheme


def examiner(scores: dict[str, int], **fields: object) -> Assessment:
    return Assessment(scores=scores, **fields)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------- consensus


def test_three_examiners(scheme: Scheme) -> None:
    result = consensus.consensus(
        [
            ("甲", examiner({"4.1.2": 40, "4.7.2": 30})),
            ("乙", examiner({"4.1.2": 55, "4.7.2": 90})),
            ("丙", examiner({"4.1.2": 60})),
        ],
        scheme,
    )
    item = {s.item.id: s for s in result.items}
    stats = item["4.1.2"]
    assert stats.percents == (40, 55, 60)
    assert stats.mean == Decimal("51.67")  # 155 / 3 = 51.666…, half up
    assert stats.median == 55
    assert (stats.low, stats.high) == (40, 60)
    # 40 lies in 30–45, 60 in 50–65: exactly one band apart, which is not flagged
    assert stats.bands_apart == 1
    assert stats.flagged is False
    assert stats.start == 55
    # a result item scored by two of three: 30 in 30–45, 90 in 90–100 of table C.2
    results = item["4.7.2"]
    assert results.percents == (30, 90, None)
    assert results.median == 60
    assert results.bands_apart == 3
    assert results.flagged is True
    assert results.start == 60
    # nobody scored 4.1.3: no statistics, and it stays unscored in the consensus
    assert item["4.1.3"].start is None
    assert item["4.1.3"].flagged is False
    assert result.document.scores == {"4.1.2": 55, "4.7.2": 60}
    assert [s.item.id for s in result.flagged] == ["4.7.2"]


@pytest.mark.parametrize(
    ("percents", "median", "start"),
    [
        ((50, 55), Fraction(105, 2), 55),  # 52.5 is rounded up to the next step
        ((40, 60), 50, 50),  # already a step
        ((45, 50, 55, 70), Fraction(105, 2), 55),
        ((0, 5), Fraction(5, 2), 5),
        ((95, 100), Fraction(195, 2), 100),
    ],
)
def test_even_number_of_examiners(
    scheme: Scheme, percents: tuple[int, ...], median: Fraction, start: int
) -> None:
    result = consensus.consensus(
        [(f"评审员{n}", examiner({"4.4.3": p})) for n, p in enumerate(percents)], scheme
    )
    stats = next(s for s in result.items if s.item.id == "4.4.3")
    assert stats.median == median
    assert stats.start == start
    assert result.document.scores["4.4.3"] == start


@pytest.mark.parametrize(
    ("low", "high", "flag_bands", "flagged"),
    [
        (45, 50, 1, False),  # neighbouring bands: exactly one apart
        (45, 70, 1, True),  # 30–45 and 70–85: two apart
        (50, 65, 0, False),  # one band: none apart, even at the strictest setting
        (45, 50, 0, True),  # the setting: flag any two bands
        (0, 100, 5, False),
        (0, 100, 4, True),
    ],
)
def test_flag_is_a_setting_in_bands(
    scheme: Scheme, low: int, high: int, flag_bands: int, *, flagged: bool
) -> None:
    result = consensus.consensus(
        [("甲", examiner({"4.1.2": low})), ("乙", examiner({"4.1.2": high}))], scheme, flag_bands
    )
    assert result.items[0].flagged is flagged
    data = consensus.to_data(result)
    assert data["items"]["4.1.2"]["flagged"] is flagged
    assert f"相隔超过 {flag_bands} 个分数段" in data["rules"]["flag"]
    assert "本工具的约定" in data["rules"]["flag"]


JIA = examiner(
    {"4.1.2": 50},
    profile={"B.1.1": {"a": "市场监管"}, "B.2.1": "营商环境良好"},
    key_factors=(KeyFactor("KF1", "服务对象多", items=("4.1.2",)),),
    comments={"4.1.2": (Comment("strength", "分工明确", key_factors=("KF1",)),)},
)
YI = examiner(
    {"4.1.2": 55},
    profile={"B.1.1": {"a": "市场监管", "b": "诚信"}, "B.2.1": "营商环境一般"},
    key_factors=(KeyFactor("KF1", "编制少"), KeyFactor("KF2", "信息化")),
    comments={
        "4.1.2": (
            Comment("strength", "制度健全", major=True, factor="A", key_factors=("KF1", "KF2")),
            Comment("opportunity", "缺评估", extra={"note": "kept"}),
        )
    },
)


def test_consensus_json_and_document(scheme: Scheme) -> None:
    result = consensus.consensus([("甲", JIA), ("乙", YI)], scheme, title="某局合议")
    data = consensus.to_data(result)
    assert data["examiners"] == 2
    assert data["names"] == ["甲", "乙"]
    assert data["items"]["4.1.2"] == {
        "name": "领导班子的作用",
        "percents": [50, 55],
        "mean": 52.5,
        "median": 52.5,
        "min": 50,
        "max": 55,
        "bands_apart": 0,
        "flagged": False,
        "start": 55,
        # the originals, per item, each with its examiner
        "comments": [
            {
                "examiner": "甲",
                "kind": "strength",
                "major": False,
                "factor": None,
                "point": None,
                "text": "分工明确",
                "evidence": "",
            },
            {
                "examiner": "乙",
                "kind": "strength",
                "major": True,
                "factor": "A",
                "point": None,
                "text": "制度健全",
                "evidence": "",
            },
            {
                "examiner": "乙",
                "kind": "opportunity",
                "major": False,
                "factor": None,
                "point": None,
                "text": "缺评估",
                "evidence": "",
            },
        ],
    }
    assert data["items"]["4.7.2"]["comments"] == []
    assert "偶数" in data["rules"]["median"]
    document = loads(json.dumps(data["consensus"], ensure_ascii=False), scheme)
    assert document.title == "某局合议"
    assert document.scores == {"4.1.2": 55}
    # every examiner's comments, examiner after examiner, each with its name; the key factor
    # both called KF1 told apart, and the comments that name it follow
    originals = (
        Comment("strength", "分工明确", key_factors=("KF1（甲）",), extra={"examiner": "甲"}),
        Comment(
            "strength",
            "制度健全",
            major=True,
            factor="A",
            key_factors=("KF1（乙）", "KF2"),
            extra={"examiner": "乙"},
        ),
        Comment("opportunity", "缺评估", extra={"note": "kept", "examiner": "乙"}),
    )
    # the consensus's own comments start as the originals, each with its examiner as its source
    assert document.comments["4.1.2"] == tuple(
        replace(c, extra={**{k: v for k, v in c.extra.items() if k != "examiner"}, "sources": [n]})
        for c, n in zip(originals, ["甲", "乙", "乙"], strict=True)
    )
    # the record: every examiner with the percents, the originals, no rationale yet
    record = document.consensus
    assert record is not None
    assert record.examiners == (Examiner("甲", {"4.1.2": 50}), Examiner("乙", {"4.1.2": 55}))
    assert record.comments == {"4.1.2": originals}
    assert record.rationales == {}
    assert data["consensus"]["consensus"]["rationales"] == {}
    assert [(k.id, k.text, k.extra["examiner"]) for k in document.key_factors] == [
        ("KF1（甲）", "服务对象多", "甲"),
        ("KF1（乙）", "编制少", "乙"),
        ("KF2", "信息化", "乙"),
    ]
    # the profile: one text where they agree or one wrote it, each examiner's where they differ
    assert document.profile == {
        "B.1.1": {"a": "市场监管", "b": "诚信"},
        "B.2.1": "【甲】营商环境良好\n【乙】营商环境一般",
    }
    assert loads(dumps(result.document, scheme), scheme) == result.document
    # the report of the consensus names each comment's sources
    report = feedback.to_markdown(feedback.feedback_data(result.document, scheme))
    assert "（来源 乙；评价要点 A 方法；关键因素 KF1（乙）、KF2）" in report


def test_the_report_names_every_source_of_a_merged_comment_and_the_rationale(
    scheme: Scheme,
) -> None:
    result = consensus.consensus([("张评审", JIA), ("李评审", YI)], scheme)
    data = assessment.to_data(result.document, scheme)
    data["comments"]["4.1.2"] = [
        {"kind": "strength", "text": "分工明确，制度健全", "sources": ["张评审", "李评审"]},
        {"kind": "opportunity", "text": "旧格式的合议评语", "examiner": "李评审"},  # before sources
    ]
    data["consensus"]["rationales"] = {"4.1.2": "方法系统，<b>展开</b>到多数部门"}
    document = assessment.from_data(data, scheme)
    report = feedback.feedback_data(document, scheme)
    item = report["categories"][0]["items"][0]
    assert item["rationale"] == "方法系统，<b>展开</b>到多数部门"
    assert [c["sources"] for c in item["comments"]["strength"]] == [["张评审", "李评审"]]
    assert [c["sources"] for c in item["comments"]["opportunity"]] == [["李评审"]]
    assert report["categories"][0]["items"][1]["rationale"] is None  # 4.1.3: none written
    markdown = feedback.to_markdown(report)
    assert "（来源 张评审、李评审）" in markdown
    assert "- 合议理由：方法系统，&lt;b&gt;展开&lt;/b&gt;到多数部门" in markdown
    html = feedback.report_html(report)
    assert "（来源 张评审、李评审）" in html
    assert (
        '<p class="feedback__rationale">合议理由：方法系统，&lt;b&gt;展开&lt;/b&gt;到多数部门</p>'
        in html
    )
    assert html.count("合议理由") == 1
    # an examiner's own report: no sources, no rationale
    own = feedback.feedback_data(JIA, scheme)
    assert own["categories"][0]["items"][0]["comments"]["strength"][0]["sources"] == []
    assert "合议理由" not in feedback.to_markdown(own)


def test_consensus_record_lists_each_examiner_s_comments(scheme: Scheme) -> None:
    """The page lists a consensus's originals from its record (the score reply's ``record``)."""
    blank = examiner({}, comments={"4.1.2": (Comment("opportunity", " "),)})
    examiners = [("甲", JIA), ("乙", YI), ("丙", blank)]
    result = consensus.consensus(examiners, scheme)
    shown = consensus.record_display(result.document, scheme)
    assert list(shown) == ["4.1.2"]
    assert shown["4.1.2"] == [
        {
            "examiner": "甲",
            "kind": "strength",
            "label": "优势",
            "factor": None,
            "text": "分工明确",
            "index": 0,
        },
        {
            "examiner": "乙",
            "kind": "strength",
            "label": "优势++",
            "factor": "A 方法",
            "text": "制度健全",
            "index": 1,
        },
        {
            "examiner": "乙",
            "kind": "opportunity",
            "label": "改进机会",
            "factor": None,
            "text": "缺评估",
            "index": 2,
        },
    ]  # 丙's blank one (index 3) left out
    assert "originals" not in consensus.page_data(result)["items"]["4.1.2"]["display"]
    assert consensus.record_display(JIA, scheme) == {}  # no record: nothing to list
    major = examiner(
        {}, comments={"4.7.2": (Comment("opportunity", "无对比", major=True, factor="Le"),)}
    )
    shown = consensus.record_display(
        consensus.consensus([("甲", JIA), ("丁", major)], scheme).document, scheme
    )
    assert shown["4.7.2"] == [
        {
            "examiner": "丁",
            "kind": "opportunity",
            "label": "改进机会−−",
            "factor": "Le 水平",
            "text": "无对比",
            "index": 0,
        }
    ]


# ------------------------------------------------------------------------------ comparison

A = examiner({"4.1.2": 50, "4.1.3": 40, "4.4.3": 55, "4.7.2": 30})
B = examiner({"4.1.2": 55, "4.1.3": 70, "4.1.4": 35, "4.7.2": 20})


def test_compare_b_minus_a(scheme: Scheme) -> None:
    result = compare.compare(("去年", A), ("今年", B), scheme)
    data = compare.comparison_data(result)
    # A is 30 + 12 + 8.25 + 24 = 74.25 and B is 33 + 21 + 14 + 16 = 84
    assert (data["a"]["total"], data["b"]["total"]) == (74.25, 84)
    delta = data["delta"]
    assert delta["total"] == 9.75
    assert delta["process"] == 17.75  # +3 +9 +14 −8.25
    assert delta["results"] == -8  # 16 − 24
    assert delta["categories"]["4.1"] == 26
    assert delta["categories"]["4.4"] == -8.25
    assert delta["categories"]["4.7"] == -8
    assert delta["categories"]["4.2"] == 0
    assert delta["items"]["4.1.2"] == 3
    assert delta["items"]["4.4.3"] == -8.25
    assert delta["items"]["4.1.4"] == 14
    assert sum(Decimal(str(v)) for v in delta["items"].values()) == Decimal("9.75")
    assert [(c["item"], c["delta"]) for c in data["largest"]] == [
        ("4.1.4", 14),
        ("4.1.3", 9),
        ("4.4.3", -8.25),
        ("4.7.2", -8),
        ("4.1.2", 3),
    ]
    assert data["items"]["4.1.4"] == {"name": "社会责任", "a": None, "b": 35, "delta": 14}
    text = compare.comparison_text(result)
    assert "总分：74.25 → 84（+9.75）" in text
    assert "4.4.3 过程管理" not in text  # the item's own name is used
    assert "4.4.3 顾客与市场" not in text
    assert "3. 4.4.3" in text


def test_trend_of_scores(scheme: Scheme) -> None:
    result = compare.trend([("2023", A), ("2024", B), ("2025", B)], scheme)
    data = compare.trend_data(result)
    assert data["labels"] == ["2023", "2024", "2025"]
    assert data["total"] == [74.25, 84, 84]
    assert data["categories"]["4.1"]["points"] == [42, 68, 68]
    assert data["categories"]["4.7"] == {"name": "结果", "max": 400, "points": [24, 16, 16]}
    assert "不是结果条款（4.7）中 Le-T-C-I 所要求的“趋势”" in data["note"]
    assert "不是结果条款" in compare.trend_text(result)


# ----------------------------------------------------------------------------------- batch


def test_batch_rows_sorted_and_invalid_listed(tmp_path: Path, scheme: Scheme) -> None:
    (tmp_path / "a.json").write_text(dumps(Assessment(scores={"4.1.2": 50}, title="甲局"), scheme))
    (tmp_path / "b.json").write_text(dumps(Assessment(scores={"4.4.3": 55}, title="=乙局"), scheme))
    (tmp_path / "c.json").write_text(dumps(Assessment(scores={"4.1.2": 50}, title="丙局"), scheme))
    (tmp_path / "bad.json").write_text('{"format": "x"}')
    (tmp_path / "notes.txt").write_text("not an assessment")
    rows = batch.score_files(batch.folder_files(tmp_path), Path.read_bytes, scheme)
    assert [r.file for r in rows] == ["a.json", "c.json", "b.json", "bad.json"]  # 30, 30, 8.25
    assert rows[-1].result is None
    assert "format" in rows[-1].error
    book = load_workbook(io.BytesIO(batch.to_xlsx(rows, scheme)))
    sheet = book.worksheets[0]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:4] == ["文件", "标题", "4.1 领导", "4.2 战略"]
    assert values[1][:3] == ["a.json", "甲局", 30]
    assert values[3][1] == "=乙局"  # text, not a formula
    assert sheet.cell(4, 2).data_type == "s"
    assert (values[3][5], values[3][11]) == (8.25, 8.25)  # 4.4 and the total, as numbers
    assert sheet.cell(4, 6).data_type == "n"
    assert str(values[4][-1]).startswith("format")
    text = batch.to_csv(rows, scheme)
    assert "'=乙局" in text  # Excel reads the CSV cell as text


# -------------------------------------------------------------------------------- feedback

HOSTILE = {
    "strengths": "<script>alert(1)</script>\n[点我](javascript:alert(1)) **粗体** # 标题",
    "opportunities": "<img src=x onerror=alert(1)> & &lt; `代码` \x1b[31m",
}


class _Elements(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, _: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text += data


def _feedback_document() -> Assessment:
    return Assessment(
        scores={"4.1.2": 55, "4.7.2": 30},
        title="<b>某局</b>",
        profile={"B.1.1": {"a": HOSTILE["strengths"]}, "B.2.3": HOSTILE["opportunities"]},
        key_factors=(KeyFactor("<i>KF</i>", HOSTILE["strengths"], items=("4.1.2",)),),
        comments={
            "4.1.2": (
                Comment("strength", HOSTILE["strengths"], major=True, factor="A", point="a"),
                Comment(
                    "opportunity",
                    HOSTILE["opportunities"],
                    evidence="<script>证据</script>",
                    key_factors=("<i>KF</i>",),
                ),
                Comment("opportunity", "+ 不是列表", factor="D"),
            )
        },
    )


def test_feedback_data(scheme: Scheme) -> None:
    data = feedback.feedback_data(_feedback_document(), scheme)
    item = data["categories"][0]["items"][0]
    assert (item["id"], item["percent"], item["points"], item["band"]) == (
        "4.1.2",
        55,
        "33",
        "50–65",
    )
    assert [line["factor"] for line in item["band_text"]] == ["A", "D", "L", "I"]
    strength, *_ = item["comments"]["strength"]
    assert (strength["mark"], strength["text"]) == ("++", HOSTILE["strengths"])
    assert (strength["factor"], strength["point"]) == ("A 方法", "a) 确定方向")
    opportunities = item["comments"]["opportunity"]
    assert [(c["index"], c["mark"]) for c in opportunities] == [(1, "\u2212"), (2, "\u2212")]
    assert opportunities[0]["key_factors"] == ["<i>KF</i>"]
    assert [s["id"] for s in data["profile"]] == ["B.1.1", "B.2.3"]
    assert data["profile"][0]["answers"] == [{"label": "a) 法定职能", "text": HOSTILE["strengths"]}]
    assert data["key_factors"][0]["items"] == ["4.1.2"]
    assert data["summary"].startswith("总分 57 / 1000")
    assert data["priorities"][0].startswith("4.7.2")


def test_markdown_report_escapes_every_user_text(scheme: Scheme) -> None:
    text = feedback.to_markdown(feedback.feedback_data(_feedback_document(), scheme))
    rendered = markdown.markdown(text)
    parsed = _Elements()
    parsed.feed(rendered)
    assert not {"script", "img", "a", "b", "i", "code", "em"} & set(parsed.tags), parsed.tags
    assert "<script>alert(1)</script>" in parsed.text
    assert "[点我](javascript:alert(1)) **粗体** # 标题" in parsed.text
    assert "<b>某局</b>" in parsed.text
    assert "证据：<script>证据</script>" in parsed.text
    assert "关键因素 <i>KF</i>" in parsed.text
    assert "\x1b" not in text
    assert "## 改进优先" in text
    # the profile and the key factors first; each comment an item of its kind's list, its mark
    # in bold, a text that starts with + not a list of its own
    assert text.index("## 组织概述") < text.index("## 关键因素") < text.index("## 4.1 领导")
    assert rendered.count("<strong>++</strong>") == 1
    assert rendered.count("<strong>\u2212</strong> + 不是列表") == 1
    assert "评价要点 D 展开" in parsed.text
    assert "条款要点 a) 确定方向" in parsed.text


def test_html_report_escapes_every_user_text(scheme: Scheme) -> None:
    text = feedback.to_html(feedback.feedback_data(_feedback_document(), scheme))
    parsed = _Elements()
    parsed.feed(text)
    assert not {"script", "img", "a", "b", "i"} & set(parsed.tags), parsed.tags
    assert "<script>alert(1)</script>" in parsed.text
    assert "<img src=x onerror=alert(1)> & &lt; `代码`" in parsed.text
    assert "证据：<script>证据</script>" in parsed.text
    assert "关键因素 <i>KF</i>" in parsed.text
    assert "++ <script>alert(1)</script>" in parsed.text
    assert (
        text.index("<h2>组织概述</h2>") < text.index("<h2>关键因素</h2>") < text.index("4.1 领导")
    )
    assert 'data-comment="4.1.2 2"' in text
    assert "反馈报告：<b>某局</b>" in parsed.text
    assert "default-src 'none'" in text
    assert "@page { size: A4" in text


@given(st.text())
def test_html_escape_without_the_html_module(text: str) -> None:
    assert feedback._escape(text) == html.escape(text)  # noqa: SLF001 - the engine's own escape


def test_labels_given_twice_are_numbered() -> None:
    assert output.distinct(["评审组", "李", "评审组", "评审组"]) == [
        "评审组（1）",
        "李",
        "评审组（2）",
        "评审组（3）",
    ]


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (["甲", "乙"], ["甲", "乙"]),
        (["a", "a"], ["a（1）", "a（2）"]),
        # a numbered label that someone wrote already is kept, and skipped when numbering
        (["a", "a", "a（1）"], ["a（2）", "a（3）", "a（1）"]),
        (["a（1）", "a", "a"], ["a（1）", "a（2）", "a（3）"]),
        # a repeated label whose numbered form is repeated too
        (["a（1）", "a（1）", "a", "a"], ["a（1）（1）", "a（1）（2）", "a（1）", "a（2）"]),
        ([], []),
    ],
)
def test_labels_always_come_out_distinct(labels: list[str], expected: list[str]) -> None:
    assert output.distinct(labels) == expected


@given(st.lists(st.sampled_from(["a", "a（1）", "a（2）", "a（1）（1）", "b", ""]), max_size=12))
def test_distinct_labels_for_any_list(labels: list[str]) -> None:
    shown = output.distinct(labels)
    assert len(set(shown)) == len(shown) == len(labels)
    for label, given_label in zip(shown, labels, strict=True):
        assert label == given_label or label.startswith(given_label + "（")
        if labels.count(given_label) == 1:
            assert label == given_label


@pytest.mark.parametrize("count", range(consensus.MIN_EXAMINERS + 1))
def test_consensus_needs_two_examiners(scheme: Scheme, count: int) -> None:
    examiners = [(f"评审员{n}", examiner({"4.1.2": 50})) for n in range(count)]
    if count == consensus.MIN_EXAMINERS:  # the fewest a consensus is made of
        assert consensus.consensus(examiners, scheme).examiners == ("评审员0", "评审员1")
        return
    with pytest.raises(AssessmentError) as caught:
        consensus.consensus(examiners, scheme)
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("examiners", "合议至少需要两位评审员的评价文件")
    ]


@pytest.mark.parametrize(
    ("examiners", "flag_bands"), [(2, -1), (2, "1"), (2, 1.0), (2, True), (2, None), (0, -1)]
)
def test_flag_bands_must_be_a_whole_number_of_bands(
    scheme: Scheme, examiners: int, flag_bands: object
) -> None:
    # the one check, for the CLI and the page alike; given no examiners, named too
    assessments = [(f"评审员{n}", examiner({"4.1.2": 50})) for n in range(examiners)]
    with pytest.raises(AssessmentError) as caught:
        consensus.consensus(assessments, scheme, flag_bands)  # type: ignore[arg-type]
    problem = next(p for p in caught.value.problems if p.field == "flag_bands")
    assert problem.message == f"应为非负整数（分数段数），实为 {flag_bands!r}"


@pytest.mark.parametrize(
    ("names", "order"),
    [
        (["2025.json", "2023.json", "2024.json"], [1, 2, 0]),
        # numbers by value, not character by character: 2–9 before 10
        (["第10次.json", "第2次.json", "第9次.json"], [1, 2, 0]),
        (["自评-10.json", "自评-2.json", "自评-1.json"], [2, 1, 0]),
        # full-width digits are digits too
        (["２０２５年.json", "2024年.json"], [1, 0]),
        # the same name twice, or names equal as numbers: the order given
        (["a.json", "a.json"], [0, 1]),
        (["a02.json", "a2.json", "a1.json"], [2, 0, 1]),
        # letters in either case, text before and after the numbers
        (["B.json", "a.json", "a1b.json", "a1a.json"], [1, 3, 2, 0]),
        ([], []),
    ],
)
def test_file_order_is_the_natural_order_of_names(names: list[str], order: list[int]) -> None:
    assert compare.file_order(names) == order


def test_batch_reads_files_in_the_order_of_their_names(tmp_path: Path, scheme: Scheme) -> None:
    # one rule for file order (compare.file_order): 第2次 before 第10次, as trend sorts them
    for name in ("第10次.json", "第2次.json", "第9次.json"):
        (tmp_path / name).write_text("{")
    rows = batch.score_files(batch.folder_files(tmp_path), Path.read_bytes, scheme)
    assert [r.file for r in rows] == ["第2次.json", "第9次.json", "第10次.json"]
