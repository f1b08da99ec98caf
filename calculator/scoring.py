"""Exact scoring of an assessment against a scheme (appendix A, table A.1; appendix C).

Every score is a ``Decimal`` built from integers: an item's points are points × percent / 100 with
integer points and percents, so results are exact multiples of 0.05 and no float ever enters.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from calculator.assessment import Assessment
from calculator.scheme import PERCENT_MAX, Band, Category, Item, Kind, Scheme, load_scheme

HUNDREDTH = Decimal("0.01")


def item_points(points: int, percent: int) -> Decimal:
    """Item points = points × percent / 100 (C.1, C.2: a score is a percent of the points)."""
    return Decimal(points * percent) / PERCENT_MAX


def percent_of(points: Decimal, maximum: int) -> Decimal:
    """Points as a percent of a maximum, rounded half up to 0.01 (for display and charts only)."""
    if maximum == 0:
        return Decimal(0)
    return (points * PERCENT_MAX / maximum).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ItemResult:
    item: Item
    percent: int | None  # None: not scored yet, counts as 0 points
    points: Decimal
    band: Band | None


@dataclass(frozen=True)
class CategoryResult:
    category: Category
    points: Decimal
    scored_items: int

    @property
    def max(self) -> int:
        return self.category.points

    @property
    def percent(self) -> Decimal:
        return percent_of(self.points, self.max)


@dataclass(frozen=True)
class Priority:
    """What the next effort on one item would gain: one 5 % step, or reaching the next band."""

    item: Item
    percent: int  # current percent (0 when not scored yet)
    step_gain: Decimal
    next_band: Band | None
    band_gain: Decimal | None

    @property
    def best_gain(self) -> Decimal:
        return self.band_gain if self.band_gain is not None else self.step_gain


@dataclass(frozen=True)
class Result:
    scheme: Scheme
    items: tuple[ItemResult, ...]
    categories: tuple[CategoryResult, ...]

    @property
    def total(self) -> Decimal:
        return sum((c.points for c in self.categories), Decimal(0))

    def kind_points(self, kind: Kind) -> Decimal:
        return sum((c.points for c in self.categories if c.category.kind == kind), Decimal(0))

    def kind_max(self, kind: Kind) -> int:
        return sum(c.max for c in self.categories if c.category.kind == kind)

    @property
    def process(self) -> Decimal:
        return self.kind_points("process")

    @property
    def results(self) -> Decimal:
        return self.kind_points("results")

    @property
    def scored_items(self) -> int:
        return sum(1 for r in self.items if r.percent is not None)

    def item(self, item_id: str) -> ItemResult:
        for result in self.items:
            if result.item.id == item_id:
                return result
        raise KeyError(item_id)


def score(assessment: Assessment, scheme: Scheme | None = None) -> Result:
    """Score every item, sum items into categories (4.1 … 4.7), categories into the total."""
    scheme = scheme or load_scheme()
    items = []
    for item in scheme.items:
        percent = assessment.scores.get(item.id)
        if percent is None:
            items.append(ItemResult(item, None, Decimal(0), None))
        else:
            band = scheme.guideline_for(item).band_of(percent)
            items.append(ItemResult(item, percent, item_points(item.points, percent), band))
    categories = tuple(
        CategoryResult(
            category,
            sum((r.points for r in items if r.item.category_id == category.id), Decimal(0)),
            sum(1 for r in items if r.item.category_id == category.id and r.percent is not None),
        )
        for category in scheme.categories
    )
    return Result(scheme, tuple(items), categories)


def priorities(result: Result) -> list[Priority]:
    """Items ranked by what the next effort gains, largest first.

    ``band_gain`` is the gain of reaching the lowest percent of the next band (a new level of
    maturity in C.1/C.2); ``step_gain`` that of one 5 % step. Items are ranked by the band gain
    (the step gain in the top band), then the step gain, then the order of table A.1. Items at
    100 % have nothing to gain and are left out.
    """
    scheme = result.scheme
    ranked = []
    for order, r in enumerate(result.items):
        percent = r.percent or 0
        if percent >= PERCENT_MAX:
            continue
        guideline = scheme.guideline_for(r.item)
        index = guideline.band_index(percent)
        next_band = guideline.bands[index + 1] if index + 1 < len(guideline.bands) else None
        band_gain = (
            item_points(r.item.points, next_band.min - percent) if next_band is not None else None
        )
        step_gain = item_points(r.item.points, scheme.step)
        ranked.append((order, Priority(r.item, percent, step_gain, next_band, band_gain)))
    ranked.sort(key=lambda op: (-op[1].best_gain, -op[1].step_gain, op[0]))
    return [p for _, p in ranked]
