"""The feedback report as a Word document (.docx): ``layout`` lays ``feedback.feedback_data`` out as
blocks (headings, paragraphs of runs, tables) with every word and every text of it already made
safe, and two renderers turn the same blocks into a file — ``to_docx`` here with python-docx (the
CLI; the optional extra ``docx``), and the page's ``docx.mjs`` with the npm package ``docx`` (the
engine's ``feedback`` reply carries the blocks when asked). Nothing is computed here that the
report's data does not say.

A person's text becomes text and nothing else: it is put into runs (python-docx and the npm
package escape ``<`` and ``&``), its lines become line breaks, and every character a terminal,
a reader or XML 1.0 may not take raw (control characters, bidirectional controls, lone
surrogates, U+FFFE, U+FFFF) is shown as its ``\\uXXXX`` escape, as in the Markdown and HTML
reports: a hostile comment cannot break the file or reorder what the reader sees.

The layout (both renderers): A4 portrait, 25 mm margins; body 宋体 (SimSun) 10.5 pt, headings
黑体 (SimHei) in Word's own Heading 1/2/3 styles (so the navigation pane lists them), each font
set for East Asian text (``w:eastAsia``) too; a score table per category; the page number and
the number of pages in the footer (fields PAGE and NUMPAGES).
"""

from __future__ import annotations

import io
from typing import Any

from calculator import key_themes
from calculator.feedback import (
    NO_THEMES,
    NOT_WRITTEN,
    PRIORITIES_TITLE,
    RATIONALE_LABEL,
    THEMES_TITLE,
    TOTAL_TITLE,
    item_heading,
    meta,
    report_heading,
    score_line,
)
from calculator.output import COMMENT_KINDS, FIELD_LABELS, NOT_SCORED
from calculator.safe_text import printable

Block = dict[str, Any]

INSTALL_HINT = (
    "docx 格式需要可选依赖 docx（python-docx）：在本仓库中用 uv sync --extra docx 安装，"
    "用 pip 安装时为 pip install 'gov-excellence-calculator[docx]'"
)
TABLE_HEADER = ["评分条款", "分值", "得分率", "得分", "分数段"]
TABLE_TOTAL = "合计"
# the footer: text, then {"field": …} for Word's page fields
FOOTER: list[str | dict[str, str]] = [
    "第 ",
    {"field": "PAGE"},
    " 页，共 ",
    {"field": "NUMPAGES"},
    " 页",
]


BODY_FONT = "SimSun"  # 宋体
HEADING_FONT = "SimHei"  # 黑体
BODY_SIZE = 10.5  # 五号
HEADING_SIZES = {1: 16, 2: 14, 3: 12}  # 三号, 四号, 小四
HEADING_SPACING = {1: (0, 12), 2: (18, 6), 3: (12, 6)}  # points before and after
BODY_AFTER = 3  # points after a paragraph
LINE_SPACING = 1.25
META_SIZE = 9
META_COLOUR = "555555"
TOTAL_SIZE = 14
MARGIN_MM = 25
INDENT_MM = 7
COLUMNS_MM = (70, 22, 26, 22, 20)  # the score table's columns: the page's width inside the margins
# The document's format, in the layout too: docx.mjs renders the page's blocks with it (one fact)
FORMAT = {
    "body_font": BODY_FONT,
    "heading_font": HEADING_FONT,
    "body_size": BODY_SIZE,
    "heading_sizes": HEADING_SIZES,
    "heading_spacing": HEADING_SPACING,
    "body_after": BODY_AFTER,
    "line_spacing": LINE_SPACING,
    "meta_size": META_SIZE,
    "meta_colour": META_COLOUR,
    "total_size": TOTAL_SIZE,
    "margin_mm": MARGIN_MM,
    "indent_mm": INDENT_MM,
    "columns_mm": COLUMNS_MM,
}


def safe(text: str) -> str:
    """One line of text as the document may carry it: every unsafe character (every one XML 1.0
    forbids among them) as its escape, as the Markdown and HTML reports show it."""
    return printable(text)


def note(text: str) -> str:
    """A person's text: its written lines (blank ones left out), each made safe, joined by
    ``\\n`` — the only control character a block's text holds, a line break in the document."""
    lines = [safe(line) for line in text.strip().splitlines() if line.strip()]
    return "\n".join(lines)


def _heading(level: int, text: str) -> Block:
    return {"type": "heading", "level": level, "text": safe(text)}


def _paragraph(*runs: str | tuple[str, bool], style: str = "body", indent: int = 0) -> Block:
    """A paragraph of runs: a text is made safe, a (text, bold) pair is already (``note``)."""
    out = []
    for run in runs:
        text, bold = (run, False) if isinstance(run, str) else run
        if text:
            out.append({"text": safe(text) if isinstance(run, str) else text, "bold": bold})
    return {"type": "paragraph", "style": style, "indent": indent, "runs": out}


def _note_run(text: str, bold: bool = False) -> tuple[str, bool]:  # noqa: FBT001, FBT002
    return (note(text) or NOT_WRITTEN, bold)


def _front(data: dict[str, Any]) -> list[Block]:
    out: list[Block] = []
    if data["profile"]:
        out.append(_heading(2, FIELD_LABELS["profile"]))
        for section in data["profile"]:
            out.append(_heading(3, f"{section['id']} {section['title']}"))
            for answer in section["answers"]:
                label = [(safe(answer["label"]) + "：", True)] if answer["label"] else []
                out.append(_paragraph(*label, _note_run(answer["text"])))
    if data["key_factors"]:
        out.append(_heading(2, FIELD_LABELS["key_factors"]))
        for factor in data["key_factors"]:
            tied = [
                *([f"{FIELD_LABELS['profile']} {factor['profile']}"] if factor["profile"] else []),
                *([f"评分条款 {'、'.join(factor['items'])}"] if factor["items"] else []),
            ]
            tail = f"（{'；'.join(tied)}）" if tied else ""
            out.append(
                _paragraph((safe(factor["id"]) + "：", True), _note_run(factor["text"]), tail)
            )
    themes = data["key_themes"]
    out.append(_heading(2, THEMES_TITLE))
    if themes["proposed"]:
        out.append(_paragraph(f"（{key_themes.PROPOSED_NOTE}。）", style="meta"))
    for group, entries in key_themes.groups(themes):
        out.append(_heading(3, group))
        for theme in entries:
            tail = f"（{'、'.join(theme['items'])}）" if theme["items"] else ""
            out.append(_paragraph(_note_run(theme["text"]), tail, indent=1))
        if not entries:
            out.append(_paragraph(NO_THEMES, indent=1))
    return out


def _table(category: dict[str, Any]) -> Block:
    rows = []
    for item in category["items"]:
        scored = item["percent"] is not None
        rows.append(
            [
                f"{item['id']} {item['name']}",
                str(item["max"]),
                f"{item['percent']}%" if scored else NOT_SCORED,
                item["points"] if scored else "",
                f"{item['band']}%" if scored and item["band"] else "",
            ]
        )
    rows.append([TABLE_TOTAL, str(category["max"]), "", category["points"], ""])
    return {
        "type": "table",
        "header": TABLE_HEADER,
        "rows": [[safe(cell) for cell in row] for row in rows],
    }


def _comment(comment: dict[str, Any]) -> list[Block]:
    out = [_paragraph((safe(comment["mark"]) + " ", True), _note_run(comment["text"]), indent=1)]
    parts = meta(comment)
    if parts:
        out.append(_paragraph(f"（{'；'.join(parts)}）", style="meta", indent=2))
    if comment["evidence"].strip():
        out.append(
            _paragraph(
                f"{FIELD_LABELS['evidence']}：",
                (note(comment["evidence"]), False),
                style="meta",
                indent=2,
            )
        )
    return out


def _item(category: dict[str, Any], item: dict[str, Any]) -> list[Block]:
    out = [_heading(3, item_heading(item)), _paragraph(score_line(category, item))]
    if item["percent"] is None:
        return out
    out += [
        _paragraph(f"{line['factor']}：{line['text']}", style="meta") for line in item["band_text"]
    ]
    if item["rationale"]:
        out.append(_paragraph((f"{RATIONALE_LABEL}：", True), _note_run(item["rationale"])))
    for kind, label in COMMENT_KINDS.items():
        comments = item["comments"][kind]
        out.append(_paragraph((label + "：", True), "" if comments else NOT_WRITTEN))
        for comment in comments:
            out += _comment(comment)
    return out


def layout(data: dict[str, Any]) -> dict[str, Any]:
    """The report's data (``feedback.feedback_data``) as the document's blocks, in order."""
    blocks = [
        _heading(1, report_heading(data)),
        _paragraph(data["source"] + "。", style="meta"),
        _paragraph((safe(data["summary"] + "。"), True)),
        *_front(data),
    ]
    for category in data["categories"]:
        blocks.append(
            _heading(
                2,
                f"{category['id']} {category['name']}"
                f"（{category['points']} / {category['max']} 分）",
            )
        )
        blocks.append(_table(category))
        for item in category["items"]:
            blocks += _item(category, item)
    if data["priorities"]:
        blocks.append(_heading(2, PRIORITIES_TITLE))
        blocks += [_paragraph(f"{n}. {text}") for n, text in enumerate(data["priorities"], 1)]
    blocks.append(_heading(2, TOTAL_TITLE))
    blocks.append(_paragraph((f"{data['total']} / {data['max']}", True), style="total"))
    return {
        "title": safe(report_heading(data)),
        "footer": FOOTER,
        "format": FORMAT,
        "blocks": blocks,
    }


# ------------------------------------------------------------------------------- python-docx


def to_docx(data: dict[str, Any]) -> bytes:
    """The report as a .docx file. Needs python-docx (the optional extra ``docx``)."""
    import docx  # noqa: PLC0415 - optional, CLI only

    shape = layout(data)
    document = docx.Document()
    document.core_properties.title = shape["title"]
    document.core_properties.language = "zh-CN"
    _styles(document)
    _page(document, shape["footer"])
    for block in shape["blocks"]:
        if block["type"] == "heading":
            document.add_heading(block["text"], block["level"])
        elif block["type"] == "table":
            _add_table(document, block)
        else:
            _add_paragraph(document, block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _styles(document: Any) -> None:  # noqa: ANN401 - python-docx's document
    """Body text in 宋体, Word's Heading 1/2/3 in 黑体, black; the language Chinese."""
    from docx.shared import Pt, RGBColor  # noqa: PLC0415

    normal = document.styles["Normal"]
    _fonts(normal, BODY_FONT, Pt(BODY_SIZE))
    normal.paragraph_format.space_after = Pt(BODY_AFTER)
    normal.paragraph_format.line_spacing = LINE_SPACING
    _chinese(document)
    for level, size in HEADING_SIZES.items():
        style = document.styles[f"Heading {level}"]
        _fonts(style, HEADING_FONT, Pt(size))
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.bold = True
        before, after = HEADING_SPACING[level]
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.keep_with_next = True


def _page(document: Any, parts: list[Any]) -> None:  # noqa: ANN401 - python-docx's document
    """A4, the margins, and the footer with the page fields."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415
    from docx.shared import Mm  # noqa: PLC0415

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Mm(MARGIN_MM))
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for part in parts:
        if isinstance(part, str):
            footer.add_run(part)
        else:
            _field(footer, part["field"])


def _add_paragraph(document: Any, block: Block) -> None:  # noqa: ANN401 - python-docx's document
    from docx.shared import Mm, Pt, RGBColor  # noqa: PLC0415

    paragraph = document.add_paragraph()
    if block["indent"]:
        paragraph.paragraph_format.left_indent = Mm(INDENT_MM * block["indent"])
    for run in block["runs"]:
        added = paragraph.add_run(run["text"])  # "\n" becomes a line break
        added.bold = run["bold"] or None
        if block["style"] == "meta":
            added.font.size = Pt(META_SIZE)
            added.font.color.rgb = RGBColor.from_string(META_COLOUR)
        elif block["style"] == "total":
            added.font.size = Pt(TOTAL_SIZE)


def _fonts(style: Any, name: str, size: Any) -> None:  # noqa: ANN401 - python-docx's objects
    """A style's font for Latin and East Asian text alike (no theme font overriding it)."""
    from docx.oxml.ns import qn  # noqa: PLC0415

    style.font.name = name
    style.font.size = size
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    for attribute in ("ascii", "hAnsi", "eastAsia"):
        fonts.set(qn(f"w:{attribute}"), name)


def _chinese(document: Any) -> None:  # noqa: ANN401 - python-docx's document
    """The document's language: Chinese (the template says English)."""
    from docx.oxml.ns import qn  # noqa: PLC0415

    for language in document.styles.element.iter(qn("w:lang")):
        language.set(qn("w:val"), "zh-CN")
        language.set(qn("w:eastAsia"), "zh-CN")
    # the document's default spacing as Normal's (the template's is 10 pt after, 1.15 lines)
    for spacing in document.styles.element.iter(qn("w:pPrDefault")):
        for element in spacing.iter(qn("w:spacing")):
            element.set(qn("w:after"), str(BODY_AFTER * 20))
            element.set(qn("w:line"), str(round(LINE_SPACING * 240)))


def _field(paragraph: Any, code: str) -> None:  # noqa: ANN401 - python-docx's paragraph
    """A Word field (PAGE, NUMPAGES) in a run of its own: begin, instruction, separate, a
    placeholder Word replaces, end."""
    from docx.oxml import OxmlElement  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415

    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {code} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instruction, separate, placeholder, end):
        run._r.append(element)  # noqa: SLF001 - python-docx has no field API


def _add_table(document: Any, block: Block) -> None:  # noqa: ANN401 - python-docx's document
    from docx.oxml import OxmlElement  # noqa: PLC0415
    from docx.shared import Mm  # noqa: PLC0415

    table = document.add_table(rows=1, cols=len(block["header"]))
    table.style = document.styles["Table Grid"]
    table.autofit = False
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # noqa: SLF001 - repeated
    for cell, text in zip(header.cells, block["header"], strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for row in block["rows"]:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    for column, width in zip(table.columns, COLUMNS_MM, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
