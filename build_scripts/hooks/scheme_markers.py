"""Replace ``<!-- scheme:… -->`` markers with HTML rendered from ``calculator/data``.

Used for the guide's tables and figure, for the calculator's form and for the practice page's
drills (build_scripts/practice.py).

Tables A.1, C.1 and C.2, the evaluation points of C.1/C.2, figure A.1, the points of the
organizational profile (appendix B) and the contents of clause 4 are never typed into the
Markdown: they come from the same scheme data the calculator
and the CLI use. An unknown marker fails the build, so a typo cannot go unnoticed.

The training pages show a scorebook file beside the page the same way
(``<!-- scheme:case-profile reference.json -->``, ``<!-- scheme:reference reference.json -->``,
build_scripts/scorebook_pages.py): a file the engine refuses fails the build with its message.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from build_scripts import scorebook_pages
from build_scripts.practice import DRILLS, practice_data
from calculator import assessment, calibrate
from calculator.scheme import Guideline, ProfileSection, Scheme, load_scheme
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
        if match["what"] in _SCOREBOOK_MARKERS:
            return _scorebook_page(
                match["what"], match["arg"], page=page, config=config, scheme=scheme, url=url
            )
        found = _template(scheme, match["what"], match["arg"], page)
        if found is None:
            raise PluginError(f"{page.file.src_uri}: unknown marker {match[0]}")
        name, context = found
        if name == "calculator/app":
            # the empty document (format and version) as the engine writes it, for the page
            context["blank"] = assessment.to_data(assessment.Assessment(), scheme)
            context["words"] = page_words(scheme)
            context["scorebook"] = _scorebook(scheme)
            # the training case's reference, relative to this page (it may not be built yet)
            context["site_reference"] = get_relative_url(calibrate.SITE_REFERENCE, page.url)
        template = env.get_template(f"partials/{name}.html")
        return _block(template.render(scheme=scheme, url=url, **context))

    return MARKER.sub(render, markdown)


# markers with nothing to look up: (what, arg) → template
_FIXED = {
    ("table", "A.1"): "scheme/table-a1",
    ("figure", "A.1"): "scheme/figure-a1",
    ("calculator", None): "calculator/app",
    ("contents", None): "scheme/contents",
}


def _template(
    scheme: Scheme, what: str, arg: str | None, page: Page
) -> tuple[str, dict[str, object]] | None:
    """The template of a marker and what it renders, or None for an unknown marker."""
    if (what, arg) in _FIXED:
        return _FIXED[what, arg], {}
    if what in ("table", "points"):
        name = "guideline-table" if what == "table" else "evaluation-points"
        return f"scheme/{name}", {"guideline": _guideline(scheme, arg, page)}
    if what == "profile":
        return "scheme/profile", {"section": _profile_section(scheme, arg, page)}
    if what == "practice":
        if arg not in DRILLS:
            raise PluginError(f"{page.file.src_uri}: no drill {arg!r} (drills: {DRILLS})")
        return "training/practice", {"data": practice_data(scheme, arg)}
    return None


def _guideline(scheme: Scheme, table: str | None, page: Page) -> Guideline:
    for guideline in scheme.guidelines.values():
        if guideline.table == table:
            return guideline
    raise PluginError(f"{page.file.src_uri}: no guideline table {table!r} in the scheme")


def _profile_section(scheme: Scheme, section: str | None, page: Page) -> ProfileSection:
    try:
        return scheme.profile_section(section or "")
    except KeyError:
        msg = f"{page.file.src_uri}: no profile section {section!r} in the scheme"
        raise PluginError(msg) from None


def _scorebook(scheme: Scheme) -> dict[str, object]:
    """What the page's scorebook editors offer (docs/assets/javascripts/calculator/scorebook.mjs):
    appendix B's points, and each item's own points and kind (the factors of its table C.1 or C.2
    come with the words, ``page_words``), as the scheme's own data gives them."""
    data = scheme.to_dict()
    return {
        "profile": data["profile"],
        "items": {
            item["id"]: {"name": item["name"], "kind": c["kind"], "points": item["clause_points"]}
            for c in data["categories"]
            for item in c["items"]
        },
    }


_SCOREBOOK_MARKERS = ("case-profile", "reference")
CASE_PAGE = "case.md"  # beside the scorebook: the case whose headings are the items' ids


def _scorebook_page(  # noqa: PLR0913 - a marker, its page, the build's config, scheme and links
    what: str,
    arg: str | None,
    *,
    page: Page,
    config: MkDocsConfig,
    scheme: Scheme,
    url: scorebook_pages.Url,
) -> str:
    """A scorebook file beside the page, as the case's profile or the reference's items."""
    folder = posixpath.dirname(page.file.src_uri)
    src = posixpath.join(folder, arg or "")
    path = Path(config.docs_dir) / src
    if not arg or not path.is_file():
        raise PluginError(f"{page.file.src_uri}: no scorebook file {arg!r} beside the page")
    text = path.read_text("utf-8")
    try:
        document = assessment.loads(text, scheme)
    except assessment.AssessmentError as exc:
        raise PluginError(f"{src}: {exc}") from None
    env = config.theme.get_env()
    if what == "case-profile":
        return "\n" + scorebook_pages.profile_markdown(document, scheme, env) + "\n"
    case = posixpath.join(folder, CASE_PAGE)
    links = scorebook_pages.Links(
        scorebook=src,
        calculator="calculator.md",
        case=case if (Path(config.docs_dir) / case).is_file() else None,
    )
    return (
        "\n"
        + scorebook_pages.reference_markdown(document, text, scheme, env, url=url, links=links)
        + "\n"
    )


def _block(html: str) -> str:
    """Raw HTML as one Markdown block: no blank lines inside, blank lines around."""
    return "\n" + "\n".join(line for line in html.splitlines() if line.strip()) + "\n"
