"""Under each scoring item's heading, a link to that item in the calculator.

The items and their points come from the scheme, so only the clauses of table A.1 get a link.
"""

from __future__ import annotations

import posixpath
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from calculator.scheme import load_scheme

CALCULATOR_PAGE = "calculator.md"
HEADING = re.compile(r"^(#{2,6}) (?P<id>\d+(?:\.\d+)+) .*$", re.MULTILINE)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:  # noqa: ARG001
    scheme = load_scheme()
    items = {item.id: item for item in scheme.items}
    if files.get_file_from_path(CALCULATOR_PAGE) is None or page.file.src_uri == CALCULATOR_PAGE:
        return markdown
    # A relative .md link: MkDocs checks that the page and the anchor exist.
    target = posixpath.relpath(CALCULATOR_PAGE, posixpath.dirname(page.file.src_uri) or ".")

    def add_link(match: re.Match[str]) -> str:
        item = items.get(match["id"])
        if item is None:
            return match[0]
        model = scheme.guideline_for(item).model
        link = f"[在计算器中为本条款评分（{item.points}分，{model}）]({target}#item-{item.id})"
        # not searched: the search worker indexes the standard's text, not the site's links
        return f"{match[0]}\n\n{link}{{ .scoring-link data-search-exclude }}\n"

    return HEADING.sub(add_link, markdown)
