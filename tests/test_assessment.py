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
from tests.documents import BASE, INVALID_DATA, INVALID_TEXT, doc, nested
from tests.limits import time_limit

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
