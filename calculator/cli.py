"""Command line: ``python -m calculator score FILE [--format text|json|csv]``, ``template``,
``scheme``.

Command functions return text; only ``main`` prints, so the package imports cleanly anywhere
(including Pyodide). Invalid input exits with status 2 and one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from calculator import assessment, report
from calculator.scheme import DEFAULT_SCHEME, Scheme, SchemeError, available_schemes, load_scheme
from calculator.scoring import score

EXIT_INVALID = 2


class UsageError(Exception):
    """Input the user can fix: reported in one line, exit status 2."""


def score_command(path: str, fmt: str = "text", scheme: Scheme | None = None) -> str:
    scheme = scheme or load_scheme()
    document = assessment.loads(_read(path), scheme)
    result = score(document, scheme)
    if fmt == "json":
        return json.dumps(report.to_data(result, document), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return report.to_csv(result)
    return report.to_text(result, document)


def template_command(title: str | None = None, scheme: Scheme | None = None) -> str:
    """An assessment with nothing scored yet; ``_items`` lists the ids to fill into ``scores``."""
    scheme = scheme or load_scheme()
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


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as exc:
        msg = f"找不到文件 {path}"
        raise UsageError(msg) from exc
    except OSError as exc:
        msg = f"无法读取文件 {path}：{exc.strerror}"
        raise UsageError(msg) from exc


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
        Path(output).write_text(text, encoding="utf-8", newline="")
        return ""
    return text


def main(argv: list[str] | None = None) -> int:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    try:
        text = run(argv)
    except (assessment.AssessmentError, UsageError, SchemeError, OSError) as exc:
        message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        sys.stderr.write(f"错误：{message}\n")
        return EXIT_INVALID
    sys.stdout.write(text)
    return 0
