"""The key themes that open a feedback report: strengths and opportunities for improvement of the
process items (4.1–4.6) and of the result items (4.7), each with the items it comes from.

A file's own ``key_themes`` are used as written (a theme a string, or ``{"text", "items"}``);
without them, themes are proposed from the comments marked as the most significant (++ / −−):
one theme per distinct text, with every item whose comment says it. Only well-formed themes of a
file are taken (the editor of key themes and their checks are issue 17's).
"""

from __future__ import annotations

from typing import Any

from calculator.assessment import Assessment
from calculator.scheme import KINDS, Kind, Scheme, load_scheme

SIDES = {"strength": "strengths", "opportunity": "opportunities"}  # comment kind → theme group
GROUP_LABELS: dict[tuple[Kind, str], str] = {
    ("process", "strengths"): "过程条款的优势",
    ("process", "opportunities"): "过程条款的改进机会",
    ("results", "strengths"): "结果条款的优势",
    ("results", "opportunities"): "结果条款的改进机会",
}
# What the page's editor of key themes says (docs/assets/javascripts/calculator/themes.mjs)
EDITOR_WORDS = {
    "theme": "主题",
    "items": "出自的评分条款",
    "add": "添加主题",
    "add_to": "添加{group}的主题",
    "merge": "与下一条合并",
    "deleted": "删除关键主题",
    "merged": "合并关键主题",
    "proposed_again": "重新提出关键主题",
    "proposed": "已根据 ++ / −− 评语提出 {n} 条关键主题，可以修改、合并、排序和补充。",
    "none_proposed": "还没有标为最重要（++ / −−）的评语，无从提出；可以直接添加主题。",
    "not_yet": "（尚未确定：反馈报告使用根据 ++ / −− 评语提出的主题）",
    "count": "（{n} 条）",
}
PROPOSED_NOTE = "根据标为最重要（++ / −−）的评语提出，可在评价文件的 key_themes 中修改"


def key_themes(document: Assessment, scheme: Scheme | None = None) -> dict[str, Any]:
    """``{"proposed": bool, "process": {"strengths": [{"text", "items"}], "opportunities": […]},
    "results": {…}}``: the file's themes, or those proposed when the file has none."""
    scheme = scheme or load_scheme()
    own = document.extra.get("key_themes")
    if isinstance(own, dict) and own:
        return {"proposed": False, **_own(own, scheme)}
    return {"proposed": True, **_proposed(document, scheme)}


def proposed(document: Assessment, scheme: Scheme | None = None) -> dict[str, Any]:
    """The themes proposed from the ++ / −− comments, whatever the file's own are."""
    return _proposed(document, scheme or load_scheme())


def _empty() -> dict[str, dict[str, list[dict[str, Any]]]]:
    return {kind: {side: [] for side in SIDES.values()} for kind in KINDS}


def _proposed(document: Assessment, scheme: Scheme) -> dict[str, Any]:
    groups = _empty()
    for item in scheme.items:  # table A.1's order
        for comment in document.comments.get(item.id, ()):
            text = comment.text.strip()
            if not comment.major or not text:
                continue
            themes = groups[item.kind][SIDES[comment.kind]]
            same = next((t for t in themes if t["text"] == text), None)
            if same is None:
                themes.append({"text": text, "items": [item.id]})
            elif item.id not in same["items"]:
                same["items"].append(item.id)
    return groups


def _own(raw: dict[str, Any], scheme: Scheme) -> dict[str, Any]:
    known = {item.id for item in scheme.items}
    groups = _empty()
    for kind in KINDS:
        sides = raw.get(kind)
        if not isinstance(sides, dict):
            continue
        for side in SIDES.values():
            entries = sides.get(side)
            for entry in entries if isinstance(entries, list) else ():
                if isinstance(entry, str):
                    groups[kind][side].append({"text": entry, "items": []})
                elif isinstance(entry, dict) and isinstance(entry.get("text"), str):
                    items = entry.get("items")
                    ids = [i for i in items if i in known] if isinstance(items, list) else []
                    groups[kind][side].append({"text": entry["text"], "items": ids})
    return groups


def groups(themes: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The four groups in the report's order, each with its label."""
    return [(GROUP_LABELS[kind, side], themes[kind][side]) for kind, side in GROUP_LABELS]
