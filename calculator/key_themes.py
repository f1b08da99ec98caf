"""The key themes that open a feedback report: strengths and opportunities for improvement of the
process items (4.1–4.6) and of the result items (4.7), each with the items it comes from.

A file's own ``key_themes`` (``Assessment.key_themes``, checked by calculator/assessment.py) are
used as written; when it has none (no ``key_themes``, or not one theme in them), themes are
proposed from the comments marked as the most significant (++ / −−): one theme per distinct text,
with every item whose comment says it. ``proposed`` gives the proposal on its own (the page's
"re-propose" button).
"""

from __future__ import annotations

from typing import Any

from calculator.assessment import THEME_SIDES, Assessment
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
    "add_to": "添加主题（{group}）",
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
    own = document.key_themes
    if own is not None and own.any():
        return {
            "proposed": False,
            **{
                kind: {
                    side: [
                        {"text": t.text, "items": list(t.items)}
                        for t in own.themes.get(kind, {}).get(side, ())
                    ]
                    for side in THEME_SIDES
                }
                for kind in KINDS
            },
        }
    return {"proposed": True, **proposed(document, scheme)}


def _empty() -> dict[str, dict[str, list[dict[str, Any]]]]:
    return {kind: {side: [] for side in SIDES.values()} for kind in KINDS}


def proposed(document: Assessment, scheme: Scheme | None = None) -> dict[str, Any]:
    """The themes proposed from the ++/−− comments, whatever the file's own: ``{"process":
    {"strengths": [{"text", "items"}], "opportunities": […]}, "results": {…}}``, as
    ``key_themes`` writes them."""
    scheme = scheme or load_scheme()
    groups = _empty()
    seen: dict[tuple[str, str, str], dict[str, Any]] = {}  # (kind, side, text) → its theme
    for item in scheme.items:  # table A.1's order
        for comment in document.comments.get(item.id, ()):
            text = comment.text.strip()
            if not comment.major or not text:
                continue
            side = SIDES[comment.kind]
            same = seen.get((item.kind, side, text))
            if same is None:
                theme = {"text": text, "items": [item.id]}
                seen[item.kind, side, text] = theme
                groups[item.kind][side].append(theme)
            elif same["items"][-1] != item.id:  # items come in order: only the last can be it
                same["items"].append(item.id)
    return groups


def groups(themes: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The four groups in the report's order, each with its label."""
    return [(GROUP_LABELS[kind, side], themes[kind][side]) for kind, side in GROUP_LABELS]
