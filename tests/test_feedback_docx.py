"""The feedback report as a Word document (calculator/feedback_docx.py): read back with
python-docx — Word's heading styles and their texts, a score table per category, every comment
with its mark, the total, the page, the fonts and the page numbers; every hostile text kept as
text; the Markdown, HTML and Word renderings carrying the same texts and figures; the CLI's
``feedback --format docx``, refused on a terminal without ``-o``, and what it says when
python-docx is missing."""

from __future__ import annotations

import json
import os
import pty
import sys
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from calculator import assessment, feedback, feedback_docx, service
from calculator.safe_text import printable
from tests.cli_runner import Runner, one_line_error, run_process
from tests.reports import (
    HOSTILE_SCOREBOOK,
    compact,
    figures,
    html_text,
    markdown_text,
    person_texts,
    read_docx,
)


@pytest.fixture(scope="module")
def data() -> dict[str, object]:
    return feedback.feedback_data(assessment.from_data(HOSTILE_SCOREBOOK))


@pytest.fixture(scope="module")
def content(data: dict[str, object]) -> bytes:
    return feedback_docx.to_docx(data)


def test_word_headings_tables_comments_and_total(content: bytes) -> None:
    word = read_docx(content)
    headings = word.headings
    assert headings[0] == ("Heading 1", "反馈报告：某局 <script>alert(1)</script>")
    level2 = [text for style, text in headings if style == "Heading 2"]
    assert level2[:3] == ["组织概述", "关键因素", "关键主题"]
    assert "4.1 领导（54 / 130 分）" in level2
    assert "4.7 结果（24 / 400 分）" in level2
    assert level2[-2:] == ["改进优先", "总分"]
    level3 = [text for style, text in headings if style == "Heading 3"]
    assert "4.1.2 领导班子的作用（60 分）" in level3
    assert [t for t in level3 if t.startswith(("过程条款", "结果条款"))] == [
        "过程条款的优势",
        "过程条款的改进机会",
        "结果条款的优势",
        "结果条款的改进机会",
    ]
    assert len([t for t in level3 if t[:1] == "4"]) == 23  # every item
    # a score table per category
    assert len(word.tables) == 7
    first = word.tables[0]
    assert first[0] == feedback_docx.TABLE_HEADER
    assert first[1] == ["4.1.2 领导班子的作用", "60", "55%", "33", "50–65%"]
    assert first[3] == ["4.1.4 社会责任", "40", "未评分", "", ""]
    assert first[-1] == ["合计", "130", "", "54", ""]
    # the comments, each with its mark, factor, point and evidence
    texts = [text for _, text in word.paragraphs]
    assert "++ 领导班子定期研究战略</w:t></w:r>" in texts
    assert "（评价要点 A 方法；条款要点 a) 确定方向）" in texts
    assert "证据：会议纪要\\u0000 2025" in texts
    assert "+ 普通优势 \\u202e反转" in texts
    assert "\u2212\u2212 缺少绩效测量 <script>x</script>" in texts
    assert "（评价要点 L 学习；关键因素 KF1）" in texts
    assert "\u2212 第一行\n第二行\n垂直 \\ufffe" in texts  # its lines as line breaks
    assert "++ 质量水平领先 [链接](javascript:alert(1))" in texts
    # the key themes proposed from the ++/−− comments, with their items
    assert "领导班子定期研究战略</w:t></w:r>（4.1.2）" in texts
    assert "缺少绩效测量 <script>x</script>（4.1.2）" in texts
    # the total last
    assert word.paragraphs[-2:] == [("Heading 2", "总分"), ("Normal", "78 / 1000")]


def test_word_page_fonts_and_page_numbers(content: bytes) -> None:
    word = read_docx(content)
    assert word.page_mm == (210, 297)
    assert word.fonts == {
        "Normal": "SimSun",
        "Heading1": "SimHei",
        "Heading2": "SimHei",
        "Heading3": "SimHei",
    }
    assert word.outline == {"Heading1": 0, "Heading2": 1, "Heading3": 2}
    assert word.fields == ["PAGE", "NUMPAGES"]
    assert word.footer.startswith("第 ")


def test_hostile_texts_stay_text(content: bytes) -> None:
    """Nothing a person wrote becomes XML or markup, and no character XML 1.0 forbids (nor a
    bidirectional control) reaches the file: each is shown as its escape."""
    with zipfile.ZipFile(BytesIO(content)) as package:
        assert package.testzip() is None
        body = package.read("word/document.xml").decode("utf-8")
    for raw in ("\x00", "\x07", "\x0b", "\u202e", "\ufffe"):
        assert raw not in body
    assert "<script>" not in body
    assert "&lt;/w:t&gt;&lt;/w:r&gt;" in body
    texts = [t.text for t in parse_xml(body.encode()).iter(qn("w:t"))]
    assert "法定职能</w:t><w:t>注入" in texts  # one text element, as written
    text = read_docx(content).text
    assert "法定职能</w:t><w:t>注入" in text
    assert "绩效改进\\u0007系统" in text
    assert "窗口多 & <b>审批</b>" in text


@pytest.mark.parametrize("hostile", ["\x00\x01\x1f", "\x7f\x9f", "\u2028\u2029", "\uffff", "]]>"])
def test_any_text_makes_a_file(hostile: str) -> None:
    document = assessment.from_data(
        {
            **HOSTILE_SCOREBOOK,
            "title": hostile,
            "comments": {"4.1.2": [{"kind": "strength", "text": f"a{hostile}b"}]},
        }
    )
    word = read_docx(feedback_docx.to_docx(feedback.feedback_data(document)))
    assert any(text.startswith("+ a") for _, text in word.paragraphs)


def test_markdown_html_and_word_say_the_same(data: dict[str, object], content: bytes) -> None:
    """Every text a person wrote (each line, made safe as every rendering shows it) and every
    figure is in the Markdown (stripped of its markup), the HTML (its text) and the Word
    document (its paragraphs and tables)."""
    texts = {
        "md": compact(markdown_text(feedback.to_markdown(data))),
        "html": compact(html_text(feedback.to_html(data))),
        "docx": compact(read_docx(content).text),
    }
    lines = {
        compact(printable(line))
        for text in person_texts(HOSTILE_SCOREBOOK)
        for line in text.splitlines()
        if line.strip()
    }
    assert len(lines) >= 14
    for name, text in texts.items():
        missing = [line for line in lines if line not in text]
        assert not missing, (name, missing)
    assert figures(texts["md"]) == figures(texts["html"]) == figures(texts["docx"])
    assert {"78", "1000", "54", "33", "55%", "65%"} <= figures(texts["docx"])


def test_the_page_s_reply_carries_the_report_and_its_blocks(data: dict[str, object]) -> None:
    request = {"type": "feedback", "payload": {"document": HOSTILE_SCOREBOOK}}
    reply = json.loads(service.handle(json.dumps(request)))["result"]
    assert reply["report"] == json.loads(json.dumps(data))  # what feedback --format json prints
    assert "docx" not in reply  # only when asked
    request["payload"] = {"document": HOSTILE_SCOREBOOK, "docx": True}
    reply = json.loads(service.handle(json.dumps(request)))["result"]
    assert reply["docx"] == json.loads(json.dumps(feedback_docx.layout(data)))
    blocks = reply["docx"]["blocks"]
    title = "反馈报告：某局 <script>alert(1)</script>"
    assert blocks[0] == {"type": "heading", "level": 1, "text": title}
    # no control character but the line break in any text the page renders
    for block in blocks:
        for text in [block.get("text", "")] + [r["text"] for r in block.get("runs", [])]:
            assert printable(text.replace("\n", "")) == text.replace("\n", "")


def test_cli_writes_the_same_document(run: Runner, tmp_path: Path, content: bytes) -> None:
    source = tmp_path / "scorebook.json"
    source.write_text(json.dumps(HOSTILE_SCOREBOOK, ensure_ascii=False), "utf-8")
    out = tmp_path / "反馈报告.docx"
    done = run("feedback", source, "--format", "docx", "-o", out)
    assert done.returncode == 0, done.stderr.decode()
    assert read_docx(out.read_bytes()) == read_docx(content)
    piped = run_process("feedback", source, "--format", "docx")  # stdout a pipe: the bytes
    assert piped.returncode == 0
    assert read_docx(piped.stdout) == read_docx(content)


def test_cli_refuses_binary_on_a_terminal(tmp_path: Path) -> None:
    source = tmp_path / "scorebook.json"
    source.write_text(json.dumps(HOSTILE_SCOREBOOK, ensure_ascii=False), "utf-8")
    leader, follower = pty.openpty()
    try:
        done = run_process("feedback", source, "--format", "docx", stdout=follower)
    finally:
        os.close(follower)
    os.set_blocking(leader, False)
    try:
        shown = os.read(leader, 4096)
    except OSError:
        shown = b""
    os.close(leader)
    assert not shown  # nothing binary reached the terminal
    one_line_error(done, "二进制", "-o")


def test_cli_says_how_to_install_python_docx(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "scorebook.json"
    source.write_text(json.dumps(HOSTILE_SCOREBOOK, ensure_ascii=False), "utf-8")
    monkeypatch.setitem(sys.modules, "docx", None)  # as if python-docx were not installed
    out = tmp_path / "out.docx"
    done = run("feedback", source, "--format", "docx", "-o", out)
    one_line_error(done, "python-docx", "uv sync --extra docx", "[docx]")
    assert not out.exists()
