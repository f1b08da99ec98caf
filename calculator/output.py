"""Renderings of a result: plain data (JSON contract), text for people, CSV for Excel."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from calculator import hints
from calculator.assessment import Assessment, Comment, CommentKind
from calculator.safe_text import printable
from calculator.scheme import KINDS, Kind, Scheme
from calculator.scoring import Priority, Result, percent_of, priorities

KIND_LABELS: dict[Kind, str] = {"process": "过程", "results": "结果"}
NOT_SCORED = "未评分"
# the scorebook's words: the kinds of comment, their marks (plain, major: ++ and −−, U+2212),
# the fields of a comment and the sections of the assessment
COMMENT_KINDS: dict[CommentKind, str] = {"strength": "优势", "opportunity": "改进机会"}
MARKS: dict[CommentKind, tuple[str, str]] = {
    "strength": ("+", "++"),
    "opportunity": ("\u2212", "\u2212\u2212"),
}
FIELD_LABELS = {
    "major": "重要",
    "factor": "评价要点",
    "point": "条款要点",
    "evidence": "证据",
    "key_factors": "关键因素",
    "profile": "组织概述",
    "sources": "来源",  # the examiners behind a consensus's comment
}
NO_COMMENTS = "尚无评语"
PRIORITIES_SHOWN = 5  # on the page, in the text and in the feedback report
# the words beside the figures, in the CLI's table and the page's charts
POINTS_LABEL = "得分"
MAX_LABEL = "分值"
PERCENT_LABEL = "得分率（%）"
TOTAL_LABEL = "总分"
CSV_BOM = "\ufeff"


def format_points(value: Decimal) -> str:
    """Points without noise: 33, 8.25, 612.5 (never 33.00 or 6.125E+2)."""
    return f"{value.normalize():f}"


def signed(value: Decimal) -> str:
    """A change as people write it: +21, -6.75, 0."""
    return ("+" if value > 0 else "") + format_points(value)


def percent_text(percent: int | None) -> str:
    """An item's percent as shown beside it: ``55%``, or 未评分."""
    return NOT_SCORED if percent is None else f"{percent}%"


def json_number(value: Decimal) -> int | float:
    """A JSON number for an exact multiple of 0.01: int when whole, else the float whose
    shortest repr is that decimal (Python prints ``612.5``, ``8.25``)."""
    return int(value) if value == value.to_integral_value() else float(value)


def to_data(result: Result, assessment: Assessment | None = None) -> dict[str, Any]:
    """The CLI's ``--format json`` object (fixed contract), plus a few descriptive extras."""
    scheme = result.scheme
    data: dict[str, Any] = {}
    if assessment is not None and assessment.title is not None:
        data["title"] = assessment.title
    data |= {
        "total": json_number(result.total),
        "max": scheme.total,
        "process": json_number(result.process),
        "process_max": result.kind_max("process"),
        "results": json_number(result.results),
        "results_max": result.kind_max("results"),
        "scored_items": result.scored_items,
        "item_count": len(result.items),
        "categories": {
            c.category.id: {
                "name": c.category.name,
                "points": json_number(c.points),
                "max": c.max,
                "percent": json_number(c.percent),
                "scored_items": c.scored_items,
            }
            for c in result.categories
        },
        "items": {
            r.item.id: {
                "name": r.item.name,
                "percent": r.percent,
                "points": json_number(r.points),
                "max": r.item.points,
                "band": r.band.range_label if r.band else None,
            }
            for r in result.items
        },
        "priorities": [_priority_data(p, scheme.step) for p in priorities(result)],
        "summary": summary_sentence(result),
    }
    return data


def page_data(result: Result, assessment: Assessment | None = None) -> dict[str, Any]:
    """The page's reply: the CLI's object and the words the page shows beside the figures, the
    count of each item's comments (for its heading) and the consistency hints."""
    data = to_data(result, assessment)
    document = assessment or Assessment()
    for r in result.items:
        data["items"][r.item.id]["text"] = _points_text(r.percent, r.points)
        data["items"][r.item.id]["comments"] = comment_counts(document.comments.get(r.item.id, ()))
    for priority in data["priorities"]:
        priority["title"] = f"{priority['item']} {data['items'][priority['item']]['name']}"
    data["priorities_shown"] = PRIORITIES_SHOWN
    data["hints"] = [hints.hint_data(h) for h in hints.hints(document, result.scheme)]
    return data


def mark(comment: Comment) -> str:
    """A comment's mark: + or − , ++ or −− for one of the most significant."""
    return MARKS[comment.kind][1 if comment.major else 0]


def comment_counts(comments: Sequence[Comment]) -> dict[str, Any]:
    """An item's strengths and opportunities counted, and the label its heading shows:
    ``优势 2 · 改进机会 1``, or 尚无评语."""
    strengths = sum(1 for c in comments if c.kind == "strength")
    opportunities = len(comments) - strengths
    label = (
        f"{COMMENT_KINDS['strength']} {strengths} · {COMMENT_KINDS['opportunity']} {opportunities}"
        if comments
        else NO_COMMENTS
    )
    return {"strengths": strengths, "opportunities": opportunities, "label": label}


def _points_text(percent: int | None, points: Decimal) -> str:
    """What an item's block on the page says it has: ``55% · 33 分``, or 未评分."""
    return NOT_SCORED if percent is None else f"{percent}% · {format_points(points)} 分"


def _priority_data(p: Priority, step: int) -> dict[str, Any]:
    return {
        "item": p.item.id,
        "percent": p.percent,
        "step_gain": json_number(p.step_gain),
        "next_band": p.next_band.range_label if p.next_band else None,
        "band_gain": json_number(p.band_gain) if p.band_gain is not None else None,
        "text": f"当前 {p.percent}%：{gain_sentence(p, step)}",
    }


def gain_sentence(p: Priority, step: int) -> str:
    """What the next effort on an item gains (the priorities' sentence, in every rendering):
    ``提高 5% 可得 +3 分，达到 70–85% 分数段可得 +9 分``."""
    gain = f"提高 {step}% 可得 +{format_points(p.step_gain)} 分"
    if p.next_band is not None and p.band_gain is not None:
        gain += f"，达到 {p.next_band.range_label}% 分数段可得 +{format_points(p.band_gain)} 分"
    return gain


def summary_sentence(result: Result) -> str:
    """The result in one sentence: what the page announces after each change and prints."""
    kinds = "，".join(
        f"{KIND_LABELS[kind]}条款 {format_points(result.kind_points(kind))} / "
        f"{result.kind_max(kind)}"
        for kind in KINDS
    )
    return (
        f"总分 {format_points(result.total)} / {result.scheme.total}（{kinds}），"
        f"已评分 {result.scored_items} / {len(result.items)} 项"
    )


def to_text(
    result: Result, assessment: Assessment | None = None, top: int = PRIORITIES_SHOWN
) -> str:
    """A table of every item with its subtotals, the total and the first improvement priorities."""
    scheme = result.scheme
    lines: list[str] = []
    if assessment is not None and assessment.title:
        lines += [printable(assessment.title), ""]  # it reaches a terminal: no raw controls
    widths = (7, 24, 6, 8, 9, 8)
    lines.append(_row(("条款", "名称", MAX_LABEL, "百分比", "分数段", POINTS_LABEL), widths))
    lines.append("-" * sum(widths))
    for category in result.categories:
        for r in (r for r in result.items if r.item.category_id == category.category.id):
            percent = f"{r.percent}%" if r.percent is not None else NOT_SCORED
            band = r.band.range_label if r.band else ""
            cells = (
                r.item.id,
                r.item.name,
                str(r.item.points),
                percent,
                band,
                format_points(r.points),
            )
            lines.append(_row(cells, widths))
        subtotal = f"{format_points(category.points)} / {category.max}"
        label = f"{category.category.id} {category.category.name} 小计"
        lines.append(_row(("", label, subtotal), (widths[0], sum(widths[1:5]), widths[5])))
        lines.append("")
    for kind in KINDS:
        points = result.kind_points(kind)
        lines.append(
            f"{KIND_LABELS[kind]}条款合计：{format_points(points)} / {result.kind_max(kind)}"
        )
    lines.append(f"{TOTAL_LABEL}：{format_points(result.total)} / {scheme.total}")
    lines.append(f"已评分条款：{result.scored_items} / {len(result.items)}")
    ranked = priorities(result)[:top]
    if ranked:
        lines += ["", "改进优先（下一步投入的得分潜力）："]
        for n, p in enumerate(ranked, 1):
            gain = gain_sentence(p, scheme.step)
            lines.append(f"{n}. {p.item.id} {p.item.name}（当前 {p.percent}%）：{gain}")
    return "\n".join(lines) + "\n"


def scheme_text(scheme: Scheme) -> str:
    """The scheme for people (``scheme`` command): each category with its points and its model,
    each item with its points (table A.1), and the total."""
    lines = [f"{scheme.title}（{scheme.source}）", ""]
    for category in scheme.categories:
        model = scheme.guidelines[category.kind].model
        lines.append(f"{category.id} {category.name}（{category.points}分，{model}）")
        lines += [f"  {item.id} {item.name} {item.points}" for item in category.items]
    lines.append(f"合计 {scheme.total}")
    return "\n".join(lines) + "\n"


def csv_text(rows: Iterable[Sequence[object]]) -> str:
    """CSV that Excel opens with Chinese intact: UTF-8 with BOM, CRLF line ends."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return CSV_BOM + out.getvalue()


def to_csv(result: Result) -> str:
    rows: list[list[object]] = []
    rows.append(["编号", "名称", "类型", "分值", "百分比", "分数段", "得分"])
    for category in result.categories:
        kind = KIND_LABELS[category.category.kind]
        rows.extend(
            [
                r.item.id,
                r.item.name,
                kind,
                r.item.points,
                r.percent if r.percent is not None else "",
                r.band.range_label if r.band else "",
                format_points(r.points),
            ]
            for r in result.items
            if r.item.category_id == category.category.id
        )
        rows.append(
            [
                category.category.id,
                f"{category.category.name}（小计）",
                kind,
                category.max,
                format_points(category.percent),
                "",
                format_points(category.points),
            ]
        )
    for kind in KINDS:
        points = result.kind_points(kind)
        maximum = result.kind_max(kind)
        rows.append(
            [
                "",
                f"{KIND_LABELS[kind]}条款合计",
                "",
                maximum,
                format_points(percent_of(points, maximum)),
                "",
                format_points(points),
            ]
        )
    rows.append(
        [
            "",
            "总分",
            "",
            result.scheme.total,
            format_points(percent_of(result.total, result.scheme.total)),
            "",
            format_points(result.total),
        ]
    )
    return csv_text(rows)


def _width(text: str) -> int:
    """Display width in a terminal: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def distinct(labels: Sequence[str]) -> list[str]:
    """Labels that can be told apart in a column or a line: one given more than once is numbered
    (评审组（1）, 评审组（2）), skipping a number whose label is taken, so that no two come out
    alike (a, a, a（1） → a（2）, a（3）, a（1））."""
    counts = Counter(labels)
    taken = {label for label, count in counts.items() if count == 1}
    last: dict[str, int] = {}
    shown = []
    for label in labels:
        if counts[label] == 1:
            shown.append(label)
            continue
        n = last.get(label, 0) + 1
        while f"{label}（{n}）" in taken:
            n += 1
        last[label] = n
        taken.add(f"{label}（{n}）")
        shown.append(f"{label}（{n}）")
    return shown


def text_table(rows: list[list[str]]) -> list[str]:
    """Rows as lines of aligned columns for a terminal (CJK characters count two columns)."""
    widths = tuple(max(_width(row[n]) for row in rows) + 2 for n in range(len(rows[0])))
    return [_row(tuple(row), widths) for row in rows]


def _row(cells: tuple[str, ...], widths: tuple[int, ...]) -> str:
    return "".join(
        cell + " " * max(width - _width(cell), 1) for cell, width in zip(cells, widths, strict=True)
    ).rstrip()
