"""The examiner's scorebook on the page (format 2): the organizational profile, key factors and
each item's comments, entered with the keyboard alone; kept across a reload, a share link, an
import and its undo; the consistency hints; and the page's size at start."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from tests.documents import BASE
from tests.site.calc import (
    DOCUMENT,
    DOCUMENT_TOTAL,
    SCOREBOOK,
    STORE,
    choose,
    import_file,
    link,
    stored,
    wait_message,
    wait_ready,
    wait_total,
)

MAX_ELEMENTS_AT_START = 1500  # issue 16: the page starts with at most this many elements


def autosaved(page: Page) -> dict[str, Any]:
    """The document the page keeps, once its debounced autosave has been written."""
    page.evaluate("() => new Promise((done) => setTimeout(done, 0))")
    page.wait_for_function(
        "(key) => localStorage.getItem(key) !== null", arg=STORE + "current", timeout=10_000
    )
    text = stored(page, "current")
    assert text is not None
    document: dict[str, Any] = json.loads(text)
    return document


def wait_saved(page: Page, check: str) -> dict[str, Any]:
    """Wait until the autosave holds a document ``d`` for which the JS expression ``check``
    holds."""
    page.wait_for_function(
        f"(key) => {{ try {{ const d = JSON.parse(localStorage.getItem(key)); return {check}; }}"
        " catch { return false; } }",
        arg=STORE + "current",
        timeout=10_000,
    )
    return autosaved(page)


def test_the_page_starts_small(page: Page, base_url: str) -> None:
    page.goto(base_url + "calculator/")
    wait_ready(page)
    count = page.evaluate("document.querySelectorAll('*').length")
    assert count <= MAX_ELEMENTS_AT_START
    # nothing of the scorebook is built until it is needed
    assert page.locator(".calc-comment").count() == 0
    assert page.locator(".calc-profile__body textarea").count() == 0


def write_profile_and_key_factor(page: Page) -> None:
    """B.1.1 a) and B.2.1 of the profile; key factor KF1 from B.1.1 a), tagged to 4.1.2."""
    keys = page.keyboard
    page.focus("#calc-profile > summary")
    keys.press("Enter")
    page.wait_for_selector('textarea[data-section="B.1.1"][data-point="a"]')
    page.focus('textarea[data-section="B.1.1"][data-point="a"]')
    keys.type("负责全省营商环境建设的法定职能")
    page.focus('textarea[data-section="B.2.1"]')
    keys.type("坚持依法行政")
    page.focus("#calc-key-factors > summary")
    keys.press("Enter")
    page.focus('[data-scorebook="key-factor-add"]')
    keys.press("Enter")
    # the key factor's editor is built by the engine's reply: wait for the focus to reach it
    page.wait_for_function("() => document.activeElement.dataset.field === 'text'")
    keys.type("审批事项多、窗口多")
    keys.press("Tab")  # the profile point it comes from
    assert page.evaluate("document.activeElement.dataset.field") == "profile"
    page.select_option('.calc-key-factor [data-field="profile"]', "B.1.1.a")
    page.focus('.calc-key-factor [data-field="items"][value="4.1.2"]')
    keys.press("Space")


def write_comments(page: Page) -> None:
    """4.1.2 at 55 %: a major strength with factor, point, evidence and KF1; an OFI, moved up."""
    keys = page.keyboard
    choose(page, "4.1.2", 55)
    page.focus('[data-item="4.1.2"] [data-scorebook="comment-add"][data-kind="strength"]')
    keys.press("Enter")
    assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"
    keys.type("班子定期研究营商环境")
    comment = '[data-item="4.1.2"] .calc-comment[data-index="0"]'
    page.focus(f'{comment} [data-field="major"]')
    keys.press("Space")
    page.select_option(f'{comment} [data-field="factor"]', "A")
    page.select_option(f'{comment} [data-field="point"]', "a")
    page.focus(f'{comment} [data-field="evidence"]')
    keys.type("党组会纪要 2025-03")
    page.focus(f'{comment} [data-field="key_factors"][value="KF1"]')
    keys.press("Space")
    page.focus('[data-item="4.1.2"] [data-scorebook="comment-add"][data-kind="opportunity"]')
    keys.press("Enter")
    keys.type("绩效管理缺少评估")
    page.focus('[data-item="4.1.2"] .calc-comment[data-index="1"] [data-scorebook="up"]')
    keys.press("Enter")
    assert page.evaluate("document.activeElement.closest('.calc-comment').dataset.index") == "0"
    assert page.evaluate("document.activeElement.dataset.scorebook") == "up"


def test_a_whole_scorebook_with_the_keyboard_alone(page: Page, base_url: str) -> None:
    page.goto(base_url + "calculator/")
    wait_ready(page)
    keys = page.keyboard
    write_profile_and_key_factor(page)
    write_comments(page)

    expected = {
        "profile": {"B.1.1": {"a": "负责全省营商环境建设的法定职能"}, "B.2.1": "坚持依法行政"},
        "key_factors": [
            {"id": "KF1", "text": "审批事项多、窗口多", "profile": "B.1.1.a", "items": ["4.1.2"]}
        ],
        "comments": {
            "4.1.2": [
                {"kind": "opportunity", "major": False, "text": "绩效管理缺少评估"},
                {
                    "kind": "strength",
                    "major": True,
                    "text": "班子定期研究营商环境",
                    "factor": "A",
                    "point": "a",
                    "evidence": "党组会纪要 2025-03",
                    "key_factors": ["KF1"],
                },
            ]
        },
    }
    saved = wait_saved(page, "d.comments['4.1.2'][0].kind === 'opportunity'")
    for key, value in expected.items():
        assert saved[key] == value, key
    assert saved["scores"] == {"4.1.2": 55}
    page.wait_for_function(
        "() => document.querySelector('[data-item-comments=\"4.1.2\"]').textContent"
        " === '优势 1 · 改进机会 1'"
    )
    # the item shows its tagged key factor; the marks are ++ and −
    assert "KF1 审批事项多、窗口多" in page.inner_text(
        '[data-item="4.1.2"] .calc-comments__factors'
    )
    marks = page.locator('[data-item="4.1.2"] .calc-comment__mark').all_inner_texts()
    assert marks == ["\u2212", "++"]
    names = page.locator('[data-item="4.1.2"] .calc-comment__name').all_inner_texts()
    assert names == ["改进机会 1", "优势 1"]

    # delete the strength with the keyboard; the focus stays in the list; one undo brings it back
    page.focus('[data-item="4.1.2"] .calc-comment[data-index="1"] [data-scorebook="delete"]')
    keys.press("Enter")
    wait_saved(page, "d.comments['4.1.2'].length === 1")
    assert page.evaluate("document.activeElement.dataset.scorebook") == "delete"
    page.click('[data-action="undo"]')
    wait_saved(page, "d.comments['4.1.2'].length === 2")

    # everything survives a reload, shown again in the editors
    page.reload()
    wait_ready(page)
    again = autosaved(page)
    for key, value in expected.items():
        assert again[key] == value, key
    strength = '[data-item="4.1.2"] .calc-comment[data-index="1"] textarea'
    assert page.input_value(strength) == "班子定期研究营商环境"
    page.click("#calc-profile > summary")
    assert page.input_value('textarea[data-section="B.2.1"]') == "坚持依法行政"

    # and a share link carries all of it to another browser
    page.click('[data-action="share"]')
    shared = page.input_value("#share-link")
    other = page.context.browser.new_context(locale="zh-CN").new_page()  # type: ignore[union-attr]
    other.goto(shared)
    wait_ready(other)
    wait_message(other, "已从分享链接载入")
    there = wait_saved(other, "d.comments !== undefined")
    for key, value in expected.items():
        assert there[key] == value, key
    other.context.close()


WITH_COMMENTS: dict[str, Any] = {
    **{k: v for k, v in DOCUMENT.items() if k != "notes"},
    "version": 2,
    "comments": {"4.1.2": [{"kind": "strength", "major": False, "text": "我的评语"}]},
}


def test_replacing_a_scorebook_asks_first_and_every_step_can_be_undone(
    page: Page, base_url: str, tmp_path: Path
) -> None:
    page.goto(link(base_url, WITH_COMMENTS))
    wait_ready(page)
    wait_saved(page, "d.comments !== undefined")
    # two links one after the other (as a page that set our location twice would): each asks
    first = {**WITH_COMMENTS, "title": "第一个链接", "comments": {}}
    second = {**WITH_COMMENTS, "title": "第二个链接", "comments": {}}
    page.goto(link(base_url, first))
    wait_message(page, "将替换当前的评价")
    assert page.input_value("#assessment-title") == DOCUMENT["title"]  # nothing replaced yet
    page.click("#calc-message button:has-text('替换为')")
    wait_saved(page, "d.title === '第一个链接'")
    page.goto(link(base_url, second))  # no comments on screen now: it opens at once
    wait_saved(page, "d.title === '第二个链接'")
    import_file(page, tmp_path / "mine.json", WITH_COMMENTS)
    wait_saved(page, "d.comments !== undefined")
    # a file over work with comments asks too, and keeping the work keeps it
    import_file(page, tmp_path / "theirs.json", first)
    wait_message(page, "将替换当前的评价")
    page.click("#calc-message button:has-text('保留当前评价')")
    assert autosaved(page)["comments"] == WITH_COMMENTS["comments"]
    # three steps back reach the reader's own work of the start
    for title in ("第二个链接", "第一个链接", DOCUMENT["title"]):
        page.click('[data-action="undo"]')
        wait_saved(page, f"d.title === {json.dumps(title, ensure_ascii=False)}")
    assert autosaved(page)["comments"] == WITH_COMMENTS["comments"]
    # the history is in storage: it survives a reload, and redo goes forward again
    page.reload()
    wait_ready(page)
    assert page.is_visible('[data-action="redo"]')
    page.click('[data-action="redo"]')
    wait_saved(page, "d.title === '第一个链接'")


def test_hints_appear_and_disappear(page: Page, base_url: str) -> None:
    page.goto(base_url + "calculator/")
    wait_ready(page)
    hints = '[data-item-hints="4.3.2"]'
    choose(page, "4.3.2", 75)
    page.wait_for_selector(f"{hints}:not([hidden])")
    first = page.inner_text(hints)
    assert "75%" in first
    assert page.locator("#hints li a[href='#item-4.3.2']").count() >= 1
    page.click('[data-item="4.3.2"] [data-scorebook="comment-add"][data-kind="strength"]')
    page.keyboard.type("满意度调查覆盖全部窗口")
    page.keyboard.press("Tab")  # the change event: the comment is scored
    page.wait_for_function(
        "(first) => { const box = document.querySelector('[data-item-hints=\"4.3.2\"]');"
        " return box.hidden || box.textContent !== first; }",
        arg=first,
    )
    assert "没有记录优势" not in page.inner_text("#hints")


def test_a_link_too_long_is_offered_as_a_file(page: Page, base_url: str) -> None:
    long = {
        **WITH_COMMENTS,
        "comments": {
            "4.1.2": [{"kind": "strength", "major": False, "text": "很长的评语" * 800}] * 8
        },
    }
    page.goto(base_url + "calculator/")
    wait_ready(page)
    page.evaluate(
        "([key, doc]) => localStorage.setItem(key, JSON.stringify(doc))",
        [STORE + "current", long],
    )
    page.reload()
    wait_ready(page)
    wait_total(page, DOCUMENT_TOTAL)
    page.click('[data-action="share"]')
    text = wait_message(page, "分享链接将长达")
    assert "导出 JSON" in text
    assert not page.is_visible("#share-link")
    with page.expect_download() as download:
        page.click("#calc-message button:has-text('导出 JSON')")
    exported = json.loads(Path(download.value.path()).read_text("utf-8"))
    assert exported["comments"] == long["comments"]


def test_an_autosave_of_version_1_keeps_its_notes_as_comments(page: Page, base_url: str) -> None:
    page.goto(base_url + "calculator/")
    wait_ready(page)
    v1 = {**DOCUMENT, "version": 1}
    page.evaluate(
        "([key, doc]) => localStorage.setItem(key, JSON.stringify(doc))", [STORE + "current", v1]
    )
    page.reload()
    wait_ready(page)
    texts = page.locator('[data-item="4.1.2"] .calc-comment textarea[data-field="text"]')
    page.wait_for_function("() => document.querySelectorAll('.calc-comment').length === 2")
    assert texts.evaluate_all("areas => areas.map((a) => a.value)") == [
        "班子分工明确",
        "绩效管理待加强",
    ]


def test_a_comment_changed_to_the_other_kind_is_numbered_and_marked_anew(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + "calculator/")
    wait_ready(page)
    add = '[data-item="4.2.2"] [data-scorebook="comment-add"][data-kind="strength"]'
    for text in ("战略制定有依据", "其实是改进机会"):
        page.click(add)
        page.keyboard.type(text)
    second = '[data-item="4.2.2"] .calc-comment[data-index="1"]'
    page.select_option(f'{second} [data-field="kind"]', "opportunity")
    names = page.locator('[data-item="4.2.2"] .calc-comment__name').all_inner_texts()
    assert names == ["优势 1", "改进机会 1"]
    assert page.inner_text(f"{second} .calc-comment__mark") == "\u2212"
    assert page.evaluate("document.activeElement.dataset.field") == "kind"
    saved = wait_saved(page, "d.comments['4.2.2'][1].kind === 'opportunity'")
    assert [c["text"] for c in saved["comments"]["4.2.2"]] == ["战略制定有依据", "其实是改进机会"]


def test_scenarios_and_another_tab_carry_the_scorebook(page: Page, base_url: str) -> None:
    page.goto(link(base_url, SCOREBOOK))
    wait_ready(page)
    wait_saved(page, "d.key_factors !== undefined")
    # a scenario keeps the profile, the key factors and the comments
    page.click("#calc-team > summary")
    page.fill("#scenario-name", "有评语的方案")
    page.click('[data-action="scenario-save"]')
    page.once("dialog", lambda dialog: dialog.accept())
    page.click('[data-action="reset"]')
    wait_saved(page, "d.comments === undefined")
    page.click('[data-action="scenario-open"][data-index="0"]')
    saved = wait_saved(page, "d.comments !== undefined")
    for key in ("profile", "key_factors", "comments"):
        assert saved[key] == SCOREBOOK[key], key
    # another tab edits a comment: this tab offers its version, and loading it shows the edit
    other = page.context.new_page()
    other.goto(base_url + "calculator/")
    wait_ready(other)
    text = '[data-item="4.7.2"] .calc-comment textarea[data-field="text"]'
    other.fill(text, "另一标签页改过的评语")
    other.keyboard.press("Tab")
    wait_message(page, "另一个标签页修改并保存了这份评分")
    page.click("#calc-message button:has-text('载入另一标签页的版本')")
    page.wait_for_function(
        "(selector) => document.querySelector(selector)?.value === '另一标签页改过的评语'",
        arg=text,
    )
    assert autosaved(page)["key_factors"] == SCOREBOOK["key_factors"]


# localStorage with room for a history of some 2,500 characters only
SMALL_HISTORY = """(() => { const set = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (key.endsWith(":history") && value.length > 2500) {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); }
    return set.call(this, key, value); }; })();"""


def test_the_history_keeps_its_newest_steps_where_storage_is_short(
    page: Page, base_url: str, tmp_path: Path
) -> None:
    page.add_init_script(SMALL_HISTORY)
    page.goto(base_url + "calculator/")
    wait_ready(page)
    titles = [f"第 {n} 份评价" + "。" * 700 for n in range(1, 6)]  # ~750 characters each
    for n, title in enumerate(titles):
        import_file(page, tmp_path / f"{n}.json", {**BASE, "title": title, "scores": {}})
        wait_saved(page, f"d.title.startsWith('第 {n + 1} 份')")
    stored_history = json.loads(stored(page, "history") or "{}")
    kept = [step["document"]["title"] for step in stored_history["past"]]
    assert 0 < len(kept) < 4  # the oldest dropped, not all
    assert kept == titles[4 - len(kept) : 4]  # the newest kept, in order
    page.reload()
    wait_ready(page)
    for title in reversed(kept):
        page.click('[data-action="undo"]')
        wait_saved(page, f"d.title === {json.dumps(title, ensure_ascii=False)}")
    assert page.is_hidden('[data-action="undo"]')
