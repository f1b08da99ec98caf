"""The golden vectors (``tests/vectors/golden.txt``, one hand-checked case per line, as cvss's
``tests/vectors_*``) and the small language of their scores column, for every test using them."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from calculator.scheme import Scheme

GOLDEN = Path(__file__).parent / "vectors" / "golden.txt"


class Vector(NamedTuple):
    """One line of the file: expected numbers as written there (exact decimals)."""

    name: str
    scores: str  # "*=P" every item, "ID=P" one item (later wins), "-" nothing
    total: str
    process: str
    results: str
    scored: str
    categories: str  # the seven subtotals, 4.1 to 4.7


def vectors() -> list[Vector]:
    return [
        Vector(*(field.strip() for field in line.split(" | ")))
        for line in GOLDEN.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def scores(spec: str, scheme: Scheme) -> dict[str, int]:
    """The ``scores`` of an assessment from a vector's scores column."""
    found: dict[str, int] = {}
    for part in spec.split():
        if part == "-":
            continue
        key, value = part.split("=")
        for item in scheme.items if key == "*" else [scheme.item(key)]:
            found[item.id] = int(value)
    return found
