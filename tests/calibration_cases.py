"""The calibration's hand-made files (tests/test_calibrate.py checks every figure of them by hand;
the page's test loads the same files): a reference scorebook and three trainees."""

from __future__ import annotations

from typing import Any

from tests.documents import BASE


def comment(kind: str, text: str, factor: str | None = None, **fields: object) -> dict[str, Any]:
    found: dict[str, Any] = {"kind": kind, "text": text, **fields}
    if factor is not None:
        found["factor"] = factor
    return found


# The reference: six items scored (4.3.3 left unscored), three ++/−− comments (one without a
# factor) and a plain one, which is not checked. Its total: 4.1.2 60 × 55 % = 33, 4.1.3 30 × 30 %
# = 9, 4.2.3 50 × 40 % = 20, 4.4.2 30 × 25 % = 7.5, 4.7.3 80 × 90 % = 72, 4.7.6 50 × 45 % = 22.5:
# 164.
REFERENCE: dict[str, Any] = {
    **BASE,
    "title": "参考评分",
    "scores": {"4.1.2": 55, "4.1.3": 30, "4.2.3": 40, "4.4.2": 25, "4.7.3": 90, "4.7.6": 45},
    "comments": {
        "4.1.2": [
            comment("strength", "班子分工明确", "A", major=True),
            comment("opportunity", "缺少对领导绩效的评估", "L", major=True),
            comment("strength", "会议制度健全", "D"),
        ],
        "4.7.3": [comment("strength", "满意度领先", major=True)],
    },
}
# 甲 scored every item and 4.3.3 too (ignored): +5 (0 bands), 25 against 30 (−5, −1), 45 against
# 40 (+5, 0), 30 against 25 (+5, +1), 85 against 90 (−5, −1), 75 against 45 (+30, +2). Within one
# band: 5 of 6. Mean delta 35 / 6 = 5.83: 偏高. Points 36 + 7.5 + 22.5 + 9 + 68 + 37.5 = 180.5
# against 164: +16.5; with 4.3.3 (50 × 50 % = 25) the whole total is 205.5.
JIA: dict[str, Any] = {
    **BASE,
    "title": "甲",
    "scores": {
        "4.1.2": 60,
        "4.1.3": 25,
        "4.2.3": 45,
        "4.4.2": 30,
        "4.7.3": 85,
        "4.7.6": 75,
        "4.3.3": 50,
    },
    "comments": {
        "4.1.2": [
            comment("strength", "分工明确", "A"),  # matches ++ A
            comment("opportunity", "部署不够", "D"),  # another factor: −− L missed
        ],
        "4.7.3": [comment("strength", "满意度持续上升", "T")],  # the reference names no factor
    },
}
# 乙 scored two items only: 40 against 55 (−15, −1), 70 against 90 (−20, −1). Within one band:
# 2 of 2. Mean −17.5: 偏低. Points 24 + 56 = 80 against 33 + 72 = 105 over the same items: −25.
YI: dict[str, Any] = {
    **BASE,
    "title": "乙",
    "scores": {"4.1.2": 40, "4.7.3": 70},
    "comments": {
        "4.1.2": [
            comment("opportunity", "  ", "L"),  # blank: matches nothing
            comment("opportunity", "评估不足", "L"),  # matches −− L
        ],
    },
}
# 丙 close to the reference: +5 (4.1.3 at 35) and −5 (4.2.3 at 35), the rest equal: mean 0.
BING: dict[str, Any] = {
    **BASE,
    "title": "丙",
    "scores": {"4.1.2": 55, "4.1.3": 35, "4.2.3": 35, "4.4.2": 25, "4.7.3": 90, "4.7.6": 45},
}
