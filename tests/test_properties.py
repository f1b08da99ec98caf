"""Properties that hold for every assessment, checked on generated ones (hypothesis)."""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from calculator import output
from calculator.assessment import Assessment, Comment, KeyFactor, dumps, loads
from calculator.scheme import load_scheme
from calculator.scoring import score

SCHEME = load_scheme()
ITEM_IDS = [item.id for item in SCHEME.items]
PERCENTS = st.sampled_from(list(SCHEME.percents()))

scores_strategy = st.dictionaries(st.sampled_from(ITEM_IDS), PERCENTS)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=6,
)
KNOWN = {"format", "version", "title", "scores", "notes", "profile", "key_factors", "comments"}


def _extra(known: set[str]) -> st.SearchStrategy[dict[str, object]]:
    return st.dictionaries(st.text().filter(lambda k: k not in known), json_values, max_size=2)


def _profile(draw: st.DrawFn) -> dict[str, dict[str, str] | str]:
    profile: dict[str, dict[str, str] | str] = {}
    for section in draw(st.lists(st.sampled_from(SCHEME.profile), unique=True)):
        if section.points:
            ids = draw(st.lists(st.sampled_from([p.id for p in section.points]), unique=True))
            profile[section.id] = {point: draw(st.text()) for point in ids}
        else:
            profile[section.id] = draw(st.text())
    return profile


@st.composite
def assessments(draw: st.DrawFn) -> Assessment:
    """Any valid assessment of format 2: the profile, key factors and comments included."""
    refs = [s.id for s in SCHEME.profile] + [
        f"{s.id}.{p.id}" for s in SCHEME.profile for p in s.points
    ]
    ids = draw(st.lists(st.text(min_size=1), unique=True, max_size=4))
    key_factors = tuple(
        KeyFactor(
            id=factor_id,
            text=draw(st.text()),
            profile=draw(st.none() | st.sampled_from(refs)),
            items=tuple(draw(st.lists(st.sampled_from(ITEM_IDS), unique=True, max_size=3))),
            extra=draw(_extra({"id", "text", "profile", "items"})),
        )
        for factor_id in ids
    )
    comments: dict[str, tuple[Comment, ...]] = {}
    for item_id in draw(st.lists(st.sampled_from(ITEM_IDS), unique=True, max_size=4)):
        item = SCHEME.item(item_id)
        factors = [f.key for f in SCHEME.guideline_for(item).factors]
        points = [p.id for p in item.clause_points]
        comments[item_id] = tuple(
            Comment(
                kind=draw(st.sampled_from(["strength", "opportunity"])),
                text=draw(st.text()),
                major=draw(st.booleans()),
                factor=draw(st.none() | st.sampled_from(factors)),
                point=draw(st.none() | st.sampled_from(points)),
                evidence=draw(st.text()),
                key_factors=tuple(draw(st.lists(st.sampled_from(ids), unique=True)) if ids else ()),
                extra=draw(
                    _extra({"kind", "major", "factor", "point", "text", "evidence", "key_factors"})
                ),
            )
            for _ in range(draw(st.integers(1, 3)))
        )
    return Assessment(
        scores=draw(scores_strategy),
        title=draw(st.none() | st.text()),
        profile=_profile(draw),
        key_factors=key_factors,
        comments=comments,
        extra=draw(_extra(KNOWN)),
    )


@given(scores_strategy)
def test_totals_are_sums_of_their_parts(scores: dict[str, int]) -> None:
    result = score(Assessment(scores=scores), SCHEME)
    for category in result.categories:
        items = [r.points for r in result.items if r.item.category_id == category.category.id]
        assert category.points == sum(items, Decimal(0))
    assert result.total == sum((c.points for c in result.categories), Decimal(0))
    assert result.total == result.process + result.results
    assert result.scored_items == len(scores)


@given(scores_strategy)
def test_bounds_and_exact_hundredths(scores: dict[str, int]) -> None:
    result = score(Assessment(scores=scores), SCHEME)
    assert Decimal(0) <= result.total <= Decimal(SCHEME.total)
    assert Decimal(0) <= result.process <= 600
    assert Decimal(0) <= result.results <= 400
    for r in result.items:
        assert (r.points * 20) == (r.points * 20).to_integral_value()  # a multiple of 0.05
        assert 0 <= r.points <= r.item.points


@given(scores_strategy, st.sampled_from(ITEM_IDS), st.integers(min_value=1, max_value=20))
def test_monotonic_in_every_item(scores: dict[str, int], item_id: str, steps: int) -> None:
    before = score(Assessment(scores=scores), SCHEME)
    raised = min(scores.get(item_id, 0) + steps * SCHEME.step, 100)
    after = score(Assessment(scores={**scores, item_id: raised}), SCHEME)
    assert after.total >= before.total
    if raised > scores.get(item_id, 0):
        assert after.total > before.total


@given(assessments())
def test_json_round_trip_is_identity(assessment: Assessment) -> None:
    assert loads(dumps(assessment, SCHEME), SCHEME) == assessment


@given(scores_strategy)
def test_json_numbers_are_exact(scores: dict[str, int]) -> None:
    result = score(Assessment(scores=scores), SCHEME)
    data = json.loads(json.dumps(output.to_data(result)))
    assert Decimal(str(data["total"])) == result.total
    for r in result.items:
        assert Decimal(str(data["items"][r.item.id]["points"])) == r.points
