"""Consistency hints: where a score and the comments written for it seem not to agree.

A convention of this tool, not a requirement of the standard, and never a change to a score: the
band stays the reader's holistic choice (appendix C). EFQM's and Baldrige's scorebooks ask the
same question — does the score fit its strengths and opportunities? — and these hints only point
at the places worth a second look:

- ``high-without-strength``: a band of ``HIGH_PERCENT`` (70 %) or more with no strength;
- ``top-with-major-opportunity``: a major (−−) opportunity at ``TOP_PERCENT`` (90 %) or more;
- ``low-with-major-strength``: a major (++) strength at ``LOW_PERCENT`` (25 %) or less;
- ``scored-without-comment``: an item scored with no comment at all;
- ``blank-comment``: comments with no text yet;
- ``key-factor-untagged``: a key factor tagged to no item.

Item hints come in the order of table A.1 (and in the order above within an item), then the key
factors' in theirs. Every comment counts as written once it exists, its text blank or not (the
blank ones have their own hint).
"""

from __future__ import annotations

from dataclasses import dataclass

from calculator.assessment import Assessment, Comment
from calculator.safe_text import printable
from calculator.scheme import Item, Scheme, load_scheme

HINTS_TITLE = "一致性提示（本工具的约定，不是标准的要求）"
HIGH_PERCENT = 70  # from here on, at least one strength is expected
TOP_PERCENT = 90  # from here on, no major opportunity is expected
LOW_PERCENT = 25  # up to here, no major strength is expected


@dataclass(frozen=True)
class Hint:
    """One hint: its ``code`` (stable, for the page and tests), its sentence, and the item or the
    key factor it is about."""

    code: str
    message: str
    item: str | None = None
    key_factor: str | None = None


def hints(document: Assessment, scheme: Scheme | None = None) -> list[Hint]:
    """Every hint of ``document``: items in the order of table A.1, then the key factors."""
    scheme = scheme or load_scheme()
    found: list[Hint] = []
    for item in scheme.items:
        found += _item_hints(item, document, scheme)
    found += [
        Hint(
            "key-factor-untagged",
            f"关键因素 {key_factor.id} 没有关联任何评分条款",
            key_factor=key_factor.id,
        )
        for key_factor in document.key_factors
        if not key_factor.items
    ]
    return found


def _item_hints(item: Item, document: Assessment, scheme: Scheme) -> list[Hint]:
    comments = document.comments.get(item.id, ())
    percent = document.scores.get(item.id)
    found: list[tuple[str, str]] = []
    if percent is not None:
        band = scheme.guideline_for(item).band_of(percent).range_label
        score = f"得分 {percent}%（{band} 档）"
        if not comments:
            found.append(("scored-without-comment", f"已评分（{percent}%）但没有评语"))
        if percent >= HIGH_PERCENT and not _any(comments, "strength"):
            found.append(("high-without-strength", f"{score}但没有记录优势"))
        if percent >= TOP_PERCENT and _any(comments, "opportunity", major=True):
            found.append(("top-with-major-opportunity", f"{score}但记录了重要的改进机会（−−）"))
        if percent <= LOW_PERCENT and _any(comments, "strength", major=True):
            found.append(("low-with-major-strength", f"{score}但记录了重要的优势（++）"))
    blank = sum(1 for c in comments if not c.text.strip())
    if blank:
        found.append(("blank-comment", f"有 {blank} 条评语还没有文字"))
    return [Hint(code, message, item=item.id) for code, message in found]


def _any(comments: tuple[Comment, ...], kind: str, *, major: bool = False) -> bool:
    return any(c.kind == kind and (c.major or not major) for c in comments)


def hint_data(hint: Hint) -> dict[str, str | None]:
    """A hint as the page's reply carries it."""
    return {
        "code": hint.code,
        "message": hint.message,
        "item": hint.item,
        "key_factor": hint.key_factor,
    }


def to_text(found: list[Hint], scheme: Scheme) -> str:
    """The hints under ``HINTS_TITLE``, one a line with the item's id and name; "" when none."""
    if not found:
        return ""
    names = {item.id: item.name for item in scheme.items}
    lines = ["", HINTS_TITLE + "："]
    for hint in found:
        where = f"{hint.item} {names[hint.item]}：" if hint.item else ""
        lines.append(printable(f"- {where}{hint.message}"))  # a key factor's id is typed
    return "\n".join(lines) + "\n"
