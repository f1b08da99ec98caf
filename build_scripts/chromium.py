"""Debian's Chromium under Playwright, launched the same way by the tests and the benchmark.

`playwright install` cannot download browsers here; Debian's package is used instead, with
the flags that keep a headless run quiet and free of background traffic.
"""

from __future__ import annotations

import os
import shutil

from playwright.sync_api import Browser, Playwright

#: $CHROMIUM as the Makefile names it (it installs Debian's package there), else found on PATH
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "chromium"
ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
#: a plain-HTTP host name for the tests (`make test`'s --host pass too): not a secure context
INTRANET = "intranet.test"


def arguments(host: str | None = None) -> list[str]:
    """The flags; with `host`, that name resolves to the loopback address (a plain-HTTP origin
    that is not a secure context, as an intranet host is)."""
    return [*ARGS, *([f"--host-resolver-rules=MAP {host} 127.0.0.1"] if host else [])]


def launch(playwright: Playwright, host: str | None = None) -> Browser:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=arguments(host))
