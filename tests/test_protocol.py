"""The worker protocol is written once, and agrees with the engine: the request kinds that
docs/…/protocol.mjs declares are calculator.service.HANDLERS, and the build's snapshot probes
make every one of them."""

from __future__ import annotations

import re

import pytest

from build_scripts.hooks import pyodide_runtime
from calculator import service
from tests.conftest import ROOT

PROTOCOL = ROOT / "docs" / "assets" / "javascripts" / "calculator" / "protocol.mjs"
# the JSDoc block `@typedef {object} Requests`, and each `@property {…} name` in it
REQUESTS = re.compile(
    r"/\*\*((?:(?!\*/).)*?@typedef \{object\} Requests\b(?:(?!\*/).)*)\*/", re.DOTALL
)
PROPERTY = re.compile(r"^\s*\*\s*@property\s+\{.*\}\s+(\w+)", re.MULTILINE)


def request_names(text: str) -> list[str]:
    (block,) = REQUESTS.findall(text)
    names: list[str] = PROPERTY.findall(block)
    return names


def test_the_protocol_declares_every_request_kind_of_the_engine() -> None:
    assert sorted(request_names(PROTOCOL.read_text("utf-8"))) == sorted(service.HANDLERS)


def test_a_request_kind_left_out_of_the_protocol_is_noticed() -> None:
    lines = PROTOCOL.read_text("utf-8").splitlines()
    kept = [line for line in lines if not re.search(r"@property .*\} feedback\b", line)]
    assert len(kept) == len(lines) - 1
    assert "feedback" not in request_names("\n".join(kept))
    assert sorted(request_names("\n".join(kept))) != sorted(service.HANDLERS)


def test_the_snapshot_probes_make_every_request_kind() -> None:
    assert pyodide_runtime.unprobed() == []
    made = {probe["type"] for probe in pyodide_runtime.PROBES}
    assert made - set(service.HANDLERS) == {"no-such-request"}  # and the refusal of an unknown one


def test_a_request_kind_without_a_probe_is_noticed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(service.HANDLERS, "new-kind", lambda _: None)
    assert pyodide_runtime.unprobed() == ["new-kind"]
