"""Documents for the tests of every door (the engine, the CLI, the page): the format's header, a
document built from fields, and the invalid ones, each group with a comment saying what is wrong
(module-level case lists, as pypa/packaging's tests keep them)."""

from __future__ import annotations

from typing import Any

from calculator.assessment import FORMAT, MAX_DEPTH, VERSION
from calculator.scheme import load_scheme
from tests.vectors import scores, vectors

BASE = {"format": FORMAT, "version": VERSION}


def doc(**fields: object) -> dict[str, object]:
    return {**BASE, "scores": {}, **fields}


# A realistic document, every field used: the scores of the golden vector "realistic"
DOCUMENT: dict[str, Any] = {
    **BASE,
    "title": "某局 2025 年自评",
    "scores": scores(next(v for v in vectors() if v.name == "realistic").scores, load_scheme()),
    "notes": {"4.1.2": {"strengths": "班子分工明确", "opportunities": "绩效管理待加强"}},
    "generator": "e2e",
}


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


def nested(depth: int) -> list[object]:
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
    (doc(deep=nested(MAX_DEPTH)), "", "嵌套层数超过 64 层"),
]
