"""Calibration (培训校准): trainees who scored the same case alone, each set against a reference
scorebook that experienced examiners agreed.

The conventions of this tool (not rules of the standard), stated once here and in ``RULES``:

- Everything is compared on the items **both** scored: an item the reference scored and the
  trainee did not is listed as missing, one the trainee scored and the reference did not as
  ignored, and neither counts in a figure. So a trainee who skipped an item is not "biased low":
  the category points, the total and their deltas are the trainee's and the reference's points
  over the same items.
- ``delta`` is trainee minus reference: percent for items, points for categories and the total.
  ``bands_apart`` is signed: the band index (table C.1 or C.2, from the scheme data) of the
  trainee's percent minus that of the reference's (25 against 30: +1 … −1 the other way round;
  30 against 45: 0).
- ``within_one_band`` is the share (0–1) of the items both scored that lie at most one band apart,
  exact as a fraction and written rounded half up to four decimals (5 of 6: 0.8333); ``null``
  when no item was scored by both.
- The bias is the mean signed delta in percent over the items both scored (overall and per
  category): 偏高 when it is at least one step of the scheme (5 %), 偏低 when at most minus one
  step, else 基本一致. Its mean is written rounded half up to 0.01.
- Each of the reference's most significant comments (++ / −−) is matched when the trainee made a
  comment on the same item, of the same kind and on the same factor (any factor where the
  reference names none); each of the trainee's comments matches at most one, and blank ones none.
- The class's spread per item (the trainees who scored it against the reference) is ordered so
  that the items the class disagrees on most come first: the most trainees more than one band
  apart, then the largest mean absolute delta, then table A.1's order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any, Literal

from calculator.assessment import Assessment, AssessmentError, Comment, Problem
from calculator.output import (
    COMMENT_KINDS,
    MARKS,
    NOT_SCORED,
    csv_text,
    format_points,
    json_number,
    signed,
    text_table,
)
from calculator.safe_text import csv_cell, printable
from calculator.scheme import Category, Item, Scheme, load_scheme
from calculator.scoring import HUNDREDTH, item_points

MIN_TRAINEES = 1
TOO_FEW_TRAINEES = "培训校准至少需要一位学员的评价文件"
NO_REFERENCE_SCORES = "参考评分中没有已评分的条款，无法校准"
SHARE_PLACES = Decimal("0.0001")  # within_one_band as JSON: rounded half up to four decimals
NEAR_BANDS = 1  # "within one band"

# Where the site publishes its training case's reference scorebook (docs/training/), relative to
# the site's root: the calculator's button loads it from there.
SITE_REFERENCE = "training/reference.json"
# What the page's calibration tool says before and around the engine's replies (calibration.mjs);
# {placeholders} are filled in by the page.
PAGE_WORDS = {
    "site_reference": "本站培训案例的参考评分",
    "site_missing": (
        "本站培训案例的参考评分无法下载（服务器答复 {status}）：网站上可能还没有这份文件，"
        "请改用“选择参考评分文件”。"
    ),
    "site_failed": "本站培训案例的参考评分无法下载（{why}），请改用“选择参考评分文件”。",
    "reference_loaded": "已载入参考评分（{file}）。",
    "need_reference": "已读入 {n} 位学员的评价文件，请再载入参考评分。",
    "need_trainees": "请再导入学员的评价文件（可一次选中多个）。",
    "bad_file": "文件“{file}”无效：{why}",
    "bad_rest": "。以上文件未计入，其余 {n} 个文件已载入。",
    "bad_reference": "。参考评分未作改动。",
    "no_trainees": "。没有可用的学员评价文件。",
    "not_utf8": "不是 UTF-8 编码的文本",
    "shown": "班级对照已更新：{n} 位学员对照参考评分。",
    "csv_file": "培训校准.csv",
    "closed": "已关闭班级对照。",
}

Direction = Literal["high", "low", "even"]
DIRECTION_WORDS: dict[Direction, str] = {"high": "偏高", "low": "偏低", "even": "基本一致"}

# the class table's cells: how far apart, as a class the page colours (and a sign beside it)
CELL_CLASSES = ("0", "1", "2+")
FAR_MARK = "⚠"


def rules(scheme: Scheme) -> list[str]:
    """How to read a calibration: the conventions above, in the words the reports show."""
    step = scheme.step
    tables = "/".join(g.table for g in scheme.guidelines.values())
    return [
        (
            "只比较学员与参考都评了分的条款：学员未评分的条款列为“未评分”，参考未评分的条款列为"
            "“不计入”，都不计入任何数字；类别得分与总分也只计这些条款。"
        ),
        (
            f"相差 = 学员 − 参考（条款为百分点，类别与总分为分）；相隔分数段 = 学员百分比所在分数段"
            f"减参考百分比所在分数段（表{tables}），如 25% 对 30% 为 +1，30% 对 45% 为 0。"
        ),
        "一段以内 = 相隔不超过一个分数段的条款占共同评分条款的比例。",
        (
            f"偏差 = 共同评分条款相差的平均值：不低于 +{step} 个百分点为偏高，不高于 −{step} 个"
            "百分点为偏低，其余为基本一致（本工具的约定，不是标准的规定）。"
        ),
        (
            "参考评分中每条 ++/−− 评语：学员在同一条款对同一评价要点提出了同类评语"
            "（优势或改进机会）即为提出，否则为遗漏；参考评语未注明评价要点时，同类评语即可。"
        ),
        "班级分歧按相隔超过一个分数段的人数、平均绝对相差从大到小排列。",
    ]


@dataclass(frozen=True)
class Bias:
    """The mean signed delta in percent over ``items`` items both scored, and its direction."""

    mean: Fraction
    items: int
    direction: Direction


@dataclass(frozen=True)
class ItemDelta:
    item: Item
    percent: int
    reference: int
    bands_apart: int  # signed: the trainee's band index minus the reference's

    @property
    def delta(self) -> int:
        return self.percent - self.reference


@dataclass(frozen=True)
class CategoryDelta:
    """A category over the items both scored in it."""

    category: Category
    points: Decimal
    reference: Decimal
    bias: Bias | None  # None: no item of the category scored by both

    @property
    def delta(self) -> Decimal:
        return self.points - self.reference


@dataclass(frozen=True)
class CommentCheck:
    """One of the reference's most significant comments, and whether the trainee made it too."""

    item: Item
    comment: Comment
    matched: bool


@dataclass(frozen=True)
class TraineeCalibration:
    label: str
    items: tuple[ItemDelta, ...]  # the items both scored, in table A.1's order
    categories: tuple[CategoryDelta, ...]
    bias: Bias | None
    missing: tuple[Item, ...]  # scored by the reference, not by the trainee
    ignored: tuple[Item, ...]  # scored by the trainee, not by the reference
    comments: tuple[CommentCheck, ...]
    own_total: Decimal  # the trainee's whole total, as the calculator shows it
    percents: dict[str, int]  # every percent the trainee gave (the CSV lists the ignored too)

    @property
    def total(self) -> Decimal:
        return sum((c.points for c in self.categories), Decimal(0))

    @property
    def reference_total(self) -> Decimal:
        return sum((c.reference for c in self.categories), Decimal(0))

    @property
    def total_delta(self) -> Decimal:
        return self.total - self.reference_total

    @property
    def within(self) -> int:
        return sum(1 for d in self.items if abs(d.bands_apart) <= NEAR_BANDS)

    @property
    def within_one_band(self) -> Fraction | None:
        return Fraction(self.within, len(self.items)) if self.items else None

    def delta(self, item: Item) -> ItemDelta | None:
        return next((d for d in self.items if d.item.id == item.id), None)


@dataclass(frozen=True)
class ItemSpread:
    """One item the reference scored, across the trainees: each one's delta (None: not scored)."""

    item: Item
    reference: int
    deltas: tuple[ItemDelta | None, ...]

    @property
    def scored(self) -> tuple[ItemDelta, ...]:
        return tuple(d for d in self.deltas if d is not None)

    @property
    def mean(self) -> Fraction | None:
        scored = self.scored
        return Fraction(sum(d.delta for d in scored), len(scored)) if scored else None

    @property
    def mean_abs(self) -> Fraction | None:
        scored = self.scored
        return Fraction(sum(abs(d.delta) for d in scored), len(scored)) if scored else None

    @property
    def low(self) -> int | None:
        return min((d.delta for d in self.scored), default=None)

    @property
    def high(self) -> int | None:
        return max((d.delta for d in self.scored), default=None)

    @property
    def within(self) -> int:
        return sum(1 for d in self.scored if abs(d.bands_apart) <= NEAR_BANDS)

    @property
    def beyond(self) -> int:
        return len(self.scored) - self.within


@dataclass(frozen=True)
class Calibration:
    reference_label: str
    reference: Assessment
    reference_total: Decimal  # the reference's whole total
    trainees: tuple[TraineeCalibration, ...]
    spread: tuple[ItemSpread, ...]  # most disagreement first
    scheme: Scheme


def calibrate(
    reference: tuple[str, Assessment],
    trainees: Sequence[tuple[str, Assessment]],
    scheme: Scheme | None = None,
) -> Calibration:
    """Each of ``trainees`` (label, document) against ``reference`` (label, document); the labels
    are shown as given (make them distinct first: ``output.distinct``)."""
    scheme = scheme or load_scheme()
    label, document = reference
    problems: list[Problem] = []
    if not _scored(document, scheme):
        problems.append(Problem("reference", NO_REFERENCE_SCORES))
    if len(trainees) < MIN_TRAINEES:
        problems.append(Problem("trainees", TOO_FEW_TRAINEES))
    if problems:
        raise AssessmentError(problems)
    majors = _majors(document, scheme)
    results = tuple(_trainee(name, t, document, majors, scheme) for name, t in trainees)
    spread = [
        ItemSpread(item, document.scores[item.id], tuple(r.delta(item) for r in results))
        for item in _scored(document, scheme)
    ]
    order = {item.id: n for n, item in enumerate(scheme.items)}
    spread.sort(
        key=lambda s: (
            not s.scored,  # items nobody scored last
            -s.beyond,
            -(s.mean_abs or 0),
            order[s.item.id],
        )
    )
    total = sum(
        (item_points(item.points, document.scores[item.id]) for item in _scored(document, scheme)),
        Decimal(0),
    )
    return Calibration(label, document, total, results, tuple(spread), scheme)


def _scored(document: Assessment, scheme: Scheme) -> list[Item]:
    return [item for item in scheme.items if document.scores.get(item.id) is not None]


def _majors(document: Assessment, scheme: Scheme) -> list[tuple[Item, Comment]]:
    """The reference's most significant comments, item by item in table A.1's order."""
    return [
        (item, c) for item in scheme.items for c in document.comments.get(item.id, ()) if c.major
    ]


def _trainee(
    label: str,
    trainee: Assessment,
    reference: Assessment,
    majors: list[tuple[Item, Comment]],
    scheme: Scheme,
) -> TraineeCalibration:
    deltas: list[ItemDelta] = []
    missing: list[Item] = []
    ignored: list[Item] = []
    own = Decimal(0)
    for item in scheme.items:
        mine, theirs = trainee.scores.get(item.id), reference.scores.get(item.id)
        if mine is not None:
            own += item_points(item.points, mine)
        if mine is not None and theirs is not None:
            guideline = scheme.guideline_for(item)
            apart = guideline.band_index(mine) - guideline.band_index(theirs)
            deltas.append(ItemDelta(item, mine, theirs, apart))
        elif theirs is not None:
            missing.append(item)
        elif mine is not None:
            ignored.append(item)
    categories = tuple(
        CategoryDelta(
            category,
            sum((item_points(d.item.points, d.percent) for d in inside), Decimal(0)),
            sum((item_points(d.item.points, d.reference) for d in inside), Decimal(0)),
            _bias(inside, scheme),
        )
        for category in scheme.categories
        for inside in [[d for d in deltas if d.item.category_id == category.id]]
    )
    return TraineeCalibration(
        label,
        tuple(deltas),
        categories,
        _bias(deltas, scheme),
        tuple(missing),
        tuple(ignored),
        _comment_checks(trainee, majors),
        own,
        dict(trainee.scores),
    )


def _bias(deltas: Sequence[ItemDelta], scheme: Scheme) -> Bias | None:
    if not deltas:
        return None
    mean = Fraction(sum(d.delta for d in deltas), len(deltas))
    direction: Direction = (
        "high" if mean >= scheme.step else "low" if mean <= -scheme.step else "even"
    )
    return Bias(mean, len(deltas), direction)


def _comment_checks(
    trainee: Assessment, majors: list[tuple[Item, Comment]]
) -> tuple[CommentCheck, ...]:
    """Each reference comment matched against the trainee's comments, each of which matches at
    most one: those naming a factor first, then those naming none (which take any factor)."""
    left: dict[tuple[str, str], Counter[str | None]] = {}  # (item, kind) → factor → count
    for item_id, comments in trainee.comments.items():
        for c in comments:
            if c.text.strip():
                left.setdefault((item_id, c.kind), Counter())[c.factor] += 1
    matched = [False] * len(majors)
    for wildcard in (False, True):
        for n, (item, c) in enumerate(majors):
            if (c.factor is None) != wildcard:
                continue
            factors = left.get((item.id, c.kind))
            if not factors:
                continue
            # a factor named: that factor's; none named: any (an item has at most five keys)
            key = c.factor if not wildcard else next((f for f, k in factors.items() if k), None)
            if factors[key] > 0:
                factors[key] -= 1
                matched[n] = True
    return tuple(
        CommentCheck(item, c, found) for (item, c), found in zip(majors, matched, strict=True)
    )


# --- numbers and words -----------------------------------------------------------------------


def _hundredths(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / value.denominator).quantize(
        HUNDREDTH, rounding=ROUND_HALF_UP
    )


def share_number(value: Fraction | None) -> int | float | None:
    """``within_one_band`` as JSON: rounded half up to four decimals (0.8333), 1 and 0 whole."""
    if value is None:
        return None
    exact = Decimal(value.numerator) / value.denominator
    return json_number(exact.quantize(SHARE_PLACES, rounding=ROUND_HALF_UP))


def _mean_number(value: Fraction | None) -> int | float | None:
    return None if value is None else json_number(_hundredths(value))


def _signed_fraction(value: Fraction) -> str:
    return signed(_hundredths(value))


def _total_text(t: TraineeCalibration, reference_total: Decimal) -> str:
    """``142（+3）``; over fewer items than the reference scored, what it is set against too:
    ``142（参考同样条款 116.5，+25.5）``."""
    delta = signed(t.total_delta)
    if t.reference_total == reference_total:
        return f"{format_points(t.total)}（{delta}）"
    return f"{format_points(t.total)}（参考同样条款 {format_points(t.reference_total)}，{delta}）"


def _share_text(trainee: TraineeCalibration) -> str:
    share = trainee.within_one_band
    if share is None:
        return "没有与参考共同评分的条款"
    percent = format_points(_hundredths(share * 100))
    return f"{trainee.within}/{len(trainee.items)} 项在一段以内（{percent}%）"


def bias_text(bias: Bias | None) -> str:
    """``平均 +6.25 个百分点，偏高``; ``—`` without items both scored."""
    if bias is None:
        return "—"
    return f"平均 {_signed_fraction(bias.mean)} 个百分点，{DIRECTION_WORDS[bias.direction]}"


def _ids(items: Sequence[Item]) -> str:
    return "、".join(item.id for item in items)


def _comment_text(check: CommentCheck, scheme: Scheme) -> str:
    """``4.1.2 优势++（A 方法）：text`` — the reference's comment as the lists show it."""
    c = check.comment
    factors = {f.key: f.name for f in scheme.guideline_for(check.item).factors}
    factor = f"（{c.factor} {factors.get(c.factor, '')}）".replace(" ）", "）") if c.factor else ""
    return f"{check.item.id} {COMMENT_KINDS[c.kind]}{MARKS[c.kind][1]}{factor}：{c.text}"


def _comments_summary(trainee: TraineeCalibration) -> str:
    if not trainee.comments:
        return "参考评分没有 ++/−− 评语。"
    found = sum(1 for c in trainee.comments if c.matched)
    return (
        f"参考评分的 ++/−− 评语 {len(trainee.comments)} 条：提出 {found} 条，"
        f"遗漏 {len(trainee.comments) - found} 条。"
    )


def _cell_class(delta: ItemDelta | None) -> str | None:
    if delta is None:
        return None
    return CELL_CLASSES[min(abs(delta.bands_apart), len(CELL_CLASSES) - 1)]


def _cell_text(delta: ItemDelta | None) -> str:
    """``60%（+1）``: the trainee's percent and the bands apart; ``⚠`` beside two or more."""
    if delta is None:
        return NOT_SCORED
    apart = signed(Decimal(delta.bands_apart))
    far = f" {FAR_MARK}" if abs(delta.bands_apart) > NEAR_BANDS else ""
    return f"{delta.percent}%（{apart}{far}）"


def _spread_text(s: ItemSpread) -> str:
    head = f"{s.item.id} {s.item.name}（参考 {s.reference}%）"
    scored = s.scored
    mean, low, high = s.mean, s.low, s.high
    if mean is None or low is None or high is None:
        return f"{head}：没有学员评分"
    return (
        f"{head}：{len(scored)} 人中 {s.beyond} 人相隔超过一个分数段；"
        f"平均相差 {_signed_fraction(mean)} 个百分点（最小 {signed(Decimal(low))}，"
        f"最大 {signed(Decimal(high))}）"
    )


# --- renderings ------------------------------------------------------------------------------


def _item_data(d: ItemDelta) -> dict[str, Any]:
    return {
        "percent": d.percent,
        "reference": d.reference,
        "delta": d.delta,
        "bands_apart": d.bands_apart,
    }


def _bias_data(bias: Bias | None) -> dict[str, Any] | None:
    if bias is None:
        return None
    return {
        "mean": _mean_number(bias.mean),
        "items": bias.items,
        "direction": bias.direction,
        "text": bias_text(bias),
    }


def _comment_data(check: CommentCheck) -> dict[str, Any]:
    c = check.comment
    return {"item": check.item.id, "kind": c.kind, "factor": c.factor, "text": c.text}


def _trainee_data(t: TraineeCalibration) -> dict[str, Any]:
    return {
        "label": t.label,
        "total": json_number(t.total),
        "total_delta": json_number(t.total_delta),
        "reference_total": json_number(t.reference_total),
        "own_total": json_number(t.own_total),
        "within_one_band": share_number(t.within_one_band),
        "within_one_band_items": t.within,
        "both_scored": len(t.items),
        "bias": _bias_data(t.bias),
        "items": {d.item.id: _item_data(d) for d in t.items},
        "categories": {
            c.category.id: {
                "points": json_number(c.points),
                "reference": json_number(c.reference),
                "delta": json_number(c.delta),
                "bias": _bias_data(c.bias),
            }
            for c in t.categories
        },
        "missing": [item.id for item in t.missing],
        "ignored": [item.id for item in t.ignored],
        "comments": {
            "matched": [_comment_data(c) for c in t.comments if c.matched],
            "missed": [_comment_data(c) for c in t.comments if not c.matched],
        },
    }


def to_data(result: Calibration) -> dict[str, Any]:
    """``calibrate --format json`` (the fixed names of the contract, and more beside them)."""
    return {
        "reference": {
            "label": result.reference_label,
            "total": json_number(result.reference_total),
            "scored_items": len(_scored(result.reference, result.scheme)),
        },
        "trainees": [_trainee_data(t) for t in result.trainees],
        "class": {
            "items": [
                {
                    "item": s.item.id,
                    "name": s.item.name,
                    "reference": s.reference,
                    "scored": len(s.scored),
                    "mean_delta": _mean_number(s.mean),
                    "mean_abs_delta": _mean_number(s.mean_abs),
                    "min_delta": s.low,
                    "max_delta": s.high,
                    "within_one_band": s.within,
                    "beyond_one_band": s.beyond,
                }
                for s in result.spread
            ]
        },
        "rules": rules(result.scheme),
    }


def _summary(t: TraineeCalibration, label: str) -> str:
    parts = [
        (
            f"{label}：{_share_text(t)}；总分 {format_points(t.total)}，参考同样条款 "
            f"{format_points(t.reference_total)}，相差 {signed(t.total_delta)} 分。"
        )
    ]
    if t.missing:
        parts.append(f"未评分：{_ids(t.missing)}。")
    if t.ignored:
        parts.append(f"参考未评分、不计入：{_ids(t.ignored)}。")
    return "".join(parts)


def _bias_line(t: TraineeCalibration) -> str:
    categories = "；".join(
        f"{c.category.id} {c.category.name} {bias_text(c.bias)}"
        for c in t.categories
        if c.bias is not None
    )
    return f"偏差：{bias_text(t.bias)}" + (f"（{categories}）" if categories else "") + "。"


def _headline(result: Calibration, reference: str, count: int) -> str:
    return (
        f"参考评分：{reference}（总分 {format_points(result.reference_total)}，"
        f"已评分 {len(_scored(result.reference, result.scheme))} 项）；学员 {count} 位。"
    )


LEGEND = (
    "单元格：学员的百分比，括号中为相隔的分数段（学员 − 参考）；底色区分相隔 0 段、1 段、"
    f"2 段及以上（另标 {FAR_MARK}）；“未评分”不计入。"
)


def page_data(result: Calibration) -> dict[str, Any]:
    """The page's reply: the CLI's JSON, every sentence of the class view (``display``) and the
    CSV (the same bytes as the CLI's)."""
    data = to_data(result)
    labels = [t.label for t in result.trainees]
    scheme = result.scheme
    rows = []
    for item in _scored(result.reference, scheme):
        deltas = [t.delta(item) for t in result.trainees]
        rows.append(
            {
                "item": item.id,
                "head": f"{item.id} {item.name}",
                "reference": f"{result.reference.scores[item.id]}%",
                "cells": [{"text": _cell_text(d), "class": _cell_class(d)} for d in deltas],
            }
        )
    data["display"] = {
        "headline": _headline(result, result.reference_label, len(labels)),
        "rules": rules(scheme),
        "table": {
            "caption": "班级对照：各学员的百分比与参考相隔的分数段（表"
            + "/".join(g.table for g in scheme.guidelines.values())
            + "）",
            "columns": ["条款", "参考", *labels],
            "rows": rows,
            "total": {
                "head": "总分（共同评分的条款）",
                "reference": format_points(result.reference_total),
                "cells": [
                    {"text": _total_text(t, result.reference_total), "class": None}
                    for t in result.trainees
                ],
            },
            "legend": LEGEND,
        },
        "trainees": [
            {
                "label": t.label,
                "summary": _summary(t, t.label),
                "bias": _bias_line(t),
                "comments": {
                    "summary": _comments_summary(t),
                    "matched": [_comment_text(c, scheme) for c in t.comments if c.matched],
                    "missed": [_comment_text(c, scheme) for c in t.comments if not c.matched],
                },
            }
            for t in result.trainees
        ],
        "disagreement": {
            "heading": "班级分歧最大的条款",
            "list": [_spread_text(s) for s in result.spread],
        },
        "matched": "提出",
        "missed": "遗漏",
        "rules_heading": "如何阅读",
    }
    data["csv"] = to_csv(result)
    return data


def to_text(result: Calibration) -> str:
    """The trainer's report: the class table, each trainee, the disagreement, the rules."""
    scheme = result.scheme
    labels = [printable(t.label) for t in result.trainees]
    lines = [_headline(result, printable(result.reference_label), len(labels)), ""]
    lines.append("班级对照（学员百分比，括号中为相隔的分数段，学员 − 参考）：")
    rows = [["条款", "参考", *labels]]
    rows.extend(
        [
            item.id,
            f"{result.reference.scores[item.id]}%",
            *(_cell_text(t.delta(item)) for t in result.trainees),
        ]
        for item in _scored(result.reference, scheme)
    )
    rows.append(
        [
            "总分",
            format_points(result.reference_total),
            *(_total_text(t, result.reference_total) for t in result.trainees),
        ]
    )
    lines += text_table(rows)
    for t, label in zip(result.trainees, labels, strict=True):
        lines += ["", _summary(t, label), _bias_line(t), _comments_summary(t)]
        lines += [f"  提出 {printable(_comment_text(c, scheme))}" for c in t.comments if c.matched]
        lines += [
            f"  遗漏 {printable(_comment_text(c, scheme))}" for c in t.comments if not c.matched
        ]
    lines += ["", "班级分歧最大的条款："]
    lines += [f"{n}. {_spread_text(s)}" for n, s in enumerate(result.spread, 1)]
    lines += ["", *(f"说明：{rule}" for rule in rules(scheme))]
    return "\n".join(lines) + "\n"


CSV_HEADER: list[object] = [
    "学员",
    "编号",
    "名称",
    "学员百分比",
    "参考百分比",
    "相差（百分点）",
    "相隔分数段",
    "一段以内",
    "说明",
    "参考的++/−−评语",
    "学员提出",
]


def to_csv(result: Calibration) -> str:
    """One row per trainee and item that the reference or the trainee scored, or on which the
    reference made a ++/−− comment (the trainer's records)."""
    rows: list[list[object]] = [CSV_HEADER]
    reference = result.reference.scores
    for t in result.trainees:
        label = csv_cell(t.label)
        checks: dict[str, list[CommentCheck]] = {}
        for check in t.comments:
            checks.setdefault(check.item.id, []).append(check)
        deltas = {d.item.id: d for d in t.items}
        for item in result.scheme.items:
            d = deltas.get(item.id)
            mine, theirs = t.percents.get(item.id), reference.get(item.id)
            on_item = checks.get(item.id, [])
            if mine is None and theirs is None and not on_item:
                continue
            note = ""
            if d is None:
                note = (
                    "学员未评分"
                    if theirs is not None
                    else "参考未评分，不计入"
                    if mine is not None
                    else "均未评分"
                )
            rows.append(
                [
                    label,
                    item.id,
                    item.name,
                    "" if mine is None else mine,
                    "" if theirs is None else theirs,
                    d.delta if d else "",
                    d.bands_apart if d else "",
                    ("是" if abs(d.bands_apart) <= NEAR_BANDS else "否") if d else "",
                    note,
                    len(on_item),
                    sum(1 for c in on_item if c.matched),
                ]
            )
    return csv_text(rows)


__all__ = [
    "Calibration",
    "TraineeCalibration",
    "calibrate",
    "page_data",
    "to_csv",
    "to_data",
    "to_text",
]
