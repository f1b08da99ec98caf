"""Point the theme's search box at the site's own search worker (assets/javascripts/search/).

mkdocs-material names its lunr worker in the page's ``__config`` JSON; the theme's search box,
keyboard handling and result list stay as they are and talk to ours with the same messages. An
upgrade of the theme that renames the worker fails the build here instead of silently bringing
the old search back.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

THEME_WORKER = re.compile(r'("search": ")([^"]*?)assets/javascripts/workers/search\.\w+\.min\.js"')
OUR_WORKER = "assets/javascripts/search/worker.js"


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:  # noqa: ARG001
    # on the calculator page, the index waits for the engine's start (worker.js says why); a
    # fragment, not a query: the service worker's precache and every server see the same file
    worker = OUR_WORKER + ("#after-engine" if page.meta.get("calculator") else "")
    replaced, count = THEME_WORKER.subn(rf'\g<1>\g<2>{worker}"', output)
    if count != 1:
        msg = f"{page.file.src_uri}: the theme's search worker is not named in __config"
        raise PluginError(msg)
    return replaced
