"""The training case and its reference scorebook (docs/training): the file is a valid scorebook
whose comments name their item's factors and points, it scores the targets, its rationales
defend each band in the words of table C.1/C.2; the case describes each scored item at a
length one can score (400–800 Han characters); the pages carry the 虚构案例 notice."""

from __future__ import annotations

import base64
import json
import re
from decimal import Decimal

import pytest

from build_scripts import scorebook_pages
from calculator import assessment
from calculator.scheme import Scheme
from calculator.scoring import score
from tests.conftest import ROOT
from tests.training import (
    CASE,
    NOTICE,
    NOTICE_WORDS,
    POINTS,
    TARGETS,
    TOTAL,
    TRAINING,
    reference_text,
)

HAN = re.compile(r"[\u4e00-\u9fff]")
QUOTED = re.compile(r"“([^”]+)”")  # a phrase quoted from the table (‘’ inside stand for “”)
RATIONALE_BOX = ROOT / "docs/assets/javascripts/calculator/record.mjs"  # the page's input
ACTIONS = ROOT / "docs/assets/javascripts/calculator/actions.mjs"


@pytest.fixture(scope="module")
def reference(scheme: Scheme) -> assessment.Assessment:
    return assessment.loads(reference_text(), scheme)


def test_reference_is_a_scorebook_as_the_engine_writes_it(
    reference: assessment.Assessment, scheme: Scheme
) -> None:
    assert assessment.dumps(reference, scheme) == reference_text()
    assert reference.title is not None
    assert "虚构" in reference.title


def test_scores_are_the_targets(reference: assessment.Assessment, scheme: Scheme) -> None:
    assert reference.scores == TARGETS
    result = score(reference, scheme)
    assert {r.item.id: f"{r.points.normalize():f}" for r in result.items if r.percent} == POINTS
    assert result.total == TOTAL


def test_every_category_has_a_scored_item(reference: assessment.Assessment, scheme: Scheme) -> None:
    scored = {scheme.item(i).category_id for i in reference.scores}
    assert scored == {c.id for c in scheme.categories}
    assert scored == {"4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7"}


def test_bands_are_varied_with_one_at_the_25_30_edge(
    reference: assessment.Assessment, scheme: Scheme
) -> None:
    bands = {}
    for item_id, percent in reference.scores.items():
        guideline = scheme.guideline_for(scheme.item(item_id))
        band = next(b for b in guideline.bands if b.min <= percent <= b.max)
        bands[item_id] = band.range_label
    assert sorted(set(bands.values())) == ["10–25", "30–45", "50–65", "70–85"]
    assert reference.scores["4.4.2"] == 25  # the top of 10–25, one step below 30–45


def test_every_comment_names_a_factor_and_a_point_of_its_item(
    reference: assessment.Assessment, scheme: Scheme
) -> None:
    assert set(reference.comments) == set(TARGETS)
    for item_id, comments in reference.comments.items():
        item = scheme.item(item_id)
        factors = [f.key for f in scheme.guideline_for(item).factors]
        points = [p.id for p in item.clause_points]
        assert 3 <= len(comments) <= 5, item_id
        assert {c.kind for c in comments} == {"strength", "opportunity"}, item_id
        assert any(c.major for c in comments), item_id
        for c in comments:
            assert c.factor in factors, (item_id, c.text)
            assert c.point in points, (item_id, c.text)
            assert c.text.strip(), item_id
            assert c.evidence.strip(), (item_id, c.text)


def test_results_items_use_le_t_c_i_and_process_items_a_d_l_i(
    reference: assessment.Assessment,
) -> None:
    for item_id, comments in reference.comments.items():
        allowed = {"Le", "T", "C", "I"} if item_id.startswith("4.7.") else {"A", "D", "L", "I"}
        assert {c.factor for c in comments} <= allowed, item_id


def test_key_factors_come_from_the_profile_and_are_used(
    reference: assessment.Assessment,
) -> None:
    factors = {k.id: k for k in reference.key_factors}
    used = set()
    for item_id, comments in reference.comments.items():
        for c in comments:
            for key in c.key_factors:
                assert item_id in factors[key].items, (item_id, key)  # tagged to that item
                used.add(key)
    assert used == set(factors)
    assert all(k.profile for k in reference.key_factors)


def test_every_profile_point_has_text(reference: assessment.Assessment, scheme: Scheme) -> None:
    for section in scheme.profile:
        entry = reference.profile[section.id]
        if section.points:
            assert isinstance(entry, dict)
            assert [p.id for p in section.points] == list(entry), section.id
            assert all(entry[p.id].strip() for p in section.points), section.id
        else:
            assert isinstance(entry, str)
            assert entry.strip(), section.id


def _rationale_problems(scheme: Scheme, item_id: str, percent: int, text: str) -> list[str]:
    """What keeps a rationale from defending the band: its table and band's label first, the
    step last, and three or more phrases quoted word for word from that table's sentences."""
    guideline = scheme.guideline_for(scheme.item(item_id))
    band = next(b for b in guideline.bands if b.min <= percent <= b.max)
    sentences = [d for b in guideline.bands for d in b.descriptors.values()]
    problems = []
    if not text.startswith(f"表{guideline.table} “{band.label}”段"):
        problems.append("band")
    if f"{percent}%。" not in text:
        problems.append("step")
    quotes = QUOTED.findall(text)[1:]  # after the band's label, the table's own words
    if len(quotes) < 3:
        problems.append("quotes")
    for quote in quotes:
        phrase = quote.replace("‘", "“").replace("’", "”")
        if not any(phrase in s for s in sentences):
            problems.append(quote)
    return problems


def test_each_rationale_names_its_band_and_quotes_its_table(
    reference: assessment.Assessment, scheme: Scheme
) -> None:
    assert reference.consensus is not None
    assert reference.consensus.examiners == ()
    rationales = reference.consensus.rationales
    assert set(rationales) == set(TARGETS)
    box = re.search(r"maxLength: (\d+)", RATIONALE_BOX.read_text("utf-8"))
    assert box is not None
    for item_id, percent in TARGETS.items():
        assert _rationale_problems(scheme, item_id, percent, rationales[item_id]) == []
        assert len(rationales[item_id]) <= int(box[1]), item_id  # fits the page's input


def test_a_rationale_that_does_not_defend_its_band_is_caught(
    reference: assessment.Assessment, scheme: Scheme
) -> None:
    assert reference.consensus is not None
    text = reference.consensus.rationales["4.4.2"]
    assert _rationale_problems(scheme, "4.4.2", 30, text) == ["band", "step"]
    # a sentence of table C.2 is not table C.1's, nor is a paraphrase
    swapped = text.replace("“开始有系统的方法", "“呈可持续的有利趋势").replace(
        "“方法在大多数方面", "“方法大体上在多数方面"
    )
    assert _rationale_problems(scheme, "4.4.2", 25, swapped) == [
        "呈可持续的有利趋势，应对该评分条款的基本要求",
        "方法大体上在多数方面或部门处于展开的早期阶段，阻碍了基本要求的实现",
    ]


def _sections(markdown: str) -> dict[str, str]:
    """The case's item descriptions: heading ### <item id> … up to the next heading."""
    parts = re.split(r"^#{2,3} (\S+) .*$", markdown, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_the_case_describes_each_scored_item_at_scoring_length(scheme: Scheme) -> None:
    markdown = CASE.read_text("utf-8")
    sections = _sections(markdown)
    described = [s for s in sections if re.fullmatch(r"4\.\d\.\d", s)]
    assert described == list(TARGETS)
    for item_id in TARGETS:
        count = len(HAN.findall(sections[item_id]))
        assert 400 <= count <= 800, (item_id, count)
        heading = re.search(
            rf"^### {re.escape(item_id)} (.+)$", CASE.read_text("utf-8"), re.MULTILINE
        )
        assert heading is not None
        assert heading[1] == scheme.item(item_id).name


def test_han_count_is_of_the_section_only() -> None:
    sections = _sections("## 4.1.2 领导班子的作用\n\n五个字正文\n\n### 4.2.3 战略部署\n\n三个字")
    assert {k: len(HAN.findall(v)) for k, v in sections.items()} == {"4.1.2": 5, "4.2.3": 3}


def test_every_training_page_carries_the_fictitious_notice() -> None:
    notice = NOTICE.read_text("utf-8")
    for words in NOTICE_WORDS:
        assert words in notice
    # the practice page asks only the standard's own sentences: it has nothing fictitious
    pages = sorted(page for page in TRAINING.glob("*.md") if page.name != "practice.md")
    assert [p.name for p in pages] == ["case.md", "index.md", "reference.md"]
    for page in pages:
        body = page.read_text("utf-8").split("---", 2)[2]
        first = body.strip().splitlines()
        assert first[0].startswith("# "), page.name
        assert first[2] == f'--8<-- "{NOTICE.name}"', page.name  # right below the title


def test_share_limit_is_the_pages() -> None:
    found = re.search(r"SHARE_LINK_MAX = (\d+) \* (\d+);", ACTIONS.read_text("utf-8"))
    assert found is not None
    assert int(found[1]) * int(found[2]) == scorebook_pages.SHARE_LINK_MAX


def test_the_calculator_link_carries_the_file() -> None:
    text = reference_text()
    link = scorebook_pages.fragment(text)
    data = link.removeprefix("#assessment=")
    decoded = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)).decode("utf-8")
    assert json.loads(decoded) == json.loads(text)
    # what the page would link to stays under its limit, so the link is offered
    assert len("../../calculator/" + link) <= scorebook_pages.SHARE_LINK_MAX


def test_reference_points_add_up_to_the_hand_checked_total() -> None:
    assert sum(Decimal(p) for p in POINTS.values()) == TOTAL
