"""The user guide's screenshot of the scorebook (docs/usage/images/scorebook.png), taken from the
built site in Debian's Chromium: ``python -m build_scripts.screenshot [SITE]``. The document shown
is an example written for this picture, not the standard's."""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from build_scripts.chromium import launch
from build_scripts.static_server import serve

OUT = Path(__file__).resolve().parent.parent / "docs" / "usage" / "images" / "scorebook.png"
EXAMPLE = {
    "format": "excellence-assessment",
    "version": 2,
    "title": "示例：某局 2025 年自评",
    "scores": {"4.1.2": 55},
    "key_factors": [
        {"id": "KF1", "text": "审批事项多、窗口多", "profile": "B.1.1.a", "items": ["4.1.2"]}
    ],
    "comments": {
        "4.1.2": [
            {
                "kind": "strength",
                "major": True,
                "factor": "A",
                "point": "f",
                "text": (
                    "党组每季度召开专题会，对照关键绩效指标评价营商环境建设的进展，确定改进重点。"
                ),
                "evidence": "2025 年党组会纪要第 3、7、11 期",
                "key_factors": ["KF1"],
            },
            {
                "kind": "opportunity",
                "major": False,
                "factor": "D",
                "point": "b",
                "text": "与基层窗口干部职工的双向沟通尚未形成固定机制。",
                "evidence": "访谈：政务服务中心窗口人员 4 人",
            },
        ]
    },
}


def main(site: str = "site") -> None:
    fragment = base64.urlsafe_b64encode(json.dumps(EXAMPLE, ensure_ascii=False).encode())
    with serve(Path(site)) as url, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        page.goto(f"{url}calculator/#assessment={fragment.decode().rstrip('=')}")
        page.wait_for_selector('#calculator[data-calculator-state="ready"]', timeout=120_000)
        page.wait_for_selector(".calc-comment")
        page.add_style_tag(content=".md-header { visibility: hidden; }")  # not over the item
        page.locator('[data-item="4.1.2"]').screenshot(path=str(OUT))
        browser.close()
    sys.stdout.write(f"{OUT}\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
