"""The test and benchmark harness itself: its facts agree with deploy/nginx.conf, the benchmark
reads the search tests' queries and the search worker's message types, and `make bench` and
`make audit` rewrite only their own section of BENCHMARKS.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_scripts import audit, bench, measurements
from build_scripts.nginx_server import ALIAS, CONFIG, PORT, SUBPATH, site_config
from build_scripts.static_server import LOCALHOST
from tests.site.search import LATIN, PHRASINGS, QUERIES, TERMS, TITLES


def test_deploy_config_uses_the_harness_s_sub_path_port_and_folder() -> None:
    text = CONFIG.read_text("utf-8")
    assert re.findall(r"^\s*location (?:= )?(\S+) \{$", text, re.MULTILINE) == [
        SUBPATH.rstrip("/"),
        SUBPATH,
    ]
    assert f"return 301 {SUBPATH};" in text
    assert f"error_page 404 {SUBPATH}404.html;" in text
    assert re.findall(r"^\s*listen (\S+);$", text, re.MULTILINE) == [str(PORT)]
    assert re.findall(r"^\s*alias (\S+);$", text, re.MULTILINE) == [ALIAS]
    served = site_config(Path("/srv/elsewhere"), 1234)
    assert f"listen {LOCALHOST}:1234;" in served
    assert "alias /srv/elsewhere/;" in served


def test_the_benchmark_times_the_queries_the_search_tests_check() -> None:
    queries = bench.search_queries(bench.QUERY_FILE.read_text("utf-8"))
    assert queries == [query for query, _ in QUERIES]
    assert all([TERMS, TITLES, PHRASINGS, LATIN])  # every kind of query, none left out


def test_the_benchmark_speaks_the_search_worker_s_messages() -> None:
    types = bench.message_types(bench.SEARCH_WORKER.read_text("utf-8"))
    assert types == {"SETUP": 0, "READY": 1, "QUERY": 2, "RESULT": 3}  # the theme's numbers
    with pytest.raises(ValueError, match="SETUP"):
        bench.message_types("const SETUP = 0;\nconst READY = 1;\n")


FILE = """# Benchmarks

<!-- make audit: begin -->
old audit
<!-- make audit: end -->

Notes written by hand.

<!-- make bench: begin -->
old bench
table
<!-- make bench: end -->

More notes.
"""


def _fake_run() -> bench.Run:
    return bench.Run(
        machine="2026-12-01, test: x86_64, 2 CPUs, Chromium 1 headless, localhost, 2 runs",
        cold={"calculator": [1000, 1200], "stock": [2000, 3000], "floor": [500, 700]},
        again={"calculator": [600, 800], "stock": [2000, 2200], "floor": [400, 500]},
        transfer={
            "calculator": (30_000_000, 12_000_000, 9_000_000),
            "stock": (1, 1, 1),
            "floor": (1, 1, 1),
        },
        precache=(35_000_000, 14_000_000, 11_000_000),
        recompute=[5.0, 7.0, 20.0],
        recompute_cached=[4.0, 6.0, 9.0],
        guide_loads_pyodide=False,
        search_index="87 KB (18 KB gzipped)",
        search_setup=31.4,
        search=[0.1, 0.2, 0.3],
        queries=5,
    )


def test_bench_rewrites_its_own_section_only(tmp_path: Path) -> None:
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(FILE, "utf-8")
    measurements.write_section("make bench", bench.table(_fake_run()), path)
    text = path.read_text("utf-8")
    assert "old bench" not in text
    assert "table\n" not in text
    begin = text.index("<!-- make bench: begin -->\n") + len("<!-- make bench: begin -->\n")
    section = text[begin : text.index("<!-- make bench: end -->")]
    assert section.startswith("2026-12-01, test: x86_64")
    row = (
        "| calculator | median 1.10 s (1.00–1.20) | median 0.70 s (0.60–0.80) | 12.0 MB | 9.0 MB |"
    )
    assert row in section
    assert "precache of the whole site: 14.0 MB gzip, 11.0 MB brotli (35.0 MB as stored)" in section
    assert "- cold start, calculator ÷ stock: 0.44× (floor ÷ stock: 0.24×)" in section
    assert "- calculator ÷ floor: cold start 1.83×, second visit 1.56× (medians)" in section
    assert "median 7.0 ms, p95 20.0 ms on a first visit" in section
    assert "median 6.0 ms, p95 9.0 ms on a later visit" in section
    assert "- a reading page (guide/4.1/) loads Pyodide: no" in section
    assert "3 keystrokes of 5 queries" in section
    assert text.replace(section, "") == FILE.replace("old bench\ntable\n", "")


def test_audit_rewrites_its_own_section_only(tmp_path: Path) -> None:
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(FILE, "utf-8")
    rows = ["| 首页 | desktop | 100 | 100 | 99 | 97–100 | 0.4 s | 0.4 s | 0 ms |"]
    body = audit.table("2026-12-01, test", rows, ["首页 desktop: unused-css-rules 40 KiB"])
    measurements.write_section("make audit", body, path)
    text = path.read_text("utf-8")
    assert text.startswith(
        "# Benchmarks\n\n<!-- make audit: begin -->\n2026-12-01, test\n\n"
        "| 页面 | 设备 | 无障碍 | 最佳实践 | 性能 | 性能（各次） | FCP | LCP | TBT |\n"
        "|---|---|---|---|---|---|---|---|---|\n"
        + rows[0]
        + "\n\nBelow 90 in Lighthouse's own audits:\n\n- 首页 desktop: unused-css-rules 40 KiB\n"
        "<!-- make audit: end -->\n\nNotes written by hand.\n"
    )
    assert "old bench\ntable\n" in text  # the other section as it was


@pytest.mark.parametrize(
    "text",
    [
        "no markers at all\n",
        "<!-- make bench: begin -->\nonly a beginning\n",
        "<!-- make bench: end -->\nthe end first\n<!-- make bench: begin -->\n",
        "<!-- make bench: begin -->\na\n<!-- make bench: end -->\n" * 2,  # twice
    ],
)
def test_a_file_without_its_markers_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="make bench: begin"):
        measurements.replace_section(text, "make bench", "new")


def _report(score: float, tbt: str) -> dict[str, object]:
    categories = {"accessibility": 1.0, "best-practices": 1.0, "performance": score}
    audits = {m: {"displayValue": "1.0\xa0s"} for m in audit.METRICS}
    audits["total-blocking-time"] = {"displayValue": tbt}
    return {"categories": {c: {"score": v} for c, v in categories.items()}, "audits": audits}


def test_an_audit_row_shows_the_median_run_and_the_range_of_all() -> None:
    runs = [_report(0.91, "150 ms"), _report(0.78, "900 ms"), _report(0.84, "400 ms")]
    assert audit.row("评分计算器", "mobile", runs) == (
        "| 评分计算器 | mobile | 100 | 100 | 84 | 78–91 | 1.0 s | 1.0 s | 400 ms |"
    )
    assert audit.row("首页", "mobile", [_report(1.0, "0 ms")] * 2).split(" | ")[5] == "100"


def test_benchmarks_file_has_both_sections() -> None:
    text = measurements.FILE.read_text("utf-8")
    for command in ("make audit", "make bench"):
        assert measurements.replace_section(text, command, "x").count("\nx\n") == 1
