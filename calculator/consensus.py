"""The consensus of several examiners: each scores the same department alone, then they agree.

Per item: every examiner's percent, the mean, the median, the lowest and the highest, and a flag
when the highest and the lowest lie more than ``flag_bands`` bands apart in table C.1/C.2 — a
convention of this tool (default: one band), not a rule of the standard. The consensus starts at
each item's median; with an even number of examiners the median (the mean of the two middle
percents) may fall between two steps and is rounded up to the next one. It is a normal
assessment, to be edited item by item, that carries every examiner's comments (each with the
examiner's name in a ``"sources"`` list: the team keeps, merges or rewrites them, and a merged
comment lists several), key factors (each with its ``"examiner"``, their ids told apart where two
examiners used one) and profile texts (one examiner's, or each under its examiner's name). Its
``consensus`` section records what the team started from: every examiner's name and percents,
every examiner's original comments (each with its ``"examiner"``) and, per item, the team's
rationale for its band (empty until written).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from calculator import assessment
from calculator.assessment import (
    Assessment,
    AssessmentError,
    Comment,
    ConsensusRecord,
    Examiner,
    KeyFactor,
    Problem,
    ProfileEntry,
)
from calculator.output import (
    COMMENT_KINDS,
    MARKS,
    csv_text,
    format_points,
    json_number,
    percent_text,
    text_table,
)
from calculator.safe_text import csv_cell, printable
from calculator.scheme import Item, Scheme, load_scheme
from calculator.scoring import HUNDREDTH

DEFAULT_FLAG_BANDS = 1
# A consensus is of several examiners (the CLI and the page alike refuse fewer)
MIN_EXAMINERS = 2
_NUMERALS = "零一两三四五六七八九十"
TOO_FEW_EXAMINERS = (
    f"合议至少需要{_NUMERALS[MIN_EXAMINERS]}位评审员的评价文件"
    if len(_NUMERALS) > MIN_EXAMINERS
    else f"合议至少需要 {MIN_EXAMINERS} 位评审员的评价文件"
)
FLAG_RULE = (
    "最高与最低百分比在表C.1/C.2中相隔超过 {flag_bands} 个分数段时标记"
    "（本工具的约定，不是标准的规定）"
)
MEDIAN_RULE = (
    "合议起点为各条款百分比的中位数；评审员人数为偶数时取中间两值的平均，"
    "不是 {step}% 的整数倍则向上取整"
)

# What the page shows of a consensus's record beside each item (record.mjs)
RECORD_WORDS = {
    "rationale": "合议理由",
    "rationale_hint": "一句话：为何合议取此分数段",
    "originals": "各评审员的原始评语（{n} 条）",
    "adopt": "加入合议评语",
}


@dataclass(frozen=True)
class ItemStatistics:
    """One item across the examiners; the statistics cover those who scored it."""

    item: Item
    percents: tuple[int | None, ...]  # per examiner, None: not scored
    mean: Decimal | None  # rounded half up to 0.01
    median: Fraction | None  # exact: 52.5 with two examiners at 50 and 55
    low: int | None
    high: int | None
    bands_apart: int | None  # between the bands of the lowest and the highest percent
    flagged: bool
    start: int | None  # the consensus's starting percent: the median, rounded up to a step


@dataclass(frozen=True)
class Consensus:
    examiners: tuple[str, ...]
    items: tuple[ItemStatistics, ...]
    flag_bands: int
    document: Assessment
    scheme: Scheme

    @property
    def flagged(self) -> tuple[ItemStatistics, ...]:
        return tuple(item for item in self.items if item.flagged)


def consensus(
    assessments: Sequence[tuple[str, Assessment]],
    scheme: Scheme | None = None,
    flag_bands: int = DEFAULT_FLAG_BANDS,
    title: str | None = None,
) -> Consensus:
    """The consensus of ``assessments``, each given with its examiner's name."""
    scheme = scheme or load_scheme()
    # the one check of both, for the CLI and the page (a request's values are any JSON)
    problems: list[Problem] = []
    if len(assessments) < MIN_EXAMINERS:
        problems.append(Problem("examiners", TOO_FEW_EXAMINERS))
    if type(flag_bands) is not int or flag_bands < 0:
        problems.append(Problem("flag_bands", f"应为非负整数（分数段数），实为 {flag_bands!r}"))
    if problems:
        raise AssessmentError(problems)
    names = tuple(name for name, _ in assessments)
    items = tuple(
        _statistics(item, [a for _, a in assessments], scheme, flag_bands) for item in scheme.items
    )
    key_factors, renamed = _key_factors(assessments)
    originals = _comments(assessments, renamed, scheme)
    document = Assessment(
        scores={s.item.id: s.start for s in items if s.start is not None},
        title=title if title is not None else f"{len(names)} 位评审员合议",
        profile=_profile(assessments, scheme),
        key_factors=key_factors,
        comments={
            item_id: tuple(_sourced(c) for c in entries) for item_id, entries in originals.items()
        },
        consensus=ConsensusRecord(
            examiners=tuple(Examiner(name, dict(a.scores)) for name, a in assessments),
            comments=originals,
        ),
    )
    return Consensus(names, items, flag_bands, document, scheme)


def _statistics(
    item: Item, assessments: list[Assessment], scheme: Scheme, flag_bands: int
) -> ItemStatistics:
    percents = tuple(a.scores.get(item.id) for a in assessments)
    scored = sorted(p for p in percents if p is not None)
    if not scored:
        return ItemStatistics(item, percents, None, None, None, None, None, False, None)  # noqa: FBT003
    middle = len(scored) // 2  # scored is sorted
    exact_median = (
        Fraction(scored[middle])
        if len(scored) % 2
        else Fraction(scored[middle - 1] + scored[middle], 2)
    )
    guideline = scheme.guideline_for(item)
    apart = guideline.band_index(scored[-1]) - guideline.band_index(scored[0])
    mean = (Decimal(sum(scored)) / len(scored)).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)
    start = math.ceil(exact_median / scheme.step) * scheme.step
    return ItemStatistics(
        item, percents, mean, exact_median, scored[0], scored[-1], apart, apart > flag_bands, start
    )


EXAMINER_KEY = "examiner"  # an original comment's (and a key factor's) examiner, in the consensus
SOURCES_KEY = "sources"  # the examiners a consensus's comment comes from


def _sourced(original: Comment) -> Comment:
    """The consensus's comment made from an original: its examiner as its one source."""
    extra = {k: v for k, v in original.extra.items() if k != EXAMINER_KEY}
    return replace(original, extra={**extra, SOURCES_KEY: [original.extra[EXAMINER_KEY]]})


def _key_factors(
    assessments: Sequence[tuple[str, Assessment]],
) -> tuple[tuple[KeyFactor, ...], list[dict[str, str]]]:
    """Every examiner's key factors, each with its examiner; an id two examiners used is told
    apart as ``KF1（张评审）`` (numbered further if even that is taken). Returns them and, per
    examiner, the ids renamed."""
    counts: dict[str, int] = {}
    for _, a in assessments:
        for k in a.key_factors:
            counts[k.id] = counts.get(k.id, 0) + 1
    taken = {key for key, n in counts.items() if n == 1}
    factors: list[KeyFactor] = []
    renamed: list[dict[str, str]] = []
    for name, a in assessments:
        mapping: dict[str, str] = {}
        for k in a.key_factors:
            new = k.id
            if counts[k.id] > 1:
                new = f"{k.id}（{name}）"
                n = 1
                while new in taken:
                    n += 1
                    new = f"{k.id}（{name}，{n}）"
                taken.add(new)
            mapping[k.id] = new
            factors.append(replace(k, id=new, extra={**k.extra, EXAMINER_KEY: name}))
        renamed.append(mapping)
    return tuple(factors), renamed


def _comments(
    assessments: Sequence[tuple[str, Assessment]],
    renamed: list[dict[str, str]],
    scheme: Scheme,
) -> dict[str, tuple[Comment, ...]]:
    """Every examiner's comments on each item, examiner after examiner, each with its name
    (``examiner``): the consensus's originals."""
    comments: dict[str, tuple[Comment, ...]] = {}
    for item in scheme.items:
        merged = tuple(
            replace(
                c,
                key_factors=tuple(mapping.get(k, k) for k in c.key_factors),
                extra={**c.extra, EXAMINER_KEY: name},
            )
            for (name, a), mapping in zip(assessments, renamed, strict=True)
            for c in a.comments.get(item.id, ())
        )
        if merged:
            comments[item.id] = merged
    return comments


def _profile(
    assessments: Sequence[tuple[str, Assessment]], scheme: Scheme
) -> dict[str, ProfileEntry]:
    """Each profile text the examiners wrote: as written where they wrote the same (or one alone
    wrote it), else one line per examiner, ``【张评审】…``."""

    def merged(texts: list[tuple[str, str]]) -> str | None:
        written = [(name, text) for name, text in texts if text.strip()]
        if not written:
            return None
        if len({text for _, text in written}) == 1:
            return written[0][1]
        return "\n".join(f"【{name}】{text}" for name, text in written)

    profile: dict[str, ProfileEntry] = {}
    for section in scheme.profile:
        entries = [(name, a.profile.get(section.id)) for name, a in assessments]
        if section.points:
            points = {}
            for point in section.points:
                text = merged([(n, e.get(point.id, "")) for n, e in entries if isinstance(e, dict)])
                if text is not None:
                    points[point.id] = text
            if points:
                profile[section.id] = points
        else:
            text = merged([(n, e) for n, e in entries if isinstance(e, str)])
            if text is not None:
                profile[section.id] = text
    return profile


def _number(value: Fraction | Decimal | None) -> int | float | None:
    if value is None:
        return None
    return json_number(
        Decimal(value.numerator) / value.denominator if isinstance(value, Fraction) else value
    )


def flag_choices(scheme: Scheme) -> list[int]:
    """The flag thresholds one may choose: 0 up to the most bands two percents can lie apart."""
    return list(range(max(len(g.bands) for g in scheme.guidelines.values())))


def _statistics_text(s: ItemStatistics) -> str | None:
    if s.median is None:
        return None
    flagged = "（⚠ 超过设定，建议讨论）" if s.flagged else ""
    return (
        f"中位数 {_figure(s.median)}，均值 {_figure(s.mean)}，最低 {_cell(s.low)}，"
        f"最高 {_cell(s.high)}，相隔 {s.bands_apart} 个分数段{flagged}；合议起点 {_cell(s.start)}"
    )


def originals(result: Consensus, item: Item) -> list[dict[str, Any]]:
    """Each examiner's original comments on ``item`` (``consensus --format json``)."""
    record = result.document.consensus
    return [
        {
            "examiner": c.extra[EXAMINER_KEY],
            "kind": c.kind,
            "major": c.major,
            "factor": c.factor,
            "point": c.point,
            "text": c.text,
            "evidence": c.evidence,
        }
        for c in (record.comments.get(item.id, ()) if record else ())
    ]


def record_display(document: Assessment, scheme: Scheme) -> dict[str, list[dict[str, Any]]]:
    """The originals of a consensus's record as the page lists them beside each item: examiner
    (made printable: a name may hold bidi controls), the kind and its label (``优势++``: the mark
    only for the most significant), the factor with its name (``A 方法``), the person's text as
    written, its place among the item's originals (``index``); blank ones left out."""
    record = document.consensus
    shown: dict[str, list[dict[str, Any]]] = {}
    for item in scheme.items:
        factors = {f.key: f.name for f in scheme.guideline_for(item).factors}
        entries = [
            {
                "examiner": printable(str(c.extra.get(EXAMINER_KEY, ""))),
                "kind": c.kind,
                "label": f"{COMMENT_KINDS[c.kind]}{MARKS[c.kind][1] if c.major else ''}",
                "factor": f"{c.factor} {factors[c.factor]}" if c.factor else None,
                "text": c.text,
                "index": n,
            }
            for n, c in enumerate(record.comments.get(item.id, ()) if record else ())
            if c.text.strip()
        ]
        if entries:
            shown[item.id] = entries
    return shown


def page_data(result: Consensus) -> dict[str, Any]:
    """The page's reply: the CLI's data and every sentence the page shows beside the form."""
    data = to_data(result)
    names = result.examiners
    flagged = data["flagged"]
    data["display"] = {
        "headline": f"{len(names)} 位评审员：{'、'.join(names)}。",
        "flagged": f"需要讨论的条款（{len(flagged)} 个）："
        if flagged
        else "没有评审员意见相差超过设定分数段的条款。",
        "rules": f"标记 ⚠：{data['rules']['flag']}。{data['rules']['median']}。",
        "imported": f"已导入 {len(names)} 位评审员的评价，"
        "合议评价从各条款的中位数开始，可逐条修改。",
    }
    for s in result.items:  # (the originals are shown from the record: record_display)
        data["items"][s.item.id]["display"] = {
            "percents": "评审员："
            + "｜".join(f"{n} {percent_text(p)}" for n, p in zip(names, s.percents, strict=True)),
            "statistics": _statistics_text(s),
        }
    return data


def to_data(result: Consensus) -> dict[str, Any]:
    """The CLI's ``consensus --format json`` object and the page's reply."""
    return {
        "examiners": len(result.examiners),
        "names": list(result.examiners),
        "flag_bands": result.flag_bands,
        "rules": {
            "flag": FLAG_RULE.format(flag_bands=result.flag_bands),
            "median": MEDIAN_RULE.format(step=result.scheme.step),
        },
        "items": {
            s.item.id: {
                "name": s.item.name,
                "percents": list(s.percents),
                "mean": _number(s.mean),
                "median": _number(s.median),
                "min": s.low,
                "max": s.high,
                "bands_apart": s.bands_apart,
                "flagged": s.flagged,
                "start": s.start,
                "comments": originals(result, s.item),
            }
            for s in result.items
        },
        "flagged": [s.item.id for s in result.flagged],
        "consensus": assessment.to_data(result.document, result.scheme),
    }


def _cell(value: int | None) -> str:
    return "—" if value is None else f"{value}%"


def _figure(value: Fraction | Decimal | None) -> str:
    number = _number(value)
    return "—" if number is None else f"{number}%"


def to_text(result: Consensus) -> str:
    names = [printable(name) for name in result.examiners]
    header = ["条款", *names, "均值", "中位数", "最低", "最高", "相隔段数", "合议起点"]
    rows = [header]
    for s in result.items:
        mark = "⚠ " if s.flagged else ""
        rows.append(
            [
                f"{mark}{s.item.id}",
                *map(_cell, s.percents),
                _figure(s.mean),
                _figure(s.median),
                _cell(s.low),
                _cell(s.high),
                "—" if s.bands_apart is None else str(s.bands_apart),
                _cell(s.start),
            ]
        )
    lines = text_table(rows)
    flagged = "、".join(s.item.id for s in result.flagged) or "无"
    lines += [
        "",
        f"评审员：{len(names)} 位（{'、'.join(names)}）",
        f"标记 ⚠ 的条款：{flagged}",
        "说明：" + FLAG_RULE.format(flag_bands=result.flag_bands) + "。",
        "说明：" + MEDIAN_RULE.format(step=result.scheme.step) + "。",
    ]
    return "\n".join(lines) + "\n"


def to_csv(result: Consensus) -> str:
    rows: list[list[object]] = []
    rows.append(
        [
            "编号",
            "名称",
            *map(csv_cell, result.examiners),
            "均值",
            "中位数",
            "最低",
            "最高",
            "相隔段数",
            "标记",
            "合议起点",
        ]
    )
    rows.extend(
        [
            s.item.id,
            s.item.name,
            *("" if p is None else p for p in s.percents),
            "" if s.mean is None else format_points(s.mean),
            "" if s.median is None else _number(s.median),
            "" if s.low is None else s.low,
            "" if s.high is None else s.high,
            "" if s.bands_apart is None else s.bands_apart,
            "是" if s.flagged else "",
            "" if s.start is None else s.start,
        ]
        for s in result.items
    )
    return csv_text(rows)


__all__ = [
    "MIN_EXAMINERS",
    "Consensus",
    "ItemStatistics",
    "consensus",
    "to_csv",
    "to_data",
    "to_text",
]
