"""Debian's WebKitGTK (Safari's engine) for the browser tests: Selenium, WebKitWebDriver and
MiniBrowser under Xvfb, behind the same few methods as firefox.py.

WebKitWebDriver has no console and no BiDi, so the page errors are collected by `ERRORS`, a
script the test server puts at the top of every page's <head> (`static_server.serve(head=…)`).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.file_detector import UselessFileDetector
from selenium.webdriver.remote.remote_connection import RemoteConnection
from selenium.webdriver.support.ui import WebDriverWait
from selenium.webdriver.webkitgtk.options import Options
from selenium.webdriver.webkitgtk.service import Service

#: the paths of Debian's webkit2gtk-driver, its browser (libwebkit2gtk-4.1-0) and xvfb
WEBKIT_DRIVER = os.environ.get("WEBKIT_DRIVER", "/usr/bin/WebKitWebDriver")
MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"
XVFB = os.environ.get("XVFB", "/usr/bin/Xvfb")

#: the page's errors (uncaught errors, rejections, console.error) as window.__pageErrors
ERRORS = """<script>
window.__pageErrors = [];
addEventListener("error", (event) => window.__pageErrors.push(`page: ${event.message}`));
addEventListener("unhandledrejection",
  (event) => window.__pageErrors.push(`page: ${event.reason?.message ?? event.reason}`));
const consoleError = console.error;
console.error = (...args) => {
  window.__pageErrors.push(`console: ${args.join(" ")}`);
  consoleError.apply(console, args);
};
</script>"""


class WebKit:
    """One MiniBrowser window under Selenium."""

    name = "WebKit"

    def __init__(self, driver: webdriver.Remote) -> None:
        self._driver = driver
        self.version = str(driver.capabilities.get("browserVersion"))
        self._errors: list[str] = []

    def goto(self, url: str) -> None:
        self._collect()
        self._driver.get(url)

    def evaluate(self, expression: str) -> Any:  # noqa: ANN401 - whatever the page returned
        return self._driver.execute_script(f"return ({expression});")

    def wait(self, expression: str, timeout: float = 30) -> None:
        """Until `expression` is true in the page, at most `timeout` seconds."""
        try:
            WebDriverWait(self._driver, timeout, poll_frequency=0.05).until(
                lambda driver: driver.execute_script(f"return !!({expression});")
            )
        except TimeoutException:
            msg = f"{timeout} s without {expression}"
            raise TimeoutError(msg) from None

    def click(self, selector: str) -> None:
        self._driver.find_element(By.CSS_SELECTOR, selector).click()

    def type(self, selector: str, text: str) -> None:
        self._driver.find_element(By.CSS_SELECTOR, selector).send_keys(text)

    def upload(self, selector: str, path: Path) -> None:
        self._driver.find_element(By.CSS_SELECTOR, selector).send_keys(str(path))

    def screenshot(self, path: Path) -> None:
        self._driver.save_screenshot(str(path))

    def errors(self) -> list[str]:
        """The page errors since the last call (those of pages left since included)."""
        self._collect()
        found, self._errors = self._errors, []
        return found

    def _collect(self) -> None:
        found = self._driver.execute_script("return window.__pageErrors ?? null;")
        if found is None:
            if self._driver.current_url.startswith("http"):
                self._errors.append(f"no error collector in {self._driver.current_url}")
            return
        self._errors += [str(error) for error in found]
        self._driver.execute_script("window.__pageErrors.length = 0;")


@contextmanager
def _xvfb() -> Iterator[str]:
    """A virtual display of its own; yields its name (":1")."""
    read, write = os.pipe()
    with subprocess.Popen(  # noqa: S603 - our own command line
        [XVFB, "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    ) as process:
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        try:
            if not number:
                msg = f"Xvfb ended (status {process.poll()})"
                raise RuntimeError(msg)
            yield f":{number}"
        finally:
            process.terminate()


@contextmanager
def launch() -> Iterator[WebKit]:
    for path in (WEBKIT_DRIVER, MINIBROWSER, XVFB):
        if not Path(path).is_file():
            msg = f"no {path}: apt-get install webkit2gtk-driver xvfb (make test does)"
            raise FileNotFoundError(msg)
    options = Options()
    options.binary_location = MINIBROWSER
    options.add_argument("--automation")  # else: "Failed to match capabilities"
    with _xvfb() as display:
        service = Service(
            executable_path=WEBKIT_DRIVER,
            env={**os.environ, "DISPLAY": display, "GDK_BACKEND": "x11"},
        )
        service.start()
        try:
            # webdriver.WebKitGTK would hand the driver's URL on in a way selenium deprecates
            connection = RemoteConnection(client_config=ClientConfig(service.service_url))
            driver = webdriver.Remote(
                command_executor=connection,
                options=options,
                file_detector=UselessFileDetector(),  # a local driver: paths as they are
            )
            try:
                driver.set_window_size(1280, 900)
                yield WebKit(driver)
            finally:
                driver.quit()
        finally:
            service.stop()
