from __future__ import annotations

from pathlib import Path

import pytest

from calculator.scheme import Scheme, load_scheme, load_scheme_file
from tests.cli_runner import Runner

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SOURCE_TEXT = ROOT / "source" / "standard.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--server",
        choices=("nginx", "apache", "python"),
        default="nginx",
        help="serve the site to the browser tests with Debian's nginx and deploy/nginx.conf, with "
        "Debian's apache2 and deploy/apache.conf, checking for CSP violations on both, or with "
        "Python's static server (as `make serve`)",
    )
    parser.addoption(
        "--host",
        default=None,
        help="the host name in the browser tests' URLs (Chromium maps it to 127.0.0.1): a name "
        "such as intranet.test is a plain-HTTP origin, not a secure context, as an intranet is",
    )


@pytest.fixture(scope="session")
def scheme() -> Scheme:
    return load_scheme()


@pytest.fixture(scope="session")
def mini_scheme() -> Scheme:
    return load_scheme_file(DATA / "mini-scheme.json")


@pytest.fixture
def run(capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch) -> Runner:
    """The command line, run in this process: ``run("score", path)`` → exit status and output."""
    return Runner(capsysbinary, monkeypatch)
