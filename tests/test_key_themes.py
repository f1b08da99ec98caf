"""Key themes (the fixed contract of ``feedback FILE --format json``): the file's own, or proposed
from the comments marked as the most significant, each with the items it comes from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from calculator import assessment, feedback
from calculator.key_themes import key_themes, proposed
from tests.cli_runner import Runner
from tests.documents import BASE
from tests.limits import time_limit


def strength(text: str, *, major: bool = True) -> dict[str, Any]:
    return {"kind": "strength", "major": major, "text": text}


def opportunity(text: str, *, major: bool = True) -> dict[str, Any]:
    return {"kind": "opportunity", "major": major, "text": text}


# hand-made: ++ on two process items with the same words, a −− on 4.1.3, a plain + (not a theme),
# a blank ++ (not a theme), a ++ and a −− on result items
SCOREBOOK: dict[str, Any] = {
    **BASE,
    "scores": {"4.1.2": 55, "4.7.2": 40},
    "comments": {
        "4.1.2": [strength("党组定期评价绩效"), strength("普通的优势", major=False)],
        "4.1.3": [opportunity("治理评价缺少相关方反馈"), strength("  ")],
        "4.5.2": [strength("党组定期评价绩效")],
        "4.7.2": [strength("办件时限三年缩短"), opportunity("缺少与标杆的对比")],
    },
}


# SCOREBOOK's themes by hand: a text two items share once, with both; the plain + and the blank
# comment propose nothing
PROPOSED = {
    "process": {
        "strengths": [{"text": "党组定期评价绩效", "items": ["4.1.2", "4.5.2"]}],
        "opportunities": [{"text": "治理评价缺少相关方反馈", "items": ["4.1.3"]}],
    },
    "results": {
        "strengths": [{"text": "办件时限三年缩短", "items": ["4.7.2"]}],
        "opportunities": [{"text": "缺少与标杆的对比", "items": ["4.7.2"]}],
    },
}


def themes_of(document: dict[str, Any]) -> dict[str, Any]:
    return key_themes(assessment.from_data(document))


def test_proposed_from_the_most_significant_comments_in_their_groups() -> None:
    assert themes_of(SCOREBOOK) == {"proposed": True, **PROPOSED}


def test_none_proposed_without_a_major_comment() -> None:
    plain = {**BASE, "scores": {}, "comments": {"4.1.2": [strength("一般", major=False)]}}
    themes = themes_of(plain)
    assert themes["proposed"] is True
    assert all(not entries for kind in ("process", "results") for entries in themes[kind].values())


def test_the_file_s_own_themes_are_used_as_written() -> None:
    own = {
        "process": {
            "strengths": [
                "写在文件里的主题",
                {"text": "带条款的主题", "items": ["4.1.2", "4.5.2"]},
            ],
            "opportunities": [],
        },
        "results": {"opportunities": [{"text": "结果主题"}]},
    }
    themes = themes_of({**SCOREBOOK, "key_themes": own})
    assert themes["proposed"] is False
    assert themes["process"] == {
        "strengths": [
            {"text": "写在文件里的主题", "items": []},
            {"text": "带条款的主题", "items": ["4.1.2", "4.5.2"]},
        ],
        "opportunities": [],
    }
    assert themes["results"] == {
        "strengths": [],
        "opportunities": [{"text": "结果主题", "items": []}],
    }


def test_a_file_without_a_theme_has_them_proposed() -> None:
    # key_themes present with every group empty: none of the file's, so proposed
    empty: dict[str, Any] = {"process": {"strengths": [], "opportunities": []}, "results": {}}
    themes = themes_of({**SCOREBOOK, "key_themes": empty})
    assert themes == themes_of(SCOREBOOK)
    assert themes["proposed"] is True


def test_the_proposal_on_its_own_whatever_the_file_s_themes() -> None:
    own = {"process": {"strengths": ["写在文件里的主题"]}}
    document = assessment.from_data({**SCOREBOOK, "key_themes": own})
    assert key_themes(document)["process"]["strengths"] == [
        {"text": "写在文件里的主题", "items": []}
    ]
    assert proposed(document) == PROPOSED


def test_the_same_words_twice_on_one_item_name_it_once_and_texts_are_stripped() -> None:
    document = assessment.from_data(
        {
            **BASE,
            "scores": {},
            "comments": {
                "4.1.2": [strength(" 同一句 "), strength("同一句"), strength("另一句")],
                "4.1.3": [strength("同一句")],
            },
        }
    )
    assert proposed(document)["process"]["strengths"] == [
        {"text": "同一句", "items": ["4.1.2", "4.1.3"]},
        {"text": "另一句", "items": ["4.1.2"]},
    ]


def test_many_distinct_themes_are_proposed_in_linear_time() -> None:
    # one ++ per distinct text: each looked up in a dict, not in the list of themes so far
    many = [strength(f"主题{n}") for n in range(60_000)]
    document = assessment.from_data({**BASE, "scores": {}, "comments": {"4.1.2": many}})
    with time_limit(5):
        assert len(proposed(document)["process"]["strengths"]) == 60_000


def test_feedback_json_carries_them_and_every_rendering_shows_them(
    tmp_path: Path, run: Runner
) -> None:
    hostile = {**SCOREBOOK, "comments": {"4.1.2": [strength("<script>x</script> **粗**")]}}
    path = tmp_path / "scorebook.json"
    path.write_text(json.dumps(hostile, ensure_ascii=False), "utf-8")
    done = run("feedback", path, "--format", "json")
    assert done.returncode == 0
    assert json.loads(done.stdout)["key_themes"]["process"]["strengths"] == [
        {"text": "<script>x</script> **粗**", "items": ["4.1.2"]}
    ]
    data = feedback.feedback_data(assessment.from_data(hostile))
    html = feedback.report_html(data)
    assert "关键主题" in html
    assert "过程条款的优势" in html
    assert "&lt;script&gt;x&lt;/script&gt; **粗**" in html
    assert "<script>" not in html
    markdown = feedback.to_markdown(data)
    assert "## 关键主题" in markdown
    assert "<script>" not in markdown
    assert "\\*\\*粗\\*\\*（4.1.2）" in markdown
