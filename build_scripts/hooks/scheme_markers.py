"""Replace ``<!-- scheme:… -->`` markers with HTML rendered from ``calculator/data``.

Used for the guide's tables and figure and for the calculator's form.

Tables A.1, C.1 and C.2, the evaluation points of C.1/C.2, figure A.1 and the contents of
clause 4 are never typed into the Markdown: they come from the same scheme data the calculator
and the CLI use. An unknown marker fails the build, so a typo cannot go unnoticed.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from calculator import assessment
from calculator.scheme import Guideline, Scheme, load_scheme
from calculator.service import page_words

MARKER = re.compile(r"<!--\s*scheme:(?P<what>[\w-]+)(?:\s+(?P<arg>[\w.-]+))?\s*-->")


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    scheme = load_scheme()
    env = config.theme.get_env()

    def url(src: str, anchor: str = "") -> str:
        target = files.get_file_from_path(src)
        if target is None:
            raise PluginError(f"{page.file.src_uri}: no page {src}")
        return target.url_relative_to(page.file) + (f"#{anchor}" if anchor else "")

    def render(match: re.Match[str]) -> str:
        what, arg = match["what"], match["arg"]
        if what == "table" and arg == "A.1":
            html = env.get_template("partials/scheme/table-a1.html").render(scheme=scheme)
        elif what == "table":
            html = env.get_template("partials/scheme/guideline-table.html").render(
                guideline=_guideline(scheme, arg, page)
            )
        elif what == "points":
            html = env.get_template("partials/scheme/evaluation-points.html").render(
                guideline=_guideline(scheme, arg, page)
            )
        elif what == "figure" and arg == "A.1":
            html = env.get_template("partials/scheme/figure-a1.html").render(scheme=scheme, url=url)
        elif what == "calculator":
            # the empty document (format and version) as the engine writes it, for the page
            blank = assessment.to_data(assessment.Assessment(), scheme)
            html = env.get_template("partials/calculator/app.html").render(
                scheme=scheme, url=url, blank=blank, words=page_words(scheme)
            )
        elif what == "contents":
            html = env.get_template("partials/scheme/contents.html").render(scheme=scheme, url=url)
        else:
            raise PluginError(f"{page.file.src_uri}: unknown marker {match[0]}")
        return _block(html)

    return MARKER.sub(render, markdown)


def _guideline(scheme: Scheme, table: str | None, page: Page) -> Guideline:
    for guideline in scheme.guidelines.values():
        if guideline.table == table:
            return guideline
    raise PluginError(f"{page.file.src_uri}: no guideline table {table!r} in the scheme")


def _block(html: str) -> str:
    """Raw HTML as one Markdown block: no blank lines inside, blank lines around."""
    return "\n" + "\n".join(line for line in html.splitlines() if line.strip()) + "\n"
