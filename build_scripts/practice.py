"""The drills of the practice page (docs/training/practice.md), made from the scheme at build time.

Two drills, each a list of questions rendered into the page as a JSON island by the
``<!-- scheme:practice … -->`` marker (build_scripts/hooks/scheme_markers.py):

- ``band``: a sentence of tables C.1/C.2 is shown; which band is it from, then which factor. The
  answer shows the band's whole description and the same factor's sentence in each neighbouring
  band, the differing characters marked.
- ``items``: an item's name from table A.1; its category, its points, process or results.

Every word a question shows is the scheme's; the few words of the page itself (prompts, buttons,
messages) are ``WORDS`` here. The page's script only places them (tests/test_page_words.py).
A question is a list of steps, each a choice among a named set of choices with one right answer,
then what the answer reveals: blocks of lines, each line a list of segments ``[text, marked]``.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any, Literal

from calculator.scheme import Band, Guideline, Item, Scheme

Drill = Literal["band", "items"]
DRILLS: tuple[Drill, ...] = ("band", "items")

# Shorter runs in common between two sentences (的, 、) are noise: marked as different too.
MIN_COMMON = 2

WORDS: dict[str, str] = {
    "right": "正确。",
    "wrong": "不对。",
    "next": "下一题",
    "restart": "重新开始",
    "restarted": "练习进度已清除，从头开始。",
    "progress": "已答 {answered} 题，全部答对 {right} 题。",
    "progress_none": "还没有答题。",
    "recent": "最近的题目",
    "recent_right": "答对",
    "recent_wrong": "答错",
    "answer": "答案：",
    "storage": "浏览器存储不可用（已满或被禁用），练习进度无法保存，只保留到关闭本页为止。",
    "loading": "正在准备题目……",
    "script_needed": "练习需要浏览器运行本网站的脚本。",
}

DRILL_WORDS: dict[Drill, dict[str, str]] = {
    "band": {
        "question": "下面这句话出自评分指南：",
        "band": "它出自哪一分数段？",
        "factor": "它评价的是哪一要素？",
        "whole": "本分数段的全部描述",
        "neighbours": "与相邻分数段同一要素的描述对比（不同的文字已标出）",
        "this": "本题",
    },
    "items": {
        "question": "下面是表A.1 中的一个二级评分条款：",
        "category": "它属于哪个一级评分条款？",
        "points": "它的分值是多少？",
        "kind": "它按哪个评分表评分？",
    },
}


def practice_data(scheme: Scheme, drill: str) -> dict[str, Any]:
    """One drill's JSON island: its words, its choice sets, its questions, and the key under
    which the browser keeps its progress (one per scheme and drill)."""
    if drill == "band":
        data = _band_drill(scheme)
    elif drill == "items":
        data = _items_drill(scheme)
    else:
        msg = f"no drill {drill!r} (drills: {', '.join(DRILLS)})"
        raise ValueError(msg)
    return {**data, "store": f"excellence-practice:{scheme.id}:{drill}"}


def diff(ours: str, theirs: str) -> tuple[list[list[Any]], list[list[Any]]]:
    """Both sentences as segments ``[text, marked]``: the characters the other lacks marked."""
    matcher = SequenceMatcher(None, ours, theirs, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= MIN_COMMON]
    ours_segments: list[list[Any]] = []
    theirs_segments: list[list[Any]] = []
    a = b = 0
    for block in blocks:
        _add(ours_segments, ours[a : block.a], marked=True)
        _add(theirs_segments, theirs[b : block.b], marked=True)
        _add(ours_segments, ours[block.a : block.a + block.size], marked=False)
        _add(theirs_segments, theirs[block.b : block.b + block.size], marked=False)
        a, b = block.a + block.size, block.b + block.size
    _add(ours_segments, ours[a:], marked=True)
    _add(theirs_segments, theirs[b:], marked=True)
    return ours_segments, theirs_segments


def _add(segments: list[list[Any]], text: str, *, marked: bool) -> None:
    if not text:
        return
    if segments and segments[-1][1] == marked:
        segments[-1][0] += text
    else:
        segments.append([text, marked])


def _plain(text: str) -> list[list[Any]]:
    return [[text, False]]


def _table_name(guideline: Guideline) -> str:
    return f"表{guideline.table} {guideline.title}"


def _band_name(guideline: Guideline, band: Band) -> str:
    return f"{_table_name(guideline)}：{band.label}"


def _factor_label(guideline: Guideline, key: str) -> str:
    factor = next(f for f in guideline.factors if f.key == key)
    return f"{factor.key} {factor.name}"


def _band_drill(scheme: Scheme) -> dict[str, Any]:
    words = DRILL_WORDS["band"]
    choices: dict[str, list[str]] = {}
    questions: list[dict[str, Any]] = []
    for guideline in scheme.guidelines.values():
        bands_key, factors_key = f"{guideline.table}-bands", f"{guideline.table}-factors"
        choices[bands_key] = [band.label for band in guideline.bands]
        choices[factors_key] = [_factor_label(guideline, f.key) for f in guideline.factors]
        for index, band in enumerate(guideline.bands):
            for factor_index, factor in enumerate(guideline.factors):
                sentence = band.descriptors[factor.key]
                questions.append(
                    {
                        "id": f"{guideline.table}/{band.min}-{band.max}/{factor.key}",
                        "text": sentence,
                        "steps": [
                            {
                                "prompt": words["band"],
                                "choices": bands_key,
                                "answer": index,
                                "explain": _band_name(guideline, band),
                            },
                            {
                                "prompt": words["factor"],
                                "choices": factors_key,
                                "answer": factor_index,
                                "explain": _factor_label(guideline, factor.key),
                            },
                        ],
                        "reveal": _band_reveal(guideline, index, factor.key),
                    }
                )
    return {"drill": "band", "words": WORDS | words, "choices": choices, "questions": questions}


def neighbours(guideline: Guideline, index: int) -> list[int]:
    """The bands next to band ``index``: one at either end of the table, two in between."""
    return [n for n in (index - 1, index + 1) if 0 <= n < len(guideline.bands)]


def _band_reveal(guideline: Guideline, index: int, key: str) -> list[dict[str, Any]]:
    words = DRILL_WORDS["band"]
    band = guideline.bands[index]
    whole = {
        "title": f"{words['whole']}（{_band_name(guideline, band)}）",
        "lines": [
            {
                "label": _factor_label(guideline, f.key),
                "segments": _plain(band.descriptors[f.key] + guideline.marker.format(f.key)),
                "current": f.key == key,
            }
            for f in guideline.factors
        ],
    }
    pairs = []
    for other in neighbours(guideline, index):
        ours, theirs = diff(band.descriptors[key], guideline.bands[other].descriptors[key])
        this_line = {"label": f"{band.label}（{words['this']}）", "segments": ours, "current": True}
        other_line = {"label": guideline.bands[other].label, "segments": theirs, "current": False}
        pairs.append([other_line, this_line] if other < index else [this_line, other_line])
    # lower band first in each pair, as the table reads
    return [whole, {"title": words["neighbours"], "pairs": pairs}]


def _items_drill(scheme: Scheme) -> dict[str, Any]:
    words = DRILL_WORDS["items"]
    points = sorted({item.points for item in scheme.items})
    kinds = list(scheme.guidelines)
    choices = {
        "categories": [f"{c.id} {c.name}" for c in scheme.categories],
        "points": [str(p) for p in points],
        "kinds": [_table_name(scheme.guidelines[kind]) for kind in kinds],
    }
    questions = []
    for index, category in enumerate(scheme.categories):
        for item in category.items:
            guideline = scheme.guideline_for(item)
            questions.append(
                {
                    "id": item.id,
                    "text": item.name,
                    "steps": [
                        {
                            "prompt": words["category"],
                            "choices": "categories",
                            "answer": index,
                            "explain": choices["categories"][index],
                        },
                        {
                            "prompt": words["points"],
                            "choices": "points",
                            "answer": points.index(item.points),
                            "explain": str(item.points),
                        },
                        {
                            "prompt": words["kind"],
                            "choices": "kinds",
                            "answer": kinds.index(item.kind),
                            "explain": _table_name(guideline),
                        },
                    ],
                    "reveal": [_item_row(scheme, item)],
                }
            )
    return {"drill": "items", "words": WORDS | words, "choices": choices, "questions": questions}


def _item_row(scheme: Scheme, item: Item) -> dict[str, Any]:
    """The item's row of table A.1 (in its headings' words) and the table it is scored by."""
    category = next(c for c in scheme.categories if c.id == item.category_id)
    guideline = scheme.guideline_for(item)
    rows = [
        ("一级评分条款", f"{category.id} {category.name}（{category.points}分）"),
        ("二级评分条款", f"{item.id} {item.name}"),
        ("分值", str(item.points)),
        ("评分表", _table_name(guideline)),
    ]
    return {
        "title": "表A.1 评分条款分值表",
        "lines": [
            {"label": label, "segments": _plain(text), "current": False} for label, text in rows
        ],
    }
