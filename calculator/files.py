"""Files for the command line: assessments read (a file or stdin, never past what
``assessment.loads`` accepts), outputs written whole or not at all, and every failure of the
system said in Chinese, naming the file. The browser never imports this module."""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from calculator.assessment import MAX_BYTES
from calculator.safe_text import printable

STDIN = "标准输入"
STDIN_PATH = "-"  # the path that means stdin, on every command
STDOUT = "标准输出"
_OS_PROBLEMS = {
    errno.ENOENT: "文件或目录不存在",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.EISDIR: "这是一个目录",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EFBIG: "文件超出系统允许的大小",
    errno.EROFS: "文件系统只读",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EIO: "输入输出错误",
    errno.EBADF: "已关闭",
    errno.EPIPE: "管道已关闭",
}


class FileError(Exception):
    """A file that cannot be read or written. The message names the file; ``reason``, given when
    ``read`` fails, says what went wrong without it (``batch`` lists it beside the file's name)."""

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = message if reason is None else reason


def name(path: str) -> str:
    """A path as a message shows it: ``-`` is stdin; no raw control characters."""
    return STDIN if path == STDIN_PATH else printable(path)


def label(path: str) -> str:
    """A file's name without its folder (stdin's name for ``-``), as trend orders files and an
    examiner without a title is named (its stem)."""
    return STDIN if path == STDIN_PATH else Path(path).name


def os_problem(exc: OSError) -> str:
    """What the system said, in Chinese."""
    if exc.errno is None:
        return str(exc)
    return _OS_PROBLEMS.get(exc.errno, f"系统错误 {errno.errorcode.get(exc.errno, exc.errno)}")


def read(path: str) -> bytes:
    """A file or stdin (``-``), read no further than one byte past what ``assessment.loads``
    accepts (/dev/zero has no end)."""
    try:
        if path == STDIN_PATH:
            if sys.stdin is None:
                raise FileError(f"{STDIN}{_OS_PROBLEMS[errno.EBADF]}，无法读取评价文件")
            return sys.stdin.buffer.read(MAX_BYTES + 1)
        with Path(path).open("rb") as file:
            return file.read(MAX_BYTES + 1)
    except FileNotFoundError as exc:
        raise FileError(f"找不到文件 {name(path)}", "找不到文件") from exc
    except OSError as exc:
        problem = os_problem(exc)
        msg = f"无法读取{'' if path == STDIN_PATH else '文件 '}{name(path)}：{problem}"
        raise FileError(msg, f"无法读取文件：{problem}") from exc


def write(path: str, content: str | bytes, inputs: Sequence[str] = ()) -> None:
    """Write ``content`` to ``path`` whole or not at all: into a temporary file beside it, then
    renamed over it, so a failed write leaves an existing file as it was. Devices such as
    /dev/null are written to directly (renaming over them would replace the device). A path that
    is one of the command's ``inputs`` is refused: the output would overwrite what it came from."""
    target = Path(path)
    try:
        for source in inputs:
            if source != STDIN_PATH and target.exists() and target.samefile(source):
                msg = f"输出文件 {name(path)} 就是评价文件 {name(source)}，写入会覆盖评价文件"
                raise FileError(msg)
        existing = target.stat() if target.exists() else None
        if existing is not None and not stat.S_ISREG(existing.st_mode):
            if stat.S_ISDIR(existing.st_mode):
                raise IsADirectoryError(errno.EISDIR, "", path)
            target.write_bytes(encoded(content))
            return
        fd, temporary_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        temporary = Path(temporary_name)
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(encoded(content))
            temporary.chmod(existing.st_mode & 0o7777 if existing else _default_mode())
            temporary.replace(target)
        except BaseException:
            temporary.unlink()
            raise
    except OSError as exc:
        problem = os_problem(exc)
        raise FileError(f"无法写入文件 {name(path)}：{problem}") from exc


def encoded(content: str | bytes) -> bytes:
    return content if isinstance(content, bytes) else content.encode("utf-8")


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
