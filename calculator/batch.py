"""Scoring a folder of assessments at once, as a provincial office compares its departments.

One row per file, best total first; a file that cannot be read or is not a valid assessment
gets a row with its error instead of stopping the run. Text and CSV need nothing beyond Python;
XLSX needs the optional extra ``xlsx`` (openpyxl), and only the CLI offers it: the wheel that
runs in the browser keeps no third-party dependency.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from calculator.assessment import AssessmentError, loads
from calculator.compare import file_order
from calculator.files import FileError
from calculator.output import csv_text, format_points, text_table
from calculator.safe_text import csv_cell, printable
from calculator.scheme import Scheme, load_scheme
from calculator.scoring import Result, score


@dataclass(frozen=True)
class Row:
    file: str
    title: str
    result: Result | None  # None: the file is not a valid assessment
    error: str = ""


def score_files(
    paths: Iterable[Path],
    read: Callable[[Path], bytes],  # may raise FileError (files.read does)
    scheme: Scheme | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Row]:
    """Score every file; valid ones first by total (highest first, then by name), then the rest."""
    scheme = scheme or load_scheme()
    paths = list(paths)
    rows: list[Row] = []
    ordered = [paths[n] for n in file_order([path.name for path in paths])]
    for done, path in enumerate(ordered, 1):
        try:
            document = loads(read(path), scheme)
            rows.append(Row(path.name, document.title or "", score(document, scheme)))
        except (AssessmentError, ValueError) as exc:
            rows.append(Row(path.name, "", None, str(exc)))
        except FileError as exc:  # unreadable (an I/O error, no permission): listed, not fatal
            rows.append(Row(path.name, "", None, exc.reason))
        if progress:
            progress(done)
    valid = sorted((r for r in rows if r.result), key=lambda r: (-_total(r), r.file))
    return valid + [r for r in rows if not r.result]


def _total(row: Row) -> Decimal:
    return row.result.total if row.result else Decimal(0)


def header(scheme: Scheme) -> list[str]:
    categories = [f"{c.id} {c.name}" for c in scheme.categories]
    return ["文件", "标题", *categories, "过程条款", "结果条款", "总分", "已评分条款", "错误"]


def cells(row: Row, scheme: Scheme) -> list[str | Decimal | int]:
    """A row's cells under ``header``: numbers as exact Decimals (XLSX keeps them as numbers)."""
    if row.result is None:
        return [row.file, row.title, *[""] * (len(header(scheme)) - 3), row.error]
    r = row.result
    return [
        row.file,
        row.title,
        *(c.points for c in r.categories),
        r.process,
        r.results,
        r.total,
        r.scored_items,
        "",
    ]


def _text(value: str | Decimal | int) -> str:
    return format_points(value) if isinstance(value, Decimal) else str(value)


def to_text(rows: list[Row], scheme: Scheme) -> str:
    table = [header(scheme)[:-1]] + [
        [printable(_text(v)) for v in cells(row, scheme)[:-1]]
        for row in rows
        if row.result is not None
    ]
    lines = text_table(table)
    invalid = [row for row in rows if row.result is None]
    lines += ["", f"已评分 {len(rows) - len(invalid)} 个文件，无效 {len(invalid)} 个。"]
    lines += [f"无效：{printable(row.file)}：{row.error}" for row in invalid]
    return "\n".join(lines) + "\n"


def to_csv(rows: list[Row], scheme: Scheme) -> str:
    return csv_text(
        [header(scheme)]
        + [
            [csv_cell(v) if isinstance(v, str) else _text(v) for v in cells(row, scheme)]
            for row in rows
        ]
    )


def to_xlsx(rows: list[Row], scheme: Scheme) -> bytes:
    """An Excel workbook: numbers as numbers, Chinese intact. Needs openpyxl (extra ``xlsx``)."""
    from openpyxl import Workbook  # noqa: PLC0415 - optional, CLI only

    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = "评分汇总"
    sheet.append(header(scheme))
    for row in rows:
        sheet.append(cells(row, scheme))
        for cell in sheet[sheet.max_row]:  # text that looks like a formula stays text
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    sheet.freeze_panes = "C2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def folder_files(folder: Path) -> list[Path]:
    """The assessments of a folder: its ``*.json`` files (not those of sub-folders)."""
    return sorted(p for p in folder.iterdir() if p.suffix.lower() == ".json" and p.is_file())
