"""`make audit`: Lighthouse (npm, package-lock.json) on the home and calculator pages, served by
Debian's nginx with deploy/nginx.conf, in Debian's Chromium; prints accessibility,
best-practices and performance for Lighthouse's desktop preset and its default (a mid-range
phone: 4× slower CPU, throttled network), and the timings behind the performance score; and
writes them into BENCHMARKS.md, in its section. Lighthouse's single run is noisy on a small
machine: each page and preset is run RUNS times (3 unless given); the table shows the run of the
median performance score, and the range of all of them.

    python -m build_scripts.audit [SITE] [RUNS]
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from build_scripts.chromium import ARGS, CHROMIUM
from build_scripts.measurements import write_section
from build_scripts.nginx_server import serve_nginx

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = {"首页": "", "评分计算器": "calculator/"}
FORMS = {"desktop": ["--preset=desktop"], "mobile": []}
CATEGORIES = ("accessibility", "best-practices", "performance")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time")


def lighthouse(url: str, flags: list[str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        report = Path(folder) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            f"--chrome-path={CHROMIUM}",
            f"--chrome-flags=--headless=new {' '.join(ARGS)}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            *flags,
        ]
        subprocess.run(command, check=True)  # noqa: S603 - our own command line
        data: dict[str, Any] = json.loads(report.read_text("utf-8"))
        return data


def performance(data: dict[str, Any]) -> int:
    score: float = data["categories"]["performance"]["score"]
    return round(score * 100)


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run of the median performance score (the lower middle one of an even number)."""
    return sorted(runs, key=performance)[(len(runs) - 1) // 2]


def row(name: str, form: str, runs: list[dict[str, Any]]) -> str:
    data = median_run(runs)
    scores = [round(data["categories"][c]["score"] * 100) for c in CATEGORIES]
    timings = [data["audits"][m]["displayValue"].replace("\xa0", " ") for m in METRICS]
    every = sorted(performance(run) for run in runs)
    spread = f"{every[0]}–{every[-1]}" if every[0] != every[-1] else str(every[0])
    return "| " + " | ".join([name, form, *map(str, scores), spread, *timings]) + " |"


HEADER = ["页面", "设备", "无障碍", "最佳实践", "性能", "性能（各次）", "FCP", "LCP", "TBT"]


def weak_audits(name: str, form: str, data: dict[str, Any]) -> list[str]:
    """Lighthouse's own audits of one page that scored below 90."""
    return [
        f"{name} {form}: {audit['id']} {audit.get('displayValue', '')}".rstrip()
        for audit in data["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 0.9
        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    ]


def table(machine: str, rows: list[str], weak: list[str]) -> str:
    """The audit as BENCHMARKS.md shows it: a line on the machine, the table, the weak audits."""
    lines = [machine, "", "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER), *rows]
    if weak:
        lines += ["", "Below 90 in Lighthouse's own audits:", "", *[f"- {w}" for w in weak]]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "site")
    count = int(argv[1]) if len(argv) > 1 else 3
    rows: list[str] = []
    weak: list[str] = []
    version = ""
    with serve_nginx(site) as root:
        for name, path in PAGES.items():
            for form, flags in FORMS.items():
                runs = [lighthouse(root + path, flags) for _ in range(count)]
                version = runs[0]["lighthouseVersion"]
                rows.append(row(name, form, runs))
                weak += weak_audits(name, form, median_run(runs))
    machine = (
        f"{datetime.now(UTC):%Y-%m-%d}, {platform.node()}: {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Lighthouse {version}, nginx with deploy/nginx.conf, "
        f"{count} runs of each page and preset (the row: the run of the median performance)"
    )
    text = table(machine, rows, weak)
    sys.stdout.write(text)
    write_section("make audit", text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
