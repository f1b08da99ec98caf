"""Nothing the reader has done is ever lost: full or blocked storage, a reload mid-typing, two
tabs, a corrupted autosave, a dead or stuck engine, hostile documents. Each case failed on the
first version of the page; these tests drive the page only through what it had then (links, the
file input, the title, the notes — comments since format 2 —, the action buttons)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.site.calc import (
    DOCUMENT,
    DOCUMENT_TOTAL,
    RECORD_MESSAGES,
    STORE,
    STRENGTH_TEXT,
    import_file,
    link,
    messages,
    replace_when_asked,
    stored,
    stored_keys,
    total,
    wait_message,
    wait_ready,
    wait_total,
    with_score,
)

OTHER = {**DOCUMENT, "title": "另一份评价", "scores": {**DOCUMENT["scores"], "4.7.7": 95}}
OTHER_TOTAL = with_score("4.7.7", 95)

STORAGE_FAILS = {
    # setItem throws as when the quota is used up
    "full": """Storage.prototype.setItem = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };""",
    # any use of localStorage throws, as when the browser blocks site data
    "blocked": """Object.defineProperty(window, "localStorage", { get() {
        throw new DOMException("Access is denied for this document.", "SecurityError"); } });""",
}


@pytest.mark.parametrize("failure", sorted(STORAGE_FAILS))
def test_undo_works_when_storage_fails(
    page: Page, base_url: str, tmp_path: Path, failure: str
) -> None:
    page.add_init_script(STORAGE_FAILS[failure])
    page.goto(link(base_url))
    wait_ready(page)
    wait_total(page, DOCUMENT_TOTAL)
    import_file(page, tmp_path / "other.json", OTHER)
    replace_when_asked(page)  # the work on screen has comments
    wait_total(page, OTHER_TOTAL)
    text = wait_message(page, "已导入")
    page.click('[data-action="undo"]')
    wait_total(page, DOCUMENT_TOTAL)
    assert "只保留到关闭本页为止" in text  # the truth: the old work is only in this page
    assert "未能自动保存" in text
    assert page.input_value("#assessment-title") == DOCUMENT["title"]
    page.once("dialog", lambda dialog: dialog.accept())
    page.click('[data-action="reset"]')
    wait_total(page, 0)
    page.click('[data-action="undo"]')
    wait_total(page, DOCUMENT_TOTAL)
    assert page.input_value(STRENGTH_TEXT) == "班子分工明确"


def test_typing_is_saved_without_leaving_the_field(page: Page, base_url: str) -> None:
    page.goto(link(base_url))
    wait_ready(page)
    wait_total(page, DOCUMENT_TOTAL)
    page.fill("#assessment-title", "")
    page.type("#assessment-title", "某局 2026 年自评")
    page.reload()  # at once, the field still focused: no change event has fired
    wait_ready(page)
    assert page.input_value("#assessment-title") == "某局 2026 年自评"
    page.click('[data-item="4.7.7"] [data-scorebook="comment-add"][data-kind="opportunity"]')
    page.keyboard.type("结果指标缺少趋势数据")  # the new comment's text has the keyboard
    page.reload()
    wait_ready(page)
    opportunity = '[data-item="4.7.7"] .calc-comment--opportunity textarea[data-field="text"]'
    assert page.input_value(opportunity) == "结果指标缺少趋势数据"
    wait_total(page, DOCUMENT_TOTAL)


def open_tab(browser_context_page: Page, url: str) -> Page:
    page = browser_context_page.context.new_page()
    page.add_init_script(RECORD_MESSAGES)
    page.goto(url)
    wait_ready(page)
    return page


def wait_copy(page: Page, words: str) -> None:
    """Until this tab's autosave has written `words` to the copy it keeps while tabs disagree."""
    page.wait_for_function(
        "([prefix, words]) => Object.keys(localStorage).some((key) =>"
        " key.startsWith(prefix + 'copy:') && localStorage.getItem(key).includes(words))",
        arg=[STORE, words],
    )


def test_two_tabs_lose_neither_tab_s_work(browser: Browser, base_url: str) -> None:
    context = browser.new_context(locale="zh-CN")
    first = context.new_page()
    first.add_init_script(RECORD_MESSAGES)
    first.goto(link(base_url))
    wait_ready(first)
    wait_total(first, DOCUMENT_TOTAL)
    second = open_tab(first, base_url + "calculator/")
    wait_total(second, DOCUMENT_TOTAL)  # the first tab's autosave
    second.fill("#assessment-title", "第二个标签页的标题")
    second.wait_for_function(
        "(key) => localStorage.getItem(key)?.includes('第二个标签页的标题')",
        arg=STORE + "current",
    )
    # the first tab is told, and its own edits no longer overwrite the second's
    wait_message(first, "另一个标签页")
    first.fill("#assessment-title", "第一个标签页的标题")
    wait_copy(first, "第一个标签页的标题")
    current = json.loads(stored(first, "current") or "{}")
    assert current["title"] == "第二个标签页的标题"
    copies = [stored(first, key) or "" for key in stored_keys(first) if key.startswith("copy:")]
    assert any("第一个标签页的标题" in copy for copy in copies)
    # the reader keeps this tab's version; the other one stays reachable by undo
    first.get_by_role("button", name="以本页为准").click()
    first.wait_for_function(
        "(key) => localStorage.getItem(key)?.includes('第一个标签页的标题')",
        arg=STORE + "current",
    )
    wait_message(second, "另一个标签页")  # now the second tab is told
    assert second.input_value("#assessment-title") == "第二个标签页的标题"  # still on its screen
    assert first.inner_text('[data-action="undo"]') == "撤销以本页为准"
    first.click('[data-action="undo"]')
    first.wait_for_function(
        "document.getElementById('assessment-title').value === '第二个标签页的标题'"
    )
    context.close()


def test_a_closed_tab_s_copy_is_offered(browser: Browser, base_url: str) -> None:
    context = browser.new_context(locale="zh-CN")
    first = context.new_page()
    first.goto(link(base_url))
    wait_ready(first)
    wait_total(first, DOCUMENT_TOTAL)
    second = open_tab(first, base_url + "calculator/")
    second.fill("#assessment-title", "第二个标签页的标题")
    wait_message(first, "另一个标签页")
    first.fill("#assessment-title", "第一个标签页的标题")
    wait_copy(first, "第一个标签页的标题")
    first.close()  # closed without choosing
    third = open_tab(second, base_url + "calculator/")
    assert third.input_value("#assessment-title") == "第二个标签页的标题"
    wait_message(third, "评分副本")
    third.get_by_role("button", name="载入副本").click()
    third.wait_for_function(
        "document.getElementById('assessment-title').value === '第一个标签页的标题'"
    )
    copies = [stored(third, key) or "" for key in stored_keys(third) if key.startswith("copy:")]
    assert not [copy for copy in copies if "第一个标签页的标题" in copy]  # taken, so dropped
    wait_message(second, "另一个标签页")  # and the second tab now keeps a copy of its own
    context.close()


@pytest.mark.parametrize(
    "autosave",
    [
        '{"scores": null}',
        "{not json",
        '{"format": "excellence-assessment", "version": 1, "scores": {"9.9.9": 50}}',
        '{"format": "excellence-assessment", "version": 1, "scores": {"4.1.2": "55"}}',
        "[]",
    ],
    ids=["scores-null", "not-json", "unknown-item", "percent-as-string", "array"],
)
def test_a_corrupted_autosave_is_set_aside(page: Page, base_url: str, autosave: str) -> None:
    page.goto(base_url + "calculator/")
    wait_ready(page)
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [STORE + "current", autosave])
    page.reload()
    wait_ready(page, timeout=30_000)
    text = wait_message(page, "已损坏")
    assert "下载" in text
    aside = [key for key in stored_keys(page) if key.startswith("set-aside:")]
    assert [stored(page, key) for key in aside] == [autosave]
    with page.expect_download() as download:
        page.get_by_role("button", name="下载损坏的存档").click()
    assert Path(download.value.path()).read_text("utf-8") == autosave
    wait_total(page, 0)
    page.goto(link(base_url))  # and the page works
    wait_ready(page)
    wait_total(page, DOCUMENT_TOTAL)


@pytest.mark.parametrize(
    ("breakage", "script"),
    [
        ("dead", "close()"),
        ("stuck", "setTimeout(() => { for (;;) {} }, 0)"),
    ],
)
def test_a_dead_or_stuck_engine_is_restarted(
    page: Page, base_url: str, tmp_path: Path, breakage: str, script: str
) -> None:
    page.add_init_script(RECORD_MESSAGES)
    page.goto(link(base_url))
    wait_ready(page)
    wait_total(page, DOCUMENT_TOTAL)
    (worker,) = [w for w in page.workers if "calculator/worker.mjs" in w.url]
    worker.evaluate(script)
    import_file(page, tmp_path / "other.json", OTHER)
    replace_when_asked(page, timeout=60_000)  # once the restarted engine has read the file
    wait_total(page, OTHER_TOTAL, timeout=60_000)
    shown = messages(page)
    assert any("停止了响应" in text and "正在自动重新启动" in text for text in shown), (
        breakage,
        shown,
    )
    assert any("已重新启动" in text for text in shown)
    assert page.is_hidden(".calc-stale")
    with page.expect_download() as download:  # and export works again
        page.click('[data-action="export-json"]')
    assert json.loads(Path(download.value.path()).read_text("utf-8")) == OTHER


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            json.dumps(DOCUMENT)[:-1] + ', "deep": ' + "[" * 2000 + "]" * 2000 + "}",
            "嵌套层数超过",
        ),
        (json.dumps({**DOCUMENT, "meta": {"ratio": float("nan")}}), 'meta["ratio"]：不允许 NaN'),
        (json.dumps({**DOCUMENT, "x": float("inf")}), "x：不允许 Infinity"),
    ],
    ids=["nested-2000-deep", "nan-in-unknown-key", "infinity"],
)
def test_hostile_documents_get_a_message(
    page: Page, base_url: str, tmp_path: Path, text: str, words: str
) -> None:
    page.goto(link(base_url))
    wait_ready(page)
    wait_total(page, DOCUMENT_TOTAL)
    import_file(page, tmp_path / "hostile.json", text)
    shown = wait_message(page, "当前评分未作改动", timeout=15_000)
    assert words in shown
    assert total(page) == str(DOCUMENT_TOTAL)


def set_autosave(page: Page, base_url: str, text: str) -> None:
    """Put `text` where the page keeps its autosave, then open the page as a reader would."""
    page.goto(base_url + "calculator/")
    wait_ready(page)
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [STORE + "current", text])
    page.reload()


def downloaded(page: Page, button: str) -> str:
    with page.expect_download() as download:
        page.get_by_role("button", name=button).click()
    return Path(download.value.path()).read_text("utf-8")


# Unknown keys (JSON text) that the form keeps as they are and the engine refuses.
REFUSED_BY_THE_ENGINE = {
    "lone-surrogate": '"\\ud800"',
    "nested-70-deep": "[" * 70 + "]" * 70,
}


@pytest.mark.parametrize("value", REFUSED_BY_THE_ENGINE.values(), ids=REFUSED_BY_THE_ENGINE)
def test_what_the_engine_refuses_in_an_autosave_is_set_aside(
    page: Page, base_url: str, value: str
) -> None:
    autosave = json.dumps(DOCUMENT, ensure_ascii=False)[:-1] + ', "x": ' + value + "}"
    set_autosave(page, base_url, autosave)
    wait_ready(page, timeout=30_000)  # not "loading" for ever
    wait_total(page, DOCUMENT_TOTAL)  # the rest of the work is on screen
    text = wait_message(page, "无法接受")
    assert "下载" in text
    aside = [stored(page, key) or "" for key in stored_keys(page) if key.startswith("set-aside:")]
    assert [json.loads(text) for text in aside] == [json.loads(autosave)]
    assert json.loads(downloaded(page, "下载损坏的存档")) == json.loads(autosave)
    assert json.loads(stored(page, "current") or "") == DOCUMENT  # "generator" kept, "x" not
    with page.expect_download() as download:
        page.click('[data-action="export-json"]')
    assert json.loads(Path(download.value.path()).read_text("utf-8")) == DOCUMENT
    page.reload()
    wait_ready(page)
    wait_total(page, DOCUMENT_TOTAL)
    assert not page.is_visible("#calc-message")  # nothing left to set aside


def test_export_does_not_wait_for_the_engine(page: Page, base_url: str) -> None:
    page.goto(base_url + "calculator/")
    wait_ready(page)
    page.evaluate(
        "([key, text]) => localStorage.setItem(key, text)",
        [STORE + "current", json.dumps(DOCUMENT, ensure_ascii=False)],
    )
    page.route("**/pyodide.asm.wasm", lambda _: None)  # the engine never loads
    page.reload()
    assert page.input_value("#assessment-title") == DOCUMENT["title"]
    with page.expect_download(timeout=5_000) as download:
        page.click('[data-action="export-json"]')
    assert json.loads(Path(download.value.path()).read_text("utf-8")) == DOCUMENT
    assert page.get_attribute("#calculator", "data-calculator-state") == "loading"


@pytest.mark.parametrize("text", ["5", '{"title": 7}'], ids=["number", "title-a-number"])
def test_another_tab_s_non_document_is_refused_in_words(
    browser: Browser, base_url: str, text: str
) -> None:
    context = browser.new_context(locale="zh-CN")
    first = context.new_page()
    errors: list[str] = []
    first.on("pageerror", lambda error: errors.append(str(error)))
    first.goto(link(base_url))
    wait_ready(first)
    wait_total(first, DOCUMENT_TOTAL)
    other = context.new_page()
    other.goto(base_url)  # any page of the site writes the same storage
    other.evaluate("([key, text]) => localStorage.setItem(key, text)", [STORE + "current", text])
    wait_message(first, "另一个标签页")
    first.get_by_role("button", name="载入另一标签页的版本").click()
    shown = wait_message(first, "无法载入")
    assert "本页的评分未作改动" in shown
    assert not errors
    assert first.input_value("#assessment-title") == DOCUMENT["title"]
    wait_total(first, DOCUMENT_TOTAL)
    # this tab's work is still kept in the browser, and goes back to the autosave when chosen
    wait_copy(first, DOCUMENT["title"])
    first.get_by_role("button", name="以本页为准").click()
    first.wait_for_function(
        "(key) => localStorage.getItem(key)?.includes('某局 2025 年自评')", arg=STORE + "current"
    )
    assert not errors
    context.close()


def test_a_corrupted_autosave_too_large_to_set_aside_is_left_in_place(
    page: Page, base_url: str
) -> None:
    # 3 million characters: with Chromium's 5 million per site, no room for a second copy
    autosave = "{not json " + "x" * 3_000_000
    set_autosave(page, base_url, autosave)
    wait_ready(page, timeout=30_000)
    text = wait_message(page, "已损坏")
    assert "仍留在" in text
    assert stored(page, "current") == autosave
    page.fill("#assessment-title", "新的评价")
    wait_copy(page, "新的评价")  # the new work is saved beside it, not over it
    assert stored(page, "current") == autosave
    assert downloaded(page, "下载损坏的存档") == autosave
    assert stored(page, "current") == autosave  # a download is not a choice to delete
    page.get_by_role("button", name="删除损坏的存档").click()
    page.wait_for_function(
        "(key) => localStorage.getItem(key)?.includes('新的评价')", arg=STORE + "current"
    )


def test_what_the_engine_refuses_in_another_tab_s_version_is_set_aside(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context(locale="zh-CN")
    first = context.new_page()
    first.goto(link(base_url))
    wait_ready(first)
    wait_total(first, DOCUMENT_TOTAL)
    other = context.new_page()
    other.goto(base_url)
    version = json.dumps(OTHER, ensure_ascii=False)[:-1] + ', "x": "\\udc00"}'
    other.evaluate("([key, text]) => localStorage.setItem(key, text)", [STORE + "current", version])
    wait_message(first, "另一个标签页")
    first.get_by_role("button", name="载入另一标签页的版本").click()
    wait_total(first, OTHER_TOTAL)
    assert "U+DC00" in wait_message(first, "无法接受")
    with first.expect_download() as download:
        first.click('[data-action="export-json"]')
    assert json.loads(Path(download.value.path()).read_text("utf-8")) == OTHER
    context.close()
