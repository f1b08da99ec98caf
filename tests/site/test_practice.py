"""The practice page (练习：评分指南) in Chromium: both drills answered right and wrong with the
keyboard alone, the right answer read from the scheme (never from the page's data); the focus on
the feedback, then on the next question; the answer's whole band and its neighbours; progress
kept over a reload and cleared by 重新开始; storage that throws; axe; nothing but the site's own
files requested; no console error."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from build_scripts.practice import DRILLS, WORDS, practice_data
from calculator.scheme import Guideline, Scheme, load_scheme
from tests.site.axe import run_axe

SCHEME = load_scheme()
PAGE = "training/practice/"
DRILL = '.practice[data-drill="{}"]'
STORAGE_FAILS = {
    # setItem throws as when the quota is used up
    "full": """Storage.prototype.setItem = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };""",
    # any use of localStorage throws, as when the browser blocks site data
    "blocked": """Object.defineProperty(window, "localStorage", { get() {
        throw new DOMException("Access is denied for this document.", "SecurityError"); } });""",
}
TAB_LIMIT = 300  # the page's header, navigation and text come before the drills


def _factor(guideline: Guideline, key: str) -> str:
    return next(f"{f.key} {f.name}" for f in guideline.factors if f.key == key)


def band_answer(scheme: Scheme, sentence: str) -> tuple[Guideline, int, str]:
    """Where a sentence of tables C.1/C.2 stands: its table, its band's index, its factor."""
    for guideline in scheme.guidelines.values():
        for index, band in enumerate(guideline.bands):
            for key, text in band.descriptors.items():
                if text == sentence:
                    return guideline, index, key
    raise AssertionError(sentence)


def item_answers(scheme: Scheme, name: str) -> list[str]:
    """An item's category, points and table, as the choices read."""
    item = next(i for i in scheme.items if i.name == name)
    category = next(c for c in scheme.categories if c.id == item.category_id)
    guideline = scheme.guideline_for(item)
    return [
        f"{category.id} {category.name}",
        str(item.points),
        f"表{guideline.table} {guideline.title}",
    ]


class Visit:
    """The practice page opened in a page that records console errors and outside requests."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.root = base_url
        self.url = base_url + PAGE
        self.errors: list[str] = []
        self.outside: list[str] = []
        origin = urlsplit(base_url).netloc
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on(
            "request",
            lambda r: None if urlsplit(r.url).netloc == origin else self.outside.append(r.url),
        )
        page.on("requestfailed", lambda r: self.errors.append(f"failed {r.url}"))

    def open(self) -> None:
        self.page.goto(self.url)
        self.ready()

    def ready(self) -> None:
        for drill in DRILLS:
            self.page.wait_for_selector(DRILL.format(drill) + '[data-practice-state="ready"]')

    def text(self, drill: str) -> str:
        return self.page.inner_text(DRILL.format(drill) + ' [data-role="text"]')

    def active(self) -> dict[str, Any]:
        found: dict[str, Any] = self.page.evaluate(
            """() => { const a = document.activeElement;
                return { role: a.dataset.role ?? null, text: a.textContent,
                         drill: a.closest(".practice")?.dataset.drill ?? null,
                         step: a.closest("[data-step]")?.dataset.step ?? null,
                         choice: a.dataset.choice !== undefined } }"""
        )
        return found

    def tab_to_choice(self, drill: str, step: int, label: str) -> None:
        """Tab (forwards only) to the choice of that label, then press Enter."""
        for _ in range(TAB_LIMIT):
            self.page.keyboard.press("Tab")
            now = self.active()
            if now["choice"] and (now["drill"], now["step"], now["text"]) == (
                drill,
                str(step),
                label,
            ):
                self.page.keyboard.press("Enter")
                return
        raise AssertionError(f"no choice {label} in step {step} of {drill}")

    def live(self, drill: str) -> str:
        return self.page.inner_text(DRILL.format(drill) + ' [data-role="live"]')

    def counts(self, drill: str) -> str:
        return self.page.inner_text(DRILL.format(drill) + ' [data-role="counts"]')

    def stored(self, drill: str) -> Any:
        key = practice_data(SCHEME, drill)["store"]
        text = self.page.evaluate("(key) => localStorage.getItem(key)", key)
        return None if text is None else json.loads(text)

    def check(self) -> None:
        assert self.errors == []
        assert self.outside == []


@pytest.fixture
def visit(page: Page, base_url: str) -> Iterator[Visit]:
    opened = Visit(page, base_url)
    yield opened
    opened.check()


def answer_band(visit: Visit, *, right: bool) -> str:
    """Answers the band drill's question (the band right or wrong, the factor right)."""
    page = visit.page
    sentence = visit.text("band")
    guideline, index, key = band_answer(SCHEME, sentence)
    band = guideline.bands[index]
    chosen = band if right else guideline.bands[(index + 3) % len(guideline.bands)]
    visit.tab_to_choice("band", 0, chosen.label)
    verdict = WORDS["right" if right else "wrong"] + WORDS["answer"]
    expected = f"{verdict}表{guideline.table} {guideline.title}：{band.label}"
    focused = {"role": "verdict", "text": expected, "drill": "band", "step": "0", "choice": False}
    assert visit.active() == focused  # the feedback, which says which band is right
    assert visit.live("band") == expected
    visit.tab_to_choice("band", 1, _factor(guideline, key))  # the next Tab reaches the factors
    assert visit.active()["role"] == "verdict"
    assert visit.live("band") == WORDS["right"] + WORDS["answer"] + _factor(guideline, key)
    reveal = page.inner_text(DRILL.format("band") + ' [data-role="reveal"]')
    for factor in guideline.factors:  # the band's whole description, each with its marker
        assert band.descriptors[factor.key] + guideline.marker.format(factor.key) in reveal
    for other in (index - 1, index + 1):  # the same factor's sentence in each neighbour
        if 0 <= other < len(guideline.bands):
            assert guideline.bands[other].descriptors[key] in reveal
            assert guideline.bands[other].label in reveal
    return sentence


def next_question(visit: Visit, drill: str, before: str) -> None:
    visit.page.keyboard.press("Tab")
    assert visit.active()["role"] == "next"
    visit.page.keyboard.press("Enter")
    assert visit.active()["role"] == "text"  # the focus on the new question
    assert visit.text(drill) != before


def test_the_band_drill_right_and_wrong_by_keyboard(visit: Visit) -> None:
    visit.open()
    assert visit.counts("band") == WORDS["progress_none"]
    first = answer_band(visit, right=True)
    assert visit.counts("band") == "已答 1 题，全部答对 1 题。"
    next_question(visit, "band", first)
    second = answer_band(visit, right=False)
    assert visit.counts("band") == "已答 2 题，全部答对 1 题。"
    recent = visit.page.locator(DRILL.format("band") + ' [data-role="recent"] li')
    assert recent.all_text_contents() == [  # inside the closed <details>
        WORDS["recent_wrong"] + second,
        WORDS["recent_right"] + first,
    ]
    state = visit.stored("band")
    assert (state["answered"], state["right"]) == (2, 1)


def test_the_neighbour_s_differing_words_are_marked(visit: Visit) -> None:
    """Whatever the question, the marked text is what one sentence has and the other lacks."""
    visit.open()
    answer_band(visit, right=True)
    pairs = visit.page.locator(DRILL.format("band") + " .practice-pair")
    assert pairs.count() in (1, 2)
    for n in range(pairs.count()):
        lines = pairs.nth(n).locator(".practice-sentence")
        texts = lines.all_inner_texts()
        marked = ["".join(lines.nth(i).locator("mark").all_inner_texts()) for i in range(2)]
        assert marked != ["", ""]  # the two sentences always differ somewhere
        for text, mark in zip(texts, marked, strict=True):
            assert len(mark) < len(text)


def test_the_item_drill_right_and_wrong_by_keyboard(visit: Visit) -> None:
    visit.open()
    name = visit.text("items")
    answers = item_answers(SCHEME, name)
    wrong_points = next(p for p in ("10", "80") if p != answers[1])
    visit.tab_to_choice("items", 0, answers[0])
    assert visit.live("items") == WORDS["right"] + WORDS["answer"] + answers[0]
    visit.tab_to_choice("items", 1, wrong_points)
    assert visit.live("items") == WORDS["wrong"] + WORDS["answer"] + answers[1]
    visit.tab_to_choice("items", 2, answers[2])
    assert visit.active()["role"] == "verdict"
    reveal = visit.page.inner_text(DRILL.format("items") + ' [data-role="reveal"]')
    item = next(i for i in SCHEME.items if i.name == name)
    assert f"{item.id} {item.name}" in reveal
    assert visit.counts("items") == "已答 1 题，全部答对 0 题。"
    next_question(visit, "items", name)
    name = visit.text("items")
    for step, label in enumerate(item_answers(SCHEME, name)):
        visit.tab_to_choice("items", step, label)
    assert visit.counts("items") == "已答 2 题，全部答对 1 题。"


@pytest.mark.every_server("progress kept in the origin's storage over a reload")
def test_progress_survives_a_reload_and_restart_clears_it(visit: Visit) -> None:
    visit.open()
    first = answer_band(visit, right=True)
    next_question(visit, "band", first)
    on_screen = visit.text("band")
    visit.page.reload()
    visit.ready()
    assert visit.counts("band") == "已答 1 题，全部答对 1 题。"
    assert visit.text("band") == on_screen  # the question asked stays the same
    assert visit.page.locator(DRILL.format("band") + ' [data-role="recent"] li').count() == 1
    assert visit.counts("items") == WORDS["progress_none"]  # each drill its own progress
    restart = DRILL.format("band") + ' [data-role="restart"]'
    visit.page.focus(restart)
    visit.page.keyboard.press("Enter")
    assert visit.counts("band") == WORDS["progress_none"]
    assert visit.live("band") == WORDS["restarted"]
    assert visit.active()["role"] == "text"
    assert visit.page.locator(DRILL.format("band") + ' [data-role="recent"] li').count() == 0
    state = visit.stored("band")
    assert (state["answered"], state["right"], state["recent"]) == (0, 0, [])
    visit.page.reload()
    visit.ready()
    assert visit.counts("band") == WORDS["progress_none"]


@pytest.mark.parametrize("failure", sorted(STORAGE_FAILS))
def test_storage_that_throws_leaves_the_drills_working(visit: Visit, failure: str) -> None:
    visit.page.add_init_script(STORAGE_FAILS[failure])
    theme: list[str] = []
    if failure == "blocked":  # the theme's own scripts throw then, on every page: only more is ours
        home = visit.page.context.new_page()
        home.add_init_script(STORAGE_FAILS[failure])
        home.on("pageerror", lambda error: theme.append(str(error)))
        home.goto(visit.root, wait_until="networkidle")
        home.close()
        assert theme
    visit.open()
    for drill in DRILLS:
        message = DRILL.format(drill) + ' [data-role="message"]'
        assert visit.page.is_visible(message)
        assert visit.page.inner_text(message) == WORDS["storage"]
        assert visit.page.get_attribute(message, "role") == "alert"
    answer_band(visit, right=True)
    assert visit.counts("band") == "已答 1 题，全部答对 1 题。"
    if failure == "full":
        assert visit.stored("band") is None
    next_question(visit, "band", visit.text("band"))
    assert visit.errors == theme
    visit.errors.clear()  # checked here; the fixture checks the outside requests


def test_a_broken_entry_starts_afresh(visit: Visit) -> None:
    visit.open()
    key = practice_data(SCHEME, "band")["store"]
    visit.page.evaluate("(key) => localStorage.setItem(key, '{\"answered\": -1')", key)
    visit.page.reload()
    visit.ready()
    assert visit.counts("band") == WORDS["progress_none"]
    assert not visit.page.is_visible(DRILL.format("band") + ' [data-role="message"]')


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_axe_with_both_answers_shown(browser: Browser, base_url: str, palette: str) -> None:
    context = browser.new_context(locale="zh-CN", color_scheme=palette)  # type: ignore[arg-type]
    try:
        visit = Visit(context.new_page(), base_url)
        visit.open()
        answer_band(visit, right=False)
        for step, label in enumerate(item_answers(SCHEME, visit.text("items"))):
            visit.tab_to_choice("items", step, label)
        visit.page.click(DRILL.format("band") + " .practice-recent > summary")
        assert run_axe(visit.page) == []
        visit.check()
    finally:
        context.close()


@pytest.mark.parametrize("drill", DRILLS)
def test_the_page_carries_the_generator_s_questions(site_dir: Path, drill: str) -> None:
    html = (site_dir / PAGE / "index.html").read_text("utf-8")
    islands = re.findall(
        r'<script type="application/json" class="practice-data">(.*?)</script>', html, re.DOTALL
    )
    assert len(islands) == len(DRILLS)
    found = [json.loads(island) for island in islands]
    assert practice_data(SCHEME, drill) in found
