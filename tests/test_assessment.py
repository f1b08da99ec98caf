"""Formats 1 and 2: what is accepted, what is refused, and with which message; format 1's notes
become comments, nothing lost."""

from __future__ import annotations

import json
from typing import Any

import pytest

from calculator.assessment import (
    MAX_BYTES,
    MAX_DEPTH,
    VERSION,
    Assessment,
    AssessmentError,
    Comment,
    Examiner,
    Issue,
    KeyFactor,
    KeyTheme,
    KeyThemes,
    VisitBefore,
    dumps,
    from_data,
    loads,
    nesting_depth,
    to_data,
)
from calculator.scheme import Scheme
from calculator.scoring import score
from tests.documents import BASE, INVALID_DATA, INVALID_TEXT, doc, nested
from tests.limits import time_limit

# A scorebook with every field of format 2 used, written as the engine writes it
SCOREBOOK = doc(
    title="某局 2025 年自评",
    scores={"4.1.2": 55, "4.7.2": 30},
    profile={
        "B.1.1": {"a": "市场监管、行政执法", "c": ""},
        "B.2.1": "营商环境评价位列全省前列",
    },
    key_factors=[
        {"id": "KF1", "text": "服务对象以中小企业为主", "profile": "B.1.2", "items": ["4.1.2"]},
        {"id": "KF2", "text": "", "profile": "B.1.1.a", "source": "访谈"},  # unknown key kept
        {"id": "关键 3", "text": "编制紧"},
    ],
    comments={
        "4.1.2": [
            {
                "kind": "strength",
                "major": True,
                "factor": "A",
                "point": "a",
                "text": "使命、愿景经班子会确定",
                "evidence": "2025 年第 3 次党组会纪要，第 2 页",
                "key_factors": ["KF1", "关键 3"],
            },
            {"kind": "opportunity", "major": False, "factor": "D", "text": "", "draft": 1},
        ],
        "4.7.2": [
            {"kind": "opportunity", "major": True, "factor": "Le", "point": "2", "text": "缺少对比"}
        ],
    },
    key_themes={
        "process": {
            "strengths": [{"text": "党组定期评价绩效", "items": ["4.1.2"], "draft": 1}],
            "opportunities": [{"text": "缺少相关方反馈", "items": []}],
            "note": "过程",  # unknown keys kept at every level
        },
        "results": {"strengths": [], "opportunities": [{"text": "缺少对比", "items": ["4.7.2"]}]},
        "by": "评审组",
    },
    consensus={
        "examiners": [
            {"name": "张评审", "scores": {"4.1.2": 50, "4.7.2": 30}, "role": "组长"},
            {"name": "李评审", "scores": {}},
        ],
        "comments": {
            "4.1.2": [
                {
                    "kind": "strength",
                    "major": True,
                    "factor": "A",
                    "text": "班子会确定愿景",
                    "key_factors": ["KF1（张评审）"],  # renamed, and edited away since: kept
                    "examiner": "张评审",
                },
                {"kind": "opportunity", "major": False, "text": "", "examiner": "李评审"},
            ]
        },
        "rationales": {"4.1.2": "方法系统，展开到多数部门", "4.7.2": ""},
        "met": "2025-06-01",
    },
    site_visit={
        "before": {
            "scores": {"4.1.2": 50},
            "comments": {"4.1.2": [{"kind": "strength", "major": True, "text": "班子会确定愿景"}]},
            "at": "开始时",
        },
        "issues": [
            {
                "item": "4.1.2",
                "kind": "verify",
                "about": "strength",
                "text": "班子会确定愿景",
                "ask": "查看党组会纪要",
                "whom": "办公室主任",
                "finding": "纪要齐全",
                "order": 1,
            },
            {"item": "4.7.2", "kind": "clarify", "text": "对比数据来源"},
        ],
        "team": "现场组",
    },
)

VALID = [
    doc(),
    doc(title="某局 2025 年自评", scores={"4.1.2": 55, "4.1.3": 40, "4.7.2": 30}),
    doc(scores={"4.1.2": 0, "4.7.7": 100}),
    doc(title=None),
    doc(extra_key={"kept": [1, 2]}, generator="某工具"),  # unknown top-level keys are kept
    SCOREBOOK,
    doc(comments={"4.1.2": [{"kind": "strength", "major": False, "text": ""}]}),
    doc(profile={"B.1.2": {}}),
]


@pytest.mark.parametrize("data", VALID)
def test_valid_documents_round_trip(scheme: Scheme, data: dict[str, object]) -> None:
    parsed = from_data(data, scheme)
    again = json.loads(dumps(parsed, scheme))
    assert dict(again) == {k: v for k, v in data.items() if v is not None}
    assert loads(dumps(parsed, scheme), scheme) == parsed


def test_the_scorebook_as_data(scheme: Scheme) -> None:
    parsed = from_data(SCOREBOOK, scheme)
    assert parsed.profile == {
        "B.1.1": {"a": "市场监管、行政执法", "c": ""},
        "B.2.1": "营商环境评价位列全省前列",
    }
    assert parsed.key_factors[1] == KeyFactor(
        "KF2", "", profile="B.1.1.a", extra={"source": "访谈"}
    )
    first, second = parsed.comments["4.1.2"]
    assert first == Comment(
        kind="strength",
        text="使命、愿景经班子会确定",
        major=True,
        factor="A",
        point="a",
        evidence="2025 年第 3 次党组会纪要，第 2 页",
        key_factors=("KF1", "关键 3"),
    )
    assert second == Comment("opportunity", "", factor="D", extra={"draft": 1})
    assert parsed.extra == {}
    assert parsed.key_themes == KeyThemes(
        {
            "process": {
                "strengths": (KeyTheme("党组定期评价绩效", ("4.1.2",), {"draft": 1}),),
                "opportunities": (KeyTheme("缺少相关方反馈"),),
            },
            "results": {"strengths": (), "opportunities": (KeyTheme("缺少对比", ("4.7.2",)),)},
        },
        extra={"by": "评审组"},
        group_extra={"process": {"note": "过程"}, "results": {}},
    )
    record = parsed.consensus
    assert record is not None
    assert record.examiners == (
        Examiner("张评审", {"4.1.2": 50, "4.7.2": 30}, {"role": "组长"}),
        Examiner("李评审"),
    )
    assert record.comments["4.1.2"][1] == Comment("opportunity", "", extra={"examiner": "李评审"})
    assert record.rationales == {"4.1.2": "方法系统，展开到多数部门", "4.7.2": ""}
    assert record.extra == {"met": "2025-06-01"}
    visit = parsed.site_visit
    assert visit is not None
    assert visit.before == VisitBefore(
        {"4.1.2": 50},
        {"4.1.2": (Comment("strength", "班子会确定愿景", major=True),)},
        {"at": "开始时"},
    )
    assert visit.issues == (
        Issue(
            "4.1.2",
            "verify",
            "班子会确定愿景",
            about="strength",
            ask="查看党组会纪要",
            whom="办公室主任",
            finding="纪要齐全",
            extra={"order": 1},
        ),
        Issue("4.7.2", "clarify", "对比数据来源"),
    )
    assert visit.extra == {"team": "现场组"}


def test_key_themes_are_written_as_objects_in_four_groups(scheme: Scheme) -> None:
    # a theme given as a string is a theme naming no item; a group left out is empty
    parsed = from_data(doc(key_themes={"process": {"strengths": ["写在文件里的主题"]}}), scheme)
    assert to_data(parsed, scheme)["key_themes"] == {
        "process": {"strengths": [{"text": "写在文件里的主题", "items": []}], "opportunities": []},
        "results": {"strengths": [], "opportunities": []},
    }
    assert loads(dumps(parsed, scheme), scheme) == parsed
    # without key_themes nothing is written; the new sections are not made up
    plain = from_data(doc(), scheme)
    assert (plain.key_themes, plain.consensus, plain.site_visit) == (None, None, None)
    assert to_data(plain, scheme) == doc()


def test_the_records_sections_are_written_whole(scheme: Scheme) -> None:
    # a consensus written with its three parts, a site visit with its issues, even when empty
    parsed = from_data(doc(consensus={}, site_visit={}), scheme)
    written = to_data(parsed, scheme)
    assert written["consensus"] == {"examiners": [], "comments": {}, "rationales": {}}
    assert written["site_visit"] == {"issues": []}


def test_optional_fields_of_a_comment(scheme: Scheme) -> None:
    # ``major`` defaults to false and is always written; empty evidence and key factors are not
    parsed = from_data(
        doc(
            comments={
                "4.1.2": [{"kind": "strength", "text": "x", "evidence": "", "key_factors": []}]
            }
        ),
        scheme,
    )
    assert parsed.comments["4.1.2"] == (Comment("strength", "x"),)
    assert to_data(parsed, scheme)["comments"] == {
        "4.1.2": [{"kind": "strength", "major": False, "text": "x"}]
    }
    # an item's empty list is no comment at all; an empty profile, key factor list or comment
    # object is not written
    assert from_data(doc(comments={"4.1.2": []}), scheme).comments == {}
    written = to_data(from_data(doc(profile={}, key_factors=[], comments={}), scheme), scheme)
    assert written == doc()


V1: dict[str, Any] = {
    "format": "excellence-assessment",
    "version": 1,
    "title": "某局 2024 年自评",
    "scores": {"4.1.2": 55, "4.7.2": 30},
    "notes": {
        "4.7.2": {"opportunities": "缺少对比数据"},
        "4.1.2": {"strengths": "班子分工明确\n  制度健全 ", "opportunities": "绩效管理待加强"},
        "4.4.2": {"strengths": " \n", "opportunities": ""},  # blank: nothing to keep
        "4.4.3": {},
    },
    "generator": "旧版",
}


def test_version_1_notes_become_comments(scheme: Scheme) -> None:
    parsed = from_data(V1, scheme)
    assert parsed.comments == {
        "4.1.2": (
            Comment("strength", "班子分工明确\n  制度健全 "),  # the note's text exactly
            Comment("opportunity", "绩效管理待加强"),
        ),
        "4.7.2": (Comment("opportunity", "缺少对比数据"),),
    }
    written = to_data(parsed, scheme)
    assert written["version"] == VERSION == 2
    assert "notes" not in written
    assert (written["title"], written["scores"], written["generator"]) == (
        V1["title"],
        V1["scores"],
        "旧版",
    )
    # every non-blank note is somewhere in what is written, word for word
    texts = [c["text"] for entries in written["comments"].values() for c in entries]
    notes = [t for note in V1["notes"].values() for t in note.values() if t.strip()]
    assert sorted(texts) == sorted(notes)
    assert loads(dumps(parsed, scheme), scheme) == parsed


def test_version_1_scores_as_before(scheme: Scheme) -> None:
    assert from_data(V1, scheme).scores == V1["scores"]
    assert score(from_data(V1, scheme), scheme).total == 57


def test_notes_come_after_the_item_s_comments(scheme: Scheme) -> None:
    data = doc(
        comments={"4.1.2": [{"kind": "opportunity", "text": "先写的"}]},
        notes={"4.1.2": {"opportunities": "旧的改进机会", "strengths": "旧的优势"}},
    )
    assert from_data(data, scheme).comments["4.1.2"] == (
        Comment("opportunity", "先写的"),
        Comment("strength", "旧的优势"),
        Comment("opportunity", "旧的改进机会"),
    )


def test_a_comment_may_name_a_key_factor_that_is_itself_wrong(scheme: Scheme) -> None:
    """Only the key factor is refused: the comment that names it is not wrong too."""
    data = doc(
        key_factors=[{"id": "KF1", "text": 5}],
        comments={"4.1.2": [{"kind": "strength", "text": "", "key_factors": ["KF1"]}]},
    )
    with pytest.raises(AssessmentError) as caught:
        from_data(data, scheme)
    assert [p.field for p in caught.value.problems] == ["key_factors[0].text"]


def test_a_scheme_without_clause_points(mini_scheme: Scheme) -> None:
    data = doc(comments={"1.1": [{"kind": "strength", "text": "", "point": "a", "factor": "Le"}]})
    with pytest.raises(AssessmentError) as caught:
        from_data(data, mini_scheme)
    assert [str(p) for p in caught.value.problems] == [
        'comments["1.1"][0].factor：应为 A、D 之一（表P，Process条款），实为 "Le"',
        'comments["1.1"][0].point：1.1 没有分列的条款要点，应省略，实为 "a"',
    ]
    with pytest.raises(AssessmentError, match="评分方案中没有组织概述"):
        from_data(doc(profile={"B.1.1": "x"}), mini_scheme)


def test_unknown_keys_survive(scheme: Scheme) -> None:
    parsed = from_data(doc(generator="excel-macro", meta={"a": 1}), scheme)
    assert parsed.extra == {"generator": "excel-macro", "meta": {"a": 1}}
    assert json.loads(dumps(parsed, scheme))["meta"] == {"a": 1}


def test_byte_order_mark_and_bytes_accepted(scheme: Scheme) -> None:
    text = json.dumps(doc(scores={"4.1.2": 55}), ensure_ascii=False)
    assert loads(("\ufeff" + text).encode(), scheme).scores == {"4.1.2": 55}
    assert loads(text.encode("utf-8"), scheme) == Assessment(scores={"4.1.2": 55})


def test_serialized_in_table_order(scheme: Scheme) -> None:
    parsed = from_data(doc(scores={"4.7.2": 30, "4.1.2": 55}), scheme)
    assert list(json.loads(dumps(parsed, scheme))["scores"]) == ["4.1.2", "4.7.2"]


@pytest.mark.parametrize(("text", "field", "words"), INVALID_TEXT)
def test_invalid_text_refused(scheme: Scheme, text: str | bytes, field: str, words: str) -> None:
    with pytest.raises(AssessmentError) as caught:
        loads(text, scheme)
    assert caught.value.problems[0].field == field
    assert words in str(caught.value)


@pytest.mark.parametrize(("data", "field", "words"), INVALID_DATA)
def test_invalid_document_refused(
    scheme: Scheme, data: dict[str, object], field: str, words: str
) -> None:
    with pytest.raises(AssessmentError) as caught:
        from_data(data, scheme)
    fields = [p.field for p in caught.value.problems]
    assert field in fields
    problem = caught.value.problems[fields.index(field)]
    assert words in str(problem), str(problem)
    assert str(problem).startswith(field)


def test_every_problem_is_reported(scheme: Scheme) -> None:
    data = {
        **BASE,
        "version": 3,
        "scores": {"4.1.2": 57, "4.1.3": 200, "x": 5},
        "comments": {"4.1.2": [{"kind": "x", "text": 1}, {"kind": "strength", "text": ""}, 7]},
    }
    with pytest.raises(AssessmentError) as caught:
        from_data(data, scheme)
    assert [p.field for p in caught.value.problems] == [
        "version",
        'scores["4.1.2"]',
        'scores["4.1.3"]',
        'scores["x"]',
        'comments["4.1.2"][0].kind',
        'comments["4.1.2"][0].text',
        'comments["4.1.2"][2]',
    ]


def test_many_problems_make_one_line(scheme: Scheme) -> None:
    with pytest.raises(AssessmentError) as caught:
        from_data(doc(scores={f"x{n}": 5 for n in range(1000)}), scheme)
    assert len(caught.value.problems) == 1000
    message = str(caught.value)
    assert message.count("未知的评分条款") == 10
    assert message.endswith("；……另有 990 个问题")


def test_long_values_are_shortened(scheme: Scheme) -> None:
    with pytest.raises(AssessmentError) as caught:
        from_data(doc(format="长" * 500), scheme)
    assert len(str(caught.value)) < 200


def test_step_comes_from_the_scheme(mini_scheme: Scheme) -> None:
    assert from_data(doc(scores={"1.1": 30}), mini_scheme).scores == {"1.1": 30}
    with pytest.raises(AssessmentError, match="应为 10 的倍数，实为 35"):
        from_data(doc(scores={"1.1": 35}), mini_scheme)


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("", 0),
        ("{}", 1),
        ('{"a": [[1], {"b": []}]}', 4),
        ('{"a": "[[[{{{", "b": "\\"[["}', 1),  # brackets inside strings do not count
        ("[" * 10 + "]" * 10, 10),
    ],
)
def test_nesting_depth(text: str, depth: int) -> None:
    assert nesting_depth(text) == depth


def test_deepest_allowed_document_is_accepted(scheme: Scheme) -> None:
    data = doc(deep=nested(MAX_DEPTH - 2))  # the document itself and the list are two levels
    assert loads(json.dumps(data), scheme).extra["deep"] == data["deep"]


def _wide_and_deep(element: str, size: int) -> str:
    """A document with a list of ``element`` 60 levels down under long keys, near MAX_BYTES."""
    header = json.dumps(doc())[:-1] + ', "x": '
    keys = "".join('{"' + "k" * 40 + '": ' for _ in range(60))
    width = (MAX_BYTES - len(header) - len(keys) - 100) // size
    return header + keys + "[" + ",".join([element] * width) + "]" + "}" * 61


# Texts of the largest size read that once took quadratic time or memory: each check on them must
# be linear (the bound is loose, for a busy machine; the quadratic code took hours).
SLOW_SHAPES = [
    # an unterminated string of escaped quotes: every quote once started a new scan to the end
    pytest.param('"' + '\\"' * ((MAX_BYTES - 1) // 2), "不是有效的 JSON", id="escaped-quotes"),
    pytest.param(
        '{"x": "' + '\\"' * ((MAX_BYTES - 8) // 2), "不是有效的 JSON", id="escaped-quotes-in-object"
    ),
    # a list 60 levels down under long keys: every element once got its own copy of the path
    pytest.param(_wide_and_deep("0", 2), None, id="wide-and-deep"),
    # the same, every element a problem: each once spelled out its full path, then all were sorted
    pytest.param(_wide_and_deep('"\\ud800"', 9), "单独的代理项", id="wide-and-deep-surrogates"),
    pytest.param(_wide_and_deep("NaN", 4), "不允许 NaN", id="wide-and-deep-nan"),
]


@pytest.mark.parametrize(("text", "refused"), SLOW_SHAPES)
def test_largest_texts_are_checked_in_linear_time(
    scheme: Scheme, text: str, refused: str | None
) -> None:
    assert len(text) <= MAX_BYTES
    with time_limit(10):
        if refused is None:
            assert loads(text, scheme).extra["x"]
        else:
            with pytest.raises(AssessmentError, match=refused):
                loads(text, scheme)


def test_what_was_read_is_written_so_it_can_be_read_again(scheme: Scheme) -> None:
    # one line of indentation per element, 60 levels down: indented, 7 MB; as read, under 1 MB
    deep = "".join(f'{{"k{n}": ' for n in range(60)) + "[" + ",".join(["0"] * 50_000) + "]"
    text = json.dumps(doc()).replace("{", '{"x": ' + deep + "}" * 60 + ", ", 1)
    document = loads(text, scheme)
    assert loads(dumps(document, scheme), scheme) == document


def test_numbers_that_grow_when_written_back(scheme: Scheme) -> None:
    # 1e15 is written back as 1000000000000000.0: a list of them read under MAX_BYTES would be
    # written past it, in a file that could not be read again
    document = loads(json.dumps(doc(x=[1e15, 1e-7, 2.5e14])), scheme)
    assert loads(dumps(document, scheme), scheme) == document
    text = json.dumps(doc())[:-1] + ', "x": [' + ",".join(["1e15"] * (MAX_BYTES // 6)) + "]}"
    assert len(text) <= MAX_BYTES
    with pytest.raises(AssessmentError, match="写回后超过 5 MB"):
        loads(text, scheme)


def test_fields_deep_down_are_shortened(scheme: Scheme) -> None:
    # 60 keys of 40 characters: each field once ran to 2,600 characters, the message to 26,000
    text = _wide_and_deep('"\\ud800"', MAX_BYTES // 12)
    with pytest.raises(AssessmentError) as caught:
        loads(text, scheme)
    message = str(caught.value)
    assert len(message) < 3000, len(message)
    assert caught.value.problems[0].field.startswith('x["kkk')
    assert caught.value.problems[0].field.endswith("kk…][0]")


def test_many_comments_and_key_factors_are_checked_in_linear_time(scheme: Scheme) -> None:
    # the largest scorebook read: every comment names every key factor it may (each looked up
    # in a set, not in the list), and each key factor lists every item
    factors = [
        {"id": f"KF{n}", "text": "", "items": [i.id for i in scheme.items]} for n in range(2000)
    ]
    comment = {"kind": "strength", "text": "", "key_factors": [f"KF{n}" for n in range(2000)]}
    text = json.dumps(doc(key_factors=factors, comments={"4.1.2": [comment] * 150}))
    assert len(text) <= MAX_BYTES
    with time_limit(10):
        assert len(loads(text, scheme).comments["4.1.2"]) == 150
    # the same, every reference wrong: each named in the problems, the message one short line
    wrong = {**comment, "key_factors": [f"X{n}" for n in range(2000)]}
    text = json.dumps(doc(comments={"4.1.2": [wrong] * 150}))
    with time_limit(10), pytest.raises(AssessmentError) as caught:
        loads(text, scheme)
    assert len(caught.value.problems) == 300_000
    assert len(str(caught.value)) < 1000


def test_the_largest_records_are_checked_in_linear_time(scheme: Scheme) -> None:
    # many examiners (each name looked up in a set), many originals naming the last of them,
    # many themes and issues: every check linear
    names = [f"评审员{n}" for n in range(20_000)]
    original = {"kind": "strength", "text": "", "examiner": names[-1], "key_factors": ["KF1"]}
    issue = {"item": "4.1.2", "kind": "verify", "text": "", "ask": "", "finding": ""}
    theme = {"text": "", "items": [i.id for i in scheme.items if i.kind == "process"]}
    record: dict[str, Any] = {
        "examiners": [{"name": name, "scores": {"4.1.2": 55}} for name in names],
        "comments": {"4.1.2": [original] * 20_000},
    }
    data = doc(
        consensus=record,
        site_visit={"issues": [issue] * 20_000},
        key_themes={"process": {"strengths": [theme] * 3_000}},
    )
    text = json.dumps(data)
    assert len(text) <= MAX_BYTES
    with time_limit(10):
        document = loads(text, scheme)
    assert document.consensus is not None
    assert len(document.consensus.comments["4.1.2"]) == 20_000
    # the same, every original naming no examiner of the record: each named, one short line
    wrong = {**original, "examiner": "无此人"}
    record["comments"] = {"4.1.2": [wrong] * 20_000}
    with time_limit(10), pytest.raises(AssessmentError) as caught:
        loads(json.dumps(data), scheme)
    assert len(caught.value.problems) == 20_000
    assert len(str(caught.value)) < 1000
