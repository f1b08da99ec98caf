"""The command line fed what an intranet will feed it: every case is exit 2 and one line in
Chinese naming the file and the problem, never a traceback, and no file is ever damaged. In
process, but for a closed stdin, a full disk and a file size limit, which need a real process."""

from __future__ import annotations

import json
import os
import resource
from pathlib import Path

import pytest

from calculator.assessment import FORMAT, MAX_BYTES, VERSION
from tests.cli_runner import Runner, one_line_error, run_process, write_text

BASE = f'{{"format": "{FORMAT}", "version": {VERSION}, '


def test_huge_integer(tmp_path: Path, run: Runner) -> None:
    path = write_text(tmp_path, BASE + '"scores": {}, "x": ' + "1" * 5000 + "}")
    err = one_line_error(run("score", str(path)), str(path), "位数")
    assert "limit" not in err  # Python's own English message stays out


def test_deep_nesting(tmp_path: Path, run: Runner) -> None:
    path = write_text(tmp_path, "[" * 100_000)
    one_line_error(run("score", str(path)), str(path), "嵌套层数超过")


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_lone_surrogate(tmp_path: Path, fmt: str, run: Runner) -> None:
    path = write_text(tmp_path, BASE + '"title": "a\\ud800b", "scores": {}}')
    one_line_error(run("score", str(path), "--format", fmt), str(path), "title", "代理")


def test_template_title_not_utf8(run: Runner) -> None:
    one_line_error(run("template", "--title", b"\xff"), "--title", "UTF-8")


def test_full_disk_on_stdout() -> None:
    with Path("/dev/full").open("wb") as full:
        done = run_process("scheme", stdout=full.fileno())
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2, err
    assert err.startswith("错误：无法写入标准输出"), err
    assert "磁盘空间已满" in err, err
    assert err.count("\n") == 1, err


def test_stdin_closed() -> None:
    done = run_process("score", "-", preexec=lambda: os.close(0))
    one_line_error(done, "标准输入")


def test_failed_write_keeps_the_existing_file(tmp_path: Path, example_path: Path) -> None:
    out = write_text(tmp_path, "KEEP ME", "report.txt")

    def small_files() -> None:  # any write past 200 bytes fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))

    done = run_process("score", str(example_path), "-o", str(out), preexec=small_files)
    one_line_error(done, "无法写入文件", str(out))
    assert out.read_text("utf-8") == "KEEP ME"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["example.json", "report.txt"]


def test_output_written_whole_and_mode_kept(
    tmp_path: Path, example_path: Path, run: Runner
) -> None:
    out = write_text(tmp_path, "old", "report.txt")
    out.chmod(0o640)
    done = run("score", str(example_path), "--format", "json", "-o", str(out))
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(out.read_text("utf-8"))["total"] == 69
    assert out.stat().st_mode & 0o777 == 0o640


def test_output_to_a_device_is_written_not_replaced(example_path: Path, run: Runner) -> None:
    done = run("score", str(example_path), "-o", "/dev/null")
    assert done.returncode == 0, done.stderr.decode()
    assert Path("/dev/null").is_char_device()


def test_output_over_the_input_is_refused(example_path: Path, run: Runner) -> None:
    before = example_path.read_bytes()
    done = run("score", str(example_path), "-o", str(example_path))
    one_line_error(done, str(example_path), "评价文件")
    assert example_path.read_bytes() == before


def test_output_errors_in_chinese_with_path(
    tmp_path: Path, example_path: Path, run: Runner
) -> None:
    out = tmp_path / "no-such-folder" / "r.txt"
    one_line_error(run("score", str(example_path), "-o", str(out)), str(out), "不存在")
    one_line_error(run("score", str(example_path), "-o", str(tmp_path)), str(tmp_path), "目录")


def test_endless_input_is_refused(run: Runner) -> None:
    err = one_line_error(run("score", "/dev/zero"), "/dev/zero", "5 MB")
    assert str(MAX_BYTES // 2**20) in err


def test_large_file_and_stdin_are_refused(tmp_path: Path, run: Runner) -> None:
    big = BASE + '"scores": {}, "pad": "' + "x" * MAX_BYTES + '"}'
    path = write_text(tmp_path, big)
    one_line_error(run("score", str(path)), str(path), "5 MB")
    one_line_error(run("score", "-", stdin=big.encode()), "标准输入", "5 MB")


def test_duplicate_keys_are_refused(tmp_path: Path, run: Runner) -> None:
    path = write_text(tmp_path, BASE + '"scores": {"4.1.2": 57, "4.1.2": 60}}')
    one_line_error(run("score", str(path)), str(path), "scores", '"4.1.2"', "重复")


def test_non_integer_version_is_refused(tmp_path: Path, run: Runner) -> None:
    path = write_text(tmp_path, f'{{"format": "{FORMAT}", "version": 1.0, "scores": {{}}}}')
    one_line_error(run("score", str(path)), str(path), "version", "1.0")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [("\x1b[31m", "\\u001b[31m"), ("\x07", "\\u0007"), ("\u202e", "\\u202e"), ("\x9b", "\\u009b")],
)
def test_control_characters_escaped_in_text(
    tmp_path: Path, raw: str, shown: str, run: Runner
) -> None:
    title = f"某局{raw}自评"
    path = write_text(tmp_path, json.dumps({**json.loads(BASE + '"scores": {}}'), "title": title}))
    done = run("score", str(path))
    assert done.returncode == 0, done.stderr.decode()
    text = done.stdout.decode("utf-8")
    assert raw not in text
    assert f"某局{shown}自评" in text.splitlines()[0]
    # the JSON report keeps the title as written: it is data, escaped by JSON itself
    data = json.loads(run("score", str(path), "--format", "json").stdout)
    assert data["title"] == title


def test_control_characters_escaped_in_errors(tmp_path: Path, run: Runner) -> None:
    path = write_text(tmp_path, BASE + '"scores": {"\\u001b[2J\\u202e": 5}}')
    err = one_line_error(run("score", str(path)), "\\u001b[2J\\u202e")
    assert "\x1b" not in err
    assert "\u202e" not in err


def test_many_problems_make_one_short_line(tmp_path: Path, run: Runner) -> None:
    scores = ", ".join(f'"x{n}": 5' for n in range(200_000))
    path = write_text(tmp_path, BASE + '"scores": {' + scores + "}}")
    err = one_line_error(run("score", str(path)), str(path), "另有 199990 个问题")
    assert len(err) < 2000


@pytest.fixture
def example_path(tmp_path: Path) -> Path:
    data = {
        "format": FORMAT,
        "version": VERSION,
        "title": "某局 2025 年自评",
        "scores": {"4.1.2": 55, "4.1.3": 40, "4.7.2": 30},
    }
    return write_text(tmp_path, json.dumps(data, ensure_ascii=False), "example.json")


def test_command_line_mistakes_in_one_line(example_path: Path, run: Runner) -> None:
    one_line_error(
        run("consensus", str(example_path), str(example_path), "--spread", "x"), "--spread"
    )
    one_line_error(run("no-such-command"), "命令行参数有误")
    one_line_error(run(), "命令行参数有误")
    one_line_error(
        run("consensus", str(example_path), str(example_path), "--title", b"\xff"),
        "--title",
        "UTF-8",
    )
