"""The rendered guide contains every sentence of the source text, word for word."""

from __future__ import annotations

from pathlib import Path

from build_scripts.fidelity import check, page_texts, source_units
from tests.conftest import SOURCE_TEXT


def test_every_source_sentence_is_in_the_site(site_dir: Path) -> None:
    report = check(site_dir)
    assert len(report.units) > 450
    assert report.missing == [], str(report)


def test_a_changed_word_is_reported(site_dir: Path, tmp_path: Path) -> None:
    """The check is not vacuous: alter one word of one page and its sentence goes missing."""
    original = (site_dir / "guide" / "4.7" / "index.html").read_text("utf-8")
    page = tmp_path / "index.html"
    page.write_text(original.replace("预算执行准确率", "预算执行正确率"), "utf-8")
    before = page_texts(site_dir)["guide/4.7/index.html"]
    after = page_texts(tmp_path)["index.html"]
    units = [u for u in source_units(SOURCE_TEXT.read_text("utf-8")) if u in before]
    assert [u for u in units if u not in after] == [
        "预算执行准确率、审计问题发现数、审计整改完成率等。"
    ]


def test_repairs_are_applied() -> None:
    units = source_units(SOURCE_TEXT.read_text("utf-8"))
    assert "4.1领导" in units  # printed "领导 4.1"
    assert "4.6测量、分析与改进" in units  # figure label, 、 restored
    assert not any(u in {"A", "B", "C"} for u in units)  # margin letters
    assert not any("（续）" in u for u in units)  # table continued on the next page
    assert any(u.startswith("确定方向：") for u in units)  # list marker a) dropped
