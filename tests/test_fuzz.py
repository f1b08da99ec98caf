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
# format 2's records: key themes, the consensus's record, the site visit
theme = hostile_strings | st.fixed_dictionaries(
    {},
    optional={"text": hostile_strings | anything, "items": st.lists(ids, max_size=3) | anything},
)
key_themes = st.fixed_dictionaries(
    {},
    optional={
        kind: st.fixed_dictionaries(
            {},
            optional={
                "strengths": st.lists(theme | anything, max_size=3) | anything,
                "opportunities": st.lists(theme | anything, max_size=3) | anything,
                "kept": anything,
            },
        )
        | anything
        for kind in ("process", "results")
    },
)
names = st.sampled_from(["张评审", "李评审", ""]) | anything
original = st.builds(
    lambda c, name: {**c, **name},
    comment,
    st.fixed_dictionaries({}, optional={"examiner": names}),
)
consensus_record = st.fixed_dictionaries(
    {},
    optional={
        "examiners": st.lists(
            st.fixed_dictionaries(
                {},
                optional={"name": names, "scores": st.dictionaries(ids, percents) | anything},
            )
            | anything,
            max_size=3,
        )
        | anything,
        "comments": st.dictionaries(ids, st.lists(original | anything, max_size=3) | anything)
        | anything,
        "rationales": st.dictionaries(ids, hostile_strings | anything, max_size=3) | anything,
        "kept": anything,
    },
)
issue = st.fixed_dictionaries(
    {},
    optional={
        "item": ids | anything,
        "kind": st.sampled_from(["verify", "clarify", "check"]) | anything,
        "about": st.sampled_from(["strength", "opportunity", "x"]) | anything,
        "text": hostile_strings | anything,
        "ask": hostile_strings | anything,
        "whom": hostile_strings | anything,
        "finding": hostile_strings | anything,
    },
)
site_visit = st.fixed_dictionaries(
    {},
    optional={
        "before": st.fixed_dictionaries(
            {},
            optional={
                "scores": st.dictionaries(ids, percents, max_size=3) | anything,
                "comments": comments | anything,
            },
        )
        | anything,
        "issues": st.lists(issue | anything, max_size=3) | anything,
    },
)

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
        "key_themes": key_themes | anything,
        "consensus": consensus_record | anything,
        "site_visit": site_visit | anything,
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
        **(draw(valid_records(comment_lists)) if draw(st.booleans()) else {}),
    }


@st.composite
def valid_records(draw: st.DrawFn, comment_lists: dict[str, Any]) -> dict[str, Any]:
    """Key themes, the consensus's record and the site visit, all valid: the records' comments
    those of the scorebook, each original naming one of the examiners."""
    examiners = draw(st.lists(st.sampled_from(["张评审", "李评审", ""]), unique=True, min_size=1))
    item_ids = st.sampled_from(list(POINTS))
    return {
        "key_themes": {
            kind: {
                side: draw(
                    st.lists(
                        hostile_strings
                        | st.fixed_dictionaries(
                            {
                                "text": hostile_strings,
                                "items": st.lists(st.sampled_from(items), unique=True, max_size=2),
                            }
                        ),
                        max_size=2,
                    )
                )
                for side in ("strengths", "opportunities")
            }
            for kind, items in KIND_ITEMS.items()
        },
        "consensus": {
            "examiners": [
                {"name": name, "scores": draw(st.dictionaries(item_ids, st.sampled_from([0, 55])))}
                for name in examiners
            ],
            "comments": {
                item: [{**c, "examiner": draw(st.sampled_from(examiners))} for c in entries]
                for item, entries in comment_lists.items()
            },
            "rationales": draw(st.dictionaries(item_ids, hostile_strings, max_size=2)),
        },
        "site_visit": {
            "before": {"scores": {}, "comments": comment_lists},
            "issues": [
                {
                    "item": draw(item_ids),
                    "kind": draw(st.sampled_from(["verify", "clarify"])),
                    "about": draw(st.sampled_from(["strength", "opportunity"])),
                    "text": draw(hostile_strings),
                    "finding": draw(hostile_strings),
                }
                for _ in range(draw(st.integers(0, 2)))
            ],
        },
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
        and valid_key_themes(data.get("key_themes", {}))
        and valid_consensus(data.get("consensus", {}))
        and valid_site_visit(data.get("site_visit", {}))
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


def valid_comments(
    comments: object, factors: list[dict[str, Any]] | None, examiners: set[str] | None = None
) -> bool:
    """``factors`` None: any key factor id (a record's comments); ``examiners``: each comment
    names one of them."""
    factor_ids = {f["id"] for f in factors} if factors is not None else None
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
            and (
                unique_ids(c.get("key_factors", []), factor_ids)
                if factor_ids is not None
                else unique_strings(c.get("key_factors", []))
            )
            and (
                examiners is None
                or (isinstance(c.get("examiner"), str) and c["examiner"] in examiners)
            )
            for c in entries
        )
        for item, entries in comments.items()
    )


def unique_strings(values: object) -> bool:
    return (
        isinstance(values, list)
        and all(isinstance(v, str) for v in values)
        and len(set(values)) == len(values)
    )


KIND_ITEMS = {
    kind: [i["id"] for c in SCHEME_DATA["categories"] if c["kind"] == kind for i in c["items"]]
    for kind in ("process", "results")
}


def valid_key_themes(themes: object) -> bool:
    if not isinstance(themes, dict):
        return False
    for kind, items in KIND_ITEMS.items():
        group = themes.get(kind, {})
        if not isinstance(group, dict):
            return False
        for side in ("strengths", "opportunities"):
            entries = group.get(side, [])
            if not isinstance(entries, list) or not all(
                isinstance(t, str)
                or (
                    isinstance(t, dict)
                    and isinstance(t.get("text"), str)
                    and unique_ids(t.get("items", []), items)
                )
                for t in entries
            ):
                return False
    return True


def valid_consensus(record: object) -> bool:
    if not isinstance(record, dict):
        return False
    examiners = record.get("examiners", [])
    if not isinstance(examiners, list) or not all(
        isinstance(e, dict) and isinstance(e.get("name"), str) and valid_scores(e.get("scores", {}))
        for e in examiners
    ):
        return False
    names = [e["name"] for e in examiners]
    rationales = record.get("rationales", {})
    return (
        len(set(names)) == len(names)
        and valid_comments(record.get("comments", {}), None, set(names))
        and isinstance(rationales, dict)
        and all(item in POINTS and isinstance(text, str) for item, text in rationales.items())
    )


def valid_site_visit(visit: object) -> bool:
    if not isinstance(visit, dict):
        return False
    before = visit.get("before", {})
    issues = visit.get("issues", [])
    return (
        isinstance(before, dict)
        and valid_scores(before.get("scores", {}))
        and valid_comments(before.get("comments", {}), None)
        and isinstance(issues, list)
        and all(
            isinstance(i, dict)
            and isinstance(i.get("item"), str)
            and i["item"] in POINTS
            and i.get("kind") in ("verify", "clarify")
            and i.get("about") in (None, "strength", "opportunity")
            and isinstance(i.get("text"), str)
            and all(isinstance(i.get(key, ""), str) for key in ("ask", "whom", "finding"))
            for i in issues
        )
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
