"""axe-core (from npm, package-lock.json) in a page: its serious and critical violations."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

from tests.conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def run_axe(page: Page) -> list[dict[str, Any]]:
    """Serious and critical violations, each with its first few elements and why."""
    page.evaluate(AXE.read_text("utf-8"))  # evaluated, not a <script>: the page's CSP holds
    violations: list[dict[str, Any]] = page.evaluate(
        """async () => (await axe.run(document, { resultTypes: ["violations"] })).violations
            .filter((v) => v.impact === "serious" || v.impact === "critical")
            .map((v) => ({ rule: v.id, impact: v.impact, count: v.nodes.length,
                           nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + ": " +
                                                          n.failureSummary.split("\\n")[1]) }))"""
    )
    return violations
