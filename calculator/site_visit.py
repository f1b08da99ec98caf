"""The site visit after a consensus: what the team goes to verify (核实) or clarify (澄清), and
what changed because of what it found.

Examiners agree on a consensus at their desks, then visit the department to check the strengths
and opportunities that weigh most and to ask about what the documents left unclear. ``start``
records what the consensus held (its scores and comments, ``site_visit.before``) and, when there
are no issues yet, proposes one per most significant (++ / −−) comment: verify what it says.
``changes`` compares the document with that record, item by item: the band before and after, and
the comments added, removed and changed (matched by equal text first — changed when anything
else differs —, then the rest of the same kind in order; what is left over was added or removed).
The worksheet and the changes are rendered as text, Markdown or JSON; every word they show is
defined here once, and the page gets them in its reply.
"""

from __future__ import annotations

import json
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from calculator.assessment import (
    COMMENT_KINDS,
    ISSUE_KINDS,
    Assessment,
    Comment,
    Issue,
    SiteVisit,
    VisitBefore,
    comment_data,
)
from calculator.feedback import markdown_text
from calculator.output import COMMENT_KINDS as KIND_LABELS
from calculator.output import mark
from calculator.safe_text import printable
from calculator.scheme import Item, Scheme, load_scheme

WORDS: dict[str, Any] = {
    "title": "现场评审问题",
    "kinds": dict(ISSUE_KINDS),  # verify → 核实, clarify → 澄清
    "about": dict(KIND_LABELS),  # strength → 优势, opportunity → 改进机会
    "item": "评分条款",
    "text": "问题",
    "ask": "询问或查看",
    "whom": "对象",
    "finding": "现场发现",
    "no_issues": "（没有现场评审问题）",
    "changes_title": "现场评审后的变化",
    "not_started": "尚未开始现场评审（评价文件中没有 site_visit.before）",
    "no_changes": "与开始现场评审时相比没有变化",
    "added": "新增",
    "removed": "删除",
    "changed": "修改",
    "band_changed": "分数段变化",
    "percent": "百分比",
    "band": "分数段",
    "before": "现场评审前",
    "after": "现场评审后",
    "not_scored": "未评分",
    # the page's worksheet (visit.mjs): an issue's fields, and its undo steps
    "kind": "类别",
    "issue": "问题",
    "started_action": "开始现场评审",
    "deleted_action": "删除现场评审问题",
}
# What the CLI says when asked for the changes of a visit not started
NOT_STARTED = WORDS["not_started"] + "；先用 visit --start 开始"


def start(document: Assessment, scheme: Scheme | None = None) -> Assessment:
    """The document with ``site_visit.before`` = its scores and comments now, and, when it has
    no issues yet, one proposed per ++/−− comment (kind verify, about the comment's kind, its
    text), in the order of table A.1. What the visit already holds is kept (issues, unknown
    keys), its ``before`` replaced."""
    scheme = scheme or load_scheme()
    visit = document.site_visit or SiteVisit()
    issues = visit.issues or tuple(
        Issue(item=item.id, kind="verify", text=c.text, about=c.kind)
        for item in scheme.items
        for c in document.comments.get(item.id, ())
        if c.major and c.text.strip()
    )
    before = VisitBefore(scores=dict(document.scores), comments=dict(document.comments))
    return replace(document, site_visit=replace(visit, before=before, issues=issues))


def worksheet(document: Assessment, scheme: Scheme | None = None) -> dict[str, Any]:
    """The issues as the team takes them on site, each with its item's name and its words."""
    scheme = scheme or load_scheme()
    issues = document.site_visit.issues if document.site_visit else ()
    return {
        "started": bool(document.site_visit and document.site_visit.before),
        "issues": [
            {
                "index": n,
                "item": issue.item,
                "name": scheme.item(issue.item).name,
                "kind": issue.kind,
                "kind_label": ISSUE_KINDS[issue.kind],
                "about": issue.about,
                "about_label": KIND_LABELS[issue.about] if issue.about else None,
                "text": issue.text,
                "ask": issue.ask,
                "whom": issue.whom,
                "finding": issue.finding,
            }
            for n, issue in enumerate(issues)
        ],
    }


def _comment(comment: Comment, item: Item, scheme: Scheme) -> dict[str, Any]:
    """A comment as the changes show it: the file's fields and its label (``优势++``)."""
    factors = {f.key: f.name for f in scheme.guideline_for(item).factors}
    return {
        **comment_data(comment),
        "label": f"{KIND_LABELS[comment.kind]}{mark(comment)}",
        "factor_label": f"{comment.factor} {factors[comment.factor]}" if comment.factor else None,
    }


def _matched(
    before: tuple[Comment, ...], after: tuple[Comment, ...]
) -> tuple[list[tuple[Comment, Comment]], list[Comment], list[Comment]]:
    """Pairs (before, after) whose texts are equal first, then the rest of each kind in order;
    what is left over of ``after`` was added, of ``before`` removed. Linear: texts are looked
    up in a dict."""
    by_text: dict[str, deque[int]] = defaultdict(deque)
    for n, c in enumerate(before):
        by_text[c.text].append(n)
    pairs: dict[int, tuple[Comment, Comment]] = {}  # by the after comment's place
    taken: set[int] = set()
    for m, c in enumerate(after):
        if by_text.get(c.text):
            n = by_text[c.text].popleft()
            taken.add(n)
            pairs[m] = (before[n], c)
    rest_before = {
        kind: deque(c for n, c in enumerate(before) if n not in taken and c.kind == kind)
        for kind in COMMENT_KINDS
    }
    added: list[Comment] = []
    for m, c in enumerate(after):
        if m in pairs:
            continue
        if rest_before[c.kind]:
            pairs[m] = (rest_before[c.kind].popleft(), c)
        else:
            added.append(c)
    removed = [c for kind in COMMENT_KINDS for c in rest_before[kind]]
    return [pairs[m] for m in sorted(pairs)], added, removed


def _band(percent: int | None, item: Item, scheme: Scheme) -> dict[str, Any]:
    band = scheme.guideline_for(item).band_of(percent) if percent is not None else None
    return {"percent": percent, "band": band.range_label if band else None}


def changes(document: Assessment, scheme: Scheme | None = None) -> dict[str, Any] | None:
    """What changed since the visit started, per item that changed (table A.1's order), or
    None when it was not started: ``{"items": [{"id", "name", "before": {"percent", "band"},
    "after": {…}, "percent_changed", "band_changed", "added": [comment], "removed": [comment],
    "changed": [{"before": comment, "after": comment}]}], "count": n}``."""
    scheme = scheme or load_scheme()
    before = document.site_visit.before if document.site_visit else None
    if before is None:
        return None
    items = []
    for item in scheme.items:
        old = _band(before.scores.get(item.id), item, scheme)
        new = _band(document.scores.get(item.id), item, scheme)
        pairs, added, removed = _matched(
            before.comments.get(item.id, ()), document.comments.get(item.id, ())
        )
        changed = [
            {"before": _comment(a, item, scheme), "after": _comment(b, item, scheme)}
            for a, b in pairs
            if a != b
        ]
        entry = {
            "id": item.id,
            "name": item.name,
            "before": old,
            "after": new,
            "percent_changed": old["percent"] != new["percent"],
            "band_changed": old["band"] != new["band"],
            "added": [_comment(c, item, scheme) for c in added],
            "removed": [_comment(c, item, scheme) for c in removed],
            "changed": changed,
        }
        if entry["percent_changed"] or added or removed or changed:
            items.append(entry)
    return {"items": items, "count": len(items)}


def report(document: Assessment, scheme: Scheme | None = None) -> dict[str, Any]:
    """The worksheet, the changes (None: not started) and the words: what every rendering and
    the page's reply hold."""
    scheme = scheme or load_scheme()
    return {
        "worksheet": worksheet(document, scheme),
        "changes": changes(document, scheme),
        "words": WORDS,
    }


# ------------------------------------------------------------------------------- renderings


def _percent(side: dict[str, Any]) -> str:
    if side["percent"] is None:
        return str(WORDS["not_scored"])
    return f"{side['percent']}%（{WORDS['band']} {side['band']}）"


def _lines(data: dict[str, Any], show: Callable[[str], str]) -> list[tuple[int, str]]:
    """The report as (depth, line): the worksheet, then the changes; ``show`` makes a person's
    text safe for the rendering."""
    out: list[tuple[int, str]] = [(0, WORDS["title"])]
    issues = data["worksheet"]["issues"]
    if not issues:
        out.append((1, WORDS["no_issues"]))
    for issue in issues:
        about = f"（{issue['about_label']}）" if issue["about_label"] else ""
        head = f"（{issue['index'] + 1}）{issue['item']} {issue['name']} · {issue['kind_label']}"
        out.append((1, f"{head}{about}：{show(issue['text'])}"))
        out += [(2, f"{WORDS[key]}：{show(issue[key])}") for key in ("ask", "whom", "finding")]
    out.append((0, WORDS["changes_title"]))
    found = data["changes"]
    if found is None:
        return [*out, (1, WORDS["not_started"])]
    if not found["items"]:
        out.append((1, WORDS["no_changes"]))
    for item in found["items"]:
        band = f"（{WORDS['band_changed']}）" if item["band_changed"] else ""
        percents = f"{_percent(item['before'])} → {_percent(item['after'])}"
        out.append((1, f"{item['id']} {item['name']}：{WORDS['percent']} {percents}{band}"))
        for key in ("added", "removed"):
            out += [(2, f"{WORDS[key]} {c['label']}：{show(c['text'])}") for c in item[key]]
        for pair in item["changed"]:
            a, b = pair["before"], pair["after"]
            text = (
                show(b["text"])
                if a["text"] == b["text"]
                else f"{show(a['text'])} → {show(b['text'])}"
            )
            label = b["label"] if a["label"] == b["label"] else f"{a['label']} → {b['label']}"
            out.append((2, f"{WORDS['changed']} {label}：{text}"))
    return out


def display(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The changes as the page's display blocks (dom.mjs ``display``): per item its sentence and
    the list of its comments' changes; a person's text as written (the page puts it in as text)."""
    lines = _lines(data, lambda text: text)
    start = lines.index((0, WORDS["changes_title"]))
    blocks: list[dict[str, Any]] = []
    for depth, line in lines[start + 1 :]:
        if depth == 1:
            blocks.append({"text": line})
        else:
            blocks[-1].setdefault("list", []).append(line)
    return blocks


def _plain(text: str) -> str:
    return " ".join(printable(text).split()) or "—"


def to_text(data: dict[str, Any]) -> str:
    out: list[str] = []
    for depth, line in _lines(data, _plain):
        if depth == 0 and out:
            out.append("")
        out.append(("  " * (depth - 1) if depth else "") + line)
    return "\n".join(out) + "\n"


def to_markdown(data: dict[str, Any]) -> str:
    def show(text: str) -> str:
        return markdown_text(" ".join(text.split())) or "—"

    out: list[str] = []
    for depth, line in _lines(data, show):
        if depth == 0:
            out += [*([""] if out else []), f"## {line}", ""]
        else:
            out.append("    " * (depth - 1) + f"- {line}")  # nested as every Markdown nests
    return "\n".join(out) + "\n"


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


__all__ = [
    "WORDS",
    "changes",
    "display",
    "report",
    "start",
    "to_json",
    "to_markdown",
    "to_text",
    "worksheet",
]
