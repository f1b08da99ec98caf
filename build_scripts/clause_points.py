"""Each scoring item's own points, derived from the guide's text (docs/guide/4.x.md).

An item's points are what a comment of the scorebook answers: the lettered points a), b), … of
its clause where the clause letters them (4.1.2, 4.3.2), otherwise its paragraphs, numbered 1,
2, …. A label is the point's words before its first "：" (``确定方向``), else its opening
phrase, up to the first "，", "：", "。", "；" or ASCII "(" (``在公共责任方面``).

The scheme's JSON is the source the engine reads; this script derives the points again, to print
them or to refresh the JSON after an edit of the guide, and ``tests/test_scheme_source.py``
checks the JSON against the guide.

    python -m build_scripts.clause_points           # prints the points of every item as JSON
    python -m build_scripts.clause_points --write   # writes them into the scheme's JSON file
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "guide"
SCHEME = ROOT / "calculator" / "data" / "liaoning-government.json"

LETTERED = re.compile(r"^([a-z])\) (.*)$")
PHRASE_END = re.compile(r"[，：。；(]")
HEADING = re.compile(r"^## (\d+\.\d+\.\d+) ", re.MULTILINE)


def clause_texts(guide: Path = GUIDE) -> dict[str, str]:
    """The Markdown under each clause heading (``## 4.1.2 …``) of the guide's pages."""
    texts: dict[str, str] = {}
    for page in sorted(guide.glob("4.*.md")):
        markdown = page.read_text("utf-8")
        headings = list(HEADING.finditer(markdown))
        for heading, following in zip(headings, [*headings[1:], None], strict=True):
            end = following.start() if following else len(markdown)
            texts[heading[1]] = markdown[heading.end() : end].split("\n", 1)[1].strip()
    return texts


def label(text: str) -> str:
    """A point's label: the words before its first "：", else its opening phrase."""
    head, colon, _ = text.partition("：")
    return head if colon and not PHRASE_END.search(head) else PHRASE_END.split(text, 1)[0].rstrip()


def points(text: str) -> list[dict[str, str]]:
    """A clause's points: its lettered lines if it has any, else its paragraphs."""
    lines = text.splitlines()
    lettered = [m for line in lines if (m := LETTERED.match(line))]
    if lettered:
        return [{"id": m[1], "label": label(m[2])} for m in lettered]
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    return [{"id": str(n), "label": label(p.strip())} for n, p in enumerate(paragraphs, 1)]


def derived(item_ids: list[str]) -> dict[str, list[dict[str, str]]]:
    texts = clause_texts()
    return {item: points(texts[item]) for item in item_ids}


def _item_ids(text: str) -> list[str]:
    data = json.loads(text)
    return [item["id"] for category in data["categories"] for item in category["items"]]


# an item's row in the scheme's hand-laid JSON, with the points it may already carry
_ITEM_ROW = re.compile(
    r'^(?P<indent> *)(?P<row>\{"id": "(?P<id>[^"]+)", "name": "[^"]*", "points": \d+)'
    r'(?:, "clause_points": \[\n.*?\n(?P=indent)\])?\}',
    re.MULTILINE | re.DOTALL,
)


def rewritten(text: str) -> str:
    """The scheme's JSON text with every item's ``clause_points`` as derived, one a line."""
    found = derived(_item_ids(text))

    def row(match: re.Match[str]) -> str:
        indent = match["indent"]
        lines = ",\n".join(
            f"{indent}  " + json.dumps(point, ensure_ascii=False) for point in found[match["id"]]
        )
        return f'{indent}{match["row"]}, "clause_points": [\n{lines}\n{indent}]}}'

    return _ITEM_ROW.sub(row, text)


def main(argv: list[str]) -> int:
    text = SCHEME.read_text("utf-8")
    if argv == ["--write"]:
        new = rewritten(text)
        json.loads(new)  # still JSON
        SCHEME.write_text(new, "utf-8")
        return 0
    if argv:
        sys.stderr.write(__doc__ or "")
        return 2
    sys.stdout.write(json.dumps(derived(_item_ids(text)), ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
