"""Command line: ``python -m calculator score FILE [--format text|json|csv]``, ``template``,
``scheme``, and the examiner's commands: ``consensus``, ``compare``, ``trend``, ``batch`` and
``feedback``.

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
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from calculator import assessment, batch, compare, consensus, feedback, output
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


def _load(path: str, scheme: Scheme) -> assessment.Assessment:
    try:
        return assessment.loads(_read(path), scheme)
    except assessment.AssessmentError as exc:
        raise UsageError(f"{_name(path)}：{exc}") from exc


def _labelled(paths: list[str], scheme: Scheme) -> list[tuple[str, assessment.Assessment]]:
    """Each file with its label: the assessment's title, else the file's name."""
    documents = [_load(path, scheme) for path in paths]
    labels = [
        d.title or (STDIN if p == "-" else Path(p).stem)
        for p, d in zip(paths, documents, strict=True)
    ]
    return list(zip(output.distinct(labels), documents, strict=True))


def score_command(path: str, fmt: str = "text", scheme: Scheme | None = None) -> str:
    scheme = scheme or load_scheme()
    document = _load(path, scheme)
    result = score(document, scheme)
    if fmt == "json":
        return json.dumps(output.to_data(result, document), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return output.to_csv(result)
    return output.to_text(result, document)


def template_command(title: str | None = None, scheme: Scheme | None = None) -> str:
    """An assessment with nothing scored yet; ``_items`` lists the ids to fill into ``scores``."""
    scheme = scheme or load_scheme()
    _check_title(title)
    guide = {item.id: f"{item.name}（{item.points}分）" for item in scheme.items}
    empty = assessment.Assessment(title=title if title is not None else "", extra={"_items": guide})
    return assessment.dumps(empty, scheme)


def _check_title(title: str | None) -> None:
    if title is not None and lone_surrogate(title):  # bytes that were not UTF-8 on the command line
        msg = f"--title 不是有效的 UTF-8 文本：{printable(title)}"
        raise UsageError(msg)


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


def consensus_command(
    paths: list[str],
    fmt: str = "text",
    flag_bands: int = consensus.DEFAULT_FLAG_BANDS,
    title: str | None = None,
    scheme: Scheme | None = None,
) -> tuple[str, consensus.Consensus]:
    scheme = scheme or load_scheme()
    if len(paths) < 2:  # a consensus takes two examiners
        msg = "合议至少需要两位评审员的评价文件"
        raise UsageError(msg)
    if flag_bands < 0:
        msg = f"--spread 应为非负整数（分数段数），实为 {flag_bands}"
        raise UsageError(msg)
    _check_title(title)
    result = consensus.consensus(_labelled(paths, scheme), scheme, flag_bands, title)
    if fmt == "json":
        return _json(consensus.to_data(result)), result
    if fmt == "csv":
        return consensus.to_csv(result), result
    return consensus.to_text(result), result


def compare_command(a: str, b: str, fmt: str = "text", scheme: Scheme | None = None) -> str:
    scheme = scheme or load_scheme()
    first, second = _labelled([a, b], scheme)
    result = compare.compare(first, second, scheme)
    if fmt == "json":
        return _json(compare.comparison_data(result))
    if fmt == "csv":
        return compare.comparison_csv(result)
    return compare.comparison_text(result)


def trend_command(paths: list[str], fmt: str = "text", scheme: Scheme | None = None) -> str:
    scheme = scheme or load_scheme()
    result = compare.trend(_labelled(paths, scheme), scheme)
    if fmt == "json":
        return _json(compare.trend_data(result))
    if fmt == "csv":
        return compare.trend_csv(result)
    return compare.trend_text(result)


def feedback_command(path: str, fmt: str = "md", scheme: Scheme | None = None) -> str:
    scheme = scheme or load_scheme()
    data = feedback.feedback_data(_load(path, scheme), scheme)
    return feedback.to_html(data) if fmt == "html" else feedback.to_markdown(data)


# A folder this large shows a progress bar on a terminal
PROGRESS_FROM = 20


def batch_command(folder: str, fmt: str = "text", scheme: Scheme | None = None) -> str | bytes:
    scheme = scheme or load_scheme()
    try:
        paths = batch.folder_files(Path(folder))
    except OSError as exc:
        msg = f"无法读取文件夹 {_name(folder)}：{_os_problem(exc)}"
        raise UsageError(msg) from exc
    if not paths:
        msg = f"文件夹 {_name(folder)} 中没有评价文件（*.json）"
        raise UsageError(msg)
    show = len(paths) >= PROGRESS_FROM and sys.stderr is not None and sys.stderr.isatty()
    rows = batch.score_files(
        paths, lambda path: _read(str(path)), scheme, _progress(len(paths)) if show else None
    )
    if fmt == "xlsx":
        return batch.to_xlsx(rows, scheme)
    return batch.to_csv(rows, scheme) if fmt == "csv" else batch.to_text(rows, scheme)


def _progress(total: int) -> Callable[[int], None]:
    def show(done: int) -> None:
        filled = done * 30 // total
        bar = "█" * filled + "·" * (30 - filled)
        sys.stderr.write(f"\r评分中 [{bar}] {done}/{total}" + ("\n" if done == total else ""))
        sys.stderr.flush()

    return show


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


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


def _write(path: str, text: str | bytes, sources: list[str]) -> None:
    """Write ``text`` to ``path`` whole or not at all: into a temporary file beside it, then
    renamed over it, so a failed write leaves an existing file as it was. Devices such as
    /dev/null are written to directly (renaming over them would replace the device)."""
    target = Path(path)
    try:
        for source in sources:
            if source != "-" and target.exists() and target.samefile(source):
                msg = f"输出文件 {_name(path)} 就是评价文件 {_name(source)}，写入会覆盖评价文件"
                raise UsageError(msg)
        existing = target.stat() if target.exists() else None
        if existing is not None and not stat.S_ISREG(existing.st_mode):
            if stat.S_ISDIR(existing.st_mode):
                raise IsADirectoryError(errno.EISDIR, "", path)
            target.write_bytes(_bytes(text))
            return
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        temporary = Path(name)
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(_bytes(text))
            temporary.chmod(existing.st_mode & 0o7777 if existing else _default_mode())
            temporary.replace(target)
        except BaseException:
            temporary.unlink()
            raise
    except OSError as exc:
        msg = f"无法写入文件 {_name(path)}：{_os_problem(exc)}"
        raise UsageError(msg) from exc


def _bytes(text: str | bytes) -> bytes:
    return text if isinstance(text, bytes) else text.encode("utf-8")


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


class _Parser(argparse.ArgumentParser):
    """Mistakes on the command line in one line too, like every other error."""

    def error(self, message: str) -> NoReturn:
        msg = f"命令行参数有误（{message}）；用 -h 查看用法"
        raise UsageError(msg)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
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

    p_consensus = commands.add_parser("consensus", help="多位评审员的评价合议（每人一个文件）")
    p_consensus.add_argument("files", nargs="+", metavar="FILE", help="各评审员的评价文件")
    p_consensus.add_argument("--format", choices=("text", "json", "csv"), default="text")
    p_consensus.add_argument(
        "--spread",
        dest="flag_bands",
        type=int,
        default=consensus.DEFAULT_FLAG_BANDS,
        help="最高与最低百分比相隔超过几个分数段时标记（本工具的约定，默认 1）",
    )
    p_consensus.add_argument("--title", help="合议评价的标题")
    p_consensus.add_argument(
        "--write-consensus", metavar="FILE", help="把合议评价（格式版本 1）写入文件"
    )
    p_consensus.add_argument("-o", "--output", help="写入文件而不是标准输出")

    p_compare = commands.add_parser("compare", help="比较两份评价（B 减 A）")
    p_compare.add_argument("a", metavar="A", help="评价文件 A（如现状、上一年）")
    p_compare.add_argument("b", metavar="B", help="评价文件 B（如目标、本年）")
    p_compare.add_argument("--format", choices=("text", "json", "csv"), default="text")
    p_compare.add_argument("-o", "--output", help="写入文件而不是标准输出")

    p_trend = commands.add_parser("trend", help="同一部门历次评价的得分变化（按给出的顺序）")
    p_trend.add_argument("files", nargs="+", metavar="FILE", help="评价文件，从早到晚")
    p_trend.add_argument("--format", choices=("text", "json", "csv"), default="text")
    p_trend.add_argument("-o", "--output", help="写入文件而不是标准输出")

    p_batch = commands.add_parser("batch", help="为文件夹中的全部评价文件评分并汇总")
    p_batch.add_argument("folder", metavar="DIR", help="存放评价文件（*.json）的文件夹")
    p_batch.add_argument("--format", choices=("text", "csv", "xlsx"), default="text")
    p_batch.add_argument("-o", "--output", help="写入文件而不是标准输出（xlsx 必须指定）")

    p_feedback = commands.add_parser("feedback", help="生成反馈报告（优势、改进机会、改进优先）")
    p_feedback.add_argument("file", help="评价文件（或合议评价）；- 表示标准输入")
    p_feedback.add_argument("--format", choices=("md", "html"), default="md")
    p_feedback.add_argument("-o", "--output", help="写入文件而不是标准输出")
    return parser


def _consensus(args: argparse.Namespace, scheme: Scheme) -> str:
    text, result = consensus_command(args.files, args.format, args.flag_bands, args.title, scheme)
    if args.write_consensus:
        _write(args.write_consensus, assessment.dumps(result.document, scheme), _sources(args))
    return text


def _batch(args: argparse.Namespace, scheme: Scheme) -> str | bytes:
    if args.format == "xlsx" and not args.output:
        msg = "xlsx 格式需要用 -o 指定输出文件"
        raise UsageError(msg)
    return batch_command(args.folder, args.format, scheme)


COMMANDS: dict[str, Callable[[argparse.Namespace, Scheme], str | bytes]] = {
    "score": lambda args, scheme: score_command(args.file, args.format, scheme),
    "template": lambda args, scheme: template_command(args.title, scheme),
    "scheme": lambda args, scheme: scheme_command(args.format, scheme),
    "consensus": _consensus,
    "compare": lambda args, scheme: compare_command(args.a, args.b, args.format, scheme),
    "trend": lambda args, scheme: trend_command(args.files, args.format, scheme),
    "batch": _batch,
    "feedback": lambda args, scheme: feedback_command(args.file, args.format, scheme),
}


def _sources(args: argparse.Namespace) -> list[str]:
    """The files a command reads: no output may be written over one of them."""
    names = ("file", "files", "a", "b")
    found = [getattr(args, name) for name in names if hasattr(args, name)]
    return [path for item in found for path in (item if isinstance(item, list) else [item])]


def run(argv: list[str] | None = None) -> str | bytes:
    """The command's output, or "" when it went to the file named by ``-o``."""
    args = _parser().parse_args(argv)
    scheme = load_scheme(args.scheme)
    text = COMMANDS[args.command](args, scheme)
    if getattr(args, "output", None):
        _write(args.output, text, _sources(args))
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


def _print(text: str | bytes) -> None:
    if not text:
        return
    if sys.stdout is None:
        msg = f"{STDOUT}已关闭"
        raise UsageError(msg)
    try:
        sys.stdout.buffer.write(_bytes(text))
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
