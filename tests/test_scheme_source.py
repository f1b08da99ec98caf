"""The scheme data says exactly what the standard prints in table A.1 and tables C.1/C.2.

The source is the text extracted from the PDF (``source/standard.txt``). Its lines break
mid-sentence, so the comparison ignores whitespace; everything else must match to the character.
"""

from __future__ import annotations

import re

import pytest

from calculator.scheme import Guideline, Scheme
from tests.conftest import SOURCE_TEXT

SOURCE = SOURCE_TEXT.read_text("utf-8")
FLAT = re.sub(r"\s+", "", SOURCE)


def _between(text: str, start: str, end: str) -> str:
    begin = text.index(start)
    return text[begin : text.index(end, begin)]


def test_table_a1_rows(scheme: Scheme) -> None:
    table = _between(SOURCE, "表A.1 评分条款分值表", "合计 1000")
    row = r"^(4\.\d(?:\.\d)?) (\S+?)(?:（(\d+)分）| (\d+))\s*$"
    printed = [(m[1], m[2], int(m[3] or m[4])) for m in re.finditer(row, table, flags=re.MULTILINE)]
    ours = []
    for c in scheme.categories:
        ours.append((c.id, c.name, c.points))
        ours.extend((i.id, i.name, i.points) for i in c.items)
    assert printed == ours
    assert "合计 1000" in SOURCE
    assert scheme.total == 1000


def _table(guideline: Guideline) -> str:
    start = f"表{guideline.table}{guideline.title}"
    ends = {"C.1": "C.2“结果”条款评分", "C.2": "\x00"}
    flat = FLAT + "\x00"
    return _between(flat, start, ends[guideline.table])


@pytest.mark.parametrize("kind", ["process", "results"])
def test_band_descriptors_word_for_word_and_in_order(scheme: Scheme, kind: str) -> None:
    guideline = scheme.guidelines["process" if kind == "process" else "results"]
    table = _table(guideline)
    assert table.startswith(f"表{guideline.table}{guideline.title}分数{guideline.column}")
    position = 0
    for band in guideline.bands:
        pieces = [band.label] + [
            text + guideline.marker.format(key) for key, text in band.descriptors.items()
        ]
        for piece in pieces:
            found = table.find(re.sub(r"\s+", "", piece), position)
            assert found >= 0, f"{guideline.table}: {piece!r} not found after position {position}"
            position = found + len(piece)
    for factor in guideline.factors:
        assert table.count(guideline.marker.format(factor.key)) == len(guideline.bands)


@pytest.mark.parametrize("kind", ["process", "results"])
def test_evaluation_points_word_for_word(scheme: Scheme, kind: str) -> None:
    guideline = scheme.guidelines["process" if kind == "process" else "results"]
    start = f"{guideline.clause}“{guideline.column}”条款评分"
    section = _between(FLAT, start, f"表{guideline.table}{guideline.title}")
    position = 0
    for letter, factor in zip("abcd", guideline.factors, strict=True):
        head = f"{letter})“{factor.name}”评价要点："
        position = section.index(head, position) + len(head)
        numbered = len(factor.points) > 1
        for n, point in enumerate(factor.points, 1):
            expected = f"{n}){point}" if numbered else point
            assert section.startswith(expected, position), (head, expected)
            position += len(expected)
