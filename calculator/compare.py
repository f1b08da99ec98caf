"""Two assessments side by side — current and target, last year and this — and a series of them.

``compare(a, b)``: per item and category, the change from A to B (B minus A, exact), the change
of the total, process and results, and the items that contribute most. ``trend(series)``: the
total, process, results and each category of every assessment in order. That is a trend of
*scores*; the Le-T-C-I "trend" that result items 4.7.x ask for is about the department's own
indicators, which no score replaces.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from calculator.assessment import Assessment
from calculator.output import (
    KIND_LABELS,
    POINTS_LABEL,
    TOTAL_LABEL,
    csv_text,
    format_points,
    json_number,
    percent_text,
    signed,
    text_table,
)
from calculator.safe_text import csv_cell, printable
from calculator.scheme import KINDS, Item, Kind, Scheme, load_scheme
from calculator.scoring import Result, score

TREND_NOTE = (
    "这是各次评价得分的变化，不是结果条款（4.7）中 Le-T-C-I 所要求的“趋势”："
    "后者指部门自身绩效指标的趋势，得分不能代替"
)


@dataclass(frozen=True)
class ItemChange:
    item: Item
    before: int | None  # percent in A (None: not scored, 0 points)
    after: int | None
    delta: Decimal  # points, B minus A


@dataclass(frozen=True)
class Comparison:
    labels: tuple[str, str]
    before: Result
    after: Result

    @property
    def delta_total(self) -> Decimal:
        return self.after.total - self.before.total

    def delta_kind(self, kind: Kind) -> Decimal:
        return self.after.kind_points(kind) - self.before.kind_points(kind)

    @property
    def categories(self) -> dict[str, Decimal]:
        return {
            b.category.id: a.points - b.points
            for b, a in zip(self.before.categories, self.after.categories, strict=True)
        }

    @property
    def items(self) -> tuple[ItemChange, ...]:
        return tuple(
            ItemChange(b.item, b.percent, a.percent, a.points - b.points)
            for b, a in zip(self.before.items, self.after.items, strict=True)
        )

    def largest(self, top: int = 5) -> list[ItemChange]:
        """The changes that move the total most, largest first (by size, up or down)."""
        changed = [change for change in self.items if change.delta]
        return sorted(changed, key=lambda c: -abs(c.delta))[:top]


def compare(
    a: tuple[str, Assessment], b: tuple[str, Assessment], scheme: Scheme | None = None
) -> Comparison:
    scheme = scheme or load_scheme()
    return Comparison((a[0], b[0]), score(a[1], scheme), score(b[1], scheme))


def comparison_data(result: Comparison, top: int = 5) -> dict[str, Any]:
    """The CLI's ``compare --format json`` object (B minus A) and the page's reply."""
    sides = {"a": result.before, "b": result.after}
    return {
        **{
            key: {
                "label": label,
                "total": json_number(side.total),
                "process": json_number(side.process),
                "results": json_number(side.results),
            }
            for (key, side), label in zip(sides.items(), result.labels, strict=True)
        },
        "delta": {
            "total": json_number(result.delta_total),
            "process": json_number(result.delta_kind("process")),
            "results": json_number(result.delta_kind("results")),
            "categories": {cid: json_number(d) for cid, d in result.categories.items()},
            "items": {c.item.id: json_number(c.delta) for c in result.items},
        },
        "categories": {
            before.category.id: {
                "name": before.category.name,
                "a": json_number(before.points),
                "b": json_number(after.points),
                "delta": json_number(after.points - before.points),
            }
            for before, after in zip(result.before.categories, result.after.categories, strict=True)
        },
        "items": {
            c.item.id: {
                "name": c.item.name,
                "a": c.before,
                "b": c.after,
                "delta": json_number(c.delta),
            }
            for c in result.items
        },
        "largest": [
            {"item": c.item.id, "name": c.item.name, "delta": json_number(c.delta)}
            for c in result.largest(top)
        ],
        "display": comparison_display(result, top),
    }


def comparison_display(result: Comparison, top: int = 5) -> list[dict[str, Any]]:
    """The comparison as the page shows it: a headline, then headed tables and lists, every
    sentence finished here (the page only places them)."""
    a, b = result.labels
    kinds = "，".join(f"{KIND_LABELS[k]}条款 {signed(result.delta_kind(k))}" for k in KINDS)
    headline = (
        f"{TOTAL_LABEL}：{a} {format_points(result.before.total)} → "
        f"{b} {format_points(result.after.total)}（{signed(result.delta_total)}）；{kinds}"
    )
    categories = {
        "heading": "各类别得分",
        "columns": ["类别", f"A：{a}", f"B：{b}", "变化"],
        "rows": [
            [
                f"{before.category.id} {before.category.name}",
                format_points(before.points),
                format_points(after.points),
                signed(after.points - before.points),
            ]
            for before, after in zip(result.before.categories, result.after.categories, strict=True)
        ],
    }
    out: list[dict[str, Any]] = [{"headline": headline}, categories]
    if largest := result.largest(top):
        out.append(
            {
                "heading": "变化最大的条款",
                "list": [f"{c.item.id} {c.item.name}：{signed(c.delta)} 分" for c in largest],
            }
        )
    changed = [
        [
            f"{c.item.id} {c.item.name}",
            percent_text(c.before),
            percent_text(c.after),
            signed(c.delta),
        ]
        for c in result.items
        if c.delta or c.before != c.after
    ]
    if changed:
        out.append(
            {
                "heading": "有变化的评分条款",
                "columns": ["评分条款", f"A：{a}", f"B：{b}", "变化（分）"],
                "rows": changed,
            }
        )
    else:
        out.append({"heading": "有变化的评分条款", "text": "两者的各条款评分相同。"})
    return out


def comparison_text(result: Comparison, top: int = 5) -> str:
    a, b = (printable(label) for label in result.labels)
    rows = [["条款", "名称", "A", "B", "变化（分）"]] + [
        [
            c.item.id,
            c.item.name,
            "—" if c.before is None else f"{c.before}%",
            "—" if c.after is None else f"{c.after}%",
            signed(c.delta),
        ]
        for c in result.items
    ]
    lines = [f"A：{a}", f"B：{b}", "", *text_table(rows), ""]
    changes = result.categories
    lines += [f"{c.id} {c.name}：{signed(changes[c.id])}" for c in result.after.scheme.categories]
    labels = {"process": "过程条款", "results": "结果条款"}
    lines += [f"{labels[kind]}：{signed(result.delta_kind(kind))}" for kind in KINDS]
    lines.append(
        f"总分：{format_points(result.before.total)} → {format_points(result.after.total)}"
        f"（{signed(result.delta_total)}）"
    )
    if largest := result.largest(top):
        lines += ["", "变化最大的条款："]
        lines += [
            f"{n}. {c.item.id} {c.item.name}：{signed(c.delta)} 分"
            for n, c in enumerate(largest, 1)
        ]
    return "\n".join(lines) + "\n"


def comparison_csv(result: Comparison) -> str:
    rows: list[list[object]] = []
    a, b = (csv_cell(label) for label in result.labels)
    rows.append(
        ["编号", "名称", f"A 百分比（{a}）", f"B 百分比（{b}）", "A 得分", "B 得分", "变化"]
    )
    for before, after in zip(result.before.items, result.after.items, strict=True):
        rows.append(
            [
                before.item.id,
                before.item.name,
                "" if before.percent is None else before.percent,
                "" if after.percent is None else after.percent,
                format_points(before.points),
                format_points(after.points),
                format_points(after.points - before.points),
            ]
        )
    for before_c, after_c in zip(result.before.categories, result.after.categories, strict=True):
        rows.append(
            [
                before_c.category.id,
                f"{before_c.category.name}（小计）",
                "",
                "",
                format_points(before_c.points),
                format_points(after_c.points),
                format_points(after_c.points - before_c.points),
            ]
        )
    rows.append(
        [
            "",
            "总分",
            "",
            "",
            format_points(result.before.total),
            format_points(result.after.total),
            format_points(result.delta_total),
        ]
    )
    return csv_text(rows)


# ------------------------------------------------------------------------------------- trend

_NUMBER = re.compile(r"([0-9]+)")


def file_order(names: Sequence[str]) -> list[int]:
    """The order of a trend's files (oldest first, as people name them: 2023.json, 2024.json):
    the indices of ``names`` in the natural order of the names — numbers by value (第2次 before
    第10次), full-width digits as digits, letters in either case alike; equal names keep the
    order given. The CLI and the page sort with this one rule."""
    return sorted(range(len(names)), key=lambda n: _natural(names[n]))


def _natural(name: str) -> tuple[tuple[int, str], ...]:
    """``name`` as runs of text and of digits. A number compares by its value: written without
    leading zeros, its length first (no int(): a name may hold more digits than int() takes). A
    text run followed by a number ends in "0", so that it compares with a longer run as the
    characters do (a.json before a1.json before ab.json)."""
    parts = _NUMBER.split(unicodedata.normalize("NFKC", name).casefold())
    last = len(parts) - 1
    return tuple(
        (len(part.lstrip("0")), part.lstrip("0")) if n % 2 else (-1, part + "0" * (n < last))
        for n, part in enumerate(parts)
    )


@dataclass(frozen=True)
class Trend:
    labels: tuple[str, ...]
    results: tuple[Result, ...]


def trend(series: Sequence[tuple[str, Assessment]], scheme: Scheme | None = None) -> Trend:
    """The scores of a department's assessments, in the order given (oldest first)."""
    scheme = scheme or load_scheme()
    return Trend(tuple(label for label, _ in series), tuple(score(a, scheme) for _, a in series))


def trend_data(result: Trend) -> dict[str, Any]:
    """The CLI's ``trend --format json`` object and the page's chart data."""
    scheme = result.results[0].scheme if result.results else load_scheme()
    rows = _trend_rows(result, str)
    return {
        "note": TREND_NOTE,
        "display": [
            {"note": f"说明：{TREND_NOTE}。"},
            {"columns": rows[0], "rows": rows[1:]},
        ],
        "chart": {
            "axis": POINTS_LABEL,
            "total": TOTAL_LABEL,
            "categories": [f"{c.id} {c.name}" for c in scheme.categories],
        },
        "loaded": f"已载入 {len(result.labels)} 次评价的得分。当前评分未作改动。",
        "labels": list(result.labels),
        "total": [json_number(r.total) for r in result.results],
        "process": [json_number(r.process) for r in result.results],
        "results": [json_number(r.results) for r in result.results],
        "scored_items": [r.scored_items for r in result.results],
        "categories": {
            c.id: {
                "name": c.name,
                "max": c.points,
                "points": [json_number(r.categories[n].points) for r in result.results],
            }
            for n, c in enumerate(scheme.categories)
        },
    }


def _trend_rows(result: Trend, safe: Any) -> list[list[str]]:  # noqa: ANN401 - a str → str
    scheme = result.results[0].scheme if result.results else load_scheme()
    header = [
        "评价",
        *(f"{c.id} {c.name}" for c in scheme.categories),
        "过程条款",
        "结果条款",
        TOTAL_LABEL,
    ]
    return [header] + [
        [
            safe(label),
            *(format_points(c.points) for c in r.categories),
            format_points(r.process),
            format_points(r.results),
            format_points(r.total),
        ]
        for label, r in zip(result.labels, result.results, strict=True)
    ]


def trend_text(result: Trend) -> str:
    lines = text_table(_trend_rows(result, printable))
    return "\n".join(lines) + f"\n\n说明：{TREND_NOTE}。\n"


def trend_csv(result: Trend) -> str:
    return csv_text(_trend_rows(result, csv_cell))
