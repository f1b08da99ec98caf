"""A scorebook (format 2) shown on the training pages, rendered at build time from its file.

Two markers of ``hooks/scheme_markers.py`` use it: ``<!-- scheme:case-profile FILE -->`` (the
case's organizational profile, appendix B's sections with the file's texts) and
``<!-- scheme:reference FILE -->`` (every scored item: its band and percent, each comment with
its mark, factor, point and evidence, and the rationale). The file stays the one place of what
the pages show, and the calibration loads that same file. Both return Markdown: the headings are
Markdown (ids, table of contents), the rest one HTML block per section from the templates in
``overrides/partials/training/``. Every text of the file is escaped there.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass

from jinja2 import Environment

from calculator.assessment import Assessment
from calculator.feedback import NOT_WRITTEN, feedback_data, score_line
from calculator.output import COMMENT_KINDS, FIELD_LABELS
from calculator.scheme import Scheme

# the calculator opens a document from #assessment=<base64url> (fragment.mjs); a longer link
# is not offered, as the page offers no share link past it (SHARE_LINK_MAX in actions.mjs)
SHARE_LINK_MAX = 32 * 1024
WORDS = {
    "rationale": "评分理由",
    "description": "案例中的描述",
    "band_text": "分数段的描述",
    "download": "下载参考评分手册（reference.json）",
    "open": "在计算器中打开",
    "not_written": NOT_WRITTEN,
    "kinds": COMMENT_KINDS,
    "fields": FIELD_LABELS,
}
Url = Callable[[str, str], str]  # a page or file of the site, an anchor → its relative URL


@dataclass(frozen=True)
class Links:
    """Where the reference page links: the file itself, the calculator, the case page."""

    scorebook: str  # docs path of the file, as the site serves it
    calculator: str  # docs path of the calculator page
    case: str | None  # docs path of the case page whose headings are the items' ids


def fragment(document_text: str) -> str:
    """The calculator's #assessment= fragment of a file: base64url of its compact UTF-8 JSON."""
    compact = json.dumps(json.loads(document_text), ensure_ascii=False, separators=(",", ":"))
    data = base64.urlsafe_b64encode(compact.encode("utf-8")).decode("ascii").rstrip("=")
    return f"#assessment={data}"


def profile_markdown(document: Assessment, scheme: Scheme, env: Environment) -> str:
    """Appendix B's sections under ### headings, each with the file's text of every point."""
    template = env.get_template("partials/training/profile.html")
    parts = []
    for section in scheme.profile:
        entry = document.profile.get(section.id)
        parts.append(f"### {section.id} {section.title}")
        parts.append(_block(template.render(section=section, entry=entry, words=WORDS)))
    return "\n\n".join(parts)


def reference_markdown(  # noqa: PLR0913 - the document, its text and where the page links
    document: Assessment,
    document_text: str,
    scheme: Scheme,
    env: Environment,
    *,
    url: Url,
    links: Links,
) -> str:
    """The scored items under ## headings: band, percent, comments, rationale; before them the
    file to download and, when the link is short enough, the file opened in the calculator."""
    data = feedback_data(document, scheme)
    opened = url(links.calculator, "") + fragment(document_text)
    head = env.get_template("partials/training/reference-links.html").render(
        words=WORDS,
        download=url(links.scorebook, ""),
        open=opened if len(opened) <= SHARE_LINK_MAX else None,
    )
    template = env.get_template("partials/training/reference-item.html")
    key_factors = {k.id: k.text for k in document.key_factors}
    parts = [_block(head)]
    for category in data["categories"]:
        for item in category["items"]:
            if item["percent"] is None:
                continue
            parts.append(f"## {item['id']} {item['name']}")
            parts.append(
                _block(
                    template.render(
                        item=item,
                        score=score_line(category, item),
                        table=category["table"],
                        words=WORDS,
                        key_factors=key_factors,
                        case=url(links.case, item["id"]) if links.case else None,
                    )
                )
            )
    return "\n\n".join(parts)


def comment_texts(document: Assessment) -> list[str]:
    """Every text of the file's comments the page shows (text and evidence)."""
    return [t for cs in document.comments.values() for c in cs for t in (c.text, c.evidence) if t]


def _block(html: str) -> str:
    """Raw HTML as one Markdown block: no blank lines inside."""
    return "\n".join(line for line in html.splitlines() if line.strip())
