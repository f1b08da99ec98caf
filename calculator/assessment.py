"""The assessment document, format version 1: parse, validate, serialize.

    {"format": "excellence-assessment", "version": 1, "title": "…",
     "scores": {"4.1.2": 55}, "notes": {"4.1.2": {"strengths": "…", "opportunities": "…"}}}

``scores`` maps item ids of table A.1 to integer percents 0–100 in steps of 5; a missing item is
not scored yet. ``title`` and ``notes`` are optional; unknown top-level keys are kept on
round-trip. Every problem is reported in Chinese with the field and the value that is wrong,
because these messages reach the reader (CLI, calculator page) as they are.
"""

from __future__ import annotations

import json
import math
import re
import sys
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, TypeAlias, cast

from calculator.safe_text import lone_surrogate, printable
from calculator.scheme import PERCENT_MAX, Scheme, load_scheme

FORMAT = "excellence-assessment"
VERSION = 1
NOTE_FIELDS = ("strengths", "opportunities")
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
_KNOWN_KEYS = ("format", "version", "title", "scores", "notes")
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
class Assessment:
    scores: dict[str, int] = field(default_factory=dict)
    title: str | None = None
    notes: dict[str, dict[str, str]] = field(default_factory=dict)
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
    """Validate decoded JSON as a format-1 assessment of ``scheme``."""
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
    if "version" not in data:
        problems.append(Problem("version", f"缺少此字段，应为 {VERSION}"))
    elif type(version) is not int or version != VERSION:
        problems.append(Problem("version", f"不支持的版本 {_show(version)}，仅支持 {VERSION}"))
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        problems.append(Problem("title", f"应为字符串，实为{_type_name(title)} {_show(title)}"))
    scores = _scores(data, scheme, problems)
    notes = _notes(data, scheme, problems)
    if problems:
        raise AssessmentError(problems)
    extra = {k: v for k, v in data.items() if k not in _KNOWN_KEYS}
    return Assessment(scores=scores, title=title, notes=notes, extra=extra)


def _scores(data: dict[str, Any], scheme: Scheme, problems: list[Problem]) -> dict[str, int]:
    if "scores" not in data:
        problems.append(Problem("scores", "缺少此字段（评分条款编号 → 百分比）"))
        return {}
    raw = data["scores"]
    if not isinstance(raw, dict):
        problems.append(
            Problem("scores", f"应为对象（评分条款编号 → 百分比），实为{_type_name(raw)}")
        )
        return {}
    known = {item.id for item in scheme.items}
    scores: dict[str, int] = {}
    for item_id, percent in raw.items():
        where = f"scores[{_show(item_id)}]"
        if item_id not in known:
            problems.append(Problem(where, f"未知的评分条款 {_show(item_id)}，表A.1 中没有此编号"))
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


def _notes(
    data: dict[str, Any], scheme: Scheme, problems: list[Problem]
) -> dict[str, dict[str, str]]:
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
            problems.append(Problem(where, f"未知的评分条款 {_show(item_id)}，表A.1 中没有此编号"))
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


def to_data(assessment: Assessment, scheme: Scheme | None = None) -> dict[str, Any]:
    """The document as JSON-ready data; scores and notes in the order of table A.1."""
    scheme = scheme or load_scheme()
    order = {item.id: n for n, item in enumerate(scheme.items)}
    data: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    if assessment.title is not None:
        data["title"] = assessment.title
    data["scores"] = dict(sorted(assessment.scores.items(), key=lambda kv: order[kv[0]]))
    if assessment.notes:
        data["notes"] = dict(sorted(assessment.notes.items(), key=lambda kv: order[kv[0]]))
    data.update(assessment.extra)
    return data


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
