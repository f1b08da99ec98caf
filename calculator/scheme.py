"""The scoring scheme: categories, items, points and the scoring guidelines, loaded from data.

A scheme is a JSON file under ``calculator/data/``. Everything the standard prints about scoring
(table A.1, tables C.1 and C.2 with their evaluation points), the points of the organizational
profile (appendix B) and each item's own points (the lettered points or paragraphs of its clause,
derived from the guide's text by ``build_scripts/clause_points.py``) live there and nowhere else;
this module only reads it and refuses a scheme that does not add up.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

DEFAULT_SCHEME = "liaoning-government"
PERCENT_MAX = 100

Kind = Literal["process", "results"]
KINDS: tuple[Kind, ...] = ("process", "results")


class SchemeError(ValueError):
    """A scheme file that is malformed or whose numbers do not add up."""


@dataclass(frozen=True)
class ClausePoint:
    """A point of an item's clause that a comment may answer: a lettered point (``a``, label
    确定方向) where the clause letters them, else a paragraph (``1``, label 在公共责任方面)."""

    id: str
    label: str


@dataclass(frozen=True)
class Item:
    """A scoring item (评分条款), e.g. 4.1.2 领导班子的作用, 60 points; its id is its clause."""

    id: str
    name: str
    points: int
    category_id: str
    kind: Kind
    clause_points: tuple[ClausePoint, ...] = ()


@dataclass(frozen=True)
class ProfilePoint:
    """A lettered point of a section of the organizational profile: B.1.1 a) 法定职能."""

    id: str
    text: str


@dataclass(frozen=True)
class ProfileSection:
    """A section of the organizational profile (appendix B): B.1.1 政府部门的环境 with its
    points a)–e), or B.2.1 营商环境 with its paragraph (``text``) and no points. Texts are the
    standard's words; a point's closing ；/。 is the rendering's (``"。" if last else "；"``)."""

    id: str
    title: str
    text: str
    points: tuple[ProfilePoint, ...]


@dataclass(frozen=True)
class Category:
    """A first-level scoring item (一级评分条款), e.g. 4.1 领导 (130 points)."""

    id: str
    name: str
    points: int
    kind: Kind
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Factor:
    """An evaluation factor (A, D, L, I or Le, T, C, I) with its evaluation points (评价要点)."""

    key: str
    name: str
    points: tuple[str, ...]


@dataclass(frozen=True)
class Band:
    """A row of table C.1 or C.2: a range of percents and a descriptor per factor."""

    min: int
    max: int
    label: str
    descriptors: dict[str, str]

    def contains(self, percent: int) -> bool:
        return self.min <= percent <= self.max

    @property
    def range_label(self) -> str:
        """Compact range such as ``10–25``; the printed ``label`` reads ``10%，15%，20%或25%``."""
        return f"{self.min}–{self.max}"


@dataclass(frozen=True)
class Guideline:
    """A scoring guideline: C.1 for process items (A-D-L-I), C.2 for result items (Le-T-C-I)."""

    kind: Kind
    table: str
    clause: str
    title: str
    column: str
    model: str
    marker: str
    factors: tuple[Factor, ...]
    bands: tuple[Band, ...]

    def band_of(self, percent: int) -> Band:
        for band in self.bands:
            if band.contains(percent):
                return band
        msg = f"{percent}% lies in no band of table {self.table}"
        raise ValueError(msg)

    def band_index(self, percent: int) -> int:
        return self.bands.index(self.band_of(percent))


@dataclass(frozen=True)
class Scheme:
    id: str
    title: str
    source: str
    total: int
    step: int
    categories: tuple[Category, ...]
    guidelines: dict[Kind, Guideline]
    profile: tuple[ProfileSection, ...] = ()

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for category in self.categories for item in category.items)

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def guideline_for(self, item: Item) -> Guideline:
        return self.guidelines[item.kind]

    def profile_section(self, section_id: str) -> ProfileSection:
        for section in self.profile:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def percents(self) -> range:
        """Every percent an item may be given: 0, 5, …, 100."""
        return range(0, PERCENT_MAX + 1, self.step)

    def to_dict(self) -> dict[str, Any]:
        """The scheme as JSON-ready data (for the browser and ``scheme --format json``)."""
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "total": self.total,
            "step": self.step,
            "categories": [
                {
                    "id": c.id,
                    "name": c.name,
                    "points": c.points,
                    "kind": c.kind,
                    "items": [
                        {
                            "id": i.id,
                            "name": i.name,
                            "points": i.points,
                            "clause_points": [
                                {"id": p.id, "label": p.label} for p in i.clause_points
                            ],
                        }
                        for i in c.items
                    ],
                }
                for c in self.categories
            ],
            "guidelines": {
                kind: {
                    "table": g.table,
                    "clause": g.clause,
                    "title": g.title,
                    "column": g.column,
                    "model": g.model,
                    "marker": g.marker,
                    "factors": [
                        {"key": f.key, "name": f.name, "points": list(f.points)} for f in g.factors
                    ],
                    "bands": [
                        {
                            "min": b.min,
                            "max": b.max,
                            "label": b.label,
                            "descriptors": dict(b.descriptors),
                        }
                        for b in g.bands
                    ],
                }
                for kind, g in self.guidelines.items()
            },
            "profile": [
                {
                    "id": section.id,
                    "title": section.title,
                    "text": section.text,
                    "points": [{"id": p.id, "text": p.text} for p in section.points],
                }
                for section in self.profile
            ],
        }


def available_schemes() -> list[str]:
    """Ids of the schemes shipped in ``calculator/data``."""
    data = resources.files("calculator") / "data"
    return sorted(p.name.removesuffix(".json") for p in data.iterdir() if p.name.endswith(".json"))


_cache: dict[str, Scheme] = {}


def load_scheme(name: str = DEFAULT_SCHEME) -> Scheme:
    """Load a shipped scheme by id (cached: schemes are immutable)."""
    if name not in _cache:
        if name not in available_schemes():
            msg = f"unknown scheme {name!r}; available: {', '.join(available_schemes())}"
            raise SchemeError(msg)
        text = (resources.files("calculator") / "data" / f"{name}.json").read_text("utf-8")
        _cache[name] = parse_scheme(json.loads(text))
    return _cache[name]


def load_scheme_file(path: Path) -> Scheme:
    """Load a scheme from any JSON file (another edition or sector, or a test scheme)."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        msg = f"{path}: {exc}"
        raise SchemeError(msg) from exc
    return parse_scheme(data)


def parse_scheme(data: Any) -> Scheme:  # noqa: ANN401 - untrusted JSON is checked field by field
    """Build a scheme from decoded JSON and check that it is internally consistent."""
    try:
        scheme = _build(data)
    except (KeyError, TypeError, AttributeError) as exc:
        msg = f"malformed scheme: {exc!r}"
        raise SchemeError(msg) from exc
    _validate(scheme)
    return scheme


def _build(data: dict[str, Any]) -> Scheme:
    categories = []
    for c in data["categories"]:
        kind = _kind(c["kind"])
        items = tuple(
            Item(
                _str(i["id"]),
                _str(i["name"]),
                _int(i["points"]),
                _str(c["id"]),
                kind,
                tuple(
                    ClausePoint(_str(p["id"]), _str(p["label"]))
                    for p in _list(i.get("clause_points", []))
                ),
            )
            for i in c["items"]
        )
        categories.append(Category(_str(c["id"]), _str(c["name"]), _int(c["points"]), kind, items))
    guidelines: dict[Kind, Guideline] = {}
    for kind_name, g in data["guidelines"].items():
        kind = _kind(kind_name)
        guidelines[kind] = Guideline(
            kind=kind,
            table=_str(g["table"]),
            clause=_str(g["clause"]),
            title=_str(g["title"]),
            column=_str(g["column"]),
            model=_str(g["model"]),
            marker=_str(g["marker"]),
            factors=tuple(
                Factor(_str(f["key"]), _str(f["name"]), tuple(_str(p) for p in f["points"]))
                for f in g["factors"]
            ),
            bands=tuple(
                Band(
                    _int(b["min"]),
                    _int(b["max"]),
                    _str(b["label"]),
                    {_str(k): _str(v) for k, v in b["descriptors"].items()},
                )
                for b in g["bands"]
            ),
        )
    return Scheme(
        id=_str(data["id"]),
        title=_str(data["title"]),
        source=_str(data["source"]),
        total=_int(data["total"]),
        step=_int(data["step"]),
        categories=tuple(categories),
        guidelines=guidelines,
        profile=tuple(
            ProfileSection(
                _str(section["id"]),
                _str(section["title"]),
                _text(section.get("text", "")),
                tuple(
                    ProfilePoint(_str(p["id"]), _str(p["text"]))
                    for p in _list(section.get("points", []))
                ),
            )
            for section in _list(data.get("profile", []))
        ),
    )


def _validate(scheme: Scheme) -> None:
    problems: list[str] = []
    ids = [c.id for c in scheme.categories] + [i.id for i in scheme.items]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        problems.append(f"duplicate ids: {', '.join(duplicates)}")
    for category in scheme.categories:
        item_sum = sum(i.points for i in category.items)
        if item_sum != category.points:
            problems.append(
                f"items of {category.id} add up to {item_sum}, not its {category.points} points"
            )
        if not category.items:
            problems.append(f"category {category.id} has no items")
    category_sum = sum(c.points for c in scheme.categories)
    if category_sum != scheme.total:
        problems.append(f"categories add up to {category_sum}, not the total {scheme.total}")
    if scheme.step <= 0 or PERCENT_MAX % scheme.step:
        problems.append(f"step {scheme.step} does not divide {PERCENT_MAX}")
    problems.extend(
        f"no guideline for {kind} items"
        for kind in sorted({c.kind for c in scheme.categories} - set(scheme.guidelines))
    )
    for guideline in scheme.guidelines.values():
        problems.extend(_band_problems(guideline, scheme.step))
    problems.extend(_point_problems(scheme))
    if problems:
        raise SchemeError(f"scheme {scheme.id!r}: " + "; ".join(problems))


def _band_problems(guideline: Guideline, step: int) -> list[str]:
    """Bands must tile 0–100 in order, with no gap or overlap, and describe every factor."""
    problems = []
    expected_min = 0
    keys = [f.key for f in guideline.factors]
    for band in guideline.bands:
        where = f"table {guideline.table} band {band.min}–{band.max}"
        if band.min != expected_min:
            problems.append(f"{where} starts at {band.min}, expected {expected_min}")
        if band.max < band.min or band.min % step or band.max % step:
            problems.append(f"{where} is not a range of {step}% steps")
        if sorted(band.descriptors) != sorted(keys):
            problems.append(f"{where} describes {sorted(band.descriptors)}, not factors {keys}")
        expected_min = band.max + step
    if expected_min != PERCENT_MAX + step:
        problems.append(f"table {guideline.table} bands end at {expected_min - step}, not 100")
    return problems


def _point_problems(scheme: Scheme) -> list[str]:
    """Ids unique where comments and the profile name them; a profile section has points or a
    text, not both and not neither."""
    problems = []
    for item in scheme.items:
        ids = [p.id for p in item.clause_points]
        if len(set(ids)) < len(ids):
            problems.append(f"item {item.id} names a clause point twice: {', '.join(ids)}")
    sections = [s.id for s in scheme.profile]
    if len(set(sections)) < len(sections):
        problems.append(f"profile names a section twice: {', '.join(sections)}")
    for section in scheme.profile:
        ids = [p.id for p in section.points]
        if len(set(ids)) < len(ids):
            problems.append(f"profile section {section.id} names a point twice: {', '.join(ids)}")
        if bool(section.text) == bool(section.points):
            problems.append(f"profile section {section.id} needs points or a text (one of them)")
    return problems


def _kind(value: object) -> Kind:
    for kind in KINDS:
        if value == kind:
            return kind
    msg = f"kind must be one of {KINDS}, not {value!r}"
    raise TypeError(msg)


def _str(value: object) -> str:
    if not isinstance(value, str) or not value:
        msg = f"expected a non-empty string, got {value!r}"
        raise TypeError(msg)
    return value


def _text(value: object) -> str:
    if not isinstance(value, str):
        msg = f"expected a string, got {value!r}"
        raise TypeError(msg)
    return value


def _list(value: object) -> list[Any]:
    if not isinstance(value, list):
        msg = f"expected a list, got {value!r}"
        raise TypeError(msg)
    return value


def _int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"expected an integer, got {value!r}"
        raise TypeError(msg)
    return value
