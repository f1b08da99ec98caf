"""The scheme loads, adds up, and refuses every way a scheme can be broken."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from importlib import resources
from typing import Any

import pytest

from calculator.scheme import Scheme, SchemeError, available_schemes, parse_scheme


def test_shape_of_table_a1(scheme: Scheme) -> None:
    assert [c.id for c in scheme.categories] == ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7"]
    assert [c.points for c in scheme.categories] == [130, 90, 90, 100, 110, 80, 400]
    assert len(scheme.items) == 23
    assert scheme.total == 1000
    assert sum(i.points for i in scheme.items if i.kind == "process") == 600
    assert sum(i.points for i in scheme.items if i.kind == "results") == 400
    assert {i.kind for i in scheme.items if i.id.startswith("4.7.")} == {"results"}


def test_guidelines(scheme: Scheme) -> None:
    process, results = scheme.guidelines["process"], scheme.guidelines["results"]
    assert (process.table, process.model) == ("C.1", "A-D-L-I")
    assert (results.table, results.model) == ("C.2", "Le-T-C-I")
    for guideline in (process, results):
        assert [(b.min, b.max) for b in guideline.bands] == [
            (0, 5),
            (10, 25),
            (30, 45),
            (50, 65),
            (70, 85),
            (90, 100),
        ]
    assert [f.key for f in results.factors] == ["Le", "T", "C", "I"]


@pytest.mark.parametrize(
    ("percent", "band"),
    [
        (0, (0, 5)),
        (5, (0, 5)),
        (10, (10, 25)),
        (25, (10, 25)),
        (30, (30, 45)),
        (65, (50, 65)),
        (70, (70, 85)),
        (85, (70, 85)),
        (90, (90, 100)),
        (100, (90, 100)),
    ],
)
def test_band_of(scheme: Scheme, percent: int, band: tuple[int, int]) -> None:
    found = scheme.guidelines["process"].band_of(percent)
    assert (found.min, found.max) == band


def test_shipped_schemes_listed() -> None:
    assert "liaoning-government" in available_schemes()


def test_a_second_scheme_is_data_alone(mini_scheme: Scheme) -> None:
    assert mini_scheme.total == 100
    assert list(mini_scheme.percents()) == list(range(0, 101, 10))
    assert [i.id for i in mini_scheme.items] == ["1.1", "1.2", "2.1"]


def test_round_trip_through_to_dict(scheme: Scheme) -> None:
    assert parse_scheme(scheme.to_dict()) == scheme


def test_profile_and_item_points(scheme: Scheme, mini_scheme: Scheme) -> None:
    assert [s.id for s in scheme.profile] == ["B.1.1", "B.1.2", "B.2.1", "B.2.2", "B.2.3"]
    assert [len(s.points) for s in scheme.profile] == [5, 4, 0, 0, 0]
    assert scheme.profile_section("B.1.2").title == "政府部门的关系"
    assert [p.id for p in scheme.item("4.1.2").clause_points] == list("abcdef")
    assert [p.label for p in scheme.item("4.1.4").clause_points] == [
        "在公共责任方面",
        "在道德行为方面",
        "在公益支持方面",
    ]
    assert all(item.clause_points for item in scheme.items)
    data = scheme.to_dict()
    assert data["profile"][2] == {
        "id": "B.2.1",
        "title": "营商环境",
        "text": scheme.profile[2].text,
        "points": [],
    }
    assert data["categories"][0]["items"][0]["clause_points"][0] == {"id": "a", "label": "确定方向"}
    # both are optional in a scheme: the second one has neither
    assert mini_scheme.profile == ()
    assert all(item.clause_points == () for item in mini_scheme.items)


def _shipped() -> dict[str, Any]:
    text = (resources.files("calculator") / "data" / "liaoning-government.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        target: Any = data
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        target[int(last) if last.isdigit() else last] = value

    return mutate


def _drop(path: str) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        target: Any = data
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        del target[int(last) if last.isdigit() else last]

    return mutate


BROKEN = [
    # points that do not add up
    ("items of 4.1 add up to 131, not its 130", _set("categories/0/items/0/points", 61)),
    ("categories add up to 1001", _set("categories/0/points", 131)),
    ("categories add up to 1000, not the total 999", _set("total", 999)),
    # ids that are not unique
    ("duplicate ids: 4.1.2", _set("categories/0/items/1/id", "4.1.2")),
    # bands with a gap, an overlap, a wrong end, a missing descriptor
    ("starts at 15, expected 10", _set("guidelines/process/bands/1/min", 15)),
    ("starts at 30, expected 25", _set("guidelines/results/bands/1/max", 20)),
    ("bands end at 95, not 100", _set("guidelines/process/bands/5/max", 95)),
    ("not factors", _drop("guidelines/process/bands/0/descriptors/A")),
    ("no guideline for results items", _drop("guidelines/results")),
    # malformed values
    ("step 7 does not divide 100", _set("step", 7)),
    ("expected an integer", _set("categories/0/items/0/points", "60")),
    ("kind must be one of", _set("categories/0/kind", "other")),
    ("expected a non-empty string", _set("categories/0/items/0/name", "")),
    ("malformed scheme", _drop("categories/0/items")),
    # item points and the profile: ids unique, each section points or a text
    (
        "item 4.1.2 names a clause point twice",
        _set("categories/0/items/0/clause_points/1/id", "a"),
    ),
    ("expected a non-empty string", _set("categories/0/items/0/clause_points/0/label", "")),
    ("expected a list", _set("categories/0/items/0/clause_points", {"a": "确定方向"})),
    ("profile names a section twice: B.1.1, B.1.1", _set("profile/1/id", "B.1.1")),
    ("profile section B.1.1 names a point twice", _set("profile/0/points/1/id", "a")),
    ("profile section B.2.1 needs points or a text", _set("profile/2/text", "")),
    ("profile section B.1.1 needs points or a text", _set("profile/0/text", "又一段")),
    ("expected a string", _set("profile/2/text", 1)),
]


@pytest.mark.parametrize(("message", "mutate"), BROKEN, ids=[m for m, _ in BROKEN])
def test_broken_scheme_fails_loudly(message: str, mutate: Callable[[dict[str, Any]], None]) -> None:
    data = copy.deepcopy(_shipped())
    mutate(data)
    with pytest.raises(SchemeError, match=message):
        parse_scheme(data)
