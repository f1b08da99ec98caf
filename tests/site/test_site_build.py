"""The built site: clause anchors, tables from the scheme, figure links, cross-links, glossary."""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import pytest

from calculator.scheme import load_scheme

SCHEME = load_scheme()


def _html(site_dir: Path, page: str) -> str:
    return (site_dir / page / "index.html").read_text("utf-8")


@pytest.mark.parametrize("category", [c.id for c in SCHEME.categories])
def test_headings_carry_clause_numbers_and_ids(site_dir: Path, category: str) -> None:
    html = _html(site_dir, f"guide/{category}")
    for item in next(c for c in SCHEME.categories if c.id == category).items:
        heading = re.search(rf'<h2 id="{re.escape(item.id)}">(.*?)</h2>', html)
        assert heading is not None, item.id
        text = htmllib.unescape(re.sub(r"<[^>]+>", "", heading[1])).replace("¶", "").strip()
        assert text == f"{item.id} {item.name}"


def test_appendix_anchors(site_dir: Path) -> None:
    assert 'id="C.1"' in _html(site_dir, "appendix-c")
    assert 'id="B.1.1"' in _html(site_dir, "appendix-b")
    assert 'id="3.1"' in _html(site_dir, "terms")
    assert not re.search(r'id="_\d*"', _html(site_dir, "guide/4.3"))


def test_table_a1_rendered_from_the_scheme(site_dir: Path) -> None:
    html = _html(site_dir, "appendix-a")
    table = html[
        html.index('<table id="table-A.1">') : html.index("</table>", html.index("table-A.1"))
    ]
    rows = re.findall(r"<td>(\S+) (\S+)</td><td class=\"points\">(\d+)</td>", table)
    assert rows == [(i.id, i.name, str(i.points)) for i in SCHEME.items]
    assert "合计" in table
    assert f'<td class="points">{SCHEME.total}</td>' in table


@pytest.mark.parametrize("kind", ["process", "results"])
def test_guideline_tables_rendered_from_the_scheme(site_dir: Path, kind: str) -> None:
    guideline = SCHEME.guidelines["process" if kind == "process" else "results"]
    html = _html(site_dir, "appendix-c")
    start = html.index(f'<table id="table-{guideline.table}">')
    table = html[start : html.index("</table>", start)]
    assert table.count("<tr id=") == len(guideline.bands)
    for band in guideline.bands:
        assert f'<th scope="row">{band.label}</th>' in table
        for key, text in band.descriptors.items():
            assert f"<li>{text}{guideline.marker.format(key)}</li>" in table


def test_figure_a1_boxes_link_to_their_clauses(site_dir: Path) -> None:
    html = _html(site_dir, "appendix-a")
    figure = html[html.index('id="figure-A.1"') : html.index("</figure>", html.index("figure-A.1"))]
    links = re.findall(r'<a href="([^"]+)" class="figure-box">', figure)
    assert sorted(links) == sorted(
        [f"../guide/{c.id}/#{c.id}" for c in SCHEME.categories] + ["../appendix-b/"]
    )
    for category in SCHEME.categories:
        assert f"{category.id} {category.name}</text>" in figure
    assert "过程</text>" in figure
    assert "结果</text>" in figure


def test_every_item_links_to_the_calculator(site_dir: Path) -> None:
    calculator = _html(site_dir, "calculator")
    for item in SCHEME.items:
        html = _html(site_dir, f"guide/{item.category_id}")
        assert f'href="../../calculator/#item-{item.id}"' in html
        assert f'id="item-{item.id}"' in calculator


def test_notes_on_adli_and_letci_link_to_appendix_c(site_dir: Path) -> None:
    assert 'href="../../appendix-c/#C.1">附录C</a>' in _html(site_dir, "guide/4.5")
    assert 'href="../../appendix-c/#C.2">附录C</a>' in _html(site_dir, "guide/4.7")


@pytest.mark.parametrize(
    ("page", "term"),
    [
        ("guide/4.3", "公众"),
        ("guide/4.1", "社会"),
        ("guide/4.5", "A-D-L-I"),
        ("guide/4.7", "Le-T-C-I"),
        ("guide/4.2", "关键绩效指标"),
    ],
)
def test_glossary_terms_have_tooltips(site_dir: Path, page: str, term: str) -> None:
    assert re.search(rf'<abbr title="[^"]+">{re.escape(term)}</abbr>', _html(site_dir, page))


def test_home_page_says_it_is_unofficial(site_dir: Path) -> None:
    html = _html(site_dir, ".")
    assert "非官方" in html
    assert "以正式发布的标准文本为准" in html


def test_print_stylesheet_and_palettes(site_dir: Path) -> None:
    css = (site_dir / "assets" / "stylesheets" / "guide.css").read_text("utf-8")
    assert "@media print" in css
    html = _html(site_dir, "guide/4.1")
    assert 'data-md-color-scheme="slate"' in html  # the dark palette toggle
