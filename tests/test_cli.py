"""The command line as a user runs it: ``cli.main`` in this process (``run``), and a real
``python -m calculator`` process for what only a process shows (``run_process``)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from calculator import output
from calculator.assessment import FORMAT, VERSION, loads
from calculator.scoring import score
from tests.cli_runner import Runner, one_line_error, run_process
from tests.documents import INVALID_DATA, INVALID_TEXT

EXAMPLE = {
    "format": FORMAT,
    "version": VERSION,
    "title": "某局 2025 年自评",
    "scores": {"4.1.2": 55, "4.1.3": 40, "4.7.2": 30},
    "notes": {"4.1.2": {"strengths": "…", "opportunities": "…"}},
}


@pytest.fixture
def example(tmp_path: Path) -> Path:
    path = tmp_path / "example.json"
    path.write_text(json.dumps(EXAMPLE, ensure_ascii=False), encoding="utf-8")
    return path


def test_score_json_contract(example: Path, run: Runner) -> None:
    done = run("score", str(example), "--format", "json")
    assert done.returncode == 0, done.stderr.decode()
    data = json.loads(done.stdout)
    assert (data["total"], data["process"], data["results"], data["scored_items"]) == (
        69,
        45,
        24,
        3,
    )
    assert data["categories"]["4.1"] == {
        "name": "领导",
        "points": 45,
        "max": 130,
        "percent": 34.62,
        "scored_items": 2,
    }
    assert data["categories"]["4.7"]["points"] == 24
    assert list(data["categories"]) == ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7"]
    assert data["items"]["4.1.2"] == {
        "name": "领导班子的作用",
        "percent": 55,
        "points": 33,
        "max": 60,
        "band": "50–65",
    }
    assert data["items"]["4.1.4"]["percent"] is None
    assert len(data["items"]) == 23


def test_score_text(example: Path, run: Runner) -> None:
    done = run("score", str(example))
    assert done.returncode == 0
    text = done.stdout.decode("utf-8")
    assert "总分：69 / 1000" in text
    assert "已评分条款：3 / 23" in text
    assert "4.1.2  领导班子的作用" in text
    assert "4.1 领导 小计" in text
    # then the hints: 4.1.3 and 4.7.2 are scored with no comment (4.1.2 has its notes)
    hints = text[text.index("一致性提示（本工具的约定，不是标准的要求）：") :]
    assert hints.splitlines()[1:] == [
        "- 4.1.3 组织治理：已评分（40%）但没有评语",
        "- 4.7.2 管理与服务结果：已评分（30%）但没有评语",
    ]
    assert text.index("改进优先") < text.index("一致性提示")


def test_score_text_without_hints_prints_none(tmp_path: Path, run: Runner) -> None:
    path = tmp_path / "a.json"
    document = {**EXAMPLE, "scores": {"4.1.2": 55}}
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    text = run("score", str(path)).stdout.decode("utf-8")
    assert "一致性提示" not in text
    assert text == output.to_text(score(loads(json.dumps(document))), loads(json.dumps(document)))


def test_a_version_1_file_scores_as_before(tmp_path: Path, run: Runner) -> None:
    """The same scores as format 1 and as format 2: the same JSON, to the byte."""
    replies = []
    for version in (1, 2):
        path = tmp_path / f"v{version}.json"
        path.write_text(json.dumps({**EXAMPLE, "version": version}), encoding="utf-8")
        replies.append(run("score", str(path), "--format", "json").stdout)
    assert replies[0] == replies[1]
    assert json.loads(replies[0])["total"] == 69


def test_score_csv_opens_in_excel(example: Path, run: Runner) -> None:
    done = run("score", str(example), "--format", "csv")
    assert done.returncode == 0
    assert done.stdout.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(done.stdout.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["编号", "名称", "类型", "分值", "百分比", "分数段", "得分"]
    assert rows[1] == ["4.1.2", "领导班子的作用", "过程", "60", "55", "50–65", "33"]
    assert rows[-1][1:] == ["总分", "", "1000", "6.9", "", "69"]
    assert b"\r\n" in done.stdout


def test_score_stdin_and_output_file(tmp_path: Path, run: Runner) -> None:
    out = tmp_path / "r.json"
    done = run("score", "-", "--format", "json", "-o", str(out), stdin=json.dumps(EXAMPLE).encode())
    assert done.returncode == 0
    assert done.stdout == b""
    assert json.loads(out.read_text("utf-8"))["total"] == 69


def test_template_is_a_valid_empty_assessment(tmp_path: Path, run: Runner) -> None:
    done = run("template", "--title", "某局自评")
    assert done.returncode == 0
    data = json.loads(done.stdout)
    assert data["scores"] == {}
    assert (data["format"], data["version"]) == ("excellence-assessment", 2)
    assert data["title"] == "某局自评"
    assert len(data["_items"]) == 23
    path = tmp_path / "t.json"
    path.write_bytes(done.stdout)
    scored = json.loads(run("score", str(path), "--format", "json").stdout)
    assert (scored["total"], scored["scored_items"]) == (0, 0)


def test_scheme_command(run: Runner) -> None:
    text = run("scheme").stdout.decode("utf-8")
    assert "4.7.3 公众满意与营商环境结果 80" in text
    assert "合计 1000" in text
    data = json.loads(run("scheme", "--format", "json").stdout)
    assert data["guidelines"]["results"]["table"] == "C.2"


INVALID_FILES = [text for text, _, _ in INVALID_TEXT] + [
    json.dumps(data, ensure_ascii=False) for data, _, _ in INVALID_DATA
]


@pytest.mark.parametrize(
    "content", INVALID_FILES, ids=[f"file-{n}" for n in range(len(INVALID_FILES))]
)
def test_invalid_input_exit_2_one_line(tmp_path: Path, content: str | bytes, run: Runner) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    for fmt in ("text", "json", "csv"):
        done = run("score", str(path), "--format", fmt)
        assert done.returncode == 2
        assert done.stdout == b""
        err = done.stderr.decode("utf-8")
        assert err.startswith("错误：")
        assert err.count("\n") == 1
        assert "Traceback" not in err


def test_missing_file_exit_2(tmp_path: Path, run: Runner) -> None:
    done = run("score", str(tmp_path / "nope.json"))
    assert done.returncode == 2
    assert done.stderr.decode("utf-8") == f"错误：找不到文件 {tmp_path / 'nope.json'}\n"


def test_directory_exit_2(tmp_path: Path, run: Runner) -> None:
    done = run("score", str(tmp_path))
    assert done.returncode == 2
    assert "无法读取文件" in done.stderr.decode("utf-8")


# --- a real process: what the in-process runs cannot show --------------------------------


def test_python_m_calculator_runs(example: Path) -> None:
    done = run_process("score", example, "--format", "json")
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout)["total"] == 69
    assert done.stderr == b""


def test_python_m_calculator_exit_status_on_invalid_input(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{", "utf-8")
    one_line_error(run_process("score", path), str(path), "不是有效的 JSON")
