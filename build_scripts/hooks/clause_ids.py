"""Headings get their clause number as id: ``## 4.3.3 营商环境与公众满意`` → ``#4.3.3``.

Readable, stable anchors that anyone can type (``guide/4.3/#4.3.3``), instead of ``#_2``.
Headings without a clause number fall back to a Unicode slug.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from pymdownx.slugs import slugify as unicode_slugify

CLAUSE = re.compile(r"^((?:[A-C]|\d+)(?:\.\d+)*)(?:\s|$)")
_fallback = unicode_slugify(case="lower")


def clause_slug(value: str, separator: str) -> str:
    match = CLAUSE.match(value.strip())
    return match[1] if match else _fallback(value, separator)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.mdx_configs.setdefault("toc", {})["slugify"] = clause_slug
    return config
