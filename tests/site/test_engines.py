"""A smoke part of the browser tests in Firefox ESR and WebKitGTK (Safari's engine): the guide
and a search, the calculator's total from a link, a band click, a file import, the palette, no
console or page error; and WebKit's clipped 下一页 in the footer.

Each engine is started once for the file (build_scripts/firefox.py, build_scripts/webkit.py),
on the static server with WebKit's error collector in every page. Every expected figure is the
engine's (calculator.score), never the page's.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from build_scripts import firefox, webkit
from build_scripts.static_server import serve
from calculator import assessment, score
from tests.site.calc import BOOT_TIMEOUT, DOCUMENT, SCHEME, link
from tests.site.search import TERMS

Engine = firefox.Firefox | webkit.WebKit

#: a term of the standard and its clause, from the search tests' own queries
QUERY, CLAUSE = next((query, clause) for query, clause in TERMS if query == "预算执行准确率")
#: a file to import: every item scored, bands from the lowest to the highest
IMPORTED: dict[str, Any] = {
    "format": "excellence-assessment",
    "version": 1,
    "title": "导入的自评",
    "scores": {item.id: (index * 5) % 105 for index, item in enumerate(SCHEME.items)},
}
LINKS = "a.md-search-result__link"


def total_of(document: dict[str, Any]) -> Decimal:
    return score(assessment.from_data(document), SCHEME).total


@pytest.fixture(scope="module")
def served(site_dir: Path) -> Iterator[str]:
    with serve(site_dir, head=webkit.ERRORS) as url:
        yield url


@pytest.fixture(scope="module", params=["firefox", "webkit"])
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    with (firefox if request.param == "firefox" else webkit).launch() as browser:
        yield browser


@pytest.fixture
def fresh(engine: Engine) -> Iterator[Engine]:
    """The engine, with no error left from before; none may occur during the test."""
    engine.errors()
    yield engine
    assert engine.errors() == [], f"{engine.name}: errors in the page"


def wait_total(engine: Engine, expected: Decimal) -> None:
    value = "document.getElementById('total-score')?.dataset.value"
    engine.wait(f"{value} && Number({value}) === {expected}")
    assert Decimal(engine.evaluate(value)) == expected


def test_the_guide_and_a_chinese_search(fresh: Engine, served: str) -> None:
    fresh.goto(served)
    fresh.type("input.md-search__input", QUERY)
    fresh.wait(f"document.querySelectorAll('{LINKS}').length > 0")
    hrefs: list[str] = fresh.evaluate(f"[...document.querySelectorAll('{LINKS}')].map(a => a.href)")
    path, anchor = CLAUSE.split("#")
    found = [href for href in hrefs[:3] if href.startswith(served + path) and f"#{anchor}" in href]
    assert found, f"{QUERY} not among the first three: {hrefs[:3]}"
    fresh.goto(found[0])
    heading = f"document.getElementById('{anchor}')"
    fresh.wait(f"{heading} && {heading}.textContent.startsWith('{anchor}')")
    # the query's words marked on the clause's page (?h=)
    fresh.wait(f"[...document.querySelectorAll('mark')].some(m => m.textContent === '{QUERY}')")


def test_the_calculator_from_a_link_a_band_and_a_file(
    fresh: Engine, served: str, tmp_path: Path
) -> None:
    fresh.goto(link(served))
    ready = "document.getElementById('calculator').dataset.calculatorState"
    fresh.wait(f"['ready', 'error'].includes({ready})", timeout=BOOT_TIMEOUT / 1000)
    assert fresh.evaluate(ready) == "ready"
    wait_total(fresh, total_of(DOCUMENT))

    # a band is clicked: its lowest step is the score
    band = SCHEME.guideline_for(SCHEME.item("4.1.2")).band_of(75)
    assert DOCUMENT["scores"]["4.1.2"] != band.min
    fresh.click(f'input[name="band-4.1.2"][value="{band.min}"]')
    wait_total(fresh, total_of({**DOCUMENT, "scores": {**DOCUMENT["scores"], "4.1.2": band.min}}))

    # a file is imported over work with comments: replaced once the reader says so
    path = tmp_path / "imported.json"
    path.write_text(json.dumps(IMPORTED, ensure_ascii=False), "utf-8")
    fresh.upload("#import-file", path)
    replace = "[...document.querySelectorAll('#calc-message button')].find(b => "
    replace += "b.textContent.startsWith('替换为'))"
    fresh.wait(replace)
    fresh.evaluate(f"{replace}.click()")
    wait_total(fresh, total_of(IMPORTED))


def test_the_palette_switch(fresh: Engine, served: str) -> None:
    fresh.goto(served + "guide/4.3/")
    scheme = "document.body.dataset.mdColorScheme"
    assert fresh.evaluate(scheme) == "default"
    fresh.click("label[for='__palette_1']")
    fresh.wait(f"{scheme} === 'slate'")
    fresh.goto(served + "guide/4.4/")  # the choice carries to the next page
    assert fresh.evaluate(scheme) == "slate"
    fresh.click("label[for='__palette_0']")
    fresh.wait(f"{scheme} === 'default'")


def test_no_chinese_text_in_a_dimmed_inline_box(fresh: Engine, served: str) -> None:
    """WebKit paints an inline box with an opacity below 1 in a layer cut to the box as the
    Latin font measures it, and the top of taller Chinese glyphs is lost (the theme's 下一页 and
    上一页 in the footer)."""
    fresh.goto(served + "guide/4.1/")
    dimmed: list[str] = fresh.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => {"
        " const style = getComputedStyle(e);"
        " return style.display.startsWith('inline') && Number(style.opacity) < 1"
        " && /\\p{Script=Han}/u.test(e.textContent); }).map(e => e.className)"
    )
    assert dimmed == []
    # the footer's directions still look dimmed (70 % white, as the theme has them)
    assert (
        fresh.evaluate(
            "[...document.querySelectorAll('.md-footer__direction')]"
            ".map(e => getComputedStyle(e).color)"
        )
        == ["rgba(255, 255, 255, 0.7)"] * 2
    )
