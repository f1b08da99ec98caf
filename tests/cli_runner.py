"""The one way the tests run the command line: in-process through ``cli.main(argv)`` (fast, as
python-semver's tests do), or as a real ``python -m calculator`` process for the few cases only
a process shows (a closed stdin, /dev/full, a file size limit, a terminal, the exit status)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from calculator import assessment, cli


@dataclass(frozen=True)
class Done:
    """What a run left behind, shaped like ``subprocess.CompletedProcess``."""

    returncode: int
    stdout: bytes
    stderr: bytes


class Runner:
    """``runner("score", path, "--format", "json")`` runs ``cli.main`` in this process, with
    stdin given as bytes and stdout and stderr captured as bytes."""

    def __init__(
        self, capture: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        self._capture = capture
        self._monkeypatch = monkeypatch

    def __call__(self, *args: str | bytes | Path, stdin: bytes = b"") -> Done:
        self._capture.readouterr()  # what came before is not this run's
        self._monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        # as the interpreter decodes a command line: bytes that are not UTF-8 become surrogates
        argv = [os.fsdecode(arg) if isinstance(arg, bytes) else str(arg) for arg in args]
        status = cli.main(argv)
        out, err = self._capture.readouterr()
        return Done(status, out, err)


def run_process(
    *args: str | bytes | Path,
    stdin: bytes | None = None,
    stdout: int | None = None,
    stderr: int | None = None,
    preexec: Callable[[], None] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[bytes]:
    """A real ``python -m calculator`` process."""
    return subprocess.run(
        [sys.executable, "-m", "calculator", *map(os.fsencode, args)],
        input=stdin,
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=stderr if stderr is not None else subprocess.PIPE,
        preexec_fn=preexec,
        timeout=timeout,
        check=False,
    )


def one_line_error(done: Done | subprocess.CompletedProcess[bytes], *words: str) -> str:
    """Exit 2, nothing on stdout, one line on stderr in Chinese holding every word."""
    err = done.stderr.decode("utf-8")
    assert done.returncode == cli.EXIT_INVALID, err
    assert not done.stdout
    assert err.startswith("错误："), err
    assert err.count("\n") == 1, err
    assert err.endswith("\n"), err
    assert "Traceback" not in err
    for word in words:
        assert word in err, (word, err)
    return err


def write(folder: Path, name: str, scores: dict[str, int], **fields: object) -> Path:
    """An assessment file of format version 1 in ``folder``."""
    path = folder / name
    document = {
        "format": assessment.FORMAT,
        "version": assessment.VERSION,
        "scores": scores,
        **fields,
    }
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    return path


def write_text(folder: Path, text: str | bytes, name: str = "a.json") -> Path:
    """A file holding exactly ``text``: hostile input as it arrives."""
    path = folder / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path
