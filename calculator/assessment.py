"""The assessment document, format version 2 (the scorebook): parse, validate, serialize.

    {"format": "excellence-assessment", "version": 2, "title": "…",
     "scores": {"4.1.2": 55},
     "profile": {"B.1.1": {"a": "…"}, "B.2.1": "…"},
     "key_factors": [{"id": "KF1", "text": "…", "profile": "B.1.2", "items": ["4.1.2"]}],
     "comments": {"4.1.2": [{"kind": "strength", "major": true, "factor": "A", "point": "a",
                             "text": "…", "evidence": "…", "key_factors": ["KF1"]}]}}

``scores`` maps item ids of table A.1 to integer percents 0–100 in steps of 5; a missing item is
not scored yet. Everything else is optional. ``profile`` holds the organizational profile
(appendix B: a section with points maps point id → text, one without is a text);
``key_factors`` the statements drawn from it, each tagged to items; ``comments`` per item the
strengths and opportunities for improvement, each with the factor (table C.1/C.2), the point of
the clause and the key factors it concerns. Version 1 files (``notes``: per item a strengths and
an opportunities text) are read too, forever: each non-blank note becomes a comment, after the
item's comments. Version 2 is what is written, and ``notes`` never. Unknown keys (top-level, in
a comment, in a key factor) are kept on round-trip. Every problem is reported in Chinese with the
field and the value that is wrong, because these messages reach the reader (CLI, calculator page)
as they are.
"""

from __future__ import annotations

import json
import math
import re
import sys
from array import array
from collections import Counter
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, Literal, TypeAlias, cast

from calculator.safe_text import lone_surrogate, printable
from calculator.scheme import KINDS, PERCENT_MAX, Item, Kind, Scheme, load_scheme

FORMAT = "excellence-assessment"
VERSION = 2  # what is written
VERSIONS = (1, 2)  # what is read
CommentKind = Literal["strength", "opportunity"]
COMMENT_KINDS: tuple[CommentKind, ...] = ("strength", "opportunity")
# the notes of format 1 and the kind of comment each becomes
NOTE_FIELDS = ("strengths", "opportunities")
NOTE_KINDS: dict[str, CommentKind] = {"strengths": "strength", "opportunities": "opportunity"}
# Deeper than any real document; well inside the recursion limit of CPython and of Pyodide,
# whose JSON encoder and decoder recurse once per level.
MAX_DEPTH = 64
TOO_DEEP = f"嵌套层数超过 {MAX_DEPTH} 层，不是评价文件"
# Far beyond any real assessment (23 scores and their notes): a larger text is refused unread.
MAX_BYTES = 5 * 2**20
TOO_LARGE = f"超过 {MAX_BYTES // 2**20} MB，不是评价文件"
# What was read must be written back readable, but a number's text can grow on the way (JSON
# has one spelling per float in Python): refused when read rather than written unreadable.
TOO_LARGE_WRITTEN = (
    f"写回后超过 {MAX_BYTES // 2**20} MB（数字写回时会变长，如 1e15 写作 1000000000000000.0），"
    "不是评价文件"
)
# A message names this many problems and counts the rest, so that it stays one readable line
# whatever a file holds.
PROBLEMS_SHOWN = 10
_KNOWN_KEYS = (
    "format",
    "version",
    "title",
    "scores",
    "notes",
    "profile",
    "key_factors",
    "comments",
    "key_themes",
    "consensus",
    "site_visit",
)
_COMMENT_KEYS = ("kind", "major", "factor", "point", "text", "evidence", "key_factors")
_KEY_FACTOR_KEYS = ("id", "text", "profile", "items")
_JSON_TYPES = {
    dict: "对象",
    list: "数组",
    str: "字符串",
    bool: "布尔值",
    int: "整数",
    float: "小数",
    type(None): "null",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document: where (``field``) and what (``message``)."""

    field: str
    message: str

    def __str__(self) -> str:
        text = f"{self.field}：{self.message}" if self.field else self.message
        return printable(text)


def summary(problems: list[Problem]) -> str:
    """The problems as one line: the first ``PROBLEMS_SHOWN`` of them, then how many more."""
    text = "；".join(str(p) for p in problems[:PROBLEMS_SHOWN])
    rest = len(problems) - PROBLEMS_SHOWN
    return f"{text}；……另有 {rest} 个问题" if rest > 0 else text


class AssessmentError(ValueError):
    """A document that is not a valid assessment; ``problems`` lists every finding."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(summary(problems))


@dataclass(frozen=True)
class Comment:
    """A strength or an opportunity for improvement (OFI) on an item; ``major`` marks one of the
    most significant (++ / −−); ``factor`` is a key of table C.1/C.2 (A, D, L, I or Le, T, C, I),
    ``point`` an id of the item's clause points, ``key_factors`` ids of the key factors."""

    kind: CommentKind
    text: str
    major: bool = False
    factor: str | None = None
    point: str | None = None
    evidence: str = ""
    key_factors: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class KeyFactor:
    """A key factor drawn from the profile: ``profile`` names the section (``B.1.2``) or the
    section's point (``B.1.2.a``) it comes from, ``items`` the items where it matters."""

    id: str
    text: str
    profile: str | None = None
    items: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


ThemeSide = Literal["strengths", "opportunities"]
THEME_SIDES: tuple[ThemeSide, ...] = ("strengths", "opportunities")
# the groups of key themes and the items each may name: process items (4.1–4.6), result items (4.7)
THEME_GROUPS: tuple[Kind, ...] = KINDS


@dataclass(frozen=True)
class KeyTheme:
    """A key theme of the feedback report and the items it comes from."""

    text: str
    items: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class KeyThemes:
    """The file's key themes: per group (``process``, ``results``) and side (``strengths``,
    ``opportunities``) a list; ``extra`` the unknown keys of ``key_themes``, ``group_extra``
    those of each group."""

    themes: dict[Kind, dict[ThemeSide, tuple[KeyTheme, ...]]]
    extra: dict[str, Any] = field(default_factory=dict)
    group_extra: dict[Kind, dict[str, Any]] = field(default_factory=dict)

    def any(self) -> bool:
        return any(entries for sides in self.themes.values() for entries in sides.values())


@dataclass(frozen=True)
class Examiner:
    """One examiner of a consensus: the name and the percents given alone."""

    name: str
    scores: dict[str, int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ConsensusRecord:
    """The record of a consensus: every examiner, every examiner's original comments (each
    naming its examiner in ``extra["examiner"]``), and the team's rationale per item."""

    examiners: tuple[Examiner, ...] = ()
    comments: dict[str, tuple[Comment, ...]] = field(default_factory=dict)
    rationales: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


IssueKind = Literal["verify", "clarify"]
ISSUE_KINDS: dict[IssueKind, str] = {"verify": "核实", "clarify": "澄清"}


@dataclass(frozen=True)
class Issue:
    """A site-visit issue: what to verify or clarify on ``item`` (about a strength or an
    opportunity), what to ask or look at, of whom, and what was found."""

    item: str
    kind: IssueKind
    text: str
    about: CommentKind | None = None
    ask: str = ""
    whom: str = ""
    finding: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class VisitBefore:
    """The consensus's scores and comments when the site visit was started."""

    scores: dict[str, int] = field(default_factory=dict)
    comments: dict[str, tuple[Comment, ...]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SiteVisit:
    before: VisitBefore | None = None
    issues: tuple[Issue, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


ProfileEntry: TypeAlias = "dict[str, str] | str"


@dataclass(frozen=True)
class Assessment:
    scores: dict[str, int] = field(default_factory=dict)
    title: str | None = None
    profile: dict[str, ProfileEntry] = field(default_factory=dict)
    key_factors: tuple[KeyFactor, ...] = ()
    comments: dict[str, tuple[Comment, ...]] = field(default_factory=dict)
    key_themes: KeyThemes | None = None
    consensus: ConsensusRecord | None = None
    site_visit: SiteVisit | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def loads(text: str | bytes, scheme: Scheme | None = None) -> Assessment:
    """Parse the text of an assessment file (UTF-8, a byte-order mark is tolerated)."""
    if len(text) > MAX_BYTES or (
        isinstance(text, str) and len(text.encode("utf-8", "replace")) > MAX_BYTES
    ):
        raise AssessmentError([Problem("", TOO_LARGE)])
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise AssessmentError(
                [Problem("", f"文件不是 UTF-8 编码的文本（第 {exc.start + 1} 个字节无法解码）")]
            ) from exc
    text = text.removeprefix("\ufeff")
    if nesting_depth(text) > MAX_DEPTH:
        raise AssessmentError([Problem("", TOO_DEEP)])
    try:
        data = json.loads(text, parse_constant=NonFinite, object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        where = f"第 {exc.lineno} 行第 {exc.colno} 列"
        raise AssessmentError([Problem("", f"不是有效的 JSON（{where}）")]) from exc
    except ValueError as exc:  # the one other failure: an integer Python will not convert
        digits = sys.get_int_max_str_digits()
        raise AssessmentError([Problem("", f"不是评价文件（有超过 {digits} 位数的整数）")]) from exc
    document = from_data(data, scheme)
    # ``dumps`` writes compact text when indented text is too large: that one must fit
    if len(_compact(to_data(document, scheme)).encode("utf-8")) > MAX_BYTES:
        raise AssessmentError([Problem("", TOO_LARGE_WRITTEN)])
    return document


class _Duplicated(dict[str, Any]):
    """A JSON object in which some key appears more than once. JSON parsers keep the last value
    silently; we refuse, because which value the author meant cannot be known."""

    def __init__(self, pairs: list[tuple[str, Any]], duplicates: list[str]) -> None:
        super().__init__(pairs)
        self.duplicates = duplicates


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) == len(pairs):
        return data
    counts = Counter(key for key, _ in pairs)
    return _Duplicated(pairs, [key for key, n in counts.items() if n > 1])


# A JSON string, its closing quote optional: an unterminated string runs to the end of the text in
# one match (with the quote required, each escaped quote in it started a new scan to the end: a
# text of them took quadratic time).
_STRING = re.compile(r'"(?:[^"\\]+|\\.)*"?', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEPS = str.maketrans({"[": "\x01", "{": "\x01", "]": "\xff", "}": "\xff"})  # +1, -1


def nesting_depth(text: str) -> int:
    """How deep a JSON text nests, counted before parsing: past some depth the parser exhausts
    the stack, which in Pyodide's WebAssembly is fatal rather than a RecursionError. Linear in
    the text's length whatever it holds, each pass in C (a loop in Python took seconds on 5 MB)."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    steps = array("b", brackets.translate(_STEPS).encode("latin-1"))
    return max(accumulate(steps, initial=0))


class NonFinite(str):
    """NaN, Infinity or -Infinity as read from a file: kept as a marker so that the message can
    name the field, then refused (strict JSON has no such numbers, and JavaScript cannot read
    them back)."""

    __slots__ = ()


# Where a value sits: its parent's place and its key or index; None for the document itself.
# Built for every container, spelled out as a field name only when a message shows it (naming
# every problem cost time and memory in proportion to depth × width: a wide list of bad values
# deep under long keys took minutes and gigabytes).
_Place: TypeAlias = "tuple[_Place, str | int] | None"


class _Found(Problem):
    """A problem found at a place, whose field is spelled out when first read: a message shows
    only the first ``PROBLEMS_SHOWN`` and counts the rest."""

    __slots__ = ("_place",)
    _place: _Place

    def __init__(self, place: _Place, message: str) -> None:
        self.__dict__["message"] = message  # frozen: set as the dataclass's own __init__ would
        object.__setattr__(self, "_place", place)

    @property
    def field(self) -> str:
        return _field(self._place)


def _structure_problems(data: object) -> list[Problem]:
    """Non-finite numbers, duplicate keys and lone surrogates (each with its field), in document
    order, and nesting past ``MAX_DEPTH``, found without recursion so that a hostile document
    cannot exhaust the stack."""
    problems: list[Problem] = _own_problems(None, data)
    if not isinstance(data, dict | list):
        return problems
    # one entry per open container: its children still to check, its depth, its place
    stack: list[tuple[Iterator[tuple[str | int, object]], int, _Place]] = [
        (_children(data), 0, None)
    ]
    while stack:
        children, depth, place = stack[-1]
        for key, child in children:
            kind = type(child)
            if kind in _FINE:  # most values of a large document: checked at no cost
                continue
            if kind is NonFinite:  # the commonest problem of a hostile document: made cheaply
                problems.append(_Found((place, key), _NON_FINITE[cast("str", child)]))
                continue
            problems += _own_problems((place, key), child)
            if isinstance(child, dict | list):
                if depth + 1 >= MAX_DEPTH:  # as ``nesting_depth`` counts
                    return [Problem("", TOO_DEEP)]
                stack.append((_children(child), depth + 1, (place, key)))
                break
        else:
            stack.pop()
    return problems


def _children(value: dict[str, Any] | list[Any]) -> Iterator[tuple[str | int, object]]:
    return iter(value.items()) if isinstance(value, dict) else enumerate(value)


_FINE = frozenset({int, bool, type(None)})
_NON_FINITE = {
    name: f"不允许 {name}（JSON 中没有此数值）" for name in ("NaN", "Infinity", "-Infinity")
}


def _own_problems(place: _Place, value: object) -> list[Problem]:
    """What is wrong with a value itself, its children apart."""
    if isinstance(value, NonFinite) or (isinstance(value, float) and not math.isfinite(value)):
        return [_Found(place, f"不允许 {value}（JSON 中没有此数值）")]
    if isinstance(value, str):
        surrogate = lone_surrogate(value)
        return [_Found(place, _surrogate_message(surrogate))] if surrogate else []
    if isinstance(value, dict):
        found: list[Problem] = [
            _Found(place, f"键 {_show(key)} 重复出现，同一对象中只能出现一次")
            for key in getattr(value, "duplicates", ())
        ]
        found.extend(
            _Found((place, key), "键" + _surrogate_message(surrogate))
            for key in value
            if (surrogate := lone_surrogate(key))
        )
        return found
    return []


def _field(place: _Place) -> str:
    """The field name of a place: top-level keys as written, inner ones quoted, indexes in
    brackets; each key shortened, so that a message stays one readable line."""
    steps: list[str | int] = []
    while place is not None:
        place, step = place
        steps.append(step)
    where = ""
    for step in reversed(steps):
        where = _child(where, step) if isinstance(step, str) else f"{where}[{step}]"
    if len(where) > _FIELD_LIMIT:  # deep down: its start and its end, the levels between elided
        where = where[: _FIELD_LIMIT // 2] + "…" + where[-_FIELD_LIMIT // 2 :]
    return where


_FIELD_LIMIT = 160


def _child(where: str, key: str) -> str:
    """The field name of ``key`` under ``where``."""
    return _shorten(key) if not where else f"{where}[{_show(key)}]"


def _surrogate_message(surrogate: str) -> str:
    return f"含有无效的 Unicode 字符（单独的代理项 U+{ord(surrogate):04X}）"


def from_data(data: object, scheme: Scheme | None = None) -> Assessment:
    """Validate decoded JSON as an assessment (format 1 or 2) of ``scheme``."""
    scheme = scheme or load_scheme()
    if not isinstance(data, dict):
        raise AssessmentError([Problem("", f"顶层应为 JSON 对象，实为{_type_name(data)}")])
    problems = _structure_problems(data)
    if problems:
        raise AssessmentError(problems)
    if "format" not in data:
        problems.append(Problem("format", f"缺少此字段，应为 {_show(FORMAT)}"))
    elif data["format"] != FORMAT:
        problems.append(Problem("format", f"应为 {_show(FORMAT)}，实为 {_show(data['format'])}"))
    version = data.get("version")
    versions = "、".join(map(str, VERSIONS))
    if "version" not in data:
        problems.append(Problem("version", f"缺少此字段，应为 {versions} 之一"))
    elif type(version) is not int or version not in VERSIONS:
        problems.append(Problem("version", f"不支持的版本 {_show(version)}，仅支持 {versions}"))
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        problems.append(Problem("title", f"应为字符串，实为{_type_name(title)} {_show(title)}"))
    scores = _scores(data, scheme, problems)
    profile = _profile(data, scheme, problems)
    key_factors = _key_factors(data, scheme, problems)
    key_factor_ids = _key_factor_ids(data)
    comments = _comments(data, scheme, key_factor_ids, problems)
    notes = _notes(data, scheme, problems)
    themes = _key_themes(data, scheme, problems)
    record = _consensus(data, scheme, problems)
    visit = _site_visit(data, scheme, problems)
    if problems:
        raise AssessmentError(problems)
    extra = {k: v for k, v in data.items() if k not in _KNOWN_KEYS}
    return Assessment(
        scores=scores,
        title=title,
        profile=profile,
        key_factors=key_factors,
        comments=_with_notes(comments, notes, scheme),
        key_themes=themes,
        consensus=record,
        site_visit=visit,
        extra=extra,
    )


def _scores(data: dict[str, Any], scheme: Scheme, problems: list[Problem]) -> dict[str, int]:
    if "scores" not in data:
        problems.append(Problem("scores", "缺少此字段（评分条款编号 → 百分比）"))
        return {}
    return _score_map(data["scores"], "scores", scheme, problems)


def _score_map(
    raw: object, field_name: str, scheme: Scheme, problems: list[Problem]
) -> dict[str, int]:
    """Item ids → percents (the document's scores, an examiner's, those before a site visit)."""
    if not isinstance(raw, dict):
        problems.append(
            Problem(field_name, f"应为对象（评分条款编号 → 百分比），实为{_type_name(raw)}")
        )
        return {}
    known = {item.id for item in scheme.items}
    scores: dict[str, int] = {}
    for item_id, percent in raw.items():
        where = f"{field_name}[{_show(item_id)}]"
        if item_id not in known:
            problems.append(Problem(where, _unknown_item(item_id)))
        elif isinstance(percent, bool) or not isinstance(percent, int):
            problems.append(
                Problem(where, f"百分比应为整数，实为{_type_name(percent)} {_show(percent)}")
            )
        elif not 0 <= percent <= PERCENT_MAX:
            problems.append(Problem(where, f"百分比应在 0–{PERCENT_MAX} 之间，实为 {percent}"))
        elif percent % scheme.step:
            problems.append(Problem(where, f"百分比应为 {scheme.step} 的倍数，实为 {percent}"))
        else:
            scores[item_id] = percent
    return scores


def _unknown_item(item_id: str) -> str:
    return f"未知的评分条款 {_show(item_id)}，表A.1 中没有此编号"


def _notes(
    data: dict[str, Any], scheme: Scheme, problems: list[Problem]
) -> dict[str, dict[str, str]]:
    """Format 1's notes (read in any version, never written): item → strengths, opportunities."""
    raw = data.get("notes", {})
    if not isinstance(raw, dict):
        problems.append(Problem("notes", f"应为对象（评分条款编号 → 评语），实为{_type_name(raw)}"))
        return {}
    known = {item.id for item in scheme.items}
    allowed = "、".join(NOTE_FIELDS)
    notes: dict[str, dict[str, str]] = {}
    for item_id, note in raw.items():
        where = f"notes[{_show(item_id)}]"
        if item_id not in known:
            problems.append(Problem(where, _unknown_item(item_id)))
            continue
        if not isinstance(note, dict):
            problems.append(
                Problem(where, f"应为对象（{allowed}），实为{_type_name(note)} {_show(note)}")
            )
            continue
        for key, text in note.items():
            if key not in NOTE_FIELDS:
                problems.append(Problem(f"{where}[{_show(key)}]", f"未知字段，只允许 {allowed}"))
            elif not isinstance(text, str):
                problems.append(
                    Problem(
                        f"{where}[{_show(key)}]",
                        f"应为字符串，实为{_type_name(text)} {_show(text)}",
                    )
                )
        notes[item_id] = {k: v for k, v in note.items() if k in NOTE_FIELDS and isinstance(v, str)}
    return notes


def _with_notes(
    comments: dict[str, tuple[Comment, ...]], notes: dict[str, dict[str, str]], scheme: Scheme
) -> dict[str, tuple[Comment, ...]]:
    """The comments with each non-blank note of format 1 appended to its item's, as a comment of
    its kind (text as written), items in the order of table A.1."""
    merged: dict[str, tuple[Comment, ...]] = {}
    for item in scheme.items:
        note = notes.get(item.id, {})
        converted = tuple(
            Comment(kind=NOTE_KINDS[key], text=note[key])
            for key in NOTE_FIELDS
            if note.get(key, "").strip()
        )
        if comments.get(item.id) or converted:
            merged[item.id] = comments.get(item.id, ()) + converted
    return merged


# --- format 2: the profile, the key factors, the comments ---------------------------------


def _profile(
    data: dict[str, Any], scheme: Scheme, problems: list[Problem]
) -> dict[str, ProfileEntry]:
    raw = data.get("profile", {})
    if not isinstance(raw, dict):
        problems.append(
            Problem("profile", f"应为对象（组织概述的章节编号 → 内容），实为{_type_name(raw)}")
        )
        return {}
    sections = {s.id: s for s in scheme.profile}
    allowed = "、".join(sections) or "（评分方案中没有组织概述）"
    found: dict[str, ProfileEntry] = {}
    for section_id, value in raw.items():
        where = f"profile[{_show(section_id)}]"
        section = sections.get(section_id)
        if section is None:
            problems.append(
                Problem(
                    where, f"未知的组织概述章节 {_show(section_id)}，应为 {allowed} 之一（附录B）"
                )
            )
            continue
        if not section.points:
            if isinstance(value, str):
                found[section_id] = value
            else:
                problems.append(
                    Problem(
                        where,
                        f"应为字符串（{section.id} {section.title}不分要点），"
                        f"实为{_type_name(value)} {_show(value)}",
                    )
                )
            continue
        points = [p.id for p in section.points]
        listed = "、".join(points)
        if not isinstance(value, dict):
            problems.append(
                Problem(
                    where,
                    f"应为对象（要点 {listed} → 文字），实为{_type_name(value)} {_show(value)}",
                )
            )
            continue
        texts: dict[str, str] = {}
        for point_id, text in value.items():
            inner = f"{where}[{_show(point_id)}]"
            if point_id not in points:
                problems.append(
                    Problem(inner, f"未知的要点 {_show(point_id)}，{section.id} 的要点为 {listed}")
                )
            elif not isinstance(text, str):
                problems.append(Problem(inner, f"应为字符串，实为{_type_name(text)} {_show(text)}"))
            else:
                texts[point_id] = text
        found[section_id] = texts
    return found


def _profile_refs(scheme: Scheme) -> set[str]:
    """What a key factor's ``profile`` may name: a section (B.1.2) or its point (B.1.2.a)."""
    refs = {s.id for s in scheme.profile}
    refs.update(f"{s.id}.{p.id}" for s in scheme.profile for p in s.points)
    return refs


def _key_factors(
    data: dict[str, Any], scheme: Scheme, problems: list[Problem]
) -> tuple[KeyFactor, ...]:
    raw = data.get("key_factors", [])
    if not isinstance(raw, list):
        problems.append(Problem("key_factors", f"应为数组（关键因素列表），实为{_type_name(raw)}"))
        return ()
    refs = _profile_refs(scheme)
    sections = "、".join(s.id for s in scheme.profile) or "（评分方案中没有组织概述）"
    known_items = {item.id for item in scheme.items}
    seen: set[str] = set()
    factors: list[KeyFactor] = []
    for n, entry in enumerate(raw):
        where = f"key_factors[{n}]"
        if not isinstance(entry, dict):
            problems.append(
                Problem(
                    where,
                    f"应为对象（id、text 等字段），实为{_type_name(entry)} {_show(entry)}",
                )
            )
            continue
        before = len(problems)
        factor_id = entry.get("id")
        if "id" not in entry:
            problems.append(Problem(f"{where}.id", '缺少此字段（关键因素编号，如 "KF1"）'))
        elif not isinstance(factor_id, str) or not factor_id:
            problems.append(
                Problem(
                    f"{where}.id",
                    f"应为非空字符串（关键因素编号），实为{_type_name(factor_id)} "
                    f"{_show(factor_id)}",
                )
            )
        elif factor_id in seen:
            problems.append(
                Problem(f"{where}.id", f"编号 {_show(factor_id)} 重复出现，关键因素的编号应唯一")
            )
        else:
            seen.add(factor_id)
        text = _text_field(entry, where, "关键因素的文字", problems)
        profile = entry.get("profile")
        if profile is not None and (not isinstance(profile, str) or profile not in refs):
            problems.append(
                Problem(
                    f"{where}.profile",
                    f"应为组织概述的章节编号（{sections}）或章节的要点（如 B.1.2.a），"
                    f"实为{_type_name(profile)} {_show(profile)}",
                )
            )
        items = _id_list(
            entry, "items", where, known=known_items, unknown=_unknown_item, problems=problems
        )
        if len(problems) == before:
            factors.append(
                KeyFactor(
                    id=cast("str", factor_id),
                    text=text,
                    profile=profile,
                    items=items,
                    extra={k: v for k, v in entry.items() if k not in _KEY_FACTOR_KEYS},
                )
            )
    return tuple(factors)


def _key_factor_ids(data: dict[str, Any]) -> set[str]:
    """The ids the key factors give, valid or not (a comment naming one is not wrong too)."""
    raw = data.get("key_factors")
    entries = raw if isinstance(raw, list) else []
    return {e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)}


def _text_field(entry: dict[str, Any], where: str, what: str, problems: list[Problem]) -> str:
    """A required string (which may be empty: the page creates an entry before it is typed)."""
    if "text" not in entry:
        problems.append(Problem(f"{where}.text", f"缺少此字段（{what}，可为空字符串）"))
        return ""
    text = entry["text"]
    if not isinstance(text, str):
        problems.append(
            Problem(f"{where}.text", f"应为字符串，实为{_type_name(text)} {_show(text)}")
        )
        return ""
    return text


def _id_list(  # noqa: PLR0913 - one check for two lists of ids
    entry: dict[str, Any],
    key: str,
    where: str,
    *,
    known: Container[str],
    unknown: Callable[[str], str],
    problems: list[Problem],
) -> tuple[str, ...]:
    """An optional list of ids, each one of ``known``, none twice (checked in linear time)."""
    raw = entry.get(key, [])
    field_name = f"{where}.{key}"
    if not isinstance(raw, list):
        problems.append(
            Problem(field_name, f"应为数组（编号列表），实为{_type_name(raw)} {_show(raw)}")
        )
        return ()
    seen: set[str] = set()
    for n, value in enumerate(raw):
        if not isinstance(value, str):
            problems.append(
                Problem(
                    f"{field_name}[{n}]",
                    f"应为字符串（编号），实为{_type_name(value)} {_show(value)}",
                )
            )
        elif value not in known:
            problems.append(Problem(f"{field_name}[{n}]", unknown(value)))
        elif value in seen:
            problems.append(
                Problem(f"{field_name}[{n}]", f"{_show(value)} 重复出现，每个编号只能列出一次")
            )
        else:
            seen.add(value)
    return tuple(raw) if len(seen) == len(raw) else ()


_KIND_WORDS = '"strength"（优势）或 "opportunity"（改进机会）'


def _comments(
    data: dict[str, Any], scheme: Scheme, key_factor_ids: set[str], problems: list[Problem]
) -> dict[str, tuple[Comment, ...]]:
    return _comment_map(data.get("comments", {}), "comments", scheme, key_factor_ids, problems)


class _AnyId(frozenset[str]):
    """Every key factor id: a record's comments (the originals of a consensus, those before a
    site visit) may name key factors edited away since."""

    def __contains__(self, value: object) -> bool:
        return isinstance(value, str)


ANY_ID = _AnyId()


def _comment_map(  # noqa: PLR0913 - the comments of the document and of its records
    raw: object,
    field_name: str,
    scheme: Scheme,
    key_factor_ids: Container[str],
    problems: list[Problem],
    *,
    examiners: Container[str] | None = None,
) -> dict[str, tuple[Comment, ...]]:
    """Item ids → comments; with ``examiners``, each comment names one of them (``examiner``)."""
    if not isinstance(raw, dict):
        problems.append(
            Problem(field_name, f"应为对象（评分条款编号 → 评语列表），实为{_type_name(raw)}")
        )
        return {}
    items = {item.id: item for item in scheme.items}
    # the choices of each kind of item and each item, worked out once
    factors = {
        kind: (
            [f.key for f in g.factors],
            f"（表{g.table}，{g.column}条款）",
        )
        for kind, g in scheme.guidelines.items()
    }
    comments: dict[str, tuple[Comment, ...]] = {}
    for item_id, entries in raw.items():
        where = f"{field_name}[{_show(item_id)}]"
        item = items.get(item_id)
        if item is None:
            problems.append(Problem(where, _unknown_item(item_id)))
            continue
        if not isinstance(entries, list):
            problems.append(
                Problem(where, f"应为数组（评语列表），实为{_type_name(entries)} {_show(entries)}")
            )
            continue
        keys, table = factors[item.kind]
        context = _CommentContext(item, keys, table, key_factor_ids, examiners)
        found = [
            _comment(entry, f"{where}[{n}]", context, problems) for n, entry in enumerate(entries)
        ]
        if found and all(c is not None for c in found):
            comments[item_id] = tuple(cast("list[Comment]", found))
    return comments


@dataclass(frozen=True)
class _CommentContext:
    """What a comment on ``item`` may name: its factors, its clause points, the key factors."""

    item: Item
    factors: list[str]
    table: str  # （表C.1，过程条款）
    key_factors: Container[str]
    examiners: Container[str] | None = None  # a consensus's originals: each names its examiner

    @property
    def points(self) -> list[str]:
        return [p.id for p in self.item.clause_points]


def _comment(
    entry: object, where: str, context: _CommentContext, problems: list[Problem]
) -> Comment | None:
    if not isinstance(entry, dict):
        problems.append(
            Problem(where, f"应为对象（kind、text 等字段），实为{_type_name(entry)} {_show(entry)}")
        )
        return None
    before = len(problems)
    kind = entry.get("kind")
    if "kind" not in entry:
        problems.append(Problem(f"{where}.kind", f"缺少此字段，应为 {_KIND_WORDS}"))
    elif kind not in COMMENT_KINDS:
        problems.append(Problem(f"{where}.kind", f"应为 {_KIND_WORDS}，实为 {_show(kind)}"))
    text = _text_field(entry, where, "评语的文字", problems)
    major = entry.get("major", False)
    if type(major) is not bool:
        problems.append(
            Problem(
                f"{where}.major",
                f"应为布尔值（true：最重要的 ++/−−），实为{_type_name(major)} {_show(major)}",
            )
        )
    factor = entry.get("factor")
    if factor is not None and factor not in context.factors:
        problems.append(
            Problem(
                f"{where}.factor",
                f"应为 {'、'.join(context.factors)} 之一{context.table}，实为 {_show(factor)}",
            )
        )
    point = entry.get("point")
    points = context.points
    if point is not None and point not in points:
        allowed = (
            f"应为 {'、'.join(points)} 之一（{context.item.id} 的条款要点）"
            if points
            else f"{context.item.id} 没有分列的条款要点，应省略"
        )
        problems.append(Problem(f"{where}.point", f"{allowed}，实为 {_show(point)}"))
    evidence = entry.get("evidence", "")
    if not isinstance(evidence, str):
        problems.append(
            Problem(
                f"{where}.evidence", f"应为字符串，实为{_type_name(evidence)} {_show(evidence)}"
            )
        )
    if context.examiners is not None:
        _examiner(entry, where, context.examiners, problems)
    key_factors = _id_list(
        entry,
        "key_factors",
        where,
        known=context.key_factors,
        unknown=lambda value: f"未知的关键因素 {_show(value)}，key_factors 中没有此编号",
        problems=problems,
    )
    if len(problems) > before:
        return None
    return Comment(
        kind=cast("CommentKind", kind),
        text=text,
        major=major,
        factor=factor,
        point=point,
        evidence=evidence,
        key_factors=key_factors,
        extra={k: v for k, v in entry.items() if k not in _COMMENT_KEYS},
    )


# --- format 2: the key themes, the consensus's record, the site visit ---------------------


def _object_field(
    raw: object, field_name: str, what: str, problems: list[Problem]
) -> dict[str, Any] | None:
    if isinstance(raw, dict):
        return raw
    problems.append(Problem(field_name, f"应为对象（{what}），实为{_type_name(raw)} {_show(raw)}"))
    return None


def _optional_text(entry: dict[str, Any], key: str, where: str, problems: list[Problem]) -> str:
    value = entry.get(key, "")
    if isinstance(value, str):
        return value
    problems.append(
        Problem(f"{where}.{key}", f"应为字符串，实为{_type_name(value)} {_show(value)}")
    )
    return ""


_THEME_GROUP_WORDS = {"process": "过程条款（4.1–4.6）", "results": "结果条款（4.7）"}


def _key_themes(data: dict[str, Any], scheme: Scheme, problems: list[Problem]) -> KeyThemes | None:
    """``key_themes``: per group and side a list of themes, each a string (read as a theme
    naming no item) or ``{text, items}``, the items of the group's kind, none twice."""
    if "key_themes" not in data:
        return None
    raw = _object_field(
        data["key_themes"], "key_themes", "process、results → strengths、opportunities", problems
    )
    if raw is None:
        return None
    themes: dict[Kind, dict[ThemeSide, tuple[KeyTheme, ...]]] = {}
    group_extra: dict[Kind, dict[str, Any]] = {}
    for kind in THEME_GROUPS:
        group = raw.get(kind, {})
        where = f"key_themes[{_show(kind)}]"
        sides = _object_field(group, where, "strengths、opportunities → 主题列表", problems)
        if sides is None:
            continue
        known = {item.id for item in scheme.items if item.kind == kind}
        group_words = _THEME_GROUP_WORDS.get(kind, kind)
        themes[kind] = {}
        for side in THEME_SIDES:
            entries = sides.get(side, [])
            inner = f"{where}[{_show(side)}]"
            if not isinstance(entries, list):
                problems.append(
                    Problem(
                        inner, f"应为数组（主题列表），实为{_type_name(entries)} {_show(entries)}"
                    )
                )
                continue
            found = [
                _key_theme(entry, f"{inner}[{n}]", known, group_words, problems)
                for n, entry in enumerate(entries)
            ]
            themes[kind][side] = tuple(t for t in found if t is not None)
        group_extra[kind] = {k: v for k, v in sides.items() if k not in THEME_SIDES}
    extra = {k: v for k, v in raw.items() if k not in THEME_GROUPS}
    return KeyThemes(themes, extra, group_extra)


def _key_theme(
    entry: object, where: str, known: set[str], group_words: str, problems: list[Problem]
) -> KeyTheme | None:
    if isinstance(entry, str):
        return KeyTheme(entry)
    if not isinstance(entry, dict):
        problems.append(
            Problem(
                where, f"应为字符串或对象（text、items），实为{_type_name(entry)} {_show(entry)}"
            )
        )
        return None
    before = len(problems)
    text = entry.get("text")
    if "text" not in entry:
        problems.append(Problem(f"{where}.text", "缺少此字段（主题的文字）"))
    elif not isinstance(text, str):
        problems.append(
            Problem(f"{where}.text", f"应为字符串，实为{_type_name(text)} {_show(text)}")
        )
    items = _id_list(
        entry,
        "items",
        where,
        known=known,
        unknown=lambda value: f"{_show(value)} 不是{group_words}的编号",
        problems=problems,
    )
    if len(problems) > before:
        return None
    return KeyTheme(
        cast("str", text), items, {k: v for k, v in entry.items() if k not in ("text", "items")}
    )


_EXAMINER_KEYS = ("name", "scores")
_CONSENSUS_KEYS = ("examiners", "comments", "rationales")


def _consensus(
    data: dict[str, Any], scheme: Scheme, problems: list[Problem]
) -> ConsensusRecord | None:
    """``consensus``: the examiners (names unique, their percents), their original comments
    (each naming one of them), the team's rationale per item."""
    if "consensus" not in data:
        return None
    raw = _object_field(data["consensus"], "consensus", "examiners、comments、rationales", problems)
    if raw is None:
        return None
    entries = raw.get("examiners", [])
    examiners: list[Examiner] = []
    names: set[str] = set()
    if not isinstance(entries, list):
        problems.append(
            Problem(
                "consensus.examiners",
                f"应为数组（评审员列表），实为{_type_name(entries)} {_show(entries)}",
            )
        )
    for n, entry in enumerate(entries if isinstance(entries, list) else ()):
        where = f"consensus.examiners[{n}]"
        found = _object_field(entry, where, "name、scores", problems)
        if found is None:
            continue
        name = found.get("name")
        if "name" not in found:
            problems.append(Problem(f"{where}.name", "缺少此字段（评审员的姓名）"))
        elif not isinstance(name, str):  # the page's label may be empty: told apart still
            problems.append(
                Problem(f"{where}.name", f"应为字符串，实为{_type_name(name)} {_show(name)}")
            )
        elif name in names:
            problems.append(Problem(f"{where}.name", f"{_show(name)} 重复出现，评审员的姓名应唯一"))
        else:
            names.add(name)
            scores = _score_map(found.get("scores", {}), f"{where}.scores", scheme, problems)
            extra = {k: v for k, v in found.items() if k not in _EXAMINER_KEYS}
            examiners.append(Examiner(name, scores, extra))
    comments = _comment_map(
        raw.get("comments", {}), "consensus.comments", scheme, ANY_ID, problems, examiners=names
    )
    rationales = _rationales(raw.get("rationales", {}), scheme, problems)
    extra = {k: v for k, v in raw.items() if k not in _CONSENSUS_KEYS}
    return ConsensusRecord(tuple(examiners), comments, rationales, extra)


def _examiner(
    entry: dict[str, Any], where: str, names: Container[str], problems: list[Problem]
) -> None:
    examiner = entry.get("examiner")
    if "examiner" not in entry:
        problems.append(
            Problem(f"{where}.examiner", "缺少此字段（评审员的姓名，consensus.examiners 中的一位）")
        )
    elif not isinstance(examiner, str) or examiner not in names:
        problems.append(
            Problem(
                f"{where}.examiner",
                f"应为 consensus.examiners 中的一位评审员，实为 {_show(examiner)}",
            )
        )


def _rationales(raw: object, scheme: Scheme, problems: list[Problem]) -> dict[str, str]:
    found = _object_field(raw, "consensus.rationales", "评分条款编号 → 合议理由", problems)
    if found is None:
        return {}
    known = {item.id for item in scheme.items}
    rationales: dict[str, str] = {}
    for item_id, text in found.items():
        where = f"consensus.rationales[{_show(item_id)}]"
        if item_id not in known:
            problems.append(Problem(where, _unknown_item(item_id)))
        elif not isinstance(text, str):
            problems.append(Problem(where, f"应为字符串，实为{_type_name(text)} {_show(text)}"))
        else:
            rationales[item_id] = text
    return rationales


_VISIT_KEYS = ("before", "issues")
_BEFORE_KEYS = ("scores", "comments")
_ISSUE_KEYS = ("item", "kind", "about", "text", "ask", "whom", "finding")
_ISSUE_KIND_WORDS = "、".join(f'"{k}"（{label}）' for k, label in ISSUE_KINDS.items())
_ISSUE_TEXTS = ("ask", "whom", "finding")


def _site_visit(data: dict[str, Any], scheme: Scheme, problems: list[Problem]) -> SiteVisit | None:
    """``site_visit``: what the consensus held when the visit started (``before``), and the
    issues to verify or clarify on site."""
    if "site_visit" not in data:
        return None
    raw = _object_field(data["site_visit"], "site_visit", "before、issues", problems)
    if raw is None:
        return None
    before = None
    if "before" in raw:
        found = _object_field(raw["before"], "site_visit.before", "scores、comments", problems)
        if found is not None:
            before = VisitBefore(
                _score_map(found.get("scores", {}), "site_visit.before.scores", scheme, problems),
                _comment_map(
                    found.get("comments", {}),
                    "site_visit.before.comments",
                    scheme,
                    ANY_ID,
                    problems,
                ),
                {k: v for k, v in found.items() if k not in _BEFORE_KEYS},
            )
    entries = raw.get("issues", [])
    issues: list[Issue] = []
    if not isinstance(entries, list):
        problems.append(
            Problem(
                "site_visit.issues",
                f"应为数组（现场评审问题列表），实为{_type_name(entries)} {_show(entries)}",
            )
        )
    known = {item.id for item in scheme.items}
    for n, entry in enumerate(entries if isinstance(entries, list) else ()):
        issue = _issue(entry, f"site_visit.issues[{n}]", known, problems)
        if issue is not None:
            issues.append(issue)
    extra = {k: v for k, v in raw.items() if k not in _VISIT_KEYS}
    return SiteVisit(before, tuple(issues), extra)


def _issue(entry: object, where: str, known: set[str], problems: list[Problem]) -> Issue | None:
    found = _object_field(entry, where, "item、kind、text 等字段", problems)
    if found is None:
        return None
    before = len(problems)
    item = found.get("item")
    if "item" not in found:
        problems.append(Problem(f"{where}.item", "缺少此字段（评分条款编号）"))
    elif not isinstance(item, str) or item not in known:
        problems.append(Problem(f"{where}.item", _unknown_item(cast("str", item))))
    kind = found.get("kind")
    if "kind" not in found:
        problems.append(Problem(f"{where}.kind", f"缺少此字段，应为 {_ISSUE_KIND_WORDS}"))
    elif not isinstance(kind, str) or kind not in ISSUE_KINDS:  # a list is no dict's key
        problems.append(Problem(f"{where}.kind", f"应为 {_ISSUE_KIND_WORDS}，实为 {_show(kind)}"))
    about = found.get("about")
    if about is not None and about not in COMMENT_KINDS:
        problems.append(Problem(f"{where}.about", f"应为 {_KIND_WORDS}，实为 {_show(about)}"))
    text = found.get("text")
    if "text" not in found:
        problems.append(Problem(f"{where}.text", "缺少此字段（问题的文字）"))
    elif not isinstance(text, str):
        problems.append(
            Problem(f"{where}.text", f"应为字符串，实为{_type_name(text)} {_show(text)}")
        )
    texts = {key: _optional_text(found, key, where, problems) for key in _ISSUE_TEXTS}
    if len(problems) > before:
        return None
    return Issue(
        item=cast("str", item),
        kind=cast("IssueKind", kind),
        text=cast("str", text),
        about=about,
        extra={k: v for k, v in found.items() if k not in _ISSUE_KEYS},
        **texts,
    )


def to_data(assessment: Assessment, scheme: Scheme | None = None) -> dict[str, Any]:
    """The document as JSON-ready data, format 2: scores and comments in the order of table
    A.1, the profile in the order of appendix B; ``profile``, ``key_factors`` and ``comments``
    only when not empty; never ``notes``."""
    scheme = scheme or load_scheme()
    order = {item.id: n for n, item in enumerate(scheme.items)}
    data: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    if assessment.title is not None:
        data["title"] = assessment.title
    data["scores"] = dict(sorted(assessment.scores.items(), key=lambda kv: order[kv[0]]))
    if assessment.profile:
        data["profile"] = _profile_data(assessment.profile, scheme)
    if assessment.key_factors:
        data["key_factors"] = [key_factor_data(k) for k in assessment.key_factors]
    comments = {
        item_id: [comment_data(c) for c in entries]
        for item_id, entries in sorted(assessment.comments.items(), key=lambda kv: order[kv[0]])
        if entries
    }
    if comments:
        data["comments"] = comments
    if assessment.key_themes is not None:
        data["key_themes"] = key_themes_data(assessment.key_themes)
    if assessment.consensus is not None:
        data["consensus"] = consensus_data(assessment.consensus, order)
    if assessment.site_visit is not None:
        data["site_visit"] = site_visit_data(assessment.site_visit, order)
    data.update(assessment.extra)
    return data


def _comment_map_data(
    comments: dict[str, tuple[Comment, ...]], order: dict[str, int]
) -> dict[str, list[dict[str, Any]]]:
    return {
        item_id: [comment_data(c) for c in entries]
        for item_id, entries in sorted(comments.items(), key=lambda kv: order[kv[0]])
        if entries
    }


def _in_order(values: dict[str, Any], order: dict[str, int]) -> dict[str, Any]:
    return dict(sorted(values.items(), key=lambda kv: order[kv[0]]))


def key_themes_data(themes: KeyThemes) -> dict[str, Any]:
    """The four groups always, each theme as an object (``text`` and ``items``)."""
    data: dict[str, Any] = {
        kind: {
            side: [
                {"text": t.text, "items": list(t.items)} | t.extra
                for t in themes.themes.get(kind, {}).get(side, ())
            ]
            for side in THEME_SIDES
        }
        | themes.group_extra.get(kind, {})
        for kind in THEME_GROUPS
    }
    return data | themes.extra


def consensus_data(record: ConsensusRecord, order: dict[str, int]) -> dict[str, Any]:
    return {
        "examiners": [
            {"name": e.name, "scores": _in_order(e.scores, order)} | e.extra
            for e in record.examiners
        ],
        "comments": _comment_map_data(record.comments, order),
        "rationales": _in_order(record.rationales, order),
    } | record.extra


def issue_data(issue: Issue) -> dict[str, Any]:
    """An issue as the file holds it: ``item``, ``kind`` and ``text`` always, the rest when
    given."""
    data: dict[str, Any] = {"item": issue.item, "kind": issue.kind}
    if issue.about is not None:
        data["about"] = issue.about
    data["text"] = issue.text
    for key in _ISSUE_TEXTS:
        if getattr(issue, key):
            data[key] = getattr(issue, key)
    return data | issue.extra


def site_visit_data(visit: SiteVisit, order: dict[str, int]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if visit.before is not None:
        data["before"] = {
            "scores": _in_order(visit.before.scores, order),
            "comments": _comment_map_data(visit.before.comments, order),
        } | visit.before.extra
    data["issues"] = [issue_data(i) for i in visit.issues]
    return data | visit.extra


def _profile_data(profile: dict[str, ProfileEntry], scheme: Scheme) -> dict[str, ProfileEntry]:
    data: dict[str, ProfileEntry] = {}
    for section in scheme.profile:
        if section.id not in profile:
            continue
        entry = profile[section.id]
        data[section.id] = (
            entry
            if isinstance(entry, str)
            else {p.id: entry[p.id] for p in section.points if p.id in entry}
        )
    return data


def key_factor_data(key_factor: KeyFactor) -> dict[str, Any]:
    data: dict[str, Any] = {"id": key_factor.id, "text": key_factor.text}
    if key_factor.profile is not None:
        data["profile"] = key_factor.profile
    if key_factor.items:
        data["items"] = list(key_factor.items)
    return data | key_factor.extra


def comment_data(comment: Comment) -> dict[str, Any]:
    """A comment as the file holds it: ``kind`` and ``major`` always, the rest when given."""
    data: dict[str, Any] = {"kind": comment.kind, "major": comment.major}
    if comment.factor is not None:
        data["factor"] = comment.factor
    if comment.point is not None:
        data["point"] = comment.point
    data["text"] = comment.text
    if comment.evidence:
        data["evidence"] = comment.evidence
    if comment.key_factors:
        data["key_factors"] = list(comment.key_factors)
    return data | comment.extra


def dumps(assessment: Assessment, scheme: Scheme | None = None) -> str:
    """Serialize as UTF-8-ready JSON text (Chinese kept readable, not \\u-escaped), indented;
    compact when indenting would take it past ``MAX_BYTES``, so that what was read can be read
    back (a long list deep down gains a line of indentation per element; ``loads`` refused what
    would not fit even compact)."""
    data = to_data(assessment, scheme)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if len(text) > MAX_BYTES // 4 and len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return _compact(data)
    return text


def _compact(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def _type_name(value: object) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _show(value: object, limit: int = 40) -> str:
    """A value as it would appear in the file, shortened so a message stays one readable line."""
    return _shorten(json.dumps(value, ensure_ascii=False), limit)


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
