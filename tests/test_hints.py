"""The consistency hints: each on a hand-made case, and absent on the neighbouring one (69 % and
70 %, 85 % and 90 %, 25 % and 30 %, a plain comment and a major one, one comment and none)."""

from __future__ import annotations

import pytest

from calculator import hints
from calculator.assessment import Assessment, Comment, KeyFactor
from calculator.hints import HIGH_PERCENT, LOW_PERCENT, TOP_PERCENT, Hint
from calculator.scheme import Scheme
from calculator.scoring import score

STRENGTH = Comment("strength", "制度健全")
MAJOR_STRENGTH = Comment("strength", "领先全省", major=True)
OPPORTUNITY = Comment("opportunity", "缺少评估")
MAJOR_OPPORTUNITY = Comment("opportunity", "没有展开", major=True)


def _codes(document: Assessment, scheme: Scheme) -> list[str]:
    return [h.code for h in hints.hints(document, scheme)]


def _item(percent: int | None, *comments: Comment, item: str = "4.1.2") -> Assessment:
    return Assessment(
        scores={} if percent is None else {item: percent},
        comments={item: comments} if comments else {},
    )


def test_thresholds() -> None:
    assert (HIGH_PERCENT, TOP_PERCENT, LOW_PERCENT) == (70, 90, 25)
    assert hints.HINTS_TITLE == "一致性提示（本工具的约定，不是标准的要求）"


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        # a band of 70 % or more with no strength; 65 % or a strength: nothing
        (_item(70, OPPORTUNITY), ["high-without-strength"]),
        (_item(65, OPPORTUNITY), []),
        (_item(70, STRENGTH), []),
        (_item(100, OPPORTUNITY, item="4.7.2"), ["high-without-strength"]),
        # a major (−−) opportunity at 90 % or more; at 85 %, or a plain one, nothing
        (_item(90, STRENGTH, MAJOR_OPPORTUNITY), ["top-with-major-opportunity"]),
        (_item(85, STRENGTH, MAJOR_OPPORTUNITY), []),
        (_item(90, STRENGTH, OPPORTUNITY), []),
        # a major (++) strength at 25 % or less; at 30 %, or a plain one, nothing
        (_item(25, MAJOR_STRENGTH), ["low-with-major-strength"]),
        (_item(0, MAJOR_STRENGTH, item="4.7.7"), ["low-with-major-strength"]),
        (_item(30, MAJOR_STRENGTH), []),
        (_item(25, STRENGTH), []),
        # scored with no comment; not scored, or one comment: nothing
        (_item(50), ["scored-without-comment"]),
        (_item(None), []),
        (_item(50, OPPORTUNITY), []),
        # at 70 % with no comment at all, both are said
        (_item(75), ["scored-without-comment", "high-without-strength"]),
        # a comment with no text yet, scored or not
        (_item(None, Comment("strength", " \n")), ["blank-comment"]),
        (_item(50, STRENGTH, Comment("opportunity", "")), ["blank-comment"]),
        (_item(None, Comment("strength", "x")), []),
    ],
)
def test_item_hints(scheme: Scheme, document: Assessment, expected: list[str]) -> None:
    assert _codes(document, scheme) == expected


def test_messages_name_the_score_and_its_band(scheme: Scheme) -> None:
    document = Assessment(
        scores={"4.1.2": 75, "4.1.3": 95, "4.7.2": 20, "4.4.3": 40},
        comments={
            "4.1.2": (OPPORTUNITY, Comment("opportunity", ""), Comment("strength", "")),
            "4.1.3": (STRENGTH, MAJOR_OPPORTUNITY),
            "4.7.2": (MAJOR_STRENGTH,),
        },
    )
    assert [(h.item, h.message) for h in hints.hints(document, scheme)] == [
        ("4.1.2", "有 2 条评语还没有文字"),
        ("4.1.3", "得分 95%（90–100 档）但记录了重要的改进机会（−−）"),
        ("4.4.3", "已评分（40%）但没有评语"),
        ("4.7.2", "得分 20%（10–25 档）但记录了重要的优势（++）"),
    ]
    # a blank strength is still a strength: only the blank text is hinted at
    high = Assessment(scores={"4.1.2": 75}, comments={"4.1.2": (OPPORTUNITY,)})
    assert [h.message for h in hints.hints(high, scheme)] == ["得分 75%（70–85 档）但没有记录优势"]


def test_key_factor_tagged_to_no_item(scheme: Scheme) -> None:
    document = Assessment(
        scores={"4.1.2": 50},
        comments={"4.1.2": (STRENGTH,)},
        key_factors=(
            KeyFactor("KF1", "服务对象多", items=("4.1.2",)),
            KeyFactor("KF2", "编制少"),
            KeyFactor("KF3", "信息化", profile="B.1.1.d"),
        ),
    )
    assert hints.hints(document, scheme) == [
        Hint("key-factor-untagged", "关键因素 KF2 没有关联任何评分条款", key_factor="KF2"),
        Hint("key-factor-untagged", "关键因素 KF3 没有关联任何评分条款", key_factor="KF3"),
    ]


def test_order_is_table_a1_then_key_factors(scheme: Scheme) -> None:
    document = Assessment(
        scores={"4.7.7": 50, "4.1.2": 50, "4.4.3": 50},
        key_factors=(KeyFactor("KF1", ""),),
    )
    assert [(h.item, h.key_factor) for h in hints.hints(document, scheme)] == [
        ("4.1.2", None),
        ("4.4.3", None),
        ("4.7.7", None),
        (None, "KF1"),
    ]


def test_hints_never_change_a_score(scheme: Scheme) -> None:
    document = _item(90, MAJOR_OPPORTUNITY)
    assert hints.hints(document, scheme)
    assert score(document, scheme).total == score(Assessment(scores={"4.1.2": 90}), scheme).total


def test_text(scheme: Scheme) -> None:
    assert hints.to_text([], scheme) == ""
    found = hints.hints(
        Assessment(scores={"4.1.2": 50}, key_factors=(KeyFactor("K\x1b[2J", ""),)), scheme
    )
    assert hints.to_text(found, scheme) == (
        "\n一致性提示（本工具的约定，不是标准的要求）：\n"
        "- 4.1.2 领导班子的作用：已评分（50%）但没有评语\n"
        "- 关键因素 K\\u001b[2J 没有关联任何评分条款\n"
    )
