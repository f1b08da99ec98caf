"""The feedback report's test scorebook (hostile texts in every place a person writes) and the
readers of each rendering: Markdown and HTML as their text, a .docx (python-docx) as its
headings, paragraphs and tables. Shared by the engine's and the page's tests."""

from __future__ import annotations

import html.parser
import io
import re
from dataclasses import dataclass
from typing import Any

import docx
import markdown
from docx.oxml.ns import qn

from calculator import assessment

# a scorebook with a profile, a key factor, key themes proposed from ++/−− comments, and texts
# that would be markup, XML or control characters if they were not kept as text
HOSTILE_SCOREBOOK: dict[str, Any] = {
    "format": assessment.FORMAT,
    "version": 2,
    "title": "某局 <script>alert(1)</script>",
    "scores": {"4.1.2": 55, "4.1.3": 70, "4.7.2": 30},
    "profile": {
        "B.1.1": {"a": "法定职能</w:t><w:t>注入"},
        "B.2.3": "绩效改进\x07系统",
    },
    "key_factors": [{"id": "KF1", "text": "窗口多 & <b>审批</b>", "items": ["4.1.2"]}],
    "comments": {
        "4.1.2": [
            {
                "kind": "strength",
                "major": True,
                "factor": "A",
                "point": "a",
                "text": "领导班子定期研究战略</w:t></w:r>",
                "evidence": "会议纪要\x00 2025",
            },
            {"kind": "strength", "factor": "D", "text": "普通优势 \u202e反转"},
            {
                "kind": "opportunity",
                "major": True,
                "factor": "L",
                "text": "缺少绩效测量 <script>x</script>",
                "key_factors": ["KF1"],
            },
            {"kind": "opportunity", "factor": "I", "text": "第一行\n第二行\x0b垂直 \ufffe"},
        ],
        "4.7.2": [
            {
                "kind": "strength",
                "major": True,
                "factor": "Le",
                "point": "1",
                "text": "质量水平领先 [链接](javascript:alert(1))",
                "evidence": "年报第 3 页",
            }
        ],
    },
}


def person_texts(document: dict[str, Any]) -> list[str]:
    """Every text a person wrote in ``document``."""
    texts = [document["title"]]
    for entry in document["profile"].values():
        texts += entry.values() if isinstance(entry, dict) else [entry]
    for factor in document["key_factors"]:
        texts += [factor["id"], factor["text"]]
    for comments in document["comments"].values():
        for comment in comments:
            texts += [comment["text"], comment.get("evidence", "")]
    return [text for text in texts if text]


@dataclass(frozen=True)
class Word:
    """A .docx read back: its paragraphs (style name, text) in order, its tables' cells, its
    footer's text and fields, its styles' East Asian fonts and its page."""

    paragraphs: list[tuple[str, str]]
    tables: list[list[list[str]]]
    footer: str
    fields: list[str]
    fonts: dict[str, str | None]
    outline: dict[str, int | None]  # each heading style's outline level (the navigation pane)
    page_mm: tuple[int, int]
    xml: str

    @property
    def headings(self) -> list[tuple[str, str]]:
        return [(style, text) for style, text in self.paragraphs if style.startswith("Heading")]

    @property
    def text(self) -> str:
        """Every paragraph's and cell's text, one a line."""
        cells = [cell for table in self.tables for row in table for cell in row]
        return "\n".join([text for _, text in self.paragraphs] + cells)


def read_docx(content: bytes) -> Word:
    document = docx.Document(io.BytesIO(content))
    section = document.sections[0]
    footer = section.footer
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))

    def east_asian(style_id: str) -> str | None:
        """The style's East Asian font, else the document default's."""
        element = styles.get_by_id(style_id)
        for holder in (element, defaults):
            fonts = holder.find(f".//{qn('w:rFonts')}") if holder is not None else None
            if fonts is not None and fonts.get(qn("w:eastAsia")):
                return str(fonts.get(qn("w:eastAsia")))
        return None

    def outline(style_id: str) -> int | None:
        element = styles.get_by_id(style_id)
        level = element.find(f".//{qn('w:outlineLvl')}") if element is not None else None
        return int(level.get(qn("w:val"))) if level is not None else None

    width, height = section.page_width, section.page_height
    assert width is not None
    assert height is not None
    return Word(
        paragraphs=[(p.style.name if p.style else "", p.text) for p in document.paragraphs],
        tables=[[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables],
        footer="".join(p.text for p in footer.paragraphs),
        fields=[
            " ".join((node.text or "").split())
            for node in footer._element.iter(qn("w:instrText"))  # noqa: SLF001
        ]
        + [
            " ".join(str(node.get(qn("w:instr"))).split())
            for node in footer._element.iter(qn("w:fldSimple"))  # noqa: SLF001
        ],
        fonts={name: east_asian(name) for name in ("Normal", "Heading1", "Heading2", "Heading3")},
        outline={name: outline(name) for name in ("Heading1", "Heading2", "Heading3")},
        page_mm=(round(width.mm), round(height.mm)),
        xml=document.element.xml,
    )


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, _: list[tuple[str, str | None]]) -> None:
        self.skip += tag in ("style", "title")
        if tag in ("p", "li", "h1", "h2", "h3", "dt", "dd", "br", "tr", "td", "th"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("style", "title")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_text(page: str) -> str:
    """An HTML page's text content (not its style or title)."""
    parser = _Text()
    parser.feed(page)
    parser.close()
    return "".join(parser.parts)


def markdown_text(text: str) -> str:
    """Markdown stripped of its markup: rendered, then its text content."""
    return html_text(markdown.markdown(text))


def compact(text: str) -> str:
    """Whitespace runs as one space: renderings break and indent lines their own ways."""
    return " ".join(text.split())


FIGURE = re.compile(r"\d+(?:\.\d+)?%?")


def figures(text: str) -> set[str]:
    return set(FIGURE.findall(text))
