"""Put the Python engine into the built site: Pyodide from npm, our wheel, its lockfile entry.

Readers' browsers load everything from the site itself (an intranet has no CDN): the core files
of the pinned npm package ``pyodide``, the ``calculator`` package as a pure ``py3-none-any`` wheel
built here with ``uv build``, and a ``pyodide-lock.json`` that lists the wheel (written by
pyodide-build's ``pyodide lockfile add-wheels``), so ``loadPyodide({packages: ["calculator"]})``
finds it. Chart.js is vendored the same way. Nothing is written beside the authored files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
WHEEL_DIR = ROOT / "build" / "wheel"
PYODIDE_CORE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
VENDORED = {"chart.js/dist/chart.umd.min.js": "assets/vendor/chart.umd.min.js"}


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


def _build_wheel() -> Path:
    shutil.rmtree(WHEEL_DIR, ignore_errors=True)
    uv = os.environ.get("UV") or shutil.which("uv") or str(ROOT / ".tools" / "bin" / "uv")
    _run([uv, "build", "--wheel", "--out-dir", str(WHEEL_DIR), str(ROOT)])
    (wheel,) = WHEEL_DIR.glob("calculator-*-py3-none-any.whl")
    return wheel


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)  # noqa: S603
    if done.returncode != 0:
        raise PluginError(f"{' '.join(command)} failed:\n{done.stderr}")
