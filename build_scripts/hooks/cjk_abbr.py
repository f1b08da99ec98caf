"""Abbreviations (term tooltips) that also work inside Chinese text.

Python-Markdown's ``abbr`` matches terms between ``\\b`` word boundaries, and there is no word
boundary between two Han characters, so 公众 in 公众满意度 was never marked. This variant only
refuses a match that would split a Latin word or number (A-D-L-I inside a longer code).
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor
from mkdocs.config.defaults import MkDocsConfig


class CjkAbbrTreeprocessor(AbbrTreeprocessor):
    def run(self, root: Element) -> Element | None:
        if not self.abbrs:
            return None
        terms = sorted(self.abbrs, key=len, reverse=True)
        alternatives = "|".join(re.escape(term) for term in terms)
        self.RE = re.compile(f"(?<![A-Za-z0-9_-])(?:{alternatives})(?![A-Za-z0-9_-])")
        self.iter_element(root)
        return None


class CjkAbbrExtension(AbbrExtension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API name
        super().extendMarkdown(md)
        stock = md.treeprocessors["abbr"]
        assert isinstance(stock, AbbrTreeprocessor)  # noqa: S101 - registered just above
        md.treeprocessors.register(CjkAbbrTreeprocessor(md, stock.abbrs), "abbr", 7)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # MkDocs passes the list to Markdown(), which takes Extension instances as well as names.
    config.markdown_extensions.append(CjkAbbrExtension())  # type: ignore[arg-type]
    return config
