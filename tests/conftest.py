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
        choices=("nginx", "python"),
        default="nginx",
        help="serve the site to the browser tests with Debian's nginx and deploy/nginx.conf, "
        "checking for CSP violations, or with Python's static server (as `make serve`)",
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
