"""Command line: ``python -m calculator score FILE [--format text|json|csv]``, ``template``,
``scheme``, and the examiner's commands: ``consensus``, ``compare``, ``trend``, ``batch``,
``feedback`` and ``visit``; the trainer's ``calibrate``.

Each subcommand is bound to its function (``set_defaults``), names its input files, and has one
table from ``--format`` to a renderer. Command functions return their output; only ``main``
prints, so the package imports cleanly anywhere (including Pyodide). Whatever it is given — a
hostile file, a closed stdin, a full disk — the CLI exits with status 2 and one line in Chinese
on stderr naming the file and the problem, never a traceback; and it never damages a file
(``files.write``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from calculator import (
    assessment,
    batch,
    calibrate,
    compare,
    consensus,
    feedback,
    feedback_docx,
    files,
    hints,
    output,
    site_visit,
)
from calculator.assessment import Assessment
from calculator.files import STDOUT, FileError
from calculator.safe_text import lone_surrogate, printable
from calculator.scheme import DEFAULT_SCHEME, Scheme, SchemeError, available_schemes, load_scheme
from calculator.scoring import Result, score

EXIT_INVALID = 2
FLAG_BANDS_OPTION = "--flag-bands"  # as the setting is named in consensus --format json
SPREAD_OPTION = "--spread"
# A folder this large shows a progress bar on a terminal
PROGRESS_FROM = 20

Content = str | bytes
Command = Callable[[argparse.Namespace, Scheme], Content]


class UsageError(Exception):
    """Input the user can fix: reported in one line, exit status 2."""


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- renderers: one table per command, --format → function -------------------------------


def _score_text(result: Result, document: Assessment) -> str:
    """The table, then the consistency hints (none: nothing more)."""
    found = hints.hints(document, result.scheme)
    return output.to_text(result, document) + hints.to_text(found, result.scheme)


SCORE_FORMATS: dict[str, Callable[[Result, Assessment], str]] = {
    "text": _score_text,
    "json": lambda result, document: _json(output.to_data(result, document)),
    "csv": lambda result, _: output.to_csv(result),
}
SCHEME_FORMATS: dict[str, Callable[[Scheme], str]] = {
    "text": output.scheme_text,
    "json": lambda scheme: _json(scheme.to_dict()),
}
CONSENSUS_FORMATS: dict[str, Callable[[consensus.Consensus], str]] = {
    "text": consensus.to_text,
    "json": lambda result: _json(consensus.to_data(result)),
    "csv": consensus.to_csv,
}
COMPARE_FORMATS: dict[str, Callable[[compare.Comparison], str]] = {
    "text": compare.comparison_text,
    "json": lambda result: _json(compare.comparison_data(result)),
    "csv": compare.comparison_csv,
}
TREND_FORMATS: dict[str, Callable[[compare.Trend], str]] = {
    "text": compare.trend_text,
    "json": lambda result: _json(compare.trend_data(result)),
    "csv": compare.trend_csv,
}
CALIBRATE_FORMATS: dict[str, Callable[[calibrate.Calibration], str]] = {
    "text": calibrate.to_text,
    "json": lambda result: _json(calibrate.to_data(result)),
    "csv": calibrate.to_csv,
}
BATCH_FORMATS: dict[str, Callable[[list[batch.Row], Scheme], Content]] = {
    "text": batch.to_text,
    "csv": batch.to_csv,
    "xlsx": batch.to_xlsx,
}


def _docx(data: dict[str, object]) -> bytes:
    try:
        return feedback_docx.to_docx(data)
    except ModuleNotFoundError as exc:  # the optional extra docx is not installed
        if exc.name not in ("docx", "lxml"):
            raise
        raise UsageError(feedback_docx.INSTALL_HINT) from exc


FEEDBACK_FORMATS: dict[str, Callable[[dict[str, object]], Content]] = {
    "md": feedback.to_markdown,
    "html": feedback.to_html,
    "json": _json,  # the report's data, key themes included (the contract)
    "docx": _docx,  # a Word document (the optional extra docx)
}
BINARY_ON_TERMINAL = (
    "{format} 是二进制文件格式，不能显示在终端中：请用 -o 指定输出文件（如 -o 反馈报告.{format}）"
)
VISIT_FORMATS_DEFAULT = "text"
VISIT_FORMATS: dict[str, Callable[[dict[str, object]], str]] = {
    "text": site_visit.to_text,
    "md": site_visit.to_markdown,
    "json": site_visit.to_json,  # the worksheet, the changes and their words
}


# --- commands ----------------------------------------------------------------------------


def score_command(args: argparse.Namespace, scheme: Scheme) -> Content:
    document = _load(args.file, scheme)
    return SCORE_FORMATS[args.format](score(document, scheme), document)


def template_command(args: argparse.Namespace, scheme: Scheme) -> Content:
    """An assessment with nothing scored yet; ``_items`` lists the ids to fill into ``scores``."""
    _check_title(args.title)
    guide = {item.id: f"{item.name}（{item.points}分）" for item in scheme.items}
    title = args.title if args.title is not None else ""
    return assessment.dumps(Assessment(title=title, extra={"_items": guide}), scheme)


def scheme_command(args: argparse.Namespace, scheme: Scheme) -> Content:
    return SCHEME_FORMATS[args.format](scheme)


def consensus_command(args: argparse.Namespace, scheme: Scheme) -> Content:
    if len(args.paths) < consensus.MIN_EXAMINERS:  # before reading any: the files are not wrong
        raise UsageError(consensus.TOO_FEW_EXAMINERS)
    _check_title(args.title)
    examiners = _labelled(args.paths, scheme)
    try:
        result = consensus.consensus(examiners, scheme, args.flag_bands, args.title)
    except assessment.AssessmentError as exc:  # the engine's rules, named as options here
        raise UsageError("；".join(_option(p) for p in exc.problems)) from exc
    if args.write_consensus:
        files.write(args.write_consensus, assessment.dumps(result.document, scheme), args.paths)
    return CONSENSUS_FORMATS[args.format](result)


def _option(problem: assessment.Problem) -> str:
    if problem.field == "flag_bands":
        return f"{FLAG_BANDS_OPTION}（{SPREAD_OPTION}）{problem.message}"
    return problem.message


def compare_command(args: argparse.Namespace, scheme: Scheme) -> Content:
    first, second = _labelled([args.a, args.b], scheme)
    return COMPARE_FORMATS[args.format](compare.compare(first, second, scheme))


def trend_command(args: argparse.Namespace, scheme: Scheme) -> Content:
    names = [files.label(path) for path in args.paths]
    paths = [args.paths[n] for n in compare.file_order(names)]
    return TREND_FORMATS[args.format](compare.trend(_labelled(paths, scheme), scheme))


def calibrate_command(args: argparse.Namespace, scheme: Scheme) -> Content:
    """Each trainee's file against the reference scorebook (labels distinct across all)."""
    if len(args.trainees) < calibrate.MIN_TRAINEES:  # before reading: the files are not wrong
        raise UsageError(calibrate.TOO_FEW_TRAINEES)
    reference, *trainees = _labelled([args.reference, *args.trainees], scheme)
    try:
        result = calibrate.calibrate(reference, trainees, scheme)
    except assessment.AssessmentError as exc:  # a reference with nothing scored
        problem = "；".join(p.message for p in exc.problems)
        raise UsageError(f"{files.name(args.reference)}：{problem}") from exc
    return CALIBRATE_FORMATS[args.format](result)


def batch_command(args: argparse.Namespace, scheme: Scheme) -> Content:
    if args.format == "xlsx" and not args.output:
        msg = "xlsx 格式需要用 -o 指定输出文件"
        raise UsageError(msg)
    try:
        paths = batch.folder_files(Path(args.folder))
    except OSError as exc:
        msg = f"无法读取文件夹 {files.name(args.folder)}：{files.os_problem(exc)}"
        raise UsageError(msg) from exc
    if not paths:
        msg = f"文件夹 {files.name(args.folder)} 中没有评价文件（*.json）"
        raise UsageError(msg)
    show = len(paths) >= PROGRESS_FROM and sys.stderr is not None and sys.stderr.isatty()
    progress = _progress(len(paths)) if show else None
    rows = batch.score_files(paths, lambda path: files.read(str(path)), scheme, progress)
    return BATCH_FORMATS[args.format](rows, scheme)


def feedback_command(args: argparse.Namespace, scheme: Scheme) -> Content:
    if args.format == "docx" and not args.output and _terminal(sys.stdout):
        raise UsageError(BINARY_ON_TERMINAL.format(format=args.format))
    data = feedback.feedback_data(_load(args.file, scheme), scheme)
    return FEEDBACK_FORMATS[args.format](data)


def _terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def visit_command(args: argparse.Namespace, scheme: Scheme) -> Content:
    """The site visit's worksheet and changes; with ``--start``, the document started (its
    ``site_visit.before`` recorded, issues proposed when it has none)."""
    document = _load(args.file, scheme)
    if args.start:
        if args.format != VISIT_FORMATS_DEFAULT:
            msg = (
                f"--start 输出开始现场评审后的评价文件（JSON），不能与 --format {args.format} 同用"
            )
            raise UsageError(msg)
        return assessment.dumps(site_visit.start(document, scheme), scheme)
    data = site_visit.report(document, scheme)
    if data["changes"] is None:
        msg = f"{files.name(args.file)}：{site_visit.NOT_STARTED}"
        raise UsageError(msg)
    return VISIT_FORMATS[args.format](data)


def _load(path: str, scheme: Scheme) -> Assessment:
    try:
        return assessment.loads(files.read(path), scheme)
    except assessment.AssessmentError as exc:
        raise UsageError(f"{files.name(path)}：{exc}") from exc


def _labelled(paths: list[str], scheme: Scheme) -> list[tuple[str, Assessment]]:
    """Each file with its label: the assessment's title, else the file's name."""
    documents = [_load(path, scheme) for path in paths]
    labels = [d.title or Path(files.label(p)).stem for p, d in zip(paths, documents, strict=True)]
    return list(zip(output.distinct(labels), documents, strict=True))


def _check_title(title: str | None) -> None:
    if title is not None and lone_surrogate(title):  # bytes that were not UTF-8 on the command line
        msg = f"--title 不是有效的 UTF-8 文本：{printable(title)}"
        raise UsageError(msg)


def _progress(total: int) -> Callable[[int], None]:
    def show(done: int) -> None:
        filled = done * 30 // total
        bar = "█" * filled + "·" * (30 - filled)
        sys.stderr.write(f"\r评分中 [{bar}] {done}/{total}" + ("\n" if done == total else ""))
        sys.stderr.flush()

    return show


# --- the parser --------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """Mistakes on the command line in one line too, like every other error."""

    def error(self, message: str) -> NoReturn:
        msg = f"命令行参数有误（{message}）；用 -h 查看用法"
        raise UsageError(msg)


def _command(
    commands: argparse._SubParsersAction[_Parser],
    function: Command,
    formats: Sequence[str] = (),
    inputs: Callable[[argparse.Namespace], list[str]] = lambda _: [],
    *,
    help: str,  # noqa: A002 - argparse's own name
) -> _Parser:
    """The subcommand of ``function`` (``score_command`` is ``score``) bound to it, with its
    formats (the first is the default) and the files it reads (no output may be written over
    one of them)."""
    parser = commands.add_parser(function.__name__.removesuffix("_command"), help=help)
    parser.set_defaults(func=function, inputs=inputs)
    if formats:
        parser.add_argument("--format", choices=tuple(formats), default=formats[0])
    return parser


def _output_option(parser: argparse.ArgumentParser, text: str = "写入文件而不是标准输出") -> None:
    parser.add_argument("-o", "--output", help=text)


def createparser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m calculator",
        description="政府部门卓越绩效评价评分计算器（表A.1、表C.1、表C.2）",
    )
    parser.add_argument(
        "--scheme", default=DEFAULT_SCHEME, choices=available_schemes(), help="评分方案"
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = _command(
        commands,
        score_command,
        list(SCORE_FORMATS),
        lambda args: [args.file],
        help="计算一份评价文件的得分",
    )
    p.add_argument("file", help="评价文件（JSON，格式版本 1 或 2）；- 表示标准输入")
    _output_option(p)

    p = _command(commands, template_command, help="输出一份空白评价文件")
    p.add_argument("--title", help="评价标题")
    _output_option(p)

    _command(commands, scheme_command, list(SCHEME_FORMATS), help="输出评分方案（条款与分值）")

    p = _command(
        commands,
        consensus_command,
        list(CONSENSUS_FORMATS),
        lambda args: args.paths,
        help="多位评审员的评价合议（每人一个文件）",
    )
    p.add_argument("paths", nargs="+", metavar="FILE", help="各评审员的评价文件")
    p.add_argument(
        FLAG_BANDS_OPTION,
        SPREAD_OPTION,  # its first name, kept for scripts
        dest="flag_bands",
        type=int,
        default=consensus.DEFAULT_FLAG_BANDS,
        help="最高与最低百分比相隔超过几个分数段时标记（本工具的约定，默认 1）",
    )
    p.add_argument("--title", help="合议评价的标题")
    p.add_argument(
        "--write-consensus",
        metavar="FILE",
        help="把合议评价（格式版本 2，含各评审员的评语）写入文件",
    )
    _output_option(p)

    p = _command(
        commands,
        compare_command,
        list(COMPARE_FORMATS),
        lambda args: [args.a, args.b],
        help="比较两份评价（B 减 A）",
    )
    p.add_argument("a", metavar="A", help="评价文件 A（如现状、上一年）")
    p.add_argument("b", metavar="B", help="评价文件 B（如目标、本年）")
    _output_option(p)

    p = _command(
        commands,
        trend_command,
        list(TREND_FORMATS),
        lambda args: args.paths,
        help="同一部门历次评价的得分变化（按文件名排序）",
    )
    p.add_argument(
        "paths", nargs="+", metavar="FILE", help="评价文件，按文件名排序（其中的数字按大小）"
    )
    _output_option(p)

    p = _command(
        commands,
        calibrate_command,
        list(CALIBRATE_FORMATS),
        lambda args: [args.reference, *args.trainees],
        help="培训校准：各学员的评价对照参考评分（每位学员一个文件）",
    )
    p.add_argument(
        "reference", metavar="REFERENCE", help="参考评分文件（如本站培训案例的参考评分）"
    )
    p.add_argument("trainees", nargs="*", metavar="TRAINEE", help="各学员的评价文件")
    _output_option(p)

    p = _command(
        commands,
        batch_command,
        list(BATCH_FORMATS),
        help="为文件夹中的全部评价文件评分并汇总",
    )
    p.add_argument("folder", metavar="DIR", help="存放评价文件（*.json）的文件夹")
    _output_option(p, "写入文件而不是标准输出（xlsx 必须指定）")

    p = _command(
        commands,
        feedback_command,
        list(FEEDBACK_FORMATS),
        lambda args: [args.file],
        help="生成反馈报告（优势、改进机会、改进优先）",
    )
    p.add_argument("file", help="评价文件（或合议评价）；- 表示标准输入")
    _output_option(p)

    p = _command(
        commands,
        visit_command,
        list(VISIT_FORMATS),
        lambda args: [args.file],
        help="现场评审：问题清单（核实、澄清）与现场评审后的变化",
    )
    p.add_argument("file", help="合议评价文件；- 表示标准输入")
    p.add_argument(
        "--start",
        action="store_true",
        help="开始现场评审：记下当前的分数与评语，没有问题时按 ++/−− 评语提出，输出评价文件",
    )
    _output_option(p)
    return parser


# --- running -----------------------------------------------------------------------------


def process(args: argparse.Namespace) -> Content:
    """The command's output, or "" when it went to the file named by ``-o``."""
    content: Content = args.func(args, load_scheme(args.scheme))
    if getattr(args, "output", None):
        files.write(args.output, content, args.inputs(args))
        return ""
    return content


def main(argv: list[str] | None = None) -> int:
    try:
        _print(process(createparser().parse_args(argv)))
    except (UsageError, FileError, SchemeError) as exc:
        _error(str(exc))
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    return 0


def _print(content: Content) -> None:
    if not content:
        return
    if sys.stdout is None:
        msg = f"{STDOUT}已关闭"
        raise UsageError(msg)
    try:
        sys.stdout.buffer.write(files.encoded(content))
        sys.stdout.flush()
    except OSError as exc:
        # Nothing more may reach the broken stream, not even the flush at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        msg = f"无法写入{STDOUT}：{files.os_problem(exc)}"
        raise UsageError(msg) from exc


def _error(message: str) -> None:
    if sys.stderr is not None:
        sys.stderr.buffer.write(f"错误：{message}\n".encode("utf-8", "backslashreplace"))
        sys.stderr.flush()
