"""The practice page's drills (build_scripts/practice.py) ask exactly the scheme's sentences and
give exactly the scheme's answers: every question is derived here a second way, from the scheme's
JSON file as read by ``json`` (not through calculator.scheme), and the whole set compared."""

from __future__ import annotations

import json
from itertools import pairwise
from typing import Any

import pytest

from build_scripts.practice import DRILLS, diff, practice_data
from calculator.scheme import DEFAULT_SCHEME, Scheme
from tests.conftest import ROOT

RAW = json.loads(
    (ROOT / "calculator" / "data" / f"{DEFAULT_SCHEME}.json").read_text("utf-8"),
)


def _text(segments: list[list[Any]]) -> str:
    return "".join(text for text, _ in segments)


def _marked(segments: list[list[Any]]) -> list[str]:
    return [text for text, marked in segments if marked]


def _answers(data: dict[str, Any], question: dict[str, Any]) -> tuple[str, ...]:
    """What a trainee must choose, step by step, as the labels of the right choices."""
    return tuple(data["choices"][step["choices"]][step["answer"]] for step in question["steps"])


def _tables() -> list[dict[str, Any]]:
    return list(RAW["guidelines"].values())


def _factor_label(table: dict[str, Any], key: str) -> str:
    return next(f"{f['key']} {f['name']}" for f in table["factors"] if f["key"] == key)


# ------------------------------------------------------------------ drill 1: band and factor


def test_every_sentence_of_tables_c1_and_c2_is_asked_once(scheme: Scheme) -> None:
    data = practice_data(scheme, "band")
    expected = {
        (band["descriptors"][factor["key"]], table["table"], band["label"], factor["key"])
        for table in _tables()
        for band in table["bands"]
        for factor in table["factors"]
    }
    asked = set()
    for question in data["questions"]:
        band_label, factor_label = _answers(data, question)
        table = question["steps"][0]["choices"].removesuffix("-bands")
        asked.add((question["text"], table, band_label, factor_label.split(" ")[0]))
    assert len(expected) == 48
    assert asked == expected
    assert len(data["questions"]) == len(expected)


def test_no_sentence_is_in_two_places() -> None:
    """Else a question would have two right answers."""
    sentences = [s for t in _tables() for band in t["bands"] for s in band["descriptors"].values()]
    assert len(set(sentences)) == len(sentences) == 48


def test_the_choices_are_the_tables_bands_and_factors(scheme: Scheme) -> None:
    choices = practice_data(scheme, "band")["choices"]
    for table in _tables():
        assert choices[f"{table['table']}-bands"] == [band["label"] for band in table["bands"]]
        assert choices[f"{table['table']}-factors"] == [
            f"{f['key']} {f['name']}" for f in table["factors"]
        ]
    assert choices["C.1-bands"][0] == "0%或5%"
    assert choices["C.2-bands"][5] == "90%，95%或100%"
    assert choices["C.2-factors"] == ["Le 水平", "T 趋势", "C 对比", "I 整合"]


def test_the_answer_shows_the_band_s_whole_description(scheme: Scheme) -> None:
    data = practice_data(scheme, "band")
    by_id = {q["id"]: q for q in data["questions"]}
    for table in _tables():
        for band in table["bands"]:
            for factor in table["factors"]:
                question = by_id[f"{table['table']}/{band['min']}-{band['max']}/{factor['key']}"]
                whole = question["reveal"][0]
                assert band["label"] in whole["title"]
                assert [(line["label"], _text(line["segments"])) for line in whole["lines"]] == [
                    (
                        _factor_label(table, f["key"]),
                        band["descriptors"][f["key"]] + table["marker"].format(f["key"]),
                    )
                    for f in table["factors"]
                ]
                assert [line["current"] for line in whole["lines"]] == [
                    f["key"] == factor["key"] for f in table["factors"]
                ]


@pytest.mark.parametrize("table_index", [0, 1])
def test_the_neighbouring_bands_sentences(scheme: Scheme, table_index: int) -> None:
    """One neighbour for the first and the last band, two for the others, lower band first."""
    table = _tables()[table_index]
    bands = table["bands"]
    by_id = {q["id"]: q for q in practice_data(scheme, "band")["questions"]}
    for index, band in enumerate(bands):
        around = [n for n in (index - 1, index + 1) if 0 <= n < len(bands)]
        assert len(around) == (1 if index in (0, len(bands) - 1) else 2)
        for factor in table["factors"]:
            key = factor["key"]
            question = by_id[f"{table['table']}/{band['min']}-{band['max']}/{key}"]
            pairs = question["reveal"][1]["pairs"]
            expected = [
                [(bands[lo]["label"], bands[lo]["descriptors"][key]) for lo in sorted((n, index))]
                for n in around
            ]
            shown = [[(line["label"], _text(line["segments"])) for line in p] for p in pairs]
            # this question's band is labelled 本题 beside its sentence
            assert [
                [(label.removesuffix("（本题）"), text) for label, text in pair] for pair in shown
            ] == expected
            assert all(
                line["current"] == line["label"].endswith("（本题）") for p in pairs for line in p
            )


def test_the_ends_of_table_c1(scheme: Scheme) -> None:
    """Hand-checked: the first band's only neighbour is the second, the last band's the fifth."""
    data = practice_data(scheme, "band")
    by_id = {q["id"]: q for q in data["questions"]}
    first = by_id["C.1/0-5/A"]["reveal"][1]["pairs"]
    assert [[line["label"] for line in pair] for pair in first] == [
        ["0%或5%（本题）", "10%，15%，20%或25%"]
    ]
    assert _text(first[0][1]["segments"]) == "开始有系统的方法，应对该评分条款的基本要求。"
    last = by_id["C.1/90-100/D"]["reveal"][1]["pairs"]
    assert [[line["label"] for line in pair] for pair in last] == [
        ["70%，75%，80%或85%", "90%，95%或100%（本题）"]
    ]
    assert _text(last[0][0]["segments"]) == "方法得到很好的展开，无明显的差距。"


def test_the_differing_words_are_marked() -> None:
    """Hand-checked on three pairs of the tables: a word replaced, words added, and a single
    character in common (的) that is not worth calling common."""
    ours, theirs = diff(
        "有系统、有效的方法，应对该评分条款的基本要求。",
        "有系统、有效的方法，应对该评分条款的总体要求。",
    )
    assert ours == [
        ["有系统、有效的方法，应对该评分条款的", False],
        ["基本", True],
        ["要求。", False],
    ]
    assert _marked(theirs) == ["总体"]
    ours, theirs = diff(
        "结果对应了公众、营商环境、过程和战略实施计划要求。",
        "结果完全对应了公众、营商环境、过程和战略实施计划要求。",
    )
    assert _marked(ours) == []
    assert theirs[1] == ["完全", True]
    ours, theirs = diff("没有对比性信息。", "没有或极少对比性信息。")
    assert _marked(ours) == []
    assert _marked(theirs) == ["或极少"]
    ours, theirs = diff("甲的乙", "丙的丁")
    assert ours == [["甲的乙", True]]
    assert theirs == [["丙的丁", True]]


def test_the_marked_text_is_the_whole_sentence(scheme: Scheme) -> None:
    for question in practice_data(scheme, "band")["questions"]:
        for pair in question["reveal"][1]["pairs"]:
            this = next(line for line in pair if line["current"])
            assert _text(this["segments"]) == question["text"]
            for line in pair:  # segments alternate: never two of a kind in a row, none empty
                kinds = [marked for _, marked in line["segments"]]
                assert all(a != b for a, b in pairwise(kinds))
                assert all(text for text, _ in line["segments"])


# ------------------------------------------------------------------ drill 2: table A.1


def test_every_item_of_table_a1_is_asked_once(scheme: Scheme) -> None:
    data = practice_data(scheme, "items")
    tables = {kind: f"表{t['table']} {t['title']}" for kind, t in RAW["guidelines"].items()}
    expected = {
        (item["name"], f"{c['id']} {c['name']}", str(item["points"]), tables[c["kind"]])
        for c in RAW["categories"]
        for item in c["items"]
    }
    asked = {(q["text"], *_answers(data, q)) for q in data["questions"]}
    assert len(expected) == 23
    assert asked == expected
    assert len(data["questions"]) == len(expected)
    assert len({q["text"] for q in data["questions"]}) == 23  # no two items share a name


def test_the_item_choices(scheme: Scheme) -> None:
    choices = practice_data(scheme, "items")["choices"]
    assert choices["categories"] == [f"{c['id']} {c['name']}" for c in RAW["categories"]]
    assert choices["points"] == ["10", "15", "20", "30", "40", "50", "60", "80"]
    assert choices["kinds"] == ["表C.1 “过程”条款评分表", "表C.2 “结果”条款评分表"]


def test_the_answer_shows_the_item_s_row_of_table_a1(scheme: Scheme) -> None:
    by_id = {q["id"]: q for q in practice_data(scheme, "items")["questions"]}
    row = by_id["4.4.3"]["reveal"][0]
    assert row["title"] == "表A.1 评分条款分值表"
    assert [(line["label"], _text(line["segments"])) for line in row["lines"]] == [
        ("一级评分条款", "4.4 资源（100分）"),
        ("二级评分条款", "4.4.3 财务资源"),
        ("分值", "15"),
        ("评分表", "表C.1 “过程”条款评分表"),
    ]
    assert _answers(practice_data(scheme, "items"), by_id["4.7.7"]) == (
        "4.7 结果",
        "50",
        "表C.2 “结果”条款评分表",
    )


# ------------------------------------------------------------------ both


@pytest.mark.parametrize("drill", DRILLS)
def test_each_drill_keeps_its_progress_under_its_own_key(scheme: Scheme, drill: str) -> None:
    data = practice_data(scheme, drill)
    assert data["drill"] == drill
    assert data["store"] == f"excellence-practice:{DEFAULT_SCHEME}:{drill}"
    assert "{answered}" in data["words"]["progress"]
    assert "{right}" in data["words"]["progress"]
    assert all(step["prompt"] for q in data["questions"] for step in q["steps"])
    assert len({q["id"] for q in data["questions"]}) == len(data["questions"])
    json.dumps(data, allow_nan=False)  # plain JSON for the page's island


def test_an_unknown_drill_is_refused(scheme: Scheme) -> None:
    with pytest.raises(ValueError, match="no drill 'bands'"):
        practice_data(scheme, "bands")
