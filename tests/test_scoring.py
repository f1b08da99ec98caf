"""Scores against the hand-checked golden vectors, bands, and improvement priorities."""

from __future__ import annotations

from decimal import Decimal

import pytest

from calculator.assessment import Assessment
from calculator.output import format_points
from calculator.scheme import Scheme, load_scheme
from calculator.scoring import item_points, priorities, score
from tests.vectors import Vector, scores, vectors


@pytest.mark.parametrize("case", vectors(), ids=lambda c: c.name)
def test_golden_vector(case: Vector) -> None:
    _, spec, total, process, results, scored, categories = case
    scheme = load_scheme()
    result = score(Assessment(scores=scores(spec, scheme)), scheme)
    assert result.total == Decimal(total)
    assert result.process == Decimal(process)
    assert result.results == Decimal(results)
    assert result.scored_items == int(scored)
    assert [c.points for c in result.categories] == [Decimal(v) for v in categories.split()]


def test_there_are_golden_vectors() -> None:
    assert len(vectors()) >= 15


@pytest.mark.parametrize(
    ("points", "percent", "expected"),
    [
        (60, 55, "33"),
        (15, 55, "8.25"),
        (15, 5, "0.75"),
        (50, 45, "22.5"),
        (80, 100, "80"),
        (10, 0, "0"),
    ],
)
def test_item_points_exact(points: int, percent: int, expected: str) -> None:
    assert format_points(item_points(points, percent)) == expected


def test_no_float_drift() -> None:
    # 0.1 + 0.2 style: 10 items of 0.05 must be exactly 0.5
    assert sum((item_points(1, 5) for _ in range(10)), Decimal(0)) == Decimal("0.5")
    assert format_points(Decimal("612.50")) == "612.5"
    assert format_points(Decimal(1000)) == "1000"


def test_band_and_not_scored(scheme: Scheme) -> None:
    result = score(Assessment(scores={"4.1.2": 25, "4.7.2": 90}), scheme)
    band = result.item("4.1.2").band
    assert band is not None
    assert (band.min, band.max) == (10, 25)
    assert "开始有系统的方法" in band.descriptors["A"]
    results_band = result.item("4.7.2").band
    assert results_band is not None
    assert "卓越的绩效水平" in results_band.descriptors["Le"]
    assert result.item("4.1.3").percent is None
    assert result.item("4.1.3").band is None


def test_category_percent(scheme: Scheme) -> None:
    result = score(Assessment(scores={"4.1.2": 55, "4.1.3": 40}), scheme)
    assert result.categories[0].percent == Decimal("34.62")  # 45 / 130


def test_priorities_rank_by_gain(scheme: Scheme) -> None:
    scores = {item.id: 100 for item in scheme.items}
    scores |= {"4.4.6": 10, "4.7.2": 85, "4.1.2": 65}
    ranked = priorities(score(Assessment(scores=scores), scheme))
    assert [p.item.id for p in ranked] == ["4.7.2", "4.1.2", "4.4.6"]
    first, second, third = ranked
    # 4.7.2 (80 points) at 85 %: the next band starts at 90 % → +4; one step → +4
    assert (first.band_gain, first.step_gain) == (Decimal(4), Decimal(4))
    # 4.1.2 (60 points) at 65 %: next band at 70 % → +3
    assert (second.band_gain, second.step_gain) == (Decimal(3), Decimal(3))
    # 4.4.6 (10 points) at 10 %: next band at 30 % → +2; one step → +0.5
    assert (third.band_gain, third.step_gain) == (Decimal(2), Decimal("0.5"))
    assert third.next_band is not None
    assert third.next_band.min == 30


def test_priorities_top_band_and_full(scheme: Scheme) -> None:
    scores = {item.id: 100 for item in scheme.items} | {"4.7.4": 95}
    ranked = priorities(score(Assessment(scores=scores), scheme))
    assert len(ranked) == 1
    assert ranked[0].next_band is None
    assert ranked[0].band_gain is None
    assert ranked[0].best_gain == Decimal(4)


def test_priorities_include_unscored_items(scheme: Scheme) -> None:
    ranked = priorities(score(Assessment(), scheme))
    assert len(ranked) == 23
    # from nothing, the next band (10 %) of an 80-point result item gains most
    assert ranked[0].item.id == "4.7.2"
    assert ranked[0].band_gain == Decimal(8)


def test_second_scheme_scores(mini_scheme: Scheme) -> None:
    result = score(Assessment(scores={"1.1": 40, "1.2": 50, "2.1": 100}), mini_scheme)
    assert result.total == Decimal("67.5")  # 25×40% + 35×50% + 40×100% = 10 + 17.5 + 40
    assert result.process == Decimal("27.5")
    band = result.item("1.2").band
    assert band is not None
    assert band.label == "high"
