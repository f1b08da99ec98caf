"""The scheme data says exactly what the standard prints in table A.1, tables C.1/C.2 and
appendix B, and each item's points are those of its clause in the guide's text.

The source is the text extracted from the PDF (``source/standard.txt``). Its lines break
mid-sentence, so the comparison ignores whitespace; everything else must match to the character.
The item points are checked against the guide's Markdown (``docs/guide/4.x.md``, itself checked
word for word against the standard by the fidelity test), read here on its own terms.
"""

from __future__ import annotations

import re

import pytest

from calculator.scheme import Guideline, Scheme
from tests.conftest import ROOT, SOURCE_TEXT

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


def test_profile_word_for_word(scheme: Scheme) -> None:
    """Appendix B's sections as the standard prints them: the heading with its colon, then the
    lettered points closed by ；, the last by 。 (as ``profile.html`` renders them), or the
    paragraph; in order."""
    appendix = _between(FLAT, "附录B（资料性）组织概述", "附录C（资料性）")
    position = 0
    for section in scheme.profile:
        body = (
            "".join(
                f"{p.id}){p.text}{'。' if n == len(section.points) else '；'}"
                for n, p in enumerate(section.points, 1)
            )
            if section.points
            else section.text
        )
        expected = re.sub(r"\s+", "", f"{section.id}{section.title}：{body}")
        found = appendix.find(expected, position)
        assert found >= 0, f"{expected!r} not found after position {position}"
        position = found + len(expected)
    # nothing of appendix B after the last section but the next page's margin letters ("C C")
    assert re.sub("C+$", "", appendix).endswith(expected)


def test_appendix_b_renders_the_profile_from_the_data(scheme: Scheme) -> None:
    """docs/appendix-b.md keeps each section's heading (clause id and title) and its marker, and
    nothing else under it."""
    markdown = (ROOT / "docs" / "appendix-b.md").read_text("utf-8")
    sections = re.findall(
        r"^### (\S+) (.+)：\n\n<!-- scheme:profile (\S+) -->\n", markdown, re.MULTILINE
    )
    assert sections == [(s.id, s.title, s.id) for s in scheme.profile]


def _clauses() -> dict[str, str]:
    """The text under each ``## 4.x.y`` heading of the guide's pages."""
    clauses = {}
    for page in sorted((ROOT / "docs" / "guide").glob("4.*.md")):
        for block in page.read_text("utf-8").split("\n## ")[1:]:
            heading, _, body = block.partition("\n")
            clauses[heading.split()[0]] = body.strip()
    return clauses


def test_item_points_are_the_guide_s(scheme: Scheme) -> None:
    """An item's points are its clause's lettered points where it letters them, else its
    paragraphs: ids in order, as many as the clause has, each label the start of its point (and
    ending where a phrase ends)."""
    clauses = _clauses()
    for item in scheme.items:
        text = clauses[item.id]
        lettered = re.findall(r"^([a-z])\) (.+)$", text, re.MULTILINE)
        if lettered:
            points = lettered
        else:
            paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
            points = [(str(n), p) for n, p in enumerate(paragraphs, 1)]
        assert [p.id for p in item.clause_points] == [i for i, _ in points], item.id
        for point, (_, words) in zip(item.clause_points, points, strict=True):
            assert point.label, (item.id, point.id)
            assert words.startswith(point.label), (item.id, point.id, point.label)
            assert words[len(point.label)] in "：，。；(", (item.id, point.id, point.label)
