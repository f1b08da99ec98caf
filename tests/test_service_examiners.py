"""The examiner's tools' requests of the page (calculator/service.py): one rule each, in Python,
for the page and the CLI — at least two examiners, trend files in the natural order of their names
— and labels that are safe to show before they leave the engine."""

from __future__ import annotations

import json
from typing import Any

from calculator import service
from calculator.assessment import FORMAT


def _document(scores: dict[str, int], **fields: object) -> dict[str, Any]:
    return {"format": FORMAT, "version": 1, "scores": scores, **fields}


def _ask(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    reply: dict[str, Any] = json.loads(
        service.handle(json.dumps({"type": kind, "payload": payload}))
    )
    return reply


def test_one_examiner_is_not_a_consensus() -> None:
    reply = _ask("consensus", {"examiners": [{"file": "a.json", "document": _document({})}]})
    assert reply["ok"] is False
    assert [p["field"] for p in reply["error"]["problems"]] == ["examiners"]
    assert "至少需要两位" in reply["error"]["message"]


def test_trend_in_the_natural_order_of_file_names() -> None:
    series = [
        {"file": name, "document": _document({"4.1.2": percent})}
        for name, percent in (("10.json", 30), ("9.json", 20), ("2025 年.json", 55))
    ]
    reply = _ask("trend", {"series": series})
    assert reply["result"]["labels"] == ["9", "10", "2025 年"]  # 9 before 10: numbers by value
    assert reply["result"]["total"] == [12, 18, 33]


def test_labels_are_the_title_else_the_file_name_and_safe_to_show() -> None:
    examiners = [
        {"file": "zhang.json", "document": _document({"4.1.2": 40}, title="张\u202e评审")},
        {"file": "li.JSON", "document": _document({"4.1.2": 60})},
    ]
    result = _ask("consensus", {"examiners": examiners})["result"]
    assert result["names"] == ["张\\u202e评审", "li"]
    strip = result["items"]["4.1.2"]["display"]["percents"]
    assert strip == "评审员：张\\u202e评审 40%｜li 60%"
    assert "\u202e" not in json.dumps(result, ensure_ascii=False)


def test_the_printed_report_is_the_engine_s_html() -> None:
    """The page prints feedback.report_html as it comes: escaped here, classes only (the page's
    CSP forbids inline style), a place for each comment typed since."""
    document = _document(
        {"4.1.2": 55},
        title="<b>某局</b>\u202e",
        notes={"4.1.2": {"strengths": "<img src=x onerror=alert(1)>"}},
    )
    result = _ask("feedback", {"document": document})["result"]
    html = result["html"]
    assert result["total"] == "33"
    assert "style=" not in html
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "反馈报告：<span data-title>&lt;b&gt;某局&lt;/b&gt;\\u202e</span>" in html
    # a place for each comment (format 1's one note is one), named by its item and its place
    assert html.count("data-comment=") == 1
    assert 'data-comment="4.1.2 0"' in html
    assert html.count('class="feedback__item"') == 23


def test_the_feedback_reply_proposes_key_themes_whatever_the_file_s_own() -> None:
    """The page's "re-propose from ++/−−" button: key_themes.proposed, beside the report."""
    document = _document(
        {"4.1.2": 55},
        version=2,
        comments={
            "4.1.2": [{"kind": "strength", "major": True, "text": "党组定期评价绩效"}],
            "4.5.2": [{"kind": "strength", "major": True, "text": "党组定期评价绩效"}],
            "4.7.2": [{"kind": "opportunity", "major": True, "text": "缺少对比"}],
        },
        key_themes={"process": {"strengths": ["文件里的主题"]}},
    )
    result = _ask("feedback", {"document": document})["result"]
    assert result["proposed_themes"] == {
        "process": {
            "strengths": [{"text": "党组定期评价绩效", "items": ["4.1.2", "4.5.2"]}],
            "opportunities": [],
        },
        "results": {"strengths": [], "opportunities": [{"text": "缺少对比", "items": ["4.7.2"]}]},
    }
    assert "文件里的主题" in result["html"]  # the report keeps the file's own


def test_the_consensus_reply_lists_each_examiner_s_originals_by_its_safe_name() -> None:
    examiners = [
        {
            "file": "zhang.json",
            "document": _document(
                {"4.1.2": 40},
                title="张\u202e评审",
                version=2,
                comments={
                    "4.1.2": [{"kind": "strength", "major": True, "factor": "A", "text": "好"}]
                },
            ),
        },
        {"file": "li.json", "document": _document({"4.1.2": 60})},
    ]
    result = _ask("consensus", {"examiners": examiners})["result"]
    scored = _ask("score", {"document": result["consensus"]})["result"]
    assert scored["record"]["4.1.2"] == [
        {
            "examiner": "张\\u202e评审",
            "kind": "strength",
            "label": "优势++",
            "factor": "A 方法",
            "text": "好",
            "index": 0,
        }
    ]
    assert result["items"]["4.1.2"]["comments"][0]["examiner"] == "张\\u202e评审"
    assert result["consensus"]["comments"]["4.1.2"][0]["sources"] == ["张\\u202e评审"]
    # the consensus document the page keeps is a valid file
    parsed = _ask("parse", {"text": json.dumps(result["consensus"])})
    assert parsed["ok"], parsed
