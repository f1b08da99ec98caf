"""Teach jieba the names of the scoring items, so a clause title is one search token.

The search plugin segments Han text with jieba at build time, and the browser does not segment
queries: a title such as 改进与创新 is only found as typed when jieba keeps it whole. The names
come from the scheme; other terms of the standard are in config/jieba-user-dict.txt.
"""

from __future__ import annotations

import re

import jieba
from mkdocs.config.defaults import MkDocsConfig

from calculator.scheme import load_scheme

#: Same weight as the terms of config/jieba-user-dict.txt: a title beats its parts.
FREQUENCY = 100000
HAN_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    scheme = load_scheme()
    for name in [c.name for c in scheme.categories] + [i.name for i in scheme.items]:
        if HAN_ONLY.match(name):  # names with 、 are split at the separator anyway
            jieba.add_word(name, FREQUENCY)
    return config
