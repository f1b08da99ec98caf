"""Put the Python engine into the built site: Pyodide from npm, our wheel, its lockfile entry.

Readers' browsers load everything from the site itself (an intranet has no CDN): the core files
of the pinned npm package ``pyodide``, the ``calculator`` package as a pure ``py3-none-any`` wheel
of the distribution ``gov-excellence-calculator`` built here with ``uv build``, and a
``pyodide-lock.json`` that lists the wheel (written by pyodide-build's ``pyodide lockfile
add-wheels``), so ``loadPackage("gov-excellence-calculator")`` finds it. Chart.js and docx
(the Word export) are vendored the same way. Nothing is written beside the authored files.

Then ``build_scripts/snapshot.mjs`` (Node) makes a memory snapshot of that runtime with the
engine imported and warmed up, restores it and checks that it answers the probes below exactly as
CPython does here; the calculator's worker boots from it, and the normal way if it cannot.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from calculator import assessment, service

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
BUILD_DIR = ROOT / "build"
WHEEL_DIR = BUILD_DIR / "wheel"
PYODIDE_CORE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
VENDORED = {
    "chart.js/dist/chart.umd.min.js": "assets/vendor/chart.umd.min.js",
    # the Word export (docx.mjs imports it when used): the bundled ES module, no eval, zips in
    # the page's thread (fflate's zipSync), so the page's strict CSP lets it run
    "docx/dist/index.mjs": "assets/vendor/docx.mjs",
}


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    source = NODE_MODULES / "pyodide"
    if not (source / "pyodide.mjs").exists():
        msg = "node_modules/pyodide is missing: run `npm ci` (make setup does)"
        raise PluginError(msg)
    target = site / "assets" / "pyodide"
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_CORE:
        shutil.copy2(source / name, target / name)
    wheel = shutil.copy2(_build_wheel(), target)
    _run(
        [
            str(Path(sys.executable).with_name("pyodide")),
            "lockfile",
            "add-wheels",
            "--input",
            str(source / "pyodide-lock.json"),
            "--output",
            str(target / "pyodide-lock.json"),
            "--base-path",
            str(target),
            str(wheel),
        ]
    )
    for src, dst in VENDORED.items():
        (site / dst).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(NODE_MODULES / src, site / dst)
    _snapshot(target, Path(wheel))


def _snapshot(runtime: Path, wheel: Path) -> None:
    missing = unprobed()
    if missing:
        msg = f"PROBES has no request of kind {missing}: add one, so the snapshot holds it warm"
        raise PluginError(msg)
    probes = BUILD_DIR / "snapshot-probes.json"
    probes.write_text(
        json.dumps(
            [{"request": r, "reply": json.loads(service.handle(json.dumps(r)))} for r in PROBES],
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    node = shutil.which("node") or "node"
    _run(
        [node, str(ROOT / "build_scripts" / "snapshot.mjs"), str(runtime), str(wheel), str(probes)]
    )
    _check_pins(runtime, wheel)


def _check_pins(runtime: Path, wheel: Path) -> None:
    """The snapshot belongs to exactly this Pyodide and this wheel, or the build fails: a snapshot
    restored into another runtime build is undefined behaviour, not an error message."""
    manifest = json.loads((runtime / "snapshot.json").read_text("utf-8"))
    package = json.loads((NODE_MODULES / "pyodide" / "package.json").read_text("utf-8"))
    expected = {
        "pyodide": package["version"],
        "wasm_sha256": _sha256(runtime / "pyodide.asm.wasm"),
        "wheel_sha256": _sha256(wheel),
    }
    stale = {
        key: manifest.get(key) for key, value in expected.items() if manifest.get(key) != value
    }
    if stale:
        msg = f"snapshot.json does not match the runtime it ships with: {stale} ≠ {expected}"
        raise PluginError(msg)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _document(**fields: Any) -> dict[str, Any]:  # noqa: ANN401
    return {"format": assessment.FORMAT, "version": assessment.VERSION, "scores": {}, **fields}


def _labelled(label: str, **fields: Any) -> dict[str, Any]:  # noqa: ANN401
    return {"label": label, "document": _document(**fields)}


# Every kind of request (unprobed() checks it) and reply the page makes, so that all they import
# and warm up is in the snapshot.
PROBES: list[dict[str, Any]] = [
    {"type": "scheme"},
    {"type": "score", "payload": {"document": _document()}},
    {"type": "score", "payload": {"document": _document(scores={"4.1.2": 55, "4.7.7": 100})}},
    {"type": "score", "payload": {"document": _document(scores={"4.1.2": 57})}},
    {"type": "parse", "payload": {"text": json.dumps(_document(title="某局", notes={}))}},
    {"type": "parse", "payload": {"text": '{"scores": {"4.1.2": NaN}}'}},
    {"type": "parse", "payload": {"text": "[" * 100 + "]" * 100}},
    {"type": "parse", "payload": {"text": "{oops"}},
    {"type": "export", "payload": {"document": _document(scores={"4.1.2": 55}), "format": "csv"}},
    {"type": "export", "payload": {"document": _document(scores={"4.1.2": 55}), "format": "json"}},
    {
        "type": "feedback",
        "payload": {"document": _document(scores={"4.1.2": 55, "4.7.7": 100}), "docx": True},
    },
    {
        "type": "consensus",
        "payload": {
            "examiners": [
                _labelled("甲", scores={"4.1.2": 55}),
                _labelled("乙", scores={"4.1.2": 80}),
            ],
            "flag_bands": 1,
        },
    },
    {
        "type": "compare",
        "payload": {"a": _labelled("A", scores={"4.1.2": 55}), "b": _labelled("B", scores={})},
    },
    {
        "type": "trend",
        "payload": {"series": [_labelled("2024"), _labelled("2025", scores={"4.1.2": 55})]},
    },
    {
        "type": "visit",
        "payload": {
            "document": _document(
                scores={"4.1.2": 55},
                comments={"4.1.2": [{"kind": "strength", "major": True, "text": "制度健全"}]},
            ),
            "start": True,
        },
    },
    {
        "type": "calibrate",
        "payload": {
            "reference": _labelled(
                "参考",
                scores={"4.1.2": 55, "4.7.3": 70},
                comments={
                    "4.1.2": [{"kind": "strength", "major": True, "factor": "A", "text": "分工"}]
                },
            ),
            "trainees": [_labelled("学员", scores={"4.1.2": 30})],
        },
    },
    {"type": "no-such-request"},
]


def unprobed() -> list[str]:
    """The request kinds of calculator.service that no probe makes."""
    made = {probe["type"] for probe in PROBES}
    return [name for name in service.HANDLERS if name not in made]


def _build_wheel() -> Path:
    shutil.rmtree(WHEEL_DIR, ignore_errors=True)
    uv = os.environ.get("UV") or shutil.which("uv") or str(ROOT / ".tools" / "bin" / "uv")
    _run([uv, "build", "--wheel", "--out-dir", str(WHEEL_DIR), str(ROOT)])
    (wheel,) = WHEEL_DIR.glob("gov_excellence_calculator-*-py3-none-any.whl")
    return wheel


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)  # noqa: S603
    if done.returncode != 0:
        raise PluginError(f"{' '.join(command)} failed:\n{done.stderr}")
