"""Debian's Firefox ESR for the browser tests, driven by puppeteer-core over WebDriver BiDi.

No geckodriver is packaged for Debian and Playwright's Firefox is a patched build it would have
to download, so `firefox.mjs` (Node, puppeteer-core from package-lock.json) drives the Debian
browser itself and takes one JSON command a line from here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
#: $FIREFOX as the Makefile names it (it installs Debian's firefox-esr there)
FIREFOX = os.environ.get("FIREFOX", "/usr/bin/firefox-esr")


class Firefox:
    """One page of one Firefox; each method is one command to firefox.mjs."""

    name = "Firefox"

    def __init__(self, process: subprocess.Popen[str]) -> None:
        if process.stdin is None or process.stdout is None:
            msg = "firefox.mjs needs pipes both ways"
            raise ValueError(msg)
        self._process, self._stdin, self._stdout = process, process.stdin, process.stdout
        self.version = str(self._reply())

    def _reply(self) -> Any:  # noqa: ANN401 - whatever the page's expression returned (JSON)
        line = self._stdout.readline()
        if not line:
            msg = f"firefox.mjs ended (status {self._process.wait()})"
            raise RuntimeError(msg)
        reply = json.loads(line)
        if not reply["ok"]:
            raise RuntimeError(reply["error"])
        return reply["value"]

    def _run(self, op: str, **args: object) -> Any:  # noqa: ANN401 - see _reply
        self._stdin.write(json.dumps({"op": op, **args}) + "\n")
        self._stdin.flush()
        return self._reply()

    def goto(self, url: str) -> None:
        self._run("goto", url=url)

    def evaluate(self, expression: str) -> Any:  # noqa: ANN401 - see _reply
        return self._run("evaluate", expression=expression)

    def wait(self, expression: str, timeout: float = 30) -> None:
        """Until `expression` is true in the page, at most `timeout` seconds."""
        self._run("wait", expression=expression, timeout=timeout * 1000)

    def click(self, selector: str) -> None:
        self._run("click", selector=selector)

    def type(self, selector: str, text: str) -> None:
        self._run("type", selector=selector, text=text)

    def upload(self, selector: str, path: Path) -> None:
        self._run("upload", selector=selector, path=str(path))

    def screenshot(self, path: Path) -> None:
        self._run("screenshot", path=str(path))

    def close(self) -> None:
        """End of input: firefox.mjs closes the browser and ends."""
        self._stdin.close()
        self._process.wait(timeout=30)

    def errors(self) -> list[str]:
        """The console errors and uncaught page errors since the last call."""
        found: list[str] = self._run("errors")
        return found


@contextmanager
def launch() -> Iterator[Firefox]:
    if not Path(FIREFOX).is_file():
        msg = f"no Firefox at {FIREFOX}: apt-get install firefox-esr (make test does)"
        raise FileNotFoundError(msg)
    node = shutil.which("node") or "node"
    with subprocess.Popen(  # noqa: S603 - our own command line
        [node, str(ROOT / "build_scripts/firefox.mjs"), FIREFOX],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    ) as process:
        browser = Firefox(process)
        try:
            yield browser
        finally:
            browser.close()
