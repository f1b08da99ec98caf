"""Fuzzing the two doors hostile input comes through: ``assessment.loads`` (CLI, imported files,
links) and ``service.handle`` (every request of the calculator page).

Thousands of generated texts — wrong types, huge numbers, NaN, deep nesting, long strings,
invalid UTF-8, byte-order marks, duplicate keys, lone surrogates, roots that are not objects —
and for each one: either a clear error (one line, in Chinese, no raw control characters) or a
document, and then an oracle written here from the format's rules and the scheme's JSON file,
not from the calculator, decides whether it should have been accepted and what it scores.
The runs are derandomised so that CI is repeatable; ``--hypothesis-seed`` explores further.
"""

from __future__ import annotations

import json
import math
import re
from datetime import timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from calculator import assessment, output, service
from calculator.assessment import AssessmentError
from calculator.scoring import score

SCHEME_FILE = Path(__file__).parents[1] / "calculator" / "data" / "liaoning-government.json"
SCHEME_DATA = json.loads(SCHEME_FILE.read_text("utf-8"))
POINTS = {
    item["id"]: item["points"]
    for category in SCHEME_DATA["categories"]
    for item in category["items"]
}
# what format 2 may name, read from the scheme's file: each item's factors (by its kind's table)
# and clause points, each profile section's points
FACTORS = {
    item["id"]: [f["key"] for f in SCHEME_DATA["guidelines"][category["kind"]]["factors"]]
    for category in SCHEME_DATA["categories"]
    for item in category["items"]
}
CLAUSE_POINTS = {
    item["id"]: [p["id"] for p in item["clause_points"]]
    for category in SCHEME_DATA["categories"]
    for item in category["items"]
}
PROFILE = {s["id"]: [p["id"] for p in s["points"]] for s in SCHEME_DATA["profile"]}
PROFILE_REFS = [*PROFILE, *(f"{s}.{p}" for s, points in PROFILE.items() for p in points)]
FUZZ = settings(
    max_examples=1500,
    derandomize=True,
    # per example: a loose bound for a busy machine, far below what the quadratic checks took
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- the generator ------------------------------------------------------------------------

ids = st.sampled_from([*POINTS, "4.1", "4.1.1", "4.8.1", "", "4.1.2 "])
hostile_strings = st.text(max_size=30) | st.sampled_from(
    ["\x1b[2J", "\u202e", "\x00", "a\ud800b", "\udfff", "中" * 2000, "\x07\x9b", "=cmd|' /c'!A1"]
)
numbers = (
    st.sampled_from([0, 5, 55, 100, 57, 105, -5, 1.0, 55.0, 1e308, 10**30])
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
)
scalars = st.none() | st.booleans() | numbers | hostile_strings
anything = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(hostile_strings, inner, max_size=4),
    max_leaves=10,
)
percents = st.sampled_from(range(0, 101, 5)) | anything
notes = st.dictionaries(
    ids,
    st.dictionaries(st.sampled_from(["strengths", "opportunities", "weakness"]), anything)
    | anything,
    max_size=3,
)
# format 2's parts, right and wrong
section_ids = st.sampled_from([*PROFILE, "B.1", "B.3.1", "b.1.1"])
point_ids = st.sampled_from(["a", "b", "e", "f", "1", "2", "g", "A"])
profile = st.dictionaries(
    section_ids,
    hostile_strings | st.dictionaries(point_ids, hostile_strings | anything),
    max_size=3,
)
key_factor_ids = st.sampled_from(["KF1", "KF2", "", "关键因素"]) | anything
key_factors = st.lists(
    st.fixed_dictionaries(
        {},
        optional={
            "id": key_factor_ids,
            "text": hostile_strings | anything,
            "profile": st.sampled_from([*PROFILE_REFS, "B.2.1.a", "B.9"])
            | st.lists(st.sampled_from(PROFILE_REFS), max_size=1)  # once a TypeError (unhashable)
            | anything,
            "items": st.lists(ids, max_size=3) | anything,
            "kept": anything,
        },
    )
    | anything,
    max_size=3,
)
comment = st.fixed_dictionaries(
    {},
    optional={
        "kind": st.sampled_from(["strength", "opportunity", "weakness"]) | anything,
        "text": hostile_strings | anything,
        "major": st.booleans() | anything,
        "factor": st.sampled_from(["A", "D", "L", "I", "Le", "T", "C", "X"]) | anything,
        "point": point_ids | anything,
        "evidence": hostile_strings | anything,
        "key_factors": st.lists(key_factor_ids, max_size=3) | anything,
        "kept": anything,
    },
)
comments = st.dictionaries(ids, st.lists(comment | anything, max_size=3) | anything, max_size=3)

documents = st.fixed_dictionaries(
    {},
    optional={
        "format": st.just("excellence-assessment") | anything,
        "version": st.sampled_from([1, 2, 1.0, True, "1", 2.0, 3]) | anything,
        "title": st.none() | hostile_strings | anything,
        "scores": st.dictionaries(ids, percents, max_size=8) | anything,
        "notes": notes | anything,
        "profile": profile | anything,
        "key_factors": key_factors | anything,
        "comments": comments | anything,
        "extra": anything,
    },
)


@st.composite
def valid_scorebook(draw: st.DrawFn) -> dict[str, Any]:
    """Format 2's parts, all valid: the profile, key factors and the comments that name them."""
    sections = draw(st.lists(st.sampled_from(list(PROFILE)), unique=True))
    factor_ids = draw(st.lists(st.sampled_from(["KF1", "KF2", "因素3"]), unique=True))
    item_ids = st.sampled_from(list(POINTS))
    comment_lists = {}
    for item in draw(st.lists(item_ids, unique=True, max_size=3)):
        comment_lists[item] = [
            {
                "kind": draw(st.sampled_from(["strength", "opportunity"])),
                "text": draw(hostile_strings),
                "major": draw(st.booleans()),
                "factor": draw(st.sampled_from(FACTORS[item])),
                "point": draw(st.sampled_from(CLAUSE_POINTS[item])),
                "evidence": draw(hostile_strings),
                "key_factors": draw(st.lists(st.sampled_from(factor_ids), unique=True))
                if factor_ids
                else [],
            }
            for _ in range(draw(st.integers(0, 2)))
        ]
    return {
        "profile": {
            s: {p: draw(hostile_strings) for p in PROFILE[s]}
            if PROFILE[s]
            else draw(hostile_strings)
            for s in sections
        },
        "key_factors": [
            {
                "id": factor,
                "text": draw(hostile_strings),
                "profile": draw(st.sampled_from(PROFILE_REFS)),
                "items": draw(st.lists(item_ids, unique=True, max_size=3)),
            }
            for factor in factor_ids
        ],
        "comments": comment_lists,
    }


valid_documents = st.builds(
    lambda fields, scorebook: {**fields, **scorebook},
    st.fixed_dictionaries(
        {
            "format": st.just("excellence-assessment"),
            "version": st.sampled_from([1, 2]),
            "scores": st.dictionaries(
                st.sampled_from(list(POINTS)), st.sampled_from(range(0, 101, 5))
            ),
        },
        optional={
            "title": st.none() | hostile_strings,
            "notes": st.dictionaries(
                st.sampled_from(list(POINTS)),
                st.dictionaries(st.sampled_from(["strengths", "opportunities"]), hostile_strings),
            ),
            "kept": anything,
        },
    ),
    st.just({}) | valid_scorebook(),
)


def _escaped_quotes(draw: st.DrawFn, text: str) -> str:
    """An unterminated string of escaped quotes: it once took quadratic time to check."""
    quotes = draw(st.sampled_from([1, 2_000, 50_000]))
    return text[: draw(st.integers(0, len(text)))] + '"' + '\\"' * quotes


def _wide(draw: st.DrawFn, text: str) -> str:
    """A long list deep under long keys: checking it once named every element's path."""
    width = draw(st.sampled_from([10, 50_000]))  # indented, past MAX_BYTES
    keys = "".join('{"' + "键" * 40 + f'{n}": ' for n in range(60))
    # values that are problems (each to be named) or that grow when written back
    element = draw(st.sampled_from(["0", '"x"', "[]", '"\\ud800"', "NaN", "Infinity", "1e15"]))
    elements = ",".join([element] * width)
    return text.replace("{", "{" + '"x": ' + keys + "[" + elements + "]" + "}" * 60 + ", ", 1)


# shapes whose checks once took time or memory far beyond their size (now bounded by FUZZ's
# deadline on every example)
SLOW_SHAPES = {"escaped quotes": _escaped_quotes, "wide": _wide}


@st.composite
def texts(draw: st.DrawFn) -> str | bytes:
    """A document, then damage done to its text or bytes."""
    value = draw(valid_documents | documents | anything)
    text = json.dumps(value, ensure_ascii=draw(st.booleans()))  # NaN and Infinity as JS writes
    damage = draw(
        st.sampled_from(
            [
                "none",
                "duplicate",
                "huge",
                "deep",
                "bom",
                "bytes",
                "truncate",
                "long",
                "surrogate",
                *SLOW_SHAPES,
            ]
        )
    )
    if damage == "duplicate" and text.startswith("{") and len(text) > 2:
        key = draw(st.sampled_from(['"scores"', '"version"', '"title"', '"x"']))
        text = "{" + key + ": " + draw(st.sampled_from(["{}", "1", '"t"'])) + ", " + text[1:]
    elif damage == "huge":
        digits = draw(st.sampled_from([300, 4300, 4301, 20_000]))
        text = text.replace("1", "1" * digits, 1) if "1" in text else "9" * digits
    elif damage == "deep":
        depth = draw(st.sampled_from([63, 64, 65, 1000, 100_000]))
        text = '{"scores": {}, "x": ' + "[" * depth + "]" * depth + "}"
    elif damage == "bom":
        return (
            "\ufeff" + text
            if draw(st.booleans())
            else b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass")
        )
    elif damage == "bytes":
        raw = bytearray(text.encode("utf-8", "surrogatepass"))
        raw.insert(draw(st.integers(0, len(raw))), draw(st.sampled_from([0xFF, 0xC0, 0x80, 0xED])))
        return bytes(raw)
    elif damage == "truncate":
        text = text[: draw(st.integers(0, len(text)))]
    elif damage == "long":
        text = text.replace('"', '"' + "长" * draw(st.sampled_from([10_000, 2_000_000])), 1)
    elif damage == "surrogate":
        text = text.replace('"', '"\\ud83d', 1)
    elif damage in SLOW_SHAPES:
        text = SLOW_SHAPES[damage](draw, text)
    return text


# --- the oracle ----------------------------------------------------------------------------

CJK = re.compile("[\u4e00-\u9fff]")
RAW_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


class InvalidError(Exception):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    if len({key for key, _ in pairs}) < len(pairs):
        raise InvalidError
    return dict(pairs)


def _refuse(_: str) -> None:
    raise InvalidError


def expected_scores(text: str | bytes) -> dict[str, int] | None:
    """The format-1 rules applied from scratch: the scores if ``text`` is a valid document."""
    if len(text.encode("utf-8", "replace") if isinstance(text, str) else text) > 5 * 2**20:
        return None
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        data = json.loads(
            text.removeprefix("\ufeff"), object_pairs_hook=_pairs, parse_constant=_refuse
        )
    except (InvalidError, ValueError, RecursionError):
        return None
    return expected_from_data(data)


def well_formed(data: object) -> bool:
    """Finite numbers, no lone surrogates, containers at most 64 deep."""
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            return False
        if isinstance(value, str) and any(0xD800 <= ord(c) <= 0xDFFF for c in value):
            return False
        if isinstance(value, dict | list):
            if level > 64:
                return False
            children = [*value, *value.values()] if isinstance(value, dict) else value
            stack += [(child, level + 1) for child in children]
    return True


def expected_from_data(data: object) -> dict[str, int] | None:
    valid = (
        isinstance(data, dict)
        and well_formed(data)
        and data.get("format") == "excellence-assessment"
        and type(data.get("version")) is int
        and data["version"] in (1, 2)
        and (data.get("title") is None or isinstance(data["title"], str))
        and valid_scores(data.get("scores"))
        and valid_notes(data.get("notes", {}))
        and valid_profile(data.get("profile", {}))
        and valid_key_factors(data.get("key_factors", []))
        and valid_comments(data.get("comments", {}), data.get("key_factors", []))
    )
    return data["scores"] if valid else None  # type: ignore[index]


def valid_scores(scores: object) -> bool:
    return isinstance(scores, dict) and all(
        item in POINTS and type(percent) is int and percent in range(0, 101, 5)
        for item, percent in scores.items()
    )


def valid_notes(notes: object) -> bool:
    return isinstance(notes, dict) and all(
        item in POINTS
        and isinstance(note, dict)
        and all(
            key in ("strengths", "opportunities") and isinstance(value, str)
            for key, value in note.items()
        )
        for item, note in notes.items()
    )


def valid_profile(profile: object) -> bool:
    return isinstance(profile, dict) and all(
        section in PROFILE
        and (
            isinstance(value, dict)
            and all(p in PROFILE[section] and isinstance(t, str) for p, t in value.items())
            if PROFILE[section]
            else isinstance(value, str)
        )
        for section, value in profile.items()
    )


def unique_ids(values: object, known: list[str] | set[str]) -> bool:
    return (
        isinstance(values, list)
        and all(isinstance(v, str) and v in known for v in values)
        and len(set(values)) == len(values)
    )


def valid_key_factors(factors: object) -> bool:
    if not isinstance(factors, list) or not all(isinstance(f, dict) for f in factors):
        return False
    ids = [f.get("id") for f in factors]
    return len(set(map(str, ids))) == len(ids) and all(
        isinstance(f.get("id"), str)
        and f["id"]
        and isinstance(f.get("text"), str)
        and f.get("profile") in [None, *PROFILE_REFS]
        and unique_ids(f.get("items", []), list(POINTS))
        for f in factors
    )


def valid_comments(comments: object, factors: list[dict[str, Any]]) -> bool:
    factor_ids = {f["id"] for f in factors}
    return isinstance(comments, dict) and all(
        item in POINTS
        and isinstance(entries, list)
        and all(
            isinstance(c, dict)
            and c.get("kind") in ("strength", "opportunity")
            and isinstance(c.get("text"), str)
            and type(c.get("major", False)) is bool
            and c.get("factor") in [None, *FACTORS[item]]
            and c.get("point") in [None, *CLAUSE_POINTS[item]]
            and isinstance(c.get("evidence", ""), str)
            and unique_ids(c.get("key_factors", []), factor_ids)
            for c in entries
        )
        for item, entries in comments.items()
    )


def expected_total(scores: dict[str, int]) -> Fraction:
    return sum(
        (Fraction(POINTS[item] * percent, 100) for item, percent in scores.items()), Fraction()
    )


def assert_clear(message: str) -> None:
    assert message
    assert "\n" not in message
    assert CJK.search(message), message
    assert not RAW_CONTROL.search(message), ascii(message)
    assert len(message) < 3000, len(message)


# --- the properties -----------------------------------------------------------------------


@FUZZ
@given(texts())
def test_loads_gives_a_clear_error_or_the_right_document(text: str | bytes) -> None:
    expected = expected_scores(text)
    event("refused" if expected is None else "accepted")
    if expected is None:
        with pytest.raises(AssessmentError) as caught:
            assessment.loads(text)
        assert caught.value.problems
        assert_clear(str(caught.value))
        return
    document = assessment.loads(text)
    assert document.scores == expected
    assert Fraction(score(document).total) == expected_total(expected)
    assert assessment.loads(assessment.dumps(document)) == document


@FUZZ
@given(texts())
def test_the_page_s_requests_always_get_a_strict_reply(text: str | bytes) -> None:
    if isinstance(text, bytes):  # the page decodes files itself and sends text
        text = text.decode("utf-8", "replace")
    expected = expected_scores(text)
    event("refused" if expected is None else "accepted")
    parsed = _strict(service.handle(json.dumps({"type": "parse", "payload": {"text": text}})))
    if not parsed["ok"]:
        assert_clear(parsed["error"]["message"])
        assert expected is None, parsed["error"]["message"]
        return
    assert expected is not None
    reply = _strict(
        service.handle(json.dumps({"type": "score", "payload": {"document": parsed["result"]}}))
    )
    assert reply["ok"], reply
    assert Fraction(str(reply["result"]["total"])) == expected_total(expected)


@FUZZ
@given(valid_documents | documents)
def test_score_requests_of_any_shape(document: dict[str, Any]) -> None:
    """What the page sends on every change, as data: never an exception, and exact totals."""
    request = json.dumps({"type": "score", "payload": {"document": document}})
    reply = _strict(service.handle(request))
    expected = expected_from_data(document)
    event("refused" if expected is None else "accepted")
    if not reply["ok"]:
        assert_clear(reply["error"]["message"])
        assert expected is None, reply["error"]["message"]
        return
    assert expected is not None
    assert Fraction(str(reply["result"]["total"])) == expected_total(expected)
    assert reply["result"]["total"] == output.json_number(
        score(assessment.from_data(document)).total
    )


def _strict(reply: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(reply, parse_constant=_refuse)
    return data
