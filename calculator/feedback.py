"""The feedback report examiners deliver: the organizational profile and the key factors when
the assessment has them; per category and item the score and its band (with the band's wording
in table C.1/C.2), the strengths and the opportunities for improvement (each with its mark ++/+
or −−/−, its factor, the point of the clause it answers, its evidence and its key factors); the
improvement priorities and the total — as data, as Markdown (the CLI) and as HTML: a standalone
page (the CLI) or the same report as a fragment the page prints (its classes, no style
attribute: the page's CSP forbids inline style).

Every text a person wrote (the title, the profile, the key factors, the comments) is escaped in
every rendering: a comment that reads ``<script>`` or ``[链接](javascript:…)`` is printed as those
characters, never run or linked.
"""

from __future__ import annotations

import re
from typing import Any

from calculator import key_themes
from calculator.assessment import Assessment, Comment
from calculator.output import (
    COMMENT_KINDS,
    FIELD_LABELS,
    PRIORITIES_SHOWN,
    format_points,
    gain_sentence,
    mark,
    summary_sentence,
)
from calculator.safe_text import printable
from calculator.scheme import Guideline, Item, Scheme, load_scheme
from calculator.scoring import priorities, score

DEFAULT_TITLE = "卓越绩效评价"
NOT_WRITTEN = "（未填写）"
THEMES_TITLE = "关键主题"
NO_THEMES = "（无）"
SOURCES_LABEL = FIELD_LABELS["sources"]  # the examiners a consensus's comment comes from
RATIONALE_LABEL = "合议理由"  # why the team agreed on the item's band
REPORT_TITLE = "反馈报告："
PRIORITIES_TITLE = "改进优先"
TOTAL_TITLE = "总分"
UNSCORED_LINE = "得分：未评分"


def feedback_data(
    document: Assessment, scheme: Scheme | None = None, top: int = PRIORITIES_SHOWN
) -> dict[str, Any]:
    """What the report says, as plain data: the one structure the renderings below share."""
    scheme = scheme or load_scheme()
    result = score(document, scheme)
    tables = "、".join(f"表{g.table}" for g in scheme.guidelines.values())
    rationales = document.consensus.rationales if document.consensus else {}
    categories = []
    for category in result.categories:
        guideline = scheme.guidelines[category.category.kind]
        items = []
        for r in (r for r in result.items if r.item.category_id == category.category.id):
            comments = document.comments.get(r.item.id, ())
            rationale = rationales.get(r.item.id, "")
            items.append(
                {
                    "id": r.item.id,
                    "name": r.item.name,
                    "max": r.item.points,
                    "percent": r.percent,
                    "points": format_points(r.points),
                    "band": r.band.range_label if r.band else None,
                    "band_text": [
                        {"factor": f.key, "text": r.band.descriptors[f.key]}
                        for f in guideline.factors
                        if r.band and f.key in r.band.descriptors
                    ],
                    "comments": {
                        kind: [
                            _comment_data(c, n, r.item, guideline)
                            for n, c in enumerate(comments)
                            if c.kind == kind
                        ]
                        for kind in COMMENT_KINDS
                    },
                    # the team's one line on the band, when the consensus has one
                    "rationale": rationale if rationale.strip() else None,
                }
            )
        categories.append(
            {
                "id": category.category.id,
                "name": category.category.name,
                "model": guideline.model,
                "table": guideline.table,
                "points": format_points(category.points),
                "max": category.max,
                "items": items,
            }
        )
    return {
        "title": document.title or DEFAULT_TITLE,
        "source": f"依据《{scheme.title}》表A.1、{tables}",
        "profile": _profile_data(document, scheme),
        "key_factors": [
            {
                "id": k.id,
                "text": k.text,
                "profile": k.profile,
                "items": list(k.items),
            }
            for k in document.key_factors
        ],
        "key_themes": key_themes.key_themes(document, scheme),
        "summary": summary_sentence(result),
        "total": format_points(result.total),
        "max": scheme.total,
        "categories": categories,
        "priorities": [
            f"{p.item.id} {p.item.name}（当前 {p.percent}%）：{gain_sentence(p, scheme.step)}"
            for p in priorities(result)[:top]
        ],
    }


def _comment_data(comment: Comment, index: int, item: Item, guideline: Guideline) -> dict[str, Any]:
    """A comment as the report shows it; ``index`` is its place among the item's comments."""
    factors = {f.key: f.name for f in guideline.factors}
    points = {p.id: p.label for p in item.clause_points}
    return {
        "index": index,
        "kind": comment.kind,
        "mark": mark(comment),
        "major": comment.major,
        "text": comment.text,
        "factor": f"{comment.factor} {factors[comment.factor]}" if comment.factor else None,
        "point": f"{comment.point}) {points[comment.point]}" if comment.point else None,
        "evidence": comment.evidence,
        "key_factors": list(comment.key_factors),
        # a consensus's comment names the examiners it comes from
        "sources": _sources(comment),
    }


def _sources(comment: Comment) -> list[str]:
    """The examiners a consensus's comment comes from (``sources``; in a consensus written
    before there were sources, its one ``examiner``); none for an examiner's own comment."""
    sources = comment.extra.get("sources")
    if isinstance(sources, list):
        return [s for s in sources if isinstance(s, str)]
    examiner = comment.extra.get("examiner")
    return [examiner] if isinstance(examiner, str) else []


def _profile_data(document: Assessment, scheme: Scheme) -> list[dict[str, Any]]:
    """The profile's sections that hold any text, each with its written points (or paragraph)."""
    sections = []
    for section in scheme.profile:
        entry = document.profile.get(section.id)
        if isinstance(entry, str):
            answers = [{"label": None, "text": entry}] if entry.strip() else []
        else:
            written = entry or {}
            answers = [
                {"label": f"{p.id}) {p.text}", "text": written[p.id]}
                for p in section.points
                if written.get(p.id, "").strip()
            ]
        if answers:
            sections.append({"id": section.id, "title": section.title, "answers": answers})
    return sections


def report_heading(data: dict[str, Any]) -> str:
    """The report's heading, its title as written (each rendering makes it safe)."""
    return f"{REPORT_TITLE}{data['title']}"


def item_heading(item: dict[str, Any]) -> str:
    return f"{item['id']} {item['name']}（{item['max']} 分）"


def score_line(category: dict[str, Any], item: dict[str, Any]) -> str:
    """An item's score, its band and the table the band is from; or 未评分."""
    if item["percent"] is None:
        return UNSCORED_LINE
    return (
        f"得分：{item['percent']}%，{item['points']} 分"
        f"（{category['table']} {item['band']}% 分数段）"
    )


def meta(comment: dict[str, Any]) -> list[str]:
    """What a comment is tied to, as the report names it (the words are the scheme's or typed)."""
    parts = []
    if comment["sources"]:
        parts.append(f"{SOURCES_LABEL} {'、'.join(comment['sources'])}")
    if comment["factor"]:
        parts.append(f"{FIELD_LABELS['factor']} {comment['factor']}")
    if comment["point"]:
        parts.append(f"{FIELD_LABELS['point']} {comment['point']}")
    if comment["key_factors"]:
        parts.append(f"{FIELD_LABELS['key_factors']} {'、'.join(comment['key_factors'])}")
    return parts


# ----------------------------------------------------------------------------------- Markdown

# Escaped with a backslash where every Markdown (CommonMark, Python-Markdown) allows it, and as
# a character reference where not all do: raw HTML, entities, strikethrough, tables, headings.
_BACKSLASHED = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
_REFERENCES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "~": "&#126;", "|": "&#124;", "=": "&#61;"}


def markdown_text(text: str) -> str:
    """A person's text as literal Markdown: nothing in it can become markup, a link or HTML;
    control characters are shown as escapes."""
    text = _BACKSLASHED.sub(r"\\\1", printable(text))
    return "".join(_REFERENCES.get(ch, ch) for ch in text)


def _markdown_note(text: str) -> list[str]:
    lines = [markdown_text(line) for line in text.strip().splitlines() if line.strip()]
    return [lines[0], *(f"  {line}" for line in lines[1:])] if lines else []


def _markdown_comment(comment: dict[str, Any]) -> list[str]:
    """A comment as an item of its kind's list (indented four spaces, as every Markdown nests):
    its mark in bold (a bare + would start a list), its text, then what it is tied to and its
    evidence."""
    md = markdown_text
    lines = _markdown_note(comment["text"]) or [NOT_WRITTEN]
    out = [f"    - **{md(comment['mark'])}** {lines[0]}", *(f"    {line}" for line in lines[1:])]
    tied = "；".join(md(part) for part in meta(comment))
    if tied:
        out.append(f"      （{tied}）")
    evidence = _markdown_note(comment["evidence"])
    if evidence:
        out.append(f"      {FIELD_LABELS['evidence']}：{evidence[0]}")
        out += [f"    {line}" for line in evidence[1:]]
    return out


def _markdown_front(data: dict[str, Any]) -> list[str]:
    """The profile and the key factors, when the assessment has them."""
    md = markdown_text
    out: list[str] = []
    if data["profile"]:
        out += [f"## {FIELD_LABELS['profile']}", ""]
        for section in data["profile"]:
            out += [f"### {section['id']} {section['title']}", ""]
            for answer in section["answers"]:
                lines = _markdown_note(answer["text"])
                first = f"{answer['label']}：{lines[0]}" if answer["label"] else lines[0]
                out += [f"- {first}", *lines[1:]]
            out.append("")
    if data["key_factors"]:
        out += [f"## {FIELD_LABELS['key_factors']}", ""]
        for factor in data["key_factors"]:
            lines = _markdown_note(factor["text"]) or [NOT_WRITTEN]
            tied = [
                *([f"{FIELD_LABELS['profile']} {factor['profile']}"] if factor["profile"] else []),
                *([f"评分条款 {'、'.join(factor['items'])}"] if factor["items"] else []),
            ]
            tail = f"（{'；'.join(tied)}）" if tied else ""
            out += [f"- {md(factor['id'])}：{lines[0]}{tail}", *lines[1:]]
        out.append("")
    return out + _markdown_themes(data["key_themes"])


def _markdown_themes(themes: dict[str, Any]) -> list[str]:
    """The four groups of key themes, each theme with the items it comes from."""
    out = [f"## {THEMES_TITLE}", ""]
    if themes["proposed"]:
        out += [f"（{key_themes.PROPOSED_NOTE}。）", ""]
    for label, entries in key_themes.groups(themes):
        out += [f"### {label}", ""]
        for theme in entries:
            lines = _markdown_note(theme["text"]) or [NOT_WRITTEN]
            tail = f"（{'、'.join(theme['items'])}）" if theme["items"] else ""
            out += [f"- {lines[0]}{tail}", *lines[1:]]
        out += [] if entries else [NO_THEMES]
        out.append("")
    return out


def to_markdown(data: dict[str, Any]) -> str:
    out = [f"# {REPORT_TITLE}{markdown_text(data['title'])}", "", data["source"] + "。", ""]
    out += [f"**{data['summary']}。**", ""]
    out += _markdown_front(data)
    for category in data["categories"]:
        heading = f"{category['id']} {category['name']}"
        out += [f"## {heading}（{category['points']} / {category['max']} 分）", ""]
        for item in category["items"]:
            out += [f"### {item_heading(item)}", "", f"- {score_line(category, item)}"]
            if item["percent"] is None:
                out.append("")
                continue
            out += [f"- {line['factor']}：{line['text']}" for line in item["band_text"]]
            if item["rationale"]:
                lines = _markdown_note(item["rationale"])
                out += [f"- {RATIONALE_LABEL}：{lines[0]}", *lines[1:]]
            for kind, label in COMMENT_KINDS.items():
                comments = item["comments"][kind]
                out.append(f"- {label}：" + ("" if comments else NOT_WRITTEN))
                for comment in comments:
                    out += _markdown_comment(comment)
            out.append("")
    if data["priorities"]:
        out += [f"## {PRIORITIES_TITLE}", ""]
        out += [f"{n}. {text}" for n, text in enumerate(data["priorities"], 1)]
        out.append("")
    out += [f"## {TOTAL_TITLE}", "", f"{data['total']} / {data['max']}", ""]
    return "\n".join(out)


# --------------------------------------------------------------------------------------- HTML

_STYLE = """
@page { size: A4; margin: 18mm 15mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
       line-height: 1.6; color: #212121; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; border-bottom: 2px solid #3f51b5;
     padding-bottom: .2rem; margin-top: 2rem; break-after: avoid; }
h3 { font-size: 1.05rem; margin-bottom: .3rem; break-after: avoid; }
.feedback__item { break-inside: avoid; }
dl { margin: 0 0 0 1rem; } dt { font-weight: 700; }
dd { margin: 0 0 .4rem 1.5rem; white-space: pre-line; }
.feedback__band, .feedback__meta, .feedback__evidence { color: #555; font-size: .9rem; }
.feedback__comments { margin: 0; padding-left: 1.2rem; }
.feedback__mark { font-weight: 700; }
.feedback__answer, .feedback__rationale { white-space: pre-line; }
.feedback__totals, .feedback__total { font-size: 1.3rem; font-weight: 700; }
@media print { body { margin: 0; max-width: none; } }
"""


def _escape(text: str) -> str:
    """``html.escape`` without the ``html`` module, whose import builds the 2,231 entities of
    HTML5 into the engine's memory snapshot for nothing."""
    for raw, reference in (
        ("&", "&amp;"),
        ("<", "&lt;"),
        (">", "&gt;"),
        ('"', "&quot;"),
        ("'", "&#x27;"),
    ):
        text = text.replace(raw, reference)
    return text


def _html_note(text: str) -> str:
    """A note as HTML text; its own line breaks are kept by the style (white-space: pre-line)."""
    lines = [_escape(printable(line)) for line in text.strip().splitlines() if line.strip()]
    return "\n".join(lines) if lines else NOT_WRITTEN


def _html_comment(item_id: str, comment: dict[str, Any]) -> str:
    """A comment as one line of HTML (inside a ``dd`` whose style keeps line breaks): its mark,
    its text (``data-comment`` names the item and its place, for what was typed since), what it
    is tied to, its evidence."""
    esc = _escape
    where = f'data-comment="{esc(item_id)} {comment["index"]}"'
    parts = [
        f'<span class="feedback__mark">{esc(comment["mark"])}</span> ',
        f"<span {where}>{_html_note(comment['text'])}</span>",
    ]
    tied = "；".join(esc(printable(part)) for part in meta(comment))
    if tied:
        parts.append(f' <span class="feedback__meta">（{tied}）</span>')
    if comment["evidence"].strip():
        evidence = f"{FIELD_LABELS['evidence']}：{_html_note(comment['evidence'])}"
        parts.append(f' <span class="feedback__evidence">{evidence}</span>')
    classes = "feedback__comment" + (" feedback__comment--major" if comment["major"] else "")
    return f'<li class="{classes}">{"".join(parts)}</li>'


def _html_front(data: dict[str, Any]) -> list[str]:
    """The profile and the key factors, when the assessment has them."""
    esc = _escape
    out: list[str] = []
    if data["profile"]:
        out.append(f'<section class="feedback__profile"><h2>{FIELD_LABELS["profile"]}</h2>')
        for section in data["profile"]:
            out.append(f"<h3>{esc(section['id'])} {esc(section['title'])}</h3>")
            for answer in section["answers"]:
                text = _html_note(answer["text"])
                if answer["label"] is None:
                    out.append(f'<p class="feedback__answer">{text}</p>')
                else:
                    out.append(f"<dl><dt>{esc(answer['label'])}</dt><dd>{text}</dd></dl>")
        out.append("</section>")
    if data["key_factors"]:
        out.append(f'<section class="feedback__key-factors"><h2>{FIELD_LABELS["key_factors"]}</h2>')
        out.append("<dl>")
        for factor in data["key_factors"]:
            tied = [
                *([f"{FIELD_LABELS['profile']} {factor['profile']}"] if factor["profile"] else []),
                *([f"评分条款 {'、'.join(factor['items'])}"] if factor["items"] else []),
            ]
            meta = (
                f' <span class="feedback__meta">（{esc("；".join(tied))}）</span>' if tied else ""
            )
            out.append(
                f"<dt>{esc(printable(factor['id']))}</dt>"
                f"<dd>{_html_note(factor['text'])}{meta}</dd>"
            )
        out.append("</dl></section>")
    return out + _html_themes(data["key_themes"])


def _html_themes(themes: dict[str, Any]) -> list[str]:
    out = [f'<section class="feedback__themes"><h2>{THEMES_TITLE}</h2>']
    if themes["proposed"]:
        out.append(f'<p class="feedback__meta">（{_escape(key_themes.PROPOSED_NOTE)}。）</p>')
    for label, entries in key_themes.groups(themes):
        out.append(f"<h3>{_escape(label)}</h3>")
        if not entries:
            out.append(f"<p>{NO_THEMES}</p>")
            continue
        out.append("<ul>")
        for theme in entries:
            items = "、".join(theme["items"])
            tail = f' <span class="feedback__meta">（{_escape(items)}）</span>' if items else ""
            out.append(f"<li>{_html_note(theme['text']) or NOT_WRITTEN}{tail}</li>")
        out.append("</ul>")
    out.append("</section>")
    return out


def report_html(data: dict[str, Any]) -> str:
    """The report as an HTML fragment: every user text escaped here, classes only (no style
    attribute, no script). The CLI's page wraps it; the calculator page prints it as it is, and
    the ``data-title`` and ``data-comment`` elements let it put in what was typed since."""
    esc = _escape
    title = esc(printable(data["title"]))
    out = [
        '<article class="feedback">',
        f'<h1 class="feedback__title">{REPORT_TITLE}<span data-title>{title}</span></h1>',
        f'<p class="feedback__source">{esc(data["source"])}。</p>',
        f'<p class="feedback__totals">{esc(data["summary"])}。</p>',
        *_html_front(data),
    ]
    for category in data["categories"]:
        out.append('<section class="feedback__category">')
        out.append(
            f"<h2>{esc(category['id'])} {esc(category['name'])}"
            f"（{esc(category['points'])} / {category['max']} 分）</h2>"
        )
        for item in category["items"]:
            out.append('<section class="feedback__item">')
            out.append(f"<h3>{esc(item_heading(item))}</h3>")
            out.append(f"<p>{esc(score_line(category, item))}</p>")
            if item["percent"] is None:
                out.append("</section>")
                continue
            if item["band_text"]:
                band = " ".join(f"{esc(b['factor'])}：{esc(b['text'])}" for b in item["band_text"])
                out.append(f'<p class="feedback__band">{band}</p>')
            if item["rationale"]:
                out.append(
                    f'<p class="feedback__rationale">{RATIONALE_LABEL}：'
                    f"{_html_note(item['rationale'])}</p>"
                )
            out.append("<dl>")
            for kind, label in COMMENT_KINDS.items():
                comments = item["comments"][kind]
                entries = "".join(_html_comment(item["id"], c) for c in comments)
                body = f'<ul class="feedback__comments">{entries}</ul>' if comments else NOT_WRITTEN
                out.append(f"<dt>{label}</dt><dd>{body}</dd>")
            out.append("</dl></section>")
        out.append("</section>")
    if data["priorities"]:
        out.append(f'<h2>{PRIORITIES_TITLE}</h2><ol class="feedback__priorities">')
        out += [f"<li>{esc(text)}</li>" for text in data["priorities"]]
        out.append("</ol>")
    out += [
        f"<h2>{TOTAL_TITLE}</h2>",
        f'<p class="feedback__total">{esc(data["total"])} / {data["max"]}</p>',
        "</article>",
    ]
    return "\n".join(out)


def to_html(data: dict[str, Any]) -> str:
    """A standalone page (its own style, no script, nothing fetched), ready to print on A4."""
    title = _escape(printable(data["title"]))
    out = [
        "<!doctype html>",
        '<html lang="zh-CN">',
        '<head><meta charset="utf-8">',
        # no script may run in a saved report, whatever its comments say
        '<meta http-equiv="Content-Security-Policy"',
        " content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{REPORT_TITLE}{title}</title>",
        f"<style>{_STYLE}</style></head>",
        "<body>",
        report_html(data),
        "</body></html>",
    ]
    return "\n".join(out) + "\n"


def page_data(document: Assessment, scheme: Scheme | None = None) -> dict[str, Any]:
    """The page's reply: the report as HTML to print, and the total it shows (which result it
    follows); ``not_written`` for a comment left empty since; ``report``, the report's data
    (``feedback_data``, what ``feedback --format json`` prints)."""
    data = feedback_data(document, scheme)
    return {
        "total": data["total"],
        "html": report_html(data),
        "not_written": NOT_WRITTEN,
        "report": data,
    }
