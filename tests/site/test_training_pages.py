"""The training pages as built: the case shows the reference file's profile, the reference page
shows every scored item of the file (its score, each comment with its mark, evidence and the
rationale), the file is served as it is, and its link opens it in the calculator."""

from __future__ import annotations

import base64
import html as htmllib
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page

from calculator import assessment
from calculator.output import mark
from calculator.scheme import Scheme
from tests.site.calc import wait_ready, wait_total
from tests.training import NOTICE_WORDS, PAGES, POINTS, REFERENCE, TARGETS, TOTAL, reference_text


def _html(site_dir: Path, page: str) -> str:
    return (site_dir / page / "index.html").read_text("utf-8")


def _article(site_dir: Path, page: str) -> str:
    html = _html(site_dir, page)
    return html[html.index("<article") : html.index("</article>")]


def _text(html: str) -> str:
    return htmllib.unescape(re.sub(r"<[^>]+>", "", html))


def _reference() -> assessment.Assessment:
    return assessment.loads(reference_text())


def _items(article: str) -> dict[str, str]:
    """The reference page's items: from each <h2 id="…"> to the next."""
    parts = re.split(r'<h2 id="([\d.]+)">', article)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


@pytest.mark.parametrize("page", PAGES)
def test_every_training_page_says_it_is_fictitious(site_dir: Path, page: str) -> None:
    article = _article(site_dir, page)
    first = article.index('<div class="admonition note">')
    assert first < article.index("</h1>") + 20  # right below the title
    for words in NOTICE_WORDS:
        assert words in _text(article)


def test_reference_page_shows_every_item_comment_and_rationale(site_dir: Path) -> None:
    document = _reference()
    items = _items(_article(site_dir, "training/reference/"))
    assert list(items) == list(TARGETS)
    assert document.consensus is not None
    for item_id, percent in TARGETS.items():
        text = _text(items[item_id])
        assert f"得分：{percent}%，{POINTS[item_id]} 分" in text, item_id
        comments = document.comments[item_id]
        for comment in comments:
            assert comment.text in text, (item_id, comment.text)
            assert f"{mark(comment)} {comment.text}" in text, (item_id, comment.text)
            assert f"证据：{comment.evidence}" in text, (item_id, comment.text)
        marks = re.findall(r'<span class="training-mark">([^<]+)</span>', items[item_id])
        assert marks == [mark(c) for c in sorted(comments, key=lambda c: c.kind != "strength")]
        assert f"评分理由：{document.consensus.rationales[item_id]}" in text, item_id


def test_reference_comments_name_their_factor_and_point(site_dir: Path, scheme: Scheme) -> None:
    document = _reference()
    items = _items(_article(site_dir, "training/reference/"))
    for item_id, comments in document.comments.items():
        item = scheme.item(item_id)
        factors = {f.key: f.name for f in scheme.guideline_for(item).factors}
        points = {p.id: p.label for p in item.clause_points}
        text = _text(items[item_id])
        for c in comments:
            assert c.factor is not None
            assert c.point is not None
            assert (
                f"评价要点：{c.factor} {factors[c.factor]} · 条款要点：{c.point}) {points[c.point]}"
                in text
            )


def test_reference_links_each_item_to_its_description(site_dir: Path) -> None:
    items = _items(_article(site_dir, "training/reference/"))
    case = _html(site_dir, "training/case/")
    for item_id, html in items.items():
        assert f'<a href="../case/#{item_id}">案例中的描述</a>' in html
        assert f'<h3 id="{item_id}">' in case


def test_case_page_shows_the_files_profile(site_dir: Path, scheme: Scheme) -> None:
    document = _reference()
    case = _article(site_dir, "training/case/")
    text = _text(case)
    for section in scheme.profile:
        assert f'<h3 id="{section.id}">' in case
        entry = document.profile[section.id]
        if isinstance(entry, str):
            assert entry in text, section.id
        else:
            for point in section.points:
                assert f"{point.text}：{entry[point.id]}" in text, (section.id, point.id)


def test_reference_file_is_served_as_written(site_dir: Path) -> None:
    assert (site_dir / "training" / "reference.json").read_bytes() == REFERENCE.read_bytes()
    html = _html(site_dir, "training/reference/")
    assert '<a href="../reference.json" download="reference.json">' in html


def test_training_pages_stay_out_of_the_search_index(site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert "training/" in locations  # the section's page is found
    assert not {"training/case/", "training/reference/"} & locations


def _calculator_link(site_dir: Path) -> str:
    html = _html(site_dir, "training/reference/")
    found = re.search(r'<a href="([^"]+)">在计算器中打开</a>', html)
    assert found is not None
    return htmllib.unescape(found[1])


def test_calculator_link_carries_the_reference(site_dir: Path) -> None:
    href = _calculator_link(site_dir)
    path, data = href.split("#assessment=")
    assert path == "../../calculator/"
    decoded = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)).decode("utf-8")
    assert json.loads(decoded) == json.loads(reference_text())


def test_calculator_opens_the_reference_from_its_page(page: Page, base_url: str) -> None:
    page.goto(base_url + "training/reference/")
    # the total is waited for on the calculator's page, not the one left
    with page.expect_navigation(url=lambda url: url.startswith(base_url + "calculator/")):
        page.get_by_role("link", name="在计算器中打开", exact=True).click()
    wait_ready(page)
    wait_total(page, float(TOTAL))
    for item_id, percent in TARGETS.items():
        checked = page.locator(f'input[name="percent-{item_id}"]:checked')
        assert checked.get_attribute("value") == str(percent)
