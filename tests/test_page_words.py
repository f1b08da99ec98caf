"""Nothing of the scoring is re-implemented in the page's JavaScript: every word and sentence about
scores (labels, rules, headlines, the band of a percent) comes from Python, either in the engine's
replies or rendered into the page at build time. This test reads every string literal and every
template literal's text in the calculator's modules and the practice page's (training/), and
fails on any Chinese text that is not one of the few UI words below, which are about the page
itself (its engine, the browser's storage, files and links), not about scores. What the server
must change when a file does not load is about hosting, not scores: those words live in
``hosting/server.js`` (shared with the self-check page), which this test does not read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCRIPTS = ROOT / "docs" / "assets" / "javascripts"
# the calculator's modules and the practice page's (training/), whose words are all in its data
MODULES = sorted([*(SCRIPTS / "calculator").glob("*.mjs"), *(SCRIPTS / "training").glob("*.mjs")])
# Han characters, CJK punctuation and full-width forms: Chinese text, however short
CHINESE = re.compile("[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")

ALLOWED = {
    # the engine starting, restarting and failing (client.mjs, protocol.mjs, worker.mjs, app.mjs)
    "评分引擎已就绪，结果随选择即时更新。",
    "评分引擎停止了响应（",
    "），正在自动重新启动。在此期间显示的是上一次的结果；您的评分不受影响。",
    "评分引擎已重新启动，结果已是最新。",
    "已填写的评分已保存在本机浏览器中",
    "已填写的评分仍在本页面中，可用“导出 JSON”保存",
    "评分引擎加载失败（",
    "）。请刷新页面重试；如仍失败，请联系网站管理员。",
    "。",
    "评分引擎不可用（",
    "）",
    "操作失败：",
    "。当前评分未作改动。",
    "已关闭",
    " 秒内未能启动",
    "评分引擎脚本无法运行",
    "评分引擎处理此请求时一再无响应，已放弃",
    " 秒内没有回应",
    "评分引擎的文件 ",
    " 无法下载（",
    "正在加载 Python 运行环境……",
    "正在加载评分引擎……",
    # keeping the work in the browser: autosave, undo, other tabs, copies (app.mjs, actions.mjs)
    "本页改动另存为副本（另一标签页的版本为准之前）",
    "本页改动另存为副本（损坏的存档下载或删除之前）",
    "已自动保存在本机浏览器（",
    "未能保存到浏览器：评分只在本页面中，请用“导出 JSON”保存",
    "浏览器存储空间已满或被禁用，评分无法自动保存，只在本页面中。请用“导出 JSON”保存当前评分。",
    "浏览器存储不可用（已满或被禁用），评分未能自动保存，只在本页面中；请用“导出 JSON”保存",
    "（只保留到关闭本页为止）。",
    "”恢复",
    "已重做“",
    "”。",
    "已撤销“",
    "确定要清空全部评分、标题和评语吗？清空后可点“撤销重置”恢复。",
    "重置",
    # what the engine refuses in work that came in unchecked, and corrupt autosaves (actions.mjs)
    "评分引擎无法接受页面上的评价（",
    "），已按页面上的内容原样导出。",
    "另一标签页保存的内容无法载入（",
    "），不是可显示的评价。本页的评分未作改动，改动仍另存为副本。",
    "另一标签页保存的内容",
    "已保存本页的评分。另一标签页保存的内容已另存在浏览器中。",
    "），无法载入，页面从空白表单开始。损坏的内容",
    "已另存在浏览器中，可下载原始内容以便恢复。",
    "页面上的评价中有评分引擎无法接受的内容（",
    "），已去掉这部分，其余评分照常显示。原始内容",
    "已另存在浏览器中，可下载以便恢复。",
    (
        "无法另存（浏览器存储空间不足），仍留在浏览器中原处：本页不会覆盖它，改动另存为副本，"
        "直到您删除它（可先下载）。"
    ),
    "删除损坏的存档",
    "已删除损坏的存档，评分恢复自动保存在本机浏览器中。",
    "已清空全部评分。",
    "），无法检查",
    "无效：",
    "无法显示：",
    "文件“",
    "”无效：不是 UTF-8 编码的文本。当前评分未作改动。",
    "导入",
    "”",
    "已导入“",
    "分享链接无效：",
    "载入链接",
    "分享链接中的评价",
    "已从分享链接载入评价。",
    "分享链接已复制。评分数据只在链接的“#”之后，不会发送到服务器。",
    "请复制下方选中的链接（浏览器不允许自动复制）。",
    (
        "另一个标签页修改并保存了这份评分。为免互相覆盖，本页的改动现另存为副本，"
        "两边的评分都不会丢失。请选择以哪一份为准："
    ),
    "载入另一标签页的版本",
    "已载入另一标签页的版本。",
    "以本页为准",
    "已保存本页的评分。另一标签页的版本可点“撤销以本页为准”找回",
    "找到另一标签页留下的评分副本（",
    "“",
    "”，",
    "保存于 ",
    "）。",
    "载入副本",
    "已载入副本。",
    "副本无法显示：",
    "删除副本",
    "不是有效的 JSON",
    "本机保存的评分已损坏（",
    "下载损坏的存档",
    "损坏的自动保存.json",
    "注意：",
    "重做",
    "撤销",
    "卓越绩效自评",
    # the undo history, replacing a scorebook, a link too long (actions.mjs)
    "原有评价可点“撤销",
    "”，恢复了原有评价。",
    "已",
    "删除一条",
    "，可点“撤销",
    "将替换当前的评价（其中有组织概述、关键因素或评语）。替换后可点“撤销",
    "”恢复。",
    "替换为",
    "保留当前评价",
    "未载入",
    "，当前评价未作改动。",
    "这份评价的分享链接将长达 ",
    " 个字符，超过浏览器和邮件、聊天工具能完整传递的 ",
    " 个字符。请导出 JSON 文件发送给对方，对方用“导入 JSON”打开。",
    "导出 JSON",
    "在指南中阅读 ",
    # the scorebook's editors (scorebook.mjs): the shape of what they show, their controls and
    # counts; the words of comments (kinds, marks, fields) and the hints come from Python
    "profile 不是对象",
    "组织概述中没有 ",
    "组织概述 ",
    " 的格式不对",
    " 不是字符串",
    "key_factors 的格式不对",
    "comments 不是对象",
    "：",
    "；",
    "没有需要核对的地方。",
    "删除评语",
    "删除关键因素",
    "合并评语",
    "、",
    "与下一条合并",
    "与下一条合并：",
    "与下一条",
    "删除关键因素 ",
    "文件、页码、访谈对象……",
    "评语",
    "类别",
    "上移",
    "下移",
    "相关的评分条款",
    "（已填写 ",
    " 点）",
    " 条）",
    "第 ",
    " 段 ",
    # the editor of key themes (themes.mjs): the shape of a document's key_themes
    "key_themes 不是对象",
    "consensus 的格式不对",
    "site_visit 的格式不对",
    "key_themes 中没有 ",
    " 中没有 ",
    "key_themes.",
    # a document the form cannot show (form.mjs): its shape, not its scores
    "不是对象",
    "title 不是字符串",
    "scores 不是对象",
    "没有评分条款 ",
    " 的百分比 ",
    " 不可选",
    " 的评语格式不对",
    # links, snapshots and the guide's page (fragment.mjs, snapshot.mjs, clause.mjs, app.mjs)
    "链接中的评价数据不是有效的 base64url 编码（可能在复制时被截断或改动）",
    "链接中的评价数据不是 UTF-8 编码的文本",
    "不是快照文件",
    "快照文件不完整",
    "快照文件长度不符",
    "页面中没有这一条款",
    "无法载入条款原文（",
    "），请点下方链接到指南中阅读。",
    # named scenarios, kept in the browser (scenarios.mjs): names and what was done with them
    "请先填写方案名称。",
    "已有名为“",
    "”的方案，要用当前评分替换它吗？",
    "已把当前评分保存为方案“",
    " 副本",
    " 副本 ",
    "已复制方案“",
    "”为“",
    "确定删除方案“",
    "”吗？",
    "已删除方案“",
    "打开方案",
    "已打开方案“",
    "注意：浏览器存储不可用，方案只保留到关闭本页为止。",
    "（",
    "打开",
    "复制",
    "删除",
    "方案“",
    "当前评分",
    "方案：",
    # the examiners beside the form, kept in the browser or not (consensus.mjs)
    "合议",
    "评审员对照未能存入浏览器，只保留到关闭本页为止。",
    # files read by the examiner's tools (dom.mjs, consensus.mjs, trend.mjs)
    "”无效：",
    "不是 UTF-8 编码的文本",
    "，当前评分未作改动。",
    "评审员的评价",
    "历次评价",
    "。未导入",
}


# After one of these, a ``/`` starts a regular expression, not a division.
_BEFORE_REGEX = set("(,=:[!&|?{};+-*%<>~^")
_KEYWORD_BEFORE_REGEX = re.compile(r"(?:^|[^\w$])(?:return|typeof|case|of|in)$")


class _Reader:
    """Enough of JavaScript's grammar for our modules: strings, template literals (nested in
    ``${…}``), comments and regular expressions."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.n = 0
        self.found: list[str] = []
        self.regex_may_follow = True
        self.templates: list[int] = []  # brace depth at each open ``${``
        self.depth = 0

    def read(self) -> list[str]:
        source = self.source
        while self.n < len(source):
            ch = source[self.n]
            if source.startswith("//", self.n):
                end = source.find("\n", self.n)
                self.n = len(source) if end < 0 else end
            elif source.startswith("/*", self.n):
                self.n = source.index("*/", self.n) + 2
            elif ch in "'\"":
                self._string(ch)
            elif ch == "`" or (ch == "}" and self.templates and self.templates[-1] == self.depth):
                self._template(ch)
            elif ch == "/" and self.regex_may_follow:
                self._regex()
            else:
                self._other(ch)
        return self.found

    def _string(self, quote: str) -> None:
        close = self.n + 1
        while self.source[close] != quote:
            close += 2 if self.source[close] == "\\" else 1
        self.found.append(self.source[self.n + 1 : close])
        self.n, self.regex_may_follow = close + 1, False

    def _template(self, ch: str) -> None:
        """A template literal's text up to its end or its next ``${``."""
        if ch == "}":
            self.templates.pop()
        start = n = self.n + 1
        while self.source[n] != "`" and not self.source.startswith("${", n):
            n += 2 if self.source[n] == "\\" else 1
        self.found.append(self.source[start:n])
        if self.source[n] == "`":
            self.n, self.regex_may_follow = n + 1, False
        else:
            self.templates.append(self.depth)
            self.n, self.regex_may_follow = n + 2, True

    def _regex(self) -> None:
        n, in_class = self.n + 1, False
        while self.source[n] != "/" or in_class:
            if self.source[n] == "\\":
                n += 1
            elif self.source[n] in "[]":
                in_class = self.source[n] == "["
            n += 1
        n += 1
        while n < len(self.source) and self.source[n].isalpha():  # flags
            n += 1
        self.n, self.regex_may_follow = n, False

    def _other(self, ch: str) -> None:
        self.depth += {"{": 1, "}": -1}.get(ch, 0)
        if not ch.isspace():
            self.regex_may_follow = ch in _BEFORE_REGEX or bool(
                _KEYWORD_BEFORE_REGEX.search(self.source[max(0, self.n - 7) : self.n + 1])
                and not self.source[self.n + 1 : self.n + 2].isalnum()
            )
        self.n += 1


def literals(source: str) -> list[str]:
    """The text of every string literal and every template literal's text between its ``${…}``
    (comments and regular expressions skipped)."""
    return _Reader(source).read()


# The reader itself, on shapes our modules use
READER_CASES = [
    ("const a = \"x\"; const b = 'y';", ["x", "y"]),
    ("const t = `a${b}c${`d${e}`}f`;", ["a", "c", "d", "", "f"]),
    ('const r = /[\\/"]/g; const s = "z";', ["z"]),
    ("// “注释”\n/* “注释” */ const q = a / b / c; const s = '1';", ["1"]),
    ("return /”/.test(x) ? { a: `${x}` } : '2';", ["", "", "2"]),
]


@pytest.mark.parametrize(("source", "expected"), READER_CASES)
def test_the_reader(source: str, expected: list[str]) -> None:
    assert literals(source) == expected


def test_every_module_is_read() -> None:
    assert len(MODULES) >= 10
    assert SCRIPTS / "training" / "practice.mjs" in MODULES
    assert literals((ROOT / "docs/assets/javascripts/calculator/fragment.mjs").read_text("utf-8"))


@pytest.mark.parametrize("module", MODULES, ids=lambda path: path.name)
def test_no_words_about_scores_in_javascript(module: Path) -> None:
    chinese = [text for text in literals(module.read_text("utf-8")) if CHINESE.search(text)]
    assert [text for text in chinese if text not in ALLOWED] == []


def test_every_allowed_word_is_used() -> None:
    """The allow-list stays as short as the page: a word no module uses any more goes."""
    used = {text for module in MODULES for text in literals(module.read_text("utf-8"))}
    assert sorted(ALLOWED - used) == []
