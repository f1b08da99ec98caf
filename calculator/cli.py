"""Command line: ``python -m calculator score FILE [--format text|json|csv]``, ``template``,
``scheme``.

Command functions return text; only ``main`` prints, so the package imports cleanly anywhere
(including Pyodide). Whatever it is given — a hostile file, a closed stdin, a full disk — the CLI
exits with status 2 and one line in Chinese on stderr naming the file and the problem, never a
traceback; and it never damages a file: output goes to a temporary file renamed into place.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import stat
import sys
import tempfile
from pathlib import Path

from calculator import assessment, report
from calculator.safe_text import lone_surrogate, printable
from calculator.scheme import DEFAULT_SCHEME, Scheme, SchemeError, available_schemes, load_scheme
from calculator.scoring import score

EXIT_INVALID = 2
STDIN = "标准输入"
STDOUT = "标准输出"
_OS_PROBLEMS = {
    errno.ENOENT: "文件或目录不存在",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.EISDIR: "这是一个目录",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EFBIG: "文件超出系统允许的大小",
    errno.EROFS: "文件系统只读",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EIO: "输入输出错误",
    errno.EBADF: "已关闭",
    errno.EPIPE: "管道已关闭",
}


class UsageError(Exception):
    """Input the user can fix: reported in one line, exit status 2."""


def score_command(path: str, fmt: str = "text", scheme: Scheme | None = None) -> str:
    scheme = scheme or load_scheme()
    try:
        document = assessment.loads(_read(path), scheme)
    except assessment.AssessmentError as exc:
        raise UsageError(f"{_name(path)}：{exc}") from exc
    result = score(document, scheme)
    if fmt == "json":
        return json.dumps(report.to_data(result, document), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return report.to_csv(result)
    return report.to_text(result, document)


def template_command(title: str | None = None, scheme: Scheme | None = None) -> str:
    """An assessment with nothing scored yet; ``_items`` lists the ids to fill into ``scores``."""
    scheme = scheme or load_scheme()
    if title is not None and lone_surrogate(title):  # bytes that were not UTF-8 on the command line
        msg = f"--title 不是有效的 UTF-8 文本：{printable(title)}"
        raise UsageError(msg)
    guide = {item.id: f"{item.name}（{item.points}分）" for item in scheme.items}
    empty = assessment.Assessment(title=title if title is not None else "", extra={"_items": guide})
    return assessment.dumps(empty, scheme)


def scheme_command(fmt: str = "text", scheme: Scheme | None = None) -> str:
    scheme = scheme or load_scheme()
    if fmt == "json":
        return json.dumps(scheme.to_dict(), ensure_ascii=False, indent=2) + "\n"
    lines = [f"{scheme.title}（{scheme.source}）", ""]
    for category in scheme.categories:
        model = scheme.guidelines[category.kind].model
        lines.append(f"{category.id} {category.name}（{category.points}分，{model}）")
        lines += [f"  {item.id} {item.name} {item.points}" for item in category.items]
    lines.append(f"合计 {scheme.total}")
    return "\n".join(lines) + "\n"


def _name(path: str) -> str:
    return STDIN if path == "-" else printable(path)


def _os_problem(exc: OSError) -> str:
    if exc.errno is None:
        return str(exc)
    return _OS_PROBLEMS.get(exc.errno, f"系统错误 {errno.errorcode.get(exc.errno, exc.errno)}")


def _read(path: str) -> bytes:
    """A file or stdin, read no further than one byte past what ``assessment.loads`` accepts
    (/dev/zero has no end)."""
    try:
        if path == "-":
            if sys.stdin is None:
                msg = f"{STDIN}已关闭，无法读取评价文件"
                raise UsageError(msg)
            return sys.stdin.buffer.read(assessment.MAX_BYTES + 1)
        with Path(path).open("rb") as file:
            return file.read(assessment.MAX_BYTES + 1)
    except FileNotFoundError as exc:
        msg = f"找不到文件 {_name(path)}"
        raise UsageError(msg) from exc
    except OSError as exc:
        msg = f"无法读取{'' if path == '-' else '文件 '}{_name(path)}：{_os_problem(exc)}"
        raise UsageError(msg) from exc


def _write(path: str, text: str, source: str | None) -> None:
    """Write ``text`` to ``path`` whole or not at all: into a temporary file beside it, then
    renamed over it, so a failed write leaves an existing file as it was. Devices such as
    /dev/null are written to directly (renaming over them would replace the device)."""
    target = Path(path)
    try:
        if source not in (None, "-") and target.exists() and target.samefile(source):
            msg = f"输出文件 {_name(path)} 就是评价文件，写入会覆盖评价文件"
            raise UsageError(msg)
        existing = target.stat() if target.exists() else None
        if existing is not None and not stat.S_ISREG(existing.st_mode):
            if stat.S_ISDIR(existing.st_mode):
                raise IsADirectoryError(errno.EISDIR, "", path)
            with target.open("w", encoding="utf-8", newline="") as device:
                device.write(text)
            return
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        temporary = Path(name)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as file:
                file.write(text)
            temporary.chmod(existing.st_mode & 0o7777 if existing else _default_mode())
            temporary.replace(target)
        except BaseException:
            temporary.unlink()
            raise
    except OSError as exc:
        msg = f"无法写入文件 {_name(path)}：{_os_problem(exc)}"
        raise UsageError(msg) from exc


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m calculator",
        description="政府部门卓越绩效评价评分计算器（表A.1、表C.1、表C.2）",
    )
    parser.add_argument(
        "--scheme", default=DEFAULT_SCHEME, choices=available_schemes(), help="评分方案"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    p_score = commands.add_parser("score", help="计算一份评价文件的得分")
    p_score.add_argument("file", help="评价文件（JSON，格式版本 1）；- 表示标准输入")
    p_score.add_argument("--format", choices=("text", "json", "csv"), default="text")
    p_score.add_argument("-o", "--output", help="写入文件而不是标准输出")
    p_template = commands.add_parser("template", help="输出一份空白评价文件")
    p_template.add_argument("--title", help="评价标题")
    p_template.add_argument("-o", "--output", help="写入文件而不是标准输出")
    p_scheme = commands.add_parser("scheme", help="输出评分方案（条款与分值）")
    p_scheme.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def run(argv: list[str] | None = None) -> str:
    args = _parser().parse_args(argv)
    scheme = load_scheme(args.scheme)
    if args.command == "score":
        text = score_command(args.file, args.format, scheme)
    elif args.command == "template":
        text = template_command(args.title, scheme)
    else:
        text = scheme_command(args.format, scheme)
    output = getattr(args, "output", None)
    if output:
        _write(output, text, getattr(args, "file", None))
        return ""
    return text


def main(argv: list[str] | None = None) -> int:
    try:
        text = run(argv)
        _print(text)
    except (UsageError, SchemeError) as exc:
        _error(str(exc))
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    return 0


def _print(text: str) -> None:
    if not text:
        return
    if sys.stdout is None:
        msg = f"{STDOUT}已关闭"
        raise UsageError(msg)
    try:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    except OSError as exc:
        # Nothing more may reach the broken stream, not even the flush at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        msg = f"无法写入{STDOUT}：{_os_problem(exc)}"
        raise UsageError(msg) from exc


def _error(message: str) -> None:
    if sys.stderr is not None:
        sys.stderr.buffer.write(f"错误：{message}\n".encode("utf-8", "backslashreplace"))
        sys.stderr.flush()
