"""calculator.service, the calculator page's entry point: whatever it is sent, it answers with
strict JSON (no NaN) and never raises — a raise would leave the page waiting for a reply."""

from __future__ import annotations

import json
from typing import Any

import pytest

from calculator import assessment, output, service
from calculator.scoring import score
from tests.documents import DOCUMENT


def strict(reply: str) -> dict[str, Any]:
    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} in a reply")

    data: dict[str, Any] = json.loads(reply, parse_constant=refuse)
    return data


def ask(request: object) -> dict[str, Any]:
    return strict(service.handle(json.dumps(request, ensure_ascii=False)))


HEAD = '{"format": "excellence-assessment", "version": 1, "scores": {}, '


def _parse(text: str) -> str:
    return json.dumps({"type": "parse", "payload": {"text": text}})


def test_many_problems_make_a_short_reply() -> None:
    document = {**DOCUMENT, "scores": {f"x{n}": 5 for n in range(100_000)}}
    reply = ask({"type": "score", "payload": {"document": document}})
    assert reply["ok"] is False
    assert len(reply["error"]["problems"]) == 10
    assert reply["error"]["message"].endswith("……另有 99990 个问题")


def test_score_reply_carries_python_s_sentences() -> None:
    reply = ask({"type": "score", "payload": {"document": DOCUMENT}})
    assert reply["ok"] is True
    result = reply["result"]
    assert result["total"] == 407
    assert result["summary"] == (
        "总分 407 / 1000（过程条款 240.5 / 600，结果条款 166.5 / 400），已评分 23 / 23 项"
    )
    first = result["priorities"][0]
    assert first["text"].startswith(f"当前 {first['percent']}%：提高 5% 可得 +")


def test_score_reply_counts_comments_and_carries_the_hints() -> None:
    document = {
        "format": "excellence-assessment",
        "version": 2,
        "scores": {"4.1.2": 75, "4.1.3": 40},
        "key_factors": [{"id": "KF1", "text": "服务对象多"}],
        "comments": {
            "4.1.2": [
                {"kind": "opportunity", "text": "缺少评估"},
                {"kind": "opportunity", "major": True, "text": "未展开"},
            ],
            "4.7.2": [{"kind": "strength", "text": "趋势向好"}],
        },
    }
    result = ask({"type": "score", "payload": {"document": document}})["result"]
    assert result["items"]["4.1.2"]["comments"] == {
        "strengths": 0,
        "opportunities": 2,
        "label": "优势 0 · 改进机会 2",
    }
    assert result["items"]["4.7.2"]["comments"]["label"] == "优势 1 · 改进机会 0"
    assert result["items"]["4.1.4"]["comments"] == {
        "strengths": 0,
        "opportunities": 0,
        "label": "尚无评语",
    }
    assert result["hints"] == [
        {
            "code": "high-without-strength",
            "message": "得分 75%（70–85 档）但没有记录优势",
            "item": "4.1.2",
            "key_factor": None,
        },
        {
            "code": "scored-without-comment",
            "message": "已评分（40%）但没有评语",
            "item": "4.1.3",
            "key_factor": None,
        },
        {
            "code": "key-factor-untagged",
            "message": "关键因素 KF1 没有关联任何评分条款",
            "item": None,
            "key_factor": "KF1",
        },
    ]
    # the CLI's JSON (the contract) has neither
    cli = output.to_data(score(assessment.from_data(document)), assessment.from_data(document))
    assert "hints" not in cli
    assert "comments" not in cli["items"]["4.1.2"]


def test_page_words_for_the_scorebook() -> None:
    words = service.page_words()["scorebook"]
    assert words["kinds"] == {"strength": "优势", "opportunity": "改进机会"}
    assert words["marks"] == {"strength": ["+", "++"], "opportunity": ["\u2212", "\u2212\u2212"]}
    assert list(words["fields"].values()) == [
        "重要",
        "评价要点",
        "条款要点",
        "证据",
        "关键因素",
        "组织概述",
        "来源",
    ]
    assert [g["label"] for g in words["themes"]["groups"]] == [
        "过程条款的优势",
        "过程条款的改进机会",
        "结果条款的优势",
        "结果条款的改进机会",
    ]
    assert [f["key"] for f in words["factors"]["process"]] == ["A", "D", "L", "I"]
    assert [f["key"] for f in words["factors"]["results"]] == ["Le", "T", "C", "I"]
    assert words["factors"]["process"][0] == {"key": "A", "name": "方法"}
    assert words["hints_title"] == "一致性提示（本工具的约定，不是标准的要求）"
    assert words["no_comments"] == "尚无评语"
    json.dumps(words, allow_nan=False)  # rendered into the page as JSON


@pytest.mark.parametrize(
    ("request_text", "words"),
    [
        ("not json", "无法处理的请求"),
        ("[]", "无法处理的请求"),
        ('{"type": "no-such-request"}', "无法处理的请求"),
        ('{"type": "score"}', "无法处理的请求"),
        ('{"type": "score", "payload": {"document": {"a": NaN}}}', "不允许 NaN"),
        ('{"type": "parse", "payload": {"text": 5}}', "顶层应为 JSON 对象"),
        ('{"type": "parse", "payload": ' + "[" * 5000 + "]" * 5000 + "}", "嵌套层数超过"),
        # 2 million characters, 6 MB of UTF-8: the limit is in bytes, as for the CLI
        (_parse('"' + "中" * 2_000_000 + '"'), "超过 5 MB"),
        (_parse(HEAD + '"scores": {}}'), "重复"),
        (_parse(HEAD + '"title": "\\ud800"}'), "U+D800"),
        ('{"type": "consensus", "payload": {"examiners": [], "flag_bands": "1"}}', "flag_bands"),
        ('{"type": "compare", "payload": {"a": {"label": "A", "document": {}}}}', "无法处理的请求"),
        ('{"type": "trend", "payload": {"series": [{"label": "x", "document": []}]}}', "顶层应为"),
    ],
)
def test_bad_requests_get_an_error_reply(request_text: str, words: str) -> None:
    reply = strict(service.handle(request_text))
    assert reply["ok"] is False
    assert words in reply["error"]["message"]
    assert reply["error"]["problems"]


@pytest.mark.parametrize(
    "failure",
    [RecursionError("deep"), MemoryError(), ZeroDivisionError("x"), AttributeError("y")],
    ids=lambda exc: type(exc).__name__,
)
def test_any_exception_becomes_an_error_reply(
    monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    def broken(_: dict[str, Any]) -> Any:
        raise failure

    monkeypatch.setitem(service.HANDLERS, "scheme", broken)
    reply = ask({"type": "scheme"})
    assert reply["ok"] is False
    assert reply["error"]["message"]


def test_a_result_that_is_not_strict_json_becomes_an_error_reply(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(service.HANDLERS, "scheme", lambda _: {"x": float("nan")})
    reply = ask({"type": "scheme"})
    assert reply["ok"] is False
    assert "ValueError" in reply["error"]["message"]
