"""BENCHMARKS.md: the tables that `make bench` and `make audit` measure, each in a section of its
own that its command rewrites between two markers, leaving the rest of the file as written.

    <!-- make bench: begin -->
    …what the last run printed…
    <!-- make bench: end -->
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILE = ROOT / "BENCHMARKS.md"


def markers(command: str) -> tuple[str, str]:
    return f"<!-- {command}: begin -->", f"<!-- {command}: end -->"


def replace_section(text: str, command: str, body: str) -> str:
    """`text` with what lies between the markers of `command` replaced by `body`; fails if the
    markers are not there exactly once each, in order."""
    begin, end = markers(command)
    pattern = re.compile(rf"^{re.escape(begin)}\n.*?^{re.escape(end)}$", re.DOTALL | re.MULTILINE)
    if len(pattern.findall(text)) != 1 or text.count(begin) != 1 or text.count(end) != 1:
        msg = f"{FILE.name} must hold `{begin}` … `{end}` once, each on a line of its own"
        raise ValueError(msg)
    return pattern.sub(lambda _: f"{begin}\n{body.strip()}\n{end}", text)


def write_section(command: str, body: str, path: Path = FILE) -> None:
    path.write_text(replace_section(path.read_text("utf-8"), command, body), "utf-8")
