"""Give the theme's search dialog the accessible name it lacks (axe-core: aria-dialog-name).

mkdocs-material renders ``<div class="md-search" … role="dialog">`` with no name, so a screen
reader announces only "dialog". The dialog is named after its own search box. A theme upgrade
that changes the element fails the build here rather than silently losing the name.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

THEIRS = '<div class="md-search" data-md-component="search" role="dialog">'
OURS = '<div class="md-search" data-md-component="search" role="dialog" aria-label="搜索">'


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:  # noqa: ARG001
    if output.count(THEIRS) != 1:
        msg = f"{page.file.src_uri}: the theme's search dialog is no longer {THEIRS}"
        raise PluginError(msg)
    return output.replace(THEIRS, OURS)
