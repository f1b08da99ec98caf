"""The training case's files and the figures checked by hand, for its tests (non-browser and
built-site)."""

from __future__ import annotations

from decimal import Decimal

from tests.conftest import ROOT

TRAINING = ROOT / "docs" / "training"
REFERENCE = TRAINING / "reference.json"
CASE = TRAINING / "case.md"
NOTICE = ROOT / "includes" / "training-notice.md"
NOTICE_WORDS = ("虚构案例", "本站编写的示例，不是标准的内容，也不是官方校准")
PAGES = ("training/", "training/case/", "training/reference/")  # as the built site serves them

# the brief's target percent per item, and its points worked out by hand (points × percent)
TARGETS = {
    "4.1.2": 55,  # 60 × 55 % = 33
    "4.2.3": 40,  # 50 × 40 % = 20
    "4.3.3": 75,  # 50 × 75 % = 37.5
    "4.4.2": 25,  # 30 × 25 % = 7.5, at the 25/30 edge
    "4.5.3": 60,  # 60 × 60 % = 36
    "4.6.2": 40,  # 40 × 40 % = 16
    "4.7.3": 70,  # 80 × 70 % = 56
    "4.7.6": 45,  # 50 × 45 % = 22.5
}
POINTS = {
    "4.1.2": "33",
    "4.2.3": "20",
    "4.3.3": "37.5",
    "4.4.2": "7.5",
    "4.5.3": "36",
    "4.6.2": "16",
    "4.7.3": "56",
    "4.7.6": "22.5",
}
TOTAL = Decimal("228.5")  # 33 + 20 + 37.5 + 7.5 + 36 + 16 + 56 + 22.5


def reference_text() -> str:
    return REFERENCE.read_text("utf-8")
