"""Format version 1: what is accepted, what is refused, and with which message."""

from __future__ import annotations

import json

import pytest

from calculator.assessment import (
    MAX_BYTES,
    MAX_DEPTH,
    Assessment,
    AssessmentError,
    dumps,
    from_data,
    loads,
    nesting_depth,
)
from calculator.scheme import Scheme
from tests.limits import time_limit

BASE = {"format": "excellence-assessment", "version": 1}


def doc(**fields: object) -> dict[str, object]:
    return {**BASE, "scores": {}, **fields}


VALID = [
    doc(),
    doc(title="某局 2025 年自评", scores={"4.1.2": 55, "4.1.3": 40, "4.7.2": 30}),
    doc(scores={"4.1.2": 0, "4.7.7": 100}),
    doc(notes={"4.1.2": {"strengths": "班子分工明确", "opportunities": ""}}),
    doc(notes={"4.4.2": {}}),  # an empty note is allowed
    doc(title=None),
    doc(extra_key={"kept": [1, 2]}, generator="某工具"),  # unknown top-level keys are kept
]


@pytest.mark.parametrize("data", VALID)
def test_valid_documents_round_trip(scheme: Scheme, data: dict[str, object]) -> None:
    parsed = from_data(data, scheme)
    again = json.loads(dumps(parsed, scheme))
    assert dict(again) == {k: v for k, v in data.items() if v is not None}
    assert loads(dumps(parsed, scheme), scheme) == parsed


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


# (document text, field named in the message, words the message must contain)
INVALID_TEXT = [
    # not JSON, not UTF-8
    ("{", "", "不是有效的 JSON（第 1 行第 2 列）"),
    ("", "", "不是有效的 JSON"),
    (b"\xff\xfe{}", "", "不是 UTF-8"),
    # not an object at the top
    ("[]", "", "顶层应为 JSON 对象，实为数组"),
    ('"text"', "", "实为字符串"),
    # numbers strict JSON does not have, named by their field (JavaScript cannot read them back)
    (
        '{"format": "excellence-assessment", "version": 1, "scores": {"4.1.2": NaN}}',
        'scores["4.1.2"]',
        "不允许 NaN",
    ),
    (
        '{"format": "excellence-assessment", "version": 1, "scores": {}, "m": [1, Infinity]}',
        "m[1]",
        "不允许 Infinity",
    ),
    (
        '{"format": "excellence-assessment", "version": -Infinity, "scores": {}}',
        "version",
        "不允许 -Infinity",
    ),
    # nesting that would exhaust the parser's stack (fatal in Pyodide), refused before parsing
    ('{"x": ' + "[" * 100_000 + "]" * 100_000 + "}", "", "嵌套层数超过 64 层"),
    ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "", "嵌套层数超过"),
    # an integer of more digits than Python converts
    ('{"version": ' + "9" * 5000 + "}", "", "有超过 4300 位数的整数"),
    # a key given twice: which value was meant cannot be known
    (
        '{"format": "excellence-assessment", "version": 1, "scores": {"4.1.2": 57, "4.1.2": 60}}',
        "scores",
        '键 "4.1.2" 重复出现',
    ),
    (
        '{"format": "excellence-assessment", "version": 1, "version": 1, "scores": {}}',
        "",
        "version",
    ),
    # lone surrogates, which no UTF-8 output can carry
    (
        (
            '{"format": "excellence-assessment", "version": 1, "scores": {},'
            ' "notes": {"4.1.2": {"strengths": "\\ud800"}}}'
        ),
        'notes["4.1.2"]["strengths"]',
        "单独的代理项 U+D800",
    ),
    (
        '{"format": "excellence-assessment", "version": 1, "scores": {"\\udc00": 5}}',
        'scores["\udc00"]',
        "键含有无效的 Unicode 字符",
    ),
]


def _nested(depth: int) -> list[object]:
    value: list[object] = []
    for _ in range(depth):
        value = [value]
    return value


INVALID_DATA = [
    # wrong or missing format / version
    ({"version": 1, "scores": {}}, "format", "缺少此字段"),
    ({**BASE, "format": "other", "scores": {}}, "format", '实为 "other"'),
    ({"format": "excellence-assessment", "scores": {}}, "version", "缺少此字段"),
    ({**BASE, "version": 2, "scores": {}}, "version", "不支持的版本 2"),
    ({**BASE, "version": "1", "scores": {}}, "version", '不支持的版本 "1"'),
    ({**BASE, "version": True, "scores": {}}, "version", "不支持的版本 true"),
    ({**BASE, "version": 1.0, "scores": {}}, "version", "不支持的版本 1.0"),
    # title of the wrong type
    (doc(title=2025), "title", "应为字符串，实为整数 2025"),
    # scores missing or of the wrong shape
    (BASE, "scores", "缺少此字段"),
    (doc(scores=[55]), "scores", "应为对象"),
    # unknown item
    (doc(scores={"4.1.1": 50}), 'scores["4.1.1"]', '未知的评分条款 "4.1.1"'),
    (doc(scores={"4.8": 50}), 'scores["4.8"]', "未知的评分条款"),
    # percent not an integer
    (doc(scores={"4.1.2": "55"}), 'scores["4.1.2"]', '应为整数，实为字符串 "55"'),
    (doc(scores={"4.1.2": 55.0}), 'scores["4.1.2"]', "应为整数，实为小数 55.0"),
    (doc(scores={"4.1.2": None}), 'scores["4.1.2"]', "应为整数，实为null"),
    (doc(scores={"4.1.2": True}), 'scores["4.1.2"]', "应为整数，实为布尔值 true"),
    # not a multiple of 5
    (doc(scores={"4.1.2": 57}), 'scores["4.1.2"]', "应为 5 的倍数，实为 57"),
    # outside 0–100
    (doc(scores={"4.1.2": 105}), 'scores["4.1.2"]', "应在 0–100 之间，实为 105"),
    (doc(scores={"4.1.2": -5}), 'scores["4.1.2"]', "应在 0–100 之间，实为 -5"),
    # notes of the wrong shape
    (doc(notes=["x"]), "notes", "应为对象"),
    (
        doc(notes={"4.1.2": "好"}),
        'notes["4.1.2"]',
        '应为对象（strengths、opportunities），实为字符串 "好"',
    ),
    (doc(notes={"9.9": {}}), 'notes["9.9"]', "未知的评分条款"),
    (doc(notes={"4.1.2": {"weakness": "x"}}), 'notes["4.1.2"]["weakness"]', "未知字段"),
    (
        doc(notes={"4.1.2": {"strengths": 1}}),
        'notes["4.1.2"]["strengths"]',
        "应为字符串，实为整数 1",
    ),
    # non-finite numbers and deep nesting handed over as data (the calculator page's requests)
    (doc(extra={"ratio": float("nan")}), 'extra["ratio"]', "不允许 nan"),
    (doc(deep=_nested(MAX_DEPTH)), "", "嵌套层数超过 64 层"),
]


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
    data = {**BASE, "version": 3, "scores": {"4.1.2": 57, "4.1.3": 200, "x": 5}}
    with pytest.raises(AssessmentError) as caught:
        from_data(data, scheme)
    assert [p.field for p in caught.value.problems] == [
        "version",
        'scores["4.1.2"]',
        'scores["4.1.3"]',
        'scores["x"]',
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
    data = doc(deep=_nested(MAX_DEPTH - 2))  # the document itself and the list are two levels
    assert loads(json.dumps(data), scheme).extra["deep"] == data["deep"]


# Texts of the largest size read that once took quadratic time or memory: each check on them must
# be linear (the bound is loose, for a busy machine; the quadratic code took hours).
SLOW_SHAPES = [
    # an unterminated string of escaped quotes: every quote once started a new scan to the end
    '"' + '\\"' * ((MAX_BYTES - 1) // 2),
    '{"x": "' + '\\"' * ((MAX_BYTES - 8) // 2),
    # a list 60 levels down under long keys: every element once got its own copy of the path
    '{"x": '
    + "".join('{"' + "k" * 40 + '": ' for _ in range(60))
    + "["
    + ",".join(["0"] * ((MAX_BYTES - 4000) // 2))
    + "]"
    + "}" * 61,
]


@pytest.mark.parametrize(
    "text", SLOW_SHAPES, ids=["escaped-quotes", "escaped-quotes-in-object", "wide-and-deep"]
)
def test_largest_texts_are_checked_in_linear_time(scheme: Scheme, text: str) -> None:
    assert len(text) <= MAX_BYTES
    with time_limit(10), pytest.raises(AssessmentError):
        loads(text, scheme)


def test_what_was_read_is_written_so_it_can_be_read_again(scheme: Scheme) -> None:
    # one line of indentation per element, 60 levels down: indented, 7 MB; as read, under 1 MB
    deep = "".join(f'{{"k{n}": ' for n in range(60)) + "[" + ",".join(["0"] * 50_000) + "]"
    text = json.dumps(doc()).replace("{", '{"x": ' + deep + "}" * 60 + ", ", 1)
    document = loads(text, scheme)
    assert loads(dumps(document, scheme), scheme) == document
