"""Fidelity check: every sentence of the standard's source text appears verbatim in the site.

The source is the text extracted from the PDF (``source/standard.txt``). It is cut into units
(sentences, and headings or table cells that end a line), then each unit, with all whitespace
removed, must occur in the text of some built page. The repairs of the PDF extraction that the
site makes are listed here as rules, each with its reason; nothing else may differ.

    python -m build_scripts.fidelity [SITE_DIR]      # prints a report, exit 1 if incomplete
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source" / "standard.txt"

TERMINATORS = "。；：！？"
#: A line narrower than this (in full-width columns) ends a paragraph, a heading or a cell.
FULL_LINE = 41

# Page furniture of the PDF, not text of the standard.
FURNITURE = [
    re.compile(r"^[ABC]$"),  # the appendix letter printed in the page margin
]
# A table continued on the next page repeats its caption with （续） and its header row.
CONTINUED = re.compile(r"^表 ?C\.\d .*（续）$")
# List markers a) 1) and the table bullet (a private-use glyph) are rendered as list numbering.
MARKER = re.compile(r"^(?:[a-z]\)|\d\)|[\ue000-\uf8ff])\s*")
# Category headings are printed number-last ("领导 4.1"); the site puts the number first.
CATEGORY_HEADING = re.compile(r"^(\S+)\s+(4\.\d)$")
# Figure A.1 survives only as loose labels between two halves of a sentence of A.1 d).
FIGURE_START, FIGURE_END = "4.1 领导", "组织概述"
# The extraction dropped the 、 of "测量、分析与改进" in the figure's label.
FIGURE_REPAIRS = {"4.6 测量 分析与改进": "4.6 测量、分析与改进"}


@dataclass(frozen=True)
class Report:
    units: list[str]
    missing: list[str]

    @property
    def present(self) -> int:
        return len(self.units) - len(self.missing)

    @property
    def percent(self) -> float:
        return 100.0 * self.present / len(self.units) if self.units else 0.0

    def __str__(self) -> str:
        lines = [
            f"{self.present}/{len(self.units)} source units present ({self.percent:.1f} %)",
        ]
        lines += [f"  missing: {unit}" for unit in self.missing]
        return "\n".join(lines)


def _width(text: str) -> float:
    return sum(1 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def source_units(text: str) -> list[str]:
    """Cut the source into whitespace-free units, applying the repair rules above."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    units: list[str] = []
    figure: list[str] = []
    buffer = ""
    skip_next = False
    in_figure = False
    for raw in lines:
        if skip_next:
            skip_next = False
            continue
        if any(p.match(raw) for p in FURNITURE):
            continue
        if CONTINUED.match(raw):
            skip_next = True  # and its repeated header row
            continue
        if raw == FIGURE_START:
            in_figure = True
        if in_figure:
            figure.append(FIGURE_REPAIRS.get(raw, raw))
            in_figure = raw != FIGURE_END
            continue
        line = CATEGORY_HEADING.sub(r"\2 \1", raw)
        short = _width(line) < FULL_LINE
        buffer += _squash(MARKER.sub("", line))
        # emit every complete sentence; a short line ends the paragraph, heading or cell
        parts = re.split(f"(?<=[{TERMINATORS}])", buffer)
        buffer = parts.pop()
        units.extend(parts)
        if short and buffer:
            units.append(buffer)
            buffer = ""
    if buffer:
        units.append(buffer)
    units.extend(_squash(label) for label in figure)
    return [u for u in units if u.strip(TERMINATORS)]


class _ArticleText(HTMLParser):
    """The text of a page's article (the content, without navigation), tags stripped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002
        if tag == "article":
            self.depth += 1
        elif tag in {"script", "style"}:
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        elif tag in {"script", "style"}:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if self.depth > 0 and not self.skip:
            self.parts.append(data)


def page_texts(site: Path) -> dict[str, str]:
    """Whitespace-free article text of every HTML page of a built site."""
    texts = {}
    for path in sorted(site.rglob("*.html")):
        parser = _ArticleText()
        parser.feed(path.read_text("utf-8"))
        texts[str(path.relative_to(site))] = _squash("".join(parser.parts))
    return texts


def check(site: Path, source: Path = SOURCE) -> Report:
    units = source_units(source.read_text("utf-8"))
    pages = list(page_texts(site).values())
    missing = [unit for unit in units if not any(unit in page for page in pages)]
    return Report(units, missing)


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else ROOT / "site"
    report = check(site)
    sys.stdout.write(f"{report}\n")
    return 0 if not report.missing else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
